import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { describe, expect, it } from 'vitest';
import { adultWoman } from '../../support/app.ts';
import { ok, refused, register } from '../../support/flows.ts';
import { appsPerTest, AUDIT_KEYS, send } from './fixtures.ts';

/**
 * The audit record and its hash chain (API.md "Audit record").
 *
 * A conformance test written as an outside client would write it from /work/shared/API.md and
 * WORKFLOWS.md alone: the names, shapes and codes those pages give, nothing the implementation adds.
 * Behaviour asserted elsewhere (roles per route, error codes per cause, filters already covered) is
 * not repeated here.
 */

const app = appsPerTest();

describe('the audit record and its chain (API.md "Audit record")', () => {
  it('every record has the documented fields; hash = sha256(prevHash + canonical JSON of the record without hash); the first prevHash is 64 zeros', async () => {
    const t = await app();
    const id = await register(t, adultWoman);
    ok(await t.command('caseworker', id, 'screening', 'START'));
    await t.command('supervisor', id, 'screening', 'APPROVE'); // invalid: audited as refused
    await send(t, 'caseworker', id, { workflow: 'screening', type: 'SUBMIT' }); // refused
    const all = await t.request('reviewer', 'GET', '/v1/audit');
    expect(all.status).toBe(200);
    // The readable records carry the person's fields opened; the form the chain hashes (the
    // fields as per-person envelopes, docs/erasure.md) is `?form=hashed`, record for record.
    const hashedForm = await t.request('reviewer', 'GET', '/v1/audit?form=hashed');
    expect(hashedForm.body.items.map((r: Record<string, unknown>) => [r['seq'], r['hash']])).toEqual(all.body.items.map((r: Record<string, unknown>) => [r['seq'], r['hash']]));
    const records = hashedForm.body.items as Array<Record<string, any>>;
    expect(records.length).toBeGreaterThanOrEqual(4);
    expect(records[0]!['prevHash']).toBe('0'.repeat(64));
    let prev = '0'.repeat(64);
    for (const r of records) {
      for (const k of AUDIT_KEYS) expect(r, k).toHaveProperty(k);
      expect(r['actor']).toEqual({ id: expect.any(String), roles: expect.any(Array) });
      expect(['applied', 'refused', 'pending']).toContain(r['result']);
      expect(r['prevHash']).toBe(prev);
      const { hash, ...rest } = r;
      expect(createHash('sha256').update(r['prevHash'] + canonicalize(rest)).digest('hex')).toBe(hash);
      prev = hash;
    }
    const refusedRecords = records.filter((r) => r['result'] === 'refused');
    expect(refusedRecords.map((r) => r['type'])).toEqual(['APPROVE', 'SUBMIT']);
    expect(refusedRecords[0]!['actor']).toEqual({ id: t.users.supervisor.id, roles: ['supervisor'] });
    const verify = await t.request('admin', 'GET', '/v1/audit/verify');
    expect(verify.status).toBe(200);
    expect(verify.body).toEqual({ ok: true, records: records.length });
  });

  it('`from` and `to` compare instants (any offset); a date `to` includes its whole day; `cursor` pages like `nextCursor`', async () => {
    let now = '2026-06-01T10:00:00.000Z';
    const t = await app(() => now);
    const id = await register(t, adultWoman); // 10:00Z
    now = '2026-06-01T12:00:00.000Z';
    ok(await t.command('caseworker', id, 'screening', 'START')); // 12:00Z
    const items = async (q: string) => {
      const r = await t.request('reviewer', 'GET', `/v1/audit?${q}`);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body.items.map((i: { type: string }) => i.type);
    };
    // 12:00+02:00 is 10:00Z: both records are at or after it; 11:30+02:00 is 09:30Z.
    expect(await items(`from=${encodeURIComponent('2026-06-01T12:00:00+02:00')}`)).toEqual(['CASE_REGISTERED', 'START']);
    expect(await items(`to=${encodeURIComponent('2026-06-01T12:00:00+02:00')}`)).toEqual(['CASE_REGISTERED']);
    expect(await items(`to=${encodeURIComponent('2026-06-01T11:30:00+02:00')}`)).toEqual([]);
    expect(await items(`from=${encodeURIComponent('2026-06-01T13:00:00+02:00')}`)).toEqual(['START']);
    expect(await items(`from=${encodeURIComponent('2026-06-01T12:00:00Z')}`)).toEqual(['START']);
    expect(await items('from=2026-06-01&to=2026-06-01')).toEqual(['CASE_REGISTERED', 'START']);
    expect(await items('to=2026-05-31')).toEqual([]);
    const first = await t.request('reviewer', 'GET', '/v1/audit?limit=1');
    expect(first.body.nextCursor).not.toBeNull();
    const second = await t.request('reviewer', 'GET', `/v1/audit?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((i: { type: string }) => i.type)).toEqual(['START']);
  });
});

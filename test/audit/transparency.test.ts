import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyCheckpoint, verifyConsistency, verifyInclusion, leafHash, recordLeaf } from '../../tools/audit-verify.mjs';
import { RegisterCase } from '../../src/engine/cases.ts';
import type { Actor } from '../../workflows/roles.ts';
import { adultWoman, boy, testApp } from '../support/app.ts';
import { register as registerCase } from '../support/flows.ts';

/** Signed checkpoints and proofs over HTTP (issue 15.2, 15.3). */
const caseworker: Actor = { id: 'u-cw', roles: ['caseworker'] };
type T = Awaited<ReturnType<typeof testApp>>;
const h = (x: string) => Buffer.from(x, 'hex');

function register(t: T, n: number) {
  for (let i = 0; i < n; i += 1) t.app.services.cases.register(RegisterCase.parse(i % 2 ? adultWoman : boy()), caseworker);
}

describe('checkpoints, key and proofs', () => {
  let t: T;
  beforeEach(async () => {
    t = await testApp();
  });
  afterEach(async () => t.close());

  it('the latest checkpoint is a C2SP signed note over the tree, verifiable with the key the log publishes', async () => {
    register(t, 3);
    const key = await t.request('reviewer', 'GET', '/v1/audit/key');
    expect(key.status).toBe(200);
    expect(key.body).toMatchObject({ algorithm: 'Ed25519', name: expect.any(String), vkey: expect.stringMatching(/^[^+]+\+[0-9a-f]{8}\+/) });
    const cp = await t.request('admin', 'GET', '/v1/audit/checkpoint');
    expect(cp.status).toBe(200);
    const records = t.app.services.repos.audit.list().length;
    expect(cp.body).toMatchObject({ size: records, rootHash: expect.stringMatching(/^[0-9a-f]{64}$/), cosignatures: [] });
    const lines = (cp.body.note as string).split('\n');
    expect(lines.slice(0, 3)).toEqual([key.body.name, String(records), h(cp.body.rootHash).toString('base64')]);
    expect(lines[3]).toMatch(/^time \d{4}-/);
    expect(lines[5]).toMatch(/^\u2014 \S+ \S+$/);
    const checked = verifyCheckpoint(cp.body.note, key.body.vkey);
    expect(checked.size).toBe(records);
    // Another key does not verify it; an altered note does not verify.
    expect(() => verifyCheckpoint(cp.body.note.replace(`\n${records}\n`, `\n${records + 1}\n`), key.body.vkey)).toThrow(/no valid signature/);
  });

  it('checkpoints are made on demand and listed from a size on; the same size is never signed twice', async () => {
    register(t, 1);
    const first = await t.request('reviewer', 'POST', '/v1/audit/checkpoint');
    expect(first.status).toBe(201);
    const again = await t.request('reviewer', 'POST', '/v1/audit/checkpoint');
    expect(again.body.note).toBe(first.body.note);
    register(t, 2);
    const second = await t.request('reviewer', 'POST', '/v1/audit/checkpoint');
    expect(second.body.size).toBeGreaterThan(first.body.size);
    const all = await t.request('reviewer', 'GET', '/v1/audit/checkpoints?from=0');
    expect(all.body.items.map((c: { size: number }) => c.size)).toEqual([first.body.size, second.body.size]);
    const later = await t.request('reviewer', 'GET', `/v1/audit/checkpoints?from=${first.body.size + 1}`);
    expect(later.body.items.map((c: { size: number }) => c.size)).toEqual([second.body.size]);
    const paged = await t.request('reviewer', 'GET', '/v1/audit/checkpoints?from=0&limit=1');
    expect(paged.body).toMatchObject({ items: [{ size: first.body.size }], nextCursor: String(second.body.size) });
  });

  it('a checkpoint is signed after every N records (AUDIT_CHECKPOINT_EVERY) once a write is answered', async () => {
    const small = await testApp({ audit: { checkpointEvery: 3 } });
    const reg = () => registerCase(small, boy());
    await reg();
    await reg();
    expect(small.app.services.repos.transparency.latestCheckpoint()).toBeUndefined();
    await reg();
    expect(small.app.services.repos.transparency.latestCheckpoint()?.size).toBe(3);
    await small.close();
  });

  it('inclusion proofs lead from each record to the signed root; consistency proofs join two checkpoints', async () => {
    register(t, 2);
    const a = (await t.request('reviewer', 'POST', '/v1/audit/checkpoint')).body;
    register(t, 3);
    const b = (await t.request('reviewer', 'POST', '/v1/audit/checkpoint')).body;
    for (const r of t.app.services.repos.audit.list()) {
      const p = await t.request('reviewer', 'GET', `/v1/audit/proof/inclusion?seq=${r.seq}&size=${b.size}`);
      expect(p.status).toBe(200);
      expect(p.body).toMatchObject({ seq: r.seq, leafIndex: r.seq - 1, treeSize: b.size, rootHash: b.rootHash, checkpoint: { size: b.size } });
      // The proof is checked against a leaf computed from the record itself, not the one served.
      expect(verifyInclusion(r.seq - 1, b.size, leafHash(recordLeaf(r as unknown as Record<string, unknown>)), p.body.proof.map(h), h(b.rootHash))).toBe(true);
    }
    const byDefault = await t.request('reviewer', 'GET', '/v1/audit/proof/inclusion?seq=1');
    expect(byDefault.body.treeSize).toBe(b.size);
    const c = await t.request('reviewer', 'GET', `/v1/audit/proof/consistency?from=${a.size}&to=${b.size}`);
    expect(c.status).toBe(200);
    expect(c.body).toMatchObject({ from: a.size, to: b.size, fromRoot: a.rootHash, toRoot: b.rootHash });
    expect(verifyConsistency(a.size, b.size, c.body.proof.map(h), h(a.rootHash), h(b.rootHash))).toBe(true);
  });

  it('bad proof requests answer 400 naming the field, never 500', async () => {
    register(t, 1);
    const n = t.app.services.repos.audit.list().length;
    for (const [url, field] of [
      [`/v1/audit/proof/inclusion?seq=${n + 1}`, 'querystring.seq'],
      ['/v1/audit/proof/inclusion?seq=0', 'querystring.seq'],
      [`/v1/audit/proof/inclusion?seq=1&size=${n + 5}`, 'querystring.size'],
      ['/v1/audit/proof/inclusion?seq=abc', 'querystring.seq'],
      [`/v1/audit/proof/consistency?from=2&to=${n + 9}`, 'querystring.to'],
      ['/v1/audit/proof/consistency?from=2&to=1', 'querystring.from'],
      ['/v1/audit/checkpoints?from=-1', 'querystring.from'],
    ] as const) {
      const res = await t.request('reviewer', 'GET', url);
      expect(res.status, url).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION');
      expect(res.body.error.details.map((d: { path: string }) => d.path), url).toContain(field);
    }
  });

  it('reviewer and admin only; proofs carry hashes, never record content', async () => {
    register(t, 1);
    for (const role of ['caseworker', 'supervisor', 'bid_panel', 'legal_officer', 'policy'] as const) {
      for (const url of ['/v1/audit/checkpoint', '/v1/audit/key', '/v1/audit/checkpoints', '/v1/audit/proof/inclusion?seq=1', '/v1/audit/proof/consistency?from=0&to=1']) {
        expect((await t.request(role, 'GET', url)).status, `${role} ${url}`).toBe(403);
      }
    }
    expect((await t.request(null, 'GET', '/v1/audit/checkpoint')).status).toBe(401);
    const p = await t.request('reviewer', 'GET', '/v1/audit/proof/inclusion?seq=1');
    expect(JSON.stringify(p.body)).not.toMatch(/Amina|Haddad|P1234567|1994/);
  });
});

import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadOrCreateKey } from '../../src/audit/signer.ts';
import { runWitness } from '../../src/audit/witness.ts';
import { RegisterCase } from '../../src/engine/cases.ts';
import { parseNote, verifyCosignature } from '../../tools/audit-verify.mjs';
import type { Actor } from '../../workflows/roles.ts';
import { adultWoman, boy, testApp } from '../support/app.ts';

/** Two independent witnesses cosign the log's checkpoints over HTTP; a forked log is caught (issue 15.6). */
const caseworker: Actor = { id: 'u-cw', roles: ['caseworker'] };
type T = Awaited<ReturnType<typeof testApp>>;
const register = (t: T, n: number, who = boy) => {
  for (let i = 0; i < n; i += 1) t.app.services.cases.register(RegisterCase.parse(who()), caseworker);
};
async function serve(t: T): Promise<string> {
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  return `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
}

describe('witnesses', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kp-witness-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const witness = (name: string, url: string, token: string) => runWitness({ url, token, name, statePath: join(dir, `${name.replace(/\W/g, '_')}.json`), keyPath: join(dir, `${name.replace(/\W/g, '_')}.key`) });

  it('two witnesses check consistency and cosign; the log stores and shows both cosignatures', async () => {
    const t = await testApp({ audit: { keyPath: join(dir, 'log.key') } });
    const url = await serve(t);
    const token = t.users.reviewer.token;
    register(t, 2);
    const a1 = await witness('w1.example.org', url, token);
    const b1 = await witness('w2.example.org', url, token);
    expect(a1).toMatchObject({ status: 'cosigned' });
    expect(b1).toMatchObject({ status: 'cosigned', size: a1.status === 'cosigned' ? a1.size : -1 });
    expect(statSync(join(dir, 'w1_example_org.key')).mode & 0o777).toBe(0o600);
    register(t, 3);
    await t.request('reviewer', 'POST', '/v1/audit/checkpoint');
    // The second round needs a consistency proof from what each witness holds to the new head.
    const a2 = await witness('w1.example.org', url, token);
    const b2 = await witness('w2.example.org', url, token);
    expect(a2.status).toBe('cosigned');
    expect(b2.status).toBe('cosigned');
    const latest = (await t.request('reviewer', 'GET', '/v1/audit/checkpoint')).body;
    expect(latest.cosignatures.map((c: { witness: string }) => c.witness).sort()).toEqual(['w1.example.org', 'w2.example.org']);
    for (const c of latest.cosignatures) expect(verifyCosignature(parseNote(latest.note).body, c.line, c.vkey)).toBeGreaterThan(0);
    // A cosignature that does not verify is refused with 400, naming the line.
    const forged = await t.request('reviewer', 'POST', '/v1/audit/cosignatures', { size: latest.size, vkey: latest.cosignatures[0].vkey, line: latest.cosignatures[1].line });
    expect(forged.status).toBe(400);
    expect(forged.body.error.details[0].path).toBe('body.line');
    expect((await t.request(null, 'GET', '/health')).body).toEqual({ ok: true });
    await t.close();
  });

  it('a log showing another history under the same key is a fork: the witness refuses to cosign and /health, the fork list and the security log report it', async () => {
    const keyPath = join(dir, 'log.key');
    const honest = await testApp({ audit: { keyPath } });
    const honestUrl = await serve(honest);
    register(honest, 3);
    expect(await witness('w1.example.org', honestUrl, honest.users.reviewer.token)).toMatchObject({ status: 'cosigned' });
    expect(await witness('w2.example.org', honestUrl, honest.users.reviewer.token)).toMatchObject({ status: 'cosigned' });
    // The operator runs a second database with the same key and a different past.
    const forked = await testApp({ audit: { keyPath } });
    const forkedUrl = await serve(forked);
    register(forked, 5, () => adultWoman);
    const seen = await witness('w1.example.org', forkedUrl, forked.users.reviewer.token);
    expect(seen).toMatchObject({ status: 'fork', reason: expect.stringMatching(/no consistency proof/) });
    const health = (await forked.request(null, 'GET', '/health')).body;
    expect(health).toMatchObject({ ok: true, audit: { forked: true, lastFork: { reportedBy: 'w1.example.org' } } });
    const forks = (await forked.request('reviewer', 'GET', '/v1/audit/forks')).body.items;
    expect(forks).toHaveLength(1);
    expect(forked.logs.join('')).toMatch(/"security":true,"event":"audit_fork"/);
    // ... and the security log that reviewers read (issue 10.7) has it, with the witness that saw it.
    const events = (await forked.request('reviewer', 'GET', '/v1/security-events?kind=audit_fork')).body.items;
    expect(events).toEqual([expect.objectContaining({ kind: 'audit_fork', detail: expect.objectContaining({ reportedBy: 'w1.example.org' }) })]);
    expect((await honest.request('reviewer', 'GET', '/v1/security-events?kind=audit_fork')).body.items).toEqual([]);
    // The second witness sees it too; its cosignature was never given.
    expect((await witness('w2.example.org', forkedUrl, forked.users.reviewer.token)).status).toBe('fork');
    expect((await forked.request('reviewer', 'GET', '/v1/audit/checkpoint')).body.cosignatures).toEqual([]);
    // The honest log is not accused: a report of two of its own consistent checkpoints is refused.
    const state = JSON.parse(readFileSync(join(dir, 'w1_example_org.json'), 'utf8'));
    const noFork = await honest.request('reviewer', 'POST', '/v1/audit/forks', { witness: 'w1.example.org', notes: [state.checkpoint.note] });
    expect(noFork.status).toBe(400);
    expect((await honest.request(null, 'GET', '/health')).body).toEqual({ ok: true });
    await honest.close();
    await forked.close();
  });

  it('a witness refuses a log that changed its key', async () => {
    const t = await testApp({ audit: { keyPath: join(dir, 'a.key') } });
    const url = await serve(t);
    register(t, 1);
    expect((await witness('w1.example.org', url, t.users.reviewer.token)).status).toBe('cosigned');
    await t.close();
    const other = await testApp({ audit: { keyPath: join(dir, 'b.key') } });
    const otherUrl = await serve(other);
    register(other, 1);
    await expect(witness('w1.example.org', otherUrl, other.users.reviewer.token)).rejects.toThrow(/another key/);
    expect(loadOrCreateKey(join(dir, 'a.key'), 'x').vkey).not.toBe(loadOrCreateKey(join(dir, 'b.key'), 'x').vkey);
    await other.close();
  });
});

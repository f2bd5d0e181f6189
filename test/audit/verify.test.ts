import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RegisterCase } from '../../src/engine/cases.ts';
import type { Actor } from '../../workflows/roles.ts';
import { adultWoman, boy, testApp } from '../support/app.ts';

/** Incremental verification, and the full walk off the request path (issues 14.5, 15.7). */
const caseworker: Actor = { id: 'u-cw', roles: ['caseworker'] };
type T = Awaited<ReturnType<typeof testApp>>;
const register = (t: T, n: number) => {
  for (let i = 0; i < n; i += 1) t.app.services.cases.register(RegisterCase.parse(i % 2 ? adultWoman : boy()), caseworker);
};
const exec = (t: T, sql: string) => t.app.services.repos.db.$client.exec(sql);
const dropAuditTriggers = (t: T) => exec(t, 'DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete');

describe('GET /v1/audit/verify', () => {
  let t: T;
  beforeEach(async () => {
    t = await testApp({ audit: { verifyChunk: 2 } });
  });
  afterEach(async () => t.close());

  it('incremental by default: after a verified checkpoint only the records since are re-hashed', async () => {
    register(t, 3);
    const cp = (await t.request('reviewer', 'POST', '/v1/audit/checkpoint')).body;
    const first = await t.request('reviewer', 'GET', '/v1/audit/verify?detail=true');
    expect(first.body).toMatchObject({ ok: true, records: cp.size, mode: 'incremental', from: 0, checked: cp.size, checkpoints: 1 });
    register(t, 2);
    const total = t.app.services.repos.audit.list().length;
    const second = await t.request('reviewer', 'GET', '/v1/audit/verify?detail=true');
    expect(second.body).toMatchObject({ ok: true, records: total, mode: 'incremental', from: cp.size, checked: total - cp.size });
    // Records after the latest checkpoint are re-checked each time until a checkpoint covers them.
    expect((await t.request('reviewer', 'GET', '/v1/audit/verify?detail=true')).body).toMatchObject({ from: cp.size, checked: total - cp.size });
  });

  it('a record changed after the last verified checkpoint is named by the incremental run; one before it by the full run', async () => {
    register(t, 3);
    const cp = (await t.request('reviewer', 'POST', '/v1/audit/checkpoint')).body;
    expect((await t.request('reviewer', 'GET', '/v1/audit/verify?detail=true')).body.ok).toBe(true);
    register(t, 2);
    dropAuditTriggers(t);
    exec(t, `UPDATE audit SET type = 'FORGED' WHERE seq = ${cp.size + 1}`);
    expect((await t.request('reviewer', 'GET', '/v1/audit/verify?detail=true')).body).toMatchObject({ ok: false, firstBroken: { seq: cp.size + 1 } });
    exec(t, `UPDATE audit SET type = 'FORGED' WHERE seq = 2`);
    // The incremental run trusts what a sound run verified up to the checkpoint: the full run does not.
    const full = await t.request('reviewer', 'GET', '/v1/audit/verify?full=true&detail=true');
    expect(full.body).toMatchObject({ ok: false, mode: 'full', firstBroken: { seq: 2, reason: expect.stringMatching(/hash/) } });
  });

  it('the record at the verified checkpoint itself, a Merkle leaf, or a checkpoint root that was changed is named', async () => {
    register(t, 3);
    const cp = (await t.request('reviewer', 'POST', '/v1/audit/checkpoint')).body;
    expect((await t.request('reviewer', 'GET', '/v1/audit/verify?detail=true')).body.ok).toBe(true);
    dropAuditTriggers(t);
    exec(t, `UPDATE audit SET type = 'FORGED' WHERE seq = ${cp.size}`);
    expect((await t.request('reviewer', 'GET', '/v1/audit/verify?detail=true')).body).toMatchObject({ ok: false, firstBroken: { seq: cp.size, reason: expect.stringMatching(/changed since it was verified/) } });

    const u = await testApp();
    register(u, 3);
    u.app.services.repos.db.$client.exec('DROP TRIGGER audit_tree_no_update');
    u.app.services.repos.db.$client.exec(`UPDATE audit_tree SET hash = zeroblob(32) WHERE level = 0 AND idx = 1`);
    expect((await u.request('reviewer', 'GET', '/v1/audit/verify?full=true&detail=true')).body).toMatchObject({ ok: false, firstBroken: { seq: 2, reason: expect.stringMatching(/Merkle tree leaf/) } });
    await u.close();

    const v = await testApp();
    register(v, 3);
    const vcp = (await v.request('reviewer', 'POST', '/v1/audit/checkpoint')).body;
    v.app.services.repos.db.$client.exec('DROP TRIGGER audit_checkpoints_no_update');
    v.app.services.repos.db.$client.exec(`UPDATE audit_checkpoints SET root_hash = '${'0'.repeat(64)}' WHERE size = ${vcp.size}`);
    expect((await v.request('reviewer', 'GET', '/v1/audit/verify?detail=true')).body).toMatchObject({ ok: false, firstBroken: { seq: vcp.size, reason: expect.stringMatching(/checkpoint/) } });
    await v.close();
  });

  it('a removed record is named by the full run, the last one included (the tree still holds it)', async () => {
    register(t, 5);
    dropAuditTriggers(t);
    exec(t, 'DELETE FROM audit WHERE seq = 3');
    expect((await t.request('reviewer', 'GET', '/v1/audit/verify?full=true&detail=true')).body).toMatchObject({ ok: false, firstBroken: { seq: 4 } });
    exec(t, 'DELETE FROM audit WHERE seq >= 3');
    expect((await t.request('reviewer', 'GET', '/v1/audit/verify?full=true&detail=true')).body).toMatchObject({ ok: false, firstBroken: { seq: 3, reason: expect.stringMatching(/removed/) } });
  });

  it('/health and other routes answer while a full verification runs; its progress shows it was still running', async () => {
    register(t, 20);
    const total = t.app.services.repos.audit.list().length;
    const full = t.request('reviewer', 'GET', '/v1/audit/verify?full=true&detail=true');
    const health = await t.request(null, 'GET', '/health');
    const during = (await t.request('admin', 'GET', '/v1/audit/verify/progress')).body;
    const list = await t.request('reviewer', 'GET', '/v1/cases?limit=5');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ ok: true });
    expect(list.status).toBe(200);
    expect(during).toMatchObject({ running: true, total });
    expect(during.checked).toBeLessThan(total);
    const done = await full;
    expect(done.body).toMatchObject({ ok: true, mode: 'full', records: total, checked: total });
    expect((await t.request('admin', 'GET', '/v1/audit/verify/progress')).body).toMatchObject({ running: false, checked: total, result: { ok: true } });
  });

  it('the answer is { ok, records, firstBroken? } unless detail=true', async () => {
    register(t, 2);
    const records = t.app.services.repos.audit.list().length;
    expect((await t.request('reviewer', 'GET', '/v1/audit/verify')).body).toEqual({ ok: true, records });
    expect((await t.request('reviewer', 'GET', '/v1/audit/verify?full=true')).body).toEqual({ ok: true, records });
  });

  it('reviewer and admin only; `full` must be true or false', async () => {
    for (const role of ['caseworker', 'supervisor', 'policy'] as const) {
      expect((await t.request(role, 'GET', '/v1/audit/verify?full=true&detail=true')).status).toBe(403);
      expect((await t.request(role, 'GET', '/v1/audit/verify/progress')).status).toBe(403);
    }
    const bad = await t.request('reviewer', 'GET', '/v1/audit/verify?full=yes');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('querystring.full');
  });
});

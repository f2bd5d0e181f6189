import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RegisterCase } from '../../src/engine/cases.ts';
import { adultWoman, testApp } from '../support/app.ts';
import { signIn as signInAs } from '../support/web.ts';

/** The reviewers' audit page shows the signed log (issue 15.9). */
type T = Awaited<ReturnType<typeof testApp>>;

const signIn = (t: T, token: string): Promise<string> => signInAs(t.app, token);

describe('the audit page and the signed log', () => {
  let t: T;
  let cookie: string;
  beforeEach(async () => {
    t = await testApp();
    t.app.services.cases.register(RegisterCase.parse(adultWoman), { id: t.users.caseworker.id, roles: t.users.caseworker.roles });
    cookie = await signIn(t, t.users.reviewer.token);
  });
  afterEach(async () => t.close());

  it('shows the latest checkpoint, its key, its cosignatures (none yet), the browser check, and links each record to its inclusion proof', async () => {
    const res = await t.app.inject({ url: '/ui/audit', headers: { cookie } });
    expect(res.statusCode).toBe(200);
    const cp = t.app.services.transparency.latest();
    expect(res.body).toContain(`data-size="${cp.size}"`);
    expect(res.body).toContain(`data-root="${cp.rootHash}"`);
    expect(res.body).toContain(t.app.services.transparency.key().vkey);
    expect(res.body).toContain('No witness has cosigned this checkpoint yet.');
    expect(res.body).toContain('id="browser-check"');
    expect(res.body).toContain('<script src="/ui/assets/audit-proofs.js" defer></script>');
    expect(res.body).not.toContain('id="fork-status"');
    expect(res.body).toContain('href="/ui/audit/proof/inclusion?seq=1"');
    const proof = await t.app.inject({ url: '/ui/audit/proof/inclusion?seq=1', headers: { cookie } });
    expect(proof.statusCode).toBe(200);
    expect(proof.json()).toMatchObject({ seq: 1, treeSize: cp.size, rootHash: cp.rootHash });
    const consistency = await t.app.inject({ url: `/ui/audit/proof/consistency?from=1&to=${cp.size}`, headers: { cookie } });
    expect(consistency.json()).toMatchObject({ from: 1, to: cp.size, toRoot: cp.rootHash });
    expect((await t.app.inject({ url: '/ui/audit/proof/inclusion?seq=x', headers: { cookie } })).statusCode).toBe(400);
    const script = await t.app.inject({ url: '/ui/assets/audit-proofs.js' });
    expect(script.statusCode).toBe(200);
    expect(script.body).toContain('localStorage');
  });

  it('a fork is shown loudly', async () => {
    t.app.services.repos.transparency.insertFork(new Date().toISOString(), 'w1.example.org', { reason: 'test' });
    const res = await t.app.inject({ url: '/ui/audit', headers: { cookie } });
    expect(res.body).toMatch(/id="fork-status" role="alert" data-forked="true">✗ FORK/);
  });

  it('the proof routes are for reviewers (and admin) only', async () => {
    const caseworker = await signIn(t, t.users.caseworker.token);
    expect((await t.app.inject({ url: '/ui/audit/proof/inclusion?seq=1', headers: { cookie: caseworker } })).statusCode).toBe(403);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyInclusion, leafHash, recordLeaf } from '../../tools/audit-verify.mjs';
import { adultWoman, testApp } from '../support/app.ts';
import { signIn } from '../support/web.ts';
import { register } from '../support/flows.ts';

/** Each record on the case page's timeline links to its inclusion proof (issue 15.9), within the case's scope. */
let t: Awaited<ReturnType<typeof testApp>>;
let caseId: string;
let otherCaseSeq: number;
let otherCase: string;
beforeAll(async () => {
  t = await testApp({ assignAll: false });
  caseId = await register(t, adultWoman);
  await t.command('caseworker', caseId, 'screening', 'START');
  const teamB = await t.team('team B');
  const outsider = t.member([teamB], 'caseworker B', 'caseworker');
  otherCase = await register(t, adultWoman, outsider);
  otherCaseSeq = (await t.request(outsider, 'GET', `/v1/cases/${otherCase}/history`)).body.items[0].seq as number;
});
afterAll(() => t.close());

describe('proof links on the case page timeline', () => {
  it('every timeline record links to a proof that leads from the stored record to the signed root', async () => {
    const cookie = await signIn(t.app, t.users.caseworker.token);
    const page = await t.app.inject({ url: `/ui/cases/${caseId}`, headers: { cookie } });
    expect(page.statusCode).toBe(200);
    const history = (await t.request('caseworker', 'GET', `/v1/cases/${caseId}/history`)).body.items as Array<Record<string, unknown> & { seq: number }>;
    for (const r of history) expect(page.body).toContain(`href="/ui/cases/${caseId}/proof/${r.seq}"`);
    const record = history[1]!;
    const res = await t.app.inject({ url: `/ui/cases/${caseId}/proof/${record.seq}`, headers: { cookie } });
    expect(res.statusCode).toBe(200);
    const proof = res.json();
    expect(proof).toMatchObject({ seq: record.seq, leafIndex: record.seq - 1 });
    expect(proof.leafHash).toBe(leafHash(recordLeaf(record)).toString('hex'));
    expect(verifyInclusion(proof.leafIndex, proof.treeSize, Buffer.from(proof.leafHash, 'hex'), proof.proof.map((p: string) => Buffer.from(p, 'hex')), Buffer.from(proof.rootHash, 'hex'))).toBe(true);
    expect(proof.checkpoint.rootHash).toBe(proof.rootHash);
  });

  it('a record of another case, an unknown or malformed record number, or a case out of scope is refused', async () => {
    const cookie = await signIn(t.app, t.users.caseworker.token);
    expect((await t.app.inject({ url: `/ui/cases/${caseId}/proof/${otherCaseSeq}`, headers: { cookie } })).statusCode).toBe(404);
    expect((await t.app.inject({ url: `/ui/cases/${caseId}/proof/99999`, headers: { cookie } })).statusCode).toBe(404);
    const bad = await t.app.inject({ url: `/ui/cases/${caseId}/proof/x1`, headers: { cookie } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('params.seq');
    // Team B's case is out of the caseworker's scope: 404 as for an unknown case.
    expect((await t.app.inject({ url: `/ui/cases/${otherCase}/proof/${otherCaseSeq}`, headers: { cookie } })).statusCode).toBe(404);
    // An admin reads no case pages.
    const admin = await signIn(t.app, t.users.admin.token);
    expect((await t.app.inject({ url: `/ui/cases/${caseId}/proof/1`, headers: { cookie: admin } })).statusCode).toBe(403);
  });
});

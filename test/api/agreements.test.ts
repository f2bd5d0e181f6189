import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyBundle } from '../../tools/audit-verify.mjs';
import { adultWoman, boy, testApp } from '../support/app.ts';
import { register } from '../support/flows.ts';

/** Issue 11.5: data-sharing agreements (four-eyes by DPOs) and the dossier disclosed under one. */
let t: Awaited<ReturnType<typeof testApp>>;
let dpo1: { id: string; token: string };
let dpo2: { id: string; token: string };
beforeAll(async () => {
  t = await testApp();
  dpo1 = t.extra('dpo-1', 'data_protection_officer');
  dpo2 = t.extra('dpo-2', 'data_protection_officer');
});
afterAll(() => t.close());

const agreementBody = (extra: Record<string, unknown> = {}) => ({
  recipient: { name: 'Consulate of France', kind: 'consular', state: 'FR' },
  legalBasis: 'bilateral repatriation arrangement, art. 4',
  purposes: ['organise repatriation'],
  fields: ['names', 'dateOfBirth', 'nationalities', 'location', 'ageBand'],
  validFrom: '2020-01-01',
  validTo: '2099-12-31',
  ...extra,
});

async function approvedAgreement(extra: Record<string, unknown> = {}): Promise<string> {
  const proposed = await t.request(dpo1, 'POST', '/v1/agreements', agreementBody(extra));
  expect(proposed.status).toBe(201);
  const approved = await t.request(dpo2, 'POST', `/v1/agreements/${proposed.body.id}/approve`);
  expect(approved.status).toBe(200);
  return proposed.body.id as string;
}

describe('data-sharing agreements', () => {
  it('a DPO proposes, another DPO approves (four-eyes); the proposer cannot approve; others may not propose', async () => {
    const proposed = await t.request(dpo1, 'POST', '/v1/agreements', agreementBody());
    expect(proposed.body).toMatchObject({ status: 'proposed', proposedBy: dpo1.id, approvedBy: null, fields: agreementBody().fields });
    const self = await t.request(dpo1, 'POST', `/v1/agreements/${proposed.body.id}/approve`);
    expect(self.status).toBe(403);
    expect(self.body.error.message).toContain('four-eyes');
    expect((await t.request('supervisor', 'POST', '/v1/agreements', agreementBody())).status).toBe(403);
    const ok = await t.request(dpo2, 'POST', `/v1/agreements/${proposed.body.id}/approve`);
    expect(ok.body).toMatchObject({ status: 'approved', approvedBy: dpo2.id });
    const audit = await t.request('reviewer', 'GET', '/v1/audit');
    expect(audit.body.items.map((r: { type: string }) => r.type)).toEqual(expect.arrayContaining(['AGREEMENT_PROPOSED', 'AGREEMENT_APPROVED']));
  });

  it('validates the agreement (naming the field): dates in order, no full_record', async () => {
    const bad = await t.request(dpo1, 'POST', '/v1/agreements', agreementBody({ validTo: '2019-01-01' }));
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error.details)).toContain('validTo');
    expect((await t.request(dpo1, 'POST', '/v1/agreements', agreementBody({ fields: ['full_record'] }))).status).toBe(400);
  });
});

describe('GET /v1/cases/:id/dossier', () => {
  it('holds only the agreement\'s fields, is in the audit chain as a disclosure and in the reads log; printable too', async () => {
    const id = await approvedAgreement();
    const caseId = await register(t, adultWoman);
    const d = await t.request(dpo1, 'GET', `/v1/cases/${caseId}/dossier?agreement=${id}`);
    expect(d.status).toBe(200);
    expect(Object.keys(d.body.content).sort()).toEqual(['ageBand', 'dateOfBirth', 'location', 'names', 'nationalities']);
    expect(d.body.content.names).toEqual(adultWoman.person.names);
    expect(JSON.stringify(d.body)).not.toContain('P1234567');
    const history = await t.request('supervisor', 'GET', `/v1/cases/${caseId}/history`);
    const share = history.body.items.find((r: { type: string }) => r.type === 'SHARE_RECORD');
    expect(share).toMatchObject({ result: 'applied', seq: d.body.auditSeq, data: { agreementId: id, agreement: { id, legalBasis: 'bilateral repatriation arrangement, art. 4' } } });
    expect((await t.request('reviewer', 'GET', '/v1/audit/verify')).body.ok).toBe(true);
    const reads = t.app.services.repos.recordReads.list({ caseId });
    expect(reads).toEqual([expect.objectContaining({ actorId: dpo1.id, route: 'GET /v1/cases/:id/dossier', purpose: `disclosure under agreement ${id}` })]);
    const html = await t.request(dpo1, 'GET', `/v1/cases/${caseId}/dossier?agreement=${id}&format=html`);
    expect(html.raw.headers['content-type']).toContain('text/html');
    expect(html.raw.body).toContain(`data-sharing agreement ${id}`);
    expect(html.raw.body).not.toContain('P1234567');
  });

  it('carries a proof bundle of the disclosure record alone, verifiable offline with the log key; nothing outside the agreement travels in it', async () => {
    const id = await approvedAgreement({ fields: ['nationalities', 'ageBand'] });
    const caseId = await register(t, adultWoman);
    await t.command('caseworker', caseId, 'screening', 'START');
    const d = await t.request(dpo1, 'GET', `/v1/cases/${caseId}/dossier?agreement=${id}`);
    expect(d.status).toBe(200);
    const vkey = (await t.request('reviewer', 'GET', '/v1/audit/key')).body.vkey as string;
    const proofs = d.body.proofs;
    expect(proofs.records.map((r: { seq: number }) => r.seq)).toEqual([d.body.auditSeq]);
    expect(proofs.records[0].hashed).toMatchObject({ seq: d.body.auditSeq, caseId, type: 'SHARE_RECORD', result: 'applied' });
    expect(proofs.caseRecords).toMatchObject({ caseId, from: d.body.auditSeq, to: d.body.auditSeq });
    expect(verifyBundle(proofs, vkey)).toMatchObject({ ok: true, complete: true, checked: 1 });
    // The case's other records (registration, screening) hold fields the agreement does not share: not in the bundle.
    const bundleText = JSON.stringify(proofs);
    for (const secret of ['P1234567', adultWoman.person.names[0]!.family]) expect(bundleText).not.toContain(secret);
    // The recipient checks the saved JSON dossier with the standalone verifier.
    const dir = mkdtempSync(join(tmpdir(), 'kp-dossier-'));
    try {
      const file = join(dir, 'dossier.json');
      writeFileSync(file, JSON.stringify(d.body));
      const ok = spawnSync(process.execPath, [join(process.cwd(), 'tools', 'audit-verify.mjs'), file, '--key', vkey], { encoding: 'utf8' });
      expect(ok.status).toBe(0);
      const forged = structuredClone(d.body);
      forged.proofs.records[0].hashed.data.fields = ['names'];
      writeFileSync(file, JSON.stringify(forged));
      const bad = spawnSync(process.execPath, [join(process.cwd(), 'tools', 'audit-verify.mjs'), file, '--key', vkey], { encoding: 'utf8' });
      expect(bad.status).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const html = await t.request(dpo1, 'GET', `/v1/cases/${caseId}/dossier?agreement=${id}&format=html`);
    expect(html.raw.body).toContain('Signed audit log');
    expect(html.raw.body).toContain('kp-case-records/v1');
  });

  it('a child\'s dossier leaves out identifying fields whatever the agreement allows', async () => {
    const id = await approvedAgreement();
    const caseId = await register(t, boy());
    const d = await t.request('supervisor', 'GET', `/v1/cases/${caseId}/dossier?agreement=${id}`);
    expect(d.status).toBe(200);
    expect(Object.keys(d.body.content).sort()).toEqual(['ageBand', 'location', 'nationalities']);
    expect(JSON.stringify(d.body)).not.toContain('Yusuf');
  });

  it('refused with KP-DATA-01 under an agreement not yet approved, expired or unknown (audited as refused); KP-DATA-02 for a child to a security body', async () => {
    const caseId = await register(t, adultWoman);
    const proposed = await t.request(dpo1, 'POST', '/v1/agreements', agreementBody());
    const expired = await approvedAgreement({ validFrom: '2020-01-01', validTo: '2021-01-01' });
    for (const [agreement, reason] of [[proposed.body.id, 'not approved'], [expired, 'expired on 2021-01-01'], ['dsa-none', 'no data-sharing agreement dsa-none exists']] as const) {
      const d = await t.request(dpo1, 'GET', `/v1/cases/${caseId}/dossier?agreement=${agreement}`);
      expect(d.status).toBe(422);
      expect(d.body.error.code).toBe('RULES_REFUSED');
      expect(d.body.error.details.verdicts).toEqual([expect.objectContaining({ rule: 'KP-DATA-01', reason: expect.stringContaining(reason) })]);
    }
    const security = await approvedAgreement({ recipient: { name: 'Interior intelligence directorate', kind: 'security_actor' }, fields: ['screening', 'ageBand'] });
    const childId = await register(t, boy());
    const refused = await t.request('supervisor', 'GET', `/v1/cases/${childId}/dossier?agreement=${security}`);
    expect(refused.status).toBe(422);
    expect(refused.body.error.details.verdicts).toEqual([expect.objectContaining({ rule: 'KP-DATA-02' })]);
    expect(t.app.services.repos.recordReads.list({ caseId: childId }).filter((r) => r.route.includes('dossier'))).toEqual([]);
  });

  it('SHARE_RECORD without an agreement is refused with KP-DATA-01; roles without disclosure duty get 403', async () => {
    const caseId = await register(t, adultWoman);
    const share = await t.command('supervisor', caseId, 'case', 'SHARE_RECORD', { purpose: 'organise repatriation', fields: ['nationalities'] });
    expect(share.status).toBe(422);
    expect(share.body.error.details.verdicts).toEqual([expect.objectContaining({ rule: 'KP-DATA-01', reason: expect.stringContaining('no data-sharing agreement is named') })]);
    const id = await approvedAgreement();
    expect((await t.request('caseworker', 'GET', `/v1/cases/${caseId}/dossier?agreement=${id}`)).status).toBe(403);
    expect((await t.request('reviewer', 'GET', `/v1/cases/${caseId}/dossier?agreement=${id}`)).status).toBe(403);
  });
});

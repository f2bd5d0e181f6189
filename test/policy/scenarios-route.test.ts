import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.ts';

const yaml = (expectApprove: string) => `
name: four-eyes
description: the submitter may not approve
caseFile:
  person: { names: [{ given: A }], sex: female, dateOfBirth: { exact: 1990-01-01 } }
  location: { kind: camp, name: Roj, state: SY }
steps:
  - { as: caseworker, workflow: screening, type: START, expect: { result: applied, state: in_progress } }
  - as: caseworker
    workflow: screening
    type: RECORD_INTERVIEW
    data: { participants: [{ role: screening_officer }], appropriateAdultPresent: false, femaleInterviewerOffered: true, language: en, interpreter: false }
    expect: applied
  - as: caseworker
    workflow: screening
    type: RECORD_ASSESSMENT
    data: { victimIndicators: [], referrals: [], affiliation: { level: none, evidenceIds: [] }, ageGenderConsiderations: x, outcome: no_concern }
    expect: applied
  - { as: { id: u1, roles: [caseworker, supervisor] }, workflow: screening, type: SUBMIT, expect: submitted }
  - { as: { id: u1, roles: [caseworker, supervisor] }, workflow: screening, type: APPROVE, expect: ${expectApprove} }
`;

describe('POST /v1/scenarios/run', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  beforeEach(async () => {
    t = await testApp();
  });
  afterEach(async () => t.close());

  it('runs a posted YAML scenario and reports each step; nothing is written', async () => {
    const ok = await t.request('policy', 'POST', '/v1/scenarios/run', yaml('{ result: refused, rules: [KP-SYS-03] }').replace('expect: submitted', 'expect: { state: submitted }'), { 'content-type': 'application/yaml' });
    expect(ok.status).toBe(200);
    expect(ok.body.passed).toBe(true);
    expect(ok.body.steps).toHaveLength(5);
    expect(ok.body.trace.steps[4].failed).toEqual(['KP-SYS-03']);
    expect(ok.body.coverage).toEqual(expect.arrayContaining([expect.objectContaining({ rule: 'KP-SYS-03', mark: 'refusing' })]));
    expect((await t.request('reviewer', 'GET', '/v1/cases')).body.items).toHaveLength(0);
  });

  it('a scenario\'s data-sharing agreements stay in its dry run: none reaches the real database (only two DPOs approve one)', async () => {
    const withAgreement = yaml('{ result: refused, rules: [KP-SYS-03] }').replace('expect: submitted', 'expect: { state: submitted }').replace('caseFile:', [
      'agreements:',
      '  - { id: dsa-from-a-file, recipient: { name: Agency, kind: un_agency }, legalBasis: art. 5, purposes: [education], fields: [ageBand, sex], validFrom: 2026-01-01, validTo: 2027-12-31, status: approved, proposedBy: u-dpo-1, approvedBy: u-dpo-2 }',
      'caseFile:',
    ].join('\n'));
    const res = await t.request('policy', 'POST', '/v1/scenarios/run', withAgreement, { 'content-type': 'application/yaml' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.passed).toBe(true);
    const listed = await t.request('data_protection_officer', 'GET', '/v1/agreements');
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.body)).not.toContain('dsa-from-a-file');
    expect((await t.request('data_protection_officer', 'GET', '/v1/agreements/dsa-from-a-file')).status).toBe(404);
  });

  it('reports a failed expectation', async () => {
    const res = await t.request('policy', 'POST', '/v1/scenarios/run', yaml('applied').replace('expect: submitted', 'expect: { state: submitted }'), { 'content-type': 'text/plain' });
    expect(res.status).toBe(200);
    expect(res.body.passed).toBe(false);
    expect(res.body.steps[4].problems[0]).toMatch(/expected applied, got refused \(KP-SYS-03: /);
  });

  it('accepts the scenario as JSON', async () => {
    const res = await t.request('policy', 'POST', '/v1/scenarios/run', {
      name: 'json',
      description: 'start',
      caseFile: { person: { names: [{ given: 'A' }], sex: 'female', dateOfBirth: { exact: '1990-01-01' } }, location: { kind: 'camp', name: 'Roj', state: 'SY' } },
      steps: [{ as: 'caseworker', workflow: 'screening', type: 'START', expect: { result: 'applied', state: 'in_progress' } }],
    });
    expect(res.status).toBe(200);
    expect(res.body.passed).toBe(true);
  });

  it('400 on a scenario that is not one; 403 for other roles', async () => {
    const bad = await t.request('policy', 'POST', '/v1/scenarios/run', 'name: [unclosed', { 'content-type': 'application/yaml' });
    expect(bad.status).toBe(400);
    const incomplete = await t.request('policy', 'POST', '/v1/scenarios/run', 'name: x\ndescription: y\n', { 'content-type': 'application/yaml' });
    expect(incomplete.status).toBe(400);
    expect(JSON.stringify(incomplete.body.error.details)).toContain('scenario.caseFile');
    expect((await t.request('caseworker', 'POST', '/v1/scenarios/run', 'name: x', { 'content-type': 'application/yaml' })).status).toBe(403);
  });
});

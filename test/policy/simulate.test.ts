import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adultWoman, boy, goodInterview, testApp, victimAssessment } from '../support/app.ts';
import { register } from '../support/flows.ts';

type App = Awaited<ReturnType<typeof testApp>>;

/** Every row of every table: a dry run must leave all of them as they were. */
function rowCounts(t: App): Record<string, number> {
  const client = t.app.services.repos.db.$client;
  const tables = client.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%'").all() as Array<{ name: string }>;
  return Object.fromEntries(tables.map(({ name }) => [name, (client.prepare(`select count(*) as n from "${name}"`).get() as { n: number }).n]));
}

const screeningSteps = (approver: unknown) => [
  { as: 'caseworker', workflow: 'screening', type: 'START' },
  { as: 'caseworker', workflow: 'screening', type: 'RECORD_INTERVIEW', data: goodInterview },
  { as: 'caseworker', workflow: 'screening', type: 'RECORD_ASSESSMENT', data: victimAssessment },
  { as: 'caseworker', workflow: 'screening', type: 'SUBMIT' },
  { as: approver, workflow: 'screening', type: 'APPROVE' },
];

describe('POST /v1/simulate', () => {
  let t: App;
  beforeEach(async () => {
    t = await testApp();
  });
  afterEach(async () => t.close());

  it('runs a hypothetical case through the real engine and writes nothing', async () => {
    const before = rowCounts(t);
    const res = await t.request('policy', 'POST', '/v1/simulate', {
      caseFile: adultWoman,
      at: '2026-06-01T10:00:00.000Z',
      commands: [
        ...screeningSteps({ id: 'sim-caseworker', roles: ['supervisor'] }),
        { as: 'supervisor', workflow: 'screening', type: 'APPROVE' },
      ],
    });
    expect(res.status).toBe(200);
    const steps = res.body.steps as Array<Record<string, any>>;
    expect(steps.map((s) => s.result)).toEqual(['applied', 'applied', 'applied', 'applied', 'refused', 'applied']);
    expect(steps[0]).toMatchObject({ before: 'pending', after: 'in_progress', case: 'subject', at: '2026-06-01T10:00:00.000Z' });
    // The submitter approving her own work: four-eyes refuses, the state stays.
    expect(steps[4]).toMatchObject({ before: 'submitted', after: 'submitted', failed: ['KP-SYS-03'] });
    expect(steps[4]!.verdicts.some((v: { rule: string; ok: boolean }) => v.rule === 'KP-SYS-03' && !v.ok)).toBe(true);
    expect(steps[5]).toMatchObject({ before: 'submitted', after: 'completed', outcome: 'victim' });
    expect(steps[5]!.verdicts.every((v: { ok: boolean }) => v.ok)).toBe(true);
    expect(res.body.cases[0].workflows).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'screening', state: 'completed' })]));
    expect(rowCounts(t)).toEqual(before);
    const list = await t.request('reviewer', 'GET', '/v1/cases');
    expect(list.body.items).toHaveLength(0);
    const audit = await t.request('reviewer', 'GET', '/v1/audit');
    expect(audit.body.items ?? []).toHaveLength(0);
  });

  it('reports errors per step (role, schema, unknown workflow) without stopping the run', async () => {
    const res = await t.request('caseworker', 'POST', '/v1/simulate', {
      caseFile: adultWoman,
      commands: [
        { as: 'caseworker', workflow: 'screening', type: 'APPROVE' },
        { as: 'caseworker', workflow: 'screening', type: 'RECORD_INTERVIEW', data: { nonsense: true } },
        { as: 'caseworker', workflow: 'no_such_workflow', type: 'START' },
        { as: 'caseworker', workflow: 'screening', type: 'SUBMIT' },
        { as: 'caseworker', workflow: 'screening', type: 'START' },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.steps.map((s: { result: string; error?: { code: string } }) => s.error?.code ?? s.result)).toEqual(['FORBIDDEN', 'VALIDATION', 'NOT_FOUND', 'INVALID_TRANSITION', 'applied']);
  });

  it('simulates family members, addressed by case and cited as $family:N', async () => {
    const res = await t.request('policy', 'POST', '/v1/simulate', {
      caseFile: boy(),
      family: [{ ...adultWoman, relation: 'mother' }],
      commands: [
        { as: 'caseworker', workflow: 'screening', type: 'START', case: 'family:0' },
        { as: 'caseworker', workflow: 'screening', type: 'START', case: 1 },
        { as: 'caseworker', workflow: 'screening', type: 'START' },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.steps.map((s: { case: string; result: string }) => `${s.case}:${s.result}`)).toEqual(['family:0:applied', 'family:0:invalid', 'subject:applied']);
    expect(res.body.cases).toHaveLength(2);
    expect(res.body.steps[0].caseId).toBe(res.body.cases[1].id);
  });

  it('cites hypothetical evidence by ref', async () => {
    const res = await t.request('policy', 'POST', '/v1/simulate', {
      caseFile: { ...adultWoman, evidence: [{ ref: 'husband', kind: 'report', summary: 'husband is a fighter', concerns: 'family_member', source: 'service', at: '2024-01-01' }] },
      commands: [
        { as: 'caseworker', workflow: 'screening', type: 'START' },
        { as: 'caseworker', workflow: 'screening', type: 'RECORD_ASSESSMENT', data: { ...victimAssessment, affiliation: { level: 'suspected', evidenceIds: ['$evidence:husband'] }, outcome: 'victim_and_suspect' } },
      ],
    });
    expect(res.body.steps[1]).toMatchObject({ result: 'refused', failed: ['KP-SCR-02'] });
  });

  it('runs on a copy of a live case: the live case is unchanged', async () => {
    const id = await register(t, adultWoman);
    await t.command('caseworker', id, 'screening', 'START');
    const before = rowCounts(t);
    const live = await t.request('caseworker', 'GET', `/v1/cases/${id}`);
    const res = await t.request('supervisor', 'POST', '/v1/simulate', {
      caseId: id,
      commands: [
        { as: 'caseworker', workflow: 'screening', type: 'RECORD_INTERVIEW', data: goodInterview },
        { as: 'caseworker', workflow: 'screening', type: 'RECORD_ASSESSMENT', data: victimAssessment },
        { as: 'caseworker', workflow: 'screening', type: 'SUBMIT' },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.hypothetical).toBe(false);
    expect(res.body.steps.map((s: { after: string }) => s.after)).toEqual(['in_progress', 'in_progress', 'submitted']);
    const after = await t.request('caseworker', 'GET', `/v1/cases/${id}`);
    expect(after.body.version).toBe(live.body.version);
    expect(after.body.workflows.find((w: { kind: string }) => w.kind === 'screening').state).toBe('in_progress');
    expect(rowCounts(t)).toEqual(before);
    expect((await t.request('policy', 'POST', '/v1/simulate', { caseId: 'nope', commands: [] })).status).toBe(404);
  });

  it('`at` sets the clock: the same person is a child in 2020 and an adult in 2026', async () => {
    const person = { ...adultWoman, person: { ...adultWoman.person, dateOfBirth: { exact: '2004-01-01' } } };
    const interview = { participants: [{ role: 'screening_officer' }], appropriateAdultPresent: false, femaleInterviewerOffered: true, language: 'fr', interpreter: false };
    const run = (at: string) =>
      t.request('policy', 'POST', '/v1/simulate', {
        caseFile: person,
        at,
        commands: [
          { as: 'caseworker', workflow: 'screening', type: 'START' },
          { as: 'caseworker', workflow: 'screening', type: 'RECORD_INTERVIEW', data: interview },
        ],
      });
    const child = await run('2020-06-01T10:00:00.000Z');
    expect(child.body.steps[1]).toMatchObject({ result: 'refused', failed: ['KP-SCR-05'], at: '2020-06-01T10:00:00.000Z' });
    const adult = await run('2026-06-01T10:00:00.000Z');
    expect(adult.body.steps[1].result).toBe('applied');
  });

  it('two-step approvals: a pending proposal is confirmed with $pending by a different user', async () => {
    // No screening rule is 2ND; the envelope still resolves $pending to the last proposal (none here).
    const res = await t.request('policy', 'POST', '/v1/simulate', {
      caseFile: adultWoman,
      commands: [{ as: 'supervisor', workflow: 'screening', type: 'CONFIRM_PENDING', data: { pendingId: '$pending' } }],
    });
    expect(res.body.steps[0]).toMatchObject({ result: 'error', error: { code: 'NOT_FOUND' } });
  });

  it('validates the body (400), needs a token (401), and is open to every role', async () => {
    expect((await t.request('policy', 'POST', '/v1/simulate', { caseFile: adultWoman })).status).toBe(400);
    expect((await t.request('policy', 'POST', '/v1/simulate', { caseFile: { person: {} }, commands: [] })).status).toBe(400);
    expect((await t.request('policy', 'POST', '/v1/simulate', { caseFile: adultWoman, commands: [{ as: 'wizard', workflow: 'screening', type: 'START' }] })).status).toBe(400);
    expect((await t.request(null, 'POST', '/v1/simulate', { caseFile: adultWoman, commands: [] })).status).toBe(401);
    for (const role of ['reviewer', 'admin', 'bid_panel'] as const) {
      expect((await t.request(role, 'POST', '/v1/simulate', { caseFile: adultWoman, commands: [] })).status).toBe(200);
    }
  });
});

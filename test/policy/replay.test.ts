import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayAll, replayCase } from '../../src/engine/replay.ts';
import { adultWoman, boy, goodInterview, testApp, victimAssessment } from '../support/app.ts';
import { register } from '../support/flows.ts';

const risks = (level: 'none' | 'substantial', child = false) => [
  ...['torture', 'cruel_treatment', 'death_penalty', 'onward_removal'].map((type) => ({ type, level: type === 'death_penalty' ? level : 'none', sources: ['assessment'] })),
  ...(child ? [{ type: 'life_without_parole', level: 'none', sources: ['assessment'] }] : []),
];

/** Replay rebuilds every workflow of every case of an end-to-end API run from the audit records alone. */
describe('replay', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let mother: string;
  let child: string;
  beforeAll(async () => {
    t = await testApp();
    const secondLegal = t.extra('legal-2', 'legal_officer');
    mother = await register(t, adultWoman);
    child = await register(t, { ...boy(), familyLinks: [{ caseId: mother, relation: 'mother' }] });
    for (const id of [mother, child]) {
      await t.command('caseworker', id, 'screening', 'START');
      await t.command('caseworker', id, 'screening', 'RECORD_INTERVIEW', goodInterview);
      await t.command('caseworker', id, 'screening', 'SUBMIT'); // refused: no assessment yet
      await t.command('caseworker', id, 'screening', 'RECORD_ASSESSMENT', victimAssessment);
      await t.command('caseworker', id, 'screening', 'SUBMIT');
      await t.command('supervisor', id, 'screening', 'RETURN', { reason: 'add the referral' });
      await t.command('caseworker', id, 'screening', 'SUBMIT');
      await t.command('supervisor', id, 'screening', 'APPROVE');
      await t.command('caseworker', id, 'nationality', 'REQUEST_VERIFICATION', { state: 'FR' });
      await t.command('supervisor', id, 'nationality', 'CONFIRM', { state: 'FR', documentRef: 'FR-consulate-1' });
      await t.command('legal_officer', id, 'non_refoulement', 'START', { destination: 'FR' });
      await t.command('legal_officer', id, 'non_refoulement', 'RECORD_FINDINGS', { risks: risks('none', id === child) }, { instance: 'FR' });
      await t.command('legal_officer', id, 'non_refoulement', 'SUBMIT', undefined, { instance: 'FR' });
      await t.command({ token: secondLegal.token }, id, 'non_refoulement', 'CONCLUDE', undefined, { instance: 'FR' });
    }
    await t.command('caseworker', child, 'age_assessment', 'RECORD_AGE', { methods: ['interview', 'documents'], dateOfBirth: { exact: '2016-05-02' }, assessors: [{ name: 'A', discipline: 'social_work' }, { name: 'B', discipline: 'paediatrics' }] });
    await t.command('supervisor', child, 'age_assessment', 'CONFIRM');
    for (const [type, data] of [
      ['START_BIA'],
      ['COMPLETE_BIA', { findings: 'with his mother', bidRequired: true }],
      ['PREPARE_BID', { childViews: 'go home with mum', childViewsWeight: 'significant', childInformedLanguage: 'fr', familyUnity: 'together', careOptionsConsidered: [], recommendation: { action: 'repatriate_with_family', separationInBestInterests: false }, reviewDate: '2026-12-01' }],
      ['SUBMIT_TO_PANEL'],
    ] as Array<[string, Record<string, unknown>?]>) await t.command('caseworker', child, 'best_interests', type, data);
    await t.command('bid_panel', child, 'best_interests', 'PANEL_DECIDE', {
      panel: [{ userId: 'p1', discipline: 'child_protection' }, { userId: 'p2', discipline: 'legal' }, { userId: 'p3', discipline: 'health' }],
      undertakingsSigned: true, decision: 'approve', reasons: 'together with his mother', reviewRoute: 'BID review board',
    });
    // A joint family move: planning on the child's case moves the mother's repatriation too.
    await t.command('caseworker', child, 'repatriation', 'PLAN', { destination: 'FR', withFamily: [mother] });
    await t.command('caseworker', child, 'repatriation', 'RECORD_CONSULAR_CONTACT', { state: 'FR', date: '2026-05-20', notes: 'consulate engaged' });
    await t.command('caseworker', child, 'repatriation', 'ISSUE_DOCUMENTS', { type: 'passport' });
    await t.command('caseworker', mother, 'repatriation', 'RECORD_CONSULAR_CONTACT', { state: 'FR', date: '2026-05-20', notes: 'consulate engaged' });
    await t.command('caseworker', mother, 'repatriation', 'ISSUE_DOCUMENTS', { type: 'passport' });
    await t.command('supervisor', child, 'repatriation', 'APPROVE_RETURN');
    for (const id of [mother, child]) await t.command('caseworker', id, 'repatriation', 'NOTIFY_DECISION', { notifiedAt: '2026-05-25', language: 'fr', reviewRightsExplained: true });
    await t.command('caseworker', child, 'repatriation', 'CONFIRM_ARRIVAL', { date: '2026-06-01', receivingAgency: 'ASE Paris' });
    await t.command('supervisor', mother, 'case', 'CLOSE', { reason: 'test' });
    await t.command('supervisor', mother, 'case', 'REOPEN', { reason: 'test' });
    await t.request('caseworker', 'PATCH', `/v1/cases/${mother}`, { location: { kind: 'camp', name: 'Roj', state: 'SY' } }, { 'if-match': String((await t.request('caseworker', 'GET', `/v1/cases/${mother}`)).body.version) });
  });
  afterAll(async () => t.close());

  it('the run moved several workflows, jointly across the family', async () => {
    const m = await t.request('caseworker', 'GET', `/v1/cases/${mother}`);
    const states = Object.fromEntries(m.body.workflows.map((w: { kind: string; instance: string; state: string }) => [`${w.kind}${w.instance ? `[${w.instance}]` : ''}`, w.state]));
    expect(states).toMatchObject({ screening: 'completed', 'non_refoulement[FR]': 'cleared', case: 'open' });
    expect(states['repatriation']).toBe('returned');
  });

  it('replays every case with no difference', () => {
    const reports = replayAll(t.app.services.repos);
    expect(reports).toHaveLength(2);
    for (const r of reports) {
      expect(r.differences, r.caseId).toEqual([]);
      expect(r.ok).toBe(true);
      expect(r.instances.every((i) => i.contextChecked)).toBe(true);
    }
    expect(replayCase(t.app.services.repos, child).records).toBeGreaterThan(15);
  });

  it('reports a stored snapshot that the records do not explain', () => {
    const repos = t.app.services.repos;
    const row = repos.cases.instances(mother).find((i) => i.kind === 'screening')!;
    repos.cases.saveInstance({ ...row, state: 'submitted', snapshot: { ...(row.snapshot as object), value: 'submitted' } });
    const report = replayCase(repos, mother);
    expect(report.ok).toBe(false);
    expect(report.differences).toEqual([expect.objectContaining({ workflow: 'screening', kind: 'state', message: expect.stringMatching(/end in completed.*submitted/) })]);
    repos.cases.saveInstance(row);
    const ctx = row.snapshot as { value: string; context: Record<string, unknown> };
    repos.cases.saveInstance({ ...row, snapshot: { ...ctx, context: { ...ctx.context, approvedBy: 'someone-else' } } });
    expect(replayCase(repos, mother).differences).toEqual([expect.objectContaining({ workflow: 'screening', kind: 'context' })]);
    repos.cases.saveInstance(row);
    expect(replayCase(repos, mother).ok).toBe(true);
  });
});

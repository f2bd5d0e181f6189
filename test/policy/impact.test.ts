import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fail } from '../../workflows/rules/facts.ts';
import { getRule } from '../../workflows/rules/registry.ts';
import { latest } from '../../workflows/index.ts';
import { registerRuleSet, withdrawRuleSet } from '../../workflows/ruleSets.ts';
import { impactAnalysis } from '../../src/scenarios/impact.ts';
import { scenarioFiles } from '../../src/scenarios/runner.ts';
import { formatImpact } from '../../src/scenarios/impactText.ts';
import { adultWoman, boy, goodInterview, jurisdictionVersion, testApp, victimAssessment } from '../support/app.ts';
import { register } from '../support/flows.ts';

const risks = (child: boolean) => [
  ...['torture', 'cruel_treatment', 'death_penalty', 'onward_removal'].map((type) => ({ type, level: 'none', sources: ['assessment'] })),
  ...(child ? [{ type: 'life_without_parole', level: 'none', sources: ['assessment'] }] : []),
];
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** A mother and her son from registration to return, then impact analyses of proposed laws over their records. */
describe('impact analysis (POST /v1/impact)', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let mother: string;
  let child: string;
  let childRef: string;
  beforeAll(async () => {
    t = await testApp();
    const secondLegal = t.extra('legal-2', 'legal_officer');
    mother = await register(t, adultWoman);
    const c = (await t.request('caseworker', 'POST', '/v1/cases', { ...boy(), familyLinks: [{ caseId: mother, relation: 'mother' }] })).body;
    child = c.id;
    childRef = c.reference;
    for (const id of [mother, child]) {
      await t.command('caseworker', id, 'screening', 'START');
      await t.command('caseworker', id, 'screening', 'RECORD_INTERVIEW', goodInterview);
      await t.command('caseworker', id, 'screening', 'SUBMIT'); // refused: no assessment yet
      await t.command('caseworker', id, 'screening', 'RECORD_ASSESSMENT', victimAssessment);
      await t.command('caseworker', id, 'screening', 'SUBMIT');
      await t.command('supervisor', id, 'screening', 'APPROVE');
      await t.command('caseworker', id, 'nationality', 'REQUEST_VERIFICATION', { state: 'FR' });
      await t.command('supervisor', id, 'nationality', 'CONFIRM', { state: 'FR', documentRef: 'FR-consulate-1' });
      await t.command('legal_officer', id, 'non_refoulement', 'START', { destination: 'FR' });
      await t.command('legal_officer', id, 'non_refoulement', 'RECORD_FINDINGS', { risks: risks(id === child) }, { instance: 'FR' });
      await t.command('legal_officer', id, 'non_refoulement', 'SUBMIT', undefined, { instance: 'FR' });
      await t.command({ token: secondLegal.token }, id, 'non_refoulement', 'CONCLUDE', undefined, { instance: 'FR' });
    }
    for (const [type, data] of [
      ['START_BIA'],
      ['COMPLETE_BIA', { findings: 'with his mother', bidRequired: true }],
      ['PREPARE_BID', { childViews: 'go home with mum', childViewsWeight: 'significant', childInformedLanguage: 'fr', familyUnity: 'together', careOptionsConsidered: [], recommendation: { action: 'repatriate_with_family', separationInBestInterests: false }, reviewDate: '2026-12-01' }],
      ['SUBMIT_TO_PANEL'],
    ] as Array<[string, Record<string, unknown>?]>) await t.command('caseworker', child, 'best_interests', type, data);
    const decided = await t.command('bid_panel', child, 'best_interests', 'PANEL_DECIDE', {
      panel: [{ userId: 'p1', discipline: 'child_protection' }, { userId: 'p2', discipline: 'legal' }, { userId: 'p3', discipline: 'health' }],
      undertakingsSigned: true, decision: 'approve', reasons: 'together with his mother', reviewRoute: 'BID review board',
    });
    expect(decided.status).toBe(200);
    await t.command('caseworker', child, 'repatriation', 'PLAN', { destination: 'FR', withFamily: [mother] });
    for (const id of [child, mother]) {
      await t.command('caseworker', id, 'repatriation', 'RECORD_CONSULAR_CONTACT', { state: 'FR', date: '2026-05-20', notes: 'consulate engaged' });
      await t.command('caseworker', id, 'repatriation', 'ISSUE_DOCUMENTS', { type: 'passport' });
    }
    const approved = await t.command('supervisor', child, 'repatriation', 'APPROVE_RETURN');
    expect(approved.status).toBe(200);
  });
  afterAll(() => t.close());

  const impact = (body: unknown, as: 'policy' | 'caseworker' = 'policy') => t.request(as, 'POST', '/v1/impact', body);

  it('rebuilds the history faithfully: under the law in force nothing changes and every command is decided as recorded', async () => {
    const res = await impact({ change: { settings: { bidPanelMinMembers: 3 } } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ source: 'cases', cases: 2, changed: 0, differFromRecord: 0, skipped: 0, changes: [], byRule: [] });
    expect(res.body.commands).toBeGreaterThan(30);
  });

  it('a larger BID panel in the settings would have refused the panel decision', async () => {
    const before = (await t.request('reviewer', 'GET', '/v1/audit')).body;
    const res = await impact({ change: { settings: { bidPanelMinMembers: 4 } } });
    expect(res.status).toBe(200);
    const panel = res.body.changes.find((c: { type: string }) => c.type === 'PANEL_DECIDE');
    expect(panel).toMatchObject({ case: childRef, workflow: 'best_interests', recorded: 'applied', kind: 'result', current: { result: 'applied', state: 'bid_approved' }, proposed: { result: 'refused', state: 'panel_review', refusedBy: ['KP-CHILD-04'] } });
    expect(panel.rules).toEqual([expect.objectContaining({ rule: 'KP-CHILD-04', current: expect.objectContaining({ ok: true }), proposed: expect.objectContaining({ ok: false, reason: expect.stringContaining('at least 4') }) })]);
    expect(res.body.byRule).toContainEqual({ rule: 'KP-CHILD-04', changed: 1, newlyRefusing: 1, newlyAllowing: 0, otherwise: 0, cases: 1 });
    expect(res.body.results['applied→refused']).toBeGreaterThanOrEqual(1);
    // Nothing is written, and policy staff see references only: no case id, no name.
    expect((await t.request('reviewer', 'GET', '/v1/audit')).body.items.length).toBe(before.items.length);
    const text = JSON.stringify(res.body);
    expect(text).not.toMatch(UUID);
    expect(text).not.toContain('Amina');
    expect(text).not.toContain('Yusuf');
  });

  it('a proposed jurisdiction version is applied where it is in force', async () => {
    const res = await impact({ change: { jurisdiction: { ...jurisdictionVersion('SY', '2000-01-01'), bidPanelMinMembers: 5 } } });
    expect(res.status).toBe(200);
    expect(res.body.change).toEqual({ jurisdiction: { code: 'SY', validFrom: '2000-01-01' } });
    expect(res.body.changes.find((c: { type: string }) => c.type === 'PANEL_DECIDE').rules[0].proposed.reason).toContain('at least 5');
    // The changed verdicts render in the caller's language, from their code and params.
    const ar = await t.request('policy', 'POST', '/v1/impact', { change: { jurisdiction: { ...jurisdictionVersion('SY', '2000-01-01'), bidPanelMinMembers: 5 } } }, { 'accept-language': 'ar' });
    expect(ar.body.changes.find((c: { type: string }) => c.type === 'PANEL_DECIDE').rules[0].proposed).toMatchObject({ code: 'KP-CHILD-04.too_few_members', params: { min: 5 }, reason: expect.stringContaining('ويلزم 5 على الأقل') });
    const later = await impact({ change: { jurisdiction: { ...jurisdictionVersion('SY', '2999-01-01'), bidPanelMinMembers: 5 } } });
    expect(later.body.changed).toBe(0);
  });

  it('filters by case reference and workflow, and lists at most `limit` changes while counting all', async () => {
    const res = await impact({ change: { settings: { bidPanelMinMembers: 4 } }, cases: [childRef], workflow: 'best_interests', limit: 0 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ cases: 1, changed: 1, changes: [], truncated: 1 });
    const mothers = await impact({ change: { settings: { bidPanelMinMembers: 4 } }, cases: [mother], workflow: 'best_interests' });
    expect(mothers.body.changed).toBe(0);
  });

  it('a rule set whose command lists a rule without a check for it is refused when registered (never a 500 at replay)', () => {
    const screening = latest('screening')!;
    const submit = screening.commands['SUBMIT']!;
    expect(() => registerRuleSet({ id: 'test-unchecked', title: 'SUBMIT also lists KP-CHILD-01', workflows: [{ ...screening, version: screening.version + 1, commands: { ...screening.commands, SUBMIT: { ...submit, rules: [...submit.rules, 'KP-CHILD-01'] } } }], rules: [] }))
      .toThrow('screening.SUBMIT lists KP-CHILD-01, which has no check for it');
    expect(withdrawRuleSet('test-unchecked')).toBe(false);
  });

  it('replays a proposed rule set: a draft machine version and a replaced rule', async () => {
    const screening = latest('screening')!;
    const strict = getRule('KP-CHILD-04');
    registerRuleSet({
      id: 'test-strict-panel',
      title: 'BID panels must include a legal officer; screening SUBMIT also checks KP-JUS-06',
      workflows: [{ ...screening, version: screening.version + 1, commands: { ...screening.commands, SUBMIT: { ...screening.commands['SUBMIT']!, rules: [...screening.commands['SUBMIT']!.rules, 'KP-JUS-06'] } } }],
      rules: [{ ...strict, check: (ctx) => ((ctx.command.data['panel'] as Array<{ discipline: string }> | undefined)?.some((m) => m.discipline === 'legal_officer') ? strict.check(ctx) : fail('the panel has no legal officer')) }],
    });
    try {
      const listed = await t.request('caseworker', 'GET', '/v1/rule-sets');
      expect(listed.body.items).toContainEqual(expect.objectContaining({ id: 'test-strict-panel', status: 'proposed', workflows: [{ kind: 'screening', version: screening.version + 1, inForce: screening.version }] }));
      const res = await impact({ change: { ruleSet: 'test-strict-panel' } });
      expect(res.status).toBe(200);
      expect(res.body.byRule).toContainEqual(expect.objectContaining({ rule: 'KP-CHILD-04', newlyRefusing: 1 }));
      // SUBMITs are now checked by KP-JUS-06 too (a new verdict, same result). KP-JUS-06 reads every
      // command with one check; a rule declared per command (KP-CHILD-01 since issue 16.1) has no check for SUBMIT.
      expect(res.body.changes).toContainEqual(expect.objectContaining({ type: 'SUBMIT', workflow: 'screening', kind: expect.any(String), rules: expect.arrayContaining([expect.objectContaining({ rule: 'KP-JUS-06', current: null })]) }));
    } finally {
      withdrawRuleSet('test-strict-panel');
    }
  });

  it('runs the scenario files as the recorded history and names the scenario step that would change', () => {
    const files = scenarioFiles().filter((f) => f.endsWith('15-bid-panel.yaml'));
    const report = impactAnalysis(t.app.services.repos, { change: { settings: { bidPanelMinMembers: 4 } }, source: 'scenarios' }, { files });
    expect(report.source).toBe('scenarios');
    expect(report.changes).toContainEqual(expect.objectContaining({ scenario: { file: '15-bid-panel.yaml', step: 7 }, type: 'PANEL_DECIDE', current: expect.objectContaining({ result: 'applied' }), proposed: expect.objectContaining({ result: 'refused' }) }));
    // The CLI's text form: totals, the rules table, one line per change.
    const text = formatImpact(report);
    // Step 7 changes its result; steps 5 and 6 stay refused with a different reason (at least 4 members).
    expect(text).toMatch(/^3 of 7 commands on 1 cases would be decided differently/);
    expect(text).toMatch(/KP-CHILD-04\s+3\s+1\s+0\s+2\s+1/);
    expect(text).toContain('15-bid-panel.yaml step 7 best_interests.PANEL_DECIDE: applied → refused (KP-CHILD-04 ok→block)');
    // Each changed verdict with its code, rendered in the asked language (issue 16.1).
    const step7 = report.changes.find((c) => c.scenario?.step === 7)!;
    expect(step7.rules[0]!.proposed).toMatchObject({ rule: 'KP-CHILD-04', ok: false, code: 'KP-CHILD-04.too_few_members', params: { members: 3, min: 4 } });
    expect(text).toContain('    KP-CHILD-04 proposed: the panel has 3 voting member(s); at least 4 are required [KP-CHILD-04.too_few_members]');
    expect(formatImpact(report, 'ar')).toContain('    KP-CHILD-04 proposed: تضم اللجنة 3 من الأعضاء المصوّتين؛ ويلزم 4 على الأقل [KP-CHILD-04.too_few_members]');
  });

  it('is for policy staff only and names the offending field of a bad change', async () => {
    expect((await impact({ change: { settings: { bidPanelMinMembers: 4 } } }, 'caseworker')).status).toBe(403);
    const low = await impact({ change: { settings: { bidPanelMinMembers: 1 } } });
    expect(low.status).toBe(400);
    expect(JSON.stringify(low.body.error.details)).toContain('change.settings.bidPanelMinMembers');
    expect((await impact({ change: {} })).status).toBe(400);
    const unknown = await impact({ change: { ruleSet: 'no-such-set' } });
    expect(unknown.status).toBe(404);
    expect((await impact({ change: { settings: { bidPanelMinMembers: 4 } }, cases: ['KP-0000-000000'] })).status).toBe(404);
  });
});

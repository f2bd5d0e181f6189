import { afterEach, describe, expect, it } from 'vitest';
import { replayAll } from '../../src/engine/replay.ts';
import { loadCase } from '../../src/engine/views.ts';
import { adultWoman, goodInterview, jurisdictionVersion, testApp, victimAssessment } from '../support/app.ts';
import {
  addEvidence,
  approveBid,
  camp,
  clearDestination,
  consent,
  failedRules,
  getCase,
  history,
  ok,
  person,
  prepareBid,
  refused,
  register,
  risks,
  screen,
  stateOf,
  verifyNationality,
  type T,
} from '../support/flows.ts';

/**
 * DOMAIN.md §5 "Edge cases the software must handle", the ones test/api/edge-cases.test.ts does
 * not cover, through the API: one `it` per case ("§5.N ..."), each on its own in-memory app with a
 * clock the test controls. Assertions name statuses, states, the rule ids in
 * `error.details.verdicts` and the audit records.
 */

const fairTrial = { counsel: { appointed: true }, interpreter: { needed: false, provided: false }, informedOfCharges: true, presumptionOfInnocence: true, appropriateAdult: true };
const charge = (category: string, earliest: string, latest: string, forum: string, jurisdiction: string, evidenceId: string, extra: Record<string, unknown> = {}) => ({
  charges: [{ offence: category === 'membership_or_association' ? 'membership of a designated group' : 'armed violence', category, allegedActDate: { earliest, latest } }],
  forum,
  jurisdiction,
  evidenceIds: [evidenceId],
  ...fairTrial,
  ...extra,
});
const nonJudicial = { nonJudicialMeasuresConsidered: [{ measure: 'community reintegration programme', whyUnsuitable: 'refused twice; serious harm to others alleged' }] };
const ownConduct = { kind: 'statement', summary: 'witness statement on the person\'s own acts', concerns: 'own_conduct', source: 'witness', at: '2025-12-01' };
const refusal = {
  reason: 'the returnee is considered a security risk',
  ground: 'security',
  legalBasis: 'Internal Security Code art. 12',
  reviewRoute: 'Conseil d\'Etat (independent judicial review)',
  legitimateAim: 'national security',
  necessityAndProportionality: 'temporary measure, reviewed every three months',
};
const verdictsOf = (res: { body: any }) => (res.body.verdicts ?? res.body.error?.details?.verdicts ?? []) as Array<{ rule: string; ok: boolean; severity: string; reason: string; case?: string }>;
const verdict = (res: { body: any }, rule: string) => verdictsOf(res).find((v) => v.rule === rule);

let apps: T[] = [];
let now = '2026-06-01T10:00:00.000Z';
async function app(start = '2026-06-01T10:00:00.000Z'): Promise<T> {
  now = start;
  const t = await testApp({ now: () => now });
  apps.push(t);
  return t;
}
afterEach(async () => {
  for (const t of apps) {
    // Every case's stored state is explained by its audit records, and the chain verifies.
    for (const r of replayAll(t.app.services.repos)) expect(r.differences, r.caseId).toEqual([]);
    expect((await t.request('reviewer', 'GET', '/v1/audit/verify')).body).toMatchObject({ ok: true });
    await t.close();
  }
  apps = [];
});

const secondLegal = (t: T) => t.extra('legal-2', 'legal_officer');
const panelOf = (t: T) => [t.users.bid_panel, t.extra('panel-legal', 'bid_panel'), t.extra('panel-health', 'bid_panel')];
const repatriationContext = (t: T, id: string) => loadCase(t.app.services.repos, id)!.workflows.find((w) => w.kind === 'repatriation')!.context as Record<string, any>;
const tasksFor = async (t: T, caseId: string) => ((await t.request('reviewer', 'GET', '/v1/tasks')).body.items as Array<Record<string, any>>).filter((x) => x.caseId === caseId);

/** A panel decision by three distinct users of three disciplines (none the BIA author). */
const panelDecide = (t: T, id: string, decision: 'approve' | 'return' = 'approve') =>
  t.command('bid_panel', id, 'best_interests', 'PANEL_DECIDE', {
    panel: panelOf(t).map((m, i) => ({ userId: m.id, discipline: ['child_protection', 'legal', 'health'][i] })),
    undertakingsSigned: true,
    decision,
    reasons: 'the recommendation serves the child\'s best interests',
    reviewRoute: 'BID review board',
  });

describe('DOMAIN.md §5 edge cases, through the API (continued)', () => {
  it('§5.3 Unaccompanied or separated child: a return with a BID, tracing and a guardian; the detained mother stays behind and consents from detention', async () => {
    const t = await app();
    const mother = await register(t, { ...adultWoman, location: { kind: 'detention', name: 'Women\'s prison', state: 'IQ', closed: true } });
    const child = await register(t, { ...person('Lina', 'female', { exact: '2015-09-09' }, { vulnerabilities: ['separated'] }), familyLinks: [{ caseId: mother, relation: 'mother' }] });
    await screen(t, child);
    await verifyNationality(t, child, 'FR');
    await clearDestination(t, child, 'FR', true, secondLegal(t));

    // Without a BID the plan separating her from her mother is refused (KP-CHILD-07).
    const noBid = refused(await t.command('caseworker', child, 'repatriation', 'PLAN', { destination: 'FR', withFamily: [] }));
    expect(noBid.map((v) => v.rule)).toEqual(['KP-CHILD-07']);
    expect(noBid[0]!.reason).toContain(`mother (${mother})`);

    // The BID: the durable solution for a separated child needs tracing and a guardian first (KP-CHILD-08).
    ok(await t.command('caseworker', child, 'best_interests', 'START_BIA'));
    ok(await t.command('caseworker', child, 'best_interests', 'COMPLETE_BIA', { findings: 'separated from her detained mother; grandmother in France', bidRequired: true }));
    ok(
      await t.command('caseworker', child, 'best_interests', 'PREPARE_BID', prepareBid({
        familyUnity: 'the mother is detained abroad and stays behind; weekly video calls and visits arranged through the ICRC',
        recommendation: { action: 'repatriate_separately', care: 'kinship', separationInBestInterests: false },
      })),
    );
    ok(await t.command('caseworker', child, 'best_interests', 'SUBMIT_TO_PANEL'));
    const early = refused(await panelDecide(t, child));
    expect(early.map((v) => v.rule)).toEqual(['KP-CHILD-08']);
    expect(early[0]!.reason).toMatch(/family tracing has not been started.*no guardian/);
    ok(await t.command('caseworker', child, 'best_interests', 'RECORD_TRACING', { status: 'completed', agency: 'ICRC tracing service', startedOn: '2026-04-01' }));
    ok(await t.command('caseworker', child, 'best_interests', 'APPOINT_GUARDIAN', { name: 'Guardian ad litem', kind: 'guardian', appointedBy: 'juvenile judge', appointedOn: '2026-05-02' }));
    const decided = ok(await panelDecide(t, child));
    expect(decided.state).toBe('bid_approved');
    expect(decided.verdicts.find((v: { rule: string }) => v.rule === 'KP-CHILD-08')).toMatchObject({ ok: true });

    // The BID supports the split: a second supervisor confirms the plan (KP-CHILD-07); the mother's case is not moved.
    const proposed = await t.command('caseworker', child, 'repatriation', 'PLAN', { destination: 'FR', withFamily: [] });
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(202);
    expect(proposed.body.pending.requiredRole).toBe('supervisor');
    expect(ok(await t.command('supervisor', child, 'repatriation', 'CONFIRM_PENDING', { pendingId: proposed.body.pending.id })).state).toBe('planning');
    expect(await stateOf(t, mother, 'repatriation')).toBe('not_planned');
    ok(await t.command('caseworker', child, 'repatriation', 'RECORD_CONSULAR_CONTACT', { state: 'FR', date: '2026-05-28', notes: 'consulate engaged' }));
    ok(await t.command('caseworker', child, 'repatriation', 'ISSUE_DOCUMENTS', { type: 'laissez_passer' }));

    // The BID did not conclude separation against the mother's will: her own consent is needed (KP-CHILD-06).
    const noConsent = refused(await t.command('supervisor', child, 'repatriation', 'APPROVE_RETURN'));
    expect(noConsent.map((v) => v.rule)).toEqual(['KP-CHILD-06', 'KP-CHILD-07']);
    expect(noConsent.find((v) => v.rule === 'KP-CHILD-06')!.reason).toContain(`no consent from the mother (${mother})`);
    // (KP-CHILD-07 is met by the BID and asks for the second supervisor again at approval.)
    expect(noConsent.find((v) => v.rule === 'KP-CHILD-07')).toMatchObject({ severity: '2nd' });

    // Consent given in detention: free and informed, its circumstances recorded.
    const given = consent(mother);
    const inDetention = { ...given, circumstances: { ...given.circumstances, inDetention: true, witness: 'ICRC delegate' } };
    const recorded = ok(await t.command('caseworker', child, 'best_interests', 'RECORD_CONSENT', inDetention));
    expect(recorded.state).toBe('bid_approved');
    const proposal = await t.command('supervisor', child, 'repatriation', 'APPROVE_RETURN');
    expect(proposal.status, JSON.stringify(proposal.body)).toBe(202);
    expect(verdict(proposal, 'KP-CHILD-06')).toMatchObject({ ok: true, reason: 'each parent left behind gave free and informed consent' });
    for (const rule of ['KP-CHILD-02', 'KP-CHILD-08']) expect(verdict(proposal, rule), rule).toMatchObject({ ok: true });
    const approved = ok(await t.command(t.extra('supervisor-2', 'supervisor'), child, 'repatriation', 'CONFIRM_PENDING', { pendingId: proposal.body.pending.id }));
    expect(approved.state).toBe('approved');
    expect(await stateOf(t, mother, 'repatriation')).toBe('not_planned');

    const h = await history(t, child);
    expect(h.find((r) => r.type === 'RECORD_CONSENT')).toMatchObject({ workflow: 'best_interests', result: 'applied', data: expect.objectContaining({ parentCaseId: mother, circumstances: expect.objectContaining({ inDetention: true }) }) });
    expect(h.filter((r) => r.type === 'PANEL_DECIDE').map((r) => r.result)).toEqual(['refused', 'applied']);
  });

  it('§5.5 Dual nationality: both States confirmed through the nationality workflow, the lead State chosen through the BID; the return counts the nationality of that State', async () => {
    const t = await app();
    const mother = await register(t, { ...adultWoman, person: { ...adultWoman.person, nationalities: [{ state: 'FR', status: 'claimed' }] } });
    const child = await register(t, {
      ...person('Adam', 'male', { exact: '2017-10-10' }, { nationalities: [{ state: 'FR', status: 'claimed' }, { state: 'BE', status: 'claimed' }] }),
      familyLinks: [{ caseId: mother, relation: 'mother' }],
    });
    // Consular tracks with both States: two follow-ups, one per State (KP-RET-06).
    ok(await t.command('caseworker', child, 'nationality', 'REQUEST_VERIFICATION', { state: 'FR', basis: 'mother French' }));
    ok(await t.command('caseworker', child, 'nationality', 'REQUEST_VERIFICATION', { state: 'BE', basis: 'father Belgian' }));
    const followUps = (await tasksFor(t, child)).filter((x) => x.kind === 'nationality_follow_up');
    expect(followUps.map((x) => x.summary).sort()).toEqual([expect.stringContaining('BE'), expect.stringContaining('FR')]);

    // Each State's confirmation is recorded; the second from `verified` (four-eyes each time).
    expect(ok(await t.command('supervisor', child, 'nationality', 'CONFIRM', { state: 'BE', documentRef: 'BE civil register extract' })).state).toBe('verified');
    const second = ok(await t.command('legal_officer', child, 'nationality', 'CONFIRM', { state: 'FR', documentRef: 'FR consular note' }));
    expect(second).toMatchObject({ state: 'verified', outcome: 'verified' });
    expect(second.verdicts).toEqual([expect.objectContaining({ rule: 'KP-SYS-03', ok: true })]);
    const nat = loadCase(t.app.services.repos, child)!.workflows.find((w) => w.kind === 'nationality')!;
    expect((nat.context['verified'] as Array<{ state: string; by: string }>).map((v) => [v.state, v.by])).toEqual([
      ['BE', t.users.supervisor.id],
      ['FR', t.users.legal_officer.id],
    ]);
    expect((await history(t, child)).filter((r) => r.workflow === 'nationality' && r.type === 'CONFIRM').map((r) => [r.fromState, r.toState, r.result])).toEqual([
      ['verification_requested', 'verified', 'applied'],
      ['verified', 'verified', 'applied'],
    ]);
    expect((await tasksFor(t, child)).filter((x) => x.kind === 'nationality_follow_up')).toEqual([]);

    // The BID chooses the lead State: France, with the mother (family unity, the child's ties).
    await approveBid(t, child, panelOf(t), prepareBid({ familyUnity: 'lead State France: the mother is French and the child grew up speaking French; Belgium informed and agrees' }));
    await screen(t, child);
    await clearDestination(t, child, 'FR', true, secondLegal(t));
    await screen(t, mother, { ...victimAssessment, referrals: ['mhpss'] });
    await verifyNationality(t, mother, 'FR');
    await clearDestination(t, mother, 'FR', false, secondLegal(t));
    ok(await t.command('caseworker', child, 'repatriation', 'PLAN', { destination: 'FR', withFamily: [mother] }));
    for (const id of [mother, child]) {
      ok(await t.command('caseworker', id, 'repatriation', 'RECORD_CONSULAR_CONTACT', { state: 'FR', date: '2026-05-28', notes: 'consulate engaged' }));
      ok(await t.command('caseworker', id, 'repatriation', 'ISSUE_DOCUMENTS', { type: 'passport' }));
    }
    const approved = ok(await t.command('supervisor', child, 'repatriation', 'APPROVE_RETURN'));
    expect(approved.state).toBe('approved');
    expect(approved.verdicts.find((v: { rule: string }) => v.rule === 'KP-NAT-04')).toMatchObject({ ok: true, reason: 'the nationality of FR is verified' });
    expect(approved.verdicts.find((v: { rule: string }) => v.rule === 'KP-RET-05')).toMatchObject({ ok: true, reason: 'return to the State of nationality (FR)' });
    expect(await stateOf(t, mother, 'repatriation')).toBe('approved');
  });

  it('§5.7 Child born in a camp without documents, father unknown: birth registration on alternative evidence, the refusal that would leave her stateless is blocked, statelessness protection after both lines and the 1961 safeguards (KP-NAT-01..03)', async () => {
    const t = await app();
    const mother = await register(t, { ...adultWoman, person: { ...adultWoman.person, nationalities: [{ state: 'NL', status: 'claimed' }], documents: [] } });
    const child = await register(t, {
      ...person('Mariam', 'female', { exact: '2021-03-03' }, { nationalities: [{ state: 'NL', status: 'claimed' }], placeOfBirth: 'Al-Hol camp', documents: [] }),
      familyLinks: [{ caseId: mother, relation: 'mother' }],
    });
    // Every child gets a birth-registration task (KP-NAT-03).
    expect((await tasksFor(t, child)).filter((x) => x.kind === 'birth_registration')).toEqual([expect.objectContaining({ role: 'caseworker', rule: 'KP-NAT-03' })]);
    // DNA evidence only with consent, purpose limitation and safeguards; testimony is accepted.
    const dna = { kind: 'birth_registration', reference: 'late registration 12/2026', issuer: 'camp civil registry', basis: 'dna' };
    const noSafeguards = refused(await t.command('caseworker', child, 'nationality', 'RECORD_REGISTRATION', { ...dna, dnaSafeguards: { informedConsent: true, purposeLimited: false, dataProtected: false } }));
    expect(noSafeguards.map((v) => v.rule)).toEqual(['KP-NAT-03']);
    expect(noSafeguards[0]!.reason).toMatch(/purpose limitation.*data-protection/);
    ok(await t.command('caseworker', child, 'nationality', 'RECORD_REGISTRATION', { ...dna, basis: 'testimony' }));
    expect((await tasksFor(t, child)).filter((x) => x.kind === 'birth_registration')).toEqual([]);

    // The mother's State is asked (her line counts equally: KP-NAT-02).
    ok(await t.command('caseworker', child, 'nationality', 'REQUEST_VERIFICATION', { state: 'NL', basis: 'mother Dutch' }));
    ok(await t.command('caseworker', child, 'repatriation', 'PLAN', { destination: 'NL', withFamily: [mother] }));
    const full = { ...refusal, bestInterests: 'the child would stay in the camp with her mother' };
    const just = { justification: 'refusal letter of the Dutch authorities on file' };
    // A refusal for lack of documents is never accepted (KP-NAT-03) ...
    const noDocs = refused(await t.command('caseworker', child, 'repatriation', 'RECORD_STATE_REFUSAL', { ...full, ground: 'no_documents', reason: 'no documents proving the birth' }, just));
    expect(noDocs.map((v) => v.rule)).toEqual(['KP-NAT-03']);
    // ... nor one denying her nationality while no other is verified: she would be left stateless (KP-NAT-01).
    const denial = refused(await t.command('caseworker', child, 'repatriation', 'RECORD_STATE_REFUSAL', { ...full, ground: 'not_a_national', reason: 'not registered as a national' }, just));
    expect(denial.map((v) => v.rule)).toEqual(['KP-NAT-01']);
    expect(denial[0]!.reason).toMatch(/would leave the person stateless/);
    expect(await stateOf(t, child, 'repatriation')).toBe('planning');

    // The State disputes the nationality: no removal to it (KP-NAT-04); referral for statelessness determination.
    expect(ok(await t.command('caseworker', child, 'nationality', 'RECORD_DISPUTE', { state: 'NL', reason: 'no record of the birth', ground: 'not_a_national' })).state).toBe('disputed');
    expect(ok(await t.command('caseworker', child, 'nationality', 'REFER_STATELESSNESS', { reason: 'no State recognises the child' })).state).toBe('statelessness_referral');
    expect((await tasksFor(t, child)).filter((x) => x.kind === 'resolve_nationality')).toEqual([expect.objectContaining({ role: 'legal_officer', rule: 'KP-NAT-04' })]);

    // "No nationality" is never a conclusion (KP-NAT-01), and a stateless outcome needs both parental lines and the 1961 safeguards (KP-NAT-02).
    const lines = { mother: { status: 'checked', statesChecked: ['NL'], transmits: false }, father: { status: 'parent_unknown' } };
    const noNationality = refused(await t.command('legal_officer', child, 'nationality', 'RESOLVE', { outcome: 'no_nationality', parentalLinesChecked: lines, safeguardsChecked: ['art1_born_in_territory', 'art2_foundling', 'art4_born_abroad_to_national'], reasons: 'NL denies' }));
    expect(noNationality.map((v) => v.rule)).toEqual(['KP-NAT-01']);
    const protectedOutcome = { outcome: 'stateless_protected', protection: ['statelessness_determination', 'residence', 'identity_documents'], reasons: 'no State recognises the child' };
    const noLines = refused(await t.command('legal_officer', child, 'nationality', 'RESOLVE', { ...protectedOutcome, safeguardsChecked: ['art1_born_in_territory', 'art4_born_abroad_to_national'] }));
    expect(noLines.map((v) => v.rule)).toEqual(['KP-NAT-02']);
    const motherUnchecked = refused(
      await t.command('legal_officer', child, 'nationality', 'RESOLVE', {
        ...protectedOutcome,
        parentalLinesChecked: { ...lines, mother: { status: 'checked', statesChecked: ['SY'] } },
        safeguardsChecked: ['art1_born_in_territory', 'art2_foundling', 'art4_born_abroad_to_national'],
      }),
    );
    expect(motherUnchecked.find((v) => v.rule === 'KP-NAT-02')!.reason).toContain("mother's State(s) NL were not checked");
    const noFoundling = refused(await t.command('legal_officer', child, 'nationality', 'RESOLVE', { ...protectedOutcome, parentalLinesChecked: lines, safeguardsChecked: ['art1_born_in_territory', 'art4_born_abroad_to_national'] }));
    expect(noFoundling.find((v) => v.rule === 'KP-NAT-02')!.reason).toContain('art. 2 (foundling)');
    expect(await stateOf(t, child, 'nationality')).toBe('statelessness_referral');

    const resolved = ok(
      await t.command('legal_officer', child, 'nationality', 'RESOLVE', {
        ...protectedOutcome,
        parentalLinesChecked: lines,
        safeguardsChecked: ['art1_born_in_territory', 'art2_foundling', 'art4_born_abroad_to_national'],
      }),
    );
    expect(resolved).toMatchObject({ state: 'stateless_protected', outcome: 'stateless_protected' });
    expect(resolved.verdicts.filter((v: { rule: string }) => ['KP-NAT-01', 'KP-NAT-02'].includes(v.rule)).every((v: { ok: boolean }) => v.ok)).toBe(true);
    const h = await history(t, child);
    expect(h.filter((r) => r.workflow === 'nationality' && r.type === 'RESOLVE').map((r) => r.result)).toEqual(['refused', 'refused', 'refused', 'refused', 'applied']);
    expect(h.filter((r) => r.type === 'RECORD_STATE_REFUSAL').map((r) => [r.result, r.verdicts.filter((v: { ok: boolean }) => !v.ok).map((v: { rule: string }) => v.rule)])).toEqual([
      ['refused', ['KP-NAT-03']],
      ['refused', ['KP-NAT-01']],
    ]);
  });

  it('§5.8 State of nationality refuses or does not respond: the refusal needs a review route (KP-RET-04), the case cannot be closed, follow-ups escalate in GET /v1/tasks', async () => {
    const t = await app();
    const id = await register(t, { ...adultWoman, person: { ...adultWoman.person, nationalities: [{ state: 'FR', status: 'verified' }] } });
    await screen(t, id, { ...victimAssessment, referrals: ['mhpss'] });
    ok(await t.command('caseworker', id, 'repatriation', 'PLAN', { destination: 'FR', withFamily: [] }));
    // No response: after the consular SLA the follow-up escalates to the supervisor (KP-RET-06).
    expect((await tasksFor(t, id)).filter((x) => x.kind === 'consular_follow_up')).toEqual([expect.objectContaining({ role: 'caseworker', rule: 'KP-RET-06', overdue: false })]);
    now = '2026-07-15T10:00:00.000Z';
    const escalated = (await tasksFor(t, id)).filter((x) => x.kind === 'consular_follow_up');
    expect(escalated).toEqual([expect.objectContaining({ role: 'supervisor', rule: 'KP-RET-06', overdue: true, summary: expect.stringMatching(/^overdue: consular follow-up with FR/) })]);
    ok(await t.command('caseworker', id, 'repatriation', 'RECORD_CONSULAR_CONTACT', { state: 'FR', date: '2026-07-14', notes: 'reminder sent; no answer yet' }));

    // The State refuses. Without a review route the refusal is refused (KP-RET-04, BLOCK). Recording the
    // State's refusal is a fact, not the team's decision not to repatriate: KP-RET-05 does not apply to it.
    const { reviewRoute: _route, ...noRoute } = refusal;
    const noReview = refused(await t.command('caseworker', id, 'repatriation', 'RECORD_STATE_REFUSAL', noRoute));
    expect(noReview.map((v) => v.rule).sort()).toEqual(['KP-RET-04']);
    expect(noReview.find((v) => v.rule === 'KP-RET-04')).toMatchObject({ severity: 'block', reason: expect.stringContaining('no route of review') });
    expect(await stateOf(t, id, 'repatriation')).toBe('consular_engaged');
    // Reasoned, reviewable and justified: recorded at once, the plan reaches `barrier`.
    const barrier = ok(await t.command('caseworker', id, 'repatriation', 'RECORD_STATE_REFUSAL', refusal, { justification: 'refusal letter of the ministry, 2026-07-10' }));
    expect(barrier).toMatchObject({ state: 'barrier', outcome: 'refused' });
    expect(barrier.verdicts.find((v: { rule: string }) => v.rule === 'KP-RET-04')).toMatchObject({ ok: true });
    expect(barrier.verdicts.map((v: { rule: string }) => v.rule)).not.toContain('KP-RET-05');

    // The case stays open: closure is refused while no independent review has decided the refusal.
    const close = refused(await t.command('supervisor', id, 'case', 'CLOSE', { reason: 'no solution' }));
    expect(close.map((v) => v.rule)).toEqual(['KP-RET-04']);
    expect(close[0]!.reason).toMatch(/the case stays open/);
    expect(await stateOf(t, id, 'case')).toBe('open');
    // GET /v1/tasks: the review to seek (legal officer) and the consular follow-up, escalated once overdue.
    const waiting = await tasksFor(t, id);
    expect(waiting).toEqual(expect.arrayContaining([
      expect.objectContaining({ kind: 'review_refusal', role: 'legal_officer', rule: 'KP-RET-04', summary: expect.stringContaining('route recorded') }),
      expect.objectContaining({ kind: 'consular_follow_up', role: 'caseworker', rule: 'KP-RET-06' }),
    ]));
    now = '2026-09-01T10:00:00.000Z';
    expect((await tasksFor(t, id)).filter((x) => x.kind === 'consular_follow_up')).toEqual([expect.objectContaining({ role: 'supervisor', overdue: true })]);
    expect((await tasksFor(t, id)).find((x) => x.kind === 'review_refusal')).toMatchObject({ overdue: true });

    // The review is sought: the task is done, the case still cannot close while it is pending.
    ok(await t.command('legal_officer', id, 'repatriation', 'RECORD_REVIEW_REQUEST', { body: 'Conseil d\'Etat', date: '2026-08-30', against: 'state_refusal' }));
    expect((await tasksFor(t, id)).filter((x) => x.kind === 'review_refusal')).toEqual([]);
    expect(failedRules(await t.command('supervisor', id, 'case', 'CLOSE', { reason: 'no solution' }))).toEqual(['KP-RET-04']);
    const h = await history(t, id);
    expect(h.filter((r) => r.workflow === 'case' && r.type === 'CLOSE').map((r) => [r.result, r.verdicts.filter((v: { ok: boolean }) => !v.ok).map((v: { rule: string }) => v.rule)])).toEqual([
      ['refused', ['KP-RET-04']],
      ['refused', ['KP-RET-04']],
    ]);
    expect(h.filter((r) => r.type === 'RECORD_STATE_REFUSAL').map((r) => r.result)).toEqual(['refused', 'applied']);
  });

  it('§5.9 Child with a mother prosecuted in a third State: the child returns on a BID and the mother\'s consent; the mother\'s transfer needs its own non-refoulement assessment, the death-penalty risk flagged (KP-RET-01, KP-JUS-04)', async () => {
    const t = await app();
    const legal2 = secondLegal(t);
    const mother = await register(t, { ...adultWoman, person: { ...adultWoman.person, nationalities: [{ state: 'FR', status: 'verified' }] } });
    const child = await register(t, { ...person('Hana', 'female', { exact: '2018-08-08' }, { nationalities: [{ state: 'FR', status: 'verified' }] }), familyLinks: [{ caseId: mother, relation: 'mother' }] });

    // The mother is prosecuted by Iraq, where the death penalty is available: flagged, never silently accepted (KP-JUS-04).
    await screen(t, mother, { ...victimAssessment, referrals: ['mhpss'] });
    const ev = await addEvidence(t, mother, { ...ownConduct, summary: 'logistics role alleged by two witnesses' }, 'legal_officer');
    ok(await t.command('legal_officer', mother, 'legal', 'OPEN_INVESTIGATION', { evidenceIds: [ev], femaleStaffAvailable: true }));
    const charged = ok(await t.command('legal_officer', mother, 'legal', 'CHARGE', charge('support', '2018-01-01', '2018-12-31', 'ordinary', 'IQ', ev, { femaleStaffAvailable: true })));
    expect(charged.state).toBe('charged');
    expect(charged.verdicts.find((v: { rule: string }) => v.rule === 'KP-JUS-04')).toMatchObject({ ok: false, severity: 'warn', reason: expect.stringContaining('IQ law allows the death penalty') });

    // The child proceeds: BID (separation in her best interests) and the mother's consent given in detention.
    await screen(t, child);
    await clearDestination(t, child, 'FR', true, legal2);
    const given = consent(mother);
    await approveBid(
      t,
      child,
      panelOf(t),
      prepareBid({ familyUnity: 'the mother faces trial abroad; contact through ICRC family messages', recommendation: { action: 'repatriate_separately', care: 'kinship', separationInBestInterests: true } }),
      async () => void ok(await t.command('caseworker', child, 'best_interests', 'RECORD_CONSENT', { ...given, circumstances: { ...given.circumstances, inDetention: true } })),
    );
    const childPlan = await t.command('caseworker', child, 'repatriation', 'PLAN', { destination: 'FR', withFamily: [] });
    expect(childPlan.status).toBe(202);
    ok(await t.command('supervisor', child, 'repatriation', 'CONFIRM_PENDING', { pendingId: childPlan.body.pending.id }));
    ok(await t.command('caseworker', child, 'repatriation', 'RECORD_CONSULAR_CONTACT', { state: 'FR', date: '2026-05-28', notes: 'consulate engaged' }));
    ok(await t.command('caseworker', child, 'repatriation', 'ISSUE_DOCUMENTS', { type: 'laissez_passer' }));
    const childApproval = await t.command('supervisor', child, 'repatriation', 'APPROVE_RETURN');
    expect(childApproval.status, JSON.stringify(childApproval.body)).toBe(202);
    for (const rule of ['KP-RET-01', 'KP-CHILD-02', 'KP-CHILD-06']) expect(verdict(childApproval, rule), rule).toMatchObject({ ok: true });
    expect(ok(await t.command(t.extra('supervisor-2', 'supervisor'), child, 'repatriation', 'CONFIRM_PENDING', { pendingId: childApproval.body.pending.id })).state).toBe('approved');

    // The mother's transfer to Iraq for trial: an individual non-refoulement assessment of Iraq finds a substantial death-penalty risk.
    const motherPlan = await t.command('caseworker', mother, 'repatriation', 'PLAN', { destination: 'IQ', withFamily: [] });
    expect(motherPlan.status, JSON.stringify(motherPlan.body)).toBe(202);
    ok(await t.command('supervisor', mother, 'repatriation', 'CONFIRM_PENDING', { pendingId: motherPlan.body.pending.id }));
    ok(await t.command('caseworker', mother, 'repatriation', 'ISSUE_DOCUMENTS', { type: 'emergency_travel_document' }));
    const noAssessment = refused(await t.command('supervisor', mother, 'repatriation', 'APPROVE_RETURN', undefined, { justification: 'transfer requested by Iraq for trial' }));
    expect(noAssessment.find((v) => v.rule === 'KP-RET-01')!.reason).toBe('no individual non-refoulement assessment of IQ for this person');
    ok(await t.command('legal_officer', mother, 'non_refoulement', 'START', { destination: 'IQ' }));
    ok(await t.command('legal_officer', mother, 'non_refoulement', 'RECORD_FINDINGS', { risks: risks(false, 'substantial') }, { instance: 'IQ' }));
    ok(await t.command('legal_officer', mother, 'non_refoulement', 'SUBMIT', undefined, { instance: 'IQ' }));
    expect(ok(await t.command(legal2, mother, 'non_refoulement', 'CONCLUDE', undefined, { instance: 'IQ' })).state).toBe('risk_identified');
    const blocked = refused(await t.command('supervisor', mother, 'repatriation', 'APPROVE_RETURN', undefined, { justification: 'transfer requested by Iraq for trial' }));
    expect(blocked.map((v) => v.rule)).toEqual(expect.arrayContaining(['KP-RET-01', 'KP-RET-05', 'KP-NAT-04']));
    expect(blocked.find((v) => v.rule === 'KP-RET-01')).toMatchObject({ severity: 'block', reason: expect.stringContaining('substantial grounds') });
    expect(await stateOf(t, mother, 'repatriation')).toBe('documents_ready');
    // The child's approved return is untouched by the mother's blocked transfer.
    expect(await stateOf(t, child, 'repatriation')).toBe('approved');
    const h = await history(t, mother);
    expect(h.filter((r) => r.type === 'APPROVE_RETURN').map((r) => r.result)).toEqual(['refused', 'refused']);
    expect(h.find((r) => r.type === 'CONCLUDE')).toMatchObject({ workflow: 'non_refoulement', instance: 'IQ', toState: 'risk_identified' });
  });

  it('§5.10 Adolescent boy held with adults: recorded as detention with the adult-separation failure (KP-DET-01, KP-DET-03), escalated, his return prioritised', async () => {
    const t = await app();
    const prison = { kind: 'detention', name: 'Central prison', state: 'SY', closed: true };
    const id = await register(t, person('Khalid', 'male', { exact: '2011-02-01' }, {}, prison));
    // A child in a closed place is deprived of liberty: the task asks for it to be recorded as detention (KP-DET-01).
    expect((await tasksFor(t, id)).filter((x) => x.kind === 'record_deprivation_of_liberty')).toEqual([expect.objectContaining({ role: 'legal_officer', rule: 'KP-DET-01' })]);

    // This organisation may never order it: holding a child with unrelated adults, for association, without basis or alternatives.
    const order = refused(
      await t.command('legal_officer', id, 'detention', 'DETAIN', {
        facility: { name: 'Central prison', kind: 'prison' },
        grounds: ['association'],
        separateFromAdults: false,
        maxEnd: '2026-07-01',
        reviewDueAt: '2026-06-10',
      }),
    );
    expect(order.map((v) => v.rule)).toEqual(expect.arrayContaining(['KP-DET-01', 'KP-DET-03', 'KP-DET-04']));
    expect(await stateOf(t, id, 'detention')).toBe('not_detained');

    // Nor may it record its own refused order as another authority's: the record must say who ordered it (KP-DET-01).
    const hostPrison = { facility: { name: 'Central prison', kind: 'prison' }, detainingAuthority: 'host State prison service', since: '2026-05-20', grounds: ['association'], separateFromAdults: false };
    expect(failedRules(await t.command('legal_officer', id, 'detention', 'RECORD_DETENTION', hostPrison))).toEqual(['KP-DET-01']);
    expect(failedRules(await t.command('legal_officer', id, 'detention', 'RECORD_DETENTION', { ...hostPrison, orderedBy: 'this_organisation' }))).toEqual(['KP-DET-01']);

    // The host authority's detention is recorded as it is: the failures flagged (warnings), not refused.
    const recorded = ok(await t.command('legal_officer', id, 'detention', 'RECORD_DETENTION', { ...hostPrison, orderedBy: 'other_authority' }));
    expect(recorded).toMatchObject({ state: 'detained', outcome: 'detained' });
    expect(recorded.verdicts.filter((v: { ok: boolean }) => !v.ok).map((v: { rule: string; severity: string }) => [v.rule, v.severity])).toEqual([
      ['KP-SCR-01', 'warn'],
      ['KP-DET-01', 'warn'],
      ['KP-DET-02', 'warn'],
      ['KP-DET-03', 'warn'],
      ['KP-DET-04', 'warn'],
    ]);
    // GET /v1/tasks: every breach escalates to the supervisor at once (the separation failure with the return prioritised, no legal basis, prohibited grounds); reviews are due.
    const waiting = await tasksFor(t, id);
    expect(waiting.filter((x) => x.kind === 'record_deprivation_of_liberty')).toEqual([]);
    expect(waiting).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'adult_separation_failure', role: 'supervisor', rule: 'KP-DET-03', overdue: true, summary: expect.stringContaining('return prioritised') }),
        expect.objectContaining({ kind: 'detention_without_legal_basis', role: 'supervisor', rule: 'KP-DET-01', overdue: true }),
        expect.objectContaining({ kind: 'prohibited_detention_grounds', role: 'supervisor', rule: 'KP-DET-04', overdue: true }),
        expect.objectContaining({ kind: 'detention_review', role: 'legal_officer', rule: 'KP-DET-02' }),
      ]),
    );
    const h = await history(t, id);
    expect(h.filter((r) => r.workflow === 'detention').map((r) => [r.type, r.result, r.toState])).toEqual([
      ['DETAIN', 'refused', 'not_detained'],
      ['RECORD_DETENTION', 'refused', 'not_detained'],
      ['RECORD_DETENTION', 'refused', 'not_detained'],
      ['RECORD_DETENTION', 'applied', 'detained'],
    ]);
    expect(h.at(-1).verdicts).toContainEqual(expect.objectContaining({ rule: 'KP-DET-03', ok: false, severity: 'warn' }));

    // Moved to a juvenile unit: recorded as a move, the escalation ends; the adult prison stays in the history.
    // A move changes only the place: it cannot give the detention a legal basis, grounds or a later review (KP-DET-01, KP-DET-02).
    const move = { facility: { name: 'Juvenile unit', kind: 'juvenile_centre' }, detainingAuthority: 'host State prison service', orderedBy: 'other_authority', since: '2026-06-01', separateFromAdults: true };
    expect(failedRules(await t.command('supervisor', id, 'detention', 'RECORD_DETENTION', { ...move, legalBasis: { kind: 'security', reference: 'transfer order 3' } }))).toEqual(['KP-DET-01']);
    expect(failedRules(await t.command('supervisor', id, 'detention', 'RECORD_DETENTION', { ...move, reviewDueAt: '2026-06-14' }))).toEqual(['KP-DET-02']);
    ok(await t.command('supervisor', id, 'detention', 'RECORD_DETENTION', move));
    const after = await tasksFor(t, id);
    expect(after.filter((x) => x.kind === 'adult_separation_failure')).toEqual([]);
    // The legality and grounds breaches stand: still escalated.
    expect(after.map((x) => x.kind)).toEqual(expect.arrayContaining(['detention_without_legal_basis', 'prohibited_detention_grounds']));
    const ctx = loadCase(t.app.services.repos, id)!.workflows.find((w) => w.kind === 'detention')!.context as Record<string, any>;
    expect(ctx['history'].map((x: { facility: { kind: string }; endType: string }) => [x.facility.kind, x.endType])).toEqual([['prison', 'RECORD_DETENTION']]);
  });

  it('§5.11 Child alleged to have taken part in hostilities: a victim first, the MACR at the act, no charge for membership alone (KP-JUS-02), diversion by default, the victim track in parallel', async () => {
    const t = await app();
    const id = await register(t, person('Bilal', 'male', { exact: '2011-02-01' }));
    const ev = await addEvidence(t, id, { ...ownConduct, summary: 'seen carrying ammunition for fighters at 13' }, 'legal_officer');
    // Screened as a victim of recruitment first, with a protection referral, whatever is alleged (KP-SCR-03, KP-SCR-04).
    ok(await t.command('caseworker', id, 'screening', 'START'));
    ok(await t.command('caseworker', id, 'screening', 'RECORD_INTERVIEW', goodInterview));
    const noProtection = refused(await t.command('caseworker', id, 'screening', 'RECORD_ASSESSMENT', { ...victimAssessment, victimIndicators: ['child_recruitment'], referrals: ['legal'], affiliation: { level: 'suspected', evidenceIds: [ev] }, outcome: 'victim_and_suspect' }));
    expect(noProtection.map((v) => v.rule)).toContain('KP-SCR-04');
    ok(await t.command('caseworker', id, 'screening', 'RECORD_ASSESSMENT', { ...victimAssessment, victimIndicators: ['child_recruitment'], referrals: ['child_protection', 'mhpss'], affiliation: { level: 'suspected', evidenceIds: [ev] }, outcome: 'victim_and_suspect' }));
    ok(await t.command('caseworker', id, 'screening', 'SUBMIT'));
    expect(ok(await t.command('supervisor', id, 'screening', 'APPROVE')).outcome).toBe('victim_and_suspect');

    // The justice track needs a current BIA and written reasons why diversion is not enough (KP-SCR-04, KP-JUS-01).
    const noBia = refused(await t.command('legal_officer', id, 'legal', 'OPEN_INVESTIGATION', { evidenceIds: [ev] }));
    expect(noBia.map((v) => v.rule).sort()).toEqual(['KP-JUS-01', 'KP-SCR-04']);
    expect(await stateOf(t, id, 'legal')).toBe('no_proceedings');
    ok(await t.command('caseworker', id, 'best_interests', 'START_BIA'));
    ok(await t.command('caseworker', id, 'best_interests', 'COMPLETE_BIA', { findings: 'recruited at 13; mother in the camp; needs MHPSS and schooling', bidRequired: false }));
    ok(await t.command('legal_officer', id, 'legal', 'OPEN_INVESTIGATION', { evidenceIds: [ev] }, { justification: 'serious violence alleged by two witnesses; diversion to be weighed' }));

    // No charge for membership alone (KP-JUS-02), whatever the forum.
    const justification = { justification: 'requested by the investigating judge' };
    const membership = refused(await t.command('legal_officer', id, 'legal', 'CHARGE', charge('membership_or_association', '2024-03-01', '2024-06-30', 'juvenile', 'FR', ev, nonJudicial), justification));
    expect(membership.map((v) => v.rule)).toContain('KP-JUS-02');
    expect(membership.find((v) => v.rule === 'KP-JUS-02')!.reason).toMatch(/mere association or membership/);
    // The MACR applies at the act: aged 12 then, below France's 13 (KP-AGE-02), though 15 today.
    const atTwelve = refused(await t.command('legal_officer', id, 'legal', 'CHARGE', charge('violent_act', '2023-03-01', '2023-06-30', 'juvenile', 'FR', ev, nonJudicial), justification));
    expect(atTwelve.map((v) => v.rule)).toContain('KP-AGE-02');
    expect(atTwelve.find((v) => v.rule === 'KP-AGE-02')!.reason).toContain('youngest plausible age at the act 12 is below the MACR of 13');
    expect(await stateOf(t, id, 'legal')).toBe('investigation');

    // Diversion, the default for a child (KP-JUS-01).
    expect(ok(await t.command('legal_officer', id, 'legal', 'REFER_DIVERSION', { measure: 'community-based reintegration programme with MHPSS', reason: 'child recruited and used: victim first' })).state).toBe('diversion');
    // The victim-support track runs alongside, never conditional on the proceedings (KP-REH-02).
    const plan = ok(
      await t.command('caseworker', id, 'rehabilitation', 'CREATE_PLAN', {
        services: [
          { type: 'medical', provider: 'paediatric clinic', setting: 'outpatient' },
          { type: 'mhpss', provider: 'community MHPSS team', setting: 'community' },
          { type: 'education', provider: 'local school', setting: 'school' },
          { type: 'legal', provider: 'legal aid', setting: 'community' },
          { type: 'family_community_reintegration', provider: 'social services', setting: 'family' },
        ],
        reviewDate: '2026-09-01',
      }),
    );
    expect(plan.state).toBe('planned');
    expect(await stateOf(t, id, 'screening')).toBe('completed');
    const h = await history(t, id);
    expect(h.filter((r) => r.workflow === 'legal').map((r) => [r.type, r.result])).toEqual([
      ['OPEN_INVESTIGATION', 'refused'],
      ['OPEN_INVESTIGATION', 'applied'],
      ['CHARGE', 'refused'],
      ['CHARGE', 'refused'],
      ['REFER_DIVERSION', 'applied'],
    ]);
  });

  it('§5.12 A girl who is herself a mother: both are children (two BIAs); child-marriage and SGBV indicators get their referrals; her plan may not leave her baby behind without a BID (KP-CHILD-07)', async () => {
    const t = await app();
    const verified = [{ state: 'FR', status: 'verified' }];
    const girl = await register(t, person('Rania', 'female', { exact: '2010-02-02' }, { nationalities: verified, vulnerabilities: ['sgbv_survivor'] }));
    const baby = await register(t, { ...person('Sami', 'male', { exact: '2025-06-01' }, { nationalities: verified }), familyLinks: [{ caseId: girl, relation: 'mother' }] });
    for (const id of [girl, baby]) expect((await getCase(t, id)).child, id).toBe(true);

    // Her own screening is a child's: an appropriate adult, a female interviewer offered; child marriage and SGBV go to referrals.
    ok(await t.command('caseworker', girl, 'screening', 'START'));
    expect(failedRules(await t.command('caseworker', girl, 'screening', 'RECORD_INTERVIEW', { ...goodInterview, participants: [{ role: 'screening_officer' }], appropriateAdultPresent: false }))).toContain('KP-SCR-05');
    ok(await t.command('caseworker', girl, 'screening', 'RECORD_INTERVIEW', { ...goodInterview, participants: [{ role: 'child_protection', female: true }] }));
    const unreferred = ok(await t.command('caseworker', girl, 'screening', 'RECORD_ASSESSMENT', { ...victimAssessment, victimIndicators: ['forced_marriage', 'sgbv'], referrals: ['child_protection'] }));
    // Recorded (WARN rules do not block) and flagged: KP-SCR-03 and KP-GEN-01 name the missing referrals.
    expect(unreferred.verdicts.filter((v: { ok: boolean }) => !v.ok).map((v: { rule: string; severity: string }) => [v.rule, v.severity])).toEqual([
      ['KP-SCR-03', 'warn'],
      ['KP-GEN-01', 'warn'],
    ]);
    const referred = ok(
      await t.command('caseworker', girl, 'screening', 'RECORD_ASSESSMENT', { ...victimAssessment, victimIndicators: ['forced_marriage', 'sgbv'], referrals: ['child_protection', 'sgbv_support'], sgbvReferralConsent: true }),
    );
    expect(referred.verdicts.filter((v: { ok: boolean }) => !v.ok)).toEqual([]);
    ok(await t.command('caseworker', girl, 'screening', 'SUBMIT'));
    ok(await t.command('supervisor', girl, 'screening', 'APPROVE'));
    await screen(t, baby);

    // Two BIAs, one per child, each on its own case.
    for (const [id, findings] of [[girl, 'married at 14; mother of an infant; wants to study'], [baby, 'infant cared for by his mother, herself a child']] as const) {
      ok(await t.command('caseworker', id, 'best_interests', 'START_BIA'));
      expect(ok(await t.command('caseworker', id, 'best_interests', 'COMPLETE_BIA', { findings, bidRequired: false })).state).toBe('bia_completed');
    }
    for (const id of [girl, baby]) expect((await history(t, id)).filter((r) => r.workflow === 'best_interests').map((r) => [r.caseId, r.type])).toEqual([[id, 'START_BIA'], [id, 'COMPLETE_BIA']]);

    // Her plan may not leave her baby behind without a BID (KP-CHILD-07), as an adult mother's may not.
    const alone = refused(await t.command('caseworker', girl, 'repatriation', 'PLAN', { destination: 'FR', withFamily: [] }));
    expect(alone.map((v) => v.rule)).toEqual(['KP-CHILD-07']);
    expect(alone[0]!.reason).toBe(`the child ${baby} is left behind; no approved BID supports the separation (${baby})`);
    const together = ok(await t.command('caseworker', girl, 'repatriation', 'PLAN', { destination: 'FR', withFamily: [baby] }));
    expect(together.state).toBe('planning');
    for (const id of [girl, baby]) expect(repatriationContext(t, id)['members']).toEqual([girl, baby].sort());
    expect((await history(t, girl)).filter((r) => r.type === 'PLAN').map((r) => r.result)).toEqual(['refused', 'applied']);
  });

  it('§5.13 Siblings with different nationalities: splitting them needs a BID and a second approval (KP-CHILD-07); every member\'s case shows its own destination', async () => {
    const t = await app();
    const legal2 = secondLegal(t);
    const mother = await register(t, { ...adultWoman, person: { ...adultWoman.person, nationalities: [{ state: 'FR', status: 'verified' }] } });
    const older = await register(t, { ...person('Ali', 'male', { exact: '2014-04-04' }, { nationalities: [{ state: 'FR', status: 'verified' }] }), familyLinks: [{ caseId: mother, relation: 'mother' }] });
    const younger = await register(t, {
      ...person('Aya', 'female', { exact: '2019-09-09' }, { nationalities: [{ state: 'BE', status: 'verified' }] }),
      familyLinks: [{ caseId: mother, relation: 'mother' }, { caseId: older, relation: 'sibling' }],
    });
    for (const [id, child, destination] of [[mother, false, 'FR'], [older, true, 'FR'], [younger, true, 'BE']] as const) {
      await screen(t, id, child ? victimAssessment : { ...victimAssessment, referrals: ['mhpss'] });
      await clearDestination(t, id, destination, child, legal2);
    }

    // France accepts the mother and her French son only: the plan leaves the Belgian daughter behind.
    const split = await t.command('caseworker', mother, 'repatriation', 'PLAN', { destination: 'FR', withFamily: [older] });
    const failed = refused(split);
    expect(failed.every((v) => v.rule === 'KP-CHILD-07'), JSON.stringify(failed)).toBe(true);
    const reasons = failed.map((v) => v.reason).join(' | ');
    expect(reasons).toContain(`the child ${younger} is left behind`);
    expect(reasons).toContain(`this child is separated from sibling (${younger})`);
    for (const id of [mother, older, younger]) expect(await stateOf(t, id, 'repatriation')).toBe('not_planned');

    // A BID for each child concludes the split serves them (the daughter to her father's family in Belgium, with the mother's consent).
    await approveBid(
      t,
      younger,
      panelOf(t),
      prepareBid({ familyUnity: 'father\'s family in Belgium; regular contact with mother and brother arranged', recommendation: { action: 'repatriate_separately', care: 'kinship', separationInBestInterests: true } }),
      async () => void ok(await t.command('caseworker', younger, 'best_interests', 'RECORD_CONSENT', consent(mother))),
    );
    await approveBid(t, older, panelOf(t), prepareBid({ familyUnity: 'returns with his mother; contact with his sister arranged', recommendation: { action: 'repatriate_with_family', separationInBestInterests: true } }));

    // Supported by the BIDs, each split still needs a second supervisor.
    const proposed = await t.command('caseworker', mother, 'repatriation', 'PLAN', { destination: 'FR', withFamily: [older] });
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(202);
    expect(verdict(proposed, 'KP-CHILD-07')).toMatchObject({ ok: false, severity: '2nd' });
    expect(ok(await t.command('supervisor', mother, 'repatriation', 'CONFIRM_PENDING', { pendingId: proposed.body.pending.id })).state).toBe('planning');
    const alone = await t.command('caseworker', younger, 'repatriation', 'PLAN', { destination: 'BE', withFamily: [] });
    expect(alone.status, JSON.stringify(alone.body)).toBe(202);
    expect(ok(await t.command('supervisor', younger, 'repatriation', 'CONFIRM_PENDING', { pendingId: alone.body.pending.id })).state).toBe('planning');

    // The household plan shows every member's destination.
    expect(Object.fromEntries([mother, older, younger].map((id) => [id, [repatriationContext(t, id)['destination'], repatriationContext(t, id)['members']]]))).toEqual({
      [mother]: ['FR', [mother, older].sort()],
      [older]: ['FR', [mother, older].sort()],
      [younger]: ['BE', [younger]],
    });
    const plans = await Promise.all([mother, older, younger].map(async (id) => (await history(t, id)).filter((r) => r.type === 'PLAN' && r.workflow === 'repatriation').map((r) => r.result)));
    expect(plans).toEqual([
      ['refused', 'pending', 'applied'],
      ['applied'],
      ['pending', 'applied'],
    ]);
  });

  it('§5.16 Appeal annuls a refusal to repatriate: planning restarts with the original priority date (KP-SYS-01)', async () => {
    const t = await app();
    const id = await register(t, { ...adultWoman, person: { ...adultWoman.person, nationalities: [{ state: 'FR', status: 'verified' }] } });
    await screen(t, id, { ...victimAssessment, referrals: ['mhpss'] });
    ok(await t.command('caseworker', id, 'repatriation', 'PLAN', { destination: 'FR', withFamily: [] }));
    const plannedAt = repatriationContext(t, id)['plannedAt'];
    expect(plannedAt).toBe('2026-06-01T10:00:00.000Z');
    now = '2026-06-20T10:00:00.000Z';
    // Recording the State's refusal is a fact (no KP-RET-05 second approval): applied at once.
    expect(ok(await t.command('caseworker', id, 'repatriation', 'RECORD_STATE_REFUSAL', refusal, { justification: 'refusal letter on file' })).state).toBe('barrier');
    ok(await t.command('legal_officer', id, 'repatriation', 'RECORD_REVIEW_REQUEST', { body: 'Conseil d\'Etat', date: '2026-06-25', against: 'state_refusal' }));

    // The review body annuls the refusal: a reasoned decision (KP-SYS-01) sends the plan back to planning.
    now = '2026-09-10T10:00:00.000Z';
    const annulled = ok(await t.command('legal_officer', id, 'repatriation', 'RECORD_REVIEW_DECISION', { outcome: 'annulled', date: '2026-09-09', reasons: 'the refusal lacked an individual assessment (H.F. v. France)' }));
    expect(annulled.state).toBe('planning');
    const plan = repatriationContext(t, id);
    expect(plan['plannedAt']).toBe(plannedAt);
    expect(plan['reviewPending']).toBe(false);
    expect(plan['refusals']).toHaveLength(1);
    expect(plan['reversals']).toEqual([expect.objectContaining({ cause: 'refusal_annulled', from: 'barrier' })]);
    expect((await history(t, id)).find((r) => r.type === 'RECORD_REVIEW_DECISION')).toMatchObject({ workflow: 'repatriation', result: 'applied', fromState: 'barrier', toState: 'planning' });
    // Planning goes on from there.
    ok(await t.command('caseworker', id, 'repatriation', 'RECORD_CONSULAR_CONTACT', { state: 'FR', date: '2026-09-10', notes: 'consulate re-engaged after the judgment' }));
    expect(await stateOf(t, id, 'repatriation')).toBe('consular_engaged');
  });

  it('§5.17 Offence date a range: the earliest plausible act date with the latest plausible date of birth gives the youngest plausible age at the act (KP-AGE-01)', async () => {
    const t = await app();
    // Born between 2007-01-01 and 2008-06-30; the act between 2020-12-01 and 2025-06-30: aged 12 to 18 at the act.
    const id = await register(t, person('Samir', 'male', { earliest: '2007-01-01', latest: '2008-06-30', method: 'holistic assessment', confidence: 'medium' }));
    await screen(t, id);
    const ev = await addEvidence(t, id, ownConduct, 'legal_officer');
    ok(await t.command('caseworker', id, 'best_interests', 'START_BIA'));
    ok(await t.command('caseworker', id, 'best_interests', 'COMPLETE_BIA', { findings: 'adolescent; family traced', bidRequired: false }));
    ok(await t.command('legal_officer', id, 'legal', 'OPEN_INVESTIGATION', { evidenceIds: [ev] }, { justification: 'serious violence alleged' }));
    const justification = { justification: 'requested by the investigating judge' };

    // The whole range: youngest plausible age 12 (2008-06-30 to 2020-12-01), below France's MACR of 13.
    const wide = await t.command('legal_officer', id, 'legal', 'CHARGE', charge('violent_act', '2020-12-01', '2025-06-30', 'ordinary', 'FR', ev, nonJudicial), justification);
    const failed = refused(wide);
    expect(failed.map((v) => v.rule)).toEqual(expect.arrayContaining(['KP-AGE-01', 'KP-AGE-02', 'KP-JUS-03']));
    expect(failed.find((v) => v.rule === 'KP-AGE-01')!.reason).toContain('youngest plausible age 12');
    expect(failed.find((v) => v.rule === 'KP-AGE-02')!.reason).toContain('youngest plausible age at the act 12 is below the MACR of 13');
    expect(await stateOf(t, id, 'legal')).toBe('investigation');

    // A narrower range (youngest plausible age 15): above the MACR, still a child at the act: juvenile forum only.
    const narrow = (forum: string) => charge('violent_act', '2024-01-01', '2024-06-30', forum, 'FR', ev, nonJudicial);
    expect(failedRules(await t.command('legal_officer', id, 'legal', 'CHARGE', narrow('ordinary'), justification))).toEqual(expect.arrayContaining(['KP-AGE-01', 'KP-JUS-03']));
    const juvenile = await t.command('legal_officer', id, 'legal', 'CHARGE', narrow('juvenile'), justification);
    expect(juvenile.status, JSON.stringify(juvenile.body)).toBe(202);
    // Not below the MACR: only France's compliance flag remains (MACR 13 < the GC24 recommendation of 14), a warning.
    expect(verdict(juvenile, 'KP-AGE-02')).toMatchObject({ ok: false, severity: 'warn', reason: expect.stringContaining('compliance flag') });
    expect(verdict(juvenile, 'KP-AGE-01')).toMatchObject({ ok: true, reason: 'acts possibly committed under 18 stay in the juvenile forum' });
    const refusedRecord = (await history(t, id)).find((r) => r.type === 'CHARGE' && r.result === 'refused');
    expect(refusedRecord.data.charges[0].allegedActDate).toEqual({ earliest: '2020-12-01', latest: '2025-06-30' });
    expect(refusedRecord.verdicts).toContainEqual(expect.objectContaining({ rule: 'KP-AGE-02', ok: false }));
  });

  it('§5.18 Law changed between the act and now: PUT /v1/jurisdictions adds a version; the law in force at the act applies unless a later one is more favourable (KP-SYS-02, lex mitior)', async () => {
    const t = await app();
    const version = (validFrom: string, macrGeneral: number) => jurisdictionVersion('XA', validFrom, macrGeneral);
    const put1 = await t.request('policy', 'PUT', '/v1/jurisdictions/XA', version('2015-01-01', 12));
    expect(put1.status, JSON.stringify(put1.body)).toBe(200);
    // The law changes in 2024: the MACR rises to 15.
    const put2 = await t.request('policy', 'PUT', '/v1/jurisdictions/XA', version('2024-01-01', 15));
    expect(put2.status, JSON.stringify(put2.body)).toBe(200);

    // An adult today (born 2006-03-01), alleged acts at 14 (2020) and at 16 (2022).
    const id = await register(t, person('Tarek', 'male', { exact: '2006-03-01' }));
    await screen(t, id, { ...victimAssessment, referrals: ['legal'], outcome: 'no_concern' });
    const ev = await addEvidence(t, id, ownConduct, 'legal_officer');
    ok(await t.command('legal_officer', id, 'legal', 'OPEN_INVESTIGATION', { evidenceIds: [ev] }));
    const justification = { justification: 'requested by the investigating judge' };

    // At 14 the 2015 law (MACR 12) would allow a prosecution; the 2024 law (MACR 15) is more favourable and applies.
    const at14 = await t.command('legal_officer', id, 'legal', 'CHARGE', charge('violent_act', '2020-06-01', '2020-08-01', 'juvenile', 'XA', ev, nonJudicial), justification);
    // (KP-JUS-01 only asks for the second approval of a child prosecution; KP-AGE-02 blocks.)
    expect(refused(at14).map((v) => [v.rule, v.severity])).toEqual([['KP-AGE-02', 'block'], ['KP-JUS-01', '2nd']]);
    expect(verdict(at14, 'KP-AGE-02')!.reason).toContain('youngest plausible age at the act 14 is below the MACR of 15');
    expect(at14.body.error.details.checked.find((v: { rule: string }) => v.rule === 'KP-SYS-02')).toMatchObject({ ok: true, reason: 'law applied: XA 2024-01-01 (more favourable than 2015-01-01 in force at the act)' });

    // An act before any version: no law covers the date, the charge is refused rather than guessed (KP-SYS-02).
    const uncovered = refused(await t.command('legal_officer', id, 'legal', 'CHARGE', charge('violent_act', '2014-05-01', '2014-06-01', 'juvenile', 'XA', ev, nonJudicial), justification));
    expect(uncovered.map((v) => v.rule)).toContain('KP-SYS-02');
    expect(uncovered.find((v) => v.rule === 'KP-SYS-02')!.reason).toContain('no XA law version is in force on 2014-05-01');

    // At 16 the later law still applies (more favourable) and allows it: the case stores the version used.
    const at16 = await t.command('legal_officer', id, 'legal', 'CHARGE', charge('violent_act', '2022-06-01', '2022-08-01', 'juvenile', 'XA', ev, nonJudicial), justification);
    expect(at16.status, JSON.stringify(at16.body)).toBe(202);
    expect(verdict(at16, 'KP-SYS-02')).toMatchObject({ ok: true, reason: 'law applied: XA 2024-01-01 (more favourable than 2015-01-01 in force at the act)' });
    const charged = ok(await t.command('supervisor', id, 'legal', 'CONFIRM_PENDING', { pendingId: at16.body.pending.id }));
    expect(charged.state).toBe('charged');
    const legal = loadCase(t.app.services.repos, id)!.workflows.find((w) => w.kind === 'legal')!;
    expect((legal.context['charges'] as Array<Record<string, unknown>>)[0]!['appliedLaw']).toEqual({ code: 'XA', validFrom: '2015-01-01', appliedValidFrom: '2024-01-01', macr: 15 });
    const versions = (await history(t, id)).filter((r) => r.type === 'CHARGE').map((r) => r.result);
    expect(versions).toEqual(['refused', 'refused', 'pending', 'applied']);
  });

  it('§5.19 An adult man in the household: child rules do not apply to him, and decisions about the others never rest on his status (KP-SCR-02)', async () => {
    const t = await app();
    const legal2 = secondLegal(t);
    const verified = [{ state: 'FR', status: 'verified' }];
    const mother = await register(t, { ...adultWoman, person: { ...adultWoman.person, nationalities: verified } });
    const father = await register(t, { ...person('Omar', 'male', { exact: '1986-01-15' }, { nationalities: verified }), familyLinks: [{ caseId: mother, relation: 'spouse' }] });
    const son = await register(t, {
      ...person('Yusuf', 'male', { exact: '2016-05-02' }, { nationalities: verified }),
      familyLinks: [{ caseId: mother, relation: 'mother' }, { caseId: father, relation: 'father' }],
    });

    // His own individual assessment: an adult's interview, no appropriate adult needed; no BIA for him.
    ok(await t.command('caseworker', father, 'screening', 'START'));
    const interview = ok(await t.command('caseworker', father, 'screening', 'RECORD_INTERVIEW', { ...goodInterview, participants: [{ role: 'screening_officer' }], appropriateAdultPresent: false }));
    expect(interview.verdicts.find((v: { rule: string }) => v.rule === 'KP-SCR-05')).toMatchObject({ ok: true });
    const bia = await t.command('caseworker', father, 'best_interests', 'START_BIA');
    expect(bia.status).toBe(422);
    expect(bia.body.error.code).toBe('INVALID_TRANSITION');
    const own = await addEvidence(t, father, { ...ownConduct, summary: 'seen guarding a checkpoint' }, 'legal_officer');
    ok(await t.command('caseworker', father, 'screening', 'RECORD_ASSESSMENT', { ...victimAssessment, referrals: ['legal'], affiliation: { level: 'suspected', evidenceIds: [own] }, outcome: 'victim_and_suspect' }));
    ok(await t.command('caseworker', father, 'screening', 'SUBMIT'));
    ok(await t.command('supervisor', father, 'screening', 'APPROVE'));
    // Charged for his own alleged acts as an adult; his pre-trial detention is an adult's: one legal officer,
    // no maximum duration required, no child separation rules.
    ok(await t.command('legal_officer', father, 'legal', 'OPEN_INVESTIGATION', { evidenceIds: [own] }));
    expect(ok(await t.command('legal_officer', father, 'legal', 'CHARGE', charge('violent_act', '2019-01-01', '2019-03-01', 'ordinary', 'FR', own))).state).toBe('charged');
    const detained = ok(
      await t.command('legal_officer', father, 'detention', 'DETAIN', {
        facility: { name: 'Pre-trial centre', kind: 'pretrial_centre' },
        jurisdiction: 'FR',
        legalBasis: { kind: 'pretrial', reference: 'CPP art. 144' },
        grounds: ['suspected_offence'],
        alternativesConsidered: [{ alternative: 'judicial supervision', whyUnsuitable: 'flight risk' }],
        separateFromAdults: true,
        evidenceIds: [own],
      }),
    );
    expect(detained.state).toBe('detained');
    expect(detained.verdicts.filter((v: { rule: string }) => ['KP-DET-01', 'KP-DET-02', 'KP-DET-03', 'KP-DET-04'].includes(v.rule)).every((v: { ok: boolean }) => v.ok)).toBe(true);

    // His status is no evidence against his wife or his son (KP-SCR-02).
    const aboutHim = { kind: 'intelligence_report', summary: 'husband suspected of guarding a checkpoint', concerns: 'family_member', source: 'security service', at: '2026-05-01' };
    const onMother = await addEvidence(t, mother, aboutHim);
    const onSon = await addEvidence(t, son, { ...aboutHim, summary: 'father suspected of guarding a checkpoint' });
    ok(await t.command('caseworker', mother, 'screening', 'START'));
    ok(await t.command('caseworker', mother, 'screening', 'RECORD_INTERVIEW', { ...goodInterview, participants: [{ role: 'screening_officer', female: true }] }));
    const suspectWife = refused(await t.command('caseworker', mother, 'screening', 'RECORD_ASSESSMENT', { ...victimAssessment, referrals: ['mhpss'], affiliation: { level: 'suspected', evidenceIds: [onMother] }, outcome: 'victim_and_suspect' }));
    expect(suspectWife.map((v) => v.rule)).toEqual(['KP-SCR-02']);
    ok(await t.command('caseworker', mother, 'screening', 'RECORD_ASSESSMENT', { ...victimAssessment, referrals: ['mhpss'] }));
    ok(await t.command('caseworker', mother, 'screening', 'SUBMIT'));
    ok(await t.command('supervisor', mother, 'screening', 'APPROVE'));
    const detainWife = refused(
      await t.command('legal_officer', mother, 'detention', 'DETAIN', {
        facility: { name: 'Pre-trial centre', kind: 'pretrial_centre' },
        legalBasis: { kind: 'security', reference: 'administrative order' },
        grounds: ['imminent_security_threat'],
        alternativesConsidered: [{ alternative: 'reporting', whyUnsuitable: 'none' }],
        separateFromAdults: true,
        children: [{ caseId: son, name: 'Y', age: 10, whereabouts: 'camp', carer: 'grandmother', staysWithMother: false, bestInterestsBasis: 'BIA' }],
        evidenceIds: [onMother],
        femaleStaffAvailable: true,
      }),
    );
    expect(detainWife.map((v) => v.rule)).toContain('KP-SCR-02');
    ok(await t.command('caseworker', son, 'screening', 'START'));
    ok(await t.command('caseworker', son, 'screening', 'RECORD_INTERVIEW', goodInterview));
    expect(failedRules(await t.command('caseworker', son, 'screening', 'RECORD_ASSESSMENT', { ...victimAssessment, affiliation: { level: 'suspected', evidenceIds: [onSon] }, outcome: 'victim_and_suspect' }))).toEqual(['KP-SCR-02']);
    ok(await t.command('caseworker', son, 'screening', 'RECORD_ASSESSMENT', victimAssessment));
    ok(await t.command('caseworker', son, 'screening', 'SUBMIT'));
    ok(await t.command('supervisor', son, 'screening', 'APPROVE'));
    expect(await stateOf(t, mother, 'detention')).toBe('not_detained');

    // The household moves on its members' own rules: the son's separation from his father is a family-unity
    // question (a BID and consent, KP-CHILD-07/-06), never a consequence of the father's status.
    for (const [id, child] of [[mother, false], [son, true]] as const) await clearDestination(t, id, 'FR', child, legal2);
    const withoutBid = refused(await t.command('caseworker', mother, 'repatriation', 'PLAN', { destination: 'FR', withFamily: [son] }));
    expect(withoutBid.map((v) => [v.rule, v.case ?? mother])).toEqual([['KP-CHILD-07', son]]);
    expect(withoutBid[0]!.reason).toContain(`father (${father})`);
    await approveBid(
      t,
      son,
      panelOf(t),
      prepareBid({ familyUnity: 'returns with his mother; the father is in pre-trial detention; visits arranged', recommendation: { action: 'repatriate_with_family', separationInBestInterests: true } }),
      async () => void ok(await t.command('caseworker', son, 'best_interests', 'RECORD_CONSENT', { ...consent(father), circumstances: { ...consent(father).circumstances, inDetention: true } })),
    );
    const planned = await t.command('caseworker', mother, 'repatriation', 'PLAN', { destination: 'FR', withFamily: [son] });
    expect(planned.status, JSON.stringify(planned.body)).toBe(202);
    expect(ok(await t.command('supervisor', mother, 'repatriation', 'CONFIRM_PENDING', { pendingId: planned.body.pending.id })).state).toBe('planning');
    expect(await stateOf(t, son, 'repatriation')).toBe('planning');
    expect(await stateOf(t, father, 'repatriation')).toBe('not_planned');
    for (const id of [mother, son]) {
      ok(await t.command('caseworker', id, 'repatriation', 'RECORD_CONSULAR_CONTACT', { state: 'FR', date: '2026-05-28', notes: 'consulate engaged' }));
      ok(await t.command('caseworker', id, 'repatriation', 'ISSUE_DOCUMENTS', { type: 'passport' }));
    }
    const approval = await t.command('supervisor', son, 'repatriation', 'APPROVE_RETURN');
    expect(approval.status, JSON.stringify(approval.body)).toBe(202);
    // Nothing in the mother's or the son's gate concerns the father's suspected status.
    expect(verdictsOf(approval).filter((v) => !v.ok).map((v) => v.rule)).toEqual(['KP-CHILD-07']);
    expect(ok(await t.command(t.extra('supervisor-2', 'supervisor'), son, 'repatriation', 'CONFIRM_PENDING', { pendingId: approval.body.pending.id })).state).toBe('approved');
    for (const id of [mother, son]) expect(await stateOf(t, id, 'repatriation')).toBe('approved');
    expect(await stateOf(t, father, 'detention')).toBe('detained');
  });
});

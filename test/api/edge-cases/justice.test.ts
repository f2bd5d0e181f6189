import { describe, expect, it } from 'vitest';
import { loadCase } from '../../../src/engine/views.ts';
import { adultWoman, goodInterview, jurisdictionVersion, victimAssessment } from '../../support/app.ts';
import { addEvidence, approveBid, camp, clearDestination, consent, failedRules, history, ok, person, prepareBid, refused, register, risks, screen, stateOf, type T } from '../../support/flows.ts';
import { edgeCaseApps, fairTrial, panelOf, secondLegal, tasksFor, verdict } from './fixtures.ts';

/**
 * DOMAIN.md §5 "Edge cases the software must handle", through the API. Justice and detention: a
 * mother prosecuted elsewhere, a boy held with adults, a child alleged to have fought, an offence
 * date range, a law changed since the act (DOMAIN.md §5.9–5.11, 5.17, 5.18). One `it` per case
 * ("§5.N ..."), each on its own in-memory app with a clock the test controls. After each test,
 * every case's stored state is explained by its audit records and the chain verifies.
 */

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

const clock = { now: '2026-06-01T10:00:00.000Z' };
const app = edgeCaseApps(clock);

describe('DOMAIN.md §5 edge cases, through the API: justice', () => {
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
});

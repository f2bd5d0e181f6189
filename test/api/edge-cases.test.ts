import { afterEach, describe, expect, it } from 'vitest';
import { replayAll } from '../../src/engine/replay.ts';
import { loadCase } from '../../src/engine/views.ts';
import { adultWoman, goodInterview, testApp, victimAssessment } from '../support/app.ts';
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
  screen,
  stateOf,
  verifyNationality,
  type T,
} from '../support/flows.ts';

/**
 * DOMAIN.md §5 "Edge cases the software must handle", through the API: one `it` per case, each on
 * its own in-memory app with a clock the test controls.
 */

const ownConduct = { kind: 'statement', summary: 'witness saw him carry a weapon at a checkpoint', concerns: 'own_conduct', source: 'witness', at: '2025-12-01' };
const fairTrial = { counsel: { appointed: true }, interpreter: { needed: false, provided: false }, informedOfCharges: true, presumptionOfInnocence: true, appropriateAdult: true };
const charge = (earliest: string, latest: string, forum: string, evidenceId: string, extra: Record<string, unknown> = {}) => ({
  charges: [{ offence: 'armed violence', category: 'violent_act', allegedActDate: { earliest, latest } }],
  forum,
  jurisdiction: 'FR',
  evidenceIds: [evidenceId],
  ...fairTrial,
  ...extra,
});
const nonJudicial = { nonJudicialMeasuresConsidered: [{ measure: 'community reintegration programme', whyUnsuitable: 'refused by the person twice; serious harm to others alleged' }] };

let apps: T[] = [];
let now = '2026-06-01T10:00:00.000Z';
async function app(start = '2026-06-01T10:00:00.000Z'): Promise<T> {
  now = start;
  const t = await testApp({ now: () => now });
  apps.push(t);
  return t;
}
afterEach(async () => {
  for (const t of apps) await t.close();
  apps = [];
});

const secondLegal = (t: T) => t.extra('legal-2', 'legal_officer');
const panelOf = (t: T) => [t.users.bid_panel, t.extra('panel-legal', 'bid_panel'), t.extra('panel-health', 'bid_panel')];

describe('DOMAIN.md §5 edge cases, through the API', () => {
  it('§5.1 Age unknown or estimated: a range straddling 18 is treated as a child', async () => {
    const t = await app();
    // Born between 2007-01-01 and 2009-03-01: 17 to 19 today; the youngest plausible age counts.
    const id = await register(t, person('Omar', 'male', { earliest: '2007-01-01', latest: '2009-03-01', method: 'holistic assessment', confidence: 'low' }));
    expect((await getCase(t, id)).child).toBe(true);
    const listed = await t.request('caseworker', 'GET', '/v1/cases?child=true');
    expect(listed.body.items.map((c: { id: string }) => c.id)).toContain(id);

    // Child safeguards apply: no interview without child-protection staff and an appropriate adult.
    ok(await t.command('caseworker', id, 'screening', 'START'));
    expect(failedRules(await t.command('caseworker', id, 'screening', 'RECORD_INTERVIEW', { ...goodInterview, participants: [{ role: 'screening_officer' }], appropriateAdultPresent: false }))).toContain('KP-SCR-05');
    ok(await t.command('caseworker', id, 'screening', 'RECORD_INTERVIEW', goodInterview));
    ok(await t.command('caseworker', id, 'screening', 'RECORD_ASSESSMENT', victimAssessment));
    ok(await t.command('caseworker', id, 'screening', 'SUBMIT'));
    ok(await t.command('supervisor', id, 'screening', 'APPROVE'));
    const ev = await addEvidence(t, id, ownConduct, 'legal_officer');

    // The justice track for a child needs a current BIA and written reasons (KP-SCR-04, KP-JUS-01).
    ok(await t.command('caseworker', id, 'best_interests', 'START_BIA'));
    ok(await t.command('caseworker', id, 'best_interests', 'COMPLETE_BIA', { findings: 'adolescent; family traced in France', bidRequired: false }));
    ok(await t.command('legal_officer', id, 'legal', 'OPEN_INVESTIGATION', { evidenceIds: [ev] }, { justification: 'serious violence alleged; diversion to be weighed at the charging stage' }));

    // A charge before an ordinary (adult) court is refused: he may have been a child at the act.
    const adultCourt = refused(await t.command('legal_officer', id, 'legal', 'CHARGE', charge('2025-01-01', '2025-06-30', 'ordinary', ev, nonJudicial), { justification: 'prosecution requested by the investigating judge' }));
    const rules = adultCourt.map((v) => v.rule);
    expect(rules).toEqual(expect.arrayContaining(['KP-AGE-01', 'KP-JUS-03']));
    expect(await stateOf(t, id, 'legal')).toBe('investigation');
    // The juvenile forum satisfies both: only the second approval of a child prosecution remains (KP-JUS-01).
    const juvenile = await t.command('legal_officer', id, 'legal', 'CHARGE', charge('2025-01-01', '2025-06-30', 'juvenile', ev, nonJudicial), { justification: 'prosecution requested by the investigating judge' });
    expect(juvenile.status, JSON.stringify(juvenile.body)).toBe(202);
    expect(juvenile.body.pending.requiredRole).toBe('supervisor');
    const verdict = (r: string) => juvenile.body.verdicts.find((v: { rule: string }) => v.rule === r);
    expect(verdict('KP-AGE-01').ok).toBe(true);
    expect(verdict('KP-JUS-03').ok).toBe(true);
  });

  it('§5.2 Child turns 18 during the process: adult for new decisions, the age at the act still governs a charge', async () => {
    const t = await app('2026-06-01T10:00:00.000Z');
    const id = await register(t, person('Karim', 'male', { exact: '2008-07-01' }));
    expect((await getCase(t, id)).child).toBe(true);
    ok(await t.command('caseworker', id, 'screening', 'START'));
    const adultStyleInterview = { ...goodInterview, participants: [{ role: 'screening_officer' }], appropriateAdultPresent: false };
    // Day 1, aged 17: a child's interview needs child-protection staff and an appropriate adult.
    expect(failedRules(await t.command('caseworker', id, 'screening', 'RECORD_INTERVIEW', adultStyleInterview))).toContain('KP-SCR-05');

    // The 18th birthday passes (latest plausible date of birth 2008-07-01).
    now = '2026-07-15T10:00:00.000Z';
    expect((await getCase(t, id)).child).toBe(false);
    // New decisions are an adult's: the same interview is now accepted; a new BIA means nothing.
    ok(await t.command('caseworker', id, 'screening', 'RECORD_INTERVIEW', adultStyleInterview));
    ok(await t.command('caseworker', id, 'screening', 'RECORD_ASSESSMENT', { ...victimAssessment, referrals: ['mhpss'] }));
    ok(await t.command('caseworker', id, 'screening', 'SUBMIT'));
    ok(await t.command('supervisor', id, 'screening', 'APPROVE'));
    const bia = await t.command('caseworker', id, 'best_interests', 'START_BIA');
    expect(bia.status).toBe(422);
    expect(bia.body.error.code).toBe('INVALID_TRANSITION');

    const ev = await addEvidence(t, id, ownConduct, 'legal_officer');
    ok(await t.command('legal_officer', id, 'legal', 'OPEN_INVESTIGATION', { evidenceIds: [ev] }));
    // An act committed at 16 (spring 2025) still needs the juvenile forum, though he is an adult now.
    const adultCourt = refused(await t.command('legal_officer', id, 'legal', 'CHARGE', charge('2025-03-01', '2025-05-01', 'ordinary', ev, nonJudicial), { justification: 'prosecution requested by the investigating judge' }));
    expect(adultCourt.map((v) => v.rule)).toEqual(expect.arrayContaining(['KP-AGE-01', 'KP-JUS-03']));
    expect(adultCourt.find((v) => v.rule === 'KP-AGE-01')!.reason).toMatch(/under 18/);
    const juvenile = await t.command('legal_officer', id, 'legal', 'CHARGE', charge('2025-03-01', '2025-05-01', 'juvenile', ev, nonJudicial), { justification: 'prosecution requested by the investigating judge' });
    expect(juvenile.status, JSON.stringify(juvenile.body)).toBe(202);
    expect(juvenile.body.verdicts.filter((v: { rule: string; ok: boolean }) => ['KP-AGE-01', 'KP-JUS-03'].includes(v.rule) && !v.ok)).toEqual([]);
    // An act committed after the 18th birthday may go before the ordinary court.
    const adultAct = ok(await t.command('legal_officer', id, 'legal', 'CHARGE', charge('2026-07-05', '2026-07-10', 'ordinary', ev)));
    expect(adultAct.state).toBe('charged');
  });

  it('§5.4 Orphans: the return of an orphan needs an approved BID (KP-CHILD-02)', async () => {
    const t = await app();
    const id = await register(t, person('Huda', 'female', { exact: '2018-02-02' }, { vulnerabilities: ['orphan'] }));
    const c = await getCase(t, id);
    expect(c.familyLinks).toEqual([]);
    await screen(t, id);
    await verifyNationality(t, id, 'FR');
    await clearDestination(t, id, 'FR', true, secondLegal(t));
    ok(await t.command('caseworker', id, 'repatriation', 'PLAN', { destination: 'FR', withFamily: [] }));
    ok(await t.command('caseworker', id, 'repatriation', 'RECORD_CONSULAR_CONTACT', { state: 'FR', date: '2026-05-28', notes: 'consulate engaged' }));
    ok(await t.command('caseworker', id, 'repatriation', 'ISSUE_DOCUMENTS', { type: 'laissez_passer' }));
    const before = (await getCase(t, id)).version;
    const noBid = refused(await t.command('supervisor', id, 'repatriation', 'APPROVE_RETURN'));
    const child02 = noBid.find((v) => v.rule === 'KP-CHILD-02');
    expect(child02?.reason).toMatch(/orphan/);
    expect((await getCase(t, id)).version).toBe(before);
    expect(await stateOf(t, id, 'repatriation')).toBe('documents_ready');

    // An orphan with no caregiver is unaccompanied: tracing and a guardian before the BID decides a durable solution (KP-CHILD-08).
    ok(await t.command('caseworker', id, 'best_interests', 'RECORD_TRACING', { status: 'started', agency: 'ICRC', startedOn: '2026-05-01' }));
    ok(await t.command('supervisor', id, 'best_interests', 'APPOINT_GUARDIAN', { name: 'G. Guardian', kind: 'guardian', appointedBy: 'juvenile judge', appointedOn: '2026-05-10' }));
    await approveBid(t, id, panelOf(t), prepareBid({ familyUnity: 'no parent alive; maternal aunt in France traced', recommendation: { action: 'repatriate_separately', care: 'kinship', separationInBestInterests: false } }));
    expect(ok(await t.command('supervisor', id, 'repatriation', 'APPROVE_RETURN')).state).toBe('approved');
  });

  it('§5.5 Dual nationality: a return to either State needs that destination\'s own non-refoulement clearance', async () => {
    const t = await app();
    const legal2 = secondLegal(t);
    for (const [destination, other] of [['BE', 'FR'], ['FR', 'BE']] as const) {
      const id = await register(t, { ...adultWoman, person: { ...adultWoman.person, nationalities: [{ state: 'FR', status: 'verified' }, { state: 'BE', status: 'verified' }] } });
      await screen(t, id);
      // Only the other State of nationality is cleared.
      await clearDestination(t, id, other, false, legal2);
      ok(await t.command('caseworker', id, 'repatriation', 'PLAN', { destination, withFamily: [] }));
      ok(await t.command('caseworker', id, 'repatriation', 'RECORD_CONSULAR_CONTACT', { state: destination, date: '2026-05-28', notes: 'consulate engaged' }));
      ok(await t.command('caseworker', id, 'repatriation', 'ISSUE_DOCUMENTS', { type: 'passport' }));
      const failed = refused(await t.command('supervisor', id, 'repatriation', 'APPROVE_RETURN'));
      expect(failed.map((v) => v.rule)).toEqual(['KP-RET-01']);
      expect(failed[0]!.reason).toContain(destination);
      expect(failed[0]!.reason).not.toContain(other);
      expect(await stateOf(t, id, 'repatriation')).toBe('documents_ready');
      // With the destination's own clearance the return is approved.
      await clearDestination(t, id, destination, false, legal2);
      expect(ok(await t.command('supervisor', id, 'repatriation', 'APPROVE_RETURN')).state).toBe('approved');
    }
  });

  it('§5.6 Mother\'s nationality differs from the child\'s: a plan separating them needs a BID supporting separation (KP-CHILD-07)', async () => {
    const t = await app();
    const mother = await register(t, { ...adultWoman, person: { ...adultWoman.person, nationalities: [{ state: 'BE', status: 'verified' }] } });
    const child = await register(t, { ...person('Nour', 'female', { exact: '2019-04-04' }, { nationalities: [{ state: 'FR', status: 'verified' }] }), familyLinks: [{ caseId: mother, relation: 'mother' }] });
    // State A (FR) accepts the child only.
    const split = refused(await t.command('caseworker', child, 'repatriation', 'PLAN', { destination: 'FR', withFamily: [] }));
    expect(split.map((v) => v.rule)).toEqual(['KP-CHILD-07']);
    expect(split[0]!.reason).toMatch(/no approved BID supports the separation/);
    expect(await stateOf(t, child, 'repatriation')).toBe('not_planned');

    // A BID concluding separation is in her best interests (with the mother's consent), then a second supervisor.
    await approveBid(
      t,
      child,
      panelOf(t),
      prepareBid({ familyUnity: 'the mother cannot enter France; contact by video and visits arranged', recommendation: { action: 'repatriate_separately', care: 'kinship', separationInBestInterests: true } }),
      async () => void ok(await t.command('caseworker', child, 'best_interests', 'RECORD_CONSENT', consent(mother))),
    );
    const proposed = await t.command('caseworker', child, 'repatriation', 'PLAN', { destination: 'FR', withFamily: [] });
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(202);
    expect(proposed.body.pending.requiredRole).toBe('supervisor');
    const confirmed = ok(await t.command('supervisor', child, 'repatriation', 'CONFIRM_PENDING', { pendingId: proposed.body.pending.id }));
    expect(confirmed.state).toBe('planning');
    expect(await stateOf(t, mother, 'repatriation')).toBe('not_planned');
  });

  it('§5.14 Consent withdrawn at the last minute: the BID reopens, the transfer is frozen', async () => {
    const t = await app();
    const mother = await register(t, { ...adultWoman, location: { kind: 'detention', name: 'Central prison', state: 'IQ' } });
    const child = await register(t, { ...person('Sara', 'female', { exact: '2019-01-01' }), familyLinks: [{ caseId: mother, relation: 'mother' }] });
    await screen(t, child);
    await verifyNationality(t, child, 'FR');
    await clearDestination(t, child, 'FR', true, secondLegal(t));
    await approveBid(
      t,
      child,
      panelOf(t),
      prepareBid({ familyUnity: 'mother detained; she asks that her daughter go to her grandmother', recommendation: { action: 'repatriate_separately', care: 'kinship', separationInBestInterests: true } }),
      async () => void ok(await t.command('caseworker', child, 'best_interests', 'RECORD_CONSENT', consent(mother))),
    );
    const proposed = await t.command('caseworker', child, 'repatriation', 'PLAN', { destination: 'FR', withFamily: [] });
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(202);
    ok(await t.command('supervisor', child, 'repatriation', 'CONFIRM_PENDING', { pendingId: proposed.body.pending.id }));
    ok(await t.command('caseworker', child, 'repatriation', 'RECORD_CONSULAR_CONTACT', { state: 'FR', date: '2026-05-28', notes: 'consulate engaged' }));
    ok(await t.command('caseworker', child, 'repatriation', 'ISSUE_DOCUMENTS', { type: 'laissez_passer' }));
    expect(await stateOf(t, child, 'repatriation')).toBe('documents_ready');

    // The mother withdraws her consent before departure: recorded (she is not penalised), the BID reopens.
    const withdrawn = ok(await t.command('caseworker', child, 'best_interests', 'RECORD_CONSENT', consent(mother, 'withdrawn')));
    expect(withdrawn.state).toBe('bid_preparation');
    expect(withdrawn.verdicts.find((v: { rule: string }) => v.rule === 'KP-CHILD-06')).toMatchObject({ ok: true });
    // The transfer goes back to planning (KP-SYS-01), as its own audit record.
    expect(await stateOf(t, child, 'repatriation')).toBe('planning');
    const reversal = (await history(t, child)).filter((r) => r.type === 'BID_ANNULLED');
    expect(reversal).toEqual([expect.objectContaining({ workflow: 'repatriation', result: 'applied', fromState: 'documents_ready', toState: 'planning', data: expect.objectContaining({ causedBy: withdrawn.auditSeq }) })]);

    // Even with documents again, no approval: the withdrawal and the missing BID refuse it.
    ok(await t.command('caseworker', child, 'repatriation', 'ISSUE_DOCUMENTS', { type: 'laissez_passer' }));
    const version = (await getCase(t, child)).version;
    const frozen = refused(await t.command('supervisor', child, 'repatriation', 'APPROVE_RETURN'));
    expect(frozen.map((v) => v.rule)).toEqual(expect.arrayContaining(['KP-CHILD-06', 'KP-CHILD-02']));
    expect(frozen.find((v) => v.rule === 'KP-CHILD-06')!.reason).toMatch(/withdrew consent/);
    expect(await stateOf(t, child, 'repatriation')).toBe('documents_ready');
    expect((await getCase(t, child)).version).toBe(version);
  });

  it('§5.15 New evidence after a decision: appended, the decision stays in history; family-only or torture-tainted evidence cannot carry a later decision', async () => {
    const t = await app();
    const id = await register(t, adultWoman);
    await screen(t, id, { ...victimAssessment, referrals: ['mhpss'] });
    const approvedAt = (await history(t, id)).find((r) => r.type === 'APPROVE');
    expect(approvedAt).toMatchObject({ workflow: 'screening', result: 'applied', toState: 'completed' });

    now = '2026-06-10T10:00:00.000Z';
    const husband = await addEvidence(t, id, { kind: 'intelligence_report', summary: 'husband listed as a fighter', concerns: 'family_member', source: 'security service', at: '2026-06-05' });
    const confession = await addEvidence(t, id, { kind: 'confession', summary: 'signed confession', concerns: 'own_conduct', tortureAllegation: 'alleged', source: 'interrogation record', at: '2026-06-06' }, 'legal_officer');
    const c = await getCase(t, id);
    expect(c.evidence.map((e: { id: string }) => e.id)).toEqual([husband, confession]);
    // The approved screening is untouched and stays in the history.
    expect(await stateOf(t, id, 'screening')).toBe('completed');
    const h = await history(t, id);
    expect(h.filter((r) => r.type === 'EVIDENCE_ADDED')).toHaveLength(2);
    expect(h.find((r) => r.type === 'APPROVE')).toEqual(approvedAt);

    // A later decision cannot rest on a family link (KP-SCR-02) or on evidence alleged to come from torture (KP-JUS-06).
    expect(failedRules(await t.command('legal_officer', id, 'legal', 'OPEN_INVESTIGATION', { evidenceIds: [husband], femaleStaffAvailable: true }))).toContain('KP-SCR-02');
    expect(failedRules(await t.command('legal_officer', id, 'legal', 'OPEN_INVESTIGATION', { evidenceIds: [confession], femaleStaffAvailable: true }))).toContain('KP-JUS-06');
    expect(await stateOf(t, id, 'legal')).toBe('no_proceedings');

    // Re-screening on the new evidence: the same limits apply; the first approval stays on record.
    ok(await t.command('supervisor', id, 'screening', 'REOPEN', { reason: 'new evidence received' }));
    const suspected = (ids: string[]) => ({ ...victimAssessment, referrals: ['mhpss'], affiliation: { level: 'suspected', evidenceIds: ids }, outcome: 'victim_and_suspect' });
    expect(failedRules(await t.command('caseworker', id, 'screening', 'RECORD_ASSESSMENT', suspected([husband])))).toEqual(['KP-SCR-02']);
    expect(failedRules(await t.command('caseworker', id, 'screening', 'RECORD_ASSESSMENT', suspected([confession])))).toEqual(expect.arrayContaining(['KP-JUS-06']));
    expect((await history(t, id)).find((r) => r.type === 'APPROVE')).toEqual(approvedAt);
  });

  it('§5.16 Appeal reverses a decision: ANNUL_BID sends the family plan back to planning; ANNUL_REFERRAL closes the proceedings and releases', async () => {
    const t = await app();
    const legal2 = secondLegal(t);
    // (a) An annulled BID: mother and son had an approved joint return.
    const mother = await register(t, adultWoman);
    const son = await register(t, { ...person('Yusuf', 'male', { exact: '2016-05-02' }), familyLinks: [{ caseId: mother, relation: 'mother' }] });
    for (const [id, child] of [[mother, false], [son, true]] as const) {
      await screen(t, id, child ? victimAssessment : { ...victimAssessment, referrals: ['mhpss'] });
      await verifyNationality(t, id, 'FR');
      await clearDestination(t, id, 'FR', child, legal2);
    }
    await approveBid(t, son, panelOf(t), prepareBid(), async () => void ok(await t.command('caseworker', son, 'best_interests', 'RECORD_CONSENT', consent(mother))));
    ok(await t.command('caseworker', son, 'repatriation', 'PLAN', { destination: 'FR', withFamily: [mother] }));
    for (const id of [mother, son]) ok(await t.command('caseworker', id, 'repatriation', 'ISSUE_DOCUMENTS', { type: 'passport' }));
    ok(await t.command('supervisor', son, 'repatriation', 'APPROVE_RETURN'));
    for (const id of [mother, son]) expect(await stateOf(t, id, 'repatriation')).toBe('approved');

    const annulled = ok(await t.command('supervisor', son, 'best_interests', 'ANNUL_BID', { reason: 'appeal upheld: the child was not heard on the new placement' }));
    expect(annulled.state).toBe('bid_preparation');
    for (const id of [son, mother]) {
      expect(await stateOf(t, id, 'repatriation'), id).toBe('planning');
      const w = loadCase(t.app.services.repos, id)!.workflows.find((x) => x.kind === 'repatriation')!;
      expect(w.context['approvedBy']).toBeNull();
      expect(w.context['reversals']).toEqual([expect.objectContaining({ cause: 'bid_annulled', from: 'approved' })]);
      const records = (await history(t, id)).filter((r) => r.type === 'BID_ANNULLED');
      expect(records, id).toEqual([
        expect.objectContaining({ caseId: id, workflow: 'repatriation', result: 'applied', fromState: 'approved', toState: 'planning', data: expect.objectContaining({ causedBy: annulled.auditSeq }) }),
      ]);
    }
    // The annulment itself is its own record on the child's case.
    expect((await history(t, son)).find((r) => r.type === 'ANNUL_BID')).toMatchObject({ seq: annulled.auditSeq, workflow: 'best_interests', fromState: 'bid_approved', toState: 'bid_preparation' });

    // (b) An annulled prosecution referral: the proceedings close and pre-trial detention ends.
    const man = await register(t, person('Ahmed', 'male', { exact: '1985-01-01' }));
    await screen(t, man, { ...victimAssessment, referrals: ['legal'], outcome: 'no_concern' });
    const ev = await addEvidence(t, man, ownConduct, 'legal_officer');
    ok(await t.command('legal_officer', man, 'legal', 'OPEN_INVESTIGATION', { evidenceIds: [ev] }));
    expect(ok(await t.command('legal_officer', man, 'legal', 'CHARGE', charge('2019-01-01', '2019-03-01', 'ordinary', ev))).state).toBe('charged');
    const detained = ok(
      await t.command('legal_officer', man, 'detention', 'DETAIN', {
        facility: { name: 'Pre-trial centre', kind: 'pretrial_centre' },
        jurisdiction: 'FR',
        legalBasis: { kind: 'pretrial', reference: 'CPP art. 144' },
        grounds: ['suspected_offence', 'flight_risk'],
        alternativesConsidered: [{ alternative: 'judicial supervision', whyUnsuitable: 'no fixed address' }],
        separateFromAdults: true,
        reviewDueAt: '2026-06-10',
        maxEnd: '2026-12-01',
        evidenceIds: [ev],
      }),
    );
    expect(detained.state).toBe('detained');
    // The legal officer who charged may not record the annulment of their own referral.
    expect(failedRules(await t.command('legal_officer', man, 'legal', 'ANNUL_REFERRAL', { reason: 'appeal court annulled the referral' }))).toContain('KP-SYS-03');
    const annul = ok(await t.command(legal2, man, 'legal', 'ANNUL_REFERRAL', { reason: 'appeal court annulled the referral' }));
    expect(annul.state).toBe('closed');
    expect(await stateOf(t, man, 'detention')).toBe('not_detained');
    const release = (await history(t, man)).filter((r) => r.type === 'REFERRAL_ANNULLED');
    expect(release).toEqual([expect.objectContaining({ workflow: 'detention', result: 'applied', fromState: 'detained', toState: 'not_detained', data: expect.objectContaining({ causedBy: annul.auditSeq }) })]);

    const v = await t.request('reviewer', 'GET', '/v1/audit/verify');
    expect(v.body).toMatchObject({ ok: true });
    // The compensating records explain every stored state, the family member's included.
    for (const r of replayAll(t.app.services.repos)) expect(r.differences, r.caseId).toEqual([]);
  });
});

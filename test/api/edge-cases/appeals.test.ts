import { describe, expect, it } from 'vitest';
import { replayAll } from '../../../src/engine/replay.ts';
import { loadCase } from '../../../src/engine/views.ts';
import { adultWoman, victimAssessment } from '../../support/app.ts';
import { addEvidence, approveBid, clearDestination, consent, failedRules, getCase, history, ok, person, prepareBid, register, screen, stateOf, verifyNationality, type T } from '../../support/flows.ts';
import { edgeCaseApps, fairTrial, panelOf, refusal, repatriationContext, secondLegal } from './fixtures.ts';

/**
 * DOMAIN.md §5 "Edge cases the software must handle", through the API. After a decision: new
 * evidence, and appeals that annul a decision (DOMAIN.md §5.15, 5.16). One `it` per case ("§5.N
 * ..."), each on its own in-memory app with a clock the test controls. After each test, every
 * case's stored state is explained by its audit records and the chain verifies.
 */

const ownConduct = { kind: 'statement', summary: 'witness saw him carry a weapon at a checkpoint', concerns: 'own_conduct', source: 'witness', at: '2025-12-01' };
const charge = (earliest: string, latest: string, forum: string, evidenceId: string, extra: Record<string, unknown> = {}) => ({
  charges: [{ offence: 'armed violence', category: 'violent_act', allegedActDate: { earliest, latest } }],
  forum,
  jurisdiction: 'FR',
  evidenceIds: [evidenceId],
  ...fairTrial,
  ...extra,
});

const clock = { now: '2026-06-01T10:00:00.000Z' };
const app = edgeCaseApps(clock);

describe('DOMAIN.md §5 edge cases, through the API: appeals', () => {
  it('§5.15 New evidence after a decision: appended, the decision stays in history; family-only or torture-tainted evidence cannot carry a later decision', async () => {
    const t = await app();
    const id = await register(t, adultWoman);
    await screen(t, id, { ...victimAssessment, referrals: ['mhpss'] });
    const approvedAt = (await history(t, id)).find((r) => r.type === 'APPROVE');
    expect(approvedAt).toMatchObject({ workflow: 'screening', result: 'applied', toState: 'completed' });

    clock.now = '2026-06-10T10:00:00.000Z';
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

  it('§5.16 Appeal annuls a refusal to repatriate: planning restarts with the original priority date (KP-SYS-01)', async () => {
    const t = await app();
    const id = await register(t, { ...adultWoman, person: { ...adultWoman.person, nationalities: [{ state: 'FR', status: 'verified' }] } });
    await screen(t, id, { ...victimAssessment, referrals: ['mhpss'] });
    ok(await t.command('caseworker', id, 'repatriation', 'PLAN', { destination: 'FR', withFamily: [] }));
    const plannedAt = repatriationContext(t, id)['plannedAt'];
    expect(plannedAt).toBe('2026-06-01T10:00:00.000Z');
    clock.now = '2026-06-20T10:00:00.000Z';
    // Recording the State's refusal is a fact (no KP-RET-05 second approval): applied at once.
    expect(ok(await t.command('caseworker', id, 'repatriation', 'RECORD_STATE_REFUSAL', refusal, { justification: 'refusal letter on file' })).state).toBe('barrier');
    ok(await t.command('legal_officer', id, 'repatriation', 'RECORD_REVIEW_REQUEST', { body: 'Conseil d\'Etat', date: '2026-06-25', against: 'state_refusal' }));

    // The review body annuls the refusal: a reasoned decision (KP-SYS-01) sends the plan back to planning.
    clock.now = '2026-09-10T10:00:00.000Z';
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
});

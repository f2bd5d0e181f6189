import { describe, expect, it } from 'vitest';
import { loadCase } from '../../../src/engine/views.ts';
import { adultWoman, victimAssessment } from '../../support/app.ts';
import { approveBid, camp, clearDestination, consent, failedRules, history, ok, person, prepareBid, refused, register, screen, stateOf, verifyNationality, type T } from '../../support/flows.ts';
import { edgeCaseApps, panelOf, refusal, secondLegal, tasksFor } from './fixtures.ts';

/**
 * DOMAIN.md §5 "Edge cases the software must handle", through the API. Nationality and the State
 * of return: dual nationality, a child born without documents, a State that refuses or does not
 * answer (DOMAIN.md §5.5, 5.7, 5.8). One `it` per case ("§5.N ..."), each on its own in-memory app
 * with a clock the test controls. After each test, every case's stored state is explained by its
 * audit records and the chain verifies.
 */

const clock = { now: '2026-06-01T10:00:00.000Z' };
const app = edgeCaseApps(clock);

describe('DOMAIN.md §5 edge cases, through the API: nationality', () => {
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
    clock.now = '2026-07-15T10:00:00.000Z';
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
    clock.now = '2026-09-01T10:00:00.000Z';
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
});

import { describe, expect, it } from 'vitest';
import { goodInterview, victimAssessment } from '../../support/app.ts';
import { addEvidence, failedRules, getCase, ok, person, refused, register, stateOf, type T } from '../../support/flows.ts';
import { edgeCaseApps, fairTrial } from './fixtures.ts';

/**
 * DOMAIN.md §5 "Edge cases the software must handle", through the API. Age unknown, estimated or
 * crossing 18 during the process (DOMAIN.md §5.1, §5.2). One `it` per case ("§5.N ..."), each on
 * its own in-memory app with a clock the test controls. After each test, every case's stored state
 * is explained by its audit records and the chain verifies.
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
const nonJudicial = { nonJudicialMeasuresConsidered: [{ measure: 'community reintegration programme', whyUnsuitable: 'refused by the person twice; serious harm to others alleged' }] };

const clock = { now: '2026-06-01T10:00:00.000Z' };
const app = edgeCaseApps(clock);

describe('DOMAIN.md §5 edge cases, through the API: age', () => {
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
    clock.now = '2026-07-15T10:00:00.000Z';
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
});

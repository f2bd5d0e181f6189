import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCase } from '../../src/engine/views.ts';
import { replayAll } from '../../src/engine/replay.ts';
import { adultWoman, goodInterview, testApp, victimAssessment } from '../support/app.ts';
import {
  adultServices,
  approveBid,
  assessDestination,
  childServices,
  concludeDestination,
  clearDestination,
  consent,
  getCase,
  history,
  ok,
  prepareBid,
  refused,
  register,
  screen,
  stateOf,
  verifyNationality,
  type T,
} from '../support/flows.ts';

/**
 * A mother and her two children (a boy of 9, a girl of 4) through the API, from registration to
 * closure: individual screening, age assessment, best interests (BIA → BID → panel), a
 * non-refoulement assessment per person, nationality, a joint family repatriation, rehabilitation
 * and closure (WORKFLOWS.md; DOMAIN.md S1-S9).
 */
describe('a mother and two children, registration to closure', () => {
  let t: T;
  const now = '2026-06-01T10:00:00.000Z';
  let mother: string;
  let boy: string;
  let girl: string;
  let secondLegal: { id: string; token: string };
  let panel: Array<{ id: string }>;

  const person = (given: string, sex: 'male' | 'female', dob: string) => ({
    person: { names: [{ given, family: 'Haddad', script: 'latin' }], sex, dateOfBirth: { exact: dob }, nationalities: [{ state: 'FR', status: 'claimed' }] },
    location: { kind: 'camp', name: 'Al-Hol', state: 'SY', closed: true },
  });
  const repatriationOf = (id: string) => loadCase(t.app.services.repos, id)!.workflows.find((w) => w.kind === 'repatriation')!;
  const versions = async () => Object.fromEntries(await Promise.all([mother, boy, girl].map(async (id) => [id, (await getCase(t, id)).version] as const)));
  const repatriationStates = async () => Object.fromEntries(await Promise.all([mother, boy, girl].map(async (id) => [id, await stateOf(t, id, 'repatriation')] as const)));

  beforeAll(async () => {
    t = await testApp({ now: () => now });
    secondLegal = t.extra('legal-2', 'legal_officer');
    panel = [t.users.bid_panel, t.extra('panel-legal', 'bid_panel'), t.extra('panel-health', 'bid_panel')];
  });
  afterAll(async () => t.close());

  it('registers the children and the mother; her case links both children and the links are symmetric', async () => {
    boy = await register(t, person('Yusuf', 'male', '2017-03-15'));
    girl = await register(t, { ...person('Maryam', 'female', '2022-01-20'), familyLinks: [{ caseId: boy, relation: 'sibling' }] });
    mother = await register(t, { ...adultWoman, familyLinks: [{ caseId: boy, relation: 'child' }, { caseId: girl, relation: 'child' }] });
    const m = await getCase(t, mother);
    expect(m.child).toBe(false);
    expect(m.familyLinks).toEqual(expect.arrayContaining([{ caseId: boy, relation: 'child' }, { caseId: girl, relation: 'child' }]));
    for (const [id, age] of [[boy, 9], [girl, 4]] as const) {
      const c = await getCase(t, id);
      expect(c.child, `age ${age}`).toBe(true);
      expect(c.familyLinks).toContainEqual({ caseId: mother, relation: 'mother' });
    }
    expect((await getCase(t, boy)).familyLinks).toContainEqual({ caseId: girl, relation: 'sibling' });
  });

  it('screens each person individually, with four-eyes approvals', async () => {
    // The mother: a user who is both caseworker and supervisor submits, and may not approve her own work.
    const dual = t.extra('caseworker-supervisor', 'caseworker', 'supervisor');
    ok(await t.command(dual, mother, 'screening', 'START'));
    ok(await t.command(dual, mother, 'screening', 'RECORD_INTERVIEW', { ...goodInterview, participants: [{ role: 'screening_officer', female: true }] }));
    ok(await t.command(dual, mother, 'screening', 'RECORD_ASSESSMENT', { ...victimAssessment, referrals: ['mhpss'] }));
    ok(await t.command(dual, mother, 'screening', 'SUBMIT'));
    const self = refused(await t.command(dual, mother, 'screening', 'APPROVE'));
    expect(self.map((v) => v.rule)).toEqual(['KP-SYS-03']);
    expect(await stateOf(t, mother, 'screening')).toBe('submitted');
    expect(ok(await t.command('supervisor', mother, 'screening', 'APPROVE')).outcome).toBe('victim');
    // Each child has a screening record of their own.
    await screen(t, boy);
    await screen(t, girl);
    for (const id of [mother, boy, girl]) expect(await stateOf(t, id, 'screening')).toBe('completed');
  });

  it('assesses the girl\'s age holistically and confirms it with a second pair of eyes', async () => {
    // A single medical method cannot decide an age (KP-AGE-04).
    const single = await t.command('caseworker', girl, 'age_assessment', 'RECORD_AGE', { methods: ['wrist_xray'], dateOfBirth: { exact: '2022-01-20' }, assessors: [{ name: 'A', discipline: 'radiology' }] });
    expect(refused(single).map((v) => v.rule)).toEqual(['KP-AGE-04']);
    ok(
      await t.command('caseworker', girl, 'age_assessment', 'RECORD_AGE', {
        methods: ['interview', 'documents'],
        dateOfBirth: { earliest: '2021-10-01', latest: '2022-03-01', method: 'holistic assessment', confidence: 'medium' },
        assessors: [{ name: 'A', discipline: 'social_work' }, { name: 'B', discipline: 'paediatrics' }],
      }),
    );
    // Confirmed by a supervisor who did not record it (four-eyes, KP-SYS-03).
    expect(ok(await t.command('supervisor', girl, 'age_assessment', 'CONFIRM')).state).toBe('confirmed');
    expect((await getCase(t, girl)).child).toBe(true);
  });

  it('determines each child\'s best interests: BIA, BID, the mother\'s consent and a three-member panel', async () => {
    // A panel of one is refused (KP-CHILD-04).
    ok(await t.command('caseworker', boy, 'best_interests', 'START_BIA'));
    ok(await t.command('caseworker', boy, 'best_interests', 'COMPLETE_BIA', { findings: 'with his mother and sister', bidRequired: true }));
    ok(await t.command('caseworker', boy, 'best_interests', 'PREPARE_BID', prepareBid({ childViews: 'wants to go to school in France with his mother and sister' })));
    ok(await t.command('caseworker', boy, 'best_interests', 'SUBMIT_TO_PANEL'));
    ok(await t.command('caseworker', boy, 'best_interests', 'RECORD_CONSENT', consent(mother)));
    const decide = (members: Array<{ id: string }>) =>
      t.command('bid_panel', boy, 'best_interests', 'PANEL_DECIDE', {
        panel: members.map((m, i) => ({ userId: m.id, discipline: ['child_protection', 'legal', 'health'][i] })),
        undertakingsSigned: true,
        decision: 'approve',
        reasons: 'return together with his mother and sister',
        reviewRoute: 'BID review board',
      });
    expect(refused(await decide([panel[0]!])).map((v) => v.rule)).toContain('KP-CHILD-04');
    // The BIA author may not sit on the panel either.
    expect(refused(await decide([panel[0]!, t.users.caseworker, panel[2]!])).map((v) => v.rule)).toContain('KP-CHILD-04');
    expect(ok(await decide(panel)).state).toBe('bid_approved');

    // The girl, too young to be heard reliably: the reason is documented.
    await approveBid(t, girl, panel, prepareBid({ childViews: undefined, childViewsWeight: undefined, childInformedLanguage: undefined, childViewsNotHeardReason: 'aged 4: observed with her mother; too young to express a reliable view' }), async () => {
      ok(await t.command('caseworker', girl, 'best_interests', 'RECORD_CONSENT', consent(mother)));
    });
    for (const id of [boy, girl]) expect(await stateOf(t, id, 'best_interests')).toBe('bid_approved');
  });

  it('assesses non-refoulement to France for each person, concluded by a second legal officer', async () => {
    await assessDestination(t, mother, 'FR', false);
    // Four-eyes: the legal officer who recorded the findings may not conclude them.
    expect(refused(await t.command('legal_officer', mother, 'non_refoulement', 'CONCLUDE', undefined, { instance: 'FR' })).map((v) => v.rule)).toContain('KP-SYS-03');
    await concludeDestination(t, mother, 'FR', secondLegal);
    await clearDestination(t, boy, 'FR', true, secondLegal);
    // The girl's assessment is submitted but not yet concluded (see the joint refusal below).
    await assessDestination(t, girl, 'FR', true);
    expect(await stateOf(t, girl, 'non_refoulement', 'FR')).toBe('submitted');
  });

  it('verifies the French nationality of each person', async () => {
    for (const id of [mother, boy, girl]) await verifyNationality(t, id, 'FR');
    for (const id of [mother, boy, girl]) expect(await stateOf(t, id, 'nationality')).toBe('verified');
  });

  it('plans one joint repatriation on the mother\'s case: each child\'s case shows the same plan', async () => {
    const planned = ok(await t.command('caseworker', mother, 'repatriation', 'PLAN', { destination: 'FR', withFamily: [boy, girl] }));
    expect(planned.state).toBe('planning');
    expect(new Set(planned.members)).toEqual(new Set([boy, girl]));
    const members = [mother, boy, girl].sort();
    for (const id of [mother, boy, girl]) {
      const w = repatriationOf(id);
      expect(w.state, id).toBe('planning');
      expect(w.context['destination']).toBe('FR');
      expect(w.context['members']).toEqual(members);
    }
    for (const id of [boy, girl]) {
      const rec = (await history(t, id)).filter((r) => r.workflow === 'repatriation' && r.type === 'PLAN');
      expect(rec).toEqual([expect.objectContaining({ result: 'applied', toState: 'planning', data: expect.objectContaining({ jointWith: mother }) })]);
    }
    for (const id of [mother, boy, girl]) {
      ok(await t.command('caseworker', id, 'repatriation', 'RECORD_CONSULAR_CONTACT', { state: 'FR', date: '2026-05-28', notes: 'consulate engaged for the family' }));
      expect(ok(await t.command('caseworker', id, 'repatriation', 'ISSUE_DOCUMENTS', { type: id === mother ? 'passport' : 'laissez_passer' })).state).toBe('documents_ready');
    }
  });

  it('refuses the joint approval for all while the girl\'s non-refoulement is not cleared; nothing moves', async () => {
    const beforeVersions = await versions();
    const beforeStates = await repatriationStates();
    const beforeHistory = await history(t, boy);
    const res = await t.command('supervisor', boy, 'repatriation', 'APPROVE_RETURN');
    const failed = refused(res);
    expect(failed.length).toBeGreaterThan(0);
    // Every failure is the girl's, and KP-RET-01 names her case.
    expect(failed.every((v) => v.case === girl), JSON.stringify(failed)).toBe(true);
    expect(failed).toContainEqual(expect.objectContaining({ rule: 'KP-RET-01', case: girl, ok: false }));
    expect(res.body.error.details.state).toBe('documents_ready');

    expect(await versions()).toEqual(beforeVersions);
    expect(await repatriationStates()).toEqual(beforeStates);
    expect(Object.values(beforeStates).every((s) => s === 'documents_ready')).toBe(true);
    const after = await history(t, boy);
    expect(after).toHaveLength(beforeHistory.length + 1);
    expect(after.at(-1)).toMatchObject({ workflow: 'repatriation', type: 'APPROVE_RETURN', result: 'refused', fromState: 'documents_ready', toState: 'documents_ready' });
    expect(after.at(-1).verdicts).toContainEqual(expect.objectContaining({ rule: 'KP-RET-01', ok: false, case: girl }));
    for (const id of [mother, girl]) expect((await history(t, id)).some((r) => r.type === 'APPROVE_RETURN')).toBe(false);
  });

  it('approves the return on one member: all three move in one transaction, each with its own audit record', async () => {
    await concludeDestination(t, girl, 'FR', secondLegal);
    const beforeVersions = await versions();
    const res = ok(await t.command('supervisor', boy, 'repatriation', 'APPROVE_RETURN'));
    expect(res.state).toBe('approved');
    expect(new Set(res.members)).toEqual(new Set([mother, girl]));
    const afterVersions = await versions();
    for (const id of [mother, boy, girl]) {
      expect(await stateOf(t, id, 'repatriation'), id).toBe('approved');
      expect(afterVersions[id], id).toBe(beforeVersions[id]! + 1);
    }
    const records = await Promise.all(
      [boy, mother, girl].map(async (id) => (await history(t, id)).filter((r) => r.type === 'APPROVE_RETURN' && r.result === 'applied')),
    );
    for (const recs of records) expect(recs).toHaveLength(1);
    const [b, m, g] = records.map((r) => r[0]);
    expect(b.caseId).toBe(boy);
    expect(m).toMatchObject({ caseId: mother, fromState: 'documents_ready', toState: 'approved', data: { jointWith: boy } });
    expect(g).toMatchObject({ caseId: girl, fromState: 'documents_ready', toState: 'approved', data: { jointWith: boy } });
    // One transaction: the three records are consecutive in the chain.
    const seqs = [b.seq, m.seq, g.seq].sort((x, y) => x - y);
    expect(seqs[2] - seqs[0]).toBe(2);
    expect(b.seq).toBe(res.auditSeq);
  });

  it('notifies each person and confirms the family\'s arrival together', async () => {
    // Each member is told of the individual decision (KP-RET-02); no arrival dated before that.
    for (const id of [mother, boy, girl]) ok(await t.command('caseworker', id, 'repatriation', 'NOTIFY_DECISION', { notifiedAt: '2026-05-30', language: 'fr', reviewRightsExplained: true }));
    const early = refused(await t.command('caseworker', mother, 'repatriation', 'CONFIRM_ARRIVAL', { date: '2026-05-29', receivingAgency: 'ASE Paris' }));
    expect(early.map((v) => v.rule)).toContain('KP-RET-02');
    const arrived = ok(await t.command('caseworker', mother, 'repatriation', 'CONFIRM_ARRIVAL', { date: '2026-06-01', receivingAgency: 'ASE Paris' }));
    expect(arrived.state).toBe('returned');
    expect(arrived.verdicts).toEqual([expect.objectContaining({ rule: 'KP-RET-02', ok: true })]);
    for (const id of [mother, boy, girl]) expect(await stateOf(t, id, 'repatriation')).toBe('returned');
  });

  it('gives each returnee a rehabilitation plan, and closes each case only once the plan exists', async () => {
    const early = refused(await t.command('supervisor', mother, 'case', 'CLOSE', { reason: 'returned and settled' }));
    expect(early.map((v) => v.rule)).toContain('KP-REH-01');
    // A child's plan must cover education.
    expect(refused(await t.command('caseworker', boy, 'rehabilitation', 'CREATE_PLAN', { services: adultServices, reviewDate: '2026-09-01' })).map((v) => v.rule)).toContain('KP-REH-01');
    for (const id of [mother, boy, girl]) {
      expect(ok(await t.command('caseworker', id, 'rehabilitation', 'CREATE_PLAN', { services: id === mother ? adultServices : childServices, reviewDate: '2026-09-01', notes: 'needs assessed with the family' })).state).toBe('planned');
    }
    for (const id of [mother, boy, girl]) {
      expect(ok(await t.command('supervisor', id, 'case', 'CLOSE', { reason: 'returned with a rehabilitation plan in place' })).state).toBe('closed');
    }
  });

  it('keeps an intact audit chain that replays every case', async () => {
    const v = await t.request('reviewer', 'GET', '/v1/audit/verify');
    expect(v.status).toBe(200);
    expect(v.body).toMatchObject({ ok: true });
    expect(v.body.records).toBeGreaterThan(60);
    for (const r of replayAll(t.app.services.repos)) expect(r.differences, r.caseId).toEqual([]);
  });
});

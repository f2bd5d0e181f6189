import { getShortestPaths } from '@xstate/graph';
import { describe, expect, it } from 'vitest';
import { transition, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';
import { decide, restore, type Decision } from '../../workflows/decide.ts';
import type { WorkflowEvent } from '../../workflows/definition.ts';
import { repatriation } from '../../workflows/repatriation/index.ts';
import { repatriationMachine } from '../../workflows/repatriation/machine.ts';
import { leafOf } from '../../workflows/states.ts';
import type { RepatriationContext } from '../../workflows/repatriation/model.ts';
import { planReversals } from '../../workflows/rules/return.ts';
import type { Actor } from '../../workflows/roles.ts';
import type { WorkflowView } from '../../workflows/rules/types.ts';
import { DEFAULT_SETTINGS } from '../../workflows/settings.ts';
import { actor, AT, caseworker, caseworker2, facts, legalOfficer, legalOfficer2, newCase, supervisor, supervisor2, verdictOf, World } from '../support/builders.ts';

const both = actor('u-both', 'caseworker', 'supervisor');
const REASONS = 'written reasons with evidence references';
const failedRules = (d: Decision) => (d.kind === 'refused' ? d.failed.map((v) => v.rule) : []);
const rep = (w: World, id: string) => w.instance(id, 'repatriation')!;
const plan = (w: World, id: string) => rep(w, id).context as unknown as RepatriationContext;

const INTERVIEW = { participants: [{ role: 'child_protection' }, { role: 'caseworker', female: true }], appropriateAdultPresent: true, femaleInterviewerOffered: true, language: 'fr', interpreter: false };
const ASSESSMENT = { victimIndicators: [], referrals: ['child_protection'], affiliation: { level: 'none', evidenceIds: [] }, ageGenderConsiderations: 'considered', outcome: 'victim' };
const RISKS = ['torture', 'cruel_treatment', 'death_penalty', 'onward_removal', 'life_without_parole'].map((type) => ({ type, level: 'none', sources: ['country report'] }));
const REFUSAL = {
  reason: 'security assessment of the returnee',
  ground: 'security',
  legalBasis: 'Internal Security Code art. 12',
  reviewRoute: 'Conseil d\'Etat (independent judicial review)',
  legitimateAim: 'national security',
  necessityAndProportionality: 'temporary, reviewed every 3 months',
};

function completeScreening(w: World, id: string): void {
  for (const [type, data] of [['START', {}], ['RECORD_INTERVIEW', INTERVIEW], ['RECORD_ASSESSMENT', ASSESSMENT], ['SUBMIT', {}]] as const) {
    expect(w.send(id, caseworker, 'screening', type, data).kind, `${id} screening ${type}`).toBe('applied');
  }
  expect(w.send(id, supervisor, 'screening', 'APPROVE').kind).toBe('applied');
}

function clearNonRefoulement(w: World, id: string, destination = 'FR'): void {
  expect(w.send(id, legalOfficer, 'non_refoulement', 'START', { destination }).kind).toBe('applied');
  w.send(id, legalOfficer, 'non_refoulement', 'RECORD_FINDINGS', { risks: RISKS }, { instance: destination });
  w.send(id, legalOfficer, 'non_refoulement', 'SUBMIT', {}, { instance: destination });
  expect(w.send(id, legalOfficer2, 'non_refoulement', 'CONCLUDE', {}, { instance: destination }).kind).toBe('applied');
}

function completeBia(w: World, id: string): void {
  w.send(id, caseworker, 'best_interests', 'START_BIA');
  expect(w.send(id, caseworker, 'best_interests', 'COMPLETE_BIA', { findings: 'with mother, well cared for', bidRequired: false }).kind).toBe('applied');
}

/** A French mother (m1) and her son (c1), both verified nationals, screened and cleared for France; w1 an adult alone. */
function world(): World {
  const w = new World();
  w.add(newCase('m1', facts({ nationalities: [{ state: 'FR', status: 'verified' }] })));
  w.add(newCase('c1', facts({ dob: { exact: '2018-05-01' }, sex: 'male', nationalities: [{ state: 'FR', status: 'verified' }] })));
  w.add(newCase('w1', facts({ nationalities: [{ state: 'FR', status: 'verified' }] })));
  w.link('c1', 'm1', 'mother');
  w.link('m1', 'c1', 'child');
  return w;
}

function ready(w: World, ids: string[]): void {
  for (const id of ids) {
    completeScreening(w, id);
    clearNonRefoulement(w, id);
    if (id === 'c1') completeBia(w, id);
  }
}

function store(w: World, id: string, view: WorkflowView): void {
  const c = w.get(id);
  w.cases.set(id, { ...c, workflows: [...c.workflows.filter((v) => !(v.kind === view.kind && v.instance === view.instance)), view] });
}

/**
 * What the engine does on a joint move: decide on the addressed case, then on every member with
 * the same data and `origin` set; apply to all only if all are applied.
 */
function sendJoint(w: World, origin: string, who: Actor, type: string, data: Record<string, unknown> = {}, opts: { justification?: string; proposedBy?: Actor } = {}) {
  const ctx = w.context(origin, who, 'repatriation', type, data, opts);
  const decision = decide(repatriation, ctx.workflow, ctx);
  const members = (repatriation.joint?.(ctx) ?? []).map((id) => {
    const mctx = { ...w.context(id, who, 'repatriation', type, data, opts), origin };
    return { id, decision: decide(repatriation, mctx.workflow, mctx) };
  });
  const all = [{ id: origin, decision }, ...members];
  const applied = all.every((m) => m.decision.kind === 'applied');
  if (applied) for (const m of all) if (m.decision.kind === 'applied') store(w, m.id, m.decision.next);
  return { decision, members, applied };
}

const send = (w: World, id: string, who: Actor, type: string, data: Record<string, unknown> = {}, opts: { justification?: string; proposedBy?: Actor } = {}) =>
  w.send(id, who, 'repatriation', type, data, opts);

/** A single-person plan for w1 taken to documents_ready. */
function documentsReady(w: World, id = 'w1', destination = 'FR'): void {
  expect(send(w, id, caseworker, 'PLAN', { destination, withFamily: [] }).kind).toBe('applied');
  expect(send(w, id, caseworker, 'RECORD_CONSULAR_CONTACT', { state: destination, date: '2026-05-30', notes: 'consulate engaged' }).kind).toBe('applied');
  expect(send(w, id, caseworker, 'ISSUE_DOCUMENTS', { type: 'laissez_passer' }).kind).toBe('applied');
}

function approved(w: World, id = 'w1'): void {
  documentsReady(w, id);
  const d = send(w, id, supervisor, 'APPROVE_RETURN');
  expect(d.kind, JSON.stringify(d.kind === 'refused' ? d.failed : d.kind)).toBe('applied');
}

describe('joint family moves', () => {
  it('PLAN on the mother puts the child on the same plan, with the same members on both cases', () => {
    const w = world();
    const r = sendJoint(w, 'm1', caseworker, 'PLAN', { destination: 'FR', withFamily: ['c1'] });
    expect(r.members.map((m) => m.id)).toEqual(['c1']);
    expect(r.applied).toBe(true);
    for (const id of ['m1', 'c1']) {
      expect(rep(w, id).state).toBe('planning');
      expect(plan(w, id)).toMatchObject({ destination: 'FR', members: ['c1', 'm1'], authoredBy: caseworker.id });
    }
  });

  it('APPROVE_RETURN, CONFIRM_ARRIVAL and CANCEL move every member; joint() names the others', () => {
    const w = world();
    ready(w, ['m1', 'c1']);
    sendJoint(w, 'm1', caseworker, 'PLAN', { destination: 'FR', withFamily: ['c1'] });
    for (const id of ['m1', 'c1']) {
      send(w, id, caseworker, 'RECORD_CONSULAR_CONTACT', { state: 'FR', date: '2026-05-30', notes: 'consulate engaged' });
      send(w, id, caseworker, 'ISSUE_DOCUMENTS', { type: 'laissez_passer' });
    }
    const approval = sendJoint(w, 'c1', supervisor, 'APPROVE_RETURN');
    expect(approval.members.map((m) => m.id)).toEqual(['m1']);
    expect(approval.applied, JSON.stringify([approval.decision, approval.members])).toBe(true);
    expect([rep(w, 'm1').state, rep(w, 'c1').state]).toEqual(['approved', 'approved']);
    for (const id of ['m1', 'c1']) send(w, id, caseworker, 'NOTIFY_DECISION', { notifiedAt: '2026-06-01', language: 'fr', reviewRightsExplained: true });
    expect(sendJoint(w, 'm1', caseworker, 'CONFIRM_ARRIVAL', { date: '2026-06-05', receivingAgency: 'ASE Paris' }).applied).toBe(true);
    expect([rep(w, 'm1'), rep(w, 'c1')].map((v) => [v.state, v.outcome])).toEqual([['returned', 'returned'], ['returned', 'returned']]);
    expect(plan(w, 'c1')).toMatchObject({ arrivedAt: '2026-06-05', receivingAgency: 'ASE Paris', approvedBy: supervisor.id });
  });

  it('one member failing refuses the whole move: the child without a non-refoulement clearance stops the mother too', () => {
    const w = world();
    ready(w, ['m1']);
    completeScreening(w, 'c1');
    completeBia(w, 'c1');
    sendJoint(w, 'm1', caseworker, 'PLAN', { destination: 'FR', withFamily: ['c1'] });
    for (const id of ['m1', 'c1']) {
      send(w, id, caseworker, 'RECORD_CONSULAR_CONTACT', { state: 'FR', date: '2026-05-30', notes: 'n' });
      send(w, id, caseworker, 'ISSUE_DOCUMENTS', { type: 'laissez_passer' });
    }
    const r = sendJoint(w, 'm1', supervisor, 'APPROVE_RETURN');
    expect(r.decision.kind).toBe('applied');
    expect(r.applied).toBe(false);
    expect(failedRules(r.members[0]!.decision)).toEqual(['KP-RET-01']);
    expect([rep(w, 'm1').state, rep(w, 'c1').state]).toEqual(['documents_ready', 'documents_ready']);
  });

  it('a plan that leaves the child behind is refused (KP-CHILD-07 on PLAN)', () => {
    const w = world();
    expect(failedRules(send(w, 'm1', caseworker, 'PLAN', { destination: 'FR', withFamily: [] }))).toContain('KP-CHILD-07');
  });
});

describe('APPROVE_RETURN: where the cross-cutting rules meet', () => {
  it('allows a return when every rule is satisfied, and records who checked what', () => {
    const w = world();
    ready(w, ['w1']);
    documentsReady(w);
    const d = send(w, 'w1', supervisor, 'APPROVE_RETURN');
    expect(d.kind).toBe('applied');
    expect(d.kind === 'applied' && d.verdicts.map((v) => v.rule)).toEqual(repatriation.commands['APPROVE_RETURN']!.rules);
    expect(plan(w, 'w1')).toMatchObject({ approvedBy: supervisor.id, approvedAt: AT, notifiedAt: null });
    expect(rep(w, 'w1').outcome).toBe('approved');
  });

  it('KP-SYS-03: the planner cannot approve', () => {
    const w = world();
    ready(w, ['w1']);
    send(w, 'w1', both, 'PLAN', { destination: 'FR', withFamily: [] });
    send(w, 'w1', caseworker2, 'ISSUE_DOCUMENTS', { type: 'laissez_passer' });
    expect(failedRules(send(w, 'w1', both, 'APPROVE_RETURN'))).toContain('KP-SYS-03');
  });

  it('KP-RET-01: refused without an assessment of this destination, on a risk found, or on a stale clearance', () => {
    const w = world();
    completeScreening(w, 'w1');
    documentsReady(w);
    expect(verdictOf(send(w, 'w1', supervisor, 'APPROVE_RETURN'), 'KP-RET-01')).toMatchObject({ ok: false, reason: expect.stringContaining('no individual non-refoulement assessment of FR') });
    clearNonRefoulement(w, 'w1', 'SY');
    expect(failedRules(send(w, 'w1', supervisor, 'APPROVE_RETURN'))).toEqual(['KP-RET-01']);

    w.send('w1', legalOfficer, 'non_refoulement', 'START', { destination: 'FR' });
    w.send('w1', legalOfficer, 'non_refoulement', 'RECORD_FINDINGS', { risks: [{ type: 'torture', level: 'substantial', sources: ['report'] }, ...RISKS.slice(1)] }, { instance: 'FR' });
    w.send('w1', legalOfficer, 'non_refoulement', 'SUBMIT', {}, { instance: 'FR' });
    w.send('w1', legalOfficer2, 'non_refoulement', 'CONCLUDE', {}, { instance: 'FR' });
    expect(verdictOf(send(w, 'w1', supervisor, 'APPROVE_RETURN'), 'KP-RET-01')?.reason).toContain('substantial grounds');

    const stale = world();
    ready(stale, ['w1']);
    documentsReady(stale);
    stale.at = '2026-12-15T10:00:00.000Z';
    send(stale, 'w1', caseworker, 'RECORD_CONSULAR_CONTACT', { state: 'FR', date: '2026-12-14', notes: 'n' });
    const d = send(stale, 'w1', supervisor, 'APPROVE_RETURN');
    expect(failedRules(d)).toEqual(['KP-RET-01']);
    expect(verdictOf(d, 'KP-RET-01')?.reason).toContain('197 days old');
  });

  it('KP-RET-01 and KP-RET-05 as structured verdicts: code, params, facts and what would allow the return', () => {
    const w = world();
    completeScreening(w, 'w1');
    documentsReady(w);
    const refused = verdictOf(send(w, 'w1', supervisor, 'APPROVE_RETURN'), 'KP-RET-01');
    expect(refused).toMatchObject({
      ok: false,
      code: 'KP-RET-01.no_assessment',
      params: { destination: 'FR' },
      facts: expect.arrayContaining(['repatriation.destination', 'non_refoulement.state']),
      toAllow: [{ code: 'KP-RET-01.allow_clearance', params: { destination: 'FR' } }],
    });
    clearNonRefoulement(w, 'w1');
    const d = send(w, 'w1', supervisor, 'APPROVE_RETURN');
    expect(verdictOf(d, 'KP-RET-01')).toMatchObject({ ok: true, code: 'KP-RET-01.cleared', params: { destination: 'FR', concluded: AT.slice(0, 10) } });
    expect(verdictOf(d, 'KP-RET-01')).not.toHaveProperty('toAllow');
    expect(verdictOf(d, 'KP-RET-05')).toMatchObject({ ok: true, code: 'KP-RET-05.national_return', params: { destination: 'FR' } });
  });

  it('KP-RET-02: refused without this person\'s own completed screening (never a household decision)', () => {
    const w = world();
    clearNonRefoulement(w, 'w1');
    documentsReady(w);
    const d = send(w, 'w1', supervisor, 'APPROVE_RETURN');
    expect(failedRules(d)).toEqual(expect.arrayContaining(['KP-RET-02', 'KP-SCR-01']));
    expect(verdictOf(d, 'KP-RET-02')?.reason).toContain('own screening');
  });

  it('KP-NAT-04 and KP-NAT-01: no removal while nationality is only claimed or pending', () => {
    const w = world();
    w.add(newCase('w2', facts({ nationalities: [{ state: 'FR', status: 'claimed' }] })));
    ready(w, ['w2']);
    w.send('w2', caseworker, 'nationality', 'REQUEST_VERIFICATION', { state: 'FR' });
    documentsReady(w, 'w2');
    const d = send(w, 'w2', supervisor, 'APPROVE_RETURN', {}, { justification: REASONS });
    expect(failedRules(d)).toEqual(expect.arrayContaining(['KP-NAT-04', 'KP-NAT-01']));
    expect(verdictOf(d, 'KP-NAT-04')?.reason).toContain('pending (verification requested)');
    // Once France confirms, the same return passes both.
    w.send('w2', supervisor, 'nationality', 'CONFIRM', { state: 'FR', documentRef: 'consular note' });
    expect(send(w, 'w2', supervisor, 'APPROVE_RETURN').kind).toBe('applied');
  });

  it('KP-NAT-04: a Belgian national may not be removed to France unless France agreed to admit her; then KP-RET-05 asks reasons and a 2ND', () => {
    const w = world();
    w.add(newCase('w3', facts({ nationalities: [{ state: 'BE', status: 'verified' }] })));
    ready(w, ['w3']);
    documentsReady(w, 'w3');
    const refused = send(w, 'w3', supervisor, 'APPROVE_RETURN', {}, { justification: REASONS });
    expect(failedRules(refused)).toContain('KP-NAT-04');
    expect(verdictOf(refused, 'KP-NAT-01')?.ok).toBe(true);
    send(w, 'w3', caseworker, 'RECORD_CONSULAR_CONTACT', { state: 'FR', date: '2026-05-31', notes: 'France agrees to admit', admissionAgreed: true });
    const unjustified = send(w, 'w3', supervisor, 'APPROVE_RETURN');
    expect(failedRules(unjustified)).toEqual(['KP-RET-05']);
    expect(verdictOf(unjustified, 'KP-RET-05')).toMatchObject({ severity: 'justify' });
    expect(send(w, 'w3', supervisor, 'APPROVE_RETURN', {}, { justification: REASONS })).toMatchObject({ kind: 'pending', secondApprover: 'supervisor' });
    expect(send(w, 'w3', supervisor2, 'APPROVE_RETURN', {}, { justification: REASONS, proposedBy: supervisor }).kind).toBe('applied');
  });
});

describe('APPROVE_RETURN before documents are issued (KP-NAT-03: a lack of documents never bars a return)', () => {
  it('approves from planning and from consular_engaged, every rule still checked', () => {
    const w = world();
    ready(w, ['w1']);
    expect(send(w, 'w1', caseworker, 'PLAN', { destination: 'FR' }).kind).toBe('applied');
    const fromPlanning = send(w, 'w1', supervisor, 'APPROVE_RETURN');
    expect(fromPlanning.kind).toBe('applied');
    expect(fromPlanning.kind === 'applied' && fromPlanning.verdicts.map((v) => v.rule)).toEqual(repatriation.commands['APPROVE_RETURN']!.rules);
    expect(rep(w, 'w1').state).toBe('approved');

    const v = world();
    ready(v, ['w1']);
    send(v, 'w1', caseworker, 'PLAN', { destination: 'FR' });
    send(v, 'w1', caseworker, 'RECORD_CONSULAR_CONTACT', { state: 'FR', date: '2026-05-30', notes: 'consulate engaged' });
    expect(rep(v, 'w1').state).toBe('consular_engaged');
    expect(send(v, 'w1', supervisor, 'APPROVE_RETURN').kind).toBe('applied');
    expect(plan(v, 'w1')).toMatchObject({ approvedBy: supervisor.id, documents: [] });
  });

  it('is still refused from planning when a rule fails (no non-refoulement clearance), and by the planner (four-eyes)', () => {
    const w = world();
    completeScreening(w, 'w1');
    send(w, 'w1', caseworker, 'PLAN', { destination: 'FR' });
    expect(failedRules(send(w, 'w1', supervisor, 'APPROVE_RETURN'))).toEqual(['KP-RET-01']);
    const v = world();
    ready(v, ['w1']);
    send(v, 'w1', both, 'PLAN', { destination: 'FR' });
    expect(failedRules(send(v, 'w1', both, 'APPROVE_RETURN'))).toContain('KP-SYS-03');
    expect(rep(v, 'w1').state).toBe('planning');
  });

  it('a joint approval moves a member whose own documents are not yet issued', () => {
    const w = world();
    ready(w, ['m1', 'c1']);
    sendJoint(w, 'm1', caseworker, 'PLAN', { destination: 'FR', withFamily: ['c1'] });
    send(w, 'm1', caseworker, 'RECORD_CONSULAR_CONTACT', { state: 'FR', date: '2026-05-30', notes: 'consulate engaged' });
    send(w, 'm1', caseworker, 'ISSUE_DOCUMENTS', { type: 'laissez_passer' });
    expect([rep(w, 'm1').state, rep(w, 'c1').state]).toEqual(['documents_ready', 'planning']);
    const approval = sendJoint(w, 'm1', supervisor, 'APPROVE_RETURN');
    expect(approval.applied, JSON.stringify([approval.decision, approval.members])).toBe(true);
    expect([rep(w, 'm1').state, rep(w, 'c1').state]).toEqual(['approved', 'approved']);
  });
});

describe('KP-NAT-04 on PLAN', () => {
  it('refuses a plan to a State that disputes the nationality; allows planning while verification is pending', () => {
    const w = world();
    w.send('w1', caseworker, 'nationality', 'REQUEST_VERIFICATION', { state: 'FR' });
    expect(verdictOf(send(w, 'w1', caseworker, 'PLAN', { destination: 'FR' }), 'KP-NAT-04')?.ok).toBe(true);
    const w2 = world();
    w2.send('w1', caseworker, 'nationality', 'REQUEST_VERIFICATION', { state: 'FR' });
    w2.send('w1', caseworker, 'nationality', 'RECORD_DISPUTE', { state: 'FR', reason: 'deprivation order', ground: 'nationality_deprived' });
    expect(failedRules(send(w2, 'w1', caseworker, 'PLAN', { destination: 'FR' }))).toEqual(['KP-NAT-04']);
  });
});

describe('KP-RET-02: notified, reviewable, suspended while under review', () => {
  it('refuses a notification that omits the review route, and an arrival before the notification', () => {
    const w = world();
    ready(w, ['w1']);
    approved(w);
    expect(failedRules(send(w, 'w1', caseworker, 'NOTIFY_DECISION', { notifiedAt: '2026-06-01', language: 'fr', reviewRightsExplained: false }))).toEqual(['KP-RET-02']);
    expect(send(w, 'w1', caseworker, 'NOTIFY_DECISION', { notifiedAt: '2026-06-01', language: 'fr', reviewRightsExplained: true }).kind).toBe('applied');
    expect(failedRules(send(w, 'w1', caseworker, 'CONFIRM_ARRIVAL', { date: '2026-05-31', receivingAgency: 'ASE' }))).toEqual(['KP-RET-02']);
    const arrived = send(w, 'w1', caseworker, 'CONFIRM_ARRIVAL', { date: '2026-06-05', receivingAgency: 'ASE' });
    expect(arrived.kind).toBe('applied');
    expect(verdictOf(arrived, 'KP-RET-02')?.ok).toBe(true);
    expect(plan(w, 'w1').notifiedAt).toBe('2026-06-01');
  });

  it('flags (WARN), without refusing, an arrival whose decision was never recorded as notified (WORKFLOWS.md has no notification command); the notify task stays until then', () => {
    const w = world();
    ready(w, ['w1']);
    approved(w);
    expect(repatriation.tasks?.(rep(w, 'w1'), w.get('w1'), DEFAULT_SETTINGS, w.at)).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'notify_decision', rule: 'KP-RET-02' })]));
    const d = send(w, 'w1', caseworker, 'CONFIRM_ARRIVAL', { date: '2026-06-05', receivingAgency: 'ASE' });
    expect(d.kind).toBe('applied');
    expect(verdictOf(d, 'KP-RET-02')).toMatchObject({ ok: false, severity: 'warn', reason: expect.stringContaining('the decision was not recorded as notified') });
    expect(rep(w, 'w1').state).toBe('returned');
    expect(plan(w, 'w1').notifiedAt).toBeNull();
  });

  it('still refuses an arrival while a review is pending, notified or not', () => {
    const w = world();
    ready(w, ['w1']);
    approved(w);
    const view = rep(w, 'w1');
    store(w, 'w1', { ...view, context: { ...view.context, reviewPending: true } });
    const d = send(w, 'w1', caseworker, 'CONFIRM_ARRIVAL', { date: '2026-06-05', receivingAgency: 'ASE' });
    expect(failedRules(d)).toEqual(['KP-RET-02']);
    expect(verdictOf(d, 'KP-RET-02')).toMatchObject({ severity: 'block', reason: expect.stringContaining('review or appeal is pending') });
  });

  it('a review request suspends an approved transfer until the review is decided', () => {
    const w = world();
    ready(w, ['w1']);
    approved(w);
    expect(send(w, 'w1', legalOfficer, 'RECORD_REVIEW_REQUEST', { body: 'Tribunal administratif', date: '2026-06-01', against: 'return_decision' }).kind).toBe('applied');
    expect(rep(w, 'w1').state).toBe('documents_ready');
    expect(plan(w, 'w1')).toMatchObject({ reviewPending: true, approvedBy: null });
    const blocked = send(w, 'w1', supervisor, 'APPROVE_RETURN');
    expect(failedRules(blocked)).toEqual(['KP-RET-02']);
    expect(verdictOf(blocked, 'KP-RET-02')?.reason).toContain('review or appeal is pending');
    expect(send(w, 'w1', legalOfficer, 'RECORD_REVIEW_DECISION', { outcome: 'upheld', date: '2026-06-10', reasons: 'decision lawful' }).kind).toBe('applied');
    expect(plan(w, 'w1').reviewPending).toBe(false);
    expect(send(w, 'w1', supervisor, 'APPROVE_RETURN').kind).toBe('applied');
  });
});

describe('KP-RET-04: a State\'s refusal is reasoned and reviewable; the case stays open', () => {
  const w1Claimed = () => {
    const w = new World();
    w.add(newCase('w1', facts({ nationalities: [{ state: 'FR', status: 'claimed' }] })));
    expect(send(w, 'w1', caseworker, 'PLAN', { destination: 'FR' }).kind).toBe('applied');
    return w;
  };

  it('blocks a refusal without a review route', () => {
    const w = w1Claimed();
    const { reviewRoute: _omitted, ...noRoute } = REFUSAL;
    const d = send(w, 'w1', caseworker, 'RECORD_STATE_REFUSAL', noRoute, { justification: REASONS });
    expect(failedRules(d)).toEqual(['KP-RET-04']);
    expect(verdictOf(d, 'KP-RET-04')).toMatchObject({ severity: 'block' });
  });

  it('needs the legitimate aim, necessity and proportionality and written reasons (JUSTIFY)', () => {
    const w = w1Claimed();
    const { legitimateAim: _a, necessityAndProportionality: _n, ...contractOnly } = REFUSAL;
    const d = send(w, 'w1', caseworker, 'RECORD_STATE_REFUSAL', contractOnly);
    expect(verdictOf(d, 'KP-RET-04')).toMatchObject({ ok: false, severity: 'justify', reason: expect.stringMatching(/legitimate aim, necessity and proportionality, written justification/) });
    expect(verdictOf(send(w, 'w1', caseworker, 'RECORD_STATE_REFUSAL', REFUSAL), 'KP-RET-04')?.reason).toContain('written justification');
    const { legalBasis: _b, ...noBasis } = REFUSAL;
    expect(verdictOf(send(w, 'w1', caseworker, 'RECORD_STATE_REFUSAL', noBasis, { justification: REASONS }), 'KP-RET-04')).toMatchObject({ ok: false, reason: expect.stringContaining('legal basis') });
    // A trivial justification does not carry the reasons.
    expect(verdictOf(send(w, 'w1', caseworker, 'RECORD_STATE_REFUSAL', contractOnly, { justification: 'refused' }), 'KP-RET-04')?.reason).toContain('legitimate aim');
    expect(rep(w, 'w1').state).toBe('planning');
  });

  it('reads the legitimate aim and the necessity and proportionality from the justification when WORKFLOWS.md\'s fields only are sent', () => {
    const w = w1Claimed();
    const { legitimateAim: _a, necessityAndProportionality: _n, ...contractOnly } = REFUSAL;
    const d = send(w, 'w1', caseworker, 'RECORD_STATE_REFUSAL', contractOnly, { justification: 'national security; stated as necessary pending an individual assessment' });
    expect(d.kind).toBe('applied');
    expect(verdictOf(d, 'KP-RET-04')).toMatchObject({ ok: true, reason: expect.stringContaining('in the justification') });
    expect(rep(w, 'w1').state).toBe('barrier');
  });

  it('refuses to close a case while a State\'s refusal stands, reviewed or not (never "no solution", DOMAIN §5.8); a cancelled plan may close', () => {
    const w = w1Claimed();
    expect(send(w, 'w1', caseworker, 'RECORD_STATE_REFUSAL', REFUSAL, { justification: REASONS }).kind).toBe('applied');
    const close = w.send('w1', supervisor, 'case', 'CLOSE', { reason: 'no solution found' });
    expect(close.kind === 'refused' && close.failed.map((v) => v.rule)).toContain('KP-RET-04');
    w.send('w1', caseworker, 'repatriation', 'RECORD_REVIEW_REQUEST', { body: 'Conseil d\'Etat', date: '2026-06-02', against: 'state_refusal' });
    expect(w.send('w1', legalOfficer, 'repatriation', 'RECORD_REVIEW_DECISION', { outcome: 'upheld', date: '2026-06-03', reasons: 'the refusal was found lawful' }, { justification: REASONS }).kind).toBe('applied');
    expect(rep(w, 'w1').state).toBe('barrier');
    const afterReview = w.send('w1', supervisor, 'case', 'CLOSE', { reason: 'refusal upheld' });
    expect(afterReview.kind === 'refused' && afterReview.failed.find((v) => v.rule === 'KP-RET-04')?.reason).toContain('stands after review');
    expect(send(w, 'w1', caseworker, 'CANCEL', { reason: 'the person settles in the country of residence', ground: 'state_refusal' }, { justification: REASONS }).kind).toBe('applied');
    expect(verdictOf(w.send('w1', supervisor, 'case', 'CLOSE', { reason: 'durable solution in the country of residence' }), 'KP-RET-04')?.ok).toBe(true);
    const open = new World();
    open.add(newCase('w2', facts()));
    expect(verdictOf(open.send('w2', supervisor, 'case', 'CLOSE', { reason: 'person returned and settled' }), 'KP-RET-04')?.ok).toBe(true);
  });

  it('records a reasoned, reviewable refusal as a barrier; an annulment on review restarts planning with the original priority date', () => {
    const w = w1Claimed();
    const plannedAt = plan(w, 'w1').plannedAt;
    w.at = '2026-06-20T10:00:00.000Z';
    const d = send(w, 'w1', caseworker, 'RECORD_STATE_REFUSAL', REFUSAL, { justification: REASONS });
    expect(d.kind).toBe('applied');
    expect(rep(w, 'w1')).toMatchObject({ state: 'barrier', outcome: 'refused' });
    expect(repatriation.tasks?.(rep(w, 'w1'), w.get('w1'), DEFAULT_SETTINGS, w.at)).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'review_refusal', rule: 'KP-RET-04' })]));
    send(w, 'w1', caseworker, 'RECORD_REVIEW_REQUEST', { body: 'Conseil d\'Etat', date: '2026-06-21', against: 'state_refusal' });
    expect(send(w, 'w1', legalOfficer, 'RECORD_REVIEW_DECISION', { outcome: 'annulled', date: '2026-07-01', reasons: 'disproportionate' }).kind).toBe('applied');
    expect(rep(w, 'w1').state).toBe('planning');
    expect(plan(w, 'w1')).toMatchObject({ plannedAt, reviewPending: false });
    expect(plan(w, 'w1').reversals.map((r) => r.cause)).toEqual(['refusal_annulled']);
  });

  it('a child\'s refusal without the State\'s best-interests analysis is recorded and flagged as a ground for review', () => {
    const w = new World();
    w.add(newCase('k1', facts({ dob: { exact: '2015-01-01' }, nationalities: [{ state: 'FR', status: 'claimed' }] })));
    send(w, 'k1', caseworker, 'PLAN', { destination: 'FR' });
    const d = send(w, 'k1', caseworker, 'RECORD_STATE_REFUSAL', REFUSAL, { justification: REASONS });
    expect(d.kind).toBe('applied');
    expect(verdictOf(d, 'KP-RET-04')).toMatchObject({ ok: false, severity: 'warn', reason: expect.stringContaining('best-interests analysis') });
    expect(rep(w, 'k1').state).toBe('barrier');
    const w2 = new World();
    w2.add(newCase('k2', facts({ dob: { exact: '2015-01-01' }, nationalities: [{ state: 'FR', status: 'claimed' }] })));
    send(w2, 'k2', caseworker, 'PLAN', { destination: 'FR' });
    const full = send(w2, 'k2', caseworker, 'RECORD_STATE_REFUSAL', { ...REFUSAL, bestInterests: 'BIA of 2026-05' }, { justification: REASONS });
    expect(verdictOf(full, 'KP-RET-04')).toMatchObject({ ok: true });
  });
});

describe('KP-RET-05: repatriation is the default for confirmed nationals', () => {
  it('cancelling a verified national\'s return needs reasons, then a second supervisor (the whole plan moves on confirmation)', () => {
    const w = world();
    sendJoint(w, 'm1', caseworker, 'PLAN', { destination: 'FR', withFamily: ['c1'] });
    const unjustified = send(w, 'm1', caseworker, 'CANCEL', { reason: 'family asks to wait', ground: 'family_request' });
    expect(failedRules(unjustified)).toEqual(['KP-RET-05']);
    expect(verdictOf(unjustified, 'KP-RET-05')).toMatchObject({ severity: 'justify' });
    expect(send(w, 'm1', caseworker, 'CANCEL', { reason: 'family asks to wait', ground: 'family_request' }, { justification: REASONS })).toMatchObject({ kind: 'pending', secondApprover: 'supervisor' });
    const confirmed = sendJoint(w, 'm1', supervisor, 'CANCEL', { reason: 'family asks to wait', ground: 'family_request' }, { justification: REASONS, proposedBy: caseworker });
    expect(confirmed.applied).toBe(true);
    expect([rep(w, 'm1').state, rep(w, 'c1').state]).toEqual(['not_planned', 'not_planned']);
    expect(plan(w, 'c1')).toMatchObject({ destination: null, members: [] });
    expect(plan(w, 'c1').cancellations).toHaveLength(1);
  });

  it('does not bind a person facing serious charges, nor a national not yet confirmed', () => {
    const w = world();
    const c = w.get('w1');
    const legal: WorkflowView = { kind: 'legal', instance: '', version: 1, state: 'charged', outcome: null, context: { charges: [{ category: 'violent_act' }] } };
    w.cases.set('w1', { ...c, workflows: [...c.workflows.filter((v) => v.kind !== 'legal'), legal] });
    send(w, 'w1', caseworker, 'PLAN', { destination: 'FR' });
    const d = send(w, 'w1', caseworker, 'CANCEL', { reason: 'proceedings', ground: 'other' });
    expect(d.kind).toBe('applied');
    expect(verdictOf(d, 'KP-RET-05')?.reason).toContain('serious charges');
  });

  it('recording a State\'s refusal of its verified national is a fact, not the team\'s decision not to repatriate: no KP-RET-05 (the cancellation that may follow keeps it)', () => {
    expect(repatriation.commands['RECORD_STATE_REFUSAL']!.rules).not.toContain('KP-RET-05');
    const w = world();
    send(w, 'w1', caseworker, 'PLAN', { destination: 'FR' });
    const d = send(w, 'w1', caseworker, 'RECORD_STATE_REFUSAL', REFUSAL, { justification: REASONS });
    expect(d.kind).toBe('applied');
    expect(verdictOf(d, 'KP-RET-05')).toBeUndefined();
    expect(rep(w, 'w1').state).toBe('barrier');
    const cancel = send(w, 'w1', caseworker, 'CANCEL', { reason: 'the State will not take her back', ground: 'state_refusal' });
    expect(failedRules(cancel)).toEqual(['KP-RET-05']);
    expect(send(w, 'w1', caseworker, 'CANCEL', { reason: 'the State will not take her back', ground: 'state_refusal' }, { justification: REASONS })).toMatchObject({ kind: 'pending', secondApprover: 'supervisor' });
  });
});

describe('KP-RET-06: consular contact and progress (TIMER)', () => {
  it('consular contact moves the plan on and passes; no progress within the SLA is flagged without refusing', () => {
    const w = world();
    send(w, 'w1', caseworker, 'PLAN', { destination: 'FR' });
    const contact = send(w, 'w1', caseworker, 'RECORD_CONSULAR_CONTACT', { state: 'FR', date: '2026-06-01', notes: 'first contact' });
    expect(rep(w, 'w1').state).toBe('consular_engaged');
    expect(verdictOf(contact, 'KP-RET-06')?.ok).toBe(true);
    w.at = '2026-07-20T10:00:00.000Z';
    const docs = send(w, 'w1', caseworker, 'ISSUE_DOCUMENTS', { type: 'laissez_passer' });
    expect(docs.kind).toBe('applied');
    expect(verdictOf(docs, 'KP-RET-06')).toMatchObject({ ok: false, severity: 'timer', reason: expect.stringContaining('49 days') });
  });

  it('puts a consular follow-up on the caseworker\'s list, escalated to the supervisor once overdue', () => {
    const w = world();
    const c = w.get('w1');
    w.cases.set('w1', { ...c, facts: { ...c.facts, location: { ...c.facts.location, closed: true, since: '2019-03-01' } } });
    send(w, 'w1', caseworker, 'PLAN', { destination: 'FR' });
    const tasks = (at: string) => repatriation.tasks?.(rep(w, 'w1'), w.get('w1'), DEFAULT_SETTINGS, at) ?? [];
    expect(tasks(AT)).toMatchObject([{ kind: 'consular_follow_up', role: 'caseworker', due: '2026-07-01', rule: 'KP-RET-06' }]);
    expect(tasks('2026-07-02T00:00:00.000Z')).toMatchObject([{ kind: 'consular_follow_up', role: 'supervisor', summary: expect.stringContaining('held in a closed camp since 2019-03-01') }]);
    send(w, 'w1', caseworker, 'RECORD_CONSULAR_CONTACT', { state: 'FR', date: '2026-06-25', notes: 'documents in progress' });
    expect(tasks('2026-07-02T00:00:00.000Z')).toMatchObject([{ role: 'caseworker', due: '2026-07-25' }]);
  });
});

describe('KP-NAT-03 and KP-NAT-01 on the return', () => {
  it('refuses a cancellation or refusal on the ground of missing documents', () => {
    const w = world();
    w.add(newCase('w2', facts({ nationalities: [{ state: 'FR', status: 'claimed' }] })));
    send(w, 'w2', caseworker, 'PLAN', { destination: 'FR' });
    expect(failedRules(send(w, 'w2', caseworker, 'CANCEL', { reason: 'cannot travel', ground: 'no_documents' }))).toEqual(['KP-NAT-03']);
    expect(failedRules(send(w, 'w2', caseworker, 'CANCEL', { reason: 'person is undocumented' }))).toEqual(['KP-NAT-03']);
    expect(failedRules(send(w, 'w2', caseworker, 'RECORD_STATE_REFUSAL', { ...REFUSAL, ground: 'no_documents' }, { justification: REASONS }))).toEqual(['KP-NAT-03']);
    expect(send(w, 'w2', caseworker, 'CANCEL', { reason: 'the person declined after counselling', ground: 'person_declined' }).kind).toBe('applied');
  });

  it('issues documents on alternative evidence; DNA only with its safeguards', () => {
    const w = world();
    send(w, 'w1', caseworker, 'PLAN', { destination: 'FR' });
    expect(failedRules(send(w, 'w1', caseworker, 'ISSUE_DOCUMENTS', { type: 'birth_certificate', basis: 'dna' }))).toEqual(['KP-NAT-03']);
    const d = send(w, 'w1', caseworker, 'ISSUE_DOCUMENTS', { type: 'laissez_passer', basis: 'testimony' });
    expect(d.kind).toBe('applied');
    expect(verdictOf(d, 'KP-NAT-03')?.ok).toBe(true);
  });

  it('KP-NAT-01: refuses a refusal that denies the only nationality, unless another is verified', () => {
    const w = new World();
    w.add(newCase('w2', facts({ nationalities: [{ state: 'FR', status: 'claimed' }] })));
    send(w, 'w2', caseworker, 'PLAN', { destination: 'FR' });
    const denial = { ...REFUSAL, ground: 'not_a_national' };
    const d = send(w, 'w2', caseworker, 'RECORD_STATE_REFUSAL', denial, { justification: REASONS });
    expect(failedRules(d)).toEqual(['KP-NAT-01']);
    expect(verdictOf(d, 'KP-NAT-01')?.reason).toContain('stateless');
    w.add(newCase('w3', facts({ nationalities: [{ state: 'FR', status: 'claimed' }, { state: 'DZ', status: 'verified' }] })));
    send(w, 'w3', caseworker, 'PLAN', { destination: 'FR' });
    expect(verdictOf(send(w, 'w3', caseworker, 'RECORD_STATE_REFUSAL', denial, { justification: REASONS }), 'KP-NAT-01')).toMatchObject({ ok: true });
  });
});

describe('engine-applied reversals (KP-SYS-01)', () => {
  const internal = (w: World, id: string, type: string) => {
    const view = rep(w, id);
    const ctx = w.context(id, supervisor, 'repatriation', 'PLAN', { destination: 'FR' });
    const event: WorkflowEvent = { type, data: { reason: 'BID annulled on review' }, ctx: { ...ctx, workflow: view, command: { ...ctx.command, type, data: { reason: 'BID annulled on review' } } } };
    const [next] = transition(repatriationMachine as AnyStateMachine, restore(repatriationMachine, view), event);
    const context = next.context as unknown as Record<string, unknown>;
    store(w, id, { ...view, state: leafOf(repatriationMachine, next.value), context, outcome: repatriation.outcome(leafOf(repatriationMachine, next.value), context) });
  };

  it('BID_ANNULLED and CLEARANCE_WITHDRAWN are engine events, not commands', () => {
    expect(Object.keys(repatriation.commands)).not.toContain('BID_ANNULLED');
    expect(Object.keys(repatriation.commands)).not.toContain('CLEARANCE_WITHDRAWN');
  });

  it('BID_ANNULLED sends an approved plan back to planning and withdraws the approval', () => {
    const w = world();
    ready(w, ['w1']);
    approved(w);
    internal(w, 'w1', 'BID_ANNULLED');
    expect(rep(w, 'w1').state).toBe('planning');
    expect(plan(w, 'w1')).toMatchObject({ approvedBy: null });
    expect(plan(w, 'w1').reversals).toMatchObject([{ cause: 'bid_annulled', from: 'approved' }]);
  });

  it('BID_ANNULLED leaves a State\'s refusal standing (recorded, still a barrier)', () => {
    const w = new World();
    w.add(newCase('w2', facts({ nationalities: [{ state: 'FR', status: 'claimed' }] })));
    send(w, 'w2', caseworker, 'PLAN', { destination: 'FR' });
    send(w, 'w2', caseworker, 'RECORD_STATE_REFUSAL', REFUSAL, { justification: REASONS });
    internal(w, 'w2', 'BID_ANNULLED');
    expect(rep(w, 'w2').state).toBe('barrier');
    expect(plan(w, 'w2').reversals).toHaveLength(1);
  });

  it('CLEARANCE_WITHDRAWN returns an approval to documents_ready', () => {
    const w = world();
    ready(w, ['w1']);
    approved(w);
    internal(w, 'w1', 'CLEARANCE_WITHDRAWN');
    expect(rep(w, 'w1').state).toBe('documents_ready');
  });

  it('planReversals names every member of the plan', () => {
    const w = world();
    sendJoint(w, 'm1', caseworker, 'PLAN', { destination: 'FR', withFamily: ['c1'] });
    expect(planReversals(w.get('c1'), 'BID_ANNULLED', 'r').map((f) => f.caseId)).toEqual(['c1', 'm1']);
  });
});

describe('model paths (@xstate/graph)', () => {
  function event(w: World, s: AnyMachineSnapshot, who: Actor, type: string, data: Record<string, unknown> = {}, opts: { justification?: string; proposedBy?: Actor } = {}): WorkflowEvent {
    const base = w.context('w1', who, 'repatriation', type, data, opts);
    const view: WorkflowView = { kind: 'repatriation', instance: '', version: 1, state: leafOf(repatriationMachine, s.value), outcome: null, context: s.context as Record<string, unknown> };
    return { type, data: base.command.data, ctx: { ...base, workflow: view } };
  }
  const engine = (w: World, s: AnyMachineSnapshot, type: string): WorkflowEvent => {
    const e = event(w, s, supervisor, 'PLAN', { destination: 'FR' });
    return { type, data: { reason: 'reversal' }, ctx: e.ctx };
  };

  const eventsFor = (w: World) => (s: AnyMachineSnapshot): WorkflowEvent[] => [
    event(w, s, caseworker, 'PLAN', { destination: 'FR' }),
    event(w, s, caseworker, 'RECORD_CONSULAR_CONTACT', { state: 'FR', date: '2026-06-01', notes: 'n' }),
    event(w, s, supervisor, 'RECORD_STATE_REFUSAL', REFUSAL, { justification: REASONS, proposedBy: caseworker2 }),
    event(w, s, caseworker, 'RECORD_STATE_REFUSAL', REFUSAL, { justification: REASONS }),
    event(w, s, supervisor, 'RECORD_STATE_REFUSAL', { ...REFUSAL, reviewRoute: undefined }, { justification: REASONS, proposedBy: caseworker }),
    event(w, s, caseworker, 'ISSUE_DOCUMENTS', { type: 'laissez_passer' }),
    event(w, s, supervisor, 'APPROVE_RETURN'),
    event(w, s, caseworker, 'APPROVE_RETURN'),
    event(w, s, caseworker, 'NOTIFY_DECISION', { notifiedAt: '2026-06-01', language: 'fr', reviewRightsExplained: true }),
    event(w, s, caseworker, 'NOTIFY_DECISION', { notifiedAt: '2026-06-01', language: 'fr', reviewRightsExplained: false }),
    event(w, s, legalOfficer, 'RECORD_REVIEW_REQUEST', { body: 'court', date: '2026-06-02', against: 'return_decision' }),
    event(w, s, legalOfficer, 'RECORD_REVIEW_DECISION', { outcome: 'upheld', date: '2026-06-03', reasons: 'lawful' }),
    event(w, s, legalOfficer, 'RECORD_REVIEW_DECISION', { outcome: 'annulled', date: '2026-06-03', reasons: 'unlawful' }),
    event(w, s, caseworker, 'CONFIRM_ARRIVAL', { date: '2026-06-05', receivingAgency: 'ASE' }),
    event(w, s, supervisor, 'CANCEL', { reason: 'r', ground: 'other' }, { justification: REASONS, proposedBy: caseworker }),
    engine(w, s, 'BID_ANNULLED'),
    engine(w, s, 'CLEARANCE_WITHDRAWN'),
  ];

  const serializeState = (s: AnyMachineSnapshot) => {
    const c = s.context as RepatriationContext;
    return JSON.stringify([s.value, c.reviewPending, !!c.notifiedAt, !!c.approvedBy, c.refusals.length > 0, c.consularContacts.length > 0, c.documents.length > 0, !!c.arrivedAt, c.reversals.length > 0]);
  };

  const paths = (w: World) => getShortestPaths(repatriationMachine as AnyStateMachine, { events: eventsFor(w), serializeState });

  it('reaches every state when every safeguard is in place', () => {
    const w = world();
    ready(w, ['w1']);
    expect([...new Set(paths(w).map((p) => leafOf(repatriationMachine, p.state.value)))].sort()).toEqual(['approved', 'barrier', 'consular_engaged', 'documents_ready', 'not_planned', 'planning', 'returned']);
  });

  it('no path returns a person without an approval or while a review is pending (an arrival never notified is flagged by KP-RET-02, not refused)', () => {
    const w = world();
    ready(w, ['w1']);
    const returned = paths(w).filter((p) => leafOf(repatriationMachine, p.state.value) === 'returned');
    expect(returned.length).toBeGreaterThan(0);
    // Returns with and without a recorded notification are both reachable (the latter with a WARN verdict).
    expect(new Set(returned.map((p) => (p.state.context as RepatriationContext).notifiedAt !== null))).toEqual(new Set([true, false]));
    for (const p of returned) {
      const c = p.state.context as RepatriationContext;
      expect(c.approvedBy).toBe(supervisor.id);
      expect(c.reviewPending).toBe(false);
      const types = p.steps.map((s) => s.event.type);
      expect(types.lastIndexOf('APPROVE_RETURN')).toBeGreaterThan(Math.max(types.lastIndexOf('BID_ANNULLED'), types.lastIndexOf('CLEARANCE_WITHDRAWN'), types.lastIndexOf('RECORD_REVIEW_REQUEST')));
    }
  });

  it('no barrier is ever reached without a review route', () => {
    const w = world();
    ready(w, ['w1']);
    const barriers = paths(w).filter((x) => leafOf(repatriationMachine, x.state.value) === 'barrier');
    expect(barriers.length).toBeGreaterThan(0);
    for (const p of barriers) {
      for (const r of (p.state.context as RepatriationContext).refusals) expect(r.reviewRoute).toBeTruthy();
    }
  });

  it('with a risk found for the destination, no path reaches approved or returned', () => {
    const w = world();
    completeScreening(w, 'w1');
    w.send('w1', legalOfficer, 'non_refoulement', 'START', { destination: 'FR' });
    w.send('w1', legalOfficer, 'non_refoulement', 'RECORD_FINDINGS', { risks: [{ type: 'onward_removal', level: 'substantial', sources: ['report'] }, ...RISKS.slice(0, 3)] }, { instance: 'FR' });
    w.send('w1', legalOfficer, 'non_refoulement', 'SUBMIT', {}, { instance: 'FR' });
    w.send('w1', legalOfficer2, 'non_refoulement', 'CONCLUDE', {}, { instance: 'FR' });
    expect(w.instance('w1', 'non_refoulement', 'FR')?.state).toBe('risk_identified');
    const reached = new Set(paths(w).map((p) => leafOf(repatriationMachine, p.state.value)));
    expect(reached.has('documents_ready')).toBe(true);
    expect(reached.has('approved')).toBe(false);
    expect(reached.has('returned')).toBe(false);
  });

  it('with nationality unconfirmed, no path reaches approved', () => {
    const w = new World();
    w.add(newCase('w1', facts({ nationalities: [{ state: 'FR', status: 'claimed' }] })));
    ready(w, ['w1']);
    const reached = new Set(paths(w).map((p) => leafOf(repatriationMachine, p.state.value)));
    expect(reached.has('approved')).toBe(false);
  });
});

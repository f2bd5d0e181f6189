import { getShortestPaths } from '@xstate/graph';
import { describe, expect, it } from 'vitest';
import type { AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import type { Decision } from '../../workflows/decide.ts';
import type { WorkflowEvent } from '../../workflows/definition.ts';
import { nationality } from '../../workflows/nationality/index.ts';
import { nationalityMachine } from '../../workflows/nationality/machine.ts';
import { outstandingRequests, type NationalityContext } from '../../workflows/nationality/model.ts';
import { nationalityStanding } from '../../workflows/rules/nationality.ts';
import type { Actor } from '../../workflows/roles.ts';
import { DEFAULT_SETTINGS } from '../../workflows/settings.ts';
import { actor, caseworker, caseworker2, childFacts, facts, graphEvents, legalOfficer, legalOfficer2, newCase, supervisor, verdictOf, World } from '../support/builders.ts';

/**
 * DOMAIN.md §5.5 dual nationality: consular tracks are opened with both States and each State's
 * confirmation is recorded on its own (KP-SYS-03 per State); a return to a State counts the
 * nationality as verified for that State only (KP-NAT-04, KP-NAT-01, KP-RET-05).
 */

const both = actor('u-both', 'caseworker', 'supervisor');
const failedRules = (d: Decision) => (d.kind === 'refused' ? d.failed.map((v) => v.rule) : []);
const nat = (w: World, id: string) => w.instance(id, 'nationality')!;
const natContext = (w: World, id: string) => nat(w, id).context as unknown as NationalityContext;
const send = (w: World, id: string, who: Actor, type: string, data: Record<string, unknown> = {}) => w.send(id, who, 'nationality', type, data);
const tasks = (w: World, id: string) => nationality.tasks?.(nat(w, id), w.get(id), DEFAULT_SETTINGS, w.at) ?? [];

const INTERVIEW = { participants: [{ role: 'screening_officer', female: true }], appropriateAdultPresent: false, femaleInterviewerOffered: true, language: 'fr', interpreter: false };
const ASSESSMENT = { victimIndicators: [], referrals: ['mhpss'], affiliation: { level: 'none', evidenceIds: [] }, ageGenderConsiderations: 'considered', outcome: 'victim' };

/** c1: a boy who claims France (his mother's State) and Belgium (his father's); w1: an adult woman who claims both. */
function world(): World {
  const w = new World();
  w.add(newCase('c1', facts({ dob: { exact: '2017-03-01' }, sex: 'male', nationalities: [{ state: 'FR', status: 'claimed' }, { state: 'BE', status: 'claimed' }] })));
  w.add(newCase('w1', facts({ nationalities: [{ state: 'FR', status: 'claimed' }, { state: 'BE', status: 'claimed' }] })));
  return w;
}

/** Both tracks opened by the caseworker and confirmed by a supervisor (FR) and a legal officer (BE). */
function dual(w: World, id: string): void {
  expect(send(w, id, caseworker, 'REQUEST_VERIFICATION', { state: 'FR', basis: 'mother French' }).kind).toBe('applied');
  expect(send(w, id, caseworker, 'REQUEST_VERIFICATION', { state: 'BE', basis: 'father Belgian' }).kind).toBe('applied');
  expect(send(w, id, supervisor, 'CONFIRM', { state: 'FR', documentRef: 'FR consular note 7/2026' }).kind).toBe('applied');
  expect(send(w, id, legalOfficer, 'CONFIRM', { state: 'BE', documentRef: 'BE civil register extract' }).kind).toBe('applied');
}

describe('dual nationality: both States confirmed, each on its own record', () => {
  it('opens a consular track with each State: one follow-up task per State awaiting an answer (KP-RET-06)', () => {
    const w = world();
    send(w, 'c1', caseworker, 'REQUEST_VERIFICATION', { state: 'FR' });
    send(w, 'c1', caseworker, 'REQUEST_VERIFICATION', { state: 'BE' });
    const followUps = tasks(w, 'c1').filter((t) => t.kind === 'nationality_follow_up');
    expect(followUps).toEqual([
      expect.objectContaining({ role: 'caseworker', rule: 'KP-RET-06', due: '2026-07-01', summary: expect.stringContaining('FR') }),
      expect.objectContaining({ role: 'caseworker', rule: 'KP-RET-06', due: '2026-07-01', summary: expect.stringContaining('BE') }),
    ]);
    // FR answers: the BE track stays open and is still followed up.
    send(w, 'c1', supervisor, 'CONFIRM', { state: 'FR', documentRef: 'FR consular note' });
    expect(nat(w, 'c1').state).toBe('verified');
    expect(outstandingRequests(natContext(w, 'c1')).map((r) => r.state)).toEqual(['BE']);
    expect(tasks(w, 'c1').filter((t) => t.kind === 'nationality_follow_up').map((t) => t.summary)).toEqual([expect.stringContaining('BE')]);
    // No answer within the SLA: the follow-up escalates to the supervisor (neither State may leave the child in limbo).
    w.at = '2026-07-15T10:00:00.000Z';
    expect(tasks(w, 'c1').filter((t) => t.kind === 'nationality_follow_up')).toEqual([expect.objectContaining({ role: 'supervisor', summary: expect.stringMatching(/^overdue: .*BE/) })]);
  });

  it('a statelessness referral closes the open tracks: a later request follows up only the State newly asked', () => {
    const w = world();
    send(w, 'w1', caseworker, 'REQUEST_VERIFICATION', { state: 'FR' });
    send(w, 'w1', caseworker, 'REFER_STATELESSNESS', { reason: 'no answer and no documents' });
    expect(outstandingRequests(natContext(w, 'w1'))).toEqual([]);
    send(w, 'w1', legalOfficer, 'RESOLVE', { outcome: 'stateless_protected', protection: ['statelessness_determination'], reasons: 'no State recognises her' });
    send(w, 'w1', caseworker, 'REQUEST_VERIFICATION', { state: 'BE' });
    expect(nat(w, 'w1').state).toBe('verification_requested');
    expect(tasks(w, 'w1').map((t) => t.summary)).toEqual(['follow up the nationality verification with BE']);
  });

  it('CONFIRM of the second State from `verified` records it beside the first; the outcome stays "verified"', () => {
    const w = world();
    dual(w, 'c1');
    expect(nat(w, 'c1')).toMatchObject({ state: 'verified', outcome: 'verified' });
    expect(natContext(w, 'c1').verified).toEqual([
      expect.objectContaining({ state: 'FR', documentRef: 'FR consular note 7/2026', by: supervisor.id }),
      expect.objectContaining({ state: 'BE', documentRef: 'BE civil register extract', by: legalOfficer.id }),
    ]);
    expect(natContext(w, 'c1').log.map((l) => [l.event, l.state])).toEqual([
      ['REQUEST_VERIFICATION', 'FR'],
      ['REQUEST_VERIFICATION', 'BE'],
      ['CONFIRM', 'FR'],
      ['CONFIRM', 'BE'],
    ]);
    expect(nationalityStanding(w.get('c1'))).toMatchObject({ verified: ['BE', 'FR'], disputed: [], pending: false });
    expect(tasks(w, 'c1').filter((t) => t.kind === 'nationality_follow_up')).toEqual([]);
  });

  it('a second State can be asked after the first is verified (REQUEST_VERIFICATION from `verified`), then confirmed', () => {
    const w = world();
    send(w, 'w1', caseworker, 'REQUEST_VERIFICATION', { state: 'FR' });
    send(w, 'w1', supervisor, 'CONFIRM', { state: 'FR', documentRef: 'passport' });
    const asked = send(w, 'w1', caseworker, 'REQUEST_VERIFICATION', { state: 'BE', basis: 'born in Brussels' });
    expect(asked.kind).toBe('applied');
    expect(nat(w, 'w1')).toMatchObject({ state: 'verified', outcome: 'verified' });
    expect(nationalityStanding(w.get('w1'))).toMatchObject({ verified: ['FR'], pending: false });
    expect(send(w, 'w1', supervisor, 'CONFIRM', { state: 'BE', documentRef: 'BE consulate' }).kind).toBe('applied');
    expect(nationalityStanding(w.get('w1')).verified).toEqual(['BE', 'FR']);
  });

  it('KP-SYS-03 per State: whoever asked a State cannot record its confirmation, even when someone else asked another State since', () => {
    const w = world();
    send(w, 'w1', caseworker, 'REQUEST_VERIFICATION', { state: 'FR' });
    send(w, 'w1', supervisor, 'CONFIRM', { state: 'FR', documentRef: 'passport' });
    send(w, 'w1', both, 'REQUEST_VERIFICATION', { state: 'BE' });
    // A later request to a third State by someone else does not lift the four-eyes on BE.
    send(w, 'w1', caseworker2, 'REQUEST_VERIFICATION', { state: 'MA' });
    expect(natContext(w, 'w1').submittedBy).toBe(caseworker2.id);
    const self = send(w, 'w1', both, 'CONFIRM', { state: 'BE', documentRef: 'BE consulate' });
    expect(failedRules(self)).toEqual(['KP-SYS-03']);
    expect(nationalityStanding(w.get('w1')).verified).toEqual(['FR']);
    expect(send(w, 'w1', legalOfficer2, 'CONFIRM', { state: 'BE', documentRef: 'BE consulate' }).kind).toBe('applied');
    expect(nationalityStanding(w.get('w1')).verified).toEqual(['BE', 'FR']);
  });

  it('a dispute by one State leaves the other nationality verified; a dispute of the last one moves to `disputed`', () => {
    const w = world();
    dual(w, 'w1');
    expect(send(w, 'w1', caseworker, 'RECORD_DISPUTE', { state: 'BE', reason: 'register entry cancelled', ground: 'nationality_deprived' }).kind).toBe('applied');
    expect(nat(w, 'w1')).toMatchObject({ state: 'verified', outcome: 'verified' });
    expect(nationalityStanding(w.get('w1'))).toMatchObject({ verified: ['FR'], disputed: ['BE'], pending: false });
    expect(send(w, 'w1', caseworker, 'RECORD_DISPUTE', { state: 'FR', reason: 'deprivation order', ground: 'nationality_deprived' }).kind).toBe('applied');
    expect(nat(w, 'w1')).toMatchObject({ state: 'disputed', outcome: null });
    expect(nationalityStanding(w.get('w1'))).toMatchObject({ verified: [], disputed: ['BE', 'FR'], pending: true });
  });
});

describe('the return gate reads the nationality per destination', () => {
  /** An adult, screened, with a plan to `destination` and documents issued: APPROVE_RETURN's nationality verdicts. */
  function approveTo(w: World, destination: string) {
    for (const [type, data] of [['START', {}], ['RECORD_INTERVIEW', INTERVIEW], ['RECORD_ASSESSMENT', ASSESSMENT], ['SUBMIT', {}]] as const) {
      expect(w.send('w1', caseworker, 'screening', type, data).kind, type).toBe('applied');
    }
    expect(w.send('w1', supervisor, 'screening', 'APPROVE').kind).toBe('applied');
    expect(w.send('w1', caseworker, 'repatriation', 'PLAN', { destination, withFamily: [] }).kind).toBe('applied');
    expect(w.send('w1', caseworker, 'repatriation', 'ISSUE_DOCUMENTS', { type: 'passport' }).kind).toBe('applied');
    return w.send('w1', supervisor, 'repatriation', 'APPROVE_RETURN');
  }

  it('a return to the second State of nationality counts it as verified (KP-NAT-04, KP-NAT-01, KP-RET-05)', () => {
    const w = world();
    dual(w, 'w1');
    const d = approveTo(w, 'BE');
    expect(verdictOf(d, 'KP-NAT-04')).toMatchObject({ ok: true, reason: 'the nationality of BE is verified' });
    expect(verdictOf(d, 'KP-NAT-01')).toMatchObject({ ok: true, reason: 'the person is a verified national of BE' });
    expect(verdictOf(d, 'KP-RET-05')).toMatchObject({ ok: true, reason: 'return to the State of nationality (BE)' });
  });

  it('while BE has not answered, FR being verified does not make a return to BE a return of a national', () => {
    const w = world();
    send(w, 'w1', caseworker, 'REQUEST_VERIFICATION', { state: 'FR' });
    send(w, 'w1', supervisor, 'CONFIRM', { state: 'FR', documentRef: 'passport' });
    send(w, 'w1', caseworker, 'REQUEST_VERIFICATION', { state: 'BE' });
    const d = approveTo(w, 'BE');
    expect(d.kind).not.toBe('applied');
    expect(verdictOf(d, 'KP-NAT-04')).toMatchObject({ ok: false, reason: expect.stringContaining('BE is neither a verified State of nationality') });
    expect(verdictOf(d, 'KP-RET-05')?.ok).toBe(false);
    expect(w.instance('w1', 'repatriation')!.state).toBe('documents_ready');
  });

  it('a State that disputes the nationality is never a destination, even for a dual national (KP-NAT-04 at PLAN)', () => {
    const w = world();
    dual(w, 'w1');
    send(w, 'w1', caseworker, 'RECORD_DISPUTE', { state: 'BE', reason: 'register entry cancelled', ground: 'nationality_deprived' });
    const d = w.send('w1', caseworker, 'repatriation', 'PLAN', { destination: 'BE', withFamily: [] });
    expect(failedRules(d)).toEqual(['KP-NAT-04']);
    expect(w.send('w1', caseworker, 'repatriation', 'PLAN', { destination: 'FR', withFamily: [] }).kind).toBe('applied');
  });
});

describe('dual nationality paths (@xstate/graph)', () => {
  const w = world();
  w.add(newCase('k1', childFacts('2018-01-01')));
  const steps = [
    ...['FR', 'BE'].flatMap((state) => [
      { type: 'REQUEST_VERIFICATION', who: caseworker, data: { state } },
      { type: 'REQUEST_VERIFICATION', who: both, data: { state } },
      { type: 'CONFIRM', who: both, data: { state, documentRef: `${state}-ref` } },
      { type: 'CONFIRM', who: supervisor, data: { state, documentRef: `${state}-ref` } },
    ]),
    { type: 'RECORD_DISPUTE', who: caseworker, data: { state: 'BE', reason: 'register entry cancelled' } },
  ];
  /** The state, the verified and disputed States, and who asked each State: requests repeat without growing the graph. */
  const serializeState = (s: AnyMachineSnapshot) => {
    const c = s.context as NationalityContext;
    const askedBy = [...new Set(c.requested.map((r) => `${r.state}:${r.by}`))].sort();
    return JSON.stringify([s.value, c.verified.map((v) => v.state).sort(), c.disputed.map((v) => v.state).sort(), askedBy, c.submittedBy]);
  };
  const paths = getShortestPaths(nationalityMachine as AnyStateMachine, { events: graphEvents(w, 'k1', 'nationality', steps), serializeState });

  it('reaches a dual verification, and every confirmation on every path is by someone who did not ask that State', () => {
    const dualPaths = paths.filter((p) => (p.state.context as NationalityContext).verified.length === 2);
    expect(dualPaths.length).toBeGreaterThan(0);
    expect(dualPaths.every((p) => p.state.value === 'verified')).toBe(true);
    for (const p of paths) {
      for (const step of p.steps) {
        const e = step.event as WorkflowEvent;
        if (e.type !== 'CONFIRM') continue;
        // The context the step was decided on (paths share representative snapshots).
        const before = e.ctx.workflow.context as unknown as NationalityContext;
        const askedBy = before.requested.filter((r) => r.state === e.data['state']).map((r) => r.by);
        expect([before.submittedBy, ...askedBy]).not.toContain(e.ctx.actor.id);
      }
    }
  });

  it('never leaves `verified` while a nationality stands, and never verifies a State without a recorded confirmation', () => {
    for (const p of paths) {
      const c = p.state.context as NationalityContext;
      if (c.verified.length > 0) expect(p.state.value, JSON.stringify(c.verified)).toBe('verified');
      for (const v of c.verified) expect(c.log.some((l) => l.event === 'CONFIRM' && l.state === v.state)).toBe(true);
      expect(c.verified.some((v) => c.disputed.some((d) => d.state === v.state))).toBe(false);
    }
  });
});


import { getAdjacencyMap, getShortestPaths } from '@xstate/graph';
import { describe, expect, it } from 'vitest';
import type { AnyMachineSnapshot, AnyStateMachine } from 'xstate';
import type { WorkflowEvent } from '../../workflows/definition.ts';
import { bestInterests } from '../../workflows/best_interests/index.ts';
import { bestInterestsCommands } from '../../workflows/best_interests/commands.ts';
import { bestInterestsMachine } from '../../workflows/best_interests/machine.ts';
import { leafOf } from '../../workflows/states.ts';
import { PanelDecide, type BestInterestsContext } from '../../workflows/best_interests/model.ts';
import { evaluate } from '../../workflows/rules/registry.ts';
import type { RuleContext, WorkflowView } from '../../workflows/rules/types.ts';
import type { Actor } from '../../workflows/roles.ts';
import type { Jurisdiction } from '../../workflows/jurisdictions.ts';
import { DEFAULT_SETTINGS } from '../../workflows/settings.ts';
import {
  AT,
  caseworker,
  childFacts,
  facts,
  newCase,
  panelist,
  supervisor,
  supervisor2,
  verdictOf,
  World,
  type WorldOptions,
} from '../support/builders.ts';

/** best_interests workflow and rules KP-CHILD-01..09, KP-CARE-01..02, each allowed and refused. */

const BI = 'best_interests';

const PANEL = [
  { userId: 'u-panel', discipline: 'child_protection' },
  { userId: 'u-legal', discipline: 'legal' },
  { userId: 'u-health', discipline: 'health' },
];

const BID_FILE = {
  childViews: 'wants to live with the grandmother',
  childViewsWeight: 'given significant weight, consistent with age and maturity',
  childInformedLanguage: 'fr',
  familyUnity: 'mother detained; grandmother in France able to care',
  careOptionsConsidered: ['kinship'],
  recommendation: { action: 'repatriate_separately', care: 'kinship', separationInBestInterests: true },
  reviewDate: '2026-08-01',
};

const DECIDE = { panel: PANEL, undertakingsSigned: true, decision: 'approve', reasons: 'separation is in the child\'s best interests' };

const CONSENT = {
  status: 'given',
  language: 'ar',
  consequencesExplained: true,
  circumstances: { inDetention: true, coercionAbsent: true, witness: 'ICRC delegate', date: '2026-05-20' },
};

/** A child (10) with a mother, a sibling and a BI workflow: everything linked both ways. */
function family(options: WorldOptions = {}, childVulnerabilities: string[] = []): World {
  const w = new World(options);
  const child = childFacts('2016-04-01');
  w.add(newCase('child', { ...child, person: { ...child.person, vulnerabilities: childVulnerabilities as typeof child.person.vulnerabilities } }));
  w.add(newCase('sibling', childFacts('2018-02-02', 'female')));
  w.add(newCase('mother', facts()));
  w.link('child', 'mother', 'mother');
  w.link('sibling', 'mother', 'mother');
  w.link('mother', 'child', 'child');
  w.link('mother', 'sibling', 'child');
  w.link('child', 'sibling', 'sibling');
  w.link('sibling', 'child', 'sibling');
  return w;
}

function completeBia(w: World, id = 'child', bidRequired = true): void {
  expect(w.send(id, caseworker, BI, 'START_BIA').kind).toBe('applied');
  expect(w.send(id, caseworker, BI, 'COMPLETE_BIA', { findings: 'mother detained; child in camp', bidRequired }).kind).toBe('applied');
}

function submitBid(w: World, id = 'child', file: Record<string, unknown> = BID_FILE): void {
  completeBia(w, id);
  expect(w.send(id, caseworker, BI, 'PREPARE_BID', file).kind).toBe('applied');
  expect(w.send(id, caseworker, BI, 'SUBMIT_TO_PANEL').kind).toBe('applied');
}

function approveBid(w: World, id = 'child', file: Record<string, unknown> = BID_FILE): void {
  submitBid(w, id, file);
  const d = w.send(id, panelist, BI, 'PANEL_DECIDE', DECIDE);
  expect(d.kind, JSON.stringify(d)).toBe('applied');
}

const bi = (w: World, id = 'child'): BestInterestsContext => w.instance(id, BI)!.context as unknown as BestInterestsContext;
const state = (w: World, id = 'child'): string => w.instance(id, BI)!.state;

/** A rule context for the repatriation helper's commands, built on the World's case. */
function repatriation(w: World, caseId: string, who: Actor, type: 'PLAN' | 'APPROVE_RETURN', members: string[], extra: Partial<RuleContext> = {}): RuleContext {
  const base = w.context(caseId, who, BI, 'START_BIA');
  const workflow: WorkflowView = {
    kind: 'repatriation', instance: '', version: 1, outcome: null,
    state: type === 'PLAN' ? 'not_planned' : 'documents_ready',
    context: type === 'PLAN' ? {} : { destination: 'FR', members },
  };
  const data = type === 'PLAN' ? { destination: 'FR', withFamily: members.filter((m) => m !== caseId) } : {};
  return { ...base, command: { workflow: 'repatriation', instance: '', type, data }, workflow, ...extra };
}

const one = (ctx: RuleContext, rule: string) => evaluate([rule], ctx)[0]!;

function failedRules(d: ReturnType<World['send']>): string[] {
  return d.kind === 'refused' ? d.failed.map((v) => v.rule) : [];
}

describe('best_interests machine', () => {
  it('runs BIA -> BID -> panel -> approved and records the contract fields', () => {
    const w = family();
    completeBia(w, 'child', false);
    expect(state(w)).toBe('bia_completed');
    expect(bi(w).biaAuthor).toBe(caseworker.id);
    expect(bi(w).biaCompletedAt).toBe(AT);
    expect(w.send('child', caseworker, BI, 'PREPARE_BID', BID_FILE).kind).toBe('applied');
    expect(state(w)).toBe('bid_preparation');
    expect(bi(w).bid.status).toBe('preparing');
    expect(bi(w).bidAuthor).toBe(caseworker.id);
    expect(w.send('child', caseworker, BI, 'SUBMIT_TO_PANEL').kind).toBe('applied');
    expect(bi(w).bid.status).toBe('submitted');
    const d = w.send('child', panelist, BI, 'PANEL_DECIDE', DECIDE);
    expect(d.kind).toBe('applied');
    expect(d.kind === 'applied' && d.next.outcome).toBe('bid_approved');
    expect(bi(w).bid).toMatchObject({ status: 'approved', approvedAt: AT, reviewDate: '2026-08-01', reviewDueAt: '2026-08-01' });
    expect(bi(w).bid.recommendation?.separationInBestInterests).toBe(true);
  });

  it('COMPLETE_BIA with bidRequired opens the BID', () => {
    const w = family();
    completeBia(w, 'child', true);
    expect(state(w)).toBe('bid_preparation');
    expect(bi(w).bid.status).toBe('preparing');
  });

  it('a panel return sends the BID back for preparation', () => {
    const w = family();
    submitBid(w);
    const d = w.send('child', panelist, BI, 'PANEL_DECIDE', { ...DECIDE, decision: 'return', reasons: 'tracing incomplete' });
    expect(d.kind).toBe('applied');
    expect(state(w)).toBe('bid_preparation');
    expect(bi(w).bid.status).toBe('returned');
  });

  it('commands that mean nothing in a state are invalid', () => {
    const w = family();
    expect(w.send('child', caseworker, BI, 'SUBMIT_TO_PANEL').kind).toBe('invalid');
    expect(w.send('child', panelist, BI, 'PANEL_DECIDE', DECIDE).kind).toBe('invalid');
    expect(w.send('child', supervisor, BI, 'ANNUL_BID', { reason: 'x' }).kind).toBe('invalid');
    // Children only: a BIA on an adult's case means nothing.
    expect(w.send('mother', caseworker, BI, 'START_BIA').kind).toBe('invalid');
  });

  it('ANNUL_BID annuls an approved BID and asks the repatriation to return to planning (KP-SYS-01)', () => {
    const w = family();
    approveBid(w);
    const ctx = w.context('child', supervisor, BI, 'ANNUL_BID', { reason: 'appeal upheld' });
    const d = w.send('child', supervisor, BI, 'ANNUL_BID', { reason: 'appeal upheld' });
    expect(d.kind).toBe('applied');
    expect(state(w)).toBe('bid_preparation');
    expect(bi(w).bid.status).toBe('annulled');
    expect(bi(w).decidedBy).toBeNull();
    const follow = bestInterests.followUps!(ctx, w.instance('child', BI)!);
    expect(follow).toEqual([expect.objectContaining({ caseId: 'child', workflow: 'repatriation', type: 'BID_ANNULLED' })]);
    expect(follow[0]!.reason).toContain('appeal upheld');
  });

  it('ANNUL_BID is four-eyes: the panel member who decided cannot annul (KP-SYS-03)', () => {
    const w = family();
    approveBid(w);
    const both: Actor = { id: panelist.id, roles: ['supervisor', 'bid_panel'] };
    const d = w.send('child', both, BI, 'ANNUL_BID', { reason: 'appeal upheld' });
    expect(failedRules(d)).toContain('KP-SYS-03');
  });

  it('REVIEW { reopen } as WORKFLOWS.md shows it (no reason) is flagged by KP-SYS-01 (WARN), not refused; a justification is its reason', () => {
    const w = family();
    approveBid(w);
    const reviewed = w.send('child', supervisor, BI, 'REVIEW', { reopen: false });
    expect(reviewed.kind).toBe('applied');
    expect(verdictOf(reviewed, 'KP-SYS-01')).toMatchObject({ ok: false, severity: 'warn' });
    const reopened = w.send('child', supervisor, BI, 'REVIEW', { reopen: true }, { justification: 'the mother was released' });
    expect(verdictOf(reopened, 'KP-SYS-01')?.ok).toBe(true);
    expect(state(w)).toBe('bid_preparation');
    expect(bi(w).reviews.at(-1)?.reason).toBe('the mother was released');
  });

  it('REOPEN and REVIEW { reopen } take an approved BID back to preparation; REVIEW alone keeps it', () => {
    const w = family();
    approveBid(w);
    expect(w.send('child', supervisor, BI, 'REVIEW', { reopen: false, reason: 'stable', nextReviewDate: '2026-07-15' }).kind).toBe('applied');
    expect(state(w)).toBe('bid_approved');
    expect(bi(w).bid.reviewDueAt).toBe('2026-07-15');
    expect(w.send('child', supervisor, BI, 'REVIEW', { reopen: true, reason: 'mother released' }).kind).toBe('applied');
    expect(state(w)).toBe('bid_preparation');
    expect(bi(w).bid.status).toBe('preparing');

    const v = family();
    approveBid(v);
    const ctx = v.context('child', supervisor, BI, 'REOPEN', { reason: 'new evidence' });
    expect(v.send('child', supervisor, BI, 'REOPEN', { reason: 'new evidence' }).kind).toBe('applied');
    expect(state(v)).toBe('bid_preparation');
    expect(bestInterests.followUps!(ctx, v.instance('child', BI)!)[0]?.type).toBe('BID_ANNULLED');
  });

  it('a consent withdrawn before departure reopens an approved BID; one withdrawn earlier only records', () => {
    const w = family();
    approveBid(w);
    const withdrawn = { ...CONSENT, parentCaseId: 'mother', status: 'withdrawn' };
    expect(w.send('child', caseworker, BI, 'RECORD_CONSENT', withdrawn).kind).toBe('applied');
    expect(state(w)).toBe('bid_preparation');
    expect(bi(w).reopenings.at(-1)?.reason).toContain('consent withdrawn');

    const v = family();
    completeBia(v, 'child', false);
    expect(v.send('child', caseworker, BI, 'RECORD_CONSENT', withdrawn).kind).toBe('applied');
    expect(state(v)).toBe('bia_completed');
    expect(bi(v).consents).toHaveLength(1);
  });

  it('puts panels, BID deadlines, reviews and hand-overs on task lists with ISO due dates', () => {
    const w = family();
    completeBia(w, 'child', false);
    expect(w.send('child', supervisor, BI, 'URGENT_ACTION', { action: 'medical evacuation', kind: 'medical_evacuation' }).kind).toBe('applied');
    expect(w.send('child', caseworker, BI, 'PREPARE_BID', BID_FILE).kind).toBe('applied');
    expect(w.send('child', caseworker, BI, 'SUBMIT_TO_PANEL').kind).toBe('applied');
    expect(w.send('child', caseworker, BI, 'RECORD_HANDOVER', { receivedFrom: 'military', receivedAt: '2026-06-01T08:00:00.000Z' }).kind).toBe('applied');
    const tasks = bestInterests.tasks!(w.instance('child', BI)!, w.get('child'), DEFAULT_SETTINGS, AT);
    const kinds = Object.fromEntries(tasks.map((t) => [t.kind, t]));
    expect(kinds['bid_panel']).toMatchObject({ role: 'bid_panel', due: '2026-06-15' });
    expect(kinds['bid_after_urgent_action']).toMatchObject({ role: 'caseworker', due: '2026-06-15', rule: 'KP-CHILD-03' });
    expect(kinds['child_handover']).toMatchObject({ role: 'supervisor', due: '2026-06-04', rule: 'KP-CHILD-09' });
    // After the deadline the BID escalates to the supervisor (TIMER).
    const later = bestInterests.tasks!(w.instance('child', BI)!, w.get('child'), DEFAULT_SETTINGS, '2026-06-20T00:00:00.000Z');
    expect(later.find((t) => t.kind === 'bid_after_urgent_action_overdue')).toMatchObject({ role: 'supervisor', rule: 'KP-CHILD-03' });

    const a = family();
    approveBid(a);
    expect(a.send('child', caseworker, BI, 'PLACE_IN_CARE', { type: 'kinship', reasons: 'grandmother' }).kind).toBe('applied');
    const t2 = bestInterests.tasks!(a.instance('child', BI)!, a.get('child'), DEFAULT_SETTINGS, AT);
    expect(t2.find((t) => t.kind === 'bid_review')).toMatchObject({ role: 'supervisor', due: '2026-08-01', rule: 'KP-CARE-02' });
    expect(t2.find((t) => t.kind === 'placement_review')).toMatchObject({ role: 'supervisor', due: '2026-08-30', rule: 'KP-CARE-02' });
  });
});

describe('KP-CHILD-01 current BIA and reasons', () => {
  it('refuses submitting a BID that was never prepared, allows a prepared one', () => {
    const w = family();
    completeBia(w, 'child', true);
    expect(failedRules(w.send('child', caseworker, BI, 'SUBMIT_TO_PANEL'))).toContain('KP-CHILD-01');
    w.send('child', caseworker, BI, 'PREPARE_BID', BID_FILE);
    const d = w.send('child', caseworker, BI, 'SUBMIT_TO_PANEL');
    expect(d.kind).toBe('applied');
    expect(verdictOf(d, 'KP-CHILD-01')?.ok).toBe(true);
  });

  it('refuses an unreasoned placement and one on an expired BIA', () => {
    const w = family();
    completeBia(w, 'child', false);
    // Non-kin care needs written reasons: a care type named without its reason records none.
    expect(failedRules(w.send('child', caseworker, BI, 'PLACE_IN_CARE', { type: 'foster' }))).toContain('KP-CHILD-01');
    expect(verdictOf(w.send('child', caseworker, BI, 'PLACE_IN_CARE', { type: 'foster', alternativesConsidered: ['kinship'] }), 'KP-CHILD-01')?.ok).toBe(false);
    expect(w.send('child', caseworker, BI, 'PLACE_IN_CARE', { type: 'kinship', reasons: 'aunt in camp can care' }).kind).toBe('applied');
    // Kinship care (the first choice) on a current BIA is reasoned by the BIA's findings.
    const kin = w.send('child', caseworker, BI, 'PLACE_IN_CARE', { type: 'kinship', alternativesConsidered: [] });
    expect(kin.kind).toBe('applied');
    expect(verdictOf(kin, 'KP-CHILD-01')?.ok).toBe(true);

    const v = family();
    v.send('child', caseworker, BI, 'START_BIA');
    v.send('child', caseworker, BI, 'COMPLETE_BIA', { findings: 'f', bidRequired: false, validUntil: '2026-05-01' });
    const d = v.send('child', caseworker, BI, 'PLACE_IN_CARE', { type: 'kinship', reasons: 'aunt' });
    expect(failedRules(d)).toContain('KP-CHILD-01');
    expect(verdictOf(d, 'KP-CHILD-01')?.reason).toContain('expired');
  });

  it('on a return approval: refuses when the BIA requires a BID that is not approved; passes for an adult', () => {
    const w = family();
    completeBia(w, 'child', true);
    expect(one(repatriation(w, 'child', supervisor, 'APPROVE_RETURN', ['child', 'mother', 'sibling']), 'KP-CHILD-01').ok).toBe(false);
    const v = family();
    approveBid(v);
    expect(one(repatriation(v, 'child', supervisor, 'APPROVE_RETURN', ['child', 'mother', 'sibling']), 'KP-CHILD-01').ok).toBe(true);
    expect(one(repatriation(v, 'mother', supervisor, 'APPROVE_RETURN', ['child', 'mother', 'sibling']), 'KP-CHILD-01')).toMatchObject({ ok: true, reason: 'the person is not a child' });
  });
});

describe('KP-CHILD-02 BID before separation, UASC return and non-kin care', () => {
  it('refuses foster care without an approved BID, allows it with one', () => {
    const foster = { type: 'foster', alternativesConsidered: [{ type: 'kinship', reason: 'no relatives traced' }] };
    const w = family();
    completeBia(w, 'child', false);
    const d = w.send('child', caseworker, BI, 'PLACE_IN_CARE', foster);
    expect(failedRules(d)).toEqual(['KP-CHILD-02']);
    const v = family();
    approveBid(v);
    expect(v.send('child', caseworker, BI, 'PLACE_IN_CARE', foster).kind).toBe('applied');
  });

  it('allows interim non-kin care after an urgent action while the BID deadline runs (KP-CHILD-03 route)', () => {
    const w = family();
    completeBia(w, 'child', false);
    w.send('child', supervisor, BI, 'URGENT_ACTION', { action: 'removal from immediate danger' });
    const d = w.send('child', caseworker, BI, 'PLACE_IN_CARE', { type: 'foster', alternativesConsidered: [{ type: 'kinship', reason: 'none nearby' }] });
    expect(d.kind).toBe('applied');
    expect(verdictOf(d, 'KP-CHILD-02')?.reason).toContain('urgent');
  });

  it('refuses a child\'s return without the mother unless a BID is approved', () => {
    const w = family();
    completeBia(w, 'child', false);
    const refused = one(repatriation(w, 'child', supervisor, 'APPROVE_RETURN', ['child', 'sibling']), 'KP-CHILD-02');
    expect(refused).toMatchObject({ ok: false, severity: 'block-unless' });
    expect(refused.reason).toContain('separation from mother');
    expect(one(repatriation(w, 'child', supervisor, 'APPROVE_RETURN', ['child', 'sibling', 'mother']), 'KP-CHILD-02').ok).toBe(true);
    const v = family();
    approveBid(v);
    expect(one(repatriation(v, 'child', supervisor, 'APPROVE_RETURN', ['child', 'sibling']), 'KP-CHILD-02').ok).toBe(true);
  });

  it('refuses an unaccompanied child\'s return and a return against refused consent without a BID', () => {
    const w = family({}, ['unaccompanied']);
    completeBia(w, 'child', false);
    expect(one(repatriation(w, 'child', supervisor, 'APPROVE_RETURN', ['child', 'mother', 'sibling']), 'KP-CHILD-02').ok).toBe(false);
    const v = family();
    completeBia(v, 'child', false);
    v.send('child', caseworker, BI, 'RECORD_CONSENT', { ...CONSENT, parentCaseId: 'mother', status: 'refused' });
    const r = one(repatriation(v, 'child', supervisor, 'APPROVE_RETURN', ['child', 'mother', 'sibling']), 'KP-CHILD-02');
    expect(r.ok).toBe(false);
    expect(r.reason).toContain('refused');
    expect(one(repatriation(v, 'mother', supervisor, 'APPROVE_RETURN', ['mother']), 'KP-CHILD-02').ok).toBe(true);
  });
});

describe('KP-CHILD-03 urgent action', () => {
  it('refuses urgent action without a BIA', () => {
    const w = family();
    const d = w.send('child', supervisor, BI, 'URGENT_ACTION', { action: 'medical evacuation' });
    expect(failedRules(d)).toEqual(['KP-CHILD-03']);
    expect(verdictOf(d, 'KP-CHILD-03')?.severity).toBe('block');
  });

  it('allows it on a BIA with a supervisor and opens the BID with a deadline', () => {
    const w = family();
    completeBia(w, 'child', false);
    const d = w.send('child', supervisor, BI, 'URGENT_ACTION', { action: 'medical evacuation' });
    expect(d.kind).toBe('applied');
    expect(state(w)).toBe('bid_preparation');
    expect(bi(w).bid).toMatchObject({ status: 'preparing', dueAt: '2026-06-15' });
    expect(bi(w).urgentActions).toHaveLength(1);
  });

  it('without a supervisor the action waits for one (2ND), and is applied on confirmation', () => {
    const w = family();
    completeBia(w, 'child', false);
    const d = w.send('child', caseworker, BI, 'URGENT_ACTION', { action: 'medical evacuation' });
    expect(d).toMatchObject({ kind: 'pending', secondApprover: 'supervisor' });
    expect(w.send('child', supervisor, BI, 'URGENT_ACTION', { action: 'medical evacuation' }, { proposedBy: caseworker }).kind).toBe('applied');
  });
});

describe('KP-CHILD-04 BID panel', () => {
  it('approves with a multidisciplinary panel of three that signed undertakings', () => {
    const w = family();
    submitBid(w);
    const d = w.send('child', panelist, BI, 'PANEL_DECIDE', DECIDE);
    expect(verdictOf(d, 'KP-CHILD-04')?.ok).toBe(true);
  });

  it.each([
    ['too few members', { panel: PANEL.slice(0, 2) }, 'at least 3'],
    ['one discipline', { panel: PANEL.map((p) => ({ ...p, discipline: 'child_protection' })) }, 'multidisciplinary'],
    ['BIA author on the panel', { panel: [...PANEL, { userId: caseworker.id, discipline: 'mhpss' }] }, 'BIA author'],
    ['undertakings not signed', { undertakingsSigned: false }, 'undertakings'],
    ['no reasons', { reasons: undefined }, 'reasons'],
    ['interpreter counted as a member', { panel: [...PANEL.slice(0, 2), { userId: 'u-int', discipline: 'interpreter' }] }, 'at least 3'],
  ])('refuses: %s', (_name, change, words) => {
    const w = family();
    submitBid(w);
    const d = w.send('child', panelist, BI, 'PANEL_DECIDE', { ...DECIDE, ...change });
    expect(failedRules(d)).toContain('KP-CHILD-04');
    expect(verdictOf(d, 'KP-CHILD-04')?.reason).toContain(words);
    // Structured (issue 16.1): a code per problem, and what would make the panel's approval pass.
    expect(verdictOf(d, 'KP-CHILD-04')).toMatchObject({ rule: 'KP-CHILD-04', code: expect.stringMatching(/^KP-CHILD-04\./), toAllow: [{ code: 'KP-CHILD-04.allow_panel', params: { min: expect.any(Number) } }] });
  });

  it('takes disciplines from a closed vocabulary (issue 12.7): a spelling outside it is invalid; they must still differ', () => {
    const w = family();
    submitBid(w);
    expect(PanelDecide.safeParse({ ...DECIDE, panel: PANEL.map((p) => ({ ...p, discipline: 'Social work' })) }).success).toBe(false);
    const same = w.send('child', panelist, BI, 'PANEL_DECIDE', { ...DECIDE, panel: PANEL.map((p) => ({ ...p, discipline: 'social_work' })) });
    expect(verdictOf(same, 'KP-CHILD-04')?.reason).toContain('multidisciplinary');
    const d = w.send('child', panelist, BI, 'PANEL_DECIDE', { ...DECIDE, panel: PANEL.map((p, i) => ({ ...p, discipline: ['social_work', 'psychology', 'legal'][i]! })) });
    expect(d.kind).toBe('applied');
    expect(verdictOf(d, 'KP-CHILD-04')?.reason).toContain('social work, psychology, legal');
    expect(verdictOf(d, 'KP-CHILD-04')).toMatchObject({ code: 'KP-CHILD-04.approved', params: { members: 3, disciplines: ['social_work', 'psychology', 'legal'] } });
  });

  it('refuses a BID without a review date', () => {
    const { reviewDate: _omit, ...file } = BID_FILE;
    const w = family();
    submitBid(w, 'child', file);
    expect(verdictOf(w.send('child', panelist, BI, 'PANEL_DECIDE', DECIDE), 'KP-CHILD-04')?.reason).toContain('review date');
  });

  it('applies the jurisdiction\'s larger panel minimum', () => {
    const sy: Jurisdiction = {
      code: 'SY', name: 'Syria', macrGeneral: 15, macrType: 'absolute', macrOffenceSpecific: [], deathPenaltyAvailable: true,
      lifeWithoutParoleForMinors: false, militaryOrSpecialCourtsForChildren: true, juvenileCourts: true,
      detentionReviewIntervalDays: 14, pretrialMaxDaysChild: 90, bidPanelMinMembers: 5, validFrom: '2000-01-01',
    };
    const w = family({ jurisdictions: [sy] });
    submitBid(w);
    expect(verdictOf(w.send('child', panelist, BI, 'PANEL_DECIDE', DECIDE), 'KP-CHILD-04')?.reason).toContain('at least 5');
  });

  it('the BID author cannot decide it (KP-SYS-03)', () => {
    const w = family();
    submitBid(w);
    const d = w.send('child', { id: caseworker.id, roles: ['bid_panel'] }, BI, 'PANEL_DECIDE', DECIDE);
    expect(failedRules(d)).toContain('KP-SYS-03');
  });
});

describe('KP-CHILD-05 the child informed and heard', () => {
  const NO_VIEWS = (({ childViews: _v, childViewsWeight: _w, childInformedLanguage: _l, ...file }) => file)(BID_FILE);
  /** The child's screening interview, in French with child-protection staff and an appropriate adult. */
  const interviewed = (w: World, language = 'fr', interpreter = false) => {
    w.send('child', caseworker, 'screening', 'START');
    const d = w.send('child', caseworker, 'screening', 'RECORD_INTERVIEW', { participants: [{ role: 'child_protection' }], appropriateAdultPresent: true, femaleInterviewerOffered: true, language, interpreter });
    expect(d.kind).toBe('applied');
  };

  it('flags at submission (WARN) and refuses at approval a BID with neither views nor a reason', () => {
    const w = family();
    completeBia(w);
    w.send('child', caseworker, BI, 'PREPARE_BID', NO_VIEWS);
    const submitted = w.send('child', caseworker, BI, 'SUBMIT_TO_PANEL');
    expect(submitted.kind).toBe('applied');
    expect(verdictOf(submitted, 'KP-CHILD-05')).toMatchObject({ ok: false, severity: 'warn', reason: expect.stringContaining('neither the child\'s views') });
    const approval = w.send('child', panelist, BI, 'PANEL_DECIDE', DECIDE);
    expect(failedRules(approval)).toEqual(['KP-CHILD-05']);
    expect(verdictOf(approval, 'KP-CHILD-05')).toMatchObject({ severity: 'block' });
    expect(state(w)).toBe('panel_review');
    // Returning the BID for more work is no approval.
    expect(verdictOf(w.send('child', panelist, BI, 'PANEL_DECIDE', { ...DECIDE, decision: 'return' }), 'KP-CHILD-05')?.ok).toBe(true);
  });

  it('views without a recorded language: refused at approval unless the child was screened in a language understood', () => {
    const w = family();
    submitBid(w, 'child', { ...BID_FILE, childInformedLanguage: undefined });
    const d = w.send('child', panelist, BI, 'PANEL_DECIDE', DECIDE);
    expect(failedRules(d)).toEqual(['KP-CHILD-05']);
    expect(verdictOf(d, 'KP-CHILD-05')?.reason).toContain('language');

    const v = family();
    interviewed(v, 'ar', true);
    submitBid(v, 'child', { ...BID_FILE, childInformedLanguage: undefined });
    const approved = v.send('child', panelist, BI, 'PANEL_DECIDE', DECIDE);
    expect(approved.kind).toBe('applied');
    expect(verdictOf(approved, 'KP-CHILD-05')?.reason).toContain('heard in the language of the screening interview, with an interpreter');
  });

  it('views without a recorded weight: the panel\'s written reasons record it; with none the approval is refused', () => {
    const contractOnly = { ...BID_FILE, childViewsWeight: undefined, childInformedLanguage: undefined };
    const w = family();
    interviewed(w);
    submitBid(w, 'child', contractOnly);
    const noReasons = w.send('child', panelist, BI, 'PANEL_DECIDE', { ...DECIDE, reasons: '' });
    expect(failedRules(noReasons)).toContain('KP-CHILD-05');
    expect(verdictOf(noReasons, 'KP-CHILD-05')?.reason).toContain('weight');
    const d = w.send('child', panelist, BI, 'PANEL_DECIDE', DECIDE);
    expect(d.kind).toBe('applied');
    expect(verdictOf(d, 'KP-CHILD-05')).toMatchObject({ ok: true, reason: expect.stringContaining('recorded in the panel\'s reasons') });
  });

  it('allows a documented reason the child could not be heard', () => {
    const w = family();
    completeBia(w);
    w.send('child', caseworker, BI, 'PREPARE_BID', { ...NO_VIEWS, childViewsNotHeardReason: 'infant, 8 months' });
    const d = w.send('child', caseworker, BI, 'SUBMIT_TO_PANEL');
    expect(d.kind).toBe('applied');
    expect(verdictOf(d, 'KP-CHILD-05')?.ok).toBe(true);
    expect(verdictOf(w.send('child', panelist, BI, 'PANEL_DECIDE', DECIDE), 'KP-CHILD-05')?.ok).toBe(true);
  });
});

describe('KP-CHILD-06 free and informed consent', () => {
  it('records a valid consent, refuses one under coercion, from a stranger, or conditioned on aid', () => {
    const w = family();
    completeBia(w, 'child', false);
    expect(w.send('child', caseworker, BI, 'RECORD_CONSENT', { ...CONSENT, parentCaseId: 'mother' }).kind).toBe('applied');
    const coerced = w.send('child', caseworker, BI, 'RECORD_CONSENT', { ...CONSENT, parentCaseId: 'mother', circumstances: { ...CONSENT.circumstances, coercionAbsent: false } });
    expect(failedRules(coerced)).toEqual(['KP-CHILD-06']);
    expect(failedRules(w.send('child', caseworker, BI, 'RECORD_CONSENT', { ...CONSENT, parentCaseId: 'sibling' }))).toEqual(['KP-CHILD-06']);
    const aid = w.send('child', caseworker, BI, 'RECORD_CONSENT', { ...CONSENT, parentCaseId: 'mother', conditionOfAid: true });
    expect(verdictOf(aid, 'KP-CHILD-06')?.reason).toContain('condition of aid');
    expect(w.send('child', caseworker, BI, 'RECORD_CONSENT', { ...CONSENT, parentCaseId: 'mother', status: 'refused' }).kind).toBe('applied');
    // Circumstances in plain words leave coercion unknown: not free and informed consent until recorded.
    const words = w.send('child', caseworker, BI, 'RECORD_CONSENT', { ...CONSENT, parentCaseId: 'mother', circumstances: 'given freely in the camp, witnessed by a UNICEF officer' });
    expect(failedRules(words)).toEqual(['KP-CHILD-06']);
    expect(verdictOf(words, 'KP-CHILD-06')?.reason).toContain('do not record that coercion was ruled out');
  });

  it('on a return: valid consent of the parent left behind allows; no consent refuses', () => {
    const w = family();
    completeBia(w, 'child', false);
    expect(one(repatriation(w, 'child', supervisor, 'APPROVE_RETURN', ['child', 'sibling']), 'KP-CHILD-06')).toMatchObject({ ok: false, severity: 'block-unless' });
    w.send('child', caseworker, BI, 'RECORD_CONSENT', { ...CONSENT, parentCaseId: 'mother' });
    expect(one(repatriation(w, 'child', supervisor, 'APPROVE_RETURN', ['child', 'sibling']), 'KP-CHILD-06').ok).toBe(true);
  });

  it('an approved BID concluding separation is in the child\'s best interests replaces consent', () => {
    const w = family();
    approveBid(w);
    expect(one(repatriation(w, 'child', supervisor, 'APPROVE_RETURN', ['child', 'sibling']), 'KP-CHILD-06').ok).toBe(true);
    const v = family();
    approveBid(v, 'child', { ...BID_FILE, recommendation: { action: 'repatriate_with_family', separationInBestInterests: false } });
    expect(one(repatriation(v, 'child', supervisor, 'APPROVE_RETURN', ['child', 'sibling']), 'KP-CHILD-06').ok).toBe(false);
  });

  it('a withdrawn consent refuses until a later BID decides on separation', () => {
    const w = family();
    completeBia(w, 'child', false);
    w.send('child', caseworker, BI, 'RECORD_CONSENT', { ...CONSENT, parentCaseId: 'mother' });
    w.send('child', caseworker, BI, 'RECORD_CONSENT', { ...CONSENT, parentCaseId: 'mother', status: 'withdrawn' });
    const r = one(repatriation(w, 'child', supervisor, 'APPROVE_RETURN', ['child', 'sibling']), 'KP-CHILD-06');
    expect(r.ok).toBe(false);
    expect(r.reason).toContain('withdrew');
    // A new BID approved after the withdrawal may conclude that separation serves the child.
    w.at = '2026-06-10T10:00:00.000Z';
    w.send('child', caseworker, BI, 'PREPARE_BID', BID_FILE);
    w.send('child', caseworker, BI, 'SUBMIT_TO_PANEL');
    expect(w.send('child', panelist, BI, 'PANEL_DECIDE', DECIDE).kind).toBe('applied');
    expect(one(repatriation(w, 'child', supervisor, 'APPROVE_RETURN', ['child', 'sibling']), 'KP-CHILD-06').ok).toBe(true);
  });
});

describe('KP-CHILD-07 family unity', () => {
  it('passes when the family travels together', () => {
    const w = family();
    expect(one(repatriation(w, 'child', caseworker, 'PLAN', ['child', 'mother', 'sibling']), 'KP-CHILD-07').ok).toBe(true);
  });

  it('refuses a plan splitting siblings without a BID', () => {
    const w = family();
    completeBia(w, 'child', false);
    expect(one(repatriation(w, 'child', caseworker, 'PLAN', ['child', 'mother']), 'KP-CHILD-07')).toMatchObject({ ok: false, severity: 'block-unless' });
  });

  it('with a BID the split needs a second supervisor, and a distinct one lifts it', () => {
    const w = family();
    approveBid(w);
    const first = one(repatriation(w, 'child', supervisor, 'APPROVE_RETURN', ['child', 'mother']), 'KP-CHILD-07');
    expect(first).toMatchObject({ ok: false, severity: '2nd', secondApprover: 'supervisor' });
    const confirmed = one(repatriation(w, 'child', supervisor2, 'APPROVE_RETURN', ['child', 'mother'], { proposedBy: supervisor }), 'KP-CHILD-07');
    expect(confirmed.ok).toBe(true);
    const self = one(repatriation(w, 'child', supervisor, 'APPROVE_RETURN', ['child', 'mother'], { proposedBy: supervisor }), 'KP-CHILD-07');
    expect(self.ok).toBe(false);
  });

  it('refuses a mother\'s plan that leaves her children behind without their BIDs', () => {
    const w = family();
    const r = one(repatriation(w, 'mother', caseworker, 'PLAN', ['mother']), 'KP-CHILD-07');
    expect(r.ok).toBe(false);
    expect(r.reason).toContain('left behind');
  });
});

describe('structured verdicts of KP-CHILD-01, -02, -05, -06, -07 (issue 16.1)', () => {
  it('KP-CHILD-01: an expired BIA and an unreasoned placement, each with what would lift it; a reasoned one passes with its code', () => {
    const v = family();
    v.send('child', caseworker, BI, 'START_BIA');
    v.send('child', caseworker, BI, 'COMPLETE_BIA', { findings: 'f', bidRequired: false, validUntil: '2026-05-01' });
    const d = v.send('child', caseworker, BI, 'PLACE_IN_CARE', { type: 'foster' });
    expect(verdictOf(d, 'KP-CHILD-01')).toMatchObject({
      ok: false,
      code: 'KP-CHILD-01.bia_expired',
      params: { until: '2026-05-01' },
      more: [{ code: 'KP-CHILD-01.placement_unreasoned' }],
      facts: expect.arrayContaining(['best_interests.bia.validUntil', 'command.reasons']),
      toAllow: [{ code: 'KP-CHILD-01.current_bia' }, { code: 'KP-CHILD-01.allow_placement_reasons' }],
    });
    const w = family();
    completeBia(w, 'child', false);
    expect(verdictOf(w.send('child', caseworker, BI, 'PLACE_IN_CARE', { type: 'kinship', reasons: 'aunt in camp can care' }), 'KP-CHILD-01')).toMatchObject({ ok: true, code: 'KP-CHILD-01.reasoned' });
  });

  it('KP-CHILD-02: a return without the mother names the separation and the refused consent by ids; with the mother it passes', () => {
    const w = family();
    completeBia(w, 'child', false);
    w.send('child', caseworker, BI, 'RECORD_CONSENT', { ...CONSENT, parentCaseId: 'mother', status: 'refused' });
    const refused = one(repatriation(w, 'child', supervisor, 'APPROVE_RETURN', ['child', 'sibling']), 'KP-CHILD-02');
    expect(refused).toMatchObject({
      ok: false,
      code: 'KP-CHILD-02.bid_needed',
      more: [{ code: 'KP-CHILD-02.separation', params: { relation: 'mother', parent: 'mother' } }, { code: 'KP-CHILD-02.consent_refused', params: { parent: 'mother' } }],
      toAllow: [{ code: 'KP-CHILD-02.approved_bid' }],
    });
    expect(refused.reason).toBe('an approved BID is required; separation from mother (mother); parental consent refused (mother)');
    const v = family();
    completeBia(v, 'child', false);
    expect(one(repatriation(v, 'child', supervisor, 'APPROVE_RETURN', ['child', 'sibling', 'mother']), 'KP-CHILD-02')).toMatchObject({ ok: true, code: 'KP-CHILD-02.no_trigger' });
  });

  it('KP-CHILD-05: the missing weight at approval is refused with its hint; the language is never a param (free text)', () => {
    const w = family();
    submitBid(w, 'child', { ...BID_FILE, childViewsWeight: undefined });
    const d = w.send('child', panelist, BI, 'PANEL_DECIDE', { ...DECIDE, reasons: '' });
    expect(verdictOf(d, 'KP-CHILD-05')).toMatchObject({ ok: false, severity: 'block', code: 'KP-CHILD-05.no_weight', toAllow: [{ code: 'KP-CHILD-05.allow_weight' }] });
    const approved = w.send('child', panelist, BI, 'PANEL_DECIDE', DECIDE);
    const v = verdictOf(approved, 'KP-CHILD-05');
    expect(v).toMatchObject({ ok: true, code: 'KP-CHILD-05.heard_bid_language', more: [{ code: 'KP-CHILD-05.weight_in_reasons' }] });
    expect(v).not.toHaveProperty('params');
  });

  it('KP-CHILD-06: a coerced consent names each defect; a missing consent names the parent; valid consent passes', () => {
    const w = family();
    completeBia(w, 'child', false);
    const coerced = w.send('child', caseworker, BI, 'RECORD_CONSENT', { ...CONSENT, parentCaseId: 'mother', consequencesExplained: false, circumstances: { ...CONSENT.circumstances, coercionAbsent: false } });
    expect(verdictOf(coerced, 'KP-CHILD-06')).toMatchObject({
      code: 'KP-CHILD-06.not_free_informed',
      more: [{ code: 'KP-CHILD-06.defect_consequences' }, { code: 'KP-CHILD-06.defect_coercion' }],
      toAllow: [{ code: 'KP-CHILD-06.allow_free_consent' }],
    });
    expect(verdictOf(w.send('child', caseworker, BI, 'RECORD_CONSENT', { ...CONSENT, parentCaseId: 'sibling' }), 'KP-CHILD-06')).toMatchObject({ code: 'KP-CHILD-06.not_a_parent', params: { parent: 'sibling' }, toAllow: [{ code: 'KP-CHILD-06.allow_parent' }] });
    const noConsent = one(repatriation(w, 'child', supervisor, 'APPROVE_RETURN', ['child', 'sibling']), 'KP-CHILD-06');
    expect(noConsent).toMatchObject({
      code: 'KP-CHILD-06.no_consent',
      params: { relation: 'mother', parent: 'mother' },
      more: [{ code: 'KP-CHILD-06.needs_consent_or_bid' }],
      toAllow: [{ code: 'KP-CHILD-06.allow_consent' }, { code: 'KP-CHILD-06.allow_bid_separation' }],
    });
    w.send('child', caseworker, BI, 'RECORD_CONSENT', { ...CONSENT, parentCaseId: 'mother' });
    expect(one(repatriation(w, 'child', supervisor, 'APPROVE_RETURN', ['child', 'sibling']), 'KP-CHILD-06')).toMatchObject({ ok: true, code: 'KP-CHILD-06.each_consented' });
  });

  it('KP-CHILD-06: aid conditional on consent is refused on a rehabilitation plan, by field and by service condition', () => {
    const w = family();
    const ctx = w.context('child', caseworker, 'rehabilitation', 'CREATE_PLAN', { services: [{ type: 'mhpss', provider: 'Provider', setting: 'community', conditions: ['parental_consent'], eligibility: [{ field: 'best_interests.consents.status', operator: 'eq', value: 'given' }] }], reviewDate: '2026-09-01' });
    expect(one(ctx, 'KP-CHILD-06')).toMatchObject({
      ok: false,
      code: 'KP-CHILD-06.aid_conditional',
      more: [{ code: 'KP-CHILD-06.eligibility_on_consent', params: { field: 'best_interests.consents.status' } }, { code: 'KP-CHILD-06.service_on_consent', params: { service: 'mhpss', condition: 'parental_consent' } }],
      toAllow: [{ code: 'KP-CHILD-06.allow_unconditional_aid' }],
    });
    expect(one(w.context('child', caseworker, 'rehabilitation', 'CREATE_PLAN', { services: [{ type: 'mhpss', provider: 'Provider', setting: 'community' }], reviewDate: '2026-09-01' }), 'KP-CHILD-06')).toMatchObject({ ok: true, code: 'KP-CHILD-06.no_separation' });
  });

  it('KP-CHILD-07: a split without a BID lists each separation and the cases without one; a split on a BID asks a second supervisor', () => {
    const w = family();
    completeBia(w, 'child', false);
    expect(one(repatriation(w, 'child', caseworker, 'PLAN', ['child']), 'KP-CHILD-07')).toMatchObject({
      ok: false,
      severity: 'block-unless',
      code: 'KP-CHILD-07.separated_from',
      params: { relation: 'mother', member: 'mother' },
      more: [{ code: 'KP-CHILD-07.separated_from', params: { relation: 'sibling', member: 'sibling' } }, { code: 'KP-CHILD-07.no_bid', params: { cases: ['child'] } }],
      toAllow: [{ code: 'KP-CHILD-07.allow_bid_separation' }, { code: 'KP-CHILD-07.allow_together' }],
    });
    const v = family();
    approveBid(v);
    expect(one(repatriation(v, 'child', supervisor, 'APPROVE_RETURN', ['child', 'mother']), 'KP-CHILD-07')).toMatchObject({
      severity: '2nd',
      more: [{ code: 'KP-CHILD-07.second_needed' }],
      toAllow: [{ code: 'KP-CHILD-07.second_approver', params: { role: 'supervisor' } }],
    });
  });
});

describe('KP-CHILD-08 UASC durable solution', () => {
  it('refuses a BID for an unaccompanied child before tracing and a guardian, allows it after', () => {
    const w = family({}, ['unaccompanied']);
    submitBid(w);
    const d = w.send('child', panelist, BI, 'PANEL_DECIDE', DECIDE);
    expect(failedRules(d)).toEqual(['KP-CHILD-08']);
    expect(verdictOf(d, 'KP-CHILD-08')?.reason).toContain('tracing');
    expect(w.send('child', caseworker, BI, 'RECORD_TRACING', { status: 'started', agency: 'ICRC', startedOn: '2026-05-01' }).kind).toBe('applied');
    expect(w.send('child', supervisor, BI, 'APPOINT_GUARDIAN', { name: 'G. Guardian', kind: 'guardian', appointedBy: 'juvenile judge', appointedOn: '2026-05-10' }).kind).toBe('applied');
    const ok = w.send('child', panelist, BI, 'PANEL_DECIDE', DECIDE);
    expect(ok.kind).toBe('applied');
    expect(verdictOf(ok, 'KP-CHILD-08')?.ok).toBe(true);
  });

  it('guards the return of a separated child too; not a UASC passes', () => {
    const w = family({}, ['separated']);
    expect(one(repatriation(w, 'child', supervisor, 'APPROVE_RETURN', ['child', 'mother', 'sibling']), 'KP-CHILD-08').ok).toBe(false);
    expect(one(repatriation(family(), 'child', supervisor, 'APPROVE_RETURN', ['child', 'mother', 'sibling']), 'KP-CHILD-08').ok).toBe(true);
  });
});

describe('KP-CHILD-09 hand-over from military or security actors', () => {
  it('a hand-over within the SLA is ok', () => {
    const w = family();
    const d = w.send('child', caseworker, BI, 'RECORD_HANDOVER', { receivedFrom: 'military', receivedAt: '2026-05-30T10:00:00.000Z', handedOverAt: '2026-05-31T10:00:00.000Z', handedOverTo: 'UNICEF partner' });
    expect(d.kind).toBe('applied');
    expect(verdictOf(d, 'KP-CHILD-09')?.ok).toBe(true);
  });

  it('a late hand-over is applied with a WARN verdict', () => {
    const w = family();
    const d = w.send('child', caseworker, BI, 'RECORD_HANDOVER', { receivedFrom: 'security', receivedAt: '2026-05-20T10:00:00.000Z', handedOverAt: '2026-05-25T10:00:00.000Z' });
    expect(d.kind).toBe('applied');
    expect(verdictOf(d, 'KP-CHILD-09')).toMatchObject({ ok: false, severity: 'warn' });
    expect(bi(w).custody).toHaveLength(1);
  });

  it('a child not yet handed over after the SLA warns; recording the hand-over completes the entry', () => {
    const w = family();
    const d = w.send('child', caseworker, BI, 'RECORD_HANDOVER', { receivedFrom: 'military', receivedAt: '2026-05-25T10:00:00.000Z' });
    expect(verdictOf(d, 'KP-CHILD-09')).toMatchObject({ ok: false, severity: 'warn' });
    w.send('child', caseworker, BI, 'RECORD_HANDOVER', { receivedFrom: 'military', receivedAt: '2026-05-25T10:00:00.000Z', handedOverAt: AT });
    expect(bi(w).custody).toHaveLength(1);
    expect(bestInterests.tasks!(w.instance('child', BI)!, w.get('child'), DEFAULT_SETTINGS, AT).some((t) => t.kind === 'child_handover')).toBe(false);
  });
});

describe('KP-CARE-01 order of preference', () => {
  function approved(dob = '2016-04-01'): World {
    const w = new World();
    w.add(newCase('child', childFacts(dob)));
    // No parent or caregiver linked: an unaccompanied child, so tracing and a guardian come first (KP-CHILD-08).
    expect(w.send('child', caseworker, BI, 'RECORD_TRACING', { status: 'started', agency: 'ICRC', startedOn: '2026-05-01' }).kind).toBe('applied');
    expect(w.send('child', supervisor, BI, 'APPOINT_GUARDIAN', { name: 'G. Guardian', kind: 'guardian', appointedBy: 'juvenile judge', appointedOn: '2026-05-10' }).kind).toBe('applied');
    approveBid(w);
    return w;
  }

  it('refuses foster care without reasons for kinship, allows it with them', () => {
    const w = approved();
    const d = w.send('child', caseworker, BI, 'PLACE_IN_CARE', { type: 'foster', reasons: 'x' });
    expect(failedRules(d)).toEqual(['KP-CARE-01']);
    expect(verdictOf(d, 'KP-CARE-01')?.severity).toBe('justify');
    // A care type named without its reason explains nothing.
    const unexplained = w.send('child', caseworker, BI, 'PLACE_IN_CARE', { type: 'foster', alternativesConsidered: ['kinship'] });
    expect(failedRules(unexplained)).toContain('KP-CARE-01');
    expect(verdictOf(unexplained, 'KP-CARE-01')?.reason).toContain('needs reasons why kinship care is unavailable');
    expect(verdictOf(unexplained, 'KP-CARE-01')).toMatchObject({
      code: 'KP-CARE-01.unexplained',
      params: { type: 'foster', preferred: ['kinship'] },
      toAllow: [{ code: 'KP-CARE-01.allow_reasons', params: { preferred: ['kinship'] } }],
    });
    expect(w.send('child', caseworker, BI, 'PLACE_IN_CARE', { type: 'foster', alternativesConsidered: [{ type: 'kinship', reason: 'no relatives' }] }).kind).toBe('applied');
    expect(bi(w).placement).toMatchObject({ type: 'foster', reviewDueAt: '2026-08-30' });
  });

  const residential = {
    type: 'residential',
    alternativesConsidered: [
      { type: 'kinship', reason: 'none traced' },
      { type: 'foster', reason: 'no carers for medical needs' },
      { type: 'community', reason: 'none available' },
    ],
  };
  const why = 'specialised medical care only available in a residential unit, for 3 months';

  it('refuses residential care without a justification', () => {
    const d = approved().send('child', caseworker, BI, 'PLACE_IN_CARE', residential);
    expect(failedRules(d)).toEqual(['KP-CARE-01']);
  });

  it('residential care with a justification waits for a second supervisor, who applies it', () => {
    const w = approved();
    const d = w.send('child', caseworker, BI, 'PLACE_IN_CARE', residential, { justification: why });
    expect(d).toMatchObject({ kind: 'pending', secondApprover: 'supervisor' });
    const c = w.send('child', supervisor, BI, 'PLACE_IN_CARE', residential, { justification: why, proposedBy: caseworker });
    expect(c.kind).toBe('applied');
    expect(bi(w).placement?.type).toBe('residential');
  });

  it('blocks residential care of a child under the configured age, except in an emergency', () => {
    const w = approved('2024-01-01');
    const d = w.send('child', caseworker, BI, 'PLACE_IN_CARE', residential, { justification: why });
    expect(verdictOf(d, 'KP-CARE-01')).toMatchObject({ ok: false, severity: 'block' });
    expect(d.kind).toBe('refused');
    expect(w.send('child', caseworker, BI, 'PLACE_IN_CARE', { ...residential, emergency: true }, { justification: why }).kind).toBe('pending');
  });
});

describe('KP-CARE-02 periodic reviews', () => {
  it('a review on time is ok; a late one is applied with a TIMER verdict', () => {
    const w = family();
    approveBid(w);
    w.send('child', caseworker, BI, 'PLACE_IN_CARE', { type: 'kinship', reasons: 'grandmother' });
    const onTime = w.send('child', supervisor, BI, 'REVIEW', { reopen: false, reason: 'placement stable' });
    expect(verdictOf(onTime, 'KP-CARE-02')?.ok).toBe(true);
    w.at = '2026-12-01T10:00:00.000Z';
    const late = w.send('child', supervisor, BI, 'REVIEW', { reopen: false, reason: 'placement stable' });
    expect(late.kind).toBe('applied');
    expect(verdictOf(late, 'KP-CARE-02')).toMatchObject({ ok: false, severity: 'timer' });
    expect(bi(w).placement?.reviewDueAt).toBe('2027-03-01');
  });

  it('caps a BID review date beyond the interval (TIMER verdict, applied)', () => {
    const w = family();
    submitBid(w, 'child', { ...BID_FILE, reviewDate: '2027-06-01' });
    const d = w.send('child', panelist, BI, 'PANEL_DECIDE', DECIDE);
    expect(d.kind).toBe('applied');
    expect(verdictOf(d, 'KP-CARE-02')).toMatchObject({ ok: false, severity: 'timer' });
    expect(bi(w).bid.reviewDueAt).toBe('2026-08-30');
  });

  it('refuses closing the case while a review is overdue, allows it otherwise', () => {
    const w = family();
    approveBid(w);
    w.send('child', caseworker, BI, 'PLACE_IN_CARE', { type: 'kinship', reasons: 'grandmother' });
    expect(one(w.context('child', supervisor, 'case', 'CLOSE', { reason: 'done' }), 'KP-CARE-02').ok).toBe(true);
    w.at = '2026-12-01T10:00:00.000Z';
    expect(one(w.context('child', supervisor, 'case', 'CLOSE', { reason: 'done' }), 'KP-CARE-02')).toMatchObject({ ok: false, severity: 'block' });
  });
});

describe('best_interests rules on adults', () => {
  it('child rules pass for an adult subject', () => {
    const w = family();
    for (const rule of ['KP-CHILD-01', 'KP-CHILD-02', 'KP-CHILD-06', 'KP-CHILD-08']) {
      expect(one(repatriation(w, 'mother', supervisor, 'APPROVE_RETURN', ['mother', 'child', 'sibling']), rule)).toMatchObject({ ok: true });
    }
  });
});

describe('best_interests as a model (@xstate/graph)', () => {
  type Type = keyof typeof bestInterestsCommands;
  const EVENTS: Array<[Type, Record<string, unknown>]> = [
    ['START_BIA', {}],
    ['COMPLETE_BIA', { findings: 'f', bidRequired: true }],
    ['COMPLETE_BIA', { findings: 'f', bidRequired: false }],
    ['URGENT_ACTION', { action: 'medical evacuation' }],
    ['RECORD_CONSENT', { ...CONSENT, parentCaseId: 'mother' }],
    ['RECORD_CONSENT', { ...CONSENT, parentCaseId: 'mother', status: 'withdrawn' }],
    ['PREPARE_BID', BID_FILE],
    ['SUBMIT_TO_PANEL', {}],
    ['PANEL_DECIDE', DECIDE],
    ['PANEL_DECIDE', { ...DECIDE, decision: 'return' }],
    ['PLACE_IN_CARE', { type: 'kinship', reasons: 'grandmother' }],
    ['REVIEW', { reopen: false, reason: 'stable' }],
    ['REVIEW', { reopen: true, reason: 'material change' }],
    ['REOPEN', { reason: 'new information' }],
    ['ANNUL_BID', { reason: 'appeal upheld' }],
    ['RECORD_TRACING', { status: 'started', agency: 'ICRC', startedOn: '2026-05-01' }],
    ['APPOINT_GUARDIAN', { name: 'G', kind: 'guardian', appointedBy: 'judge', appointedOn: '2026-05-01' }],
    ['RECORD_HANDOVER', { receivedFrom: 'military', receivedAt: '2026-05-31T10:00:00.000Z', handedOverAt: AT }],
  ];
  const ctx = family().context('child', supervisor, BI, 'START_BIA');
  const events: WorkflowEvent[] = EVENTS.map(([type, data]) => ({ type, data: bestInterestsCommands[type].data.parse(data), ctx }));
  // The structure alone: every rule allows, so the graph shows every transition the machine has.
  const structure = (bestInterestsMachine as AnyStateMachine).provide({ guards: { rulesAllow: () => true } });
  const serializeState = (s: AnyMachineSnapshot) => JSON.stringify([s.value, (s.context as BestInterestsContext).bid.status]);
  const label = (e: WorkflowEvent) => `${e.type}${e.data?.['decision'] ? `:${String(e.data['decision'])}` : ''}`;

  it('reaches every state', () => {
    const reached = new Set(getShortestPaths(structure, { events, serializeState }).map((p) => leafOf(bestInterestsMachine, p.state.value)));
    expect([...reached].sort()).toEqual(['bia', 'bia_completed', 'bid_approved', 'bid_preparation', 'not_started', 'panel_review']);
  });

  it('no transition enters bid_approved except a panel approval, and nothing else sets the BID approved', () => {
    const adjacency = getAdjacencyMap(structure, { events, serializeState });
    for (const node of Object.values(adjacency)) {
      for (const { event, state: next } of Object.values(node.transitions) as Array<{ event: WorkflowEvent; state: AnyMachineSnapshot }>) {
        const from = node.state as AnyMachineSnapshot;
        const to = next as AnyMachineSnapshot;
        const enters = leafOf(bestInterestsMachine, to.value) === 'bid_approved' && leafOf(bestInterestsMachine, from.value) !== 'bid_approved';
        if (enters) expect(label(event as WorkflowEvent)).toBe('PANEL_DECIDE:approve');
        if ((to.context as BestInterestsContext).bid.status === 'approved') expect(leafOf(bestInterestsMachine, to.value)).toBe('bid_approved');
      }
    }
  });

  it('every path to bid_approved went through SUBMIT_TO_PANEL then a panel approval', () => {
    const paths = getShortestPaths(structure, { events, serializeState, toState: (s) => leafOf(bestInterestsMachine, s.value) === 'bid_approved' });
    expect(paths.length).toBeGreaterThan(0);
    for (const path of paths) {
      const labels = path.steps.map((s) => label(s.event as WorkflowEvent));
      expect(labels.indexOf('SUBMIT_TO_PANEL')).toBeGreaterThan(-1);
      expect(labels.at(-1)).toBe('PANEL_DECIDE:approve');
    }
  });

  // The same machine with its real rules: the events carry a rule context built from the snapshot.
  const world = family();
  const actorFor = { caseworker, supervisor, bid_panel: panelist } as const;
  const withRules = (s: AnyMachineSnapshot): WorkflowEvent[] => {
    const view: WorkflowView = { kind: BI, instance: '', version: 1, state: leafOf(bestInterestsMachine, s.value), outcome: null, context: s.context as Record<string, unknown> };
    const base = world.get('child');
    const subject = { ...base, workflows: [...base.workflows.filter((x) => x.kind !== BI), view] };
    return EVENTS.map(([type, data]) => {
      const actor = actorFor[bestInterestsCommands[type].roles[0] as keyof typeof actorFor];
      const ruleCtx: RuleContext = { ...world.context('child', actor, BI, type, data), subject, workflow: view };
      return { type, data: ruleCtx.command.data, ctx: ruleCtx };
    });
  };
  const serializeFacts = (s: AnyMachineSnapshot) => {
    const cx = s.context as BestInterestsContext;
    return JSON.stringify([s.value, cx.bid.status, !!cx.biaCompletedAt, !!cx.bid.recommendation, cx.urgentActions.length > 0, !!cx.placement]);
  };

  it('with the real rules, bid_approved is reached only through a BIA, a prepared BID, submission and a panel approval', () => {
    const paths = getShortestPaths(bestInterestsMachine as AnyStateMachine, { events: withRules, serializeState: serializeFacts, toState: (s) => leafOf(bestInterestsMachine, s.value) === 'bid_approved' });
    expect(paths.length).toBeGreaterThan(0);
    for (const path of paths) {
      const labels = path.steps.map((s) => label(s.event as WorkflowEvent));
      expect(labels.indexOf('COMPLETE_BIA')).toBeGreaterThan(-1);
      expect(labels.indexOf('PREPARE_BID')).toBeGreaterThan(labels.indexOf('COMPLETE_BIA'));
      expect(labels.lastIndexOf('SUBMIT_TO_PANEL')).toBeGreaterThan(labels.lastIndexOf('PREPARE_BID'));
      expect(labels.at(-1)).toBe('PANEL_DECIDE:approve');
    }
  });

  it('with the real rules, urgent action is never taken without a completed BIA', () => {
    const adjacency = getAdjacencyMap(bestInterestsMachine as AnyStateMachine, { events: withRules, serializeState: serializeFacts });
    let urgent = 0;
    for (const node of Object.values(adjacency)) {
      const before = (node.state as AnyMachineSnapshot).context as BestInterestsContext;
      for (const { event, state: next } of Object.values(node.transitions) as Array<{ event: WorkflowEvent; state: AnyMachineSnapshot }>) {
        const taken = ((next as AnyMachineSnapshot).context as BestInterestsContext).urgentActions.length > before.urgentActions.length;
        if ((event as WorkflowEvent).type !== 'URGENT_ACTION' || !taken) continue;
        urgent += 1;
        expect(before.biaCompletedAt).not.toBeNull();
      }
    }
    expect(urgent).toBeGreaterThan(0);
  });

  it('every model path replays through decide() to the same states', () => {
    const paths = getShortestPaths(bestInterestsMachine as AnyStateMachine, { events: withRules, serializeState: serializeFacts });
    expect(paths.length).toBeGreaterThan(10);
    for (const path of paths) {
      const w = family();
      for (const step of path.steps.slice(1)) {
        const e = step.event as WorkflowEvent;
        const d = w.send('child', e.ctx.actor, BI, e.type, { ...e.data });
        expect(d.kind, `${e.type} on ${path.steps.map((s) => s.event.type).join(' > ')}`).toBe('applied');
        expect(d.kind === 'applied' && d.next.state).toBe(leafOf(bestInterestsMachine, step.state.value));
      }
    }
  });
});

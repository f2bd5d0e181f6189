import { randomUUID } from 'node:crypto';
import type { Repositories } from '../../db/index.ts';
import { decide, type Decision } from '../../workflows/decide.ts';
import type { FollowUp, WorkflowDefinition } from '../../workflows/definition.ts';
import { definitionOf } from '../../workflows/index.ts';
import type { Actor } from '../../workflows/roles.ts';
import { evaluate, refuses } from '../../workflows/rules/registry.ts';
import type { RuleContext, Verdict, WorkflowView } from '../../workflows/rules/types.ts';
import { step } from '../../workflows/step.ts';
import { say as sayJoint } from '../../workflows/rules/joint.messages.ts';
import { appendAudit, type AuditEntry } from './audit.ts';
import { builtVerdict } from './builtVerdicts.ts';
import { AppError, invalid } from './errors.ts';
import type { Applied, Invalid, Outcome, Pending, Refused } from './outcomes.ts';
import { loadCase, type CaseState } from './views.ts';
import { toStoredSealed } from './snapshots.ts';
import { keyringOf } from './personalData.ts';
import { recordSchema } from '../../workflows/recordSchemas.ts';

/**
 * The decide and persist steps of a command (commands.ts runs load → authorize → validate →
 * decide → persist). Everything here runs inside the command's transaction (or savepoint).
 */

/** The workflow definition and instance a command addresses. */
export interface Target {
  def: WorkflowDefinition;
  view: WorkflowView;
  exists: boolean;
}

/** A command after load, authorize and validate: who sends what to which instance. */
export interface Addressed {
  c: CaseState;
  actor: Actor;
  workflow: string;
  type: string;
  /** The validated data. */
  data: Record<string, unknown>;
  /** The data as sent (what an invalid transition's audit keeps). */
  sent: Record<string, unknown>;
  justification: string | undefined;
  target: Target;
  /** Confirming a proposal: its author (four-eyes rules compare). */
  proposedBy?: Actor;
}

export type ContextOf = (c: CaseState, actor: Actor, cmd: RuleContext['command'], view: WorkflowView, at: string, extra?: Partial<RuleContext>) => RuleContext;

interface MemberDecision {
  c: CaseState;
  target: Target;
  decision: Decision;
}

/** What the decide step found: the persist step writes it. */
export type Plan =
  | { kind: 'invalid' }
  | { kind: 'refused'; verdicts: Verdict[]; recorded: Record<string, unknown> }
  | { kind: 'pending'; verdicts: Verdict[]; secondApprover: string; recorded: Record<string, unknown> }
  | { kind: 'applied'; decision: Extract<Decision, { kind: 'applied' }>; recorded: Record<string, unknown>; members: MemberDecision[]; followUps: FollowUp[] };

export interface Steps {
  repos: Repositories;
  context: ContextOf;
  resolveTarget(c: CaseState, kind: string, type: string, data: Record<string, unknown>, instance?: string): Target;
}

const blocking = (verdicts: readonly Verdict[]) => verdicts.filter(refuses);

/**
 * Decide: every rule of the command evaluated once (decide() in workflows/), for the addressed case
 * and for every family member of a joint move. One refusal stops all; a second approver demanded
 * for any member (or the addressed case) holds the whole move pending.
 */
export function decideCommand(s: Steps, a: Addressed, at: string): Plan {
  const cmd = { workflow: a.workflow, instance: a.target.view.instance, type: a.type, data: a.data, ...(a.justification ? { justification: a.justification } : {}) };
  const extra = a.proposedBy ? { proposedBy: a.proposedBy } : {};
  const ctx = s.context(a.c, a.actor, cmd, a.target.view, at, extra);
  const decision = decide(a.target.def, a.target.view, ctx);
  // Data the record cannot complete unambiguously (e.g. RESOLVE { outcome: 'verified' } naming no State): 400.
  if (decision.kind === 'invalid' && decision.issues) throw invalid([...decision.issues]);
  if (decision.kind === 'invalid') return { kind: 'invalid' };
  // The audit keeps the data as decided: with the defaults filled from the record (KP-SYS-01 attributable).
  const recorded = decision.data ?? a.data;

  const members = jointMembers(s, a.target.def, ctx, a.c).map((m) => {
    const target = s.resolveTarget(m, a.workflow, a.type, a.data, a.target.view.instance || undefined);
    const mctx = s.context(m, a.actor, { ...cmd, instance: target.view.instance }, target.view, at, { ...extra, origin: a.c.id });
    return { c: m, target, decision: decide(target.def, target.view, mctx) };
  });
  const memberFailures = members.flatMap(({ c: m, decision: d }) =>
    d.kind === 'applied' ? [] : d.kind === 'invalid'
      ? [memberCannotMove(a, m, d.state)]
      : blocking(d.verdicts).map((v) => ({ ...v, case: m.id })),
  );

  if (decision.kind === 'refused' || members.some(({ decision: d }) => d.kind === 'refused' || d.kind === 'invalid')) {
    return { kind: 'refused', verdicts: [...('verdicts' in decision ? decision.verdicts : []), ...memberFailures], recorded };
  }
  const memberSecond = members.map(({ decision: d }) => (d.kind === 'pending' ? d.secondApprover : undefined)).find((r) => r !== undefined);
  const secondApprover = decision.kind === 'pending' ? decision.secondApprover : memberSecond;
  if (secondApprover !== undefined) return { kind: 'pending', verdicts: [...decision.verdicts, ...memberFailures], secondApprover, recorded };
  if (decision.kind !== 'applied') throw new Error('unreachable: a pending decision names its second approver');
  return { kind: 'applied', decision, recorded, members, followUps: [...(a.target.def.followUps?.(ctx, decision.next) ?? [])] };
}

/** The engine's verdict on a family member whose own workflow cannot take the command (JOINT). */
function memberCannotMove(a: Addressed, m: CaseState, state: string): Verdict {
  const params = { type: a.type, case: m.reference };
  return builtVerdict({ rule: 'JOINT', ok: false, severity: 'block', principle: 'B.children.best-interests', case: m.id }, sayJoint('member_cannot_move', { ...params, state }), {
    facts: [`${a.workflow}.state`],
    toAllow: [sayJoint('allow_member_moved', params)],
  });
}

function jointMembers(s: Steps, def: WorkflowDefinition, ctx: RuleContext, c: CaseState): CaseState[] {
  const ids = [...new Set(def.joint?.(ctx) ?? [])].filter((id) => id !== c.id);
  return ids.map((id) => {
    const m = loadCase(s.repos, id);
    if (!m) throw invalid([{ path: 'data', message: `family member case ${id} does not exist` }]);
    return m;
  });
}

/** The audit record of the addressed command, with what differs per result. */
function auditOf(s: Steps, a: Addressed, at: string, entry: Pick<AuditEntry, 'data' | 'fromState' | 'toState' | 'result' | 'verdicts'>) {
  return appendAudit(s.repos, { at, caseId: a.c.id, workflow: a.workflow, instance: a.target.view.instance, actor: a.actor, type: a.type, justification: a.justification ?? null, ...entry });
}

/** Moves the case's version on by one (compare-and-set): a stale read rolls the command back. */
export function bump(s: Steps, c: CaseState, at: string): number {
  if (!s.repos.cases.bumpVersion(c.id, c.version, at)) {
    const current = s.repos.cases.get(c.id)?.version;
    throw new AppError('VERSION_CONFLICT', 'the case changed since it was read', { currentVersion: current });
  }
  return c.version + 1;
}

function saveInstance(s: Steps, caseId: string, def: WorkflowDefinition, view: WorkflowView, at: string): void {
  s.repos.cases.saveInstance({
    caseId, kind: def.kind, instance: view.instance, machineVersion: view.version, state: view.state, outcome: view.outcome,
    snapshot: toStoredSealed(s.repos, caseId, def.kind, view.version, view.instance, view.context), updatedAt: at,
  });
}

/** An invalid transition: only its audit record is written. */
export function persistInvalid(s: Steps, a: Addressed, at: string): Invalid {
  const state = a.target.view.state;
  const record = auditOf(s, a, at, { data: a.sent, fromState: state, toState: state, result: 'refused', verdicts: [] });
  return { kind: 'invalid', message: `${a.type} means nothing in ${a.workflow} state ${state}`, state, auditSeq: record.seq };
}

/** An applied record that moves no state (a rejected proposal); returns its seq. */
export function auditUnmoved(s: Steps, a: Addressed, at: string, data: Record<string, unknown>): number {
  const state = a.target.view.state;
  return auditOf(s, a, at, { data, fromState: state, toState: state, result: 'applied', verdicts: [] }).seq;
}

/** A refusal: only its audit record is written. */
export function persistRefusal(s: Steps, a: Addressed, at: string, verdicts: Verdict[], data: Record<string, unknown>, message?: string): Refused {
  const state = a.target.view.state;
  const record = auditOf(s, a, at, { data, fromState: state, toState: state, result: 'refused', verdicts });
  const failed = blocking(verdicts);
  return { kind: 'refused', message: message ?? `${a.workflow}.${a.type} refused by ${failed.map((v) => v.rule).join(', ')}`, state, verdicts: failed, checked: verdicts, auditSeq: record.seq };
}

/** Persist: writes what the decide step found, with its audit records and follow-ups. */
export function persistPlan(s: Steps, a: Addressed, plan: Plan, at: string): Outcome {
  const { c, target } = a;
  const instance = target.view.instance;
  if (plan.kind === 'invalid') return persistInvalid(s, a, at);
  if (plan.kind === 'refused') return persistRefusal(s, a, at, plan.verdicts, plan.recorded);
  if (plan.kind === 'pending') {
    const id = randomUUID();
    const keyring = keyringOf(s.repos);
    s.repos.pending.insert({
      id, caseId: c.id, workflow: a.workflow, instance,
      // Sealed like the record it becomes: the data by its schema, the justification as free text.
      command: { type: a.type, data: keyring.seal(c.id, recordSchema(a.workflow, a.type), plan.recorded), justification: a.justification === undefined ? null : keyring.sealText(c.id, a.justification), instance },
      proposedBy: a.actor, requiredRole: plan.secondApprover, status: 'pending', createdAt: at, resolvedAt: null, resolvedBy: null,
    });
    const version = bump(s, c, at);
    const record = auditOf(s, a, at, { data: { ...plan.recorded, pendingId: id }, fromState: target.view.state, toState: target.view.state, result: 'pending', verdicts: plan.verdicts });
    return { kind: 'pending', pending: { id, requiredRole: plan.secondApprover }, caseId: c.id, workflow: a.workflow, instance, state: target.view.state, version, auditSeq: record.seq, verdicts: plan.verdicts } satisfies Pending;
  }

  const { decision } = plan;
  const bumped = new Set<string>([c.id]);
  saveInstance(s, c.id, target.def, decision.next, at);
  const version = bump(s, c, at);
  const proposer = a.proposedBy ? { proposedBy: a.proposedBy.id } : {};
  const record = auditOf(s, a, at, { data: { ...plan.recorded, ...proposer }, fromState: decision.state, toState: decision.next.state, result: 'applied', verdicts: decision.verdicts });
  for (const { c: m, target: mt, decision: md } of plan.members) {
    if (md.kind !== 'applied') continue;
    saveInstance(s, m.id, mt.def, md.next, at);
    if (!bumped.has(m.id)) {
      bumped.add(m.id);
      bump(s, m, at);
    }
    // A second-approved joint move names its proposer on every member's record too (KP-SYS-01:
    // attributable), as on the addressed case's: replay re-derives the plan's author from it.
    appendAudit(s.repos, {
      at, caseId: m.id, workflow: a.workflow, instance: mt.view.instance, actor: a.actor, type: a.type, data: { ...(md.data ?? a.data), jointWith: c.id, ...proposer },
      justification: a.justification ?? null, fromState: md.state, toState: md.next.state, result: 'applied', verdicts: md.verdicts,
    });
  }
  for (const f of plan.followUps) applyFollowUp(s, f, a.actor, at, record.seq, bumped);
  const after = s.repos.cases.get(c.id)?.version ?? version;
  return {
    kind: 'applied', caseId: c.id, workflow: a.workflow, instance, state: decision.next.state,
    ...(decision.next.outcome ? { outcome: decision.next.outcome } : {}), version: after, auditSeq: record.seq, verdicts: decision.verdicts,
    ...(plan.members.length ? { members: plan.members.map((m) => m.c.id) } : {}),
  } satisfies Applied;
}

/**
 * An engine-issued event (reversal or joint step) caused by an applied command, in its
 * transaction. Its rules (if it is a command) are evaluated once and the machine stepped on them;
 * an event the instance does not take is skipped.
 */
function applyFollowUp(s: Steps, f: FollowUp, actor: Actor, at: string, cause: number, bumped: Set<string>): void {
  const c = loadCase(s.repos, f.caseId);
  if (!c) return;
  const targets = c.workflows.filter((w) => w.kind === f.workflow && (f.instance === undefined || w.instance === f.instance));
  for (const view of targets) {
    const def = definitionOf(view.kind, view.version);
    if (!def) continue;
    const data = f.data ?? {};
    const ctx = s.context(c, actor, { workflow: f.workflow, instance: view.instance, type: f.type, data, justification: f.reason }, view, at);
    const spec = def.commands[f.type];
    const next = step(def, view, f.type, data, ctx, spec ? evaluate(spec.rules, ctx) : []);
    if (!next) continue;
    saveInstance(s, c.id, def, next, at);
    if (!bumped.has(c.id)) {
      bumped.add(c.id);
      s.repos.cases.bumpVersion(c.id, c.version, at);
    }
    appendAudit(s.repos, {
      at, caseId: c.id, workflow: f.workflow, instance: view.instance, actor, type: f.type, data: { ...data, causedBy: cause },
      justification: f.reason, fromState: view.state, toState: next.state, result: 'applied', verdicts: [],
    });
  }
}

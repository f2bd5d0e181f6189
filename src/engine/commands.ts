import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Repositories } from '../../db/index.ts';
import { decide, initialView, type Decision } from '../../workflows/decide.ts';
import type { FollowUp, WorkflowDefinition, WorkflowEvent } from '../../workflows/definition.ts';
import { definitionOf, latest } from '../../workflows/index.ts';
import type { Actor, Role } from '../../workflows/roles.ts';
import { refuses } from '../../workflows/rules/registry.ts';
import type { FamilyMember, RuleContext, Verdict, WorkflowView } from '../../workflows/rules/types.ts';
import { restore } from '../../workflows/decide.ts';
import { transition } from 'xstate';
import { canonical } from '../audit/chain.ts';
import { appendAudit } from './audit.ts';
import { toStored } from './snapshots.ts';
import { parseCommandData, pickPending } from './commandData.ts';
import { AppError, invalid, notFound, zodIssues } from './errors.ts';
import { loadCase, loadFamily, loadJurisdictions, loadSettings, type CaseState } from './views.ts';

/** The command envelope (API.md, WORKFLOWS.md "Envelope"). */
export const CommandInput = z.strictObject({
  workflow: z.string().min(1).max(64),
  type: z.string().min(1).max(64).regex(/^[A-Z_]+$/, 'must be an UPPER_SNAKE command name'),
  data: z.record(z.string(), z.unknown()).optional(),
  justification: z.string().max(10_000).optional(),
  instance: z.string().max(64).optional(),
});
export type CommandInput = z.infer<typeof CommandInput>;

export interface CommandRequest extends CommandInput {
  caseId: string;
  actor: Actor;
  ifMatch: number;
  idempotencyKey?: string;
}

export interface Answer {
  status: number;
  body: Record<string, unknown>;
}

const PENDING_COMMANDS = new Set(['CONFIRM_PENDING', 'REJECT_PENDING']);
/** `pendingId` may be left out when only one proposal waits on the workflow (WORKFLOWS.md "Second approval"). */
const ConfirmPending = z.strictObject({ pendingId: z.string().min(1).max(64).optional() });
const RejectPending = z.strictObject({ pendingId: z.string().min(1).max(64).optional(), reason: z.string().min(1).max(5000) });

interface Target {
  def: WorkflowDefinition;
  view: WorkflowView;
  exists: boolean;
}

/** The definition and instance a command addresses; per-destination instances are created by their first command. */
export function resolveTarget(c: CaseState, kind: string, type: string, data: Record<string, unknown>, instance?: string): Target {
  const newest = latest(kind);
  if (!newest) throw notFound(`workflow ${kind}`);
  const key = instance ?? newest.instanceFor?.(type, data) ?? defaultInstance(c, kind);
  const existing = c.workflows.find((w) => w.kind === kind && w.instance === key);
  if (existing) {
    const def = definitionOf(kind, existing.version);
    if (!def) throw new AppError('INVALID_TRANSITION', `${kind} v${existing.version} is no longer registered`);
    return { def, view: existing, exists: true };
  }
  if (newest.instances === 'single' && key !== '') throw invalid([{ path: 'instance', message: `${kind} has a single instance` }]);
  return { def: newest, view: initialView(newest, key), exists: false };
}

function defaultInstance(c: CaseState, kind: string): string {
  const open = c.workflows.filter((w) => w.kind === kind);
  if (open.length <= 1) return open[0]?.instance ?? '';
  throw invalid([{ path: 'instance', message: `several ${kind} instances are open (${open.map((w) => w.instance).join(', ')}): name one` }]);
}

export interface Clock {
  now(): string;
}

/**
 * Applies commands: load, authorize, validate, explain, decide, and persist the new snapshots,
 * versions and audit records in ONE transaction. Refusals write only their audit record.
 */
export function createCommandService(repos: Repositories, clock: Clock) {
  function context(c: CaseState, actor: Actor, cmd: { workflow: string; instance: string; type: string; data: Record<string, unknown>; justification?: string | undefined }, view: WorkflowView, at: string, extra: Partial<RuleContext> = {}): RuleContext {
    // Few rules read the family: its cases are loaded on first read, once per context. Every
    // read happens while the command's transaction is open and before any family member is
    // written, so it sees what an eager load would have seen.
    let family: readonly FamilyMember[] | undefined;
    return {
      at,
      actor,
      command: { workflow: cmd.workflow, instance: cmd.instance, type: cmd.type, data: cmd.data, ...(cmd.justification ? { justification: cmd.justification } : {}) },
      subject: c,
      workflow: view,
      get family(): readonly FamilyMember[] {
        return (family ??= loadFamily(repos, c));
      },
      jurisdictions: loadJurisdictions(repos),
      settings: loadSettings(repos),
      ...extra,
    };
  }

  function persist(caseId: string, def: WorkflowDefinition, view: WorkflowView, at: string): void {
    repos.cases.saveInstance({
      caseId,
      kind: def.kind,
      instance: view.instance,
      machineVersion: view.version,
      state: view.state,
      outcome: view.outcome,
      snapshot: toStored(def.kind, view.version, view.instance, view.context),
      updatedAt: at,
    });
  }

  function bump(c: CaseState, at: string): number {
    if (!repos.cases.bumpVersion(c.id, c.version, at)) {
      const current = repos.cases.get(c.id)?.version;
      throw new AppError('VERSION_CONFLICT', 'the case changed since it was read', { currentVersion: current });
    }
    return c.version + 1;
  }

  /** Applies an engine-issued event (reversal or joint step) without rules: its cause was already decided. */
  function applyFollowUp(f: FollowUp, actor: Actor, at: string, cause: number, bumped: Set<string>): void {
    const c = loadCase(repos, f.caseId);
    if (!c) return;
    const targets = c.workflows.filter((w) => w.kind === f.workflow && (f.instance === undefined || w.instance === f.instance));
    for (const view of targets) {
      const def = definitionOf(view.kind, view.version);
      if (!def) continue;
      const snapshot = restore(def.machine, view);
      const ctx = context(c, actor, { workflow: f.workflow, instance: view.instance, type: f.type, data: f.data ?? {}, justification: f.reason }, view, at);
      const event: WorkflowEvent = { type: f.type, data: f.data ?? {}, ctx };
      const [next] = transition(def.machine, snapshot, event);
      if (next === snapshot || (next.value === snapshot.value && next.context === snapshot.context)) continue;
      const state = String(next.value);
      const context_ = next.context as Record<string, unknown>;
      persist(c.id, def, { ...view, state, context: context_, outcome: def.outcome(state, context_) }, at);
      if (!bumped.has(c.id)) {
        bumped.add(c.id);
        repos.cases.bumpVersion(c.id, c.version, at);
      }
      appendAudit(repos, {
        at,
        caseId: c.id,
        workflow: f.workflow,
        instance: view.instance,
        actor,
        type: f.type,
        data: { ...(f.data ?? {}), causedBy: cause },
        justification: f.reason,
        fromState: view.state,
        toState: state,
        result: 'applied',
        verdicts: [],
      });
    }
  }

  function requestHash(req: CommandRequest): string {
    const { caseId, workflow, type, data, justification, instance } = req;
    return createHash('sha256').update(canonical({ caseId, workflow, type, data: data ?? {}, justification: justification ?? null, instance: instance ?? null })).digest('hex');
  }

  function refusedAnswer(code: 'RULES_REFUSED' | 'INVALID_TRANSITION', message: string, state: string, verdicts: readonly Verdict[], auditSeq: number): Answer {
    return {
      status: 422,
      body: { error: { code, message, details: { state, verdicts: verdicts.filter(refuses), checked: verdicts, auditSeq } } },
    };
  }

  function execute(req: CommandRequest, at: string): Answer {
    const c = loadCase(repos, req.caseId);
    if (!c) throw notFound(`case ${req.caseId}`);
    if (!latest(req.workflow)) throw notFound(`workflow ${req.workflow}`);
    if (PENDING_COMMANDS.has(req.type)) return resolvePending(c, req, at);
    const newest = latest(req.workflow)!;
    if (!newest.commands[req.type]) throw invalid([{ path: 'type', message: `${req.type} is not a command of ${req.workflow} (${Object.keys(newest.commands).join(', ')})` }]);
    const spec0 = newest.commands[req.type]!;
    if (!spec0.roles.some((r) => req.actor.roles.includes(r))) {
      throw new AppError('FORBIDDEN', `${req.workflow}.${req.type} needs one of the roles ${spec0.roles.join(', ')}`);
    }
    const parsed = parseCommandData(spec0.data, spec0.rules, req.data, req.justification);
    if (!parsed.ok) throw invalid(parsed.issues);
    if (c.version !== req.ifMatch) throw new AppError('VERSION_CONFLICT', `If-Match ${req.ifMatch} is not the current version`, { currentVersion: c.version });
    const target = resolveTarget(c, req.workflow, req.type, parsed.data, req.instance);
    // An instance in flight keeps its version: re-validate against that version's schema.
    const spec = target.def.commands[req.type];
    if (!spec) return invalidAnswer(c, req, target, at);
    const reparsed = target.def === newest ? parsed : parseCommandData(spec.data, spec.rules, req.data, req.justification);
    if (!reparsed.ok) throw invalid(reparsed.issues);
    const data = reparsed.data;
    return decideAndApply(c, req, target, data, at, undefined);
  }

  function invalidAnswer(c: CaseState, req: CommandRequest, target: Target, at: string): Answer {
    const record = appendAudit(repos, {
      at, caseId: c.id, workflow: req.workflow, instance: target.view.instance, actor: req.actor, type: req.type, data: req.data ?? {},
      justification: req.justification ?? null, fromState: target.view.state, toState: target.view.state, result: 'refused', verdicts: [],
    });
    return refusedAnswer('INVALID_TRANSITION', `${req.type} means nothing in ${req.workflow} state ${target.view.state}`, target.view.state, [], record.seq);
  }

  function decideAndApply(c: CaseState, req: CommandRequest, target: Target, data: Record<string, unknown>, at: string, proposedBy: Actor | undefined): Answer {
    const cmd = { workflow: req.workflow, instance: target.view.instance, type: req.type, data, justification: req.justification };
    const ctx = context(c, req.actor, cmd, target.view, at, proposedBy ? { proposedBy } : {});
    const decision = decide(target.def, target.view, ctx);
    // Data the record cannot complete unambiguously (e.g. RESOLVE { outcome: 'verified' } naming no State): 400.
    if (decision.kind === 'invalid' && decision.issues) throw invalid([...decision.issues]);
    if (decision.kind === 'invalid') return invalidAnswer(c, req, target, at);
    // The audit keeps the data as decided: with the defaults filled from the record (KP-SYS-01 attributable).
    const recorded = decision.data ?? data;

    // Joint family moves: every member is decided with the same command; one refusal stops all, and
    // a second approver demanded for any member (or the addressed case) holds the whole move pending.
    const members = jointMembers(target.def, ctx, c);
    const memberDecisions: Array<{ c: CaseState; target: Target; decision: Decision }> = [];
    for (const m of members) {
      const mt = resolveTarget(m, req.workflow, req.type, data, target.view.instance || undefined);
      const mctx = context(m, req.actor, { ...cmd, instance: mt.view.instance }, mt.view, at, { ...(proposedBy ? { proposedBy } : {}), origin: c.id });
      memberDecisions.push({ c: m, target: mt, decision: decide(mt.def, mt.view, mctx) });
    }
    const memberFailures = memberDecisions.flatMap(({ c: m, decision: d }) =>
      d.kind === 'applied' ? [] : d.kind === 'invalid'
        ? [{ rule: 'JOINT', ok: false, severity: 'block', reason: `${req.type} means nothing for member ${m.reference} in state ${d.state}`, principle: 'B.children.best-interests', case: m.id } as Verdict]
        : d.verdicts.filter(refuses).map((v) => ({ ...v, case: m.id })),
    );

    const memberRefused = memberDecisions.some(({ decision: d }) => d.kind === 'refused' || d.kind === 'invalid');
    if (decision.kind === 'refused' || memberRefused) {
      const verdicts = [...('verdicts' in decision ? decision.verdicts : []), ...memberFailures];
      const record = appendAudit(repos, {
        at, caseId: c.id, workflow: req.workflow, instance: target.view.instance, actor: req.actor, type: req.type, data: recorded,
        justification: req.justification ?? null, fromState: target.view.state, toState: target.view.state, result: 'refused', verdicts,
      });
      return refusedAnswer('RULES_REFUSED', `${req.workflow}.${req.type} refused by ${verdicts.filter(refuses).map((v) => v.rule).join(', ')}`, target.view.state, verdicts, record.seq);
    }

    const memberSecond = memberDecisions.map(({ decision: d }) => (d.kind === 'pending' ? d.secondApprover : undefined)).find((r) => r !== undefined);
    const secondApprover = decision.kind === 'pending' ? decision.secondApprover : memberSecond;
    if (secondApprover !== undefined) {
      const verdicts = [...decision.verdicts, ...memberFailures];
      const id = randomUUID();
      repos.pending.insert({
        id, caseId: c.id, workflow: req.workflow, instance: target.view.instance,
        command: { type: req.type, data: recorded, justification: req.justification ?? null, instance: target.view.instance },
        proposedBy: req.actor, requiredRole: secondApprover, status: 'pending', createdAt: at, resolvedAt: null, resolvedBy: null,
      });
      const version = bump(c, at);
      const record = appendAudit(repos, {
        at, caseId: c.id, workflow: req.workflow, instance: target.view.instance, actor: req.actor, type: req.type, data: { ...recorded, pendingId: id },
        justification: req.justification ?? null, fromState: target.view.state, toState: target.view.state, result: 'pending', verdicts,
      });
      return {
        status: 202,
        body: { applied: false, pending: { id, requiredRole: secondApprover }, caseId: c.id, workflow: req.workflow, instance: target.view.instance, state: target.view.state, version, auditSeq: record.seq, verdicts },
      };
    }

    if (decision.kind !== 'applied') throw new Error('unreachable');
    const bumped = new Set<string>([c.id]);
    persist(c.id, target.def, decision.next, at);
    const version = bump(c, at);
    const record = appendAudit(repos, {
      at, caseId: c.id, workflow: req.workflow, instance: target.view.instance, actor: req.actor, type: req.type,
      data: proposedBy ? { ...recorded, proposedBy: proposedBy.id } : recorded,
      justification: req.justification ?? null, fromState: decision.state, toState: decision.next.state, result: 'applied', verdicts: decision.verdicts,
    });
    const followUps = [...(target.def.followUps?.(ctx, decision.next) ?? [])];
    for (const { c: m, target: mt, decision: md } of memberDecisions) {
      if (md.kind !== 'applied') continue;
      persist(m.id, mt.def, md.next, at);
      if (!bumped.has(m.id)) {
        bumped.add(m.id);
        bump(m, at);
      }
      // A second-approved joint move names its proposer on every member's record too (KP-SYS-01:
      // attributable), as on the addressed case's: replay re-derives the plan's author from it.
      appendAudit(repos, {
        at, caseId: m.id, workflow: req.workflow, instance: mt.view.instance, actor: req.actor, type: req.type, data: { ...(md.data ?? data), jointWith: c.id, ...(proposedBy ? { proposedBy: proposedBy.id } : {}) },
        justification: req.justification ?? null, fromState: md.state, toState: md.next.state, result: 'applied', verdicts: md.verdicts,
      });
    }
    for (const f of followUps) applyFollowUp(f, req.actor, at, record.seq, bumped);
    const after = repos.cases.get(c.id)?.version ?? version;
    return {
      status: 200,
      body: {
        applied: true, caseId: c.id, workflow: req.workflow, instance: target.view.instance, state: decision.next.state,
        ...(decision.next.outcome ? { outcome: decision.next.outcome } : {}), version: after, auditSeq: record.seq, verdicts: decision.verdicts,
        ...(members.length ? { members: members.map((m) => m.id) } : {}),
      },
    };
  }

  function jointMembers(def: WorkflowDefinition, ctx: RuleContext, c: CaseState): CaseState[] {
    const ids = [...new Set(def.joint?.(ctx) ?? [])].filter((id) => id !== c.id);
    return ids.map((id) => {
      const m = loadCase(repos, id);
      if (!m) throw invalid([{ path: 'data', message: `family member case ${id} does not exist` }]);
      return m;
    });
  }

  function resolvePending(c: CaseState, req: CommandRequest, at: string): Answer {
    const confirming = req.type === 'CONFIRM_PENDING';
    const parsed = parseCommandData(confirming ? ConfirmPending : RejectPending, [], req.data, req.justification);
    if (!parsed.ok) throw invalid(parsed.issues);
    const pendingId = typeof parsed.data['pendingId'] === 'string' ? parsed.data['pendingId'] : undefined;
    const pending = pendingId === undefined ? pickPending(repos.pending.open(c.id), req.workflow, req.instance) : repos.pending.get(pendingId);
    if (!pending) {
      if (pendingId !== undefined) throw notFound(`pending command ${pendingId}`);
      // Nothing waits for a second approver: the command means nothing now (audited like any invalid transition).
      if (c.version !== req.ifMatch) throw new AppError('VERSION_CONFLICT', `If-Match ${req.ifMatch} is not the current version`, { currentVersion: c.version });
      return invalidAnswer(c, req, resolveTarget(c, req.workflow, req.type, {}, req.instance), at);
    }
    if (pending.caseId !== c.id || pending.workflow !== req.workflow) throw notFound(`pending command ${pendingId}`);
    if (!req.actor.roles.includes(pending.requiredRole as Role)) throw new AppError('FORBIDDEN', `only a ${pending.requiredRole} may resolve this proposal`);
    if (c.version !== req.ifMatch) throw new AppError('VERSION_CONFLICT', `If-Match ${req.ifMatch} is not the current version`, { currentVersion: c.version });
    const proposer = pending.proposedBy as Actor;
    const original = pending.command as { type: string; data: Record<string, unknown>; justification: string | null; instance: string };
    const target = resolveTarget(c, pending.workflow, original.type, original.data, original.instance);
    if (pending.status !== 'pending') return invalidAnswer(c, req, target, at);
    if (proposer.id === req.actor.id) {
      const verdict: Verdict = { rule: 'KP-SYS-03', ok: false, severity: 'block', reason: 'the proposer cannot confirm their own proposal: a different user must', principle: 'B.general.due-process' };
      const record = appendAudit(repos, {
        at, caseId: c.id, workflow: req.workflow, instance: target.view.instance, actor: req.actor, type: req.type, data: { ...parsed.data, pendingId: pending.id },
        justification: req.justification ?? null, fromState: target.view.state, toState: target.view.state, result: 'refused', verdicts: [verdict],
      });
      return refusedAnswer('RULES_REFUSED', 'refused by KP-SYS-03', target.view.state, [verdict], record.seq);
    }
    if (!confirming) {
      repos.pending.resolve(pending.id, 'rejected', req.actor.id, at);
      const version = bump(c, at);
      const record = appendAudit(repos, {
        at, caseId: c.id, workflow: req.workflow, instance: target.view.instance, actor: req.actor, type: req.type, data: { ...parsed.data, pendingId: pending.id },
        justification: req.justification ?? null, fromState: target.view.state, toState: target.view.state, result: 'applied', verdicts: [],
      });
      return { status: 200, body: { applied: true, caseId: c.id, workflow: req.workflow, instance: target.view.instance, state: target.view.state, version, auditSeq: record.seq, verdicts: [] } };
    }
    const answer = decideAndApply(
      c,
      { ...req, type: original.type, data: original.data, ...(original.justification ? { justification: original.justification } : {}), instance: original.instance },
      target,
      original.data,
      at,
      proposer,
    );
    if (answer.status === 200) repos.pending.resolve(pending.id, 'confirmed', req.actor.id, at);
    return answer;
  }

  return {
    /** Applies one command; idempotent replays answer from the stored first answer. */
    apply(req: CommandRequest): Answer {
      const at = clock.now();
      return repos.transaction(() => {
        if (req.idempotencyKey) {
          const seen = repos.idempotency.get(req.actor.id, req.idempotencyKey);
          const hash = requestHash(req);
          if (seen) {
            if (seen.requestHash !== hash) throw new AppError('IDEMPOTENCY_MISMATCH', 'this Idempotency-Key was used for a different request');
            return { status: seen.status, body: seen.response as Record<string, unknown> };
          }
          const answer = execute(req, at);
          repos.idempotency.put({ actorId: req.actor.id, key: req.idempotencyKey, requestHash: hash, status: answer.status, response: answer.body, createdAt: at });
          return answer;
        }
        return execute(req, at);
      });
    },
    context,
  };
}
export type CommandService = ReturnType<typeof createCommandService>;

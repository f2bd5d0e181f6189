import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { PendingRow, Repositories } from '../../db/index.ts';
import { initialView } from '../../workflows/decide.ts';
import type { CommandSpec } from '../../workflows/definition.ts';
import { definitionOf, latest } from '../../workflows/index.ts';
import type { Actor, Role } from '../../workflows/roles.ts';
import type { RuleContext, Verdict, WorkflowView } from '../../workflows/rules/types.ts';
import { canonical } from '../audit/chain.ts';
import { say as saySystem } from '../../workflows/rules/system.messages.ts';
import { say as sayShared } from '../../workflows/rules/messages.ts';
import { builtVerdict } from './builtVerdicts.ts';
import { parseCommandData } from './commandReasons.ts';
import { pickPending } from './pendingProposals.ts';
import { auditUnmoved, bump, decideCommand, persistInvalid, persistPlan, persistRefusal, type Addressed, type Steps, type Target } from './commandSteps.ts';
import { AppError, invalid, notFound, zodIssues } from './errors.ts';
import { outcomeOfError, storedOutcome, type Outcome } from './outcomes.ts';
import { withAgreement } from './shareData.ts';
import { loadCase, loadFamily, loadJurisdictions, loadSettings, openPending, type CaseState } from './views.ts';
import { ruleContext } from './ruleContext.ts';
import { keyringOf, type Keyring } from './personalData.ts';
import { eraseCase } from './erasure.ts';
import { openScope, type ScopeService } from './scope.ts';
import { applyAccessCommand, checkAccessCommand } from './assignment.ts';

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

export interface Clock {
  now(): string;
}

/** One command of a batch: its outcome, or the error that rolled its savepoint back. */
export type BatchResult = { ok: true; outcome: Outcome } | { ok: false; error: unknown };

const PENDING_COMMANDS = new Set(['CONFIRM_PENDING', 'REJECT_PENDING']);
/** `pendingId` may be left out when only one proposal waits on the workflow (WORKFLOWS.md "Second approval"). */
const ConfirmPending = z.strictObject({ pendingId: z.string().min(1).max(64).optional() });
const RejectPending = z.strictObject({ pendingId: z.string().min(1).max(64).optional(), reason: z.string().min(1).max(5000) });

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

function checkVersion(c: CaseState, req: CommandRequest): void {
  if (c.version !== req.ifMatch) throw new AppError('VERSION_CONFLICT', `If-Match ${req.ifMatch} is not the current version`, { currentVersion: c.version });
}

/** The words of an outcome (its message, the verdicts' reasons and params): what may quote a person. */
const OUTCOME_WORDS: ReadonlySet<string> = new Set(['message', 'verdicts', 'checked']);

function sealOutcome(keyring: Keyring, caseId: string, outcome: Outcome): unknown {
  return Object.fromEntries(Object.entries(outcome).map(([k, v]) => [k, OUTCOME_WORDS.has(k) ? keyring.seal(caseId, undefined, v) : v]));
}

function requestHash(req: CommandRequest): string {
  const { caseId, workflow, type, data, justification, instance } = req;
  return createHash('sha256').update(canonical({ caseId, workflow, type, data: data ?? {}, justification: justification ?? null, instance: instance ?? null })).digest('hex');
}

/**
 * Applies commands. Each one runs five steps, in this order (a 403 is answered before a 400, a 400
 * before a 409): **load** the case and the command's definition, **authorize** the actor's roles,
 * **validate** the data, the If-Match version and the addressed instance, **decide** (every rule
 * once, family members of a joint move too: commandSteps.ts) and **persist** the new snapshots,
 * versions and audit records. A command's writes are all or nothing: its own transaction (apply)
 * or its own SAVEPOINT inside a batch's transaction (applyBatch). Refusals write only their audit
 * record. The steps throw AppErrors to roll back; apply() turns them into outcome values.
 */
export function createCommandService(repos: Repositories, clock: Clock, scope: ScopeService = openScope(repos, clock)) {
  function context(c: CaseState, actor: Actor, cmd: RuleContext['command'], view: WorkflowView, at: string, extra: Partial<RuleContext> = {}): RuleContext {
    return ruleContext({
      at, actor, command: cmd, subject: c, workflow: view,
      family: () => loadFamily(repos, c),
      teams: () => repos.scope.teams().map((t) => ({ id: t.id, organisation: t.organisation })),
      jurisdictions: loadJurisdictions(repos),
      settings: loadSettings(repos),
      extra,
    });
  }

  const steps: Steps = { repos, context, resolveTarget };

  /** Load: the case and the command's definition (newest version). */
  function load(req: CommandRequest): { c: CaseState; spec: CommandSpec } {
    // Out of the sender's scope answers as an unknown case (src/engine/scope.ts).
    scope.require(req.actor, req.caseId);
    const c = loadCase(repos, req.caseId);
    if (!c) throw notFound(`case ${req.caseId}`);
    const newest = latest(req.workflow);
    if (!newest) throw notFound(`workflow ${req.workflow}`);
    const spec = newest.commands[req.type];
    if (!spec) throw invalid([{ path: 'type', message: `${req.type} is not a command of ${req.workflow} (${Object.keys(newest.commands).join(', ')})` }]);
    return { c, spec };
  }

  /** Authorize: one of the command's roles. */
  function authorize(req: CommandRequest, spec: CommandSpec): void {
    if (!spec.roles.some((r) => req.actor.roles.includes(r))) throw new AppError('FORBIDDEN', `${req.workflow}.${req.type} needs one of the roles ${spec.roles.join(', ')}`);
  }

  /** Validate: the data, the version the sender decided on, and the instance (which keeps its version's schema). */
  function validate(req: CommandRequest, c: CaseState, spec: CommandSpec): Addressed | { invalid: Addressed } {
    const parsed = parseCommandData(spec.data, spec.rules, req.data, req.justification);
    if (!parsed.ok) throw invalid(parsed.issues);
    checkVersion(c, req);
    const target = resolveTarget(c, req.workflow, req.type, parsed.data, req.instance);
    const base = { c, actor: req.actor, workflow: req.workflow, type: req.type, sent: req.data ?? {}, justification: req.justification, target };
    const own = target.def.commands[req.type];
    if (!own) return { invalid: { ...base, data: parsed.data } };
    const reparsed = own === spec ? parsed : parseCommandData(own.data, own.rules, req.data, req.justification);
    if (!reparsed.ok) throw invalid(reparsed.issues);
    // SHARE_RECORD is judged on the stored agreement it names (KP-DATA-01), never on one the client sent.
    const data = req.workflow === 'case' && req.type === 'SHARE_RECORD' ? withAgreement(repos, reparsed.data) : reparsed.data;
    // ASSIGN and TRANSFER name users and teams: they must exist (400 naming the field).
    if (req.workflow === 'case') checkAccessCommand(repos, c, req.type, data);
    return { ...base, data };
  }

  function execute(req: CommandRequest, at: string): Outcome {
    if (PENDING_COMMANDS.has(req.type)) {
      scope.require(req.actor, req.caseId);
      const c = loadCase(repos, req.caseId);
      if (!c) throw notFound(`case ${req.caseId}`);
      if (!latest(req.workflow)) throw notFound(`workflow ${req.workflow}`);
      return resolvePending(c, req, at);
    }
    const { c, spec } = load(req);
    authorize(req, spec);
    const addressed = validate(req, c, spec);
    if ('invalid' in addressed) return persistInvalid(steps, addressed.invalid, at);
    const outcome = persistPlan(steps, addressed, decideCommand(steps, addressed, at), at);
    if (outcome.kind === 'applied' && req.workflow === 'case') afterCaseCommand(c.id, req.type, addressed.data, req.actor, at);
    return outcome;
  }

  /** CONFIRM_PENDING / REJECT_PENDING: the same steps for a proposal waiting on a second approver. */
  function resolvePending(c: CaseState, req: CommandRequest, at: string): Outcome {
    const confirming = req.type === 'CONFIRM_PENDING';
    // Load: the proposal.
    const parsed = parseCommandData(confirming ? ConfirmPending : RejectPending, [], req.data, req.justification);
    if (!parsed.ok) throw invalid(parsed.issues);
    const pendingId = typeof parsed.data['pendingId'] === 'string' ? parsed.data['pendingId'] : undefined;
    const found: PendingRow | undefined = pendingId === undefined ? pickPending(repos.pending.open(c.id), req.workflow, req.instance) : repos.pending.get(pendingId);
    // The proposal's command is stored sealed: decided again on its words, opened.
    const pending = found && openPending(repos, [found])[0];
    const sent = { c, actor: req.actor, workflow: req.workflow, type: req.type, sent: req.data ?? {}, justification: req.justification };
    if (!pending) {
      if (pendingId !== undefined) throw notFound(`pending command ${pendingId}`);
      // Nothing waits for a second approver: the command means nothing now (audited like any invalid transition).
      checkVersion(c, req);
      return persistInvalid(steps, { ...sent, data: {}, target: resolveTarget(c, req.workflow, req.type, {}, req.instance) }, at);
    }
    if (pending.caseId !== c.id || pending.workflow !== req.workflow) throw notFound(`pending command ${pendingId}`);
    // Authorize: the role the proposal waits for.
    if (!req.actor.roles.includes(pending.requiredRole as Role)) throw new AppError('FORBIDDEN', `only a ${pending.requiredRole} may resolve this proposal`);
    // Validate.
    checkVersion(c, req);
    const proposer = pending.proposedBy as Actor;
    const original = pending.command as { type: string; data: Record<string, unknown>; justification: string | null; instance: string };
    const target = resolveTarget(c, pending.workflow, original.type, original.data, original.instance);
    const resolving: Addressed = { ...sent, data: parsed.data, target };
    if (pending.status !== 'pending') return persistInvalid(steps, resolving, at);
    if (proposer.id === req.actor.id) {
      const verdict = builtVerdict({ rule: 'KP-SYS-03', ok: false, severity: 'block', principle: 'B.general.due-process' }, saySystem('KP-SYS-03.own_proposal'), {
        facts: ['pending.proposedBy'],
        toAllow: [sayShared('second_approver', { role: pending.requiredRole })],
      });
      return persistRefusal(steps, resolving, at, [verdict], { ...parsed.data, pendingId: pending.id }, 'refused by KP-SYS-03');
    }
    if (!confirming) {
      repos.pending.resolve(pending.id, 'rejected', req.actor.id, at);
      const version = bump(steps, c, at);
      const auditSeq = auditUnmoved(steps, resolving, at, { ...parsed.data, pendingId: pending.id });
      return { kind: 'applied', caseId: c.id, workflow: req.workflow, instance: target.view.instance, state: target.view.state, version, auditSeq, verdicts: [] };
    }
    // Decide and persist the original command, now with its proposer beside the confirming actor.
    const proposal: Addressed = { c, actor: req.actor, workflow: req.workflow, type: original.type, data: original.data, sent: original.data, justification: original.justification || req.justification, target, proposedBy: proposer };
    const outcome = persistPlan(steps, proposal, decideCommand(steps, proposal, at), at);
    if (outcome.kind === 'applied') {
      repos.pending.resolve(pending.id, 'confirmed', req.actor.id, at);
      if (pending.workflow === 'case') afterCaseCommand(c.id, original.type, original.data, req.actor, at);
    }
    return outcome;
  }

  /** What an applied case command changes beyond its workflow, in the same transaction. */
  function afterCaseCommand(caseId: string, type: string, data: Record<string, unknown>, actor: Actor, at: string): void {
    // ASSIGN and TRANSFER change who sees the case.
    applyAccessCommand(repos, caseId, type, data);
    // ERASE destroys the person's data key (crypto-shredding).
    if (type === 'ERASE') eraseCase(repos, caseId, actor.id, at);
  }

  /** Idempotent replays answer from the stored first outcome; a new key stores the outcome it decided. */
  function executeOnce(req: CommandRequest, at: string): Outcome {
    if (!req.idempotencyKey) return execute(req, at);
    const seen = repos.idempotency.get(req.actor.id, req.idempotencyKey);
    const hash = requestHash(req);
    const keyring = keyringOf(repos);
    if (seen) {
      if (seen.requestHash !== hash) throw new AppError('IDEMPOTENCY_MISMATCH', 'this Idempotency-Key was used for a different request');
      return storedOutcome(keyring.open(req.caseId, seen.response));
    }
    const outcome = execute(req, at);
    // Status 0 marks a stored outcome value (rows from before hold an HTTP status and body). Its
    // strings (verdict reasons may quote the facts) are sealed under the person's key, fail closed.
    repos.idempotency.put({ actorId: req.actor.id, key: req.idempotencyKey, requestHash: hash, status: 0, response: sealOutcome(keyring, req.caseId, outcome), createdAt: at });
    return outcome;
  }

  /**
   * One command in its own savepoint (or transaction): an engine error rolls its writes back and
   * becomes its outcome; any other error rolls back and is thrown.
   */
  function applyOne(req: CommandRequest, at: string): Outcome {
    try {
      return repos.transaction(() => executeOnce(req, at));
    } catch (e) {
      const outcome = outcomeOfError(e);
      if (outcome) return outcome;
      throw e;
    }
  }

  return {
    /** Applies one command in its own transaction and returns its outcome; database failures throw. */
    apply(req: CommandRequest): Outcome {
      return applyOne(req, clock.now());
    },
    /**
     * Applies several commands in ONE transaction (group commit: one COMMIT, one fsync), each in
     * its own SAVEPOINT, in order. A command that fails rolls back to its savepoint only. If the
     * transaction itself cannot commit, every command of the batch failed and this throws.
     */
    applyBatch(reqs: readonly CommandRequest[]): BatchResult[] {
      return repos.transaction(() =>
        reqs.map((req): BatchResult => {
          try {
            return { ok: true, outcome: applyOne(req, clock.now()) };
          } catch (error) {
            // A failed statement may have ended the whole transaction (SQLite does on some
            // errors, e.g. disk full): then no later command can run in it.
            if (!repos.db.$client.inTransaction) throw error;
            return { ok: false, error };
          }
        }),
      );
    },
    context,
  };
}
export type CommandService = ReturnType<typeof createCommandService>;


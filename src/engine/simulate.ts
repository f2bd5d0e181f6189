import { z } from 'zod';
import type { Repositories } from '../../db/index.ts';
import { EvidenceInput, FamilyLink, Location, Person, RELATIONS } from '../../workflows/caseFile.ts';
import { initialView } from '../../workflows/decide.ts';
import { latest } from '../../workflows/index.ts';
import { ROLES, type Actor, type Role } from '../../workflows/roles.ts';
import { refuses } from '../../workflows/rules/registry.ts';
import type { Verdict } from '../../workflows/rules/types.ts';
import { createServices } from '../services.ts';
import { AppError, invalid, notFound, zodIssues } from './errors.ts';
import { jsonInputIssues } from './jsonInput.ts';
import type { Outcome } from './outcomes.ts';
import { loadCase } from './views.ts';

/**
 * Dry runs (API.md `POST /v1/simulate`). simulate() is the engine's own path with no persistence:
 * the hypothetical cases are registered and every command applied by the real services inside
 * one transaction, which is then rolled back. Nothing is written, not even audit records.
 */

/** A synthetic actor: a role name (one user per role, `sim-<role>`, so four-eyes works) or an explicit user. */
export const SimActor = z.union([
  z.enum(ROLES),
  z.strictObject({ id: z.string().min(1).max(64), roles: z.array(z.enum(ROLES)).min(1).max(7) }),
]);
export type SimActor = z.infer<typeof SimActor>;

/**
 * Which case a command addresses: omitted, `0` or `subject` = the subject; `family:N` = the Nth
 * family member (0-based); an integer N ≥ 1 = family member N-1.
 */
export const CaseRef = z.union([z.int().min(0).max(50), z.literal('subject'), z.string().regex(/^family:\d{1,2}$/, "must be 'subject' or 'family:N'")]);
export type CaseRef = z.infer<typeof CaseRef>;

export const SimCommand = z.strictObject({
  workflow: z.string().min(1).max(64),
  type: z.string().min(1).max(64),
  data: z.record(z.string(), z.unknown()).optional(),
  justification: z.string().max(10_000).optional(),
  instance: z.string().max(64).optional(),
  /**
   * Who sends it. Left out (a command as API.md's envelope has it), a synthetic user holding the
   * first role allowed to send the command (for CONFIRM_PENDING / REJECT_PENDING, the role the
   * proposal waits for), a different user at each step: four-eyes is tested by naming `as`.
   */
  as: SimActor.optional(),
  case: CaseRef.optional(),
  /** The moment of this command (defaults to the simulation's `at`). */
  at: z.iso.datetime({ offset: true }).optional(),
});
export type SimCommand = z.infer<typeof SimCommand>;

/**
 * Evidence on a hypothetical case; `ref` names it so command data can cite it as `$evidence:<ref>`.
 * An `id` (the case file's evidence field) works the same way, and command data may also cite it as is.
 */
export const SimEvidence = EvidenceInput.extend({ ref: z.string().min(1).max(64).optional(), id: z.string().min(1).max(64).optional() });

export const SimCaseFile = z.strictObject({
  person: Person,
  location: Location,
  evidence: z.array(SimEvidence).max(50).optional(),
});

export const SimFamilyMember = SimCaseFile.extend({
  /** What this member is to the subject (`mother` = the subject's mother). */
  relation: z.enum(RELATIONS),
});

/** The subject's case file may also link live cases (`familyLinks`, as on POST /v1/cases); they are family:N after `family`. */
export const SimSubject = SimCaseFile.extend({ familyLinks: z.array(FamilyLink).max(50).optional() });

export const SimulateHypothetical = z.strictObject({
  caseFile: SimSubject,
  family: z.array(SimFamilyMember).max(20).optional(),
  commands: z.array(SimCommand).max(200),
  at: z.iso.datetime({ offset: true }).optional(),
});
export const SimulateLive = z.strictObject({
  caseId: z.string().min(1).max(64),
  commands: z.array(SimCommand).max(200),
  at: z.iso.datetime({ offset: true }).optional(),
});
export const SimulateInput = z.union([SimulateHypothetical, SimulateLive]);
export type SimulateInput = z.input<typeof SimulateInput>;

export type StepResult = 'applied' | 'refused' | 'invalid' | 'pending' | 'error';

export interface TraceStep {
  index: number;
  case: string;
  caseId: string;
  workflow: string;
  instance: string;
  type: string;
  actor: Actor;
  at: string;
  before: string | null;
  after: string | null;
  outcome: string | null;
  result: StepResult;
  verdicts: Verdict[];
  /** The refusing verdicts (block severities) — empty unless refused. */
  failed: string[];
  pending?: { id: string; requiredRole: string };
  error?: { code: string; message: string; details?: unknown };
  /** The audit record the step wrote inside the simulation (none for an error). */
  auditSeq?: number;
}

export interface TraceCase {
  ref: string;
  id: string;
  reference: string;
  workflows: Array<{ workflow: string; kind: string; instance: string; version: number; state: string; outcome: string | null }>;
}

export interface Trace {
  at: string;
  hypothetical: boolean;
  steps: TraceStep[];
  /** Every case of the simulation as it stood at the end (nothing of it is kept). */
  cases: TraceCase[];
}

/** Thrown inside the transaction to roll it back, carrying the trace out. */
class Rollback extends Error {
  constructor(readonly trace: Trace) {
    super('simulation rolled back');
  }
}

export function simActor(as: SimActor): Actor {
  return typeof as === 'string' ? { id: `sim-${as}`, roles: [as as Role] } : { id: as.id, roles: as.roles };
}

const REGISTRAR: Actor = { id: 'sim-caseworker', roles: ['caseworker'] };

/** The sender of a command that names no `as`: see `SimCommand.as`. */
function defaultActor(repos: Repositories, caseId: string, cmd: Pick<SimCommand, 'workflow' | 'type' | 'instance'>, index: number): Actor {
  let role: Role = latest(cmd.workflow)?.commands[cmd.type]?.roles[0] ?? 'caseworker';
  if (cmd.type === 'CONFIRM_PENDING' || cmd.type === 'REJECT_PENDING') {
    const waiting = repos.pending.open(caseId).find((p) => p.workflow === cmd.workflow && (cmd.instance === undefined || p.instance === cmd.instance));
    role = (ROLES as readonly string[]).includes(waiting?.requiredRole ?? '') ? (waiting!.requiredRole as Role) : 'supervisor';
  }
  return { id: `sim-${role}-step${index + 1}`, roles: [role] };
}

function refIndex(ref: CaseRef | undefined): number {
  if (ref === undefined || ref === 'subject') return 0;
  if (typeof ref === 'number') return ref;
  return Number(ref.slice('family:'.length)) + 1;
}

const refName = (i: number) => (i === 0 ? 'subject' : `family:${i - 1}`);

/**
 * Replaces `$case`, `$family:N`, `$evidence:REF` and `$pending` in command data with the simulation's
 * ids. Recursive but bounded: simulate() refuses input nested past MAX_JSON_DEPTH before it gets here.
 */
function substitute(value: unknown, aliases: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') return aliases.get(value) ?? value;
  if (Array.isArray(value)) return value.map((v) => substitute(v, aliases));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, aliases)]));
  return value;
}

function initialState(kind: string): string | null {
  const def = latest(kind);
  return def ? initialView(def).state : null;
}

/** The error of a step whose command wrote nothing (conflict, 400, 403, 404). */
function errorOf(o: Outcome): NonNullable<TraceStep['error']> {
  switch (o.kind) {
    case 'applied':
    case 'pending':
      throw new Error(`unreachable: an ${o.kind} command is not an error`);
    case 'conflict':
      return { code: o.code, message: o.message, ...(o.code === 'VERSION_CONFLICT' ? { details: { currentVersion: o.currentVersion } } : {}) };
    case 'bad_request':
      return { code: 'VALIDATION', message: o.message, details: o.issues };
    case 'not_found':
      return { code: 'NOT_FOUND', message: o.message };
    case 'forbidden':
      return { code: 'FORBIDDEN', message: o.message };
    case 'invalid':
      return { code: 'INVALID_TRANSITION', message: o.message };
    case 'refused':
      return { code: 'RULES_REFUSED', message: o.message };
  }
}


/**
 * The input errors found only once cases exist (a step addressing a case the simulation lacks, a
 * link to an unknown live case), checked before anything is written: a 400 never follows writes,
 * even rolled-back ones.
 */
function checkBeforeWriting(repos: Repositories, spec: z.infer<typeof SimulateInput>, gate: SimulationGate): void {
  let count: number;
  // Cases the caller may not see: a linked family member out of scope is addressed as one the simulation lacks.
  const hidden = new Set<number>();
  if ('caseFile' in spec) {
    const links = spec.caseFile.familyLinks ?? [];
    const known = new Set(repos.cases.existing(links.map((l) => l.caseId)).filter((id) => gate.visible(id)));
    const unknown = links.flatMap((l, i) => (known.has(l.caseId) ? [] : [{ path: `body.caseFile.familyLinks.${i}.caseId`, message: `no case ${l.caseId}` }]));
    if (unknown.length) throw invalid(unknown);
    count = 1 + (spec.family?.length ?? 0) + links.length;
  } else {
    // A live case outside the caller's scope is not found, as an unknown one (403 for an admin).
    gate.require(spec.caseId);
    const live = loadCase(repos, spec.caseId);
    if (!live) throw notFound(`case ${spec.caseId}`);
    count = 1 + live.familyLinks.length;
    live.familyLinks.forEach((l, i) => {
      if (!gate.visible(l.caseId)) hidden.add(i + 1);
    });
  }
  const outside = spec.commands.flatMap((cmd, index) => {
    const i = refIndex(cmd.case);
    return i < count && !hidden.has(i) ? [] : [{ path: `commands.${index}.case`, message: `no ${refName(i)} in this simulation` }];
  });
  if (outside.length) throw invalid(outside);
}

/**
 * Runs the commands against a hypothetical case (with family) or a live case, with the clock set
 * to `at`, and returns the per-step trace. Always rolls back.
 */
/** What the caller may see of live cases (src/engine/scope.ts); the engine's own runs see every case. */
export interface SimulationGate {
  visible(caseId: string): boolean;
  require(caseId: string): void;
}
const OPEN_GATE: SimulationGate = { visible: () => true, require: () => {} };

export function simulate(repos: Repositories, input: unknown, now: () => string = () => new Date().toISOString(), options: { keep?: boolean; gate?: SimulationGate } = {}): Trace {
  const unsafe = jsonInputIssues(input, 'body');
  if (unsafe.length > 0) throw invalid(unsafe);
  const parsed = SimulateInput.safeParse(input);
  if (!parsed.success) throw invalid(zodIssues(parsed.error, 'body'));
  const spec = parsed.data;
  checkBeforeWriting(repos, spec, options.gate ?? OPEN_GATE);
  const start = spec.at ?? now();
  let moment = start;
  const services = createServices(repos, { clock: { now: () => moment } });
  try {
    return repos.transaction((): Trace => {
      const ids: string[] = [];
      const aliases = new Map<string, string>();
      if ('caseFile' in spec) {
        const members = spec.family ?? [];
        const memberIds = members.map((m) => services.cases.register({ person: m.person, location: m.location, familyLinks: [] }, REGISTRAR).id);
        const liveLinks = spec.caseFile.familyLinks ?? [];
        const subject = services.cases.register(
          { person: spec.caseFile.person, location: spec.caseFile.location, familyLinks: [...members.map((m, i) => ({ caseId: memberIds[i]!, relation: m.relation })), ...liveLinks] },
          REGISTRAR,
        );
        ids.push(subject.id, ...memberIds, ...liveLinks.map((l) => l.caseId));
        const files = [spec.caseFile, ...members];
        files.forEach((f, i) => {
          for (const e of f.evidence ?? []) {
            const { ref, id, ...item } = e;
            const added = services.cases.addEvidence(ids[i]!, EvidenceInput.parse(item), REGISTRAR);
            if (ref) aliases.set(`$evidence:${ref}`, added.id);
            if (id) aliases.set(`$evidence:${id}`, added.id).set(id, added.id);
          }
        });
      } else {
        const live = loadCase(repos, spec.caseId);
        if (!live) throw notFound(`case ${spec.caseId}`);
        ids.push(live.id, ...live.familyLinks.map((l) => l.caseId));
        for (const e of live.evidence) aliases.set(`$evidence:${e.id}`, e.id);
      }
      ids.forEach((id, i) => aliases.set(i === 0 ? '$case' : `$family:${i - 1}`, id));

      const steps: TraceStep[] = [];
      spec.commands.forEach((cmd, index) => {
        const i = refIndex(cmd.case);
        const caseId = ids[i];
        if (!caseId) throw invalid([{ path: `commands.${index}.case`, message: `no ${refName(i)} in this simulation` }]);
        moment = cmd.at ?? start;
        const actor = cmd.as === undefined ? defaultActor(repos, caseId, cmd, index) : simActor(cmd.as);
        const before = loadCase(repos, caseId)!;
        const data = cmd.data ? (substitute(cmd.data, aliases) as Record<string, unknown>) : undefined;
        const base = { index, case: refName(i), caseId, workflow: cmd.workflow, type: cmd.type, actor, at: moment };
        const stateOf = (instance: string | undefined) => {
          const all = before.workflows.filter((w) => w.kind === cmd.workflow);
          const w = instance !== undefined ? all.find((x) => x.instance === instance) : all.length === 1 ? all[0] : undefined;
          return w?.state ?? null;
        };
        try {
          const outcome = services.commands.apply({
            caseId,
            workflow: cmd.workflow,
            type: cmd.type,
            ...(data ? { data } : {}),
            ...(cmd.justification !== undefined ? { justification: cmd.justification } : {}),
            ...(cmd.instance !== undefined ? { instance: cmd.instance } : {}),
            actor,
            ifMatch: before.version,
          });
          if (outcome.kind === 'applied' || outcome.kind === 'pending') {
            const pending = outcome.kind === 'pending' ? outcome.pending : undefined;
            if (pending) aliases.set('$pending', pending.id);
            steps.push({
              ...base,
              instance: outcome.instance,
              before: stateOf(outcome.instance) ?? initialState(cmd.workflow),
              after: outcome.state,
              outcome: (outcome.kind === 'applied' ? outcome.outcome : undefined) ?? null,
              result: outcome.kind,
              verdicts: [...outcome.verdicts],
              failed: [],
              ...(pending ? { pending: { id: pending.id, requiredRole: pending.requiredRole } } : {}),
              auditSeq: outcome.auditSeq,
            });
          } else if ((outcome.kind === 'refused' || outcome.kind === 'invalid') && outcome.auditSeq !== undefined) {
            const state = outcome.state ?? null;
            steps.push({
              ...base,
              instance: cmd.instance ?? '',
              before: state,
              after: state,
              outcome: null,
              result: outcome.kind,
              verdicts: outcome.kind === 'refused' ? [...outcome.checked] : [],
              failed: outcome.kind === 'refused' ? [...new Set(outcome.verdicts.filter(refuses).map((v) => v.rule))] : [],
              error: { code: outcome.kind === 'refused' ? 'RULES_REFUSED' : 'INVALID_TRANSITION', message: outcome.message },
              auditSeq: outcome.auditSeq,
            });
          } else {
            const state = stateOf(cmd.instance);
            steps.push({ ...base, instance: cmd.instance ?? '', before: state, after: state, outcome: null, result: 'error', verdicts: [], failed: [], error: errorOf(outcome) });
          }
        } catch (e) {
          if (!(e instanceof AppError)) throw e;
          const state = stateOf(cmd.instance);
          steps.push({
            ...base,
            instance: cmd.instance ?? '',
            before: state,
            after: state,
            outcome: null,
            result: 'error',
            verdicts: [],
            failed: [],
            error: { code: e.code, message: e.message, ...(e.details !== undefined ? { details: e.details } : {}) },
          });
        }
      });

      const cases: TraceCase[] = ids.map((id, i) => {
        const c = loadCase(repos, id)!;
        return {
          ref: refName(i),
          id,
          reference: c.reference,
          workflows: c.workflows.map((w) => ({ workflow: w.kind, kind: w.kind, instance: w.instance, version: w.version, state: w.state, outcome: w.outcome })),
        };
      });
      const trace: Trace = { at: start, hypothetical: 'caseFile' in spec, steps, cases };
      // `keep` (scenario impact analysis, on a private scratch database): the run is committed there.
      if (options.keep) return trace;
      throw new Rollback(trace);
    });
  } catch (e) {
    if (e instanceof Rollback) return e.trace;
    throw e;
  }
}

import type { Verdict } from '../../workflows/rules/types.ts';
import { AppError, type Issue } from './errors.ts';

/**
 * What applying a command came to. The engine returns these values and knows no HTTP: src/api maps
 * each kind to a status and the one error shape (src/api/outcomes.ts); simulate, replay, scenarios
 * and the tests read them as they are.
 */
export type Outcome = Applied | Pending | Refused | Invalid | Conflict | BadRequest | NotFound | Forbidden;

/** The transition was taken and is stored with its audit record. */
export interface Applied {
  readonly kind: 'applied';
  readonly caseId: string;
  readonly workflow: string;
  readonly instance: string;
  readonly state: string;
  readonly outcome?: string;
  /** The case's version after the command (and its follow-ups). */
  readonly version: number;
  readonly auditSeq: number;
  readonly verdicts: readonly Verdict[];
  /** Family members' cases moved with it (joint moves). */
  readonly members?: readonly string[];
}

/** Every refusing verdict asks for a second approver: the command waits for one (stored, audited). */
export interface Pending {
  readonly kind: 'pending';
  readonly pending: { readonly id: string; readonly requiredRole: string };
  readonly caseId: string;
  readonly workflow: string;
  readonly instance: string;
  readonly state: string;
  readonly version: number;
  readonly auditSeq: number;
  readonly verdicts: readonly Verdict[];
}

/** Rules refused it: only the refusal's audit record is written. */
export interface Refused {
  readonly kind: 'refused';
  readonly message: string;
  readonly state: string;
  /** The refusing verdicts (block severities). */
  readonly verdicts: readonly Verdict[];
  /** Every verdict checked. */
  readonly checked: readonly Verdict[];
  readonly auditSeq: number;
}

/** The command means nothing in the instance's current state (audited when `auditSeq` is set). */
export interface Invalid {
  readonly kind: 'invalid';
  readonly message: string;
  readonly state?: string;
  readonly auditSeq?: number;
}

/** Nothing written: the case moved since it was read, or an idempotency key was reused for another request. */
export interface Conflict {
  readonly kind: 'conflict';
  readonly code: 'VERSION_CONFLICT' | 'IDEMPOTENCY_MISMATCH';
  readonly message: string;
  readonly currentVersion?: number;
}

/** Nothing written: the command's data or envelope is malformed (the issues name the fields). */
export interface BadRequest {
  readonly kind: 'bad_request';
  readonly message: string;
  readonly issues: readonly Issue[];
}

export interface NotFound {
  readonly kind: 'not_found';
  readonly message: string;
}

/** The actor's roles may not send this command (or resolve this proposal). */
export interface Forbidden {
  readonly kind: 'forbidden';
  readonly message: string;
}

/** Outcomes that write something (an audit record at least) and are kept for idempotent replays. */
export const isDecided = (o: Outcome): o is Applied | Pending | Refused | Invalid => o.kind === 'applied' || o.kind === 'pending' || o.kind === 'refused' || o.kind === 'invalid';

/**
 * The outcome an engine error raised inside a command stands for. The command's steps throw these
 * to roll their savepoint back; apply() turns them into values. Anything else is not an outcome.
 */
export function outcomeOfError(e: unknown): Outcome | undefined {
  if (!(e instanceof AppError)) return undefined;
  switch (e.code) {
    case 'VALIDATION':
      return { kind: 'bad_request', message: e.message, issues: Array.isArray(e.details) ? (e.details as Issue[]) : [] };
    case 'NOT_FOUND':
      return { kind: 'not_found', message: e.message };
    case 'FORBIDDEN':
      return { kind: 'forbidden', message: e.message };
    case 'VERSION_CONFLICT':
    case 'IDEMPOTENCY_MISMATCH': {
      const current = (e.details as { currentVersion?: unknown } | undefined)?.currentVersion;
      return { kind: 'conflict', code: e.code, message: e.message, ...(typeof current === 'number' ? { currentVersion: current } : {}) };
    }
    case 'INVALID_TRANSITION':
      return { kind: 'invalid', message: e.message };
    default:
      return undefined;
  }
}

/**
 * An idempotency key's stored first answer as an outcome. Answers stored before outcomes existed
 * hold the reply body (`applied`, `pending` or `error`); they are read back by their shape.
 */
export function storedOutcome(stored: unknown): Outcome {
  const o = stored as Record<string, unknown>;
  if (typeof o['kind'] === 'string') return o as unknown as Outcome;
  if (o['applied'] === true) {
    const { applied: _a, ...rest } = o;
    return { kind: 'applied', ...rest } as unknown as Applied;
  }
  if (o['pending']) {
    const { applied: _a, ...rest } = o;
    return { kind: 'pending', ...rest } as unknown as Pending;
  }
  const error = o['error'] as { code: string; message: string; details?: { state?: string; verdicts?: Verdict[]; checked?: Verdict[]; auditSeq?: number } };
  const d = error.details ?? {};
  if (error.code === 'RULES_REFUSED') return { kind: 'refused', message: error.message, state: d.state ?? '', verdicts: d.verdicts ?? [], checked: d.checked ?? [], auditSeq: d.auditSeq ?? 0 };
  return { kind: 'invalid', message: error.message, ...(d.state !== undefined ? { state: d.state } : {}), ...(d.auditSeq !== undefined ? { auditSeq: d.auditSeq } : {}) };
}

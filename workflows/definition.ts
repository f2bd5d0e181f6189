import type { AnyStateMachine } from 'xstate';
import type { z } from 'zod';
import type { Role } from './roles.ts';
import type { RuleId } from './rules/ids.ts';
import type { CaseView, RuleContext, WorkflowView } from './rules/types.ts';
import type { Settings } from './settings.ts';

/**
 * The shapes every workflow folder fills in (types only: this file imports nothing at run time,
 * so no module graph passes through it).
 */

/**
 * The event every workflow machine receives: the command's type and validated data, plus the
 * rule context the engine built for it. Guards read `ctx`; nothing else reaches a machine.
 */
export interface WorkflowEvent {
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly ctx: RuleContext;
}

/** A field of a command's data that cannot be completed from the record (the engine answers 400). */
export interface DataIssue {
  readonly path: string;
  readonly message: string;
}

export type Completion = { readonly data: Readonly<Record<string, unknown>> } | { readonly issues: readonly DataIssue[] };

export interface CommandSpec {
  readonly roles: readonly Role[];
  readonly data: z.ZodType<Record<string, unknown>>;
  /** The rules evaluated on this command, derived from the rules' declarations; the machine's guard asks the same list. */
  readonly rules: readonly RuleId[];
  readonly summary: string;
  /**
   * Completes the validated data from the record before any rule runs: defaults WORKFLOWS.md leaves
   * to the engine (e.g. nationality RESOLVE { outcome } names no State). `issues` when it cannot be
   * completed unambiguously; decide() then answers `invalid` with them (the engine: 400).
   */
  readonly complete?: (ctx: RuleContext) => Completion;
}

/** The typed events of a command table: one per command, its data as the command's schema outputs it. */
export type CommandEvent<C extends Readonly<Record<string, CommandSpec>>> = {
  [K in keyof C & string]: { readonly type: K; readonly data: z.output<C[K]['data']>; readonly ctx: RuleContext };
}[keyof C & string];

/** A command the engine applies on behalf of another (compensating or joint move), in the same transaction. */
export interface FollowUp {
  readonly caseId: string;
  readonly workflow: string;
  readonly instance?: string;
  readonly type: string;
  readonly data?: Record<string, unknown>;
  readonly reason: string;
}

/** Work waiting on a role (GET /v1/tasks): derived from stored due dates, never an in-memory timer. */
export interface Task {
  readonly kind: string;
  readonly role: Role;
  readonly caseId: string;
  readonly workflow: string;
  readonly instance: string;
  readonly due: string | null;
  readonly rule?: string;
  readonly summary: string;
  /** Work whose urgency grows with time (KP-RET-06: the length of stay in a closed camp or detention raises priority). */
  readonly priority?: 'normal' | 'high' | 'urgent';
  /** Held in a closed camp or detention since this date, where that is what the priority comes from. */
  readonly heldSince?: string;
  /** Dates besides `due` on which the derivation changes (a priority threshold), so stored tasks are evaluated again then. */
  readonly changesOn?: readonly string[];
}

export interface WorkflowDefinition {
  readonly kind: string;
  readonly version: number;
  readonly title: string;
  readonly machine: AnyStateMachine;
  readonly commands: Readonly<Record<string, CommandSpec>>;
  /** `per_destination`: one instance per destination state (non-refoulement); others have one. */
  readonly instances: 'single' | 'per_destination';
  /** For per-destination workflows: the instance a starting command creates. */
  instanceFor?(type: string, data: Readonly<Record<string, unknown>>): string | undefined;
  /** The recorded outcome other workflows read (e.g. `approved` for a BID), or null. */
  outcome(state: string, context: Readonly<Record<string, unknown>>): string | null;
  /** Member cases that move together with the subject on this command (joint family moves). */
  joint?(ctx: RuleContext): readonly string[];
  /** Commands on other workflows or cases that this applied command entails (KP-SYS-01 reversals). */
  followUps?(ctx: RuleContext, after: WorkflowView): readonly FollowUp[];
  /** Tasks this instance puts on someone's list. */
  tasks?(instance: WorkflowView, subject: CaseView, settings: Settings, at: string): readonly Task[];
}

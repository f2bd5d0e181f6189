import { getInitialSnapshot, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';
import type { DataIssue, WorkflowDefinition } from './definition.ts';
import { allows, evaluate, refuses } from './rules/registry.ts';
import { stateTree } from './states.ts';
import { restore, step } from './step.ts';
import type { RuleContext, Verdict, WorkflowView } from './rules/types.ts';

/**
 * The pure decision on one command: restore the instance, check the event means something in
 * its state, evaluate every rule of the command (none short-circuits), and take the transition.
 * The engine persists what this returns; simulate() and the tests call it directly.
 */
export type Decision =
  /** The event means nothing in this state; or, with `issues`, its data cannot be completed from the record (400). */
  | { readonly kind: 'invalid'; readonly state: string; readonly issues?: readonly DataIssue[] }
  | { readonly kind: 'refused'; readonly state: string; readonly verdicts: Verdict[]; readonly failed: Verdict[]; readonly data?: Record<string, unknown> }
  /** Every refusing verdict is a 2ND finding: the command waits for a second approver. */
  | { readonly kind: 'pending'; readonly state: string; readonly verdicts: Verdict[]; readonly secondApprover: string; readonly data?: Record<string, unknown> }
  /** `data`: the command's data as decided, with the defaults `complete` filled from the record (what the audit stores). */
  | { readonly kind: 'applied'; readonly state: string; readonly verdicts: Verdict[]; readonly next: WorkflowView; readonly data?: Record<string, unknown> };

export { restore };

export function initialView(def: WorkflowDefinition, instance = ''): WorkflowView {
  const snapshot = getInitialSnapshot(def.machine, undefined as never) as AnyMachineSnapshot;
  return { kind: def.kind, instance, version: def.version, state: stateTree(def.machine).leafOf(snapshot.value), outcome: null, context: snapshot.context as Record<string, unknown> };
}

/** Event types that have a transition from this leaf state (its own, or inherited from its parents and the root). */
export function eventsIn(machine: AnyStateMachine, state: string): readonly string[] {
  return stateTree(machine).eventsIn(state);
}

export function decide(def: WorkflowDefinition, view: WorkflowView, given: RuleContext): Decision {
  const state = view.state;
  const type = given.command.type;
  if (!eventsIn(def.machine, state).includes(type)) return { kind: 'invalid', state };
  const spec = def.commands[type];
  let ctx = given;
  if (spec?.complete) {
    const completed = spec.complete(given);
    if ('issues' in completed) return { kind: 'invalid', state, issues: completed.issues };
    if (completed.data !== given.command.data) ctx = { ...given, command: { ...given.command, data: completed.data } };
  }
  const verdicts = spec ? evaluate(spec.rules, ctx) : [];
  const failed = verdicts.filter(refuses);
  if (failed.length > 0) {
    const second = failed.every((v) => v.secondApprover && !ctx.proposedBy) ? failed[0]?.secondApprover : undefined;
    if (second) return { kind: 'pending', state, verdicts, secondApprover: second, data: ctx.command.data };
    return { kind: 'refused', state, verdicts, failed, data: ctx.command.data };
  }
  const next = step(def, view, type, ctx.command.data, ctx, verdicts);
  // A machine-level guard (e.g. data that picks no branch) refused.
  if (!next) {
    if (!allows(verdicts)) return { kind: 'refused', state, verdicts, failed, data: ctx.command.data };
    return { kind: 'invalid', state };
  }
  return { kind: 'applied', state, verdicts, data: ctx.command.data, next };
}

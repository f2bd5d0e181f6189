import { createActor, type AnyActorScope, type AnyMachineSnapshot, type AnyStateMachine } from 'xstate';
import type { WorkflowDefinition, WorkflowEvent } from './definition.ts';
import type { RuleContext, Verdict, WorkflowView } from './rules/types.ts';
import { stateTree } from './states.ts';

/**
 * The one place a workflow machine is stepped: commands (decide()), the engine's follow-ups,
 * simulate (through the engine) and replay all call step(). The rules are evaluated once, before
 * it, by whoever decided the event; the machine's rule guard only reads the verdicts it is given.
 */

/**
 * Persisted form of an instance: its leaf state and context. The leaf is resolved to its full
 * path in the machine (`{ proceedings: 'charged' }`) so transitions declared on parents apply.
 */
export function restore(machine: AnyStateMachine, view: Pick<WorkflowView, 'state' | 'context'>): AnyMachineSnapshot {
  return machine.resolveState({ value: stateTree(machine).valueOf(view.state), context: view.context as Record<string, unknown> });
}

// xstate's transition() builds an inert actor (running the machine's initial transition) on every
// call; the machines have no invoked or spawned children, so one inert scope per machine serves
// every step. Actions other than assign are never executed: the machines are pure.
const scopes = new WeakMap<AnyStateMachine, AnyActorScope>();

function scopeOf(machine: AnyStateMachine): AnyActorScope {
  let scope = scopes.get(machine);
  if (!scope) {
    const self = createActor(machine, { input: undefined as never });
    scope = { self, defer: () => {}, id: '', logger: () => {}, sessionId: '', stopChild: () => {}, system: self.system, emit: () => {}, actionExecutor: () => {} } as unknown as AnyActorScope;
    scopes.set(machine, scope);
  }
  return scope;
}

/**
 * Steps the instance on one event with the verdicts that decided it. `undefined`: the machine did
 * not move (no transition for the event in this state, or a machine-level guard such as data that
 * picks no branch refused it).
 */
export function step(def: WorkflowDefinition, view: WorkflowView, type: string, data: Readonly<Record<string, unknown>>, ctx: RuleContext, verdicts: readonly Verdict[]): WorkflowView | undefined {
  const snapshot = restore(def.machine, view);
  const event: WorkflowEvent = { type, data, ctx, verdicts };
  const next = def.machine.transition(snapshot, event, scopeOf(def.machine)) as AnyMachineSnapshot;
  // A refused event gives the same snapshot object back.
  if (next === snapshot) return undefined;
  const state = stateTree(def.machine).leafOf(next.value);
  if (state === view.state && next.context === snapshot.context) return undefined;
  const context = next.context as Record<string, unknown>;
  return { ...view, state, context, outcome: def.outcome(state, context) };
}

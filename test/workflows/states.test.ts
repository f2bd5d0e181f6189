import { assign, createMachine, setup } from 'xstate';
import { describe, expect, it } from 'vitest';
import type { WorkflowDefinition } from '../../workflows/definition.ts';
import { eventsIn, initialView } from '../../workflows/decide.ts';
import { transitionsOf } from '../../workflows/describe.ts';
import { versionsOf, WORKFLOW_KINDS } from '../../workflows/index.ts';
import type { RuleContext, WorkflowView } from '../../workflows/rules/types.ts';
import { stateTree } from '../../workflows/states.ts';
import { restore, step } from '../../workflows/step.ts';

/**
 * Parent states: an instance is stored as its leaf state; the machine is stepped from the leaf's
 * full path and the next state value is mapped back to a leaf.
 */

const every = WORKFLOW_KINDS.flatMap((k) => versionsOf(k));

const nested = setup({ types: { context: {} as { n: number }, events: {} as { type: 'START' | 'NEXT' | 'BUMP' | 'STOP' | 'RESUME' } } }).createMachine({
  id: 'nested',
  initial: 'idle',
  context: { n: 0 },
  on: { BUMP: { actions: assign({ n: ({ context }) => context.n + 1 }) } },
  states: {
    idle: { on: { START: { target: 'running' } } },
    running: {
      initial: 'first',
      on: { STOP: { target: 'stopped' } },
      states: {
        first: { on: { NEXT: { target: 'second' } } },
        // A leaf's own transition is tried first; when its guard refuses, the parent's is taken.
        second: { initial: 'deep', states: { deep: { on: { STOP: { target: '#nested.idle', guard: ({ context }) => context.n > 5 } } } } },
      },
    },
    stopped: { on: { RESUME: { target: 'running' } } },
  },
});

const def = { kind: 'nested', version: 1, machine: nested, commands: {}, outcome: () => null } as unknown as WorkflowDefinition;
const view = (state: string, n = 0): WorkflowView => ({ kind: 'nested', instance: '', version: 1, state, outcome: null, context: { n } });
const go = (state: string, type: string, n = 0) => step(def, view(state, n), type, {}, {} as RuleContext, []);

describe('state names are unique leaves in every registered workflow', () => {
  it.each(every.map((d) => [`${d.kind} v${d.version}`, d] as const))('%s: no two states share a name', (_name, d) => {
    const tree = stateTree(d.machine);
    const names = [...tree.leaves, ...tree.parents];
    expect(new Set(names).size).toBe(names.length);
    expect(tree.leaves).toContain(tree.initial);
    expect(initialView(d).state).toBe(tree.initial);
    // Every leaf round-trips through the machine's own state value.
    for (const leaf of tree.leaves) expect(tree.leafOf(restore(d.machine, { state: leaf, context: initialView(d).context }).value)).toBe(leaf);
  });

  it('refuses a machine whose two leaves share a name, naming the state', () => {
    const twice = createMachine({
      id: 'twice',
      initial: 'a',
      states: { a: { initial: 'open', states: { open: {} } }, b: { initial: 'open', states: { open: {} } } },
    });
    expect(() => stateTree(twice)).toThrow(/twice: two states are named open/);
  });

  it('refuses a parent named like a leaf, and parallel states (one stored leaf cannot say where each region is)', () => {
    expect(() => stateTree(createMachine({ id: 'clash', initial: 'a', states: { a: { initial: 'a', states: { a: {} } } } }))).toThrow(/two states are named a/);
    expect(() => stateTree(createMachine({ id: 'par', initial: 'p', states: { p: { type: 'parallel', states: { x: {}, y: {} } } } }))).toThrow(/p is parallel/);
  });
});

describe('leaf <-> path mapping when stepping', () => {
  const tree = stateTree(nested);

  it('lists leaves in declaration order, parents apart, and starts in the initial leaf', () => {
    expect(tree.leaves).toEqual(['idle', 'first', 'deep', 'stopped']);
    expect(tree.parents).toEqual(['running', 'second']);
    expect(tree.valueOf('deep')).toEqual({ running: { second: 'deep' } });
    expect(tree.valueOf('idle')).toBe('idle');
    expect(tree.ancestors('deep')).toEqual(['running', 'second']);
    expect(initialView(def).state).toBe('idle');
  });

  it('a transition into a parent lands in its initial leaf; the stored state is the leaf', () => {
    expect(go('idle', 'START')?.state).toBe('first');
    expect(go('first', 'NEXT')?.state).toBe('deep');
    expect(go('stopped', 'RESUME')?.state).toBe('first');
  });

  it("a parent's transition applies in every leaf inside it, and nowhere else", () => {
    expect(go('first', 'STOP')?.state).toBe('stopped');
    expect(go('deep', 'STOP')?.state).toBe('stopped');
    expect(go('idle', 'STOP')).toBeUndefined();
    expect(go('stopped', 'NEXT')).toBeUndefined();
    expect(go('deep', 'STOP', 6)?.state).toBe('idle');
    expect(eventsIn(nested, 'deep')).toEqual(['STOP', 'BUMP']);
    expect(eventsIn(nested, 'first')).toEqual(['NEXT', 'STOP', 'BUMP']);
    expect(eventsIn(nested, 'idle')).toEqual(['START', 'BUMP']);
  });

  it('a targetless transition keeps the leaf and changes the context', () => {
    const next = go('deep', 'BUMP', 2);
    expect(next).toMatchObject({ state: 'deep', context: { n: 3 } });
  });

  it('describes transitions per leaf, parents expanded, targets as leaves', () => {
    const rows = transitionsOf(def).map((t) => `${t.from} ${t.event} ${t.to.join(',')}`);
    expect(rows).toEqual(['idle START first', 'idle BUMP idle', 'first NEXT deep', 'first STOP stopped', 'first BUMP first', 'deep STOP idle,stopped', 'deep BUMP deep', 'stopped RESUME first', 'stopped BUMP stopped']);
  });

  it('an unknown stored state is refused by XState as before', () => {
    expect(() => go('nowhere', 'START')).toThrow();
  });
});

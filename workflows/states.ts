import type { AnyStateMachine, AnyStateNode, StateValue } from 'xstate';

/**
 * A machine's states as the engine stores them. A machine may group states under parent states
 * (a transition declared on the parent applies in every state inside it), but an instance is
 * always in exactly one leaf state and only the leaf's name is stored, audited and shown: parents
 * are a way of writing the machine, not states an instance can be in. Leaf names (and parent
 * names) are therefore unique across a machine. Built once per machine object.
 */
export interface StateTree {
  /** Leaf states in the order the machine declares them. */
  readonly leaves: readonly string[];
  /** Parent (compound) states in the order the machine declares them. */
  readonly parents: readonly string[];
  /** The leaf a new instance starts in. */
  readonly initial: string;
  /** The state node of a leaf or parent name. */
  node(name: string): AnyStateNode | undefined;
  /** A leaf's enclosing parents, outermost first (the root is not one). */
  ancestors(leaf: string): readonly string[];
  /** The machine's state value for a stored leaf (`{ proceedings: 'charged' }` for a nested one). */
  valueOf(leaf: string): StateValue;
  /** The stored leaf for a machine state value. */
  leafOf(value: StateValue): string;
  /** The leaf a transition targeting this node lands in (a parent enters its initial leaf). */
  entryLeaf(name: string): string;
  /** Event types with a transition from this leaf: its own, then its parents', then the root's. */
  eventsIn(leaf: string): readonly string[];
}

const trees = new WeakMap<AnyStateMachine, StateTree>();

export function stateTree(machine: AnyStateMachine): StateTree {
  let tree = trees.get(machine);
  if (!tree) trees.set(machine, (tree = build(machine)));
  return tree;
}

/** The stored leaf name of a machine state value (`String(value)` for a flat machine). */
export const leafOf = (machine: AnyStateMachine, value: StateValue): string => stateTree(machine).leafOf(value);

function build(machine: AnyStateMachine): StateTree {
  const nodes = new Map<string, AnyStateNode>();
  const leaves: string[] = [];
  const parents: string[] = [];
  const walk = (node: AnyStateNode): void => {
    for (const child of Object.values(node.states) as AnyStateNode[]) {
      if (child.type === 'parallel' || child.type === 'history') throw new Error(`${machine.id}: state ${child.key} is ${child.type}; an instance is stored as one leaf state`);
      if (nodes.has(child.key)) throw new Error(`${machine.id}: two states are named ${child.key}; state names must be unique in a machine (the stored state is the leaf name)`);
      nodes.set(child.key, child);
      if (Object.keys(child.states).length > 0) {
        parents.push(child.key);
        walk(child);
      } else leaves.push(child.key);
    }
  };
  walk(machine.root);

  const ancestorsOf = new Map<string, readonly string[]>();
  const values = new Map<string, StateValue>();
  const events = new Map<string, readonly string[]>();
  for (const leaf of leaves) {
    const path = nodes.get(leaf)!.path as string[];
    ancestorsOf.set(leaf, path.slice(0, -1));
    values.set(leaf, nest(path));
    const chain: AnyStateNode[] = [];
    for (let n: AnyStateNode | undefined = nodes.get(leaf); n; n = n.parent) chain.push(n);
    events.set(leaf, [...new Set(chain.flatMap((n) => n.ownEvents as string[]))].filter((e) => !e.startsWith('xstate.')));
  }

  const entryLeaf = (name: string): string => {
    let node = nodes.get(name);
    while (node && Object.keys(node.states).length > 0) {
      const first = node.config.initial;
      if (typeof first !== 'string') throw new Error(`${machine.id}: parent state ${node.key} declares no initial state`);
      node = node.states[first];
    }
    return node?.key ?? name;
  };
  const rootInitial = machine.root.config.initial;
  const initial = typeof rootInitial === 'string' ? entryLeaf(rootInitial) : (leaves[0] ?? '');

  return {
    leaves,
    parents,
    initial,
    node: (name) => nodes.get(name),
    ancestors: (leaf) => ancestorsOf.get(leaf) ?? [],
    // An unknown name goes to XState as given, which refuses it as before.
    valueOf: (leaf) => values.get(leaf) ?? leaf,
    leafOf: (value) => {
      let v: StateValue = value;
      while (typeof v !== 'string') {
        const keys = Object.keys(v);
        if (keys.length !== 1) throw new Error(`${machine.id}: state value ${JSON.stringify(value)} is not one leaf`);
        const inner: StateValue | undefined = v[keys[0]!];
        if (inner === undefined || (typeof inner === 'object' && Object.keys(inner).length === 0)) return keys[0]!;
        v = inner;
      }
      return v;
    },
    entryLeaf,
    eventsIn: (leaf) => events.get(leaf) ?? (machine.root.ownEvents as string[]).filter((e) => !e.startsWith('xstate.')),
  };
}

/** `['a', 'b', 'c']` -> `{ a: { b: 'c' } }`; a top-level leaf stays a string. */
function nest(path: readonly string[]): StateValue {
  let value: StateValue = path[path.length - 1]!;
  for (let i = path.length - 2; i >= 0; i--) value = { [path[i]!]: value };
  return value;
}

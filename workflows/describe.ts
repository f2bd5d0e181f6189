import { z } from 'zod';
import type { WorkflowDefinition } from './definition.ts';
import { eventsIn } from './decide.ts';
import { stateTree } from './states.ts';

export interface TransitionDescription {
  from: string;
  event: string;
  to: string[];
  rules: readonly string[];
  roles: readonly string[];
}

/**
 * Every transition of a machine from each leaf state: source leaf, event, the leaves it may land in
 * and the rules that guard it. A transition declared on a parent state is listed from each leaf
 * inside it; XState tries the leaf's own transitions first, then its parents', then the root's.
 */
export function transitionsOf(def: WorkflowDefinition): TransitionDescription[] {
  const out: TransitionDescription[] = [];
  const tree = stateTree(def.machine);
  for (const name of tree.leaves) {
    const chain = [...tree.ancestors(name)].reverse().map((p) => tree.node(p)!);
    const levels = [tree.node(name)!, ...chain, def.machine.root];
    for (const event of eventsIn(def.machine, name)) {
      const candidates = levels.flatMap((n) => n.transitions.get(event) ?? []);
      const targets = [...new Set(candidates.flatMap((t) => (t.target?.length ? t.target.map((s) => tree.entryLeaf(s.key)) : [name])))];
      const spec = def.commands[event];
      out.push({ from: name, event, to: targets, rules: spec?.rules ?? [], roles: spec?.roles ?? ['engine'] });
    }
  }
  return out;
}

/** The definition as GET /v1/workflows/:kind describes it. */
export function describeWorkflow(def: WorkflowDefinition, versions: number[]) {
  return {
    kind: def.kind,
    title: def.title,
    version: def.version,
    versions,
    instances: def.instances,
    initial: stateTree(def.machine).initial,
    states: stateTree(def.machine).leaves,
    /** The events a client sends (command types); `commands` details each, `transitions` says which rules guard which move. */
    events: Object.keys(def.commands),
    commands: Object.entries(def.commands).map(([type, spec]) => ({
      type,
      summary: spec.summary,
      roles: spec.roles,
      rules: spec.rules,
      data: z.toJSONSchema(spec.data, { io: 'input', unrepresentable: 'any' }),
    })),
    transitions: transitionsOf(def),
  };
}

import { z } from 'zod';
import type { WorkflowDefinition } from './definition.ts';
import { eventsIn } from './decide.ts';

export interface TransitionDescription {
  from: string;
  event: string;
  to: string[];
  rules: readonly string[];
  roles: readonly string[];
}

/** Every transition of a machine: source state, event, possible targets and the rules that guard it. */
export function transitionsOf(def: WorkflowDefinition): TransitionDescription[] {
  const out: TransitionDescription[] = [];
  for (const [name, node] of Object.entries(def.machine.states)) {
    for (const event of eventsIn(def.machine, name)) {
      const candidates = [...(node.transitions.get(event) ?? def.machine.root.transitions.get(event) ?? [])];
      const targets = [...new Set(candidates.flatMap((t) => (t.target?.length ? t.target.map((s) => s.key) : [name])))];
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
    initial: String(def.machine.config.initial ?? ''),
    states: Object.keys(def.machine.states),
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

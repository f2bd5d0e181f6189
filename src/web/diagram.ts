import { transitionsOf } from '../../workflows/describe.ts';
import type { WorkflowDefinition } from '../../workflows/definition.ts';

/** Mermaid ids must be plain words; state names already are, this guards the rest. */
const idOf = (state: string): string => state.replace(/[^A-Za-z0-9_]/g, '_');
/** Labels go inside double quotes or after a colon in Mermaid: strip what would end them. */
const label = (text: string): string => text.replace(/["\n\r;#]/g, ' ');

/**
 * The workflow as a Mermaid stateDiagram-v2: every transition (event label on the arrow), the
 * initial state, and the current state highlighted with `classDef current` + `class <state> current`.
 * `stateLabel` names the states (the page's language); ids stay the engine's.
 */
export function mermaidDiagram(def: WorkflowDefinition, current?: string, stateLabel: (state: string) => string = (s) => s): string {
  const lines = ['stateDiagram-v2'];
  const states = Object.keys(def.machine.states);
  for (const s of states) lines.push(`  state "${label(stateLabel(s))}" as ${idOf(s)}`);
  const initial = String(def.machine.config.initial ?? states[0] ?? '');
  if (initial) lines.push(`  [*] --> ${idOf(initial)}`);
  const seen = new Set<string>();
  for (const t of transitionsOf(def)) {
    for (const to of t.to) {
      const line = `  ${idOf(t.from)} --> ${idOf(to)}: ${label(t.event)}`;
      if (!seen.has(line)) lines.push(line);
      seen.add(line);
    }
  }
  lines.push('  classDef current fill:#ffd54f,stroke:#7a4f00,stroke-width:3px,color:#000,font-weight:bold');
  if (current && states.includes(current)) lines.push(`  class ${idOf(current)} current`);
  return lines.join('\n');
}

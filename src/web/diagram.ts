import { diagramOf, ident, mermaidBody } from '../../workflows/diagram.ts';
import type { WorkflowDefinition } from '../../workflows/definition.ts';
import { stateTree } from '../../workflows/states.ts';

/** Labels go inside double quotes or after a colon in Mermaid: strip what would end them. */
const label = (text: string): string => text.replace(/["\n\r;#]/g, ' ');

/**
 * The workflow as a Mermaid stateDiagram-v2: every transition (event label on the arrow, drawn
 * from the parent state that declares it), parent states as blocks, the initial state, and the
 * current (leaf) state highlighted with `classDef current` + `class <state> current`.
 * `stateLabel` names the states (the page's language); ids stay the engine's.
 */
export function mermaidDiagram(def: WorkflowDefinition, current?: string, stateLabel: (state: string) => string = (s) => s): string {
  const seen = new Set<string>();
  const d = diagramOf(def);
  // One arrow per move: the same event to the same state is drawn once whatever its rules.
  d.edges = d.edges.filter((e) => {
    const key = `${e.from} ${e.to} ${e.event}`;
    return !seen.has(key) && !!seen.add(key);
  });
  const lines = ['stateDiagram-v2', ...mermaidBody(d, (e) => `${ident(e.from)} --> ${ident(e.to)}: ${label(e.event)}`, (n) => [`state "${label(stateLabel(n.id))}" as ${ident(n.id)}`])];
  lines.push('  classDef current fill:#ffd54f,stroke:#7a4f00,stroke-width:3px,color:#000,font-weight:bold');
  if (current && stateTree(def.machine).leaves.includes(current)) lines.push(`  class ${ident(current)} current`);
  return lines.join('\n');
}

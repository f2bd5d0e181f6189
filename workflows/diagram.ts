import type { WorkflowDefinition } from './definition.ts';
import type { AnyStateNode } from 'xstate';
import { transitionsOf } from './describe.ts';
import { stateTree } from './states.ts';

/**
 * A workflow machine as a diagram: Mermaid `stateDiagram-v2` text, or plain nodes and edges.
 * Each edge is labelled with its event and the rule ids that guard it. Pure: no I/O.
 */

export interface DiagramNode {
  id: string;
  /** The state entered first: the machine's initial state, or a parent state's initial child. */
  initial: boolean;
  /** No transition leaves this state. */
  final: boolean;
  /** The parent state this one is drawn inside (absent at the top level). */
  parent?: string;
  /** A parent state: it groups the states inside it; an instance is never in it alone. */
  compound?: true;
}

export interface DiagramEdge {
  /** The state that declares the transition: a parent state's transition applies in every state inside it. */
  from: string;
  to: string;
  event: string;
  rules: readonly string[];
  roles: readonly string[];
}

export interface Diagram {
  kind: string;
  version: number;
  title: string;
  initial: string;
  nodes: DiagramNode[];
  edges: DiagramEdge[];
}

/**
 * Nodes in declaration order (parents before the states inside them) and the transitions where
 * the machine declares them. The root's own transitions (available in every state) are drawn from
 * each top-level state.
 */
export function diagramOf(def: WorkflowDefinition): Diagram {
  const tree = stateTree(def.machine);
  const root = def.machine.root;
  const initial = String(root.config.initial ?? '');
  const nodes: AnyStateNode[] = [];
  const walk = (n: AnyStateNode): void => {
    for (const child of Object.values(n.states) as AnyStateNode[]) {
      nodes.push(child);
      walk(child);
    }
  };
  walk(root);
  const edges: DiagramEdge[] = [];
  const declared = (from: string, on: AnyStateNode) => {
    for (const event of (on.ownEvents as string[]).filter((e) => !e.startsWith('xstate.'))) {
      const spec = def.commands[event];
      const targets = [...new Set((on.transitions.get(event) ?? []).flatMap((t) => (t.target?.length ? t.target.map((x) => x.key) : [from])))];
      for (const to of targets) edges.push({ from, to, event, rules: spec?.rules ?? [], roles: spec?.roles ?? ['engine'] });
    }
  };
  for (const n of nodes) {
    declared(n.key, n);
    if (n.parent === root) declared(n.key, root);
  }
  // A leaf is final when no transition leaves it, its parents' included.
  const leaving = new Set(transitionsOf(def).filter((t) => t.to.some((to) => to !== t.from)).map((t) => t.from));
  return {
    kind: def.kind,
    version: def.version,
    title: def.title,
    initial,
    nodes: nodes.map((n) => {
      const compound = tree.parents.includes(n.key);
      const container = n.parent ?? root;
      return {
        id: n.key,
        initial: container.config.initial === n.key,
        final: compound ? tree.leaves.filter((l) => tree.ancestors(l).includes(n.key)).every((l) => !leaving.has(l)) : !leaving.has(n.key),
        ...(n.parent && n.parent !== root ? { parent: n.parent.key } : {}),
        ...(compound ? { compound: true as const } : {}),
      };
    }),
    edges,
  };
}

/** Mermaid identifiers: letters, digits and underscores. */
export const ident = (s: string) => s.replace(/[^A-Za-z0-9_]/g, '_');

/** Edge label text: the event, then the guarding rule ids. Mermaid reads `:` and `;` as syntax. */
export function edgeLabel(e: Pick<DiagramEdge, 'event' | 'rules'>): string {
  const text = e.rules.length ? `${e.event} [${e.rules.join(', ')}]` : e.event;
  return text.replace(/[:;#]/g, ' ');
}

/**
 * The body of a Mermaid stateDiagram-v2: the transitions, then each parent state as a
 * `state parent { ... }` block naming the states inside it and its own `[*] -->` initial state.
 * Mermaid draws a state inside the last block that mentions it, so the blocks come after every
 * edge. `declare` gives the lines that introduce a state (a label); without them a state inside a
 * parent is introduced by its bare id.
 */
export function mermaidBody(d: Diagram, edge: (e: DiagramEdge) => string, declare: (n: DiagramNode) => string[] = () => []): string[] {
  const lines: string[] = [];
  const top = d.nodes.filter((n) => !n.parent);
  for (const n of top) lines.push(...declare(n).map((l) => `  ${l}`));
  const first = top.find((n) => n.initial);
  if (first) lines.push(`  [*] --> ${ident(first.id)}`);
  for (const e of d.edges) lines.push(`  ${edge(e)}`);
  // A state nothing leaves ends the whole machine, wherever it is drawn.
  for (const n of d.nodes.filter((x) => x.final && !x.compound)) lines.push(`  ${ident(n.id)} --> [*]`);
  const block = (parent: DiagramNode, depth: number): void => {
    const pad = '  '.repeat(depth);
    const inside = d.nodes.filter((n) => n.parent === parent.id);
    lines.push(`${pad.slice(2)}state ${ident(parent.id)} {`);
    for (const n of inside) {
      const own = declare(n);
      lines.push(...(own.length || n.compound ? own : [ident(n.id)]).map((l) => `${pad}${l}`));
    }
    const initial = inside.find((n) => n.initial);
    if (initial) lines.push(`${pad}[*] --> ${ident(initial.id)}`);
    for (const n of inside.filter((x) => x.compound)) block(n, depth + 1);
    lines.push(`${pad.slice(2)}}`);
  };
  for (const n of top.filter((x) => x.compound)) block(n, 2);
  return lines;
}

export function mermaid(def: WorkflowDefinition): string {
  const d = diagramOf(def);
  const head = ['stateDiagram-v2', `  %% ${d.kind} v${d.version}: ${d.title.replace(/[\r\n]/g, ' ')}`];
  return [...head, ...mermaidBody(d, (e) => `${ident(e.from)} --> ${ident(e.to)} : ${edgeLabel(e)}`)].join('\n');
}

/** One Markdown page per workflow: title, the Mermaid block and the transitions table. */
export function markdownPage(def: WorkflowDefinition, versions: readonly number[] = [def.version]): string {
  const d = diagramOf(def);
  const rows = d.edges.map((e) => `| \`${e.from}\` | \`${e.event}\` | \`${e.to}\` | ${e.roles.join(', ')} | ${e.rules.join(', ') || '—'} |`);
  const parents = d.nodes.filter((n) => n.compound);
  const grouping = parents.length
    ? [
        `Parent states group states: ${parents.map((p) => `\`${p.id}\` (${d.nodes.filter((n) => n.parent === p.id).map((n) => `\`${n.id}\``).join(', ')})`).join('; ')}. A command listed from a parent state applies in every state inside it; an instance is always in one of the states inside, and that state is what the API, the audit and the case pages show.`,
        '',
      ]
    : [];
  return [
    `# ${d.title} (\`${d.kind}\`)`,
    '',
    `Version ${d.version} (registered versions: ${versions.join(', ')}). Generated by \`npm run cli -- diagrams --out docs/workflows\` from the machine itself; do not edit by hand.`,
    '',
    '```mermaid',
    mermaid(def),
    '```',
    '',
    ...grouping,
    '| from | command | to | roles | rules |',
    '|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The module graph of `workflows/`, type-only imports included: a circle through types today is an
 * ESM initialisation error the day one of its imports carries a value.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const workflows = join(root, 'workflows');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

interface Edge {
  readonly to: string;
  readonly typeOnly: boolean;
}

const IMPORT = /^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?['"](\.[^'"]+)['"]/gm;

function edgesOf(file: string): Edge[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => ({ to: resolve(dirname(file), m[3] ?? ''), typeOnly: !!m[2] }));
}

const name = (file: string) => relative(root, file);
const graph = new Map(sources(workflows).map((f) => [f, edgesOf(f)]));

/** Every circle in the graph, each as the list of files on it (Tarjan's strongly connected components). */
function circles(): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string): void => {
    indices.set(v, index);
    low.set(v, index);
    index += 1;
    stack.push(v);
    onStack.add(v);
    for (const { to } of graph.get(v) ?? []) {
      if (!graph.has(to)) continue;
      if (!indices.has(to)) {
        visit(to);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(to) ?? 0));
      } else if (onStack.has(to)) low.set(v, Math.min(low.get(v) ?? 0, indices.get(to) ?? 0));
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = [];
      let w: string | undefined;
      do {
        w = stack.pop();
        if (w) {
          onStack.delete(w);
          component.push(name(w));
        }
      } while (w && w !== v);
      const selfLoop = (graph.get(v) ?? []).some((e) => e.to === v);
      if (component.length > 1 || selfLoop) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!indices.has(v)) visit(v);
  return found;
}

describe('workflows/ import graph', () => {
  it('reads the imports of every file (the check sees the graph)', () => {
    const registry = graph.get(join(workflows, 'index.ts')) ?? [];
    expect(registry.map((e) => name(e.to))).toContain('workflows/best_interests/index.ts');
    expect(graph.size).toBeGreaterThan(50);
  });

  it('has no import circle, type-only imports included', () => {
    expect(circles()).toEqual([]);
  });

  it('finds a circle when there is one', () => {
    const a = join(workflows, 'a.ts');
    const b = join(workflows, 'b.ts');
    graph.set(a, [{ to: b, typeOnly: true }]);
    graph.set(b, [{ to: a, typeOnly: false }]);
    try {
      expect(circles()).toEqual([['workflows/a.ts', 'workflows/b.ts']]);
    } finally {
      graph.delete(a);
      graph.delete(b);
    }
  });

  it('rules read a workflow only through its model.ts', () => {
    const folders = new Set(readdirSync(workflows, { withFileTypes: true }).filter((e) => e.isDirectory() && e.name !== 'rules').map((e) => e.name));
    const offending = [...graph]
      .filter(([file]) => name(file).startsWith('workflows/rules/'))
      .flatMap(([file, edges]) => edges.filter((e) => folders.has(name(e.to).split('/')[1] ?? '') && !e.to.endsWith('/model.ts')).map((e) => `${name(file)} -> ${name(e.to)}`));
    expect(offending).toEqual([]);
  });

  it('definition.ts holds types only', () => {
    expect((graph.get(join(workflows, 'definition.ts')) ?? []).filter((e) => !e.typeOnly).map((e) => name(e.to))).toEqual([]);
    expect(readFileSync(join(workflows, 'definition.ts'), 'utf8')).not.toMatch(/^export (const|function|class|let)\b/m);
  });
});

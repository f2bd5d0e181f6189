import type { Issue } from './errors.ts';

/**
 * What every piece of JSON (or YAML) that enters the system must be before any schema, rule or the
 * audit hash sees it:
 * - text is well-formed Unicode: a lone UTF-16 surrogate (`"\ud800"` is valid JSON) cannot be
 *   written as RFC 8785 canonical JSON, so it would break the audit hash; it is refused, not
 *   repaired, because changing what a caseworker typed would change the record silently;
 * - nesting is bounded, so no walk over the value (validation, substitution, redaction, the
 *   canonical form) can exhaust the stack. The deepest legitimate body (a scenario step's command
 *   data) is well under ten levels.
 */
export const MAX_JSON_DEPTH = 32;
/** Enough to show a caller every bad field of a typical body without echoing a hostile one back. */
const MAX_ISSUES = 20;

const NOT_TEXT = 'a lone UTF-16 surrogate (not a Unicode character): send well-formed text';

// A high surrogate not followed by a low one, or a low one not preceded by a high one (code units, no `u` flag).
const LONE_SURROGATE_AT = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE_AT.source, 'g');

/** Whether the text is well-formed Unicode (String.prototype.isWellFormed, which ES2022 types lack). */
export const isWellFormedText = (text: string): boolean => !LONE_SURROGATE_AT.test(text);

interface Node {
  value: unknown;
  key: string | null;
  parent: Node | null;
  depth: number;
}

function pathOf(node: Node, root: string): string {
  const keys: string[] = [];
  for (let n: Node | null = node; n; n = n.parent) if (n.key !== null) keys.push(n.key);
  return [root, ...keys.reverse()].filter(Boolean).join('.');
}

/** A key shown in a path: a malformed one escaped so the message itself is well-formed. */
const shown = (key: string) => key.replace(LONE_SURROGATES, (c) => `\\u${c.charCodeAt(0).toString(16)}`);

/**
 * Every lone surrogate (in a string or a key) and every value nested deeper than `maxDepth`, as
 * `{ path, message }` issues under `root` (`body`, `scenario`...). Iterative: the value's own depth
 * never reaches the call stack.
 */
export function jsonInputIssues(value: unknown, root: string, maxDepth = MAX_JSON_DEPTH): Issue[] {
  const issues: Issue[] = [];
  const stack: Node[] = [{ value, key: null, parent: null, depth: 0 }];
  while (stack.length > 0 && issues.length < MAX_ISSUES) {
    const node = stack.pop()!;
    const v = node.value;
    if (typeof v === 'string') {
      if (!isWellFormedText(v)) issues.push({ path: pathOf(node, root), message: `holds ${NOT_TEXT}` });
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (node.depth >= maxDepth) {
      issues.push({ path: pathOf(node, root), message: `nested more than ${maxDepth} levels deep` });
      continue;
    }
    const entries: Array<[string, unknown]> = Array.isArray(v) ? v.map((item, i) => [String(i), item]) : Object.entries(v);
    // Pushed in reverse so issues come out in document order.
    for (let i = entries.length - 1; i >= 0; i -= 1) {
      const [key, item] = entries[i]!;
      const child: Node = { value: item, key: shown(key), parent: node, depth: node.depth + 1 };
      if (!isWellFormedText(key)) issues.push({ path: pathOf(child, root), message: `the field name holds ${NOT_TEXT}` });
      stack.push(child);
    }
  }
  return issues;
}

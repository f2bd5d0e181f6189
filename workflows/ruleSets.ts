import type { WorkflowDefinition } from './definition.ts';
import { latest } from './index.ts';
import { commandKey, type CommandKey } from './rules/ids.ts';
import { getRule } from './rules/registry.ts';
import type { Rule } from './rules/types.ts';

/**
 * Proposed rule sets: machine versions and rules registered but not in force. New instances never
 * start on them and no command is decided by them; impact analysis (src/engine/impact.ts) replays
 * the recorded commands under one to show which decisions it would change before a release puts
 * it in force (by registering its machines in workflows/index.ts and its rules in the registry).
 */
export interface RuleSet {
  /** Stable id, e.g. `2026-07-macr-floor`. */
  readonly id: string;
  readonly title: string;
  readonly description?: string;
  /** Machine versions the set brings: each newer than the version of its workflow in force. */
  readonly workflows: readonly WorkflowDefinition[];
  /** Rules the set adds or replaces, by id; ids of the catalogue keep their meaning. */
  readonly rules: readonly Rule[];
}

const proposed = new Map<string, RuleSet>();

const ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** Registers a proposed rule set; refuses an id already taken, a machine not newer than the one in force, or a rule listed twice. */
export function registerRuleSet(set: RuleSet): void {
  if (!ID.test(set.id)) throw new Error(`rule set id ${set.id} must be lower-case letters, digits, '.', '_' or '-'`);
  if (proposed.has(set.id)) throw new Error(`rule set ${set.id} is already registered`);
  for (const def of set.workflows) {
    const current = latest(def.kind);
    if (!current) throw new Error(`rule set ${set.id}: unknown workflow ${def.kind}`);
    if (def.version <= current.version) throw new Error(`rule set ${set.id}: ${def.kind} v${def.version} is not newer than v${current.version} in force`);
  }
  const kinds = set.workflows.map((d) => d.kind);
  if (new Set(kinds).size !== kinds.length) throw new Error(`rule set ${set.id}: a workflow is listed twice`);
  const ids = set.rules.map((r) => r.id);
  if (new Set(ids).size !== ids.length) throw new Error(`rule set ${set.id}: a rule is listed twice`);
  // A command may list only rules that can decide it: a rule declared per command has no check
  // for another (impact analysis would otherwise fail on the first such command it replays).
  const byId = new Map(set.rules.map((r) => [r.id, r]));
  for (const def of set.workflows) {
    for (const [type, spec] of Object.entries(def.commands)) {
      const key = commandKey(def.kind, type);
      for (const id of spec.rules) {
        const r = (byId.get(id) ?? getRule(id)) as Rule & { canCheck?: (k: CommandKey) => boolean };
        if (r.canCheck && !r.canCheck(key)) throw new Error(`rule set ${set.id}: ${key} lists ${id}, which has no check for it`);
      }
    }
  }
  proposed.set(set.id, set);
}

/** Removes a proposed rule set (a proposal withdrawn; tests). */
export function withdrawRuleSet(id: string): boolean {
  return proposed.delete(id);
}

export const proposedRuleSet = (id: string): RuleSet | undefined => proposed.get(id);

export const proposedRuleSets = (): RuleSet[] => [...proposed.values()];

/** What a rule set changes, for listings (GET /v1/rule-sets). */
export function describeRuleSet(set: RuleSet) {
  return {
    id: set.id,
    title: set.title,
    ...(set.description ? { description: set.description } : {}),
    status: 'proposed' as const,
    workflows: set.workflows.map((d) => ({ kind: d.kind, version: d.version, inForce: latest(d.kind)?.version ?? null })),
    rules: set.rules.map((r) => ({ rule: r.id, severity: r.severity, summary: r.summary })),
  };
}

import { principles } from '../principles.ts';
import { commandKey, type CommandKey, type RuleId } from './ids.ts';
import type { Rule, RuleContext, Verdict } from './types.ts';
import { screeningRules } from './screening.ts';
import { childrenRules } from './children.ts';
import { careRules } from './care.ts';
import { detentionRules } from './detention.ts';
import { ageRules } from './age.ts';
import { justiceRules } from './justice.ts';
import { returnRules } from './return.ts';
import { nationalityRules } from './nationality.ts';
import { dataRules } from './dataProtection.ts';
import { genderRules } from './gender.ts';
import { rehabilitationRules } from './rehabilitation.ts';
import { humanitarianRules } from './humanitarian.ts';
import { systemRules } from './system.ts';

/** Every rule of RULES.md, in catalogue order. Ids are stable and never renumbered. */
export const RULES: readonly Rule[] = [
  ...screeningRules,
  ...childrenRules,
  ...careRules,
  ...detentionRules,
  ...ageRules,
  ...justiceRules,
  ...returnRules,
  ...nationalityRules,
  ...dataRules,
  ...genderRules,
  ...rehabilitationRules,
  ...humanitarianRules,
  ...systemRules,
];

const byId: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.id, r]));

export function getRule(id: string): Rule {
  const rule = byId.get(id);
  if (!rule) throw new Error(`unknown rule ${id}`);
  return rule;
}

export const hasRule = (id: string): boolean => byId.has(id);

const byCommand = new Map<CommandKey, RuleId[]>();
for (const r of RULES) for (const key of r.commands) byCommand.set(key, [...(byCommand.get(key) ?? []), r.id]);

/** The rules that guard a command, in catalogue order: derived from the rules' own declarations. */
export const rulesFor = (workflow: string, type: string): readonly RuleId[] => byCommand.get(commandKey(workflow, type)) ?? [];

/** Every command some rule declares it guards. */
export const guardedCommands = (): CommandKey[] => [...byCommand.keys()];

/** Severities that never refuse a command on their own. */
const NON_BLOCKING = new Set(['warn', 'timer']);

/** Evaluates one rule into a verdict, lifting a 2ND finding when a distinct second approver confirms. */
export function evaluateRule(rule: Rule, ctx: RuleContext): Verdict {
  const principle = rule.principles[0];
  if (ctx.preview && rule.previewable === false) {
    return { rule: rule.id, ok: true, severity: rule.severity, reason: 'decided on the command data when it is sent', principle, deferred: true };
  }
  const seen: Record<string, boolean> = {};
  // The rule sees the same context plus an observer; a prototype keeps the lazy family read lazy.
  const observed: RuleContext = Object.create(ctx, { observe: { value: (name: string, holds: boolean) => void (seen[name] = holds) } });
  const finding = rule.check(observed);
  Object.assign(seen, finding.conditions);
  const conditions = Object.keys(seen).length ? { conditions: seen } : {};
  if (finding.ok) return { rule: rule.id, ok: true, severity: rule.severity, reason: finding.reason, principle, ...conditions };
  const severity = finding.severity ?? rule.severity;
  const second = finding.secondApprover;
  if (second && ctx.proposedBy && ctx.proposedBy.id !== ctx.actor.id && ctx.actor.roles.includes(second)) {
    return { rule: rule.id, ok: true, severity, reason: `${finding.reason}; confirmed by a second ${second}`, principle, ...conditions };
  }
  return { rule: rule.id, ok: false, severity, reason: finding.reason, principle, ...(second ? { secondApprover: second } : {}), ...conditions };
}

/** Evaluates every listed rule: none short-circuits, so a refusal names everything missing at once. */
export function evaluate(ids: readonly string[], ctx: RuleContext): Verdict[] {
  return ids.map((id) => evaluateRule(ctx.rules?.get(id) ?? getRule(id), ctx));
}

/** A verdict that refuses the command (WARN and TIMER never do). */
export const refuses = (v: Verdict): boolean => !v.ok && !NON_BLOCKING.has(v.severity);

/** True when no verdict refuses. */
export const allows = (verdicts: readonly Verdict[]): boolean => !verdicts.some(refuses);

export function principleRef(rule: Rule): string {
  return rule.principles.map((p) => principles.get(p)?.ref ?? p).join(', ');
}

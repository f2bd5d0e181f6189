import { principles } from '../principles.ts';
import { commandKey, type CommandKey, type RuleId } from './ids.ts';
import type { Finding, Rule, RuleContext, Verdict } from './types.ts';
import { qualify, render, say, type Message } from './messages.ts';
import { screeningRules } from './screening.ts';
import { childrenRules } from './children.ts';
import { careRules } from './care.ts';
import { detentionRules } from './detention.ts';
import { ageRules } from './age.ts';
import { justiceRules } from './justice.ts';
import { returnRules } from './return.ts';
import { nationalityRules } from './nationality.ts';
import { dataRules } from './dataProtection.ts';
import { erasureRules } from './erasure.ts';
import { genderRules } from './gender.ts';
import { rehabilitationRules } from './rehabilitation.ts';
import { humanitarianRules } from './humanitarian.ts';
import { systemRules } from './system.ts';
// The texts of the verdicts the engine builds itself (JOINT, the assistance-eligibility configuration)
// and the names of states and commands they cite:
// registered with the rules' own, so a stored record renders wherever the catalogue is loaded.
import './joint.messages.ts';
import './workflow.messages.ts';
import './policy.messages.ts';

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
  ...erasureRules,
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

/** The structured part of a finding as its verdict carries it: codes qualified by the rule id. */
function explanationOf(rule: Rule, finding: Finding): Partial<Verdict> {
  const q = (m: Message): Message => ({ ...m, code: qualify(rule.id, m.code) });
  return {
    ...(finding.message ? { code: qualify(rule.id, finding.message.code), ...(finding.message.params ? { params: finding.message.params } : {}) } : {}),
    ...(finding.more?.length ? { more: finding.more.map(q) } : {}),
    ...(finding.facts?.length ? { facts: finding.facts } : {}),
    ...(finding.evidenceIds?.length ? { evidenceIds: finding.evidenceIds } : {}),
    ...(finding.toAllow?.length ? { toAllow: finding.toAllow.map(q) } : {}),
  };
}

/** Evaluates one rule into a verdict, lifting a 2ND finding when a distinct second approver confirms. */
export function evaluateRule(rule: Rule, ctx: RuleContext): Verdict {
  const principle = rule.principles[0];
  if (ctx.preview && rule.previewable === false) {
    const deferred = say('deferred');
    return { rule: rule.id, ok: true, severity: rule.severity, code: qualify(rule.id, deferred.code), reason: render(deferred, 'en'), principle, deferred: true };
  }
  const seen: Record<string, boolean> = {};
  // The rule sees the same context plus an observer; a prototype keeps the lazy family read lazy.
  const observed: RuleContext = Object.create(ctx, { observe: { value: (name: string, holds: boolean) => void (seen[name] = holds) } });
  const finding = rule.check(observed);
  Object.assign(seen, finding.conditions);
  const conditions = Object.keys(seen).length ? { conditions: seen } : {};
  const explained = explanationOf(rule, finding);
  if (finding.ok) {
    const { toAllow: _t, ...passed } = explained;
    return { rule: rule.id, ok: true, severity: rule.severity, reason: finding.reason, principle, ...passed, ...conditions };
  }
  const severity = finding.severity ?? rule.severity;
  const second = finding.secondApprover;
  if (second && ctx.proposedBy && ctx.proposedBy.id !== ctx.actor.id && ctx.actor.roles.includes(second)) {
    const { toAllow: _t, ...lifted } = explained;
    const confirmed = say('confirmed_by_second', { role: second });
    if (!explained.code) return { rule: rule.id, ok: true, severity, reason: `${finding.reason}; confirmed by a second ${second}`, principle, ...conditions };
    return { rule: rule.id, ok: true, severity, reason: `${finding.reason}; ${render(confirmed, 'en')}`, principle, ...lifted, more: [...(lifted.more ?? []), { ...confirmed, code: qualify(rule.id, confirmed.code) }], ...conditions };
  }
  // A 2ND refusal always says the second approver would lift it.
  const toAllow = second && explained.code && !explained.toAllow?.some((m) => m.code.endsWith('.second_approver')) ? { toAllow: [...(explained.toAllow ?? []), { code: qualify(rule.id, 'second_approver'), params: { role: second } }] } : {};
  return { rule: rule.id, ok: false, severity, reason: finding.reason, principle, ...explained, ...toAllow, ...(second ? { secondApprover: second } : {}), ...conditions };
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

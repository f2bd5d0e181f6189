import { EligibilityCriterion, forbiddenCondition, forbiddenCriteria } from '../assistance.ts';
import { data, fail, pass } from './facts.ts';
import { say } from './humanitarian.messages.ts';
import type { Rule, RuleContext } from './types.ts';
import { rule } from './rule.ts';

/** Humanitarian (RULES.md §4.12). */

/** Every eligibility criterion a command carries: `data.eligibility` and each `data.services[].eligibility`. */
export function criteriaOf(ctx: RuleContext): { field: string }[] {
  const d = data(ctx);
  const lists: unknown[] = [d['eligibility']];
  if (Array.isArray(d['services'])) for (const s of d['services'] as unknown[]) if (s && typeof s === 'object') lists.push((s as Record<string, unknown>)['eligibility']);
  const out: { field: string }[] = [];
  for (const list of lists) {
    if (!Array.isArray(list)) continue;
    for (const c of list) {
      const parsed = EligibilityCriterion.safeParse(c);
      if (parsed.success) out.push(parsed.data);
    }
  }
  return out;
}

/**
 * What in a command makes aid or a service depend on consent (KP-CHILD-06, KP B-HUM1): an
 * eligibility criterion on consent (a parent's consent status, consent to separation or return),
 * or a service condition on it — the person's own informed consent to the service excepted.
 */
export type ConsentGate = { readonly field: string } | { readonly service: string; readonly condition: string };

export function consentGating(ctx: RuleContext): ConsentGate[] {
  const out: ConsentGate[] = forbiddenCriteria(criteriaOf(ctx))
    .filter((f) => f.concept === 'consent')
    .map((f) => ({ field: f.field }));
  const services = data(ctx)['services'];
  if (Array.isArray(services)) {
    for (const s of services as Array<{ type?: unknown; conditions?: unknown }>) {
      for (const c of Array.isArray(s?.conditions) ? s.conditions : []) if (typeof c === 'string' && forbiddenCondition(c) === 'consent') out.push({ service: String(s.type), condition: c });
    }
  }
  return out;
}

export const humanitarianRules: readonly Rule[] = [
  rule({
    id: 'KP-HUM-01',
    principles: ['B.humanitarian.non-discrimination', 'B.humanitarian.access'],
    summary: 'Eligibility rules for basic assistance (food, health, shelter, water and sanitation, education) must not refer to affiliation, screening result or family links.',
    severity: 'block',
    guards: ['rehabilitation.CREATE_PLAN', 'rehabilitation.REVIEW_PLAN'],
    previewable: false,
    check(ctx) {
      const criteria = criteriaOf(ctx);
      const facts = ['command.eligibility', 'command.services'];
      // Consent is KP-CHILD-06's: never a condition of aid.
      const [first, ...rest] = forbiddenCriteria(criteria).filter((f) => f.concept !== 'consent');
      if (first) {
        return fail([say('KP-HUM-01.forbidden', { concept: first.concept, field: first.field }), ...rest.map((f) => say('KP-HUM-01.also_forbidden', { concept: f.concept, field: f.field }))], {
          facts,
          toAllow: [say('KP-HUM-01.allow_needs')],
        });
      }
      return pass(criteria.length > 0 ? say('KP-HUM-01.needs_only') : say('KP-HUM-01.open'), { facts });
    },
  }),
];

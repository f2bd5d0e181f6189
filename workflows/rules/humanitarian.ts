import { EligibilityCriterion, forbiddenCriteria } from '../assistance.ts';
import { data, fail, pass } from './facts.ts';
import type { Rule, RuleContext } from './types.ts';
import { rule } from './rule.ts';

/** Humanitarian (RULES.md §4.12). */

/** Every eligibility criterion a command carries: `data.eligibility` and each `data.services[].eligibility`. */
function criteriaOf(ctx: RuleContext): { field: string }[] {
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
      const forbidden = forbiddenCriteria(criteria);
      if (forbidden.length > 0) {
        return fail(`assistance eligibility may not depend on ${forbidden.map((f) => `${f.concept.replace(/_/g, ' ')} (${f.field})`).join(', ')}`);
      }
      return pass(criteria.length > 0 ? 'eligibility depends on needs only' : 'no eligibility criteria: open to everyone');
    },
  }),
];

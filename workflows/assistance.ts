import { z } from 'zod';

/**
 * Eligibility rules for basic assistance (KP-HUM-01; KP B-HUM1, B-HUM2). Humanitarian assistance
 * is given without discrimination, whatever a person's perceived status or affiliation: an
 * eligibility rule may look at needs (age, sex, household size, disability, medical condition,
 * location...) but never at affiliation, a screening result, family links or a security rating.
 * Pure: the API validates configuration with `validateAssistanceEligibility` before storing it,
 * and rule KP-HUM-01 uses `forbiddenCriteria` on commands that carry eligibility criteria.
 */

/** The kinds of basic assistance RULES.md §4.12 names, plus the usual humanitarian sectors. */
export const ASSISTANCE_KINDS = ['food', 'health', 'shelter', 'water_sanitation', 'education', 'non_food_items', 'cash', 'protection', 'other'] as const;
export type AssistanceKind = (typeof ASSISTANCE_KINDS)[number];

/** A field path in the case file or a workflow outcome: `person.sex`, `householdSize`, `location.kind`. */
export const CriterionField = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/, 'must be a field path such as person.sex or householdSize');

export const EligibilityCriterion = z.strictObject({
  field: CriterionField,
  operator: z.enum(['eq', 'neq', 'in', 'not_in', 'lt', 'lte', 'gt', 'gte', 'exists']),
  value: z.union([z.string().max(200), z.number(), z.boolean(), z.array(z.union([z.string().max(200), z.number()])).max(100)]).optional(),
});
export type EligibilityCriterion = z.infer<typeof EligibilityCriterion>;

export const AssistanceEligibilityRule = z.strictObject({
  id: z.string().min(1).max(64),
  assistance: z.enum(ASSISTANCE_KINDS),
  description: z.string().max(2000).optional(),
  /** All criteria must hold (AND). An empty list means "everyone". */
  criteria: z.array(EligibilityCriterion).max(50),
});
export type AssistanceEligibilityRule = z.infer<typeof AssistanceEligibilityRule>;

export const AssistanceEligibilityConfig = z.array(AssistanceEligibilityRule).max(500);

/** What a forbidden field refers to; the reason a refusal gives. */
export type ForbiddenConcept = 'affiliation' | 'screening_result' | 'family_links' | 'security_classification' | 'cooperation_or_prosecution';

/**
 * Forbidden field names, compared after lower-casing and removing `_`, per path segment and for
 * the whole path joined. A segment that starts with a stem is forbidden too
 * (`affiliationLevel`, `screeningOutcome`, `securityRisk`).
 */
const FORBIDDEN_STEMS: ReadonlyArray<readonly [string, ForbiddenConcept]> = [
  ['affiliat', 'affiliation'],
  ['membership', 'affiliation'],
  ['perceivedstatus', 'affiliation'],
  ['screening', 'screening_result'],
  ['victimstatus', 'screening_result'],
  ['suspect', 'screening_result'],
  ['familylink', 'family_links'],
  ['familylinks', 'family_links'],
  ['relative', 'family_links'],
  ['relation', 'family_links'],
  ['spouse', 'family_links'],
  ['husband', 'family_links'],
  ['father', 'family_links'],
  ['security', 'security_classification'],
  ['risklevel', 'security_classification'],
  ['riskrating', 'security_classification'],
  ['threatlevel', 'security_classification'],
  ['watchlist', 'security_classification'],
  ['cooperat', 'cooperation_or_prosecution'],
  ['prosecut', 'cooperation_or_prosecution'],
  ['charge', 'cooperation_or_prosecution'],
  ['conviction', 'cooperation_or_prosecution'],
  ['convicted', 'cooperation_or_prosecution'],
];

/** Example field names that are always refused (documentation and tests; the stems above decide). */
export const FORBIDDEN_ELIGIBILITY_FIELDS = [
  'affiliation',
  'affiliationLevel',
  'screeningOutcome',
  'screening.outcome',
  'familyLinks',
  'familyLinks.relation',
  'securityRisk',
  'securityClassification',
  'riskLevel',
  'watchlist',
  'cooperation',
  'prosecutionOutcome',
] as const;

const normalise = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The forbidden concept a field path refers to, or null when it may be used. */
export function forbiddenConcept(field: string): ForbiddenConcept | null {
  const segments = field.split(/[.[\]/]+/).filter(Boolean).map(normalise);
  for (const candidate of [...segments, normalise(field)]) {
    for (const [stem, concept] of FORBIDDEN_STEMS) if (candidate.startsWith(stem)) return concept;
  }
  return null;
}

export interface ForbiddenCriterion {
  readonly field: string;
  readonly concept: ForbiddenConcept;
}

/** The criteria (by field) that refer to something eligibility may never depend on. */
export function forbiddenCriteria(criteria: readonly { readonly field: string }[]): ForbiddenCriterion[] {
  const out: ForbiddenCriterion[] = [];
  for (const c of criteria) {
    const concept = forbiddenConcept(c.field);
    if (concept) out.push({ field: c.field, concept });
  }
  return out;
}

export interface EligibilityIssue {
  /** `KP-HUM-01` for a forbidden criterion; `schema` for a malformed rule. */
  readonly rule: 'KP-HUM-01' | 'schema';
  readonly path: readonly (string | number)[];
  readonly message: string;
  readonly field?: string;
  readonly concept?: ForbiddenConcept;
}

export type EligibilityValidation =
  | { readonly ok: true; readonly rules: AssistanceEligibilityRule[] }
  | { readonly ok: false; readonly issues: EligibilityIssue[] };

/**
 * Validates an assistance-eligibility configuration (BLOCK at config validation, KP-HUM-01).
 * Takes unknown input so that the API can pass a request body as it came: malformed rules give
 * `schema` issues (400), forbidden criteria give `KP-HUM-01` issues (422); only an `ok` result
 * may be stored.
 */
export function validateAssistanceEligibility(input: unknown): EligibilityValidation {
  const parsed = AssistanceEligibilityConfig.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({ rule: 'schema' as const, path: i.path.filter((p): p is string | number => typeof p !== 'symbol'), message: i.message })),
    };
  }
  const issues: EligibilityIssue[] = [];
  const ids = new Set<string>();
  parsed.data.forEach((rule, r) => {
    if (ids.has(rule.id)) issues.push({ rule: 'schema', path: [r, 'id'], message: `duplicate rule id ${rule.id}` });
    ids.add(rule.id);
    rule.criteria.forEach((c, i) => {
      const concept = forbiddenConcept(c.field);
      if (concept) {
        issues.push({
          rule: 'KP-HUM-01',
          path: [r, 'criteria', i, 'field'],
          field: c.field,
          concept,
          message: `${rule.assistance} eligibility may not depend on ${concept.replace(/_/g, ' ')} (field ${c.field}): basic assistance is given without discrimination`,
        });
      }
    });
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, rules: parsed.data };
}

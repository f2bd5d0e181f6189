import { z } from 'zod';
import { freeText, plain } from './personal.ts';

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
export const CriterionField = plain(
  z
    .string()
    .min(1)
    .max(200)
    .regex(/^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/, 'must be a field path such as person.sex or householdSize'),
);

export const EligibilityCriterion = z.strictObject({
  field: CriterionField,
  operator: z.enum(['eq', 'neq', 'in', 'not_in', 'lt', 'lte', 'gt', 'gte', 'exists']),
  value: z.union([freeText(z.string().max(200)), z.number(), z.boolean(), z.array(z.union([freeText(z.string().max(200)), z.number()])).max(100)]).optional(),
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

/**
 * What a forbidden criterion refers to; the reason a refusal gives. `consent` (a parent's consent
 * status, consent to separation or return) is KP-CHILD-06's: consent is never a condition of aid.
 */
export type ForbiddenConcept = 'affiliation' | 'screening_result' | 'family_links' | 'security_classification' | 'cooperation_or_prosecution' | 'detention' | 'consent';

/**
 * The eligibility language: a criterion names a path into what the engine knows about a person
 * (`person.*`, `location.*`, the derived `age`/`child`, `familyLinks`, `evidence`), a workflow's
 * recorded state, outcome or data (`<kind>.*`, also written `workflows.<kind>.*`), or a
 * needs-assessment indicator kept outside the case file (`householdSize`, `foodSecurityScore`).
 * Each path is judged by what it means, not by how it is spelled: every path into the screening,
 * the proceedings (legal) or detention is that outcome, whatever follows; a path into the
 * best-interests record that reaches the consents is consent. Needs-assessment names, which the
 * engine cannot resolve, are judged by the words they are made of (the stems below).
 */
export const WORKFLOW_MEANINGS = {
  screening: 'screening_result',
  legal: 'cooperation_or_prosecution',
  detention: 'detention',
  age_assessment: null,
  best_interests: null,
  non_refoulement: null,
  nationality: null,
  repatriation: null,
  rehabilitation: null,
  case: null,
} as const satisfies Record<string, ForbiddenConcept | null>;

/** Roots of the case file a criterion may name, with what they mean (null: a need or a status that may be used). */
export const CASE_FILE_MEANINGS = {
  person: null,
  location: null,
  age: null,
  child: null,
  familyLinks: 'family_links',
  family: 'family_links',
  evidence: 'affiliation',
} as const satisfies Record<string, ForbiddenConcept | null>;

/**
 * Words of a needs-assessment indicator (or of a path below a known root) that name a forbidden
 * concept, compared lower-cased without separators; a segment starting with one is forbidden
 * (`affiliationLevel`, `screeningOutcome`, `securityRisk`, `parentalConsent`).
 */
const FORBIDDEN_STEMS: ReadonlyArray<readonly [string, ForbiddenConcept]> = [
  ['affiliat', 'affiliation'],
  ['membership', 'affiliation'],
  ['perceivedstatus', 'affiliation'],
  ['screening', 'screening_result'],
  ['victimstatus', 'screening_result'],
  ['suspect', 'screening_result'],
  ['familylink', 'family_links'],
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
  ['acquit', 'cooperation_or_prosecution'],
  ['judgment', 'cooperation_or_prosecution'],
  ['sentence', 'cooperation_or_prosecution'],
  ['proceeding', 'cooperation_or_prosecution'],
  ['detain', 'detention'],
  ['detention', 'detention'],
  ['consent', 'consent'],
  ['parentalconsent', 'consent'],
];

/** Example field names that are always refused (documentation and tests; the meanings above decide). */
export const FORBIDDEN_ELIGIBILITY_FIELDS = [
  'affiliation',
  'affiliationLevel',
  'screeningOutcome',
  'screening.outcome',
  'legal.outcome',
  'detention.state',
  'workflows.legal.outcome',
  'familyLinks',
  'familyLinks.relation',
  'evidence.kind',
  'securityRisk',
  'securityClassification',
  'riskLevel',
  'watchlist',
  'cooperation',
  'prosecutionOutcome',
] as const;

const normalise = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');
const byNormalisedName = <T>(table: Readonly<Record<string, T>>): ReadonlyMap<string, T> => new Map(Object.entries(table).map(([k, v]) => [normalise(k), v]));
const WORKFLOWS = byNormalisedName<ForbiddenConcept | null>(WORKFLOW_MEANINGS);
const CASE_FILE = byNormalisedName<ForbiddenConcept | null>(CASE_FILE_MEANINGS);

function stemConcept(segments: readonly string[]): ForbiddenConcept | null {
  for (const candidate of [...segments, segments.join('')]) {
    for (const [stem, concept] of FORBIDDEN_STEMS) if (candidate.startsWith(stem)) return concept;
  }
  return null;
}

/** The forbidden concept a criterion's field path refers to, or null when it may be used. */
export function forbiddenConcept(field: string): ForbiddenConcept | null {
  let segments = field.split(/[.[\]/]+/).filter(Boolean).map(normalise);
  if (segments[0] === 'workflows' && segments.length > 1) segments = segments.slice(1);
  const [root, ...rest] = segments;
  if (root === undefined) return null;
  if (WORKFLOWS.has(root)) {
    const meaning = WORKFLOWS.get(root)!;
    if (meaning) return meaning;
    // The best-interests record holds the parents' consents: eligibility on them is consent-gating.
    return stemConcept(rest);
  }
  if (CASE_FILE.has(root)) return CASE_FILE.get(root) ?? stemConcept(rest);
  return stemConcept(segments);
}

/**
 * Service conditions (rehabilitation `conditions`, codes) judged like criteria, except the one
 * condition that is the person's own: informed consent to receive the service itself.
 */
export function forbiddenCondition(code: string): ForbiddenConcept | null {
  if (normalise(code) === 'informedconsent') return null;
  return forbiddenConcept(code);
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
  /** `KP-HUM-01` for a forbidden criterion, `KP-CHILD-06` for one on consent; `schema` for a malformed rule. */
  readonly rule: 'KP-HUM-01' | 'KP-CHILD-06' | 'schema';
  readonly path: readonly (string | number)[];
  readonly message: string;
  readonly field?: string;
  readonly concept?: ForbiddenConcept;
  /** The kind of assistance whose rule carries the forbidden criterion. */
  readonly assistance?: AssistanceKind;
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
          rule: concept === 'consent' ? 'KP-CHILD-06' : 'KP-HUM-01',
          path: [r, 'criteria', i, 'field'],
          field: c.field,
          concept,
          assistance: rule.assistance,
          message: concept === 'consent'
            ? `${rule.assistance} eligibility may not depend on consent (field ${c.field}): consent is never a condition of aid or services`
            : `${rule.assistance} eligibility may not depend on ${concept.replace(/_/g, ' ')} (field ${c.field}): basic assistance is given without discrimination`,
        });
      }
    });
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, rules: parsed.data };
}

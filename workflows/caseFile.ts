import { z } from 'zod';
import { isCalendarDate } from './age.ts';

/**
 * The case file: the facts about one person (WORKFLOWS.md "The case file"). These schemas are the
 * single source of the API's request types and of the OpenAPI document.
 */
export const IsoDate = z
  .string()
  .refine(isCalendarDate, { message: 'must be a calendar date YYYY-MM-DD' })
  .meta({ description: 'Calendar date, YYYY-MM-DD', example: '2015-06-01' });

export const IsoInstant = z.iso.datetime({ offset: true }).meta({ description: 'ISO 8601 instant' });

export const StateCode = z
  .string()
  .regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'must be an ISO 3166 alpha-2 code, optionally with a subdivision (IQ-KR)');

export const DateOfBirth = z.union([
  z.strictObject({ exact: IsoDate }),
  z
    .strictObject({
      earliest: IsoDate,
      latest: IsoDate,
      method: z.string().min(1).max(200),
      confidence: z.enum(['low', 'medium', 'high']),
    })
    .refine((d) => d.earliest <= d.latest, { message: 'earliest must not be after latest', path: ['earliest'] }),
]);
export type DateOfBirth = z.infer<typeof DateOfBirth>;

export const Name = z.strictObject({
  given: z.string().min(1).max(200),
  family: z.string().max(200).default(''),
  script: z.enum(['latin', 'arabic', 'cyrillic', 'other']).default('latin'),
});

export const NATIONALITY_STATUS = ['claimed', 'verified', 'disputed'] as const;
export const Nationality = z.strictObject({ state: StateCode, status: z.enum(NATIONALITY_STATUS) });

export const Document = z.strictObject({
  type: z.string().min(1).max(100),
  number: z.string().min(1).max(100),
  issuer: z.string().min(1).max(200),
  expires: IsoDate.optional(),
});

export const VULNERABILITIES = [
  'unaccompanied',
  'separated',
  'orphan',
  'disability',
  'sgbv_survivor',
  'medical',
  'pregnant',
  'child_marriage',
  'trafficking_survivor',
  'child_headed_household',
  'mental_health',
] as const;

export const Person = z.strictObject({
  names: z.array(Name).min(1).max(20),
  sex: z.enum(['female', 'male', 'unknown']),
  dateOfBirth: DateOfBirth,
  placeOfBirth: z.string().max(200).optional(),
  nationalities: z.array(Nationality).max(10).default([]),
  documents: z.array(Document).max(50).default([]),
  vulnerabilities: z.array(z.enum(VULNERABILITIES)).max(20).default([]),
});
export type Person = z.infer<typeof Person>;

export const LOCATION_KINDS = ['camp', 'detention', 'hospital', 'community', 'returned'] as const;
export const Location = z.strictObject({
  kind: z.enum(LOCATION_KINDS),
  name: z.string().min(1).max(200),
  state: StateCode,
  /** A camp or centre the person may not leave at will is deprivation of liberty (KP-DET-01). */
  closed: z.boolean().optional(),
  since: IsoDate.optional(),
});
export type Location = z.infer<typeof Location>;

export const RELATIONS = ['mother', 'father', 'parent', 'child', 'sibling', 'caregiver', 'spouse', 'guardian', 'ward'] as const;
export type Relation = (typeof RELATIONS)[number];

export const FamilyLink = z.strictObject({ caseId: z.string().min(1).max(64), relation: z.enum(RELATIONS) });
export type FamilyLink = z.infer<typeof FamilyLink>;

/** The facts a case holds. Derived facts (child, age) are never stored. */
export const CaseFacts = z.strictObject({ person: Person, location: Location });
export type CaseFacts = z.infer<typeof CaseFacts>;

export const EVIDENCE_CONCERNS = ['own_conduct', 'family_member', 'location_or_residence', 'general'] as const;
export const TORTURE_ALLEGATION = ['none', 'alleged', 'confirmed'] as const;

/** An evidence id: the client's own (WORKFLOWS.md lists `id`), unique within the case, or generated. */
export const EvidenceId = z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9][A-Za-z0-9._:/-]*$/, 'letters, digits and . _ : / - only');

export const EvidenceInput = z.strictObject({
  /** Optional: the client's id for the item (unique within the case); generated when left out. */
  id: EvidenceId.optional(),
  kind: z.string().min(1).max(100),
  summary: z.string().min(1).max(5000),
  concerns: z.enum(EVIDENCE_CONCERNS),
  tortureAllegation: z.enum(TORTURE_ALLEGATION).default('none'),
  /** Set once an alleged torture taint has been investigated (KP-JUS-06). */
  investigation: z.enum(['pending', 'cleared', 'confirmed']).optional(),
  source: z.string().min(1).max(500),
  /** When the evidence was obtained: a date, or an instant. */
  at: z.union([IsoDate, IsoInstant]),
});
export type EvidenceInput = z.infer<typeof EvidenceInput>;
export type EvidenceItem = EvidenceInput & { readonly id: string; readonly recordedAt: string; readonly recordedBy: string };

/** The inverse of a link, as seen from the other person's case (kept symmetric by the server). */
export function inverseRelation(relation: Relation, ownSex: Person['sex']): Relation {
  switch (relation) {
    case 'mother':
    case 'father':
    case 'parent':
      return 'child';
    case 'child':
      return ownSex === 'female' ? 'mother' : ownSex === 'male' ? 'father' : 'parent';
    case 'caregiver':
    case 'guardian':
      return 'ward';
    case 'ward':
      return 'guardian';
    case 'sibling':
    case 'spouse':
      return relation;
  }
}

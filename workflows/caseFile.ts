import { z } from 'zod';
import { isCalendarDate } from './age.ts';
import { freeText, identifying, plain } from './personal.ts';

/**
 * The case file: the facts about one person (WORKFLOWS.md "The case file"). These schemas are the
 * single source of the API's request types and of the OpenAPI document.
 */
export const IsoDate = plain(
  z
    .string()
    .refine(isCalendarDate, { message: 'must be a calendar date YYYY-MM-DD' })
    .meta({ description: 'Calendar date, YYYY-MM-DD', example: '2015-06-01' }),
);

export const IsoInstant = plain(z.iso.datetime({ offset: true }).meta({ description: 'ISO 8601 instant' }));

export const StateCode = plain(
  z.string().regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'must be an ISO 3166 alpha-2 code, optionally with a subdivision (IQ-KR)'),
);

/** A date of birth identifies the person: hidden whole (an age band shown instead in the case view). */
export const DateOfBirth = identifying(
  z.union([
    z.strictObject({ exact: IsoDate }),
    z
      .strictObject({
        earliest: IsoDate,
        latest: IsoDate,
        method: freeText(z.string().min(1).max(200)),
        confidence: z.enum(['low', 'medium', 'high']),
      })
      .refine((d) => d.earliest <= d.latest, { message: 'earliest must not be after latest', path: ['earliest'] }),
  ]),
);
export type DateOfBirth = z.infer<typeof DateOfBirth>;

export const Name = z.strictObject({
  given: identifying(z.string().min(1).max(200)),
  family: identifying(z.string().max(200)).default(''),
  script: z.enum(['latin', 'arabic', 'cyrillic', 'other']).default('latin'),
});

export const NATIONALITY_STATUS = ['claimed', 'verified', 'disputed'] as const;
export const Nationality = z.strictObject({ state: StateCode, status: z.enum(NATIONALITY_STATUS) });

export const Document = z.strictObject({
  type: freeText(z.string().min(1).max(100)),
  number: identifying(z.string().min(1).max(100)),
  issuer: freeText(z.string().min(1).max(200)),
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
  /** Names, date of birth, place of birth and documents identify the person: each is hidden whole. */
  names: identifying(z.array(Name).min(1).max(20)),
  sex: z.enum(['female', 'male', 'unknown']),
  dateOfBirth: DateOfBirth,
  placeOfBirth: identifying(z.string().max(200)).optional(),
  nationalities: z.array(Nationality).max(10).default([]),
  documents: identifying(z.array(Document).max(50)).default([]),
  vulnerabilities: z.array(z.enum(VULNERABILITIES)).max(20).default([]),
});
export type Person = z.infer<typeof Person>;

export const LOCATION_KINDS = ['camp', 'detention', 'hospital', 'community', 'returned'] as const;
export const Location = z.strictObject({
  kind: z.enum(LOCATION_KINDS),
  /** A camp's or centre's name locates the person. */
  name: identifying(z.string().min(1).max(200)),
  state: StateCode,
  /** A camp or centre the person may not leave at will is deprivation of liberty (KP-DET-01). */
  closed: z.boolean().optional(),
  since: IsoDate.optional(),
});
export type Location = z.infer<typeof Location>;

export const RELATIONS = ['mother', 'father', 'parent', 'child', 'sibling', 'caregiver', 'spouse', 'guardian', 'ward'] as const;
export type Relation = (typeof RELATIONS)[number];

/** A case id: a closed form (never a name). */
export const CaseId = plain(z.string().min(1).max(64));

export const FamilyLink = z.strictObject({ caseId: CaseId, relation: z.enum(RELATIONS) });
export type FamilyLink = z.infer<typeof FamilyLink>;

/** The facts a case holds. Derived facts (child, age) are never stored. */
export const CaseFacts = z.strictObject({ person: Person, location: Location });
export type CaseFacts = z.infer<typeof CaseFacts>;

export const EVIDENCE_CONCERNS = ['own_conduct', 'family_member', 'location_or_residence', 'general'] as const;
export const TORTURE_ALLEGATION = ['none', 'alleged', 'confirmed'] as const;

/** An evidence id: the client's own (WORKFLOWS.md lists `id`), unique within the case, or generated. */
export const EvidenceId = plain(z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9][A-Za-z0-9._:/-]*$/, 'letters, digits and . _ : / - only'));

export const EvidenceInput = z.strictObject({
  /** Optional: the client's id for the item (unique within the case); generated when left out. */
  id: EvidenceId.optional(),
  kind: freeText(z.string().min(1).max(100)),
  summary: freeText(z.string().min(1).max(5000)),
  concerns: z.enum(EVIDENCE_CONCERNS),
  tortureAllegation: z.enum(TORTURE_ALLEGATION).default('none'),
  /** Set once an alleged torture taint has been investigated (KP-JUS-06). */
  investigation: z.enum(['pending', 'cleared', 'confirmed']).optional(),
  source: freeText(z.string().min(1).max(500)),
  /** When the evidence was obtained: a date, or an instant. */
  at: z.union([IsoDate, IsoInstant]),
});
export type EvidenceInput = z.infer<typeof EvidenceInput>;
export type EvidenceItem = EvidenceInput & { readonly id: string; readonly recordedAt: string; readonly recordedBy: string };

/** POST /v1/cases: the case file and its family links (the CASE_REGISTERED record keeps facts and links). */
export const RegisterCase = z.strictObject({
  person: Person,
  location: Location,
  familyLinks: z.array(FamilyLink).max(50).default([]),
});

/**
 * `person` fields for PATCH. `Person.partial()` alone would keep the `.default([])` of the list
 * fields, so a PATCH naming any other field would silently replace nationalities, documents and
 * vulnerabilities with empty lists: a field left out must be left alone.
 */
const { nationalities, documents, vulnerabilities } = Person.shape;
const PersonPatch = Person.partial().extend({
  nationalities: nationalities.removeDefault().optional(),
  documents: documents.removeDefault().optional(),
  vulnerabilities: vulnerabilities.removeDefault().optional(),
});

/** PATCH: replace any of the top-level parts; `person` merges its own fields (the FACTS_UPDATED record keeps the patch). */
export const PatchCase = z.strictObject({
  person: PersonPatch.optional(),
  location: Location.optional(),
  familyLinks: z.array(FamilyLink).max(50).optional(),
});

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

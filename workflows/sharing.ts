/** External sharing vocabulary (KP-DATA-01): what a share may name and who may receive it. Pure data. */

/** What an external share may name (SHARE_RECORD `fields`): data minimisation means listing them. */
export const SHAREABLE_FIELDS = [
  'names',
  'dateOfBirth',
  'placeOfBirth',
  'documents',
  'photo',
  'biometrics',
  'contact',
  'sex',
  'ageBand',
  'nationalities',
  'location',
  'vulnerabilities',
  'familyLinks',
  'evidence',
  'screening',
  'bestInterests',
  'legal',
  'detention',
  'rehabilitation',
  /** The whole record: always refused (data minimisation). */
  'full_record',
] as const;
export type ShareableField = (typeof SHAREABLE_FIELDS)[number];

/** Fields that identify a person. Never shared for a child (KP-DATA-01). */
export const IDENTIFYING_FIELDS: ReadonlySet<ShareableField> = new Set<ShareableField>(['names', 'dateOfBirth', 'placeOfBirth', 'documents', 'photo', 'biometrics', 'contact', 'full_record']);

export const RECIPIENT_KINDS = ['un_agency', 'humanitarian', 'state_authority', 'consular', 'security_actor', 'court', 'other'] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];

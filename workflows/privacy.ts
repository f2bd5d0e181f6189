import { calendarDate, isChild, youngestAge } from './age.ts';
import type { CaseFacts, EvidenceItem, Person } from './caseFile.ts';
import type { Role } from './roles.ts';
import { effectiveDateOfBirth } from './rules/facts.ts';
import type { CaseView } from './rules/types.ts';

/**
 * Privacy and confidentiality of children (KP-DATA-01; KP B-CH5, C7). Pure: who may see a
 * child's identity, what a record may carry when shared, and the redacted view of a case that
 * the API and the reviewers' page show to roles that do not need to know who the child is.
 */

/** Roles whose work needs a child's identity. `reviewer`, `policy` and `admin` never see it. */
export const SEES_CHILD_IDENTITY: ReadonlySet<Role> = new Set<Role>(['caseworker', 'supervisor', 'bid_panel', 'legal_officer']);

export const seesChildIdentity = (roles: readonly Role[]): boolean => roles.some((r) => SEES_CHILD_IDENTITY.has(r));

export const REDACTED = '[redacted]' as const;
export type Redacted = typeof REDACTED;

/** A coarse age band in place of a hidden date of birth (youngest plausible age). */
export type AgeBand = '0-4' | '5-11' | '12-14' | '15-17' | '18+';

export function ageBand(age: number): AgeBand {
  if (age < 5) return '0-4';
  if (age < 12) return '5-11';
  if (age < 15) return '12-14';
  if (age < 18) return '15-17';
  return '18+';
}

export interface PersonView extends Omit<Person, 'names' | 'dateOfBirth' | 'documents' | 'placeOfBirth'> {
  names: Person['names'] | Redacted;
  dateOfBirth: Person['dateOfBirth'] | Redacted;
  documents: Person['documents'] | Redacted;
  placeOfBirth?: string;
  /** Present when the date of birth is hidden. */
  ageBand?: AgeBand;
}

export interface FactsView {
  person: PersonView;
  location: CaseFacts['location'];
}

/** A case as one reader may see it. `redacted` lists the hidden fields (empty when nothing is). */
export type CaseViewFor<T extends CaseView = CaseView> = Omit<T, 'facts' | 'evidence'> & {
  facts: FactsView;
  evidence: EvidenceItem[];
  child: boolean;
  redacted: string[];
};

/**
 * The case as `roles` may see it at `at`. For a child (youngest plausible age under 18, using a
 * confirmed age assessment when there is one) and a reader none of whose roles needs the
 * identity, hides names, date of birth (an age band instead), place of birth, documents, and the
 * free text of evidence (summary and source may name the child or witnesses). Adults' cases and
 * readers who need the identity get the facts as they are.
 */
export function redactCaseFor<T extends CaseView>(roles: readonly Role[], c: T, at: string): CaseViewFor<T> {
  const dob = effectiveDateOfBirth(c);
  const child = isChild(dob, calendarDate(at));
  if (!child || seesChildIdentity(roles)) {
    return { ...c, facts: { person: { ...c.facts.person }, location: c.facts.location }, evidence: [...c.evidence], child, redacted: [] };
  }
  const { placeOfBirth: _hidden, ...person } = c.facts.person;
  return {
    ...c,
    facts: {
      person: { ...person, names: REDACTED, dateOfBirth: REDACTED, documents: REDACTED, ageBand: ageBand(youngestAge(dob, calendarDate(at))) },
      location: c.facts.location,
    },
    evidence: c.evidence.map((e) => ({ ...e, summary: REDACTED, source: REDACTED })),
    // A confirmed age assessment holds the date of birth too.
    workflows: c.workflows.map((w) => (w.kind === 'age_assessment' && w.context['dateOfBirth'] != null ? { ...w, context: { ...w.context, dateOfBirth: REDACTED } } : w)),
    child,
    redacted: ['person.names', 'person.dateOfBirth', 'person.placeOfBirth', 'person.documents', 'evidence.summary', 'evidence.source', 'age_assessment.dateOfBirth'],
  };
}

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

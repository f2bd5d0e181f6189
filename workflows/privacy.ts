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

/**
 * Keys whose values identify a person, wherever they appear in a record's data: the identity
 * fields of a case file (names, date of birth, place of birth, documents) and a document number
 * recorded by a workflow (`documentRef`), plus the other identifiers a share may name.
 */
export const IDENTIFYING_KEYS: ReadonlySet<string> = new Set(['names', 'dateOfBirth', 'placeOfBirth', 'documents', 'documentRef', 'photo', 'biometrics', 'contact']);

/** The free text of an evidence item: it may name the child or witnesses. */
export const EVIDENCE_TEXT_KEYS: ReadonlySet<string> = new Set(['summary', 'source']);

/** Record types whose top-level data is an evidence item, and extra top-level keys per type. */
const TYPE_KEYS: Readonly<Record<string, ReadonlySet<string>>> = {
  EVIDENCE_ADDED: EVIDENCE_TEXT_KEYS,
  /** A birth registration or identity document reference (nationality workflow). */
  RECORD_REGISTRATION: new Set(['reference']),
};

/** An audit record as a reader sees it: `redacted: true` when identifying data was hidden. */
export type RecordFor<T extends { type: string; data: unknown }> = T & { redacted?: true };

interface Redaction {
  changed: boolean;
}

function redactValue(value: unknown, hide: (key: string, parent: string | null) => boolean, parent: string | null, r: Redaction): unknown {
  if (Array.isArray(value)) return value.map((v) => redactValue(v, hide, parent, r));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => {
        if (v !== undefined && v !== null && hide(k, parent)) {
          r.changed = true;
          return [k, REDACTED];
        }
        return [k, redactValue(v, hide, k, r)];
      }),
    );
  }
  return value;
}

/**
 * The data of an audit record as `roles` may see it (KP-DATA-01). `aboutChild`: the record's case
 * is a child's (decided like `redactCaseFor`). For a reader who may not see a child's identity:
 * in a child's records, identifying keys at any depth, the free text of evidence items (top level
 * of EVIDENCE_ADDED, and under any `evidence` key) and per-type references are replaced by
 * `[redacted]`; in any record, the children a record names (`children[]`, e.g. a detained
 * mother's children) lose their names and identifying keys. Pure: the stored record is untouched,
 * so a redacted copy no longer matches its `hash` and is marked `redacted: true`.
 */
export function redactRecordFor<T extends { type: string; data: unknown }>(roles: readonly Role[], record: T, aboutChild: boolean): RecordFor<T> {
  if (seesChildIdentity(roles) || record.data === null || typeof record.data !== 'object') return record;
  const r: Redaction = { changed: false };
  const typeKeys = TYPE_KEYS[record.type];
  let data: unknown;
  if (aboutChild) {
    data = redactValue(
      record.data,
      (key, parent) =>
        IDENTIFYING_KEYS.has(key) ||
        (parent === null && typeKeys !== undefined && typeKeys.has(key)) ||
        (parent === 'evidence' && EVIDENCE_TEXT_KEYS.has(key)) ||
        (parent === 'children' && key === 'name'),
      null,
      r,
    );
  } else {
    const children = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(children);
      if (value === null || typeof value !== 'object') return value;
      return Object.fromEntries(
        Object.entries(value).map(([k, v]) => [k, k === 'children' ? redactValue(v, (key, parent) => IDENTIFYING_KEYS.has(key) || (parent === 'children' && key === 'name'), 'children', r) : children(v)]),
      );
    };
    data = children(record.data);
  }
  return r.changed ? { ...record, data, redacted: true } : record;
}

import { calendarDate, isChild, youngestAge, type DateOfBirth } from './age.ts';
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
 * recorded by a workflow (`documentRef`), the other identifiers a share may name, and a witness
 * named in a consent's circumstances.
 */
export const IDENTIFYING_KEYS: ReadonlySet<string> = new Set(['names', 'dateOfBirth', 'placeOfBirth', 'documents', 'documentRef', 'photo', 'biometrics', 'contact', 'witness']);

/** The free text of an evidence item: it may name the child or witnesses. */
export const EVIDENCE_TEXT_KEYS: ReadonlySet<string> = new Set(['summary', 'source']);

/**
 * Free text about people (KP-DATA-01): what a caseworker, panel or legal officer wrote about the
 * child, the family or the circumstances. In a child's records it is hidden, at any depth, from
 * roles that may not see a child's identity, like the evidence text: it may name the child,
 * relatives or witnesses. Only text is hidden (a structured value under one of these keys keeps
 * its structure and is redacted key by key).
 */
export const FREE_TEXT_KEYS: ReadonlySet<string> = new Set([
  'justification',
  'childViews',
  'childViewsWeight',
  'childViewsNotHeardReason',
  'familyUnity',
  'findings',
  'reason',
  'reasons',
  'notes',
  'summary',
  'description',
  'whyUnsuitable',
  'bestInterestsBasis',
  'note',
  'details',
  'childSpecificBasis',
  'handedOverTo',
  'bestInterests',
  'legitimateAim',
  'necessityAndProportionality',
  'newInformation',
  'ageGenderConsiderations',
  'conclusion',
  'contactArrangements',
  'circumstances',
]);

/**
 * What a record says about each child it lists (`children[]` of DETAIN and RECORD_DETENTION, a
 * detained mother's children): hidden in any record, the mother's own included, since the entry
 * is about a child. The child's age, linked case and whether they stay with the mother remain.
 */
export const CHILD_ENTRY_KEYS: ReadonlySet<string> = new Set(['name', 'whereabouts', 'carer', 'bestInterestsBasis']);

/**
 * Top-level keys of a command's data, per record type, that identify the child or a person close
 * to them, or are free text about them, beyond the keys above.
 */
export const TYPE_KEYS: Readonly<Record<string, ReadonlySet<string>>> = {
  EVIDENCE_ADDED: EVIDENCE_TEXT_KEYS,
  /** A birth registration or identity document reference (nationality workflow). */
  RECORD_REGISTRATION: new Set(['reference']),
  /** A passport, laissez-passer or other travel document number (repatriation workflow). */
  ISSUE_DOCUMENTS: new Set(['reference']),
  /** The guardian's or legal representative's name (best interests workflow). */
  APPOINT_GUARDIAN: new Set(['name']),
  /** What was done for the child, in words (best interests workflow). */
  URGENT_ACTION: new Set(['action']),
  /** The grounds of an appeal, in words (legal workflow; DETAIN's `grounds` are categories and stay). */
  FILE_APPEAL: new Set(['grounds']),
};

/** Values under these keys name a person or a document: scrubbed from a redacted record's verdict reasons too. */
const NAME_KEYS: ReadonlySet<string> = new Set(['name', 'given', 'family', 'number', 'reference', 'documentRef', 'witness', 'carer']);
/** Shorter hidden values are not scrubbed from reasons (they would match inside ordinary words). */
const MIN_SCRUBBED_LENGTH = 3;

/** An audit record as a reader sees it: `redacted: true` when identifying data was hidden. */
export type RecordFor<T extends { type: string; data: unknown }> = T & { redacted?: true };

interface Redaction {
  changed: boolean;
  /** Names and document numbers hidden from the data, to scrub from the record's verdict reasons. */
  names: Set<string>;
}

const isText = (v: unknown): boolean => typeof v === 'string' || (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string'));

function collectNames(key: string, value: unknown, into: Set<string>): void {
  if (typeof value === 'string') {
    if (NAME_KEYS.has(key) && value.trim().length >= MIN_SCRUBBED_LENGTH) into.add(value.trim());
    return;
  }
  if (Array.isArray(value)) {
    for (const v of value) collectNames(key, v, into);
    return;
  }
  if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) collectNames(k, v, into);
}

type Hide = (key: string, parent: string | null, value: unknown) => boolean;

function redactValue(value: unknown, hide: Hide, parent: string | null, r: Redaction): unknown {
  if (Array.isArray(value)) return value.map((v) => redactValue(v, hide, parent, r));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => {
        if (v !== undefined && v !== null && hide(k, parent, v)) {
          r.changed = true;
          collectNames(k, v, r.names);
          return [k, REDACTED];
        }
        return [k, redactValue(v, hide, k, r)];
      }),
    );
  }
  return value;
}

/** `text` with every hidden name or number replaced by `[redacted]` (longest first). */
function scrub(text: string, names: ReadonlySet<string>): string {
  let out = text;
  for (const name of [...names].sort((a, b) => b.length - a.length)) out = out.split(name).join(REDACTED);
  return out;
}

/** The parts of a record `redactRecordFor` reads: its type and data; an audit row's justification and verdicts too. */
interface RecordLike {
  type: string;
  data: unknown;
  justification?: string | null;
  verdicts?: unknown;
}

/**
 * The data of an audit record (or a pending command) as `roles` may see it (KP-DATA-01).
 * `aboutChild`: the record is a child's (the person was a child when it was written, or is one
 * now: see `childRecord`). For a reader who may not see a child's identity:
 * - in a child's records, identifying keys at any depth, the free text about people at any depth
 *   (`FREE_TEXT_KEYS`, evidence summary and source included), per-type keys (`TYPE_KEYS`) and the
 *   record's `justification` are replaced by `[redacted]`;
 * - in any record, what it says about the children it lists (`children[]`, e.g. a detained
 *   mother's children: `CHILD_ENTRY_KEYS` and identifying keys) is replaced by `[redacted]`;
 * - the names and document numbers so hidden are also replaced in the record's verdict reasons
 *   and (for an adult's record) its justification: rules no longer write them into reasons, but
 *   records stored before may hold them.
 * Pure: the stored record is untouched, so a redacted copy no longer matches its `hash` and is
 * marked `redacted: true`.
 */
export function redactRecordFor<T extends RecordLike>(roles: readonly Role[], record: T, aboutChild: boolean): RecordFor<T> {
  if (seesChildIdentity(roles)) return record;
  const r: Redaction = { changed: false, names: new Set() };
  const typeKeys = TYPE_KEYS[record.type];
  let data: unknown = record.data;
  if (data !== null && typeof data === 'object') {
    if (aboutChild) {
      data = redactValue(
        record.data,
        (key, parent, value) =>
          IDENTIFYING_KEYS.has(key) ||
          (parent === null && typeKeys !== undefined && typeKeys.has(key)) ||
          (parent === 'evidence' && EVIDENCE_TEXT_KEYS.has(key)) ||
          (parent === 'children' && CHILD_ENTRY_KEYS.has(key)) ||
          (FREE_TEXT_KEYS.has(key) && isText(value)),
        null,
        r,
      );
    } else {
      const children = (value: unknown): unknown => {
        if (Array.isArray(value)) return value.map(children);
        if (value === null || typeof value !== 'object') return value;
        return Object.fromEntries(
          Object.entries(value).map(([k, v]) => [
            k,
            k === 'children' ? redactValue(v, (key, parent) => IDENTIFYING_KEYS.has(key) || (parent === 'children' && CHILD_ENTRY_KEYS.has(key)), 'children', r) : children(v),
          ]),
        );
      };
      data = children(record.data);
    }
  }
  const extra: { justification?: string; verdicts?: unknown[] } = {};
  if (typeof record.justification === 'string' && record.justification.length > 0) {
    const justification = aboutChild ? REDACTED : scrub(record.justification, r.names);
    if (justification !== record.justification) {
      extra.justification = justification;
      r.changed = true;
    }
  }
  if (r.names.size > 0 && Array.isArray(record.verdicts)) {
    let scrubbed = false;
    const verdicts = record.verdicts.map((v: unknown) => {
      if (v === null || typeof v !== 'object' || typeof (v as { reason?: unknown }).reason !== 'string') return v;
      const reason = (v as { reason: string }).reason;
      const clean = scrub(reason, r.names);
      if (clean === reason) return v;
      scrubbed = true;
      return { ...v, reason: clean };
    });
    if (scrubbed) extra.verdicts = verdicts;
  }
  return r.changed ? { ...record, data, ...extra, redacted: true } : record;
}

/**
 * Whether a record written at `recordAt` is a child's record (KP-DATA-01; KP-AGE-04): the person
 * was a child then, or is one now, by the effective date of birth (a confirmed age assessment's
 * range, else the case facts; youngest plausible age). A record from someone's childhood stays a
 * child's record after their 18th birthday.
 */
export function childRecord(c: CaseView, recordAt: string, now: string): boolean {
  return childRecordBy(effectiveDateOfBirth(c), recordAt, now);
}

/** `childRecord` from the effective date of birth (readers that load only that, e.g. a page of audit records). */
export function childRecordBy(dob: DateOfBirth, recordAt: string, now: string): boolean {
  return isChild(dob, calendarDate(now)) || isChild(dob, calendarDate(recordAt));
}

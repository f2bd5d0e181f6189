import { z } from 'zod';
import { ageBand, calendarDate, isChild, youngestAge, type AgeBand, type DateOfBirth } from './age.ts';
import { CaseFacts, EvidenceId, EvidenceInput, IsoInstant, type CaseFacts as Facts, type EvidenceItem, type Person } from './caseFile.ts';
import { Justification, plain } from './personal.ts';
import { recordSchema } from './recordSchemas.ts';
import { ERASED, fieldOf, onlyErased, REDACTED, redactBySchema, type Hide } from './redaction.ts';
import { CASEWORK_ROLES, type Role } from './roles.ts';
import { birthErased, effectiveDateOfBirth } from './rules/facts.ts';
import type { CaseView } from './rules/types.ts';

/**
 * Privacy and confidentiality (KP-DATA-01; KP B-CH5, C7). Pure: who may see whose identity, and
 * the view of a case or a record each reader gets. What is hidden is derived from the schemas'
 * field classification (workflows/personal.ts) by one walker (workflows/redaction.ts): no list of
 * keys here, so a new field is classified where it is declared, or hidden (fail closed).
 */

export { ageBand, type AgeBand } from './age.ts';
export { IDENTIFYING_FIELDS, RECIPIENT_KINDS, SHAREABLE_FIELDS, type RecipientKind, type ShareableField } from './sharing.ts';
export { ERASED, REDACTED } from './redaction.ts';
export type Redacted = typeof REDACTED;
export type Erased = typeof ERASED;

/** Roles whose work needs a child's identity: they see everything (within their scope). */
export const SEES_CHILD_IDENTITY: ReadonlySet<Role> = new Set<Role>(CASEWORK_ROLES);

export const seesChildIdentity = (roles: readonly Role[]): boolean => roles.some((r) => SEES_CHILD_IDENTITY.has(r));

/**
 * Roles that see an adult's identity: those above, and reviewer and data protection officer (who
 * audit decisions about named adults). `policy` and `admin` never see anyone's identity or the
 * free text about anyone (DOMAIN.md: policy staff read aggregates).
 */
export const SEES_ADULT_IDENTITY: ReadonlySet<Role> = new Set<Role>([...SEES_CHILD_IDENTITY, 'reviewer', 'data_protection_officer']);

export const seesAdultIdentity = (roles: readonly Role[]): boolean => roles.some((r) => SEES_ADULT_IDENTITY.has(r));

/** Whose data is read: a child's (now, or when the record was written), or an adult's linked to a child's case. */
export interface Subject {
  child: boolean;
  /**
   * An adult whose case is linked to a child's (family links). The free text of such a case may
   * name the child, so it is hidden from readers who may not see the child's identity. Matching
   * the children's names instead would miss spellings, transliterations, nicknames and partial
   * names (names are stored per script): hiding the free text is the robust choice.
   */
  linkedToChild?: boolean;
  /** Values hidden elsewhere (the case file's names, place, documents) to scrub from the record's verdict reasons too. */
  alsoHidden?: readonly string[];
  /**
   * The person was erased (docs/erasure.md). `child` is then true (fail closed: records from
   * before per-person keys keep plaintext), but values reading `[erased]` are shown as such.
   */
  erased?: boolean;
}

/**
 * What `roles` may not see of `subject`'s data, by classification:
 * - caseworker, supervisor, bid_panel, legal_officer: nothing is hidden;
 * - policy, admin (and any reader with neither kind of role): every identifying and free-text value;
 * - reviewer, data protection officer: a child's identifying and free-text values (a child's record,
 *   or a value about a child in any record), and the free text of an adult linked to a child.
 */
export function hiderFor(roles: readonly Role[], subject: Subject): Hide {
  if (seesChildIdentity(roles)) return () => false;
  if (!seesAdultIdentity(roles)) return () => true;
  return (c) => subject.child || c.aboutChild || (c.personal === 'free_text' && !!subject.linkedToChild);
}

export interface PersonView extends Omit<Person, 'names' | 'dateOfBirth' | 'documents' | 'placeOfBirth'> {
  names: Person['names'] | Redacted;
  dateOfBirth: Person['dateOfBirth'] | Redacted;
  documents: Person['documents'] | Redacted;
  placeOfBirth?: string;
  /** Present when the date of birth is hidden; `[erased]` when it can no longer be read. */
  ageBand?: AgeBand | Erased;
}

export interface FactsView {
  person: PersonView;
  location: Facts['location'];
}

/**
 * A case as one reader may see it. `redacted` lists the hidden fields (empty when nothing is).
 * `child` is `[erased]` for an erased person: whether they are a child is no longer known.
 * `hiddenAsChild` is what redaction went by (an erased person's data is hidden as a child's).
 */
export type CaseViewFor<T extends CaseView = CaseView> = Omit<T, 'facts' | 'evidence'> & {
  facts: FactsView;
  evidence: EvidenceItem[];
  child: boolean | Erased;
  hiddenAsChild: boolean;
  redacted: string[];
};

/** Whether the person is a child at `at` as a view shows it: `[erased]` once the date of birth cannot be read. */
export function childShown(dob: DateOfBirth, at: string): boolean | Erased {
  return birthErased(dob) ? ERASED : isChild(dob, calendarDate(at));
}

/** An evidence item as a case holds it: the input and what the server stamped on it. */
export const EvidenceItemSchema = EvidenceInput.extend({ id: EvidenceId, recordedAt: IsoInstant, recordedBy: plain(z.string().max(64)) });
const EvidenceList = z.array(EvidenceItemSchema);

/**
 * The case as `roles` may see it at `at` (the case file and evidence walked with their schemas).
 * For a child (youngest plausible age under 18, using a confirmed age assessment when there is
 * one) and a reader none of whose roles needs a child's identity, every identifying and free-text
 * field is hidden: names, date of birth (an age band instead), place of birth (left out), documents,
 * the location's name, the evidence's kind, summary and source. Policy and admin get the same for
 * an adult; reviewers too for the free text of an adult linked to a child (`linkedToChild`).
 * `redacted` lists the hidden fields (`person.names`, `evidence.summary`...).
 */
export function redactCaseFor<T extends CaseView>(roles: readonly Role[], c: T, at: string, options: { linkedToChild?: boolean } = {}): CaseViewFor<T> {
  const dob = effectiveDateOfBirth(c);
  const child = isChild(dob, calendarDate(at));
  const erased = birthErased(dob);
  const as = { ...c, facts: { person: { ...c.facts.person }, location: c.facts.location }, evidence: [...c.evidence], child: childShown(dob, at), hiddenAsChild: child, redacted: [] as string[] };
  if (seesChildIdentity(roles)) return as;
  const hide = hiderFor(roles, { child, ...(options.linkedToChild ? { linkedToChild: true } : {}) });
  const facts = redactBySchema(CaseFacts, c.facts, hide, { erased });
  const evidence = redactBySchema(EvidenceList, c.evidence, hide, { erased });
  // An erased date of birth: the band is unknown, not the "0-4" its any-age range would give.
  const dobGone = erased && onlyErased(c.facts.person.dateOfBirth);
  if (facts.paths.length === 0 && evidence.paths.length === 0) return dobGone && hide({ personal: 'identifying', aboutChild: child }) ? { ...as, facts: { ...as.facts, person: { ...as.facts.person, ageBand: ERASED } } } : as;
  const shownFacts = facts.value as Facts;
  const person: PersonView = { ...(shownFacts.person as unknown as PersonView) };
  const dobHidden = facts.paths.includes('person.dateOfBirth');
  if (dobHidden) person.ageBand = erased ? ERASED : ageBand(youngestAge(dob, calendarDate(at)));
  else if (dobGone) person.ageBand = ERASED;
  // The case view leaves a hidden place of birth out (records show it as "[redacted]").
  if (facts.paths.includes('person.placeOfBirth')) delete person.placeOfBirth;
  const redacted = [...new Set([...facts.paths.map(fieldOf), ...evidence.paths.map((p) => `evidence.${fieldOf(p)}`)])];
  // A confirmed age assessment holds the date of birth too (erased with the person, shown so).
  const assessedHidden = (w: T['workflows'][number]) => w.kind === 'age_assessment' && w.context['dateOfBirth'] != null && !(erased && onlyErased(w.context['dateOfBirth']));
  return {
    ...c,
    facts: { person, location: shownFacts.location },
    evidence: evidence.value as EvidenceItem[],
    workflows: dobHidden ? c.workflows.map((w) => (assessedHidden(w) ? { ...w, context: { ...w.context, dateOfBirth: REDACTED } } : w)) : c.workflows,
    child: as.child,
    hiddenAsChild: child,
    redacted: dobHidden && c.workflows.some(assessedHidden) ? [...redacted, 'age_assessment.dateOfBirth'] : redacted,
  };
}

/** Shorter hidden values are not scrubbed from reasons (they would match inside ordinary words). */
const MIN_SCRUBBED_LENGTH = 3;

/** `text` with every hidden value replaced by `[redacted]` (longest first). */
export function scrub(text: string, hidden: Iterable<string>): string {
  let out = text;
  const values = [...new Set([...hidden].map((v) => v.trim()).filter((v) => v.length >= MIN_SCRUBBED_LENGTH && v !== REDACTED))].sort((a, b) => b.length - a.length);
  for (const value of values) out = out.split(value).join(REDACTED);
  return out;
}

/** Every string in `value` scrubbed of the hidden values (a dry run's trace over a live case: reasons, messages). */
export function scrubDeep<T>(value: T, hidden: readonly string[]): T {
  if (hidden.length === 0) return value;
  const go = (v: unknown): unknown => {
    if (typeof v === 'string') return scrub(v, hidden);
    if (Array.isArray(v)) return v.map(go);
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, go(x)]));
    return v;
  };
  return go(value) as T;
}

/** An audit record as a reader sees it: `redacted: true` when something was hidden. */
export type RecordFor<T extends { type: string; data: unknown }> = T & { redacted?: true };

/** The parts of a record `redactRecordFor` reads: its workflow, type and data; an audit row's case, justification and verdicts too. */
interface RecordLike {
  type: string;
  data: unknown;
  workflow?: string;
  caseId?: string | null;
  justification?: string | null;
  verdicts?: unknown;
}

/**
 * An audit record (or a pending command) as `roles` may see it (KP-DATA-01). Its data is walked
 * with the schema of its workflow and type (`recordSchema`: a command's data schema, or the
 * engine's own record schemas); a type with no schema, a value the schema does not describe and
 * an unclassified string are hidden fail closed. `subject` (or just whether the record is a
 * child's: see `childRecord`) says whose data it is; `hiderFor` decides. The justification is free
 * text. The values hidden (and `subject.alsoHidden`) are scrubbed from the verdict reasons and
 * from a justification that stays: rules no longer write them into reasons, but records stored
 * before may hold them. A record with no case (settings, agreements, jurisdictions) is about no one.
 * Pure: the stored record is untouched, so a redacted copy no longer matches its `hash` and is
 * marked `redacted: true`.
 */
export function redactRecordFor<T extends RecordLike>(roles: readonly Role[], record: T, about: boolean | Subject): RecordFor<T> {
  if (seesChildIdentity(roles) || record.caseId === null) return record;
  const subject: Subject = typeof about === 'boolean' ? { child: about } : about;
  const hide = hiderFor(roles, subject);
  const erased = subject.erased ? { erased: true } : {};
  const walked = redactBySchema(recordSchema(record.workflow ?? '', record.type), record.data, hide, erased);
  let changed = walked.paths.length > 0;
  const hidden = [...walked.hidden, ...(subject.alsoHidden ?? [])];
  const extra: { justification?: string; verdicts?: unknown[] } = {};
  if (typeof record.justification === 'string' && record.justification.length > 0) {
    const words = redactBySchema(Justification, record.justification, hide, erased);
    const justification = words.paths.length ? REDACTED : scrub(record.justification, hidden);
    if (words.paths.length) hidden.push(record.justification);
    if (justification !== record.justification) {
      extra.justification = justification;
      changed = true;
    }
  }
  if (hidden.length > 0 && Array.isArray(record.verdicts)) {
    let scrubbed = false;
    const verdicts = record.verdicts.map((v: unknown) => {
      if (v === null || typeof v !== 'object' || typeof (v as { reason?: unknown }).reason !== 'string') return v;
      const reason = (v as { reason: string }).reason;
      const clean = scrub(reason, hidden);
      if (clean === reason) return v;
      scrubbed = true;
      return { ...v, reason: clean };
    });
    if (scrubbed) {
      extra.verdicts = verdicts;
      changed = true;
    }
  }
  return changed ? { ...record, data: walked.value, ...extra, redacted: true } : record;
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

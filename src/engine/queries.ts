import type { AuditFilter, AuditRow, CaseListFilter, ListCursor, ListDriver, Repositories, TaskCursor } from '../../db/index.ts';
import { calendarDate, daysBetween, isChild } from '../../workflows/age.ts';
import { CaseFacts, Location } from '../../workflows/caseFile.ts';
import { nameQuery } from '../../workflows/nameKeys.ts';
import type { Task } from '../../workflows/definition.ts';
import { childRecord, ERASED, childRecordBy, hiderFor, redactCaseFor, redactRecordFor, seesChildIdentity, type RecordFor, type Subject } from '../../workflows/privacy.ts';
import { redactBySchema } from '../../workflows/redaction.ts';
import type { Role } from '../../workflows/roles.ts';
import type { CaseView } from '../../workflows/rules/types.ts';
import { birthErased, effectiveDateOfBirth } from '../../workflows/rules/facts.ts';
import { verifyChain } from '../audit/chain.ts';
import type { CaseService } from './cases.ts';
import type { Clock } from './commands.ts';
import { invalid, notFound } from './errors.ts';
import { loadBirthDates, loadCase, openFacts, openRecords } from './views.ts';
import { blindLocation, blindQuery } from './blindIndex.ts';
import { openScope, type ScopeService } from './scope.ts';
import { readsNoCases } from '../../workflows/access.ts';

/** Tasks per page unless the caller asks for fewer. */
export const TASK_PAGE = 200;

export interface CaseListQuery {
  workflow?: string | undefined;
  state?: string | undefined;
  outcome?: string | undefined;
  nationality?: string | undefined;
  location?: string | undefined;
  child?: boolean | undefined;
  q?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

const DRIVERS: ReadonlySet<string> = new Set<ListDriver>(['all', 'workflow', 'nationality', 'location', 'child', 'reference', 'id', 'names']);

/** A list cursor: where the page ended in the order of the index it was read from (opaque to clients). */
export const encodeCursor = (c: ListCursor): string => Buffer.from(JSON.stringify([c.driver, c.key, c.id])).toString('base64url');
export function decodeCursor(cursor: string): ListCursor {
  const bad = () => invalid([{ path: 'querystring.cursor', message: 'not a cursor returned by this list' }]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw bad();
  const [driver, key, id] = parsed as unknown[];
  if (typeof driver !== 'string' || !DRIVERS.has(driver) || (typeof key !== 'string' && typeof key !== 'number') || typeof id !== 'string' || !/^[0-9a-f-]{36}$/.test(id)) throw bad();
  return { driver: driver as ListDriver, key, id };
}

/** A tasks cursor: (due, case, position) of the last task of the page. */
const encodeTaskCursor = (c: TaskCursor): string => Buffer.from(JSON.stringify([c.dueSort, c.caseId, c.n])).toString('base64url');
function decodeTaskCursor(cursor: string): TaskCursor {
  const bad = () => invalid([{ path: 'querystring.cursor', message: 'not a cursor returned by this list' }]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw bad();
  const [dueSort, caseId, n] = parsed as unknown[];
  if (typeof dueSort !== 'string' || typeof caseId !== 'string' || typeof n !== 'number' || !Number.isInteger(n)) throw bad();
  return { dueSort, caseId, n };
}

/** `q`: a reference prefix (KP-…), an id prefix (8 or more hex digits), else a name. */
function searchOf(repos: Repositories, q: string, names: boolean): Pick<CaseListFilter, 'reference' | 'idPrefix' | 'names'> | 'nothing' {
  const text = q.trim();
  if (/^kp-/i.test(text)) return { reference: text.toUpperCase() };
  if (/^[0-9a-f]{8}(-[0-9a-f-]*)?$/i.test(text)) return { idPrefix: text.toLowerCase() };
  if (!names) return 'nothing';
  const terms = nameQuery(text);
  return terms.length ? { names: blindQuery(repos, terms) } : 'nothing';
}

/** One page of a case's history (the case page's timeline; `GET /v1/cases/:id/history?limit=`). */
export interface HistoryPage {
  afterSeq?: number;
  /** Records before this seq: with `order: 'desc'`, the page just before it (keyset paging both ways). */
  beforeSeq?: number;
  order?: 'asc' | 'desc';
  /** Only records a WARN verdict flagged (the case page's summary). */
  warned?: boolean;
  limit?: number;
  workflow?: string;
  result?: string;
}

/** Who reads: the roles decide what of a child's identity they may see; id and roles which cases (src/engine/scope.ts). */
export interface Reader {
  id: string;
  roles: readonly Role[];
}

/**
 * The cases among `ids` linked (family links) to a case whose person is a child at `at`: their
 * free text may name the child (KP-DATA-01, `Subject.linkedToChild`).
 */
export function linkedToChildren(repos: Repositories, ids: readonly string[], at: string): Set<string> {
  const links = new Map([...new Set(ids)].map((id) => [id, repos.cases.links(id).map((l) => l.relatedCaseId)]));
  const births = loadBirthDates(repos, [...links.values()].flat());
  const today = calendarDate(at);
  return new Set([...links].filter(([, related]) => related.some((r) => { const dob = births.get(r); return !!dob && isChild(dob, today); })).map(([id]) => id));
}

/** The case file's values `roles` may not see (names, place, documents...), to scrub from the verdict reasons of its records. */
function hiddenFacts(roles: readonly Role[], facts: unknown, subject: Subject): string[] {
  return redactBySchema(CaseFacts, facts, hiderFor(roles, subject), { erased: !!subject.erased }).hidden;
}

/** Read-side queries: lists, history, audit, tasks. Nothing here writes. */
export function createQueryService(repos: Repositories, clock: Clock, cases: CaseService, scope: ScopeService = openScope(repos, clock)) {
  /**
   * The case's audit records, oldest first. With a `reader`, as that reader may see them
   * (KP-DATA-01): a child's identifying data and the free text about them hidden from roles
   * that may not see it, such records marked `redacted: true` (see `redactRecordFor`). A record
   * is a child's when the person was a child at the record's `at` or is one now (`childRecord`):
   * records from a childhood stay redacted after the 18th birthday. Without a reader, as stored
   * (CLI, benches). `children`: whether any record returned is a child's (the read to log).
   * `loaded`: the case, when the caller has just read it.
   */
  function historyOf(caseId: string, reader?: Reader, loaded?: CaseView, page?: HistoryPage): { records: Array<RecordFor<AuditRow>>; children: boolean; more: boolean } {
    if (reader) scope.require(reader, caseId);
    const c = loaded ?? loadCase(repos, caseId);
    if (!c) throw notFound(`case ${caseId}`);
    // A page: `limit` records after `afterSeq` and/or before `beforeSeq`, in seq order either way on the case's index, optionally of one workflow or result.
    const fetched = repos.audit.list({ caseId, ...page, ...(page?.limit ? { limit: page.limit + 1 } : {}) });
    const more = !!page?.limit && fetched.length > page.limit;
    // Opened here, in the view layer: the stored form (envelopes) is what the chain and proofs use.
    const records = openRecords(repos, more ? fetched.slice(0, page!.limit) : fetched);
    const now = clock.now();
    const isChildRecord = (r: AuditRow) => childRecord(c, r.at, now);
    const children = records.some(isChildRecord);
    if (!reader || seesChildIdentity(reader.roles)) return { records, children, more };
    const linkedToChild = linkedToChildren(repos, [caseId], now).has(caseId);
    const erased = birthErased(effectiveDateOfBirth(c));
    const subjectOf = (child: boolean): Subject => {
      const s: Subject = { child, linkedToChild, ...(erased ? { erased } : {}) };
      return { ...s, alsoHidden: hiddenFacts(reader.roles, c.facts, s) };
    };
    const subjects = { child: subjectOf(true), adult: subjectOf(false) };
    return { records: records.map((r) => redactRecordFor(reader.roles, r, isChildRecord(r) ? subjects.child : subjects.adult)), children, more };
  }

  /**
   * Audit records across cases; with a `reader`, redacted for it as `history` does (a record
   * is a child's by its own `at`). `child[i]`: whether `records[i]` is a child's (the reads to log).
   */
  function auditOf(filter: AuditFilter, reader?: Reader): { records: Array<RecordFor<AuditRow>>; child: boolean[] } {
    // An admin reads the records of no case (user, team, token and policy changes); others those of the cases in their scope.
    const within = reader && scope.enforced ? (readsNoCases(reader.roles) ? { caseless: true } : scopeFilter(reader)) : {};
    const records = openRecords(repos, repos.audit.list({ ...filter, ...within }));
    const now = clock.now();
    // One read for the page: only what decides whether each record is a child's.
    const births = loadBirthDates(repos, records.flatMap((r) => (r.caseId === null ? [] : [r.caseId])));
    const child = records.map((r) => {
      const dob = r.caseId === null ? undefined : births.get(r.caseId);
      return !!dob && childRecordBy(dob, r.at, now);
    });
    if (!reader || seesChildIdentity(reader.roles)) return { records, child };
    const ids = [...new Set(records.flatMap((r) => (r.caseId === null ? [] : [r.caseId])))];
    const linked = linkedToChildren(repos, ids, now);
    const facts = new Map(ids.map((id) => [id, openFacts(repos, id, repos.cases.get(id)?.facts)]));
    return {
      records: records.map((r, i) => {
        if (r.caseId === null) return r;
        const dob = births.get(r.caseId);
        const s: Subject = { child: child[i]!, linkedToChild: linked.has(r.caseId), ...(dob && birthErased(dob) ? { erased: true } : {}) };
        return redactRecordFor(reader.roles, r, { ...s, alsoHidden: hiddenFacts(reader.roles, facts.get(r.caseId), s) });
      }),
      child,
    };
  }

  function scopeFilter(reader: Reader): { scope?: NonNullable<AuditFilter['scope']> } {
    const filter = scope.listFilter(reader);
    return filter ? { scope: filter } : {};
  }

  return {
    /**
     * `q` matches the reference or id, and names too for a reader who may see a child's identity
     * (none given: names too). With `names` (the reviewers' page; the API lists no identifiers),
     * each item carries the person's names as the reader may see them, `null` when redacted.
     */
    listCases(q: CaseListQuery, reader?: Reader, options: { names?: boolean } = {}) {
      const at = clock.now();
      const after = q.cursor ? decodeCursor(q.cursor) : undefined;
      // Only the cases in the reader's scope, filters and name search alike (403 for an admin).
      const within = reader ? scopeFilter(reader) : {};
      const search = q.q ? searchOf(repos, q.q, !reader || seesChildIdentity(reader.roles)) : {};
      if (search === 'nothing') return { items: [], nextCursor: null };
      // A child: the day the youngest plausible age reaches 18 is still ahead (KP-AGE-04).
      const rows = repos.cases.list({
        ...(q.workflow ? { workflow: q.workflow } : {}),
        ...(q.state ? { state: q.state } : {}),
        ...(q.outcome ? { outcome: q.outcome } : {}),
        ...(q.nationality ? { nationality: q.nationality } : {}),
        ...(q.location ? { location: blindLocation(repos, q.location) } : {}),
        ...search,
        ...(q.child !== undefined ? { child: { value: q.child, today: calendarDate(at) } } : {}),
        ...(after ? { after } : {}),
        ...within,
        limit: q.limit + 1,
      });
      const page = rows.slice(0, q.limit);
      // The API's summaries come from the page's rows and one query for their instances; the
      // reviewers' page (names) loads each case, since what it may show depends on the whole file.
      const states = repos.cases.instanceStates(options.names ? [] : page.map((r) => r.id));
      const today = calendarDate(at);
      // The location as the reader may see it (a camp's name locates the person: KP-DATA-01).
      const hidesAny = !!reader && !seesChildIdentity(reader.roles);
      const locationFor = (location: CaseFacts['location'], child: boolean, erased = false) => (hidesAny ? (redactBySchema(Location, location, hiderFor(reader!.roles, { child }), { erased }).value as CaseFacts['location']) : location);
      const items = page.map((r) => {
        const facts = openFacts(repos, r.id, r.facts);
        if (!options.names && r.adultFrom !== null) {
          return {
            id: r.id, reference: r.reference, version: r.version, child: today < r.adultFrom, location: locationFor(facts.location, today < r.adultFrom), nationalities: facts.person.nationalities,
            workflows: (states.get(r.id) ?? []).map((w) => ({ workflow: w.kind, kind: w.kind, instance: w.instance, state: w.state, outcome: w.outcome })),
            updatedAt: r.updatedAt,
          };
        }
        const c = loadCase(repos, r.id)!;
        const summary = cases.summary(c, at);
        const shown = { ...summary, location: locationFor(summary.location, summary.child !== false, summary.child === ERASED) };
        if (!options.names) return shown;
        const seen = redactCaseFor(reader?.roles ?? [], c, at);
        return { ...shown, names: seen.redacted.includes('person.names') ? null : c.facts.person.names };
      });
      const last = page.at(-1);
      return { items, nextCursor: rows.length > q.limit && last ? encodeCursor(last.cursor) : null };
    },

    historyOf,

    /** How many records a case's history holds (counted on the case's audit index). */
    historyCount(caseId: string): number {
      return repos.audit.countForCase(caseId);
    },

    /** `historyOf(...).records`. */
    history(caseId: string, reader?: Reader): Array<RecordFor<AuditRow>> {
      return historyOf(caseId, reader).records;
    },

    auditOf,

    /** `auditOf(...).records`. */
    audit(filter: AuditFilter, reader?: Reader): Array<RecordFor<AuditRow>> {
      return auditOf(filter, reader).records;
    },

    verify() {
      return verifyChain(repos.audit.iterate());
    },

    /**
     * Work waiting on each role, soonest due first; undated work after dated work. Read from the
     * tasks the commands keep (src/engine/caseIndex.ts), one page at a time.
     */
    tasks(role?: string, page: { cursor?: string | undefined; limit?: number } = {}, reader?: Reader): { items: Array<Task & { overdue: boolean; stayDays?: number }>; nextCursor: string | null } {
      const today = calendarDate(clock.now());
      const limit = page.limit ?? TASK_PAGE;
      // Only tasks of cases in the reader's scope (403 for an admin).
      const within = reader ? scopeFilter(reader) : {};
      // The first list of a day moves the tasks' list date (a short write): the rows that appear or
      // lapse on a date without a write are flagged then, and a page reads only today's rows.
      if (repos.tasks.listedOn() !== today) repos.transaction(() => repos.tasks.listOn(today));
      const rows = repos.tasks.list({ ...(role ? { role } : {}), today, ...(page.cursor ? { after: decodeTaskCursor(page.cursor) } : {}), ...within, limit: limit + 1 });
      const items = rows.slice(0, limit).map((t) => ({
        kind: t.kind, role: t.role as Task['role'], caseId: t.caseId, workflow: t.workflow, instance: t.instance, due: t.due,
        ...(t.rule ? { rule: t.rule } : {}), summary: t.summary, overdue: t.due !== null && t.due < today,
        ...(t.priority ? { priority: t.priority as NonNullable<Task['priority']> } : {}),
        ...(t.heldSince ? { heldSince: t.heldSince, stayDays: Math.max(0, daysBetween(t.heldSince, today)) } : {}),
      }));
      const last = rows[limit - 1];
      return { items, nextCursor: rows.length > limit && last ? encodeTaskCursor(last.cursor) : null };
    },
  };
}
export type QueryService = ReturnType<typeof createQueryService>;

import type { AuditFilter, AuditRow, Repositories } from '../../db/index.ts';
import { addDays, calendarDate } from '../../workflows/age.ts';
import type { Task } from '../../workflows/definition.ts';
import { definitionOf } from '../../workflows/index.ts';
import { childRecord, childRecordBy, redactCaseFor, redactRecordFor, seesChildIdentity, type RecordFor } from '../../workflows/privacy.ts';
import type { Role } from '../../workflows/roles.ts';
import type { CaseView } from '../../workflows/rules/types.ts';
import { verifyChain } from '../audit/chain.ts';
import type { CaseService } from './cases.ts';
import type { Clock } from './commands.ts';
import { invalid, notFound } from './errors.ts';
import { loadBirthDates, loadCase, loadSettings } from './views.ts';

export interface CaseListQuery {
  workflow?: string | undefined;
  state?: string | undefined;
  nationality?: string | undefined;
  location?: string | undefined;
  child?: boolean | undefined;
  q?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

export const encodeCursor = (id: string): string => Buffer.from(id).toString('base64url');
export function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[0-9a-f-]{36}$/.test(id)) throw invalid([{ path: 'querystring.cursor', message: 'not a cursor returned by this list' }]);
  return id;
}

/** Who reads: the roles decide what of a child's identity they may see. */
export interface Reader {
  roles: readonly Role[];
}

/** Read-side queries: lists, history, audit, tasks. Nothing here writes. */
export function createQueryService(repos: Repositories, clock: Clock, cases: CaseService) {
  /**
   * The case's audit records, oldest first. With a `reader`, as that reader may see them
   * (KP-DATA-01): a child's identifying data and the free text about them hidden from roles
   * that may not see it, such records marked `redacted: true` (see `redactRecordFor`). A record
   * is a child's when the person was a child at the record's `at` or is one now (`childRecord`):
   * records from a childhood stay redacted after the 18th birthday. Without a reader, as stored
   * (CLI, benches). `children`: whether any record returned is a child's (the read to log).
   * `loaded`: the case, when the caller has just read it.
   */
  function historyOf(caseId: string, reader?: Reader, loaded?: CaseView): { records: Array<RecordFor<AuditRow>>; children: boolean } {
    const c = loaded ?? loadCase(repos, caseId);
    if (!c) throw notFound(`case ${caseId}`);
    const records = repos.audit.list({ caseId });
    const now = clock.now();
    const isChildRecord = (r: AuditRow) => childRecord(c, r.at, now);
    const children = records.some(isChildRecord);
    if (!reader || seesChildIdentity(reader.roles)) return { records, children };
    return { records: records.map((r) => redactRecordFor(reader.roles, r, isChildRecord(r))), children };
  }

  /**
   * Audit records across cases; with a `reader`, redacted for it as `history` does (a record
   * is a child's by its own `at`). `child[i]`: whether `records[i]` is a child's (the reads to log).
   */
  function auditOf(filter: AuditFilter, reader?: Reader): { records: Array<RecordFor<AuditRow>>; child: boolean[] } {
    const records = repos.audit.list(filter);
    const now = clock.now();
    // One read for the page: only what decides whether each record is a child's.
    const births = loadBirthDates(repos, records.flatMap((r) => (r.caseId === null ? [] : [r.caseId])));
    const child = records.map((r) => {
      const dob = r.caseId === null ? undefined : births.get(r.caseId);
      return !!dob && childRecordBy(dob, r.at, now);
    });
    if (!reader || seesChildIdentity(reader.roles)) return { records, child };
    return { records: records.map((r, i) => redactRecordFor(reader.roles, r, child[i]!)), child };
  }

  return {
    /**
     * `q` matches the reference or id, and names too for a reader who may see a child's identity
     * (none given: names too). With `names` (the reviewers' page; the API lists no identifiers),
     * each item carries the person's names as the reader may see them, `null` when redacted.
     */
    listCases(q: CaseListQuery, reader?: Reader, options: { names?: boolean } = {}) {
      const at = clock.now();
      // A child: the latest plausible birth date is after the date 18 years ago (KP-AGE-04).
      const eighteenYearsAgo = `${String(Number(at.slice(0, 4)) - 18).padStart(4, '0')}${at.slice(4, 10)}`;
      const rows = repos.cases.list({
        ...(q.workflow ? { workflow: q.workflow } : {}),
        ...(q.state ? { state: q.state } : {}),
        ...(q.nationality ? { nationality: q.nationality } : {}),
        ...(q.location ? { location: q.location } : {}),
        ...(q.q ? { q: q.q, qNames: !reader || seesChildIdentity(reader.roles) } : {}),
        ...(q.child === true ? { bornAfter: eighteenYearsAgo } : q.child === false ? { bornOnOrBefore: eighteenYearsAgo } : {}),
        ...(q.cursor ? { after: decodeCursor(q.cursor) } : {}),
        limit: q.limit + 1,
      });
      const page = rows.slice(0, q.limit);
      const items = page.map((r) => {
        const c = loadCase(repos, r.id)!;
        const summary = cases.summary(c, at);
        if (!options.names) return summary;
        const seen = redactCaseFor(reader?.roles ?? [], c, at);
        return { ...summary, names: seen.redacted.length ? null : c.facts.person.names };
      });
      const last = page.at(-1);
      return { items, nextCursor: rows.length > q.limit && last ? encodeCursor(last.id) : null };
    },

    historyOf,

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

    /** Work waiting on each role, soonest due first; undated work after dated work. */
    tasks(role?: string): Task[] {
      const at = clock.now();
      const settings = loadSettings(repos);
      const tasks: Task[] = [];
      for (const id of repos.cases.allIds()) {
        const c = loadCase(repos, id)!;
        for (const w of c.workflows) {
          const def = definitionOf(w.kind, w.version);
          tasks.push(...(def?.tasks?.(w, c, settings, at) ?? []));
        }
      }
      for (const p of repos.pending.open()) {
        const cmd = p.command as { type: string };
        tasks.push({
          kind: 'second_approval', role: p.requiredRole as Task['role'], caseId: p.caseId, workflow: p.workflow, instance: p.instance,
          due: calendarDate(addDays(p.createdAt, 7)), summary: `${p.workflow}.${cmd.type} awaits a second ${p.requiredRole} (pending ${p.id})`,
        });
      }
      return tasks
        .filter((t) => !role || t.role === role)
        .map((t) => ({ ...t, overdue: t.due !== null && t.due < calendarDate(at) }))
        .sort((a, b) => (a.due ?? '9999') .localeCompare(b.due ?? '9999') || a.caseId.localeCompare(b.caseId));
    },
  };
}
export type QueryService = ReturnType<typeof createQueryService>;

import type { AuditFilter, AuditRow, Repositories } from '../../db/index.ts';
import type { EvidenceItem } from '../../workflows/caseFile.ts';
import { z } from 'zod';
import { EvidenceItemSchema, hiderFor, redactCaseFor, redactRecordFor, scrubDeep, seesChildIdentity, type Erased, type PersonView, type RecordFor, type Subject } from '../../workflows/privacy.ts';
import { CaseFacts } from '../../workflows/caseFile.ts';
import { ERASED } from '../../workflows/redaction.ts';
import { redactBySchema } from '../../workflows/redaction.ts';
import { isChildAt } from '../../workflows/rules/facts.ts';
import type { Actor } from '../../workflows/roles.ts';
import type { CaseView } from '../../workflows/rules/types.ts';
import type { CaseFileView, CaseService } from './cases.ts';
import type { Clock } from './commands.ts';
import { notFound } from './errors.ts';
import type { HistoryPage, QueryService } from './queries.ts';
import { linkedToChildren } from './queries.ts';
import { loadCase } from './views.ts';
import type { ScopeService } from './scope.ts';

/** Why a child's record was read: the route that served it. */
export const READ_PURPOSES = ['case_file', 'case_history', 'audit_records', 'web_case_page', 'web_case_print', 'web_case_export', 'web_audit_page'] as const;
export type ReadPurpose = (typeof READ_PURPOSES)[number];

/** How a record is read: the route template (e.g. `GET /v1/cases/:id`, never the URL with its query) and the purpose. */
export interface ReadHow {
  route: string;
  purpose: ReadPurpose;
}

export interface ReadEntry extends ReadHow {
  caseId: string;
  actor: Pick<Actor, 'id' | 'roles'>;
  /** Whether the case is a child's, when the caller already knows; decided here otherwise. */
  child?: boolean;
}

/** What `redactFor` needs: the answer's view, the state it was built from, and the moment. */
export interface CaseRead<V extends CaseLike> {
  view: V;
  state: CaseView;
  at: string;
}

interface CaseLike {
  person: unknown;
  location?: unknown;
  evidence: readonly unknown[];
  child: boolean | Erased;
  pending?: ReadonlyArray<{ workflow: string; command: unknown }>;
}

/**
 * The view with `person` and `evidence` as `redactCaseFor` shows them, `child` as it decided
 * (`[erased]` for an erased person), `redacted` (whether anything was hidden) and
 * `redactedFields` (which fields, `[]` when none).
 */
export type Shown<V extends CaseLike> = Omit<V, 'person' | 'evidence' | 'child'> & {
  person: V['person'] | PersonView;
  evidence: V['evidence'] | EvidenceItem[];
  child: boolean | Erased;
  redacted: boolean;
  redactedFields: string[];
};

/**
 * A case view as `actor` may see it (KP-DATA-01; KP B-CH5). Which roles see a child's identity
 * and what is hidden is decided in one place, `workflows/privacy.ts` (`redactCaseFor` for the
 * case, `redactRecordFor` for pending commands); this maps its answer onto the shape of
 * `GET /v1/cases/:id` and the reviewers' page. Pure; logs nothing (see `readFor`).
 */
export function redactFor<V extends CaseLike>(actor: Pick<Actor, 'roles'>, read: CaseRead<V>, options: { linkedToChild?: boolean } = {}): Shown<V> {
  const seen = redactCaseFor(actor.roles, read.state, read.at, options);
  const ageBand = 'ageBand' in seen.facts.person ? { person: seen.facts.person } : {};
  if (seen.redacted.length === 0) return { ...read.view, ...ageBand, child: seen.child, redacted: false, redactedFields: [] } as Shown<V>;
  // A proposal is redacted like a record of the case: its data and justification, the case file's hidden values scrubbed.
  const subject: Subject = { child: seen.hiddenAsChild, ...(options.linkedToChild ? { linkedToChild: true } : {}), ...(seen.child === ERASED ? { erased: true } : {}) };
  const alsoHidden = redactBySchema(CaseFacts, read.state.facts, hiderFor(actor.roles, subject), { erased: !!subject.erased }).hidden;
  const pending = read.view.pending?.map((p) => ({ ...p, command: redactCommand(actor, p.workflow, p.command, { ...subject, alsoHidden }) }));
  return {
    ...read.view,
    person: seen.facts.person,
    ...('location' in read.view ? { location: seen.facts.location } : {}),
    evidence: seen.evidence,
    ...(pending ? { pending } : {}),
    child: seen.child,
    redacted: true,
    redactedFields: seen.redacted,
  } as Shown<V>;
}

/** A pending command (a proposal awaiting a second approver) redacted like an audit record of its case: data and justification. */
function redactCommand(actor: Pick<Actor, 'roles'>, workflow: string, command: unknown, subject: Subject): unknown {
  if (command === null || typeof command !== 'object') return command;
  const c = command as Record<string, unknown>;
  const type = typeof c['type'] === 'string' ? c['type'] : '';
  const justification = typeof c['justification'] === 'string' ? c['justification'] : null;
  const shown = redactRecordFor(actor.roles, { workflow, type, data: c['data'] ?? null, justification }, subject);
  return { ...c, data: shown.data, ...(justification !== null ? { justification: shown.justification } : {}) };
}

/** The case page of the reviewers' site: the case and its history, read (and logged) together. */
export interface CaseWithHistory {
  case: Shown<CaseFileView>;
  history: Array<RecordFor<AuditRow>>;
}

/**
 * KP-DATA-01 "restrict child records by role and purpose, log all reads": every read of a
 * child's record by the API or the reviewers' pages goes through here, which redacts it for the
 * reader and appends the read to `record_reads` (who, roles, when, the route and the purpose;
 * never the data read). A record is a child's when the person is a child now, or (history and
 * audit records) was one when the record was written. Adults' records are not logged.
 */
export function createPrivacyService(repos: Repositories, clock: Clock, deps: { cases: CaseService; queries: QueryService; scope?: ScopeService }) {
  const { cases, queries, scope } = deps;

  /** Whether the case's free text is hidden from `actor` as possibly naming a linked child. */
  const linked = (actor: Pick<Actor, 'roles'>, id: string): { linkedToChild?: boolean } =>
    !seesChildIdentity(actor.roles) && linkedToChildren(repos, [id], clock.now()).has(id) ? { linkedToChild: true } : {};

  function logRead(entry: ReadEntry): boolean {
    const at = clock.now();
    let child = entry.child;
    if (child === undefined) {
      const c = loadCase(repos, entry.caseId);
      child = !!c && isChildAt(c, at);
    }
    if (!child) return false;
    repos.recordReads.insert({ at, actorId: entry.actor.id, roles: [...entry.actor.roles], caseId: entry.caseId, route: entry.route, purpose: entry.purpose });
    return true;
  }

  return {
    /** Logs a read of a child's record; does nothing for an adult's. Returns whether it logged. */
    logRead,

    /** The case file as `actor` may see it (`GET /v1/cases/:id`); the read logged when the person is a child. */
    readFor(actor: Actor, id: string, how: ReadHow): Shown<CaseFileView> {
      const shown = redactFor(actor, cases.read(id, actor), linked(actor, id));
      // An erased person's read is logged as a child's (fail closed: whether they are one is unknown).
      logRead({ caseId: shown.id, actor, ...how, child: shown.child !== false });
      return shown;
    },

    /** The case's audit records as `actor` may see them (`GET /v1/cases/:id/history`); logged when any is a child's. */
    historyFor(actor: Actor, id: string, how: ReadHow, page?: HistoryPage): { items: Array<RecordFor<AuditRow>>; more: boolean } {
      const { records, children, more } = queries.historyOf(id, actor, undefined, page);
      logRead({ caseId: id, actor, ...how, child: children });
      return { items: records, more };
    },

    /**
     * The case file and its history (the reviewers' case page, print view and export): one read,
     * logged once when the person is a child or any record is a child's.
     */
    readWithHistoryFor<K extends string = never>(
      actor: Actor, id: string, how: ReadHow, page?: HistoryPage, also: Readonly<Record<K, HistoryPage>> = {} as Record<K, HistoryPage>,
    ): CaseWithHistory & { more: boolean; also: Record<K, { records: Array<RecordFor<AuditRow>>; more: boolean }> } {
      const read = cases.read(id, actor);
      const shown = redactFor(actor, read, linked(actor, id));
      const { records, children, more } = queries.historyOf(id, actor, read.state, page);
      // Further selections of the same history (the case page's summary) are part of the same read: logged once.
      let anyChild = children;
      const extra = Object.fromEntries(
        (Object.entries(also) as Array<[K, HistoryPage]>).map(([k, p]) => {
          const got = queries.historyOf(id, actor, read.state, p);
          anyChild ||= got.children;
          return [k, { records: got.records, more: got.more }];
        }),
      ) as Record<K, { records: Array<RecordFor<AuditRow>>; more: boolean }>;
      logRead({ caseId: shown.id, actor, ...how, child: shown.child !== false || anyChild });
      return { case: shown, history: records, more, also: extra };
    },

    /**
     * One page of audit records across cases as `actor` may see them (`GET /v1/audit`, the
     * reviewers' audit page): `limit` records and whether `more` follow. One read is logged per
     * case whose child records are on the page (in one transaction).
     */
    auditFor(actor: Actor, filter: AuditFilter & { limit: number }, how: ReadHow): { items: Array<RecordFor<AuditRow>>; more: boolean } {
      const { records, child } = queries.auditOf({ ...filter, limit: filter.limit + 1 }, actor);
      const items = records.slice(0, filter.limit);
      const childCases = new Set(items.flatMap((r, i) => (child[i] && r.caseId !== null ? [r.caseId] : [])));
      if (childCases.size) {
        repos.transaction(() => {
          for (const caseId of childCases) logRead({ caseId, actor, ...how, child: true });
        });
      }
      return { items, more: records.length > filter.limit };
    },

    /**
     * `value` (a dry run's trace over the live case `caseId`) with every value of the case file and
     * evidence that `actor` may not see scrubbed from its strings: rules do not quote them in their
     * reasons, but a message may (KP-DATA-01).
     */
    scrubFor<T>(actor: Pick<Actor, 'roles'>, caseId: string, value: T): T {
      if (seesChildIdentity(actor.roles)) return value;
      const c = loadCase(repos, caseId);
      if (!c) return value;
      const at = clock.now();
      const hide = hiderFor(actor.roles, { child: isChildAt(c, at), ...linked(actor, caseId) });
      const hidden = [...redactBySchema(CaseFacts, c.facts, hide).hidden, ...redactBySchema(z.array(EvidenceItemSchema), c.evidence, hide).hidden];
      return scrubDeep(value, hidden);
    },

    /** A case's read log, oldest first, `limit` per page after the read id `after`. */
    reads(caseId: string, page: { after?: number | undefined; limit: number }, actor?: Actor) {
      if (actor) scope?.require(actor, caseId);
      if (!repos.cases.get(caseId)) throw notFound(`case ${caseId}`);
      const rows = repos.recordReads.list({ caseId, ...(page.after !== undefined ? { afterId: page.after } : {}), limit: page.limit + 1 });
      const items = rows.slice(0, page.limit);
      return { items, nextCursor: rows.length > page.limit ? String(items.at(-1)?.id) : null };
    },
  };
}
export type PrivacyService = ReturnType<typeof createPrivacyService>;

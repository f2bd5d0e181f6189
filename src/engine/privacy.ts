import type { Repositories } from '../../db/index.ts';
import { isChildAt } from '../../workflows/rules/facts.ts';
import type { Actor } from '../../workflows/roles.ts';
import type { Clock } from './commands.ts';
import { notFound } from './errors.ts';
import { loadCase } from './views.ts';

/** Why a child's record was read: the route that served it. */
export const READ_PURPOSES = ['case_file', 'case_history', 'web_case_page', 'web_case_print', 'web_case_export'] as const;
export type ReadPurpose = (typeof READ_PURPOSES)[number];

export interface ReadEntry {
  caseId: string;
  actor: Pick<Actor, 'id' | 'roles'>;
  /** The route template, e.g. `GET /v1/cases/:id` (never the URL with its query). */
  route: string;
  purpose: ReadPurpose;
  /** Whether the case is a child's, when the caller already knows; decided here otherwise. */
  child?: boolean;
}

/**
 * The read log of child records (KP-DATA-01 "log all reads"). Every read of a child's case file,
 * history or page is appended to `record_reads` with who, roles, when, the route and the purpose;
 * never the data read. Adults' records are not logged here (their reads are not restricted).
 */
export function createPrivacyService(repos: Repositories, clock: Clock) {
  return {
    /** Logs a read of a child's record; does nothing for an adult's. Returns whether it logged. */
    logRead(entry: ReadEntry): boolean {
      const at = clock.now();
      let child = entry.child;
      if (child === undefined) {
        const c = loadCase(repos, entry.caseId);
        child = !!c && isChildAt(c, at);
      }
      if (!child) return false;
      repos.recordReads.insert({ at, actorId: entry.actor.id, roles: [...entry.actor.roles], caseId: entry.caseId, route: entry.route, purpose: entry.purpose });
      return true;
    },

    /** A case's read log, oldest first, `limit` per page after the read id `after`. */
    reads(caseId: string, page: { after?: number | undefined; limit: number }) {
      if (!repos.cases.get(caseId)) throw notFound(`case ${caseId}`);
      const rows = repos.recordReads.list({ caseId, ...(page.after !== undefined ? { afterId: page.after } : {}), limit: page.limit + 1 });
      const items = rows.slice(0, page.limit);
      return { items, nextCursor: rows.length > page.limit ? String(items.at(-1)?.id) : null };
    },
  };
}
export type PrivacyService = ReturnType<typeof createPrivacyService>;

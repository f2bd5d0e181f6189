import type { BreakGlassRow, Repositories } from '../../db/index.ts';
import { BREAK_GLASS_ROLES } from '../../workflows/access.ts';
import type { Actor } from '../../workflows/roles.ts';
import { appendAudit } from './audit.ts';
import type { Clock } from './commands.ts';
import { AppError, invalid, notFound } from './errors.ts';
import type { ScopeService } from './scope.ts';
import type { SecurityLog } from './securityLog.ts';

/** How long a break-glass grant lasts unless configured (`BREAK_GLASS_HOURS`). */
export const DEFAULT_BREAK_GLASS_HOURS = 24;

/** Shortest justification accepted: a sentence, not a word. */
export const MIN_JUSTIFICATION = 20;

/** A grant as stored, and whether it still opens the case. */
export type BreakGlassView = BreakGlassRow & { active: boolean };

/**
 * Break-glass (issue 10.3): a supervisor or legal officer opens a case outside their scope in an
 * emergency, with a written justification. The grant lasts `hours`; it is audited as BREAK_GLASS
 * in the case's chain, recorded in the security log, and waits as a review task for a supervisor
 * of the owning team, who marks it reviewed (BREAK_GLASS_REVIEWED). After expiry the case answers
 * 404 again.
 */
export function createBreakGlassService(repos: Repositories, clock: Clock, scope: ScopeService, security: SecurityLog, options: { hours: number }) {
  const view = (r: BreakGlassRow, now: string): BreakGlassView => ({ ...r, active: r.expiresAt > now });

  return {
    hours: options.hours,
    open(caseId: string, justification: string, actor: Actor, route: string): BreakGlassView {
      if (!actor.roles.some((r) => BREAK_GLASS_ROLES.includes(r))) throw new AppError('FORBIDDEN', `break-glass needs one of the roles ${BREAK_GLASS_ROLES.join(', ')}`);
      const text = justification.trim();
      if (text.length < MIN_JUSTIFICATION) throw invalid([{ path: 'body.justification', message: `write why the case must be opened now (at least ${MIN_JUSTIFICATION} characters)` }]);
      const at = clock.now();
      const expiresAt = new Date(Date.parse(at) + options.hours * 3_600_000).toISOString();
      const row = repos.transaction(() => {
        if (!repos.cases.get(caseId)) throw notFound(`case ${caseId}`);
        if (scope.visible(actor, caseId)) throw invalid([{ path: 'params.id', message: 'the case is within your scope: no break-glass is needed' }]);
        const record = appendAudit(repos, {
          at, caseId, workflow: 'case', actor, type: 'BREAK_GLASS', data: { expiresAt, hours: options.hours }, justification: text,
          fromState: null, toState: null, result: 'applied', verdicts: [],
        });
        const id = repos.scope.openBreakGlass({ caseId, userId: actor.id, openedAt: at, expiresAt, auditSeq: record.seq });
        // The review task is derived with the case's other tasks, before this commits.
        repos.cases.touch(caseId);
        return repos.scope.breakGlass(id)!;
      });
      security.record({ kind: 'break_glass', actorId: actor.id, caseId, route, status: 201, detail: { breakGlassId: row.id, expiresAt, auditSeq: row.auditSeq } });
      return view(row, at);
    },

    /** The grants on a case (callers who see the case). */
    list(caseId: string, actor: Actor): BreakGlassView[] {
      scope.require(actor, caseId);
      const now = clock.now();
      return repos.scope.breakGlassOf(caseId).map((r) => view(r, now));
    },

    /** A supervisor of the owning team (not the opener) marks a grant reviewed. */
    review(caseId: string, id: number, actor: Actor): BreakGlassView {
      scope.require(actor, caseId);
      const at = clock.now();
      return repos.transaction(() => {
        const row = repos.scope.breakGlass(id);
        if (!row || row.caseId !== caseId) throw notFound(`break-glass ${id}`);
        const team = repos.scope.teamOf(caseId);
        if (!actor.roles.includes('supervisor') || !team || !repos.scope.isMember(team, actor.id)) throw new AppError('FORBIDDEN', 'a supervisor of the team that owns the case reviews its break-glass access');
        if (row.userId === actor.id) throw new AppError('FORBIDDEN', 'the opener cannot review their own break-glass access: another supervisor of the owning team must');
        if (row.reviewedAt !== null) throw invalid([{ path: 'params.breakGlassId', message: `break-glass ${id} was reviewed at ${row.reviewedAt}` }]);
        repos.scope.reviewBreakGlass(id, actor.id, at);
        appendAudit(repos, {
          at, caseId, workflow: 'case', actor, type: 'BREAK_GLASS_REVIEWED', data: { breakGlassId: id, openedBy: row.userId, openedAt: row.openedAt },
          fromState: null, toState: null, result: 'applied', verdicts: [],
        });
        repos.cases.touch(caseId);
        return view(repos.scope.breakGlass(id)!, at);
      });
    },

    /** The latest grants across cases, newest first (the reviewers' audit page). */
    recent(limit: number): BreakGlassView[] {
      const now = clock.now();
      return repos.scope.recentBreakGlass(limit).map((r) => view(r, now));
    },
  };
}
export type BreakGlassService = ReturnType<typeof createBreakGlassService>;

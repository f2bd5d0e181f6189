import type { CaseScope, Repositories } from '../../db/index.ts';
import { BID_PANEL_STATES, EVERY_CASE_ROLES, LEGAL_IDLE_STATE, readsNoCases, TEAM_ROLES } from '../../workflows/access.ts';
import type { Actor } from '../../workflows/roles.ts';
import type { Clock } from './commands.ts';
import { AppError, notFound } from './errors.ts';

/**
 * Which cases a caller may see (need-to-know, issue 10; docs/access.md): `all` (the
 * data_protection_officer; reviewer and policy: every case but the sealed, docs/retention.md), `none` (an admin: users, teams and tokens only) or `some`, the union
 * of the parts each role adds (its teams' cases, assigned cases, a BID before a panel, a case
 * referred to legal, unexpired break-glass grants), checked in SQL (db/repositories/scope.ts).
 */
export type Scope = { kind: 'all' } | { kind: 'none' } | { kind: 'some'; filter: CaseScope };

/** The one refusal an admin meets on every case route. */
export const noCaseContent = () => new AppError('FORBIDDEN', 'admin manages users, teams and tokens and reads no case content');

/**
 * The scope gate every read and write of a case passes through. `enforce: false` (the engine's
 * own tools: the CLI, simulations in a rolled-back transaction, engine tests) sees every case;
 * the application (src/app.ts) always enforces.
 */
export function createScopeService(repos: Repositories, clock: Clock, options: { enforce: boolean }) {
  function scopeOf(actor: Pick<Actor, 'id' | 'roles'>): Scope {
    if (!options.enforce) return { kind: 'all' };
    if (readsNoCases(actor.roles)) return { kind: 'none' };
    // Only the DPO reads sealed records without break-glass (KP-DATA-03, docs/retention.md).
    if (actor.roles.includes('data_protection_officer')) return { kind: 'all' };
    return {
      kind: 'some',
      filter: {
        userId: actor.id,
        every: actor.roles.some((r) => EVERY_CASE_ROLES.includes(r)),
        teams: actor.roles.some((r) => TEAM_ROLES.includes(r)),
        bidStates: actor.roles.includes('bid_panel') ? BID_PANEL_STATES : null,
        legalIdle: actor.roles.includes('legal_officer') ? LEGAL_IDLE_STATE : null,
        at: clock.now(),
      },
    };
  }

  function visible(actor: Pick<Actor, 'id' | 'roles'>, caseId: string): boolean {
    const scope = scopeOf(actor);
    if (scope.kind === 'none') return false;
    if (scope.kind === 'all') return true;
    return repos.scope.visible(scope.filter, caseId);
  }

  return {
    enforced: options.enforce,
    scopeOf,
    visible,
    /**
     * Throws unless `actor` may see case `caseId`: 403 for an admin, else 404 exactly as for an
     * unknown case (same message: no existence oracle).
     */
    require(actor: Pick<Actor, 'id' | 'roles'>, caseId: string): void {
      const scope = scopeOf(actor);
      if (scope.kind === 'none') throw noCaseContent();
      if (scope.kind === 'some' && !repos.scope.visible(scope.filter, caseId)) throw notFound(`case ${caseId}`);
    },
    /** The filter a list of cases, tasks or audit records applies for `actor`; undefined: every case; 403 for an admin. */
    listFilter(actor: Pick<Actor, 'id' | 'roles'>): CaseScope | undefined {
      const scope = scopeOf(actor);
      if (scope.kind === 'none') throw noCaseContent();
      return scope.kind === 'some' ? scope.filter : undefined;
    },
  };
}
export type ScopeService = ReturnType<typeof createScopeService>;

/** A gate that sees every case (engine tools and tests that build services by hand). */
export const openScope = (repos: Repositories, clock: Clock): ScopeService => createScopeService(repos, clock, { enforce: false });

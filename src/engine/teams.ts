import { randomUUID } from 'node:crypto';
import type { Repositories, TeamRow } from '../../db/index.ts';
import type { Actor } from '../../workflows/roles.ts';
import { appendAudit } from './audit.ts';
import type { Clock } from './commands.ts';
import { AppError, invalid, notFound } from './errors.ts';

/** A team with its members' ids (never their names: the audit and the answers hold ids only). */
export interface TeamView extends TeamRow {
  members: string[];
}

/**
 * Teams are data (issue 10.1): admins create them and manage their members; every change is in
 * the audit chain (workflow `access`, no case: caseId null) with ids only.
 */
export function createTeamService(repos: Repositories, clock: Clock) {
  const view = (t: TeamRow): TeamView => ({ ...t, members: repos.scope.members(t.id) });
  const get = (id: string): TeamView => {
    const t = repos.scope.team(id);
    if (!t) throw notFound(`team ${id}`);
    return view(t);
  };
  const audit = (actor: Actor, at: string, type: string, data: Record<string, unknown>) =>
    appendAudit(repos, { at, caseId: null, workflow: 'access', actor, type, data, fromState: null, toState: null, result: 'applied', verdicts: [] });

  return {
    list: (): TeamView[] => repos.scope.teams().map(view),
    get,
    create(input: { name: string; organisation?: string | undefined }, actor: Actor): TeamView {
      const at = clock.now();
      return repos.transaction(() => {
        if (repos.scope.teamByName(input.name)) throw new AppError('VALIDATION', `a team named ${input.name} exists`, [{ path: 'body.name', message: 'a team with this name exists' }]);
        const row: TeamRow = { id: `team-${randomUUID()}`, name: input.name, organisation: input.organisation ?? 'default', createdAt: at };
        repos.scope.createTeam(row);
        audit(actor, at, 'TEAM_CREATED', { teamId: row.id, organisation: row.organisation });
        return view(row);
      });
    },
    addMember(teamId: string, userId: string, actor: Actor): TeamView {
      const at = clock.now();
      return repos.transaction(() => {
        get(teamId);
        if (!repos.users.get(userId)) throw invalid([{ path: 'body.userId', message: `no user ${userId}` }]);
        if (repos.scope.addMember(teamId, userId)) audit(actor, at, 'TEAM_MEMBER_ADDED', { teamId, userId });
        return get(teamId);
      });
    },
    removeMember(teamId: string, userId: string, actor: Actor): TeamView {
      const at = clock.now();
      return repos.transaction(() => {
        get(teamId);
        if (!repos.scope.removeMember(teamId, userId)) throw notFound(`member ${userId} of team ${teamId}`);
        audit(actor, at, 'TEAM_MEMBER_REMOVED', { teamId, userId });
        return get(teamId);
      });
    },
  };
}
export type TeamService = ReturnType<typeof createTeamService>;

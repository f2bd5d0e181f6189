import type { Repositories } from '../../db/index.ts';
import { ASSIGNABLE_ROLES } from '../../workflows/access.ts';
import type { Issue } from './errors.ts';
import { invalid } from './errors.ts';
import type { CaseState } from './views.ts';

/**
 * case.ASSIGN and case.TRANSFER (issue 10.2): the users and teams they name must exist, checked
 * before the rules decide (400 naming the field); once applied, the scope tables follow. The
 * workflow keeps the history in its context and the audit chain; the tables are what scope reads.
 */
export function checkAccessCommand(repos: Repositories, c: CaseState, type: string, data: Record<string, unknown>): void {
  if (type === 'ASSIGN') {
    const issues: Issue[] = [];
    const owner = c.teamId ? repos.scope.team(c.teamId) : undefined;
    const teamId = typeof data['teamId'] === 'string' ? data['teamId'] : c.teamId;
    const team = teamId ? repos.scope.team(teamId) : undefined;
    if (!team) issues.push({ path: 'data.teamId', message: `no team ${teamId ?? ''}` });
    else if (owner && team.organisation !== owner.organisation) issues.push({ path: 'data.teamId', message: `team ${team.id} is in another organisation: a move there is a TRANSFER (KP-DATA-01)` });
    const ids = Array.isArray(data['userIds']) ? (data['userIds'] as string[]) : [];
    ids.forEach((id, i) => {
      const path = `data.userIds.${i}`;
      const user = repos.users.get(id);
      if (!user || user.disabled) return issues.push({ path, message: `no active user ${id}` });
      if (!user.roles.some((r) => (ASSIGNABLE_ROLES as readonly string[]).includes(r))) return issues.push({ path, message: `user ${id} holds no case-working role (${ASSIGNABLE_ROLES.join(', ')})` });
      if (team && !repos.scope.isMember(team.id, id)) return issues.push({ path, message: `user ${id} is not a member of team ${team.id}` });
      return undefined;
    });
    if (new Set(ids).size !== ids.length) issues.push({ path: 'data.userIds', message: 'a user is named twice' });
    if (issues.length) throw invalid(issues);
  }
  if (type === 'TRANSFER') {
    const teamId = String(data['teamId'] ?? '');
    if (!repos.scope.team(teamId)) throw invalid([{ path: 'data.teamId', message: `no team ${teamId}` }]);
    if (teamId === c.teamId) throw invalid([{ path: 'data.teamId', message: `team ${teamId} already owns the case` }]);
  }
}

/** After an applied ASSIGN or TRANSFER: who works the case, which team owns it. */
export function applyAccessCommand(repos: Repositories, caseId: string, type: string, data: Record<string, unknown>): void {
  if (type === 'ASSIGN') repos.scope.setAssigned(caseId, data['userIds'] as string[]);
  if (type === 'TRANSFER') {
    repos.scope.setTeam(caseId, String(data['teamId']));
    // The old team's users lose access with the ownership; the new team's supervisor assigns.
    repos.scope.setAssigned(caseId, []);
  }
}

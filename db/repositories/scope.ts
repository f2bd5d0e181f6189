import type Database from 'better-sqlite3';
import type { Db } from '../connection.ts';

/** A team (need-to-know scope): owns cases; its organisation decides whether a transfer crosses organisations. */
export interface TeamRow {
  id: string;
  name: string;
  organisation: string;
  createdAt: string;
}

/** An emergency access grant (break-glass) to one case for one user, until `expiresAt`. */
export interface BreakGlassRow {
  id: number;
  caseId: string;
  userId: string;
  openedAt: string;
  expiresAt: string;
  auditSeq: number;
  reviewedBy: string | null;
  reviewedAt: string | null;
}

/**
 * Which cases a caller may see, beyond "every case" (decided by the engine, src/engine/scope.ts):
 * the union of the parts set. Assigned cases and unexpired break-glass grants always count.
 */
export interface CaseScope {
  userId: string;
  /** Every case but the sealed ones (reviewer, policy: a seal leaves them to the DPO, KP-DATA-03). */
  every?: boolean;
  /** Cases owned by one of the user's teams (caseworker, supervisor). */
  teams: boolean;
  /** best_interests states in which a BID is before a panel, and the panel member's own decisions (bid_panel). */
  bidStates: readonly string[] | null;
  /** The legal workflow's state before any proceedings: any other means the case was referred to legal (legal_officer). */
  legalIdle: string | null;
  /** The moment break-glass grants are judged at. */
  at: string;
}

/**
 * The scope as a condition on a `cases` row aliased `c`: each part is one indexed lookup for the
 * row (team_members_user, case_assignments' key, break_glass_user_case, the workflow instances'
 * key, audit_case), so a list keeps reading its driving index in order (test/db/queryPlans.test.ts).
 */
export function scopeCondition(s: CaseScope, c = 'c'): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  if (s.every) parts.push('1 = 1');
  if (s.teams) parts.push(`${c}.team_id in (select tm.team_id from team_members tm where tm.user_id = ?)`), params.push(s.userId);
  parts.push(`exists (select 1 from case_assignments ca where ca.case_id = ${c}.id and ca.user_id = ?)`), params.push(s.userId);
  if (s.bidStates && s.bidStates.length) {
    parts.push(`exists (select 1 from workflow_instances sb where sb.case_id = ${c}.id and sb.kind = 'best_interests' and sb.state in (${s.bidStates.map(() => '?').join(', ')}))`), params.push(...s.bidStates);
    parts.push(`exists (select 1 from audit sa indexed by audit_case where sa.case_id = ${c}.id and sa.workflow = 'best_interests' and sa.result = 'applied' and json_extract(sa.actor, '$.id') = ?)`), params.push(s.userId);
  }
  if (s.legalIdle !== null) parts.push(`exists (select 1 from workflow_instances sl where sl.case_id = ${c}.id and sl.kind = 'legal' and sl.instance = '' and sl.state <> ?)`), params.push(s.legalIdle);
  // A sealed record (KP-DATA-03, docs/retention.md) is out of every part but break-glass.
  const sealed = `exists (select 1 from workflow_instances ss where ss.case_id = ${c}.id and ss.kind = 'case' and ss.instance = '' and ss.state = 'sealed')`;
  const breakGlass = `exists (select 1 from break_glass bg where bg.user_id = ? and bg.case_id = ${c}.id and bg.expires_at > ?)`;
  return { sql: `(((${parts.join(' or ')}) and not ${sealed}) or ${breakGlass})`, params: [...params, s.userId, s.at] };
}

interface RawBreakGlass { id: number; case_id: string; user_id: string; opened_at: string; expires_at: string; audit_seq: number; reviewed_by: string | null; reviewed_at: string | null }
const toBreakGlass = (r: RawBreakGlass): BreakGlassRow => ({
  id: r.id, caseId: r.case_id, userId: r.user_id, openedAt: r.opened_at, expiresAt: r.expires_at, auditSeq: r.audit_seq, reviewedBy: r.reviewed_by, reviewedAt: r.reviewed_at,
});
interface RawTeam { id: string; name: string; organisation: string; created_at: string }
const toTeam = (r: RawTeam): TeamRow => ({ id: r.id, name: r.name, organisation: r.organisation, createdAt: r.created_at });

/** Teams, memberships, case ownership and assignments, break-glass grants, and the scope check of one case. */
export function scopeRepository(db: Db) {
  const statements = new Map<string, Database.Statement>();
  const stmt = (text: string): Database.Statement => {
    let st = statements.get(text);
    if (!st) statements.set(text, (st = db.$client.prepare(text)));
    return st;
  };
  const teamOfCase = db.$client.prepare<[string], { team_id: string }>('select team_id from cases where id = ?');
  const teamsOfUser = db.$client.prepare<[string], { team_id: string }>('select team_id from team_members where user_id = ? order by team_id');
  const getTeam = db.$client.prepare<[string], RawTeam>('select id, name, organisation, created_at from teams where id = ?');
  const teamByName = db.$client.prepare<[string], RawTeam>('select id, name, organisation, created_at from teams where name = ?');
  const listTeams = db.$client.prepare<[], RawTeam>('select id, name, organisation, created_at from teams order by name');
  const members = db.$client.prepare<[string], { user_id: string }>('select user_id from team_members where team_id = ? order by user_id');
  const isMember = db.$client.prepare<[string, string], { n: number }>('select 1 as n from team_members where team_id = ? and user_id = ?');
  const assigned = db.$client.prepare<[string], { user_id: string }>('select user_id from case_assignments where case_id = ? order by user_id');
  const breakGlassOfCase = db.$client.prepare<[string], RawBreakGlass>('select * from break_glass where case_id = ? order by id');
  const breakGlassById = db.$client.prepare<[number], RawBreakGlass>('select * from break_glass where id = ?');

  return {
    createTeam(row: TeamRow): void {
      stmt('insert into teams (id, name, organisation, created_at) values (?, ?, ?, ?)').run(row.id, row.name, row.organisation, row.createdAt);
    },
    team(id: string): TeamRow | undefined {
      const r = getTeam.get(id);
      return r && toTeam(r);
    },
    teamByName(name: string): TeamRow | undefined {
      const r = teamByName.get(name);
      return r && toTeam(r);
    },
    teams(): TeamRow[] {
      return listTeams.all().map(toTeam);
    },
    members(teamId: string): string[] {
      return members.all(teamId).map((r) => r.user_id);
    },
    isMember(teamId: string, userId: string): boolean {
      return !!isMember.get(teamId, userId);
    },
    /** Adds a member; false when the user already was one. */
    addMember(teamId: string, userId: string): boolean {
      return stmt('insert or ignore into team_members (team_id, user_id) values (?, ?)').run(teamId, userId).changes === 1;
    },
    removeMember(teamId: string, userId: string): boolean {
      return stmt('delete from team_members where team_id = ? and user_id = ?').run(teamId, userId).changes === 1;
    },
    teamsOf(userId: string): string[] {
      return teamsOfUser.all(userId).map((r) => r.team_id);
    },
    teamOf(caseId: string): string | undefined {
      return teamOfCase.get(caseId)?.team_id;
    },
    setTeam(caseId: string, teamId: string): void {
      stmt('update cases set team_id = ? where id = ?').run(teamId, caseId);
    },
    assigned(caseId: string): string[] {
      return assigned.all(caseId).map((r) => r.user_id);
    },
    /** The case's assigned users become exactly `userIds`. */
    setAssigned(caseId: string, userIds: readonly string[]): void {
      stmt('delete from case_assignments where case_id = ?').run(caseId);
      for (const u of new Set(userIds)) stmt('insert into case_assignments (case_id, user_id) values (?, ?)').run(caseId, u);
    },
    assign(caseId: string, userId: string): void {
      stmt('insert or ignore into case_assignments (case_id, user_id) values (?, ?)').run(caseId, userId);
    },
    /** Whether the case exists and is within the scope. */
    visible(scope: CaseScope, caseId: string): boolean {
      const cond = scopeCondition(scope);
      return !!stmt(`select 1 from cases c where c.id = ? and ${cond.sql}`).get(caseId, ...cond.params);
    },
    openBreakGlass(row: Omit<BreakGlassRow, 'id' | 'reviewedBy' | 'reviewedAt'>): number {
      const r = stmt('insert into break_glass (case_id, user_id, opened_at, expires_at, audit_seq) values (?, ?, ?, ?, ?)').run(row.caseId, row.userId, row.openedAt, row.expiresAt, row.auditSeq);
      return Number(r.lastInsertRowid);
    },
    breakGlass(id: number): BreakGlassRow | undefined {
      const r = breakGlassById.get(id);
      return r && toBreakGlass(r);
    },
    breakGlassOf(caseId: string): BreakGlassRow[] {
      return breakGlassOfCase.all(caseId).map(toBreakGlass);
    },
    /** Unreviewed grants of a case (its review tasks). */
    unreviewedBreakGlass(caseId: string): BreakGlassRow[] {
      return (stmt('select * from break_glass where case_id = ? and reviewed_at is null order by id').all(caseId) as RawBreakGlass[]).map(toBreakGlass);
    },
    /** The newest grants across cases (the primary key, descending). */
    recentBreakGlass(limit: number): BreakGlassRow[] {
      return (stmt('select * from break_glass order by id desc limit ?').all(limit) as RawBreakGlass[]).map(toBreakGlass);
    },
    reviewBreakGlass(id: number, by: string, at: string): boolean {
      return stmt('update break_glass set reviewed_by = ?, reviewed_at = ? where id = ? and reviewed_at is null').run(by, at, id).changes === 1;
    },
  };
}
export type ScopeRepository = ReturnType<typeof scopeRepository>;

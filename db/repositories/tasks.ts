import type Database from 'better-sqlite3';
import type { Db } from '../connection.ts';
import { scopeCondition, type CaseScope } from './scope.ts';

/** A stored task (GET /v1/tasks): one row per task of a case, replaced whenever the case changes. */
export interface TaskRow {
  caseId: string;
  kind: string;
  role: string;
  workflow: string;
  instance: string;
  due: string | null;
  rule: string | null;
  summary: string;
  priority: string | null;
  heldSince: string | null;
  /** First calendar date the task holds (inclusive; '' from the start). */
  visibleFrom: string;
  /** First calendar date it no longer holds ('9999-12-31': until the case changes). */
  visibleUntil: string;
}

export interface TaskCursor {
  dueSort: string;
  caseId: string;
  n: number;
}

export const UNDATED = '9999-12-31';

export interface TaskFilter {
  role?: string;
  today: string;
  after?: TaskCursor;
  /** Only tasks of cases within this scope (src/engine/scope.ts). */
  scope?: CaseScope;
  limit: number;
}

interface RawTask { case_id: string; n: number; kind: string; role: string; workflow: string; instance: string; due: string | null; due_sort: string; rule: string | null; summary: string; priority: string | null; held_since: string | null; visible_from: string; visible_until: string }

export function tasksRepository(db: Db) {
  const forCase = db.$client.prepare<[string], RawTask>('select * from tasks where case_id = ? order by n');
  const clear = db.$client.prepare('delete from tasks where case_id = ?');
  const insert = db.$client.prepare(
    `insert into tasks (case_id, n, kind, role, workflow, instance, due, due_sort, rule, summary, priority, held_since, visible_from, visible_until)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const statements = new Map<string, Database.Statement>();
  const stmt = (text: string): Database.Statement => {
    let st = statements.get(text);
    if (!st) statements.set(text, (st = db.$client.prepare(text)));
    return st;
  };
  const toRow = (r: RawTask): TaskRow & { cursor: TaskCursor } => ({
    caseId: r.case_id, kind: r.kind, role: r.role, workflow: r.workflow, instance: r.instance, due: r.due, rule: r.rule, summary: r.summary, priority: r.priority, heldSince: r.held_since,
    visibleFrom: r.visible_from, visibleUntil: r.visible_until, cursor: { dueSort: r.due_sort, caseId: r.case_id, n: r.n },
  });

  /** The list's query: soonest due first (undated last), then case; held on `today`. */
  function listQuery(f: TaskFilter): { sql: string; params: unknown[] } {
    const where = ['visible_from <= ?', 'visible_until > ?'];
    const params: unknown[] = [f.today, f.today];
    if (f.role) where.unshift('role = ?'), params.unshift(f.role);
    if (f.after) where.push('(due_sort, case_id, n) > (?, ?, ?)'), params.push(f.after.dueSort, f.after.caseId, f.after.n);
    if (f.scope) {
      const s = scopeCondition(f.scope, 'sc');
      where.push(`exists (select 1 from cases sc where sc.id = tasks.case_id and ${s.sql})`), params.push(...s.params);
    }
    params.push(f.limit);
    return { sql: `select * from tasks where ${where.join(' and ')} order by due_sort, case_id, n limit ?`, params };
  }

  return {
    /** Replaces the tasks of a case; unchanged tasks are not rewritten. */
    replace(caseId: string, rows: readonly TaskRow[]): void {
      const before = forCase.all(caseId).map(toRow);
      const same = before.length === rows.length && before.every((b, i) => sameTask(b, rows[i]!));
      if (same) return;
      clear.run(caseId);
      rows.forEach((t, n) => insert.run(caseId, n, t.kind, t.role, t.workflow, t.instance, t.due, t.due ?? UNDATED, t.rule, t.summary, t.priority, t.heldSince, t.visibleFrom, t.visibleUntil));
    },
    ofCase(caseId: string): TaskRow[] {
      return forCase.all(caseId).map(toRow);
    },
    list(f: TaskFilter): Array<TaskRow & { cursor: TaskCursor }> {
      const q = listQuery(f);
      return (stmt(q.sql).all(...q.params) as RawTask[]).map(toRow);
    },
    listSql: listQuery,
  };
}

function sameTask(a: TaskRow, b: TaskRow): boolean {
  return a.kind === b.kind && a.role === b.role && a.workflow === b.workflow && a.instance === b.instance && a.due === b.due && a.rule === b.rule
    && a.summary === b.summary && a.priority === b.priority && a.heldSince === b.heldSince && a.visibleFrom === b.visibleFrom && a.visibleUntil === b.visibleUntil;
}
export type TasksRepository = ReturnType<typeof tasksRepository>;

import type Database from 'better-sqlite3';
import type { Db } from '../connection.ts';
import type { ChangeWatch } from './changes.ts';
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

/** The `counters` row holding the date the tasks' `listed` flags hold on. */
const LISTED_ON = 'tasks_listed_on';

/**
 * Sets the flags of the rows whose window starts or ends after :lo and on or before :hi, the only
 * ones that can differ between the two dates, through the partial indexes on either end.
 */
export const RELIST_BETWEEN = `update tasks set listed = (visible_from <= :on and visible_until > :on)
  where rowid in (select rowid from tasks where visible_from > '' and visible_from > :lo and visible_from <= :hi
                  union select rowid from tasks where visible_until < '${UNDATED}' and visible_until > :lo and visible_until <= :hi)`;

const holdsOn = (t: Pick<TaskRow, 'visibleFrom' | 'visibleUntil'>, day: string): boolean => t.visibleFrom <= day && day < t.visibleUntil;

export interface TaskFilter {
  role?: string;
  today: string;
  after?: TaskCursor;
  /** Only tasks of cases within this scope (src/engine/scope.ts). */
  scope?: CaseScope;
  limit: number;
}

interface RawTask { case_id: string; n: number; kind: string; role: string; workflow: string; instance: string; due: string | null; due_sort: string; rule: string | null; summary: string; priority: string | null; held_since: string | null; visible_from: string; visible_until: string }

/** Cases whose stored task rows are held in memory at most (the ones written most recently). */
const HELD_CASES = 4096;

export function tasksRepository(db: Db, changes?: ChangeWatch) {
  const forCase = db.$client.prepare<[string], RawTask>('select * from tasks where case_id = ? order by n');
  const clear = db.$client.prepare('delete from tasks where case_id = ?');
  const removeOne = db.$client.prepare('delete from tasks where case_id = ? and n = ?');
  const insert = db.$client.prepare(
    `insert into tasks (case_id, n, kind, role, workflow, instance, due, due_sort, rule, summary, priority, held_since, visible_from, visible_until, listed)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const write = (caseId: string, n: number, t: TaskRow, on: string | undefined) =>
    insert.run(caseId, n, t.kind, t.role, t.workflow, t.instance, t.due, t.due ?? UNDATED, t.rule, t.summary, t.priority, t.heldSince, t.visibleFrom, t.visibleUntil, on !== undefined && holdsOn(t, on) ? 1 : 0);
  // The list's date (`listed` holds on it), as the digits of the calendar date in `counters`.
  const readListedOn = db.$client.prepare<[], { value: number }>(`select value from counters where name = '${LISTED_ON}'`);
  const storeListedOn = db.$client.prepare<[number]>(`insert into counters (name, value) values ('${LISTED_ON}', ?) on conflict (name) do update set value = excluded.value`);
  const listedOn = (): string | undefined => {
    const v = readListedOn.get()?.value;
    return v === undefined ? undefined : `${String(v).slice(0, 4)}-${String(v).slice(4, 6)}-${String(v).slice(6, 8)}`;
  };
  const relistAll = db.$client.prepare<{ on: string }>('update tasks set listed = (visible_from <= :on and visible_until > :on)');
  // Only the rows whose window starts or ends between the two dates can change (lo < date <= hi).
  const relistBetween = db.$client.prepare<{ lo: string; hi: string; on: string }>(RELIST_BETWEEN);
  // What the table holds for the cases this connection wrote last, so that a write compares with
  // memory instead of reading the rows back (every command rewrites its case's tasks, issue 13).
  // Only this repository writes the table; the stamp moves on a commit by another connection and
  // on any rollback, and then every held row is forgotten.
  const held = new Map<string, ReadonlyArray<TaskRow & { n: number }>>();
  let heldStamp: string | undefined;
  function storedRows(caseId: string): ReadonlyArray<TaskRow & { n: number }> {
    const stamp = changes?.stamp();
    if (stamp === undefined || stamp !== heldStamp) {
      held.clear();
      heldStamp = stamp;
    }
    const rows = held.get(caseId);
    if (rows) {
      held.delete(caseId);
      return rows;
    }
    return forCase.all(caseId).map((r) => ({ ...toRow(r), n: r.n }));
  }
  function hold(caseId: string, rows: ReadonlyArray<TaskRow & { n: number }>): void {
    if (heldStamp === undefined) return;
    held.set(caseId, rows);
    if (held.size > HELD_CASES) held.delete(held.keys().next().value!);
  }
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

  /**
   * The list's query: soonest due first (undated last), then case; the rows `listed` on the list's
   * date, which is `today` once `listOn(today)` has run.
   */
  function listQuery(f: TaskFilter): { sql: string; params: unknown[] } {
    const where = ['listed = 1'];
    const params: unknown[] = [];
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
    /**
     * Replaces the tasks of a case, writing only what differs from the stored rows: rows that stay
     * keep their number `n`, a new row takes a number between its neighbours', a row that went is
     * deleted. `n` orders a case's tasks of one due date in the list (and in cursors), so the
     * numbers follow the order of `rows`; they are spaced so that a row fits between two others.
     */
    replace(caseId: string, rows: readonly TaskRow[]): void {
      const before = storedRows(caseId);
      const plan = numbering(before, rows);
      const on = rows.length > 0 ? listedOn() : undefined;
      const kept: Array<TaskRow & { n: number }> = [];
      if (plan) {
        for (const b of before) if (!plan.kept.has(b.n)) removeOne.run(caseId, b.n);
        rows.forEach((t, i) => {
          const n = plan.ns[i]!;
          if (!plan.kept.has(n)) write(caseId, n, t, on);
          kept.push({ ...t, caseId, n });
        });
      } else {
        // No room between two numbers (or nothing to keep): the case's rows are numbered again.
        if (before.length > 0) clear.run(caseId);
        rows.forEach((t, i) => {
          write(caseId, (i + 1) * STEP, t, on);
          kept.push({ ...t, caseId, n: (i + 1) * STEP });
        });
      }
      hold(caseId, kept);
    },
    ofCase(caseId: string): TaskRow[] {
      return forCase.all(caseId).map(toRow);
    },
    /** The date the `listed` flags hold on (undefined until the first list). */
    listedOn,
    /**
     * Moves the list's date to `today` (in the caller's write transaction): the flags of the rows
     * whose window starts or ends in between are set again, all rows when there was no date yet.
     * Once a day in use, so a page never walks the rows that are not visible today.
     */
    listOn(today: string): void {
      const was = listedOn();
      if (was === today) return;
      if (was === undefined) relistAll.run({ on: today });
      else relistBetween.run({ lo: was < today ? was : today, hi: was < today ? today : was, on: today });
      storeListedOn.run(Number(today.replaceAll('-', '')));
    },
    /** Tasks listed on `f.today`: the caller has moved the list's date there (`listOn`). */
    list(f: TaskFilter): Array<TaskRow & { cursor: TaskCursor }> {
      if (listedOn() !== f.today) throw new Error(`tasks are listed on ${listedOn() ?? 'no date'}, not ${f.today}: listOn first`);
      const q = listQuery(f);
      return (stmt(q.sql).all(...q.params) as RawTask[]).map(toRow);
    },
    listSql: listQuery,
  };
}

/** Space between the numbers of a case's task rows when they are numbered afresh. */
const STEP = 1024;

/**
 * The numbers of `rows` that keep the most stored rows in place: the longest common subsequence
 * of the two lists (a case has a handful of tasks), and numbers between their neighbours' for the
 * others. `kept`: the numbers of stored rows that stay as they are. Undefined: no room (renumber).
 */
function numbering(before: ReadonlyArray<TaskRow & { n: number }>, rows: readonly TaskRow[]): { ns: number[]; kept: Set<number> } | undefined {
  if (before.length === 0) return undefined;
  const m = before.length;
  const k = rows.length;
  // lcs[i][j]: the longest common subsequence of before[i..] and rows[j..].
  const lcs = Array.from({ length: m + 1 }, () => new Array<number>(k + 1).fill(0));
  for (let i = m - 1; i >= 0; i--) {
    for (let j = k - 1; j >= 0; j--) lcs[i]![j] = sameTask(before[i]!, rows[j]!) ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  }
  const ns = new Array<number | undefined>(k).fill(undefined);
  const kept = new Set<number>();
  for (let i = 0, j = 0; i < m && j < k;) {
    if (sameTask(before[i]!, rows[j]!)) {
      ns[j] = before[i]!.n;
      kept.add(before[i]!.n);
      i++, j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) i++;
    else j++;
  }
  if (kept.size === 0) return undefined;
  // The rows between two kept ones share the gap between their numbers.
  for (let j = 0; j < k;) {
    if (ns[j] !== undefined) { j++; continue; }
    let end = j;
    while (end < k && ns[end] === undefined) end++;
    const lo = j === 0 ? 0 : ns[j - 1]!;
    const hi = end === k ? lo + (end - j + 1) * STEP : ns[end]!;
    const gap = (hi - lo) / (end - j + 1);
    if (gap < 1) return undefined;
    for (let x = j; x < end; x++) ns[x] = Math.floor(lo + gap * (x - j + 1));
    j = end;
  }
  return { ns: ns as number[], kept };
}

function sameTask(a: TaskRow, b: TaskRow): boolean {
  return a.kind === b.kind && a.role === b.role && a.workflow === b.workflow && a.instance === b.instance && a.due === b.due && a.rule === b.rule
    && a.summary === b.summary && a.priority === b.priority && a.heldSince === b.heldSince && a.visibleFrom === b.visibleFrom && a.visibleUntil === b.visibleUntil;
}
export type TasksRepository = ReturnType<typeof tasksRepository>;

import type { BreakGlassRow, PendingRow, Repositories, TaskRow } from '../../db/index.ts';
import { UNDATED } from '../../db/index.ts';
import { addDays, calendarDate, latestEighteenthBirthday } from '../../workflows/age.ts';
import type { Task } from '../../workflows/definition.ts';
import { definitionOf } from '../../workflows/index.ts';
import { nameSearchTerms } from '../../workflows/nameKeys.ts';
import { effectiveDateOfBirth } from '../../workflows/rules/facts.ts';
import { retentionChangeDates, retentionTasks } from '../../workflows/retention.ts';
import type { Settings } from '../../workflows/settings.ts';
import type { Clock } from './commands.ts';
import { loadCase, loadSettings, type CaseState } from './views.ts';
import { keyringOf } from './personalData.ts';
import { blindLocation, blindNames } from './blindIndex.ts';

/**
 * What the engine derives from a case and stores beside it, in the transaction that changed the
 * case: the list filters' columns (child date, nationality and location terms), the name index
 * and the case's tasks. Bump INDEX_VERSION when a derivation changes: stale rows are derived
 * again at start-up.
 */
export const INDEX_VERSION = 4;

/** Evaluations of a case's task derivation ahead of today, at most (see `taskRows`). */
const MAX_SAMPLES = 16;
const SECOND_APPROVAL_DAYS = 7;
const BREAK_GLASS_REVIEW_DAYS = 2;

/** Every task of a case at a moment: the workflows' derivations and the second approvals waiting. */
export function tasksOf(pending: readonly PendingRow[], c: CaseState, settings: Settings, at: string, breakGlass: readonly BreakGlassRow[] = []): Task[] {
  const tasks: Task[] = [];
  for (const w of c.workflows) {
    const def = definitionOf(w.kind, w.version);
    tasks.push(...(def?.tasks?.(w, c, settings, at) ?? []));
  }
  // Sealing and erasure review fall due with the years, not with a command (docs/retention.md).
  tasks.push(...retentionTasks(c, settings, at));
  // Break-glass openings wait for a supervisor of the owning team to review them (docs/access.md).
  for (const g of breakGlass) {
    tasks.push({
      kind: 'break_glass_review', role: 'supervisor', caseId: c.id, workflow: 'case', instance: '',
      due: calendarDate(addDays(g.openedAt, BREAK_GLASS_REVIEW_DAYS)), summary: `break-glass access ${g.id} (audit record ${g.auditSeq}) awaits review by a supervisor of the owning team`,
    });
  }
  for (const p of pending) {
    const cmd = p.command as { type: string };
    tasks.push({
      kind: 'second_approval', role: p.requiredRole as Task['role'], caseId: p.caseId, workflow: p.workflow, instance: p.instance,
      due: calendarDate(addDays(p.createdAt, SECOND_APPROVAL_DAYS)), summary: `${p.workflow}.${cmd.type} awaits a second ${p.requiredRole} (pending ${p.id})`,
    });
  }
  return tasks;
}

/**
 * The case's tasks with the calendar dates they hold. A derivation reads the date (a review
 * becomes overdue the day after it is due, an escalation appears, a child turns 18), so it is
 * evaluated today and again on each date it could change on: every due date, the day after it,
 * the 18th birthday (KP-AGE-04) and the retention dates (sealing, erasure review). Between two such dates the tasks are the same, so a stored
 * task is right on any later day without a write.
 */
export function taskRows(repos: Repositories, c: CaseState, settings: Settings, now: string): TaskRow[] {
  const today = calendarDate(now);
  const adultFrom = latestEighteenthBirthday(effectiveDateOfBirth(c));
  // Read once: the derivation is evaluated at up to MAX_SAMPLES dates, the waiting approvals are the same at each.
  const waiting = repos.pending.open(c.id);
  const grants = repos.scope.unreviewedBreakGlass(c.id);
  const evaluated = new Map<string, Task[]>([['', tasksOf(waiting, c, settings, now, grants)]]);
  const retention = retentionChangeDates(c, settings);
  const candidates = (tasks: readonly Task[]) => [adultFrom, ...retention, ...tasks.flatMap((t) => [...(t.due ? [calendarDate(t.due), addDays(calendarDate(t.due), 1)] : []), ...(t.changesOn ?? [])])].filter((d) => d > today);
  const pending = new Set(candidates(evaluated.get('')!));
  while (pending.size > 0 && evaluated.size < MAX_SAMPLES) {
    const d = [...pending].sort()[0]!;
    pending.delete(d);
    const tasks = tasksOf(waiting, c, settings, `${d}T00:00:00.000Z`, grants);
    evaluated.set(d, tasks);
    for (const next of candidates(tasks)) if (!evaluated.has(next)) pending.add(next);
  }
  const dates = [...evaluated.keys()].sort();
  const open = new Map<string, { task: Task; from: string }>();
  const rows: TaskRow[] = [];
  const close = (key: string, until: string) => {
    const o = open.get(key)!;
    open.delete(key);
    rows.push({ ...rowOf(o.task), visibleFrom: o.from, visibleUntil: until });
  };
  dates.forEach((d) => {
    const keys = new Set<string>();
    for (const t of evaluated.get(d)!) {
      const key = JSON.stringify([t.kind, t.role, t.workflow, t.instance, t.due, t.rule ?? null, t.summary, t.priority ?? null, t.heldSince ?? null]);
      keys.add(key);
      if (!open.has(key)) open.set(key, { task: t, from: d });
    }
    for (const key of [...open.keys()]) if (!keys.has(key)) close(key, d);
  });
  for (const key of [...open.keys()]) close(key, UNDATED);
  return rows.sort((a, b) => a.visibleFrom.localeCompare(b.visibleFrom));
}

function rowOf(t: Task): Omit<TaskRow, 'visibleFrom' | 'visibleUntil'> {
  return { caseId: t.caseId, kind: t.kind, role: t.role, workflow: t.workflow, instance: t.instance, due: t.due ? calendarDate(t.due) : null, rule: t.rule ?? null, summary: t.summary, priority: t.priority ?? null, heldSince: t.heldSince ?? null };
}

/** Keeps the derived columns and tasks of the cases each transaction writes; registered on the repositories. */
export function createCaseIndexer(repos: Repositories, clock: Clock) {
  function refresh(id: string, facts: boolean): void {
    // An erased person (docs/erasure.md): nothing is derived from what can no longer be read.
    if (keyringOf(repos).erased(id)) {
      repos.cases.clearIndex(id, INDEX_VERSION);
      repos.tasks.replace(id, []);
      return;
    }
    const c = loadCase(repos, id);
    if (!c) return;
    const adultFrom = latestEighteenthBirthday(effectiveDateOfBirth(c));
    if (facts) {
      const { person, location } = c.facts;
      repos.cases.writeIndex(id, {
        adultFrom,
        nationalities: person.nationalities.map((n) => n.state),
        locations: [location.kind, location.name, location.state].map((term) => blindLocation(repos, term)),
        names: blindNames(repos, nameSearchTerms(person.names)),
        indexVersion: INDEX_VERSION,
      });
    } else if (repos.cases.adultFrom(id) !== adultFrom) {
      repos.cases.writeAdultFrom(id, adultFrom);
    }
    repos.tasks.replace(id, taskRows(repos, c, loadSettings(repos), clock.now()));
  }

  return {
    refresh(changed: Map<string, { facts: boolean }>): void {
      for (const [id, { facts }] of changed) refresh(id, facts);
    },
    /** Derives again every case indexed by an older version (or none: a database from before the index). */
    reindexStale(batch = 500): number {
      let done = 0;
      for (;;) {
        const ids = repos.cases.staleIndex(INDEX_VERSION, batch);
        if (ids.length === 0) return done;
        repos.transaction(() => ids.forEach((id) => refresh(id, true)));
        done += ids.length;
      }
    },
  };
}

/**
 * Every case's tasks again, inside the caller's transaction: the settings their due dates come
 * from changed. One pass over all cases: a rare policy change pays for every list being cheap.
 */
export function retaskAll(repos: Repositories, now: string): void {
  const settings = loadSettings(repos);
  for (const id of repos.cases.allIds()) {
    if (keyringOf(repos).erased(id)) continue;
    const c = loadCase(repos, id);
    if (c) repos.tasks.replace(id, taskRows(repos, c, settings, now));
  }
}
export type CaseIndexer = ReturnType<typeof createCaseIndexer>;

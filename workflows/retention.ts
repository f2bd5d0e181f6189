import { calendarDate, latestEighteenthBirthday, type IsoDate } from './age.ts';
import type { CaseContext } from './case/model.ts';
import type { Task } from './definition.ts';
import { effectiveDateOfBirth, workflowOf } from './rules/facts.ts';
import type { CaseView } from './rules/types.ts';
import type { Settings } from './settings.ts';

/**
 * Retention (KP-DATA-03, docs/retention.md): when a child's record is due to be sealed and when a
 * closed case is due for erasure review, from the settings. Pure: the dates are tasks for the data
 * protection officer (src/engine/caseIndex.ts stores them), surfacing on the day they fall due.
 */

/** `date` plus whole years; 29 February becomes 1 March in a common year. */
export function addYears(date: string, years: number): IsoDate {
  const [y, m, d] = calendarDate(date).split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y + years, m - 1, d));
  return target.toISOString().slice(0, 10);
}

/** The closure the case stands closed by, or null while it is open. */
export function closedAt(c: CaseView): IsoDate | null {
  const w = workflowOf(c, 'case');
  if (!w || w.state === 'open') return null;
  // Sealed from open, the case was never closed: no erasure review date.
  const { closures, reopenings } = w.context as unknown as CaseContext;
  const last = closures[closures.length - 1];
  return last && closures.length > (reopenings ?? []).length ? calendarDate(last.at) : null;
}

/**
 * A child's record: the person could still have been under 18 when the case was opened. The
 * youngest plausible age decides (KP-AGE-04, benefit of the doubt), so a record whose date of
 * birth is a range counts as a child's while any date in it makes the person a child.
 */
export function isChildRecord(c: CaseView): boolean {
  return latestEighteenthBirthday(effectiveDateOfBirth(c)) > calendarDate(c.createdAt);
}

export interface RetentionDates {
  /** When the child's record is to be sealed; null: not a child's record (or no rule applies). */
  sealDue: IsoDate | null;
  /** When the closed case is to be reviewed for erasure; null while it is open. */
  erasureReviewDue: IsoDate | null;
}

/** The earlier of the configured sealing points: adulthood plus N years, closure plus N years. */
export function retentionDates(c: CaseView, s: Settings): RetentionDates {
  const closed = closedAt(c);
  let sealDue: IsoDate | null = null;
  if (isChildRecord(c)) {
    const points = [
      ...(s.sealAfterAdulthoodYears !== undefined ? [addYears(latestEighteenthBirthday(effectiveDateOfBirth(c)), s.sealAfterAdulthoodYears)] : []),
      ...(closed && s.sealAfterClosureYears !== undefined ? [addYears(closed, s.sealAfterClosureYears)] : []),
    ].sort();
    sealDue = points[0] ?? null;
  }
  return { sealDue, erasureReviewDue: closed ? addYears(closed, s.erasureReviewAfterClosureYears) : null };
}

/** The case workflow's state once case.SEAL applied (final: there is no unsealing). */
export const SEALED_STATE = 'sealed';

/** Whether the case's record is sealed (case.SEAL). */
export function isSealed(c: Pick<CaseView, 'workflows'>): boolean {
  return workflowOf(c as CaseView, 'case')?.state === SEALED_STATE;
}

/** The data protection officer's retention tasks on `at`: each appears on its due date and stays until done. */
export function retentionTasks(c: CaseView, s: Settings, at: string): Task[] {
  const today = calendarDate(at);
  const { sealDue, erasureReviewDue } = retentionDates(c, s);
  const base = { caseId: c.id, workflow: 'case', instance: '', role: 'data_protection_officer' as const, rule: 'KP-DATA-03' };
  const out: Task[] = [];
  if (sealDue && sealDue <= today && !isSealed(c)) {
    out.push({ ...base, kind: 'seal_due', due: sealDue, summary: `the child's record is due to be sealed on ${sealDue} (case.SEAL)` });
  }
  if (erasureReviewDue && erasureReviewDue <= today) {
    out.push({ ...base, kind: 'erasure_review_due', due: erasureReviewDue, summary: `the closed case is due for erasure review since ${erasureReviewDue}` });
  }
  return out;
}

/** The dates on which `retentionTasks` changes: the stored tasks are evaluated again on them. */
export function retentionChangeDates(c: CaseView, s: Settings): IsoDate[] {
  const { sealDue, erasureReviewDue } = retentionDates(c, s);
  return [sealDue, erasureReviewDue].filter((d): d is IsoDate => d !== null);
}

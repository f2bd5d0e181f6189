import { addDays, calendarDate, daysBetween } from '../age.ts';
import type { Task } from '../definition.ts';
import { workflowOf } from '../rules/facts.ts';
import { nationalityStanding } from '../rules/nationality.ts';
import { lastConsularProgress } from '../rules/return.ts';
import type { CaseView, WorkflowView } from '../rules/types.ts';
import type { Settings } from '../settings.ts';
import type { RepatriationContext } from './model.ts';

const latestOf = (...dates: Array<string | null | undefined>): string | null => dates.filter((d): d is string => !!d).map((d) => d.slice(0, 10)).sort().at(-1) ?? null;

/** Held where the person cannot leave: a closed camp or centre, or detention (the location, or an open detention). */
function heldSince(subject: CaseView): string | null {
  const loc = subject.facts.location;
  const detained = workflowOf(subject, 'detention')?.state === 'detained';
  if (!(loc.closed || loc.kind === 'detention' || detained)) return null;
  return loc.since ?? subject.createdAt.slice(0, 10);
}

/**
 * KP-RET-06 "length of stay in a closed camp raises priority": the priority the stay gives today,
 * where the stay started, and the dates the priority rises on (stored tasks are evaluated again then).
 */
function stayPriority(subject: CaseView, settings: Settings, at: string): Pick<Task, 'priority' | 'heldSince' | 'changesOn'> {
  const since = heldSince(subject);
  if (!since) return { priority: 'normal' };
  const stayDays = Math.max(0, daysBetween(since, at));
  const priority = stayDays >= settings.stayPriorityUrgentDays ? 'urgent' : stayDays >= settings.stayPriorityHighDays ? 'high' : 'normal';
  return { priority, heldSince: since, changesOn: [addDays(since, settings.stayPriorityHighDays), addDays(since, settings.stayPriorityUrgentDays)] };
}

/**
 * When the consular clock runs with no plan (KP-RET-06 "every confirmed-national case must show
 * consular contact and progress"): from the nationality's confirmation, or, for a person held in
 * a closed camp or detention with a claimed nationality, from the registration — never before the
 * case existed. Null when neither holds, or the person has returned or the case is closed.
 */
function consularClockStart(subject: CaseView): { start: string; states: string[] } | null {
  if (subject.facts.location.kind === 'returned' || workflowOf(subject, 'case')?.state === 'closed') return null;
  const standing = nationalityStanding(subject);
  const registered = subject.createdAt.slice(0, 10);
  if (standing.verified.length > 0) {
    const confirmations = ((workflowOf(subject, 'nationality')?.context['verified'] ?? []) as Array<{ at?: string }>).map((v) => v.at);
    return { start: latestOf(registered, confirmations.filter(Boolean).sort()[0]) ?? registered, states: standing.verified };
  }
  const claimed = subject.facts.person.nationalities.filter((n) => n.status !== 'disputed').map((n) => n.state);
  if (claimed.length > 0 && heldSince(subject)) return { start: registered, states: claimed };
  return null;
}

export function repatriationTasks(w: WorkflowView, subject: CaseView, settings: Settings, at: string): Task[] {
  const ctx = w.context as unknown as RepatriationContext;
  const base = { caseId: subject.id, workflow: w.kind, instance: w.instance };
  const tasks: Task[] = [];
  const today = calendarDate(at);
  const stay = stayPriority(subject, settings, at);
  const stayNote = stay.heldSince ? `; held in a closed ${subject.facts.location.kind === 'camp' ? 'camp' : 'place or detention'} since ${stay.heldSince}` : '';
  if (['planning', 'consular_engaged', 'barrier', 'documents_ready'].includes(w.state)) {
    const from = latestOf(lastConsularProgress(ctx), ctx.plannedAt);
    if (from) {
      const due = addDays(from, settings.consularSlaDays);
      tasks.push({
        ...base,
        kind: 'consular_follow_up',
        // No progress within the SLA escalates to the supervisor (KP-RET-06).
        role: due < today ? 'supervisor' : 'caseworker',
        due,
        rule: 'KP-RET-06',
        summary: `${due < today ? 'overdue: ' : ''}consular follow-up with ${ctx.destination ?? '?'}${stayNote}`,
        ...stay,
      });
    }
  }
  if (w.state === 'not_planned') {
    const clock = consularClockStart(subject);
    if (clock) {
      const due = addDays(latestOf(clock.start, lastConsularProgress(ctx)) ?? clock.start, settings.consularSlaDays);
      tasks.push({
        ...base,
        kind: 'consular_contact',
        role: due < today ? 'supervisor' : 'caseworker',
        due,
        rule: 'KP-RET-06',
        summary: `${due < today ? 'overdue: ' : ''}consular contact and progress with ${clock.states.join(', ')} (no return plan yet)${stayNote}`,
        ...stay,
      });
    }
  }
  if (w.state === 'barrier' && !ctx.reviews.length) {
    const refusal = ctx.refusals.at(-1);
    tasks.push({ ...base, kind: 'review_refusal', role: 'legal_officer', due: refusal ? addDays(refusal.at, settings.consularSlaDays) : null, rule: 'KP-RET-04', summary: `seek independent review of the refusal (${refusal?.reviewRoute ? 'route recorded' : 'no route recorded'})` });
  }
  if (w.state === 'documents_ready' && !ctx.reviewPending) {
    tasks.push({ ...base, kind: 'approve_return', role: 'supervisor', due: null, summary: `return to ${ctx.destination ?? '?'} awaiting approval` });
  }
  if (w.state === 'approved' && !ctx.notifiedAt) {
    tasks.push({ ...base, kind: 'notify_decision', role: 'caseworker', due: null, rule: 'KP-RET-02', summary: 'tell the person of the individual return decision and how to seek review' });
  }
  return tasks;
}

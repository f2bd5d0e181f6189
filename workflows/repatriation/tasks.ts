import { addDays, calendarDate, daysBetween } from '../age.ts';
import type { Task } from '../definition.ts';
import { lastConsularProgress } from '../rules/return.ts';
import type { CaseView, WorkflowView } from '../rules/types.ts';
import type { Settings } from '../settings.ts';
import type { RepatriationContext } from './model.ts';

export function repatriationTasks(w: WorkflowView, subject: CaseView, settings: Settings, at: string): Task[] {
  const ctx = w.context as unknown as RepatriationContext;
  const base = { caseId: subject.id, workflow: w.kind, instance: w.instance };
  const tasks: Task[] = [];
  const today = calendarDate(at);
  if (['planning', 'consular_engaged', 'barrier', 'documents_ready'].includes(w.state)) {
    const from = lastConsularProgress(ctx) ?? ctx.plannedAt;
    if (from) {
      const due = addDays(from, settings.consularSlaDays);
      const loc = subject.facts.location;
      const camp = loc.closed && loc.since ? `; ${daysBetween(loc.since, at)} days in a closed ${loc.kind}` : '';
      tasks.push({
        ...base,
        kind: 'consular_follow_up',
        // No progress within the SLA escalates to the supervisor (KP-RET-06).
        role: due < today ? 'supervisor' : 'caseworker',
        due,
        rule: 'KP-RET-06',
        summary: `${due < today ? 'overdue: ' : ''}consular follow-up with ${ctx.destination ?? '?'}${camp}`,
      });
    }
  }
  if (w.state === 'barrier' && !ctx.reviews.length) {
    const refusal = ctx.refusals.at(-1);
    tasks.push({ ...base, kind: 'review_refusal', role: 'legal_officer', due: refusal ? addDays(refusal.at, settings.consularSlaDays) : null, rule: 'KP-RET-04', summary: `seek independent review of the refusal (${refusal?.reviewRoute ?? 'route recorded'})` });
  }
  if (w.state === 'documents_ready' && !ctx.reviewPending) {
    tasks.push({ ...base, kind: 'approve_return', role: 'supervisor', due: null, summary: `return to ${ctx.destination ?? '?'} awaiting approval` });
  }
  if (w.state === 'approved' && !ctx.notifiedAt) {
    tasks.push({ ...base, kind: 'notify_decision', role: 'caseworker', due: null, rule: 'KP-RET-02', summary: 'tell the person of the individual return decision and how to seek review' });
  }
  return tasks;
}

import { calendarDate } from '../age.ts';
import type { Task } from '../definition.ts';
import { arrivalOf, owedPlan, planDueDate } from '../rules/rehabilitation.ts';
import type { CaseView, WorkflowView } from '../rules/types.ts';
import type { Settings } from '../settings.ts';
import type { RehabilitationContext } from './model.ts';

/** KP-REH-01 TIMER: the plan due after arrival, then each review date; missed dates escalate to a supervisor. */
export function rehabilitationTasks(w: WorkflowView, subject: CaseView, settings: Settings, at: string): Task[] {
  const today = calendarDate(at);
  const base = { caseId: subject.id, workflow: w.kind, instance: w.instance, rule: 'KP-REH-01' } as const;
  const tasks: Task[] = [];
  if (w.state === 'not_started') {
    if (!arrivalOf(subject).returned || !owedPlan(subject, at)) return [];
    const due = planDueDate(subject, settings.rehabilitationPlanSlaDays);
    tasks.push({ ...base, kind: 'rehabilitation_plan_due', role: 'caseworker', due, summary: `rehabilitation and reintegration plan due within ${settings.rehabilitationPlanSlaDays} days of arrival` });
    if (due && due < today) tasks.push({ ...base, kind: 'rehabilitation_plan_overdue', role: 'supervisor', due, summary: 'escalation: the rehabilitation and reintegration plan is overdue' });
    return tasks;
  }
  if (w.state === 'planned' || w.state === 'active') {
    const due = (w.context as unknown as RehabilitationContext).plan?.reviewDate ?? null;
    tasks.push({ ...base, kind: 'rehabilitation_plan_review', role: 'caseworker', due, summary: 'rehabilitation and reintegration plan review due' });
    if (due && due < today) tasks.push({ ...base, kind: 'rehabilitation_review_overdue', role: 'supervisor', due, summary: 'escalation: the rehabilitation and reintegration plan review is overdue' });
  }
  return tasks;
}

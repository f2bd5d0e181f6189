import { addDays, calendarDate } from '../age.ts';
import type { Task } from '../definition.ts';
import { isChildAt } from '../rules/facts.ts';
import type { CaseView, WorkflowView } from '../rules/types.ts';
import type { Settings } from '../settings.ts';
import { outstandingRequests, type NationalityContext } from './model.ts';

export function nationalityTasks(w: WorkflowView, subject: CaseView, settings: Settings, at: string): Task[] {
  const ctx = w.context as unknown as NationalityContext;
  const base = { caseId: subject.id, workflow: w.kind, instance: w.instance };
  const tasks: Task[] = [];
  const registered = ctx.registrations.some((r) => r.kind === 'birth_registration') || subject.facts.person.documents.some((d) => /birth/i.test(d.type));
  if (isChildAt(subject, at) && !registered) {
    tasks.push({ ...base, kind: 'birth_registration', role: 'caseworker', due: null, rule: 'KP-NAT-03', summary: 'register the child\'s birth and identity (testimony and other alternative evidence accepted)' });
  }
  if (w.state === 'verification_requested' || w.state === 'verified') {
    // One consular track per State asked (a dual national's too); no answer within the SLA escalates (KP-RET-06).
    const today = calendarDate(at);
    for (const r of outstandingRequests(ctx)) {
      const due = addDays(r.at, settings.consularSlaDays);
      const overdue = due < today;
      tasks.push({ ...base, kind: 'nationality_follow_up', role: overdue ? 'supervisor' : 'caseworker', due, rule: 'KP-RET-06', summary: `${overdue ? 'overdue: ' : ''}follow up the nationality verification with ${r.state}` });
    }
  }
  if (w.state === 'disputed' || w.state === 'statelessness_referral') {
    tasks.push({ ...base, kind: 'resolve_nationality', role: 'legal_officer', due: null, rule: 'KP-NAT-04', summary: 'nationality disputed or referred: determine it; no removal and services continue meanwhile' });
  }
  return tasks;
}

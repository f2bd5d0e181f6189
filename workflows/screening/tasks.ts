import { calendarDate } from '../age.ts';
import type { Task } from '../definition.ts';
import { outstandingReferrals } from '../rules/screening.ts';
import type { CaseView, WorkflowView } from '../rules/types.ts';
import type { Settings } from '../settings.ts';
import type { ScreeningContext } from './model.ts';

/**
 * The supervisor's approval of a submitted screening, and the referrals still owed (KP-SCR-03
 * "WARN, then TIMER"; KP-GEN-01 "TIMER for referral"): a caseworker task due within the referral
 * SLA of the assessment, which closes when the referral is recorded (RECORD_REFERRAL, or a new
 * assessment that refers), and a supervisor escalation once it is overdue.
 */
export function screeningTasks(w: WorkflowView, subject: Pick<CaseView, 'id' | 'facts'>, settings: Settings, at: string): Task[] {
  const base = { caseId: subject.id, workflow: w.kind, instance: w.instance };
  const tasks: Task[] = [];
  if (w.state === 'submitted') tasks.push({ ...base, kind: 'approve_screening', role: 'supervisor', due: null, summary: 'screening submitted for approval' });
  const survivor = subject.facts.person.vulnerabilities.includes('sgbv_survivor');
  const owed = outstandingReferrals(w.context as Partial<ScreeningContext>, survivor, settings.referralSlaDays);
  if (!owed) return tasks;
  const overdue = owed.due < calendarDate(at);
  if (owed.victim.length) {
    tasks.push({ ...base, kind: 'protection_referral', role: 'caseworker', due: owed.due, rule: 'KP-SCR-03', summary: `make the protection referral for: ${owed.victim.join(', ')}` });
    if (overdue) tasks.push({ ...base, kind: 'protection_referral_overdue', role: 'supervisor', due: owed.due, rule: 'KP-SCR-03', summary: `escalation: protection referral overdue (${owed.victim.join(', ')})` });
  }
  if (owed.sgbv) {
    tasks.push({ ...base, kind: 'sgbv_referral', role: 'caseworker', due: owed.due, rule: 'KP-GEN-01', summary: 'offer a survivor-centred SGBV referral (with consent)' });
    if (overdue) tasks.push({ ...base, kind: 'sgbv_referral_overdue', role: 'supervisor', due: owed.due, rule: 'KP-GEN-01', summary: 'escalation: SGBV referral not offered in time' });
  }
  return tasks;
}

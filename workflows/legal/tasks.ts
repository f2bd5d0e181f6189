import { calendarDate } from '../age.ts';
import type { Task } from '../definition.ts';
import type { CaseView, WorkflowView } from '../rules/types.ts';
import type { Settings } from '../settings.ts';
import { legalContextOf } from './model.ts';

export function legalTasks(w: WorkflowView, subject: CaseView, _settings: Settings, at: string): Task[] {
  const cx = legalContextOf(w);
  const today = calendarDate(at);
  const base = { caseId: subject.id, workflow: w.kind, instance: w.instance };
  const out: Task[] = [];
  for (const e of cx.watchlist) {
    if (e.status !== 'active') continue;
    out.push({ ...base, kind: 'watchlist_review', role: 'legal_officer', due: e.reviewDueAt, rule: 'KP-DATA-02', summary: `watch-list entry review ${e.reviewDueAt < today ? 'overdue' : 'due'}: delete it when the basis lapses` });
  }
  const last = cx.judgments.at(-1);
  if (w.state === 'judgment' && last?.outcome === 'convicted' && last.appealDeadline && last.appealDeadline >= today) {
    out.push({ ...base, kind: 'appeal_deadline', role: 'legal_officer', due: last.appealDeadline, rule: 'KP-JUS-05', summary: 'appeal deadline: make sure the person can exercise the right of appeal' });
  }
  return out;
}

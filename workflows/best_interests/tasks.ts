import { calendarDate } from '../age.ts';
import type { Task } from '../definition.ts';
import type { WorkflowView } from '../rules/types.ts';
import { bestInterestsContextOf, handoverDueAt, SECURITY_SOURCES } from './model.ts';

export function bestInterestsTasks(w: WorkflowView, subject: { id: string }, settings: { handoverSlaHours: number }, at: string): Task[] {
  const cx = bestInterestsContextOf(w);
  const today = calendarDate(at);
  const base = { caseId: subject.id, workflow: w.kind, instance: w.instance };
  const out: Task[] = [];
  if (w.state === 'panel_review') {
    out.push({ ...base, kind: 'bid_panel', role: 'bid_panel', due: cx.bid.dueAt ?? null, rule: 'KP-CHILD-04', summary: 'a best-interests determination awaits the panel' });
  }
  if (cx.bid.dueAt && cx.bid.status !== 'approved' && cx.urgentActions.length > 0) {
    out.push({ ...base, kind: 'bid_after_urgent_action', role: 'caseworker', due: cx.bid.dueAt, rule: 'KP-CHILD-03', summary: 'BID due after an urgent protective action' });
    if (cx.bid.dueAt < today) {
      out.push({ ...base, kind: 'bid_after_urgent_action_overdue', role: 'supervisor', due: cx.bid.dueAt, rule: 'KP-CHILD-03', summary: 'the BID after an urgent protective action is overdue: escalated' });
    }
  }
  if (w.state === 'bid_approved' && cx.bid.reviewDueAt) {
    out.push({ ...base, kind: 'bid_review', role: 'supervisor', due: cx.bid.reviewDueAt, rule: 'KP-CARE-02', summary: cx.bid.reviewDueAt < today ? 'BID review overdue' : 'BID review due' });
  }
  if (cx.placement) {
    out.push({ ...base, kind: 'placement_review', role: 'supervisor', due: cx.placement.reviewDueAt, rule: 'KP-CARE-02', summary: `${cx.placement.type} care placement review ${cx.placement.reviewDueAt < today ? 'overdue' : 'due'}` });
  }
  for (const h of cx.custody) {
    if (h.handedOverAt || !SECURITY_SOURCES.has(h.receivedFrom)) continue;
    const due = handoverDueAt(h.receivedAt, settings.handoverSlaHours);
    out.push({ ...base, kind: 'child_handover', role: 'supervisor', due: calendarDate(due), rule: 'KP-CHILD-09', summary: `hand the child over to civilian child protection by ${due} (received from ${h.receivedFrom})` });
  }
  return out;
}

import { addDays } from '../age.ts';
import type { Task } from '../definition.ts';
import type { CaseView, WorkflowView } from '../rules/types.ts';
import type { Settings } from '../settings.ts';
import type { NonRefoulementContext } from './model.ts';

export function nonRefoulementTasks(w: WorkflowView, subject: Pick<CaseView, 'id'>, settings: Settings): Task[] {
  const ctx = w.context as unknown as NonRefoulementContext;
  const base = { caseId: subject.id, workflow: w.kind, instance: w.instance };
  if (w.state === 'submitted') {
    return [{ ...base, kind: 'conclude_non_refoulement', role: 'legal_officer', due: null, rule: 'KP-RET-01', summary: `non-refoulement assessment for ${ctx.destination ?? '?'} awaiting conclusion by a second legal officer` }];
  }
  if (w.state === 'cleared' && ctx.concludedAt) {
    return [{ ...base, kind: 'reassess_non_refoulement', role: 'legal_officer', due: addDays(ctx.concludedAt, settings.nonRefoulementValidityDays), rule: 'KP-RET-01', summary: `non-refoulement clearance for ${ctx.destination ?? '?'} expires: reassess before any return` }];
  }
  return [];
}

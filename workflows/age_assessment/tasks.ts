import type { Task } from '../definition.ts';
import type { CaseView, WorkflowView } from '../rules/types.ts';

export const ageAssessmentTasks = (w: WorkflowView, subject: Pick<CaseView, 'id'>): Task[] =>
  w.state === 'recorded'
    ? [{ kind: 'confirm_age', role: 'supervisor', caseId: subject.id, workflow: w.kind, instance: w.instance, due: null, summary: 'age assessment awaiting confirmation' }]
    : [];

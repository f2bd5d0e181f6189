import type { Task } from '../definition.ts';
import type { CaseView, WorkflowView } from '../rules/types.ts';

export const screeningTasks = (w: WorkflowView, subject: Pick<CaseView, 'id'>): Task[] =>
  w.state === 'submitted'
    ? [{ kind: 'approve_screening', role: 'supervisor', caseId: subject.id, workflow: w.kind, instance: w.instance, due: null, summary: 'screening submitted for approval' }]
    : [];

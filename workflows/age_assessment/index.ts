import type { WorkflowDefinition } from '../definition.ts';
import { ageAssessmentCommands } from './commands.ts';
import { ageAssessmentMachine } from './machine.ts';
import { ageAssessmentTasks } from './tasks.ts';

export const ageAssessment: WorkflowDefinition = {
  kind: 'age_assessment',
  version: 1,
  title: 'Age assessment',
  machine: ageAssessmentMachine,
  commands: ageAssessmentCommands,
  instances: 'single',
  outcome: (state) => (state === 'confirmed' ? 'confirmed' : null),
  tasks: ageAssessmentTasks,
};

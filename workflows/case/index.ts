import type { WorkflowDefinition } from '../definition.ts';
import { caseCommands } from './commands.ts';
import { caseMachine } from './machine.ts';

export const caseWorkflow: WorkflowDefinition = {
  kind: 'case',
  version: 1,
  title: 'Case',
  machine: caseMachine,
  commands: caseCommands,
  instances: 'single',
  outcome: (state) => (state === 'closed' ? 'closed' : state === 'sealed' ? 'sealed' : state === 'erased' ? 'erased' : null),
};

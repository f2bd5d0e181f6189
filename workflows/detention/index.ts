import type { WorkflowDefinition } from '../definition.ts';
import { detentionCommands } from './commands.ts';
import { detentionMachine } from './machine.ts';
import { detentionTasks } from './tasks.ts';

export const detention: WorkflowDefinition = {
  kind: 'detention',
  version: 1,
  title: 'Detention and its review',
  machine: detentionMachine,
  commands: detentionCommands,
  instances: 'single',
  outcome: (state) => (state === 'detained' ? 'detained' : null),
  tasks: detentionTasks,
};

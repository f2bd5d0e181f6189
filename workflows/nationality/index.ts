import type { WorkflowDefinition } from '../definition.ts';
import { nationalityCommands } from './commands.ts';
import { nationalityMachine } from './machine.ts';
import { nationalityTasks } from './tasks.ts';

export const nationality: WorkflowDefinition = {
  kind: 'nationality',
  version: 1,
  title: 'Nationality and documentation',
  machine: nationalityMachine,
  commands: nationalityCommands,
  instances: 'single',
  outcome: (state) => (state === 'verified' || state === 'stateless_protected' ? state : null),
  tasks: nationalityTasks,
};

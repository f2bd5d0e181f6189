import type { WorkflowDefinition } from '../definition.ts';
import { rehabilitationCommands } from './commands.ts';
import { rehabilitationMachine } from './machine.ts';
import { rehabilitationTasks } from './tasks.ts';

export const rehabilitation: WorkflowDefinition = {
  kind: 'rehabilitation',
  version: 1,
  title: 'Rehabilitation and reintegration',
  machine: rehabilitationMachine,
  commands: rehabilitationCommands,
  instances: 'single',
  outcome: (state) => (state === 'not_started' ? null : state),
  tasks: rehabilitationTasks,
};

import type { WorkflowDefinition } from '../definition.ts';
import { repatriationCommands } from './commands.ts';
import { repatriationJoint } from './joint.ts';
import { repatriationMachine } from './machine.ts';
import { repatriationTasks } from './tasks.ts';

export const repatriation: WorkflowDefinition = {
  kind: 'repatriation',
  version: 1,
  title: 'Repatriation (joint family moves)',
  machine: repatriationMachine,
  commands: repatriationCommands,
  instances: 'single',
  outcome: (state) => (state === 'returned' ? 'returned' : state === 'approved' ? 'approved' : state === 'barrier' ? 'refused' : null),
  joint: repatriationJoint,
  tasks: repatriationTasks,
};

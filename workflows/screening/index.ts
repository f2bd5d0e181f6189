import type { WorkflowDefinition } from '../definition.ts';
import { screeningCommands } from './commands.ts';
import { screeningMachine } from './machine.ts';
import type { ScreeningContext } from './model.ts';
import { screeningTasks } from './tasks.ts';

export const screening: WorkflowDefinition = {
  kind: 'screening',
  version: 1,
  title: 'Individual screening and assessment',
  machine: screeningMachine,
  commands: screeningCommands,
  instances: 'single',
  outcome: (state, context) => (state === 'completed' ? ((context as unknown as ScreeningContext).assessment?.outcome ?? null) : null),
  tasks: screeningTasks,
};

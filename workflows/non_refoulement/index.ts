import type { WorkflowDefinition } from '../definition.ts';
import { nonRefoulementCommands } from './commands.ts';
import { nonRefoulementFollowUps } from './followUps.ts';
import { nonRefoulementMachine } from './machine.ts';
import type { NonRefoulementContext } from './model.ts';
import { nonRefoulementTasks } from './tasks.ts';

export const nonRefoulement: WorkflowDefinition = {
  kind: 'non_refoulement',
  version: 1,
  title: 'Non-refoulement assessment (per destination)',
  machine: nonRefoulementMachine,
  commands: nonRefoulementCommands,
  instances: 'per_destination',
  instanceFor: (type, data) => (type === 'START' && typeof data['destination'] === 'string' ? data['destination'] : undefined),
  outcome: (state, context) =>
    state === 'cleared' || state === 'risk_identified' ? ((context as unknown as NonRefoulementContext).result ?? state) : null,
  followUps: nonRefoulementFollowUps,
  tasks: nonRefoulementTasks,
};

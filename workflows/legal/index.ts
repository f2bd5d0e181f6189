import type { WorkflowDefinition } from '../definition.ts';
import { legalCommands } from './commands.ts';
import { legalFollowUps } from './followUps.ts';
import { legalMachine } from './machine.ts';
import type { LegalContext } from './model.ts';
import { legalTasks } from './tasks.ts';

export const legal: WorkflowDefinition = {
  kind: 'legal',
  version: 1,
  title: 'Proceedings (investigation, diversion, prosecution, judgment, appeal)',
  machine: legalMachine,
  commands: legalCommands,
  instances: 'single',
  outcome: (state, context) => {
    if (state === 'diversion') return 'diversion';
    if (state === 'judgment') return (context as unknown as LegalContext).judgments.at(-1)?.outcome ?? null;
    if (state === 'charged' || state === 'closed') return state;
    return null;
  },
  followUps: legalFollowUps,
  tasks: legalTasks,
};

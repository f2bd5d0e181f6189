import type { WorkflowDefinition } from '../definition.ts';
import { bestInterestsCommands } from './commands.ts';
import { bestInterestsFollowUps } from './followUps.ts';
import { bestInterestsMachine } from './machine.ts';
import { bestInterestsTasks } from './tasks.ts';

export const bestInterests: WorkflowDefinition = {
  kind: 'best_interests',
  version: 1,
  title: 'Best interests of the child (BIA, BID, care)',
  machine: bestInterestsMachine,
  commands: bestInterestsCommands,
  instances: 'single',
  outcome: (state) => (state === 'bid_approved' ? 'bid_approved' : null),
  followUps: bestInterestsFollowUps,
  tasks: bestInterestsTasks,
};

import { assign, setup } from 'xstate';
import { z } from 'zod';
import { guardedBy, ruleGuards, stamp, type CommandSpec, type WorkflowDefinition, type WorkflowEvent } from '../definition.ts';

/** The case as a whole: closure and reopening (WORKFLOWS.md "case"). A case is never deleted. */

const reason = z.strictObject({ reason: z.string().min(1).max(5000) });

export const caseCommands = {
  CLOSE: { roles: ['supervisor'], data: reason, rules: ['KP-SYS-01'], summary: 'close the case' },
  REOPEN: { roles: ['supervisor'], data: reason, rules: ['KP-SYS-01'], summary: 'reopen a closed case' },
} as const satisfies Record<string, CommandSpec>;

export interface CaseContext {
  closures: Array<{ reason: string; by: string; at: string }>;
}

export const caseMachine = setup({
  types: { context: {} as CaseContext, events: {} as WorkflowEvent },
  guards: ruleGuards,
  actions: {
    recordClosure: assign({
      closures: ({ context, event }) => [...context.closures, { reason: String(event.data['reason']), ...stamp(event) }],
    }),
  },
}).createMachine({
  id: 'case',
  initial: 'open',
  context: { closures: [] },
  states: {
    open: { on: { CLOSE: { target: 'closed', guard: guardedBy(caseCommands.CLOSE), actions: 'recordClosure' } } },
    closed: { on: { REOPEN: { target: 'open', guard: guardedBy(caseCommands.REOPEN) } } },
  },
});

export const caseWorkflow: WorkflowDefinition = {
  kind: 'case',
  version: 1,
  title: 'Case',
  machine: caseMachine,
  commands: caseCommands,
  instances: 'single',
  outcome: (state) => (state === 'closed' ? 'closed' : null),
};

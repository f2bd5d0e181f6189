import { assertEvent, assign, setup } from 'xstate';
import { reasonOf, stamp } from '../eventReaders.ts';
import { guardedBy, ruleGuards } from '../guards.ts';
import { caseCommands as c, type CaseEvent } from './commands.ts';
import { initialCaseContext, type CaseContext } from './model.ts';

export const caseMachine = setup({
  types: { context: {} as CaseContext, events: {} as CaseEvent },
  guards: ruleGuards,
  actions: {
    recordClosure: assign({
      closures: ({ context, event }) => {
        assertEvent(event, 'CLOSE');
        return [...context.closures, { reason: String(event.data.reason), ...stamp(event) }];
      },
    }),
    recordReopening: assign({
      reopenings: ({ context, event }) => [...(context.reopenings ?? []), { reason: reasonOf(event), ...stamp(event) }],
    }),
    recordSharing: assign({
      sharings: ({ context, event }) => {
        assertEvent(event, 'SHARE_RECORD');
        const d = event.data;
        return [...(context.sharings ?? []), { recipient: d.recipient, legalBasis: d.legalBasis ?? '', purpose: d.purpose ?? '', fields: d.fields, dpoApproved: d.dpoApproved, ...stamp(event) }];
      },
    }),
  },
}).createMachine({
  id: 'case',
  initial: 'open',
  context: initialCaseContext,
  on: { SHARE_RECORD: { guard: guardedBy(c.SHARE_RECORD), actions: 'recordSharing' } },
  states: {
    open: { on: { CLOSE: { target: 'closed', guard: guardedBy(c.CLOSE), actions: 'recordClosure' } } },
    closed: { on: { REOPEN: { target: 'open', guard: guardedBy(c.REOPEN), actions: 'recordReopening' } } },
  },
});

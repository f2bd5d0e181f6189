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
        // Applied only under an agreement in force (KP-DATA-01): recipient and basis are the agreement's.
        const a = d.agreement!;
        return [...(context.sharings ?? []), { agreementId: a.id, recipient: { name: a.recipient.name, kind: a.recipient.kind }, legalBasis: a.legalBasis, purpose: d.purpose ?? '', fields: d.fields, ...stamp(event) }];
      },
    }),
    recordAssignment: assign({
      assignments: ({ context, event }) => {
        assertEvent(event, 'ASSIGN');
        return [...(context.assignments ?? []), { userIds: [...event.data.userIds], teamId: event.data.teamId ?? null, ...stamp(event) }];
      },
    }),
    recordSeal: assign({
      seal: ({ event }) => {
        assertEvent(event, 'SEAL');
        return { reason: String(event.data.reason), ...stamp(event) };
      },
    }),
    recordErasure: assign({
      erasure: ({ event }) => {
        assertEvent(event, 'ERASE');
        return stamp(event);
      },
    }),
    recordTransfer: assign({
      transfers: ({ context, event }) => {
        assertEvent(event, 'TRANSFER');
        return [...(context.transfers ?? []), { teamId: event.data.teamId, legalBasis: event.data.legalBasis ?? null, ...stamp(event) }];
      },
    }),
  },
}).createMachine({
  id: 'case',
  initial: 'not_erased',
  context: initialCaseContext,
  states: {
    /**
     * Every state but the last. ERASE is taken in each so that KP-DATA-04, not the machine, refuses
     * an open case with its id; sharing, assignment and ownership too: an erased person's record is
     * never shared or handed on again.
     */
    not_erased: {
      initial: 'unsealed',
      on: {
        ERASE: { target: 'erased', guard: guardedBy(c.ERASE), actions: 'recordErasure' },
        SHARE_RECORD: { guard: guardedBy(c.SHARE_RECORD), actions: 'recordSharing' },
        // Who works the case and which team owns it: the engine keeps the scope tables in step (src/engine/assignment.ts).
        ASSIGN: { guard: guardedBy(c.ASSIGN), actions: 'recordAssignment' },
        TRANSFER: { guard: guardedBy(c.TRANSFER), actions: 'recordTransfer' },
      },
      states: {
        // A record may fall due for sealing while its case is still open (18 plus N years): both seal.
        unsealed: {
          initial: 'open',
          on: {
            SEAL: { target: 'sealed', guard: guardedBy(c.SEAL), actions: 'recordSeal' },
          },
          states: {
            open: {
              on: {
                CLOSE: { target: 'closed', guard: guardedBy(c.CLOSE), actions: 'recordClosure' },
              },
            },
            closed: {
              on: {
                REOPEN: { target: 'open', guard: guardedBy(c.REOPEN), actions: 'recordReopening' },
              },
            },
          },
        },
        // No unsealing (docs/retention.md); an emergency reads it through break-glass. A sealed record may still be erased.
        sealed: {},
      },
    },
    // Final: the person's key is destroyed (docs/erasure.md); nothing can be decided about them again.
    erased: {},
  },
});

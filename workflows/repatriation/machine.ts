import { and, assertEvent, assign, setup } from 'xstate';
import { stamp } from '../eventReaders.ts';
import { guardedBy, ruleGuards } from '../guards.ts';
import { repatriationCommands, type RepatriationEvent } from './commands.ts';
import { INITIAL_REPATRIATION, planMembers, type RepatriationContext } from './model.ts';

const c = repatriationCommands;

function reversal(context: RepatriationContext, event: RepatriationEvent, from: string, cause: string) {
  return {
    approvedBy: null,
    approvedAt: null,
    notifiedAt: null,
    reversals: [...context.reversals, { cause, reason: String(('reason' in event.data ? event.data.reason : undefined) ?? cause), from, at: event.ctx.at }],
  };
}

export const repatriationMachine = setup({
  types: { context: {} as RepatriationContext, events: {} as RepatriationEvent },
  guards: {
    ...ruleGuards,
    refusalAnnulled: ({ context, event }) => event.type === 'RECORD_REVIEW_DECISION' && event.data.outcome === 'annulled' && context.refusals.length > 0,
  },
  actions: {
    plan: assign(({ context, event }) => {
      assertEvent(event, 'PLAN');
      const d = event.data;
      const s = stamp(event);
      return {
        ...INITIAL_REPATRIATION,
        // A new plan keeps the history of earlier ones: nothing is deleted (KP-SYS-01). The
        // consular log is the person's, not the plan's: contacts made before any plan stay (KP-RET-06).
        cancellations: context.cancellations,
        reversals: context.reversals,
        consularContacts: context.consularContacts,
        destination: d.destination,
        members: planMembers(event.ctx, d.withFamily ?? []),
        plannedAt: s.at,
        authoredBy: event.ctx.proposedBy?.id ?? s.by,
        submittedBy: event.ctx.proposedBy?.id ?? s.by,
      };
    }),
    consularContact: assign({
      consularContacts: ({ context, event }) => {
        assertEvent(event, 'RECORD_CONSULAR_CONTACT');
        return [...context.consularContacts, { ...event.data, ...stamp(event) }];
      },
    }),
    refusal: assign(({ context, event }) => {
      assertEvent(event, 'RECORD_STATE_REFUSAL');
      return { refusals: [...context.refusals, { ...event.data, ...stamp(event) }], approvedBy: null, approvedAt: null, notifiedAt: null };
    }),
    documents: assign(({ context, event }) => {
      assertEvent(event, 'ISSUE_DOCUMENTS');
      return { documents: [...context.documents, { ...event.data, ...stamp(event) }], submittedBy: event.ctx.proposedBy?.id ?? event.ctx.actor.id };
    }),
    approve: assign(({ event }) => ({ approvedBy: event.ctx.proposedBy?.id ?? event.ctx.actor.id, approvedAt: event.ctx.at, notifiedAt: null })),
    notify: assign({
      notifiedAt: ({ event }) => {
        assertEvent(event, 'NOTIFY_DECISION');
        return event.data.notifiedAt;
      },
    }),
    reviewRequested: assign(({ context, event }) => {
      assertEvent(event, 'RECORD_REVIEW_REQUEST');
      return { reviews: [...context.reviews, { ...event.data, ...stamp(event) }], reviewPending: true };
    }),
    suspendApproval: assign(({ context, event }) => reversal(context, event, 'approved', 'review_requested')),
    reviewDecided: assign(({ context, event }) => {
      assertEvent(event, 'RECORD_REVIEW_DECISION');
      const decision = { ...event.data, ...stamp(event) };
      let open = -1;
      context.reviews.forEach((r, i) => {
        if (!r.decision) open = i;
      });
      const reviews = open < 0 ? context.reviews : context.reviews.map((r, i) => (i === open ? { ...r, decision } : r));
      return { reviews, reviewPending: reviews.some((r) => !r.decision) };
    }),
    refusalLifted: assign(({ context, event }) => reversal(context, event, 'barrier', 'refusal_annulled')),
    arrive: assign(({ event }) => {
      assertEvent(event, 'CONFIRM_ARRIVAL');
      return { arrivedAt: event.data.date, receivingAgency: event.data.receivingAgency };
    }),
    cancel: assign(({ context, event }) => {
      assertEvent(event, 'CANCEL');
      return {
        ...INITIAL_REPATRIATION,
        cancellations: [...context.cancellations, { reason: event.data.reason, ground: String(event.data.ground ?? 'other'), ...stamp(event) }],
        reversals: context.reversals,
        consularContacts: context.consularContacts,
      };
    }),
    reversed: assign(({ context, event }, params: { from: string; cause: string }) => reversal(context, event, params.from, params.cause)),
  },
}).createMachine({
  id: 'repatriation',
  initial: 'not_planned',
  context: INITIAL_REPATRIATION,
  states: {
    not_planned: {
      on: {
        PLAN: { target: 'planned', guard: guardedBy(c.PLAN), actions: 'plan' },
        // Consular contact is chased before any plan exists (KP-RET-06): it is recorded here too.
        RECORD_CONSULAR_CONTACT: { guard: guardedBy(c.RECORD_CONSULAR_CONTACT), actions: 'consularContact' },
      },
    },
    /** A plan in progress, until the person has returned: it may be cancelled at any stage. */
    planned: {
      initial: 'awaiting_approval',
      on: {
        CANCEL: { target: 'not_planned', guard: guardedBy(c.CANCEL), actions: 'cancel' },
      },
      states: {
        /** Not (or no longer) approved: a review may be requested and decided at each stage. */
        awaiting_approval: {
          initial: 'planning',
          on: {
            RECORD_REVIEW_REQUEST: { guard: guardedBy(c.RECORD_REVIEW_REQUEST), actions: 'reviewRequested' },
            RECORD_REVIEW_DECISION: { guard: guardedBy(c.RECORD_REVIEW_DECISION), actions: 'reviewDecided' },
          },
          states: {
            planning: {
              on: {
                RECORD_CONSULAR_CONTACT: { target: 'consular_engaged', guard: guardedBy(c.RECORD_CONSULAR_CONTACT), actions: 'consularContact' },
                RECORD_STATE_REFUSAL: { target: 'barrier', guard: guardedBy(c.RECORD_STATE_REFUSAL), actions: 'refusal' },
                ISSUE_DOCUMENTS: { target: 'documents_ready', guard: guardedBy(c.ISSUE_DOCUMENTS), actions: 'documents' },
                // A lack of documents never makes a person ineligible for return (KP-NAT-03): a return may be
                // approved before documents are recorded (the person's own, or a joint member's).
                APPROVE_RETURN: { target: '#repatriation.planned.approved', guard: guardedBy(c.APPROVE_RETURN), actions: 'approve' },
                BID_ANNULLED: { actions: { type: 'reversed', params: { from: 'planning', cause: 'bid_annulled' } } },
              },
            },
            consular_engaged: {
              on: {
                RECORD_CONSULAR_CONTACT: { guard: guardedBy(c.RECORD_CONSULAR_CONTACT), actions: 'consularContact' },
                RECORD_STATE_REFUSAL: { target: 'barrier', guard: guardedBy(c.RECORD_STATE_REFUSAL), actions: 'refusal' },
                ISSUE_DOCUMENTS: { target: 'documents_ready', guard: guardedBy(c.ISSUE_DOCUMENTS), actions: 'documents' },
                APPROVE_RETURN: { target: '#repatriation.planned.approved', guard: guardedBy(c.APPROVE_RETURN), actions: 'approve' },
                BID_ANNULLED: { target: 'planning', actions: { type: 'reversed', params: { from: 'consular_engaged', cause: 'bid_annulled' } } },
              },
            },
            /** A State refused: the case stays open, the refusal is reviewable (KP-RET-04). */
            barrier: {
              on: {
                RECORD_CONSULAR_CONTACT: { guard: guardedBy(c.RECORD_CONSULAR_CONTACT), actions: 'consularContact' },
                // An annulled refusal lifts the barrier; any other decision is recorded by awaiting_approval's own transition.
                RECORD_REVIEW_DECISION: { target: 'planning', guard: and([guardedBy(c.RECORD_REVIEW_DECISION), 'refusalAnnulled'] as const), actions: ['reviewDecided', 'refusalLifted'] },
                // The refusal still stands: the annulment is recorded, the barrier stays.
                BID_ANNULLED: { actions: { type: 'reversed', params: { from: 'barrier', cause: 'bid_annulled' } } },
              },
            },
            documents_ready: {
              on: {
                RECORD_CONSULAR_CONTACT: { guard: guardedBy(c.RECORD_CONSULAR_CONTACT), actions: 'consularContact' },
                ISSUE_DOCUMENTS: { guard: guardedBy(c.ISSUE_DOCUMENTS), actions: 'documents' },
                RECORD_STATE_REFUSAL: { target: 'barrier', guard: guardedBy(c.RECORD_STATE_REFUSAL), actions: 'refusal' },
                APPROVE_RETURN: { target: '#repatriation.planned.approved', guard: guardedBy(c.APPROVE_RETURN), actions: 'approve' },
                BID_ANNULLED: { target: 'planning', actions: { type: 'reversed', params: { from: 'documents_ready', cause: 'bid_annulled' } } },
              },
            },
          },
        },
        approved: {
          on: {
            NOTIFY_DECISION: { guard: guardedBy(c.NOTIFY_DECISION), actions: 'notify' },
            CONFIRM_ARRIVAL: { target: '#repatriation.returned', guard: guardedBy(c.CONFIRM_ARRIVAL), actions: 'arrive' },
            // A review or appeal suspends the transfer: back to awaiting approval (KP-RET-02).
            RECORD_REVIEW_REQUEST: { target: 'awaiting_approval.documents_ready', guard: guardedBy(c.RECORD_REVIEW_REQUEST), actions: ['reviewRequested', 'suspendApproval'] },
            RECORD_STATE_REFUSAL: { target: 'awaiting_approval.barrier', guard: guardedBy(c.RECORD_STATE_REFUSAL), actions: 'refusal' },
            BID_ANNULLED: { target: 'awaiting_approval.planning', actions: { type: 'reversed', params: { from: 'approved', cause: 'bid_annulled' } } },
            CLEARANCE_WITHDRAWN: { target: 'awaiting_approval.documents_ready', actions: { type: 'reversed', params: { from: 'approved', cause: 'clearance_withdrawn' } } },
          },
        },
      },
    },
    returned: {},
  },
});

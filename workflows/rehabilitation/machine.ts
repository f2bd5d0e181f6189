import { assertEvent, assign, setup } from 'xstate';
import { reasonOf, stamp } from '../eventReaders.ts';
import { guardedBy, ruleGuards } from '../guards.ts';
import { rehabilitationCommands, type RehabilitationEvent } from './commands.ts';
import { initialRehabilitationContext, type RehabilitationContext } from './model.ts';

const c = rehabilitationCommands;

export const rehabilitationMachine = setup({
  types: { context: {} as RehabilitationContext, events: {} as RehabilitationEvent },
  guards: ruleGuards,
  actions: {
    createPlan: assign({
      plan: ({ event }) => {
        assertEvent(event, 'CREATE_PLAN');
        const d = event.data;
        const s = stamp(event);
        const justification = event.ctx.command.justification;
        return { services: d.services, reviewDate: d.reviewDate, ...(d.notes ? { notes: d.notes } : {}), ...(justification ? { justification } : {}), createdBy: s.by, createdAt: s.at };
      },
    }),
    reviewPlan: assign(({ context, event }) => {
      assertEvent(event, 'REVIEW_PLAN');
      const d = event.data;
      const plan = context.plan;
      const previousReviewDate = plan?.reviewDate ?? '';
      const justification = event.ctx.command.justification;
      return {
        plan: plan ? { ...plan, reviewDate: d.reviewDate, ...(d.services ? { services: d.services } : {}), ...(d.services && justification ? { justification } : {}) } : plan,
        reviews: [...context.reviews, { reviewDate: d.reviewDate, previousReviewDate, servicesChanged: d.services !== undefined, ...(d.note ? { note: d.note } : {}), ...stamp(event) }],
      };
    }),
    recordStart: assign({ started: ({ event }) => stamp(event) }),
    recordProgress: assign({
      progress: ({ context, event }) => {
        assertEvent(event, 'RECORD_PROGRESS');
        const d = event.data;
        return [...context.progress, { note: d.note ?? event.ctx.command.justification ?? '', ...(d.serviceType ? { serviceType: d.serviceType } : {}), ...stamp(event) }];
      },
    }),
    recordCompletion: assign({ completion: ({ event }) => ({ reason: reasonOf(event), ...stamp(event) }) }),
    recordReopening: assign({
      completion: null,
      reopenings: ({ context, event }) => {
        assertEvent(event, 'REOPEN');
        return [...context.reopenings, { reason: event.data.reason, ...stamp(event) }];
      },
    }),
  },
}).createMachine({
  id: 'rehabilitation',
  initial: 'not_started',
  context: initialRehabilitationContext,
  states: {
    not_started: { on: { CREATE_PLAN: { target: 'planned', guard: guardedBy(c.CREATE_PLAN), actions: 'createPlan' } } },
    planned: {
      on: {
        REVIEW_PLAN: { guard: guardedBy(c.REVIEW_PLAN), actions: 'reviewPlan' },
        START: { target: 'active', guard: guardedBy(c.START), actions: 'recordStart' },
      },
    },
    active: {
      on: {
        RECORD_PROGRESS: { guard: guardedBy(c.RECORD_PROGRESS), actions: 'recordProgress' },
        REVIEW_PLAN: { guard: guardedBy(c.REVIEW_PLAN), actions: 'reviewPlan' },
        COMPLETE: { target: 'completed', guard: guardedBy(c.COMPLETE), actions: 'recordCompletion' },
      },
    },
    completed: { on: { REOPEN: { target: 'active', guard: guardedBy(c.REOPEN), actions: 'recordReopening' } } },
  },
});

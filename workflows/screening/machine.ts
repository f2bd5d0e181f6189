import { assertEvent, assign, setup } from 'xstate';
import { stamp } from '../eventReaders.ts';
import { guardedBy, ruleGuards } from '../guards.ts';
import { screeningCommands as c, type ScreeningEvent } from './commands.ts';
import { initialScreeningContext, type ScreeningContext } from './model.ts';

export const screeningMachine = setup({
  types: { context: {} as ScreeningContext, events: {} as ScreeningEvent },
  guards: ruleGuards,
  actions: {
    recordInterview: assign({
      interviews: ({ context, event }) => {
        assertEvent(event, 'RECORD_INTERVIEW');
        return [...context.interviews, { ...event.data, ...stamp(event) }];
      },
    }),
    recordAssessment: assign({
      assessment: ({ event }) => {
        assertEvent(event, 'RECORD_ASSESSMENT');
        return { ...event.data, ...stamp(event) };
      },
    }),
    recordReferral: assign({
      referrals: ({ context, event }) => {
        assertEvent(event, 'RECORD_REFERRAL');
        return [...(context.referrals ?? []), { ...event.data, ...stamp(event) }];
      },
    }),
    recordSubmission: assign({ submittedBy: ({ event }) => event.ctx.actor.id }),
    recordApproval: assign({ approvedBy: ({ event }) => event.ctx.actor.id }),
    clearApproval: assign({ submittedBy: null, approvedBy: null }),
  },
}).createMachine({
  id: 'screening',
  initial: 'pending',
  context: initialScreeningContext,
  states: {
    pending: { on: { START: { target: 'started.in_progress', guard: guardedBy(c.START) } } },
    /** Once started, a referral may be recorded at any stage, after approval too. */
    started: {
      initial: 'in_progress',
      on: {
        RECORD_REFERRAL: { guard: guardedBy(c.RECORD_REFERRAL), actions: 'recordReferral' },
      },
      states: {
        in_progress: {
          on: {
            RECORD_INTERVIEW: { guard: guardedBy(c.RECORD_INTERVIEW), actions: 'recordInterview' },
            RECORD_ASSESSMENT: { guard: guardedBy(c.RECORD_ASSESSMENT), actions: 'recordAssessment' },
            SUBMIT: { target: 'submitted', guard: guardedBy(c.SUBMIT), actions: 'recordSubmission' },
          },
        },
        submitted: {
          on: {
            RETURN: { target: 'in_progress', guard: guardedBy(c.RETURN), actions: 'clearApproval' },
            APPROVE: { target: 'completed', guard: guardedBy(c.APPROVE), actions: 'recordApproval' },
          },
        },
        completed: {
          on: {
            REOPEN: { target: 'in_progress', guard: guardedBy(c.REOPEN), actions: 'clearApproval' },
          },
        },
      },
    },
  },
});

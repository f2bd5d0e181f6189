import { assertEvent, assign, setup } from 'xstate';
import { stamp } from '../eventReaders.ts';
import { guardedBy, ruleGuards } from '../guards.ts';
import { ageAssessmentCommands as c, type AgeAssessmentEvent } from './commands.ts';
import { initialAgeAssessmentContext, type AgeAssessmentContext } from './model.ts';

export const ageAssessmentMachine = setup({
  types: { context: {} as AgeAssessmentContext, events: {} as AgeAssessmentEvent },
  guards: ruleGuards,
  actions: {
    recordAge: assign(({ event }) => {
      assertEvent(event, 'RECORD_AGE');
      const d = event.data;
      const s = stamp(event);
      return { methods: [...d.methods], dateOfBirth: d.dateOfBirth, assessors: d.assessors, submittedBy: s.by, recordedAt: s.at, confirmedBy: null };
    }),
    recordConfirmation: assign({ confirmedBy: ({ event }) => event.ctx.actor.id }),
    clearConfirmation: assign({ confirmedBy: null }),
  },
}).createMachine({
  id: 'age_assessment',
  initial: 'pending',
  context: initialAgeAssessmentContext,
  states: {
    pending: { on: { RECORD_AGE: { target: 'recorded', guard: guardedBy(c.RECORD_AGE), actions: 'recordAge' } } },
    recorded: {
      on: {
        RECORD_AGE: { target: 'recorded', guard: guardedBy(c.RECORD_AGE), actions: 'recordAge' },
        CONFIRM: { target: 'confirmed', guard: guardedBy(c.CONFIRM), actions: 'recordConfirmation' },
        REOPEN: { target: 'pending', guard: guardedBy(c.REOPEN), actions: 'clearConfirmation' },
      },
    },
    confirmed: { on: { REOPEN: { target: 'pending', guard: guardedBy(c.REOPEN), actions: 'clearConfirmation' } } },
  },
});

import { and, assertEvent, assign, setup } from 'xstate';
import { stamp } from '../eventReaders.ts';
import { guardedBy, ruleGuards } from '../guards.ts';
import { readConclude, riskStands } from '../rules/return.ts';
import { nonRefoulementCommands, type NonRefoulementEvent } from './commands.ts';
import { initialNonRefoulementContext, type NonRefoulementContext, type NonRefoulementResult } from './model.ts';

const c = nonRefoulementCommands;

export const nonRefoulementMachine = setup({
  types: { context: {} as NonRefoulementContext, events: {} as NonRefoulementEvent },
  guards: {
    ...ruleGuards,
    /** A substantial risk stands: no assurance route was asked for, or it does not lift the risk. */
    riskStands: ({ context, event }) => riskStands(context.findings, event.data, event.ctx.settings),
  },
  actions: {
    start: assign({
      destination: ({ event }) => {
        assertEvent(event, 'START');
        return event.data.destination;
      },
    }),
    recordFindings: assign(({ event }) => {
      assertEvent(event, 'RECORD_FINDINGS');
      return { findings: { ...event.data, ...stamp(event) }, authoredBy: event.ctx.actor.id };
    }),
    recordSubmission: assign({ submittedBy: ({ event }) => event.ctx.actor.id }),
    conclude: assign(({ context, event }, params: { result: NonRefoulementResult }) => {
      const s = stamp(event);
      const proposer = event.ctx.proposedBy?.id;
      const by = proposer ?? s.by;
      return {
        result: params.result,
        concludedAt: s.at,
        concludedBy: by,
        confirmedBy: proposer ? s.by : null,
        conclusion: readConclude(event.data),
        history: [...context.history, { event: 'concluded' as const, result: params.result, by, at: s.at }],
      };
    }),
    reopen: assign(({ context, event }) => {
      assertEvent(event, 'REOPEN');
      return {
        result: null,
        concludedAt: null,
        concludedBy: null,
        confirmedBy: null,
        submittedBy: null,
        conclusion: null,
        history: [...context.history, { event: 'reopened' as const, newInformation: event.data.newInformation, ...stamp(event) }],
      };
    }),
  },
}).createMachine({
  id: 'non_refoulement',
  initial: 'not_started',
  context: initialNonRefoulementContext,
  states: {
    not_started: { on: { START: { target: 'assessing', guard: guardedBy(c.START), actions: 'start' } } },
    assessing: {
      on: {
        RECORD_FINDINGS: { guard: guardedBy(c.RECORD_FINDINGS), actions: 'recordFindings' },
        SUBMIT: { target: 'submitted', guard: guardedBy(c.SUBMIT), actions: 'recordSubmission' },
      },
    },
    submitted: {
      on: {
        CONCLUDE: [
          { target: 'risk_identified', guard: and([guardedBy(c.CONCLUDE), 'riskStands'] as const), actions: { type: 'conclude', params: { result: 'risk_identified' } } },
          { target: 'cleared', guard: guardedBy(c.CONCLUDE), actions: { type: 'conclude', params: { result: 'cleared' } } },
        ],
        REOPEN: { target: 'assessing', guard: guardedBy(c.REOPEN), actions: 'reopen' },
      },
    },
    cleared: { on: { REOPEN: { target: 'assessing', guard: guardedBy(c.REOPEN), actions: 'reopen' } } },
    risk_identified: { on: { REOPEN: { target: 'assessing', guard: guardedBy(c.REOPEN), actions: 'reopen' } } },
  },
});

import { and, assertEvent, assign, setup } from 'xstate';
import type { WorkflowEvent } from '../definition.ts';
import { stamp } from '../eventReaders.ts';
import { guardedBy, ruleGuards } from '../guards.ts';
import { nationalityCommands, resolveDefaults, type NationalityEvent } from './commands.ts';
import { initialNationalityContext, type NationalityContext, type Resolve } from './model.ts';

const c = nationalityCommands;
const logged = (context: NationalityContext, event: WorkflowEvent, state?: string) => [...context.log, { event: event.type, ...(state ? { state } : {}), ...stamp(event) }];

function verify(context: NationalityContext, event: WorkflowEvent, state: string, documentRef: string | undefined) {
  return {
    verified: [...context.verified.filter((v) => v.state !== state), { state, ...(documentRef ? { documentRef } : {}), ...stamp(event) }],
    disputed: context.disputed.filter((d) => d.state !== state),
    concludedBy: event.ctx.actor.id,
    log: logged(context, event, state),
  };
}

export const nationalityMachine = setup({
  types: { context: {} as NationalityContext, events: {} as NationalityEvent },
  guards: {
    ...ruleGuards,
    outcomeIs: ({ event }, params: { outcome: Resolve['outcome'] }) => event.type === 'RESOLVE' && event.data.outcome === params.outcome,
    /** A dual national whose other nationality stays verified after this State's dispute (DOMAIN.md §5.5). */
    keepsAnotherNationality: ({ context, event }) => event.type === 'RECORD_DISPUTE' && context.verified.some((v) => v.state !== event.data.state),
  },
  actions: {
    request: assign(({ context, event }) => {
      assertEvent(event, 'REQUEST_VERIFICATION');
      const d = event.data;
      return {
        requested: [...context.requested, { state: d.state, ...(typeof d.basis === 'string' ? { basis: d.basis } : {}), ...stamp(event) }],
        submittedBy: event.ctx.actor.id,
        log: logged(context, event, d.state),
      };
    }),
    confirm: assign(({ context, event }) => {
      assertEvent(event, 'CONFIRM');
      return verify(context, event, event.data.state, event.data.documentRef);
    }),
    dispute: assign(({ context, event }) => {
      assertEvent(event, 'RECORD_DISPUTE');
      const d = event.data;
      return {
        disputed: [...context.disputed.filter((x) => x.state !== d.state), { state: d.state, reason: String(d.reason), ground: String(d.ground ?? 'not_a_national'), ...stamp(event) }],
        verified: context.verified.filter((v) => v.state !== d.state),
        submittedBy: event.ctx.actor.id,
        log: logged(context, event, d.state),
      };
    }),
    refer: assign(({ context, event }) => {
      assertEvent(event, 'REFER_STATELESSNESS');
      return {
        referral: { reason: typeof event.data.reason === 'string' ? event.data.reason : null, ...stamp(event) },
        submittedBy: event.ctx.actor.id,
        log: logged(context, event),
      };
    }),
    resolveVerified: assign(({ context, event }) => {
      assertEvent(event, 'RESOLVE');
      // The defaults are re-derived here too (replay runs the machine on the recorded data).
      const completed = resolveDefaults(context, event.ctx.subject, event.data, 'verified');
      const d = ('data' in completed ? completed.data : event.data) as Extract<Resolve, { outcome: 'verified' }>;
      return { ...verify(context, event, String(d.state), d.documentRef), resolution: { ...d, ...stamp(event) } };
    }),
    resolveProtected: assign(({ context, event }) => {
      assertEvent(event, 'RESOLVE');
      const completed = resolveDefaults(context, event.ctx.subject, event.data, 'statelessness_referral');
      const d = ('data' in completed ? completed.data : event.data) as Resolve;
      return { resolution: { ...d, ...stamp(event) }, concludedBy: event.ctx.actor.id, log: logged(context, event) };
    }),
    register: assign(({ context, event }) => {
      assertEvent(event, 'RECORD_REGISTRATION');
      return { registrations: [...context.registrations, { ...event.data, ...stamp(event) }], log: logged(context, event) };
    }),
  },
}).createMachine({
  id: 'nationality',
  initial: 'unverified',
  context: initialNationalityContext,
  on: { RECORD_REGISTRATION: { guard: guardedBy(c.RECORD_REGISTRATION), actions: 'register' } },
  states: {
    unverified: { on: { REQUEST_VERIFICATION: { target: 'verification_requested', guard: guardedBy(c.REQUEST_VERIFICATION), actions: 'request' } } },
    verification_requested: {
      on: {
        REQUEST_VERIFICATION: { guard: guardedBy(c.REQUEST_VERIFICATION), actions: 'request' },
        CONFIRM: { target: 'verified', guard: guardedBy(c.CONFIRM), actions: 'confirm' },
        RECORD_DISPUTE: { target: 'disputed', guard: guardedBy(c.RECORD_DISPUTE), actions: 'dispute' },
        REFER_STATELESSNESS: { target: 'statelessness_referral', guard: guardedBy(c.REFER_STATELESSNESS), actions: 'refer' },
      },
    },
    disputed: {
      on: {
        REQUEST_VERIFICATION: { target: 'verification_requested', guard: guardedBy(c.REQUEST_VERIFICATION), actions: 'request' },
        CONFIRM: { target: 'verified', guard: guardedBy(c.CONFIRM), actions: 'confirm' },
        RECORD_DISPUTE: { guard: guardedBy(c.RECORD_DISPUTE), actions: 'dispute' },
        REFER_STATELESSNESS: { target: 'statelessness_referral', guard: guardedBy(c.REFER_STATELESSNESS), actions: 'refer' },
        RESOLVE: [
          { target: 'verified', guard: and([guardedBy(c.RESOLVE), { type: 'outcomeIs', params: { outcome: 'verified' } }] as const), actions: 'resolveVerified' },
          { target: 'stateless_protected', guard: and([guardedBy(c.RESOLVE), { type: 'outcomeIs', params: { outcome: 'stateless_protected' } }] as const), actions: 'resolveProtected' },
        ],
      },
    },
    statelessness_referral: {
      on: {
        REQUEST_VERIFICATION: { target: 'verification_requested', guard: guardedBy(c.REQUEST_VERIFICATION), actions: 'request' },
        RESOLVE: [
          { target: 'verified', guard: and([guardedBy(c.RESOLVE), { type: 'outcomeIs', params: { outcome: 'verified' } }] as const), actions: 'resolveVerified' },
          { target: 'stateless_protected', guard: and([guardedBy(c.RESOLVE), { type: 'outcomeIs', params: { outcome: 'stateless_protected' } }] as const), actions: 'resolveProtected' },
        ],
      },
    },
    /**
     * One or more nationalities verified. A dual national's other State is asked and confirmed from
     * here, each State's confirmation recorded on its own (DOMAIN.md §5.5: consular tracks with both
     * States); a dispute by one State leaves the person `verified` while another nationality stands.
     */
    verified: {
      on: {
        REQUEST_VERIFICATION: { guard: guardedBy(c.REQUEST_VERIFICATION), actions: 'request' },
        CONFIRM: { guard: guardedBy(c.CONFIRM), actions: 'confirm' },
        RECORD_DISPUTE: [
          { guard: and([guardedBy(c.RECORD_DISPUTE), 'keepsAnotherNationality'] as const), actions: 'dispute' },
          { target: 'disputed', guard: guardedBy(c.RECORD_DISPUTE), actions: 'dispute' },
        ],
      },
    },
    stateless_protected: { on: { REQUEST_VERIFICATION: { target: 'verification_requested', guard: guardedBy(c.REQUEST_VERIFICATION), actions: 'request' } } },
  },
});

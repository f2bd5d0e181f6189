import { and, assertEvent, assign, setup } from 'xstate';
import { addDays, calendarDate, isChild } from '../age.ts';
import { reasonOf, stamp } from '../eventReaders.ts';
import { guardedBy, ruleGuards } from '../guards.ts';
import { reviewIntervalDays } from '../rules/detention.ts';
import { effectiveDateOfBirth } from '../rules/facts.ts';
import { detentionCommands, type DetentionEvent } from './commands.ts';
import { initialDetentionContext, PROSECUTION_BASES, type Detention, type DetentionContext } from './model.ts';

const c = detentionCommands;

export const detentionMachine = setup({
  types: { context: {} as DetentionContext, events: {} as DetentionEvent },
  guards: {
    ...ruleGuards,
    continues: ({ event }) => event.type === 'REVIEW' && event.data.continue,
    releases: ({ event }) => event.type === 'REVIEW' && !event.data.continue,
    basisWasProsecution: ({ context }) => !!context.current?.legalBasis && PROSECUTION_BASES.has(context.current.legalBasis.kind),
  },
  actions: {
    detain: assign(({ event }) => {
      assertEvent(event, 'DETAIN');
      const d = event.data;
      const ctx = event.ctx;
      const s = stamp(event);
      const proposer = ctx.proposedBy?.id ?? s.by;
      const current: Detention = {
        ...d,
        reviewDueAt: d.reviewDueAt ?? addDays(calendarDate(s.at), reviewIntervalDays(ctx)),
        startedAt: s.at,
        by: proposer,
        approvedBy: ctx.proposedBy ? s.by : null,
        childAtStart: isChild(effectiveDateOfBirth(ctx.subject), calendarDate(s.at)),
      };
      return { current, submittedBy: proposer, decidedBy: s.by };
    }),
    recordDetention: assign(({ event }) => {
      assertEvent(event, 'RECORD_DETENTION');
      const d = event.data;
      const ctx = event.ctx;
      const s = stamp(event);
      const { detainingAuthority, since, notes, orderedBy: _orderedBy, ...held } = d;
      const current: Detention = {
        ...held,
        alternativesConsidered: [],
        evidenceIds: [],
        reviewDueAt: d.reviewDueAt ?? addDays(calendarDate(s.at), reviewIntervalDays(ctx)),
        startedAt: since,
        by: s.by,
        approvedBy: null,
        childAtStart: isChild(effectiveDateOfBirth(ctx.subject), since),
        recorded: { authority: detainingAuthority, since, ...(notes ? { notes } : {}) },
      };
      return { current, submittedBy: s.by, decidedBy: s.by };
    }),
    /**
     * A move while detained: only the place changes. The start, maximum, review date, legal basis,
     * grounds, jurisdiction and approvals stay (KP-DET-02: never extended or reset without a review
     * decision); the earlier place is closed in the history: nothing is deleted.
     */
    recordMove: assign(({ context, event }) => {
      const held = context.current;
      if (!held) return {};
      assertEvent(event, 'RECORD_DETENTION');
      const d = event.data;
      const s = stamp(event);
      const { staysWithParent: _previousParent, ...kept } = held;
      const current: Detention = {
        ...kept,
        facility: d.facility,
        separateFromAdults: d.separateFromAdults,
        ...(d.staysWithParent ? { staysWithParent: d.staysWithParent } : {}),
        ...(d.children ? { children: d.children } : {}),
        // A maximum learnt later may be added where none was known; an existing one is never changed (KP-DET-02).
        ...(d.maxEnd && !held.maxEnd ? { maxEnd: d.maxEnd } : {}),
        moved: { authority: d.detainingAuthority, since: d.since, ...s, ...(d.notes ? { notes: d.notes } : {}) },
      };
      const history = [...context.history, { ...held, endedAt: s.at, endedBy: s.by, endReason: `moved to ${d.facility.name}`, endType: event.type }];
      return { current, history };
    }),
    recordReview: assign(({ context, event }) => {
      assertEvent(event, 'REVIEW');
      const d = event.data;
      const s = stamp(event);
      const current = context.current && d.continue ? { ...context.current, reviewDueAt: d.nextReviewDueAt ?? addDays(calendarDate(s.at), event.ctx.settings.detentionReviewIntervalDays) } : context.current;
      return { reviews: [...context.reviews, { ...d, ...s }], current };
    }),
    end: assign(({ context, event }) => {
      const s = stamp(event);
      if (!context.current) return {};
      const endReason = reasonOf(event);
      return { current: null, history: [...context.history, { ...context.current, endedAt: s.at, endedBy: s.by, endReason, endType: event.type }] };
    }),
  },
}).createMachine({
  id: 'detention',
  initial: 'not_detained',
  context: initialDetentionContext,
  states: {
    not_detained: {
      on: {
        DETAIN: { target: 'detained', guard: guardedBy(c.DETAIN), actions: 'detain' },
        RECORD_DETENTION: { target: 'detained', guard: guardedBy(c.RECORD_DETENTION), actions: 'recordDetention' },
      },
    },
    detained: {
      on: {
        RECORD_DETENTION: { guard: guardedBy(c.RECORD_DETENTION), actions: 'recordMove' },
        REVIEW: [
          { guard: and([guardedBy(c.REVIEW), 'continues']), actions: 'recordReview' },
          { target: 'not_detained', guard: and([guardedBy(c.REVIEW), 'releases']), actions: ['recordReview', 'end'] },
        ],
        RELEASE: { target: 'not_detained', guard: guardedBy(c.RELEASE), actions: 'end' },
        REFERRAL_ANNULLED: { target: 'not_detained', guard: 'basisWasProsecution', actions: 'end' },
      },
    },
  },
});

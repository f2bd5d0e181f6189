import { and, assertEvent, assign, setup } from 'xstate';
import { addDays, calendarDate } from '../age.ts';
import { reasonOf, stamp } from '../eventReaders.ts';
import { guardedBy, ruleGuards } from '../guards.ts';
import { subjectIsChild } from '../rules/facts.ts';
import { bestInterestsCommands, type BestInterestsEvent } from './commands.ts';
import { bidReviewDue, initialBestInterestsContext, type Bid, type BestInterestsContext, type BidStatus, type Placement, type RecordHandover } from './model.ts';

const c = bestInterestsCommands;
const BID_OPEN: ReadonlySet<BidStatus> = new Set(['preparing', 'submitted', 'returned']);

const reopening = (event: BestInterestsEvent, why: string) => ({ type: event.type, reason: why, ...stamp(event) });

export const bestInterestsMachine = setup({
  types: { context: {} as BestInterestsContext, events: {} as BestInterestsEvent },
  guards: {
    ...ruleGuards,
    /** Children only: for an adult a BIA means nothing (the command is invalid, not refused by a rule). */
    childSubject: ({ event }) => subjectIsChild(event.ctx),
    bidRequired: ({ event }) => event.type === 'COMPLETE_BIA' && event.data.bidRequired,
    /** An urgent action opens a BID unless one is already open or approved. */
    noBidInProgress: ({ context }) => !BID_OPEN.has(context.bid.status) && context.bid.status !== 'approved',
    approves: ({ event }) => event.type === 'PANEL_DECIDE' && event.data.decision === 'approve',
    returns: ({ event }) => event.type === 'PANEL_DECIDE' && event.data.decision === 'return',
    reopenRequested: ({ event }) => event.type === 'REVIEW' && event.data.reopen,
    /** A withdrawal of consent before departure reopens an approved BID (KP-CHILD-06; DOMAIN.md §5.14). */
    withdrawalReopensBid: ({ context, event }) =>
      event.type === 'RECORD_CONSENT' &&
      event.data.status === 'withdrawn' &&
      context.bid.status === 'approved' &&
      !event.ctx.subject.workflows.some((w) => w.kind === 'repatriation' && w.state === 'returned'),
  },
  actions: {
    recordBia: assign(({ event }) => {
      assertEvent(event, 'COMPLETE_BIA');
      const d = event.data;
      const s = stamp(event);
      return { bia: { findings: d.findings, bidRequired: d.bidRequired, validUntil: d.validUntil ?? null }, biaCompletedAt: s.at, biaAuthor: s.by };
    }),
    openBid: assign({ bid: ({ context }) => ({ ...context.bid, status: 'preparing' as const }) }),
    recordUrgentAction: assign(({ context, event }) => {
      assertEvent(event, 'URGENT_ACTION');
      const s = stamp(event);
      const bidDueAt = addDays(calendarDate(s.at), event.ctx.settings.bidAfterUrgentActionDays);
      const open = BID_OPEN.has(context.bid.status);
      const approved = context.bid.status === 'approved';
      // An open BID keeps the earlier deadline; an approved BID stands (the supervisor may REOPEN it).
      const dueAt = approved ? context.bid.dueAt : open && context.bid.dueAt && context.bid.dueAt < bidDueAt ? context.bid.dueAt : bidDueAt;
      return {
        urgentActions: [...context.urgentActions, { ...event.data, ...s, bidDueAt: dueAt ?? bidDueAt }],
        bid: approved ? context.bid : { ...context.bid, status: open ? context.bid.status : ('preparing' as const), ...(dueAt ? { dueAt } : {}) },
      };
    }),
    recordConsent: assign({
      consents: ({ context, event }) => {
        assertEvent(event, 'RECORD_CONSENT');
        return [...context.consents, { ...event.data, ...stamp(event) }];
      },
    }),
    reopenOnWithdrawal: assign(({ context, event }) => ({
      bid: { ...context.bid, status: 'preparing' as const },
      decidedBy: null,
      reopenings: [...context.reopenings, reopening(event, 'consent withdrawn before departure')],
    })),
    prepareBid: assign(({ context, event }) => {
      assertEvent(event, 'PREPARE_BID');
      const d = event.data;
      const { approvedAt: _a, reviewDueAt: _r, panel: _p, reasons: _s, reviewRoute: _rr, ...kept } = context.bid;
      return { bidAuthor: event.ctx.actor.id, bid: { ...kept, ...d, status: 'preparing' as const } };
    }),
    submitBid: assign({ bid: ({ context, event }) => ({ ...context.bid, status: 'submitted' as const, submittedAt: event.ctx.at }) }),
    approveBid: assign(({ context, event }) => {
      assertEvent(event, 'PANEL_DECIDE');
      const d = event.data;
      const reviewDate = d.reviewDate ?? context.bid.reviewDate;
      return {
        decidedBy: event.ctx.actor.id,
        bid: {
          ...context.bid,
          status: 'approved' as const,
          approvedAt: event.ctx.at,
          panel: d.panel,
          ...(d.reasons ? { reasons: d.reasons } : {}),
          ...(d.reviewRoute ? { reviewRoute: d.reviewRoute } : {}),
          ...(reviewDate ? { reviewDate } : {}),
          reviewDueAt: bidReviewDue(reviewDate, event.ctx.at, event.ctx.settings.bidReviewMaxDays),
        },
      };
    }),
    returnBid: assign({
      bid: ({ context, event }) => {
        assertEvent(event, 'PANEL_DECIDE');
        return { ...context.bid, status: 'returned' as const, panel: event.data.panel, reasons: event.data.reasons ?? '' };
      },
    }),
    placeInCare: assign(({ context, event }) => {
      assertEvent(event, 'PLACE_IN_CARE');
      const d = event.data;
      const s = stamp(event);
      const placement: Placement = {
        type: d.type,
        at: s.at,
        reviewDueAt: addDays(calendarDate(s.at), event.ctx.settings.placementReviewDays),
        emergency: d.emergency,
        alternativesConsidered: d.alternativesConsidered,
        by: s.by,
      };
      return { placement, placements: [...context.placements, placement] };
    }),
    recordReview: assign(({ context, event }) => {
      assertEvent(event, 'REVIEW');
      const d = event.data;
      const s = stamp(event);
      const settings = event.ctx.settings;
      const placement = context.placement ? { ...context.placement, reviewDueAt: addDays(calendarDate(s.at), settings.placementReviewDays) } : null;
      const bid: Bid =
        context.bid.status === 'approved' && !d.reopen
          ? { ...context.bid, reviewDueAt: bidReviewDue(d.nextReviewDate, s.at, settings.bidReviewMaxDays), ...(d.nextReviewDate ? { reviewDate: d.nextReviewDate } : {}) }
          : context.bid;
      const why = d.reason ?? event.ctx.command.justification;
      return { reviews: [...context.reviews, { ...d, ...(why ? { reason: why } : {}), ...s }], placement, bid };
    }),
    reopenBid: assign(({ context, event }) => ({
      bid: { ...context.bid, status: event.type === 'ANNUL_BID' ? ('annulled' as const) : ('preparing' as const) },
      decidedBy: null,
      reopenings: [...context.reopenings, reopening(event, reasonOf(event))],
    })),
    recordTracing: assign({
      tracing: ({ event }) => {
        assertEvent(event, 'RECORD_TRACING');
        return { ...event.data, ...stamp(event) };
      },
    }),
    appointGuardian: assign({
      guardian: ({ event }) => {
        assertEvent(event, 'APPOINT_GUARDIAN');
        return { ...event.data, ...stamp(event) };
      },
    }),
    recordHandover: assign({
      custody: ({ context, event }) => {
        assertEvent(event, 'RECORD_HANDOVER');
        const d = event.data;
        const entry = { ...d, ...stamp(event) };
        const same = (e: RecordHandover) => e.receivedFrom === d.receivedFrom && e.receivedAt === d.receivedAt;
        return context.custody.some(same) ? context.custody.map((e) => (same(e) ? entry : e)) : [...context.custody, entry];
      },
    }),
  },
}).createMachine({
  id: 'best_interests',
  initial: 'not_started',
  context: initialBestInterestsContext,
  on: {
    URGENT_ACTION: [
      { target: '.reviewable.bid_preparation', guard: and([guardedBy(c.URGENT_ACTION), 'noBidInProgress']), actions: 'recordUrgentAction' },
      { guard: guardedBy(c.URGENT_ACTION), actions: 'recordUrgentAction' },
    ],
    RECORD_CONSENT: [
      { target: '.reviewable.bid_preparation', guard: and([guardedBy(c.RECORD_CONSENT), 'withdrawalReopensBid']), actions: ['recordConsent', 'reopenOnWithdrawal'] },
      { guard: guardedBy(c.RECORD_CONSENT), actions: 'recordConsent' },
    ],
    RECORD_TRACING: { guard: guardedBy(c.RECORD_TRACING), actions: 'recordTracing' },
    APPOINT_GUARDIAN: { guard: guardedBy(c.APPOINT_GUARDIAN), actions: 'appointGuardian' },
    RECORD_HANDOVER: { guard: guardedBy(c.RECORD_HANDOVER), actions: 'recordHandover' },
  },
  states: {
    not_started: { on: { START_BIA: { target: 'bia', guard: and([guardedBy(c.START_BIA), 'childSubject']) } } },
    bia: {
      on: {
        COMPLETE_BIA: [
          { target: 'reviewable.bid_preparation', guard: and([guardedBy(c.COMPLETE_BIA), 'bidRequired']), actions: ['recordBia', 'openBid'] },
          { target: 'reviewable.bia_completed', guard: guardedBy(c.COMPLETE_BIA), actions: 'recordBia' },
        ],
      },
    },
    /** Past the first BIA, or with a BID opened otherwise (urgent action, withdrawn consent): a placement and a review may be recorded at each stage. */
    reviewable: {
      initial: 'bia_completed',
      on: {
        PLACE_IN_CARE: { guard: guardedBy(c.PLACE_IN_CARE), actions: 'placeInCare' },
        REVIEW: { guard: guardedBy(c.REVIEW), actions: 'recordReview' },
      },
      states: {
        bia_completed: {
          on: {
            START_BIA: { target: '#best_interests.bia', guard: and([guardedBy(c.START_BIA), 'childSubject']) },
            PREPARE_BID: { target: 'bid_preparation', guard: guardedBy(c.PREPARE_BID), actions: 'prepareBid' },
            // A review asking to reopen opens a BID; any other review is recorded by the parent's own REVIEW, which XState tries next.
            REVIEW: { target: 'bid_preparation', guard: and([guardedBy(c.REVIEW), 'reopenRequested']), actions: ['recordReview', 'openBid'] },
            REOPEN: { target: 'bid_preparation', guard: guardedBy(c.REOPEN), actions: 'reopenBid' },
          },
        },
        bid_preparation: {
          on: {
            PREPARE_BID: { guard: guardedBy(c.PREPARE_BID), actions: 'prepareBid' },
            SUBMIT_TO_PANEL: { target: 'panel_review', guard: guardedBy(c.SUBMIT_TO_PANEL), actions: 'submitBid' },
          },
        },
        panel_review: {
          on: {
            PANEL_DECIDE: [
              { target: 'bid_approved', guard: and([guardedBy(c.PANEL_DECIDE), 'approves']), actions: 'approveBid' },
              { target: 'bid_preparation', guard: and([guardedBy(c.PANEL_DECIDE), 'returns']), actions: 'returnBid' },
            ],
          },
        },
        bid_approved: {
          on: {
            REVIEW: { target: 'bid_preparation', guard: and([guardedBy(c.REVIEW), 'reopenRequested']), actions: ['recordReview', 'reopenBid'] },
            REOPEN: { target: 'bid_preparation', guard: guardedBy(c.REOPEN), actions: 'reopenBid' },
            ANNUL_BID: { target: 'bid_preparation', guard: guardedBy(c.ANNUL_BID), actions: 'reopenBid' },
          },
        },
      },
    },
  },
});

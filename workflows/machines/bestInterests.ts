import { and, assign, setup } from 'xstate';
import { z } from 'zod';
import { addDays, calendarDate } from '../age.ts';
import { bestInterestsContextOf, bidReviewDue, handoverDueAt, initialBestInterestsContext, SECURITY_SOURCES } from '../rules/children.ts';
import { IsoDate, IsoInstant } from '../caseFile.ts';
import { guardedBy, ruleGuards, stamp, type CommandSpec, type FollowUp, type Task, type WorkflowDefinition, type WorkflowEvent } from '../definition.ts';
import { subjectIsChild } from '../rules/facts.ts';
import { planReversals } from '../rules/return.ts';
import type { RuleContext, WorkflowView } from '../rules/types.ts';
import { reasonOf, text } from './commandData.ts';

/**
 * Best interests of the child: BIA, BID, consent, alternative care and reviews (KP B-CH1, B-CH2;
 * WORKFLOWS.md "best_interests"; rules KP-CHILD-01..09, KP-CARE-01..02 in rules/children.ts and
 * rules/care.ts). Children only. Other workflows read `outcome` ('bid_approved') and the context
 * fields named in `BestInterestsContext` (a contract: keep the names).
 */

const reason = z.strictObject({ reason: text() });

export const CARE_TYPES = ['kinship', 'foster', 'community', 'residential'] as const;
export type CareType = (typeof CARE_TYPES)[number];

export const BID_ACTIONS = ['repatriate_with_family', 'repatriate_separately', 'remain_with_family', 'alternative_care'] as const;

/** Disciplines of a BID panel (DOMAIN.md §2); an interpreter attends without a vote. */
export const PANEL_DISCIPLINES = ['child_protection', 'legal', 'protection', 'health', 'mhpss', 'education', 'gender', 'interpreter', 'other'] as const;

export const CompleteBia = z.strictObject({
  findings: text(10000),
  bidRequired: z.boolean(),
  /** A BIA goes stale when circumstances change; past this date it is no longer current (KP-CHILD-01). */
  validUntil: IsoDate.optional(),
});
export type CompleteBia = z.infer<typeof CompleteBia>;

export const UrgentAction = z.strictObject({
  action: text(),
  kind: z.enum(['medical_evacuation', 'removal_from_danger', 'interim_care', 'other']).default('other'),
});
export type UrgentAction = z.infer<typeof UrgentAction>;

/** The circumstances of a consent; `description` keeps words given instead of the structured form. */
export interface ConsentCircumstances {
  inDetention?: boolean;
  coercionAbsent?: boolean;
  witness?: string;
  date?: string;
  description?: string;
}

/**
 * `circumstances` as WORKFLOWS.md leaves it open: the structured form, or plain words kept as
 * `description` with every fact unknown — coercion is then not ruled out, so KP-CHILD-06 still
 * refuses the consent as not free and informed until the circumstances are recorded.
 */
export const Circumstances = z.union([
  z.strictObject({
    inDetention: z.boolean(),
    coercionAbsent: z.boolean(),
    witness: z.string().trim().max(200).optional(),
    date: IsoDate,
  }),
  text(2000).transform((description): ConsentCircumstances => ({ description })),
]);

export const RecordConsent = z.strictObject({
  /** The parent's or legal guardian's own case. */
  parentCaseId: z.string().min(1).max(64),
  status: z.enum(['given', 'refused', 'withdrawn']),
  language: z.string().trim().max(100).default(''),
  consequencesExplained: z.boolean(),
  circumstances: Circumstances,
  /** Consent may never be a condition of aid or services (KP-CHILD-06, KP B-HUM1). */
  conditionOfAid: z.boolean().default(false),
});
export type RecordConsent = z.infer<typeof RecordConsent>;

export const Recommendation = z.strictObject({
  action: z.enum(BID_ACTIONS),
  care: z.enum(CARE_TYPES).optional(),
  separationInBestInterests: z.boolean(),
});
export type Recommendation = z.infer<typeof Recommendation>;

export const PrepareBid = z.strictObject({
  childViews: z.string().trim().max(10000).optional(),
  /** The weight given to the child's views (KP-CHILD-05). */
  childViewsWeight: z.string().trim().max(5000).optional(),
  /** The language in which the child was informed and heard (KP-CHILD-05). */
  childInformedLanguage: z.string().trim().max(100).optional(),
  childViewsNotHeardReason: z.string().trim().max(5000).optional(),
  familyUnity: text(10000),
  careOptionsConsidered: z.array(z.enum(CARE_TYPES)).max(4).default([]),
  recommendation: Recommendation,
  reviewDate: IsoDate.optional(),
});
export type PrepareBid = z.infer<typeof PrepareBid>;

/**
 * A panel member's discipline: an open set (social work, psychology ...), PANEL_DISCIPLINES the usual
 * ones; an `interpreter` attends without a vote. KP-CHILD-04 compares them normalised (case, spaces).
 */
export const PanelDiscipline = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .meta({ description: `the member's discipline, e.g. ${PANEL_DISCIPLINES.join(', ')} (an interpreter has no vote)` });

export const PanelDecide = z.strictObject({
  panel: z.array(z.strictObject({ userId: z.string().min(1).max(64), discipline: PanelDiscipline })).max(20),
  undertakingsSigned: z.boolean(),
  decision: z.enum(['approve', 'return']),
  reasons: z.string().trim().max(10000).optional(),
  /** Overrides the review date of the prepared BID. */
  reviewDate: IsoDate.optional(),
  reviewRoute: z.string().trim().max(1000).optional(),
});
export type PanelDecide = z.infer<typeof PanelDecide>;

export const PlaceInCare = z.strictObject({
  type: z.enum(CARE_TYPES),
  /** Each preferred option weighed with the reason it is unsuitable; a plain care type names it, its reason then not recorded (KP-CARE-01 asks it). */
  alternativesConsidered: z
    .array(z.union([z.strictObject({ type: z.enum(CARE_TYPES), reason: text() }), z.enum(CARE_TYPES).transform((type): { type: CareType; reason?: string } => ({ type }))]))
    .max(4)
    .default([]),
  /** Emergency placement: lifts the young-child ban on residential care, never the JUSTIFY + 2ND (KP-CARE-01). */
  emergency: z.boolean().default(false),
  reasons: z.string().trim().max(5000).optional(),
});
export type PlaceInCare = z.infer<typeof PlaceInCare>;

export const Review = z.strictObject({
  reopen: z.boolean(),
  /** WORKFLOWS.md shows REVIEW { reopen } only: a review without reasons is flagged by KP-SYS-01 (WARN). */
  reason: text().optional(),
  /** Next BID review; defaults to the review interval (settings.bidReviewMaxDays). */
  nextReviewDate: IsoDate.optional(),
});
export type Review = z.infer<typeof Review>;

export const RecordTracing = z.strictObject({
  status: z.enum(['started', 'ongoing', 'completed', 'closed_unsuccessful']),
  agency: text(200),
  startedOn: IsoDate,
  notes: z.string().trim().max(5000).optional(),
});
export type RecordTracing = z.infer<typeof RecordTracing>;

export const AppointGuardian = z.strictObject({
  name: text(200),
  kind: z.enum(['guardian', 'legal_representative']),
  appointedBy: text(200),
  appointedOn: IsoDate,
});
export type AppointGuardian = z.infer<typeof AppointGuardian>;

/** Actors from whom a child is received and must be handed to civilian child protection (KP-CHILD-09). */
export const HANDOVER_SOURCES = ['military', 'security', 'police', 'civilian_authority', 'other'] as const;

export const RecordHandover = z.strictObject({
  receivedFrom: z.enum(HANDOVER_SOURCES),
  receivedAt: IsoInstant,
  handedOverAt: IsoInstant.optional(),
  handedOverTo: z.string().trim().max(200).optional(),
});
export type RecordHandover = z.infer<typeof RecordHandover>;

const empty = z.strictObject({});

export const bestInterestsCommands = {
  START_BIA: { roles: ['caseworker'], data: empty, rules: [], summary: 'start a best-interests assessment' },
  COMPLETE_BIA: { roles: ['caseworker'], data: CompleteBia, rules: [], summary: 'complete the BIA; say whether a BID is required' },
  // KP-CHILD-03 is 2ND: a caseworker may propose the urgent action, which waits for a supervisor's
  // CONFIRM_PENDING; a supervisor's own command (the usual sender, listed first) needs no second
  // approver. Were only supervisors allowed to send it, the rule's pending branch could never be
  // reached through the engine.
  URGENT_ACTION: { roles: ['supervisor', 'caseworker'], data: UrgentAction, rules: ['KP-CHILD-03'], summary: 'urgent protective action before a BID; opens the BID with a deadline (a caseworker\'s waits for a supervisor)' },
  RECORD_CONSENT: { roles: ['caseworker'], data: RecordConsent, rules: ['KP-CHILD-06'], summary: 'record a parent\'s or guardian\'s consent, refusal or withdrawal' },
  PREPARE_BID: { roles: ['caseworker'], data: PrepareBid, rules: [], summary: 'prepare the best-interests determination file' },
  SUBMIT_TO_PANEL: { roles: ['caseworker'], data: empty, rules: ['KP-CHILD-01', 'KP-CHILD-05'], summary: 'submit the BID to the panel' },
  PANEL_DECIDE: {
    roles: ['bid_panel'],
    data: PanelDecide,
    rules: ['KP-SYS-03', 'KP-CHILD-04', 'KP-CHILD-05', 'KP-CHILD-01', 'KP-CHILD-08', 'KP-CARE-02'],
    summary: 'the multidisciplinary panel approves or returns the BID',
  },
  PLACE_IN_CARE: { roles: ['caseworker'], data: PlaceInCare, rules: ['KP-CARE-01', 'KP-CHILD-02', 'KP-CHILD-01'], summary: 'place the child in alternative care' },
  REVIEW: { roles: ['supervisor'], data: Review, rules: ['KP-CARE-02', 'KP-SYS-01'], summary: 'periodic review of the placement and BID; may reopen the BID' },
  REOPEN: { roles: ['supervisor'], data: reason, rules: ['KP-SYS-01'], summary: 'reopen the BID' },
  ANNUL_BID: { roles: ['supervisor'], data: reason, rules: ['KP-SYS-01', 'KP-SYS-03'], summary: 'record that an appeal or review annulled the approved BID' },
  RECORD_TRACING: { roles: ['caseworker'], data: RecordTracing, rules: [], summary: 'record family tracing for an unaccompanied or separated child' },
  APPOINT_GUARDIAN: { roles: ['caseworker', 'supervisor'], data: AppointGuardian, rules: [], summary: 'record the appointment of a guardian or legal representative' },
  RECORD_HANDOVER: { roles: ['caseworker'], data: RecordHandover, rules: ['KP-CHILD-09'], summary: 'record custody received from military or security actors and the hand-over' },
} as const satisfies Record<string, CommandSpec>;

export type BidStatus = 'none' | 'preparing' | 'submitted' | 'approved' | 'returned' | 'annulled';

export interface Bid {
  status: BidStatus;
  /** Deadline of a BID opened by an urgent action (KP-CHILD-03). */
  dueAt?: string;
  childViews?: string;
  childViewsWeight?: string;
  childInformedLanguage?: string;
  childViewsNotHeardReason?: string;
  familyUnity?: string;
  careOptionsConsidered?: CareType[];
  recommendation?: Recommendation;
  reviewDate?: string;
  /** The effective next review: the review date, never later than the review interval (KP-CARE-02). */
  reviewDueAt?: string;
  submittedAt?: string;
  approvedAt?: string;
  panel?: PanelDecide['panel'];
  reasons?: string;
  reviewRoute?: string;
}

export type ConsentRecord = RecordConsent & { by: string; at: string };
export interface Placement {
  type: CareType;
  at: string;
  reviewDueAt: string;
  emergency: boolean;
  alternativesConsidered: PlaceInCare['alternativesConsidered'];
  by: string;
}

export interface BestInterestsContext {
  bia: { findings: string; bidRequired: boolean; validUntil: string | null } | null;
  biaCompletedAt: string | null;
  /** The user who completed the BIA: never a voting member of the BID panel (KP-CHILD-04, KP-SYS-03). */
  biaAuthor: string | null;
  bidAuthor: string | null;
  /** The panel member who recorded the approval; cleared when the BID leaves `bid_approved`. */
  decidedBy: string | null;
  bid: Bid;
  consents: ConsentRecord[];
  placement: Placement | null;
  placements: Placement[];
  urgentActions: Array<UrgentAction & { by: string; at: string; bidDueAt: string }>;
  reviews: Array<Review & { by: string; at: string }>;
  tracing: (RecordTracing & { by: string; at: string }) | null;
  guardian: (AppointGuardian & { by: string; at: string }) | null;
  custody: Array<RecordHandover & { by: string; at: string }>;
  /** Why the BID left `bid_approved` (reopen, review, consent withdrawal, annulment), oldest first. */
  reopenings: Array<{ type: string; reason: string; by: string; at: string }>;
}

const c = bestInterestsCommands;
const BID_OPEN: ReadonlySet<BidStatus> = new Set(['preparing', 'submitted', 'returned']);

const reopening = (event: WorkflowEvent, why: string) => ({ type: event.type, reason: why, ...stamp(event) });

export const bestInterestsMachine = setup({
  types: { context: {} as BestInterestsContext, events: {} as WorkflowEvent },
  guards: {
    ...ruleGuards,
    /** Children only: for an adult a BIA means nothing (the command is invalid, not refused by a rule). */
    childSubject: ({ event }) => subjectIsChild(event.ctx),
    bidRequired: ({ event }) => (event.data as Partial<CompleteBia>).bidRequired === true,
    /** An urgent action opens a BID unless one is already open or approved. */
    noBidInProgress: ({ context }) => !BID_OPEN.has(context.bid.status) && context.bid.status !== 'approved',
    approves: ({ event }) => (event.data as Partial<PanelDecide>).decision === 'approve',
    returns: ({ event }) => (event.data as Partial<PanelDecide>).decision === 'return',
    reopenRequested: ({ event }) => (event.data as Partial<Review>).reopen === true,
    /** A withdrawal of consent before departure reopens an approved BID (KP-CHILD-06; DOMAIN.md §5.14). */
    withdrawalReopensBid: ({ context, event }) =>
      (event.data as Partial<RecordConsent>).status === 'withdrawn' &&
      context.bid.status === 'approved' &&
      !event.ctx.subject.workflows.some((w) => w.kind === 'repatriation' && w.state === 'returned'),
  },
  actions: {
    recordBia: assign(({ event }) => {
      const d = event.data as CompleteBia;
      const s = stamp(event);
      return { bia: { findings: d.findings, bidRequired: d.bidRequired, validUntil: d.validUntil ?? null }, biaCompletedAt: s.at, biaAuthor: s.by };
    }),
    openBid: assign({ bid: ({ context }) => ({ ...context.bid, status: 'preparing' as const }) }),
    recordUrgentAction: assign(({ context, event }) => {
      const s = stamp(event);
      const bidDueAt = addDays(calendarDate(s.at), event.ctx.settings.bidAfterUrgentActionDays);
      const open = BID_OPEN.has(context.bid.status);
      const approved = context.bid.status === 'approved';
      // An open BID keeps the earlier deadline; an approved BID stands (the supervisor may REOPEN it).
      const dueAt = approved ? context.bid.dueAt : open && context.bid.dueAt && context.bid.dueAt < bidDueAt ? context.bid.dueAt : bidDueAt;
      return {
        urgentActions: [...context.urgentActions, { ...(event.data as UrgentAction), ...s, bidDueAt: dueAt ?? bidDueAt }],
        bid: approved ? context.bid : { ...context.bid, status: open ? context.bid.status : ('preparing' as const), ...(dueAt ? { dueAt } : {}) },
      };
    }),
    recordConsent: assign({ consents: ({ context, event }) => [...context.consents, { ...(event.data as RecordConsent), ...stamp(event) }] }),
    reopenOnWithdrawal: assign(({ context, event }) => ({
      bid: { ...context.bid, status: 'preparing' as const },
      decidedBy: null,
      reopenings: [...context.reopenings, reopening(event, 'consent withdrawn before departure')],
    })),
    prepareBid: assign(({ context, event }) => {
      const d = event.data as PrepareBid;
      const { approvedAt: _a, reviewDueAt: _r, panel: _p, reasons: _s, reviewRoute: _rr, ...kept } = context.bid;
      return { bidAuthor: event.ctx.actor.id, bid: { ...kept, ...d, status: 'preparing' as const } };
    }),
    submitBid: assign({ bid: ({ context, event }) => ({ ...context.bid, status: 'submitted' as const, submittedAt: event.ctx.at }) }),
    approveBid: assign(({ context, event }) => {
      const d = event.data as PanelDecide;
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
      bid: ({ context, event }) => ({ ...context.bid, status: 'returned' as const, panel: (event.data as PanelDecide).panel, reasons: (event.data as PanelDecide).reasons ?? '' }),
    }),
    placeInCare: assign(({ context, event }) => {
      const d = event.data as PlaceInCare;
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
      const d = event.data as Review;
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
    recordTracing: assign({ tracing: ({ event }) => ({ ...(event.data as RecordTracing), ...stamp(event) }) }),
    appointGuardian: assign({ guardian: ({ event }) => ({ ...(event.data as AppointGuardian), ...stamp(event) }) }),
    recordHandover: assign({
      custody: ({ context, event }) => {
        const d = event.data as RecordHandover;
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
      { target: '.bid_preparation', guard: and([guardedBy(c.URGENT_ACTION), 'noBidInProgress']), actions: 'recordUrgentAction' },
      { guard: guardedBy(c.URGENT_ACTION), actions: 'recordUrgentAction' },
    ],
    RECORD_CONSENT: [
      { target: '.bid_preparation', guard: and([guardedBy(c.RECORD_CONSENT), 'withdrawalReopensBid']), actions: ['recordConsent', 'reopenOnWithdrawal'] },
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
          { target: 'bid_preparation', guard: and([guardedBy(c.COMPLETE_BIA), 'bidRequired']), actions: ['recordBia', 'openBid'] },
          { target: 'bia_completed', guard: guardedBy(c.COMPLETE_BIA), actions: 'recordBia' },
        ],
      },
    },
    bia_completed: {
      on: {
        START_BIA: { target: 'bia', guard: and([guardedBy(c.START_BIA), 'childSubject']) },
        PREPARE_BID: { target: 'bid_preparation', guard: guardedBy(c.PREPARE_BID), actions: 'prepareBid' },
        PLACE_IN_CARE: { guard: guardedBy(c.PLACE_IN_CARE), actions: 'placeInCare' },
        REVIEW: [
          { target: 'bid_preparation', guard: and([guardedBy(c.REVIEW), 'reopenRequested']), actions: ['recordReview', 'openBid'] },
          { guard: guardedBy(c.REVIEW), actions: 'recordReview' },
        ],
        REOPEN: { target: 'bid_preparation', guard: guardedBy(c.REOPEN), actions: 'reopenBid' },
      },
    },
    bid_preparation: {
      on: {
        PREPARE_BID: { guard: guardedBy(c.PREPARE_BID), actions: 'prepareBid' },
        SUBMIT_TO_PANEL: { target: 'panel_review', guard: guardedBy(c.SUBMIT_TO_PANEL), actions: 'submitBid' },
        PLACE_IN_CARE: { guard: guardedBy(c.PLACE_IN_CARE), actions: 'placeInCare' },
        REVIEW: { guard: guardedBy(c.REVIEW), actions: 'recordReview' },
      },
    },
    panel_review: {
      on: {
        PANEL_DECIDE: [
          { target: 'bid_approved', guard: and([guardedBy(c.PANEL_DECIDE), 'approves']), actions: 'approveBid' },
          { target: 'bid_preparation', guard: and([guardedBy(c.PANEL_DECIDE), 'returns']), actions: 'returnBid' },
        ],
        PLACE_IN_CARE: { guard: guardedBy(c.PLACE_IN_CARE), actions: 'placeInCare' },
        REVIEW: { guard: guardedBy(c.REVIEW), actions: 'recordReview' },
      },
    },
    bid_approved: {
      on: {
        PLACE_IN_CARE: { guard: guardedBy(c.PLACE_IN_CARE), actions: 'placeInCare' },
        REVIEW: [
          { target: 'bid_preparation', guard: and([guardedBy(c.REVIEW), 'reopenRequested']), actions: ['recordReview', 'reopenBid'] },
          { guard: guardedBy(c.REVIEW), actions: 'recordReview' },
        ],
        REOPEN: { target: 'bid_preparation', guard: guardedBy(c.REOPEN), actions: 'reopenBid' },
        ANNUL_BID: { target: 'bid_preparation', guard: guardedBy(c.ANNUL_BID), actions: 'reopenBid' },
      },
    },
  },
});

/**
 * KP-SYS-01 compensating transition: when an approved BID stops being in force (annulled on
 * appeal or review, reopened, or consent withdrawn before departure), a repatriation that is not
 * yet completed goes back to planning, for every member of the child's plan. The repatriation
 * machine handles `BID_ANNULLED`.
 */
function followUps(ctx: RuleContext, after: WorkflowView): FollowUp[] {
  if (ctx.workflow.state !== 'bid_approved' || after.state === 'bid_approved') return [];
  const why = typeof ctx.command.data['reason'] === 'string' ? ctx.command.data['reason'] : ctx.command.type === 'RECORD_CONSENT' ? 'parental consent withdrawn before departure' : 'BID reopened';
  const reason = `${ctx.command.type === 'ANNUL_BID' ? 'BID annulled' : 'BID no longer approved'}: ${why}`;
  // The whole family plan returns to planning, not only the child's own instance.
  return planReversals(ctx.subject, 'BID_ANNULLED', reason);
}

function tasks(w: WorkflowView, subject: { id: string }, settings: { handoverSlaHours: number }, at: string): Task[] {
  const cx = bestInterestsContextOf(w);
  const today = calendarDate(at);
  const base = { caseId: subject.id, workflow: w.kind, instance: w.instance };
  const out: Task[] = [];
  if (w.state === 'panel_review') {
    out.push({ ...base, kind: 'bid_panel', role: 'bid_panel', due: cx.bid.dueAt ?? null, rule: 'KP-CHILD-04', summary: 'a best-interests determination awaits the panel' });
  }
  if (cx.bid.dueAt && cx.bid.status !== 'approved' && cx.urgentActions.length > 0) {
    out.push({ ...base, kind: 'bid_after_urgent_action', role: 'caseworker', due: cx.bid.dueAt, rule: 'KP-CHILD-03', summary: 'BID due after an urgent protective action' });
    if (cx.bid.dueAt < today) {
      out.push({ ...base, kind: 'bid_after_urgent_action_overdue', role: 'supervisor', due: cx.bid.dueAt, rule: 'KP-CHILD-03', summary: 'the BID after an urgent protective action is overdue: escalated' });
    }
  }
  if (w.state === 'bid_approved' && cx.bid.reviewDueAt) {
    out.push({ ...base, kind: 'bid_review', role: 'supervisor', due: cx.bid.reviewDueAt, rule: 'KP-CARE-02', summary: cx.bid.reviewDueAt < today ? 'BID review overdue' : 'BID review due' });
  }
  if (cx.placement) {
    out.push({ ...base, kind: 'placement_review', role: 'supervisor', due: cx.placement.reviewDueAt, rule: 'KP-CARE-02', summary: `${cx.placement.type} care placement review ${cx.placement.reviewDueAt < today ? 'overdue' : 'due'}` });
  }
  for (const h of cx.custody) {
    if (h.handedOverAt || !SECURITY_SOURCES.has(h.receivedFrom)) continue;
    const due = handoverDueAt(h.receivedAt, settings.handoverSlaHours);
    out.push({ ...base, kind: 'child_handover', role: 'supervisor', due: calendarDate(due), rule: 'KP-CHILD-09', summary: `hand the child over to civilian child protection by ${due} (received from ${h.receivedFrom})` });
  }
  return out;
}

export const bestInterests: WorkflowDefinition = {
  kind: 'best_interests',
  version: 1,
  title: 'Best interests of the child (BIA, BID, care)',
  machine: bestInterestsMachine,
  commands: bestInterestsCommands,
  instances: 'single',
  outcome: (state) => (state === 'bid_approved' ? 'bid_approved' : null),
  followUps,
  tasks,
};

import { z } from 'zod';
import { addDays, calendarDate } from '../age.ts';
import { CaseId, IsoDate, IsoInstant } from '../caseFile.ts';
import { text } from '../commandFields.ts';
import { freeText, identifying, plain } from '../personal.ts';
import type { WorkflowView } from '../rules/types.ts';

/**
 * Best interests of the child: BIA, BID, consent, alternative care and reviews (KP B-CH1, B-CH2;
 * WORKFLOWS.md "best_interests"; rules KP-CHILD-01..09, KP-CARE-01..02 in rules/children.ts and
 * rules/care.ts). Children only. Other workflows read `outcome` ('bid_approved') and the context
 * fields named in `BestInterestsContext` (a contract: keep the names).
 */

export const CARE_TYPES = ['kinship', 'foster', 'community', 'residential'] as const;
export type CareType = (typeof CARE_TYPES)[number];

export const BID_ACTIONS = ['repatriate_with_family', 'repatriate_separately', 'remain_with_family', 'alternative_care'] as const;

/** Disciplines of a BID panel (DOMAIN.md §2); an interpreter attends without a vote. */
export const PANEL_DISCIPLINES = ['child_protection', 'social_work', 'legal', 'protection', 'health', 'medical', 'mhpss', 'psychology', 'education', 'gender', 'interpreter', 'other'] as const;

export const CompleteBia = z.strictObject({
  findings: freeText(text(10000)),
  bidRequired: z.boolean(),
  /** A BIA goes stale when circumstances change; past this date it is no longer current (KP-CHILD-01). */
  validUntil: IsoDate.optional(),
});
export type CompleteBia = z.infer<typeof CompleteBia>;

export const UrgentAction = z.strictObject({
  action: freeText(text()),
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
    witness: identifying(z.string().trim().max(200)).optional(),
    date: IsoDate,
  }),
  freeText(text(2000).transform((description): ConsentCircumstances => ({ description }))),
]);

export const RecordConsent = z.strictObject({
  /** The parent's or legal guardian's own case. */
  parentCaseId: CaseId,
  status: z.enum(['given', 'refused', 'withdrawn']),
  language: freeText(z.string().trim().max(100)).default(''),
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
  childViews: freeText(z.string().trim().max(10000)).optional(),
  /** The weight given to the child's views (KP-CHILD-05). */
  childViewsWeight: freeText(z.string().trim().max(5000)).optional(),
  /** The language in which the child was informed and heard (KP-CHILD-05). */
  childInformedLanguage: freeText(z.string().trim().max(100)).optional(),
  childViewsNotHeardReason: freeText(z.string().trim().max(5000)).optional(),
  familyUnity: freeText(text(10000)),
  careOptionsConsidered: z.array(z.enum(CARE_TYPES)).max(4).default([]),
  recommendation: Recommendation,
  reviewDate: IsoDate.optional(),
});
export type PrepareBid = z.infer<typeof PrepareBid>;

/**
 * A panel member's discipline: a closed vocabulary, because KP-CHILD-04 reads it (an
 * `interpreter` attends without a vote; the voting members must span at least two disciplines),
 * so a spelling it does not know cannot silently count as another discipline or as a vote.
 */
export const PanelDiscipline = z.enum(PANEL_DISCIPLINES).meta({ description: 'the member\'s discipline (an interpreter has no vote)' });

export const PanelDecide = z.strictObject({
  panel: z.array(z.strictObject({ userId: plain(z.string().min(1).max(64)), discipline: PanelDiscipline })).max(20),
  undertakingsSigned: z.boolean(),
  decision: z.enum(['approve', 'return']),
  reasons: freeText(z.string().trim().max(10000)).optional(),
  /** Overrides the review date of the prepared BID. */
  reviewDate: IsoDate.optional(),
  reviewRoute: freeText(z.string().trim().max(1000)).optional(),
});
export type PanelDecide = z.infer<typeof PanelDecide>;

export const PlaceInCare = z.strictObject({
  type: z.enum(CARE_TYPES),
  /** Each preferred option weighed with the reason it is unsuitable; a plain care type names it, its reason then not recorded (KP-CARE-01 asks it). */
  alternativesConsidered: z
    .array(z.union([z.strictObject({ type: z.enum(CARE_TYPES), reason: freeText(text()) }), z.enum(CARE_TYPES).transform((type): { type: CareType; reason?: string } => ({ type }))]))
    .max(4)
    .default([]),
  /** Emergency placement: lifts the young-child ban on residential care, never the JUSTIFY + 2ND (KP-CARE-01). */
  emergency: z.boolean().default(false),
  reasons: freeText(z.string().trim().max(5000)).optional(),
});
export type PlaceInCare = z.infer<typeof PlaceInCare>;

export const Review = z.strictObject({
  reopen: z.boolean(),
  /** WORKFLOWS.md shows REVIEW { reopen } only: a review without reasons is flagged by KP-SYS-01 (WARN). */
  reason: freeText(text()).optional(),
  /** Next BID review; defaults to the review interval (settings.bidReviewMaxDays). */
  nextReviewDate: IsoDate.optional(),
});
export type Review = z.infer<typeof Review>;

export const RecordTracing = z.strictObject({
  status: z.enum(['started', 'ongoing', 'completed', 'closed_unsuccessful']),
  agency: freeText(text(200)),
  startedOn: IsoDate,
  notes: freeText(z.string().trim().max(5000)).optional(),
});
export type RecordTracing = z.infer<typeof RecordTracing>;

export const AppointGuardian = z.strictObject({
  name: identifying(text(200)),
  kind: z.enum(['guardian', 'legal_representative']),
  appointedBy: freeText(text(200)),
  appointedOn: IsoDate,
});
export type AppointGuardian = z.infer<typeof AppointGuardian>;

/** Actors from whom a child is received and must be handed to civilian child protection (KP-CHILD-09). */
export const HANDOVER_SOURCES = ['military', 'security', 'police', 'civilian_authority', 'other'] as const;

export const RecordHandover = z.strictObject({
  receivedFrom: z.enum(HANDOVER_SOURCES),
  receivedAt: IsoInstant,
  handedOverAt: IsoInstant.optional(),
  handedOverTo: freeText(z.string().trim().max(200)).optional(),
});
export type RecordHandover = z.infer<typeof RecordHandover>;

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

/** Actors from whom a child must be handed over to civilian child protection (KP-CHILD-09). */
export const SECURITY_SOURCES: ReadonlySet<string> = new Set(['military', 'security', 'police']);

export const initialBestInterestsContext = (): BestInterestsContext => ({
  bia: null,
  biaCompletedAt: null,
  biaAuthor: null,
  bidAuthor: null,
  decidedBy: null,
  bid: { status: 'none' },
  consents: [],
  placement: null,
  placements: [],
  urgentActions: [],
  reviews: [],
  tracing: null,
  guardian: null,
  custody: [],
  reopenings: [],
});

/** Reads the best-interests context of a view (tolerates a missing instance or an older context). */
export function bestInterestsContextOf(view: Pick<WorkflowView, 'context'> | undefined): BestInterestsContext {
  return { ...initialBestInterestsContext(), ...((view?.context ?? {}) as Partial<BestInterestsContext>) };
}

/** The effective BID review date: the chosen date, never later than the review interval (KP-CARE-02). */
export function bidReviewDue(reviewDate: string | undefined, from: string, maxDays: number): string {
  const cap = addDays(calendarDate(from), maxDays);
  return reviewDate && reviewDate < cap ? reviewDate : cap;
}

/** The moment a hand-over from military or security actors is due (KP-CHILD-09). */
export function handoverDueAt(receivedAt: string, slaHours: number): string {
  return new Date(Date.parse(receivedAt) + slaHours * 3_600_000).toISOString();
}

import { z } from 'zod';

/**
 * Policy settings: the tunable values of the rules, with the floors the principles allow
 * (nothing may permit a BID panel of one, or an unreviewed detention).
 */
export const Settings = z.strictObject({
  bidPanelMinMembers: z.int().min(2).max(15).default(3),
  detentionReviewIntervalDays: z.int().min(1).max(90).default(14),
  nonRefoulementValidityDays: z.int().min(1).max(730).default(180),
  consularSlaDays: z.int().min(1).max(365).default(30),
  rehabilitationPlanSlaDays: z.int().min(1).max(180).default(30),
  bidAfterUrgentActionDays: z.int().min(1).max(90).default(14),
  placementReviewDays: z.int().min(1).max(180).default(90),
  bidReviewMaxDays: z.int().min(1).max(365).default(90),
  watchlistReviewDays: z.int().min(1).max(365).default(180),
  /** Days after the assessment within which a victim indicator's protection referral is made (KP-SCR-03, KP-GEN-01 TIMER). */
  referralSlaDays: z.int().min(1).max(90).default(7),
  /** Days in a closed camp or detention from which consular work is high priority, and urgent (KP-RET-06). */
  stayPriorityHighDays: z.int().min(1).max(3650).default(180),
  stayPriorityUrgentDays: z.int().min(1).max(3650).default(365),
  handoverSlaHours: z.int().min(1).max(168).default(72),
  /** Below this age residential care is refused except in emergencies (KP-CARE-01). */
  residentialMinAge: z.int().min(0).max(17).default(3),
  /** Policy may forbid any reliance on diplomatic assurances for torture risk (KP-RET-03). */
  forbidAssurancesForTorture: z.boolean().default(false),
  /** Policy may set 14 as an internal hard MACR floor (KP-AGE-02). */
  macrHardFloor: z.int().min(12).max(18).optional(),
  /**
   * A child's record is sealed this many years after the youngest plausible 18th birthday
   * (KP-DATA-03, KP-AGE-04); 0: at 18. Due dates are tasks for the data protection officer.
   */
  sealAfterAdulthoodYears: z.int().min(0).max(30).default(0),
  /** Optionally also this many years after the case's closure, whichever comes first (KP-DATA-03). */
  sealAfterClosureYears: z.int().min(0).max(30).optional(),
  /** A closed case is due for erasure review this many years after its closure (docs/retention.md). */
  erasureReviewAfterClosureYears: z.int().min(1).max(100).default(10),
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = Settings.parse({});

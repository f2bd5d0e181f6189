import { z } from 'zod';
import { CaseId, IsoDate, StateCode } from '../caseFile.ts';
import { text } from '../commandFields.ts';
import { aboutChild, freeText, identifying } from '../personal.ts';
import type { WorkflowView } from '../rules/types.ts';

/**
 * Deprivation of liberty (WORKFLOWS.md "detention"; KP B-CH3, B-PR1, B-PR2, B-W2; rules
 * KP-DET-01..04 in rules/detention.ts). `REFERRAL_ANNULLED` is an engine follow-up of the legal
 * workflow's ANNUL_REFERRAL (KP-SYS-01), never a user command.
 */


export const FACILITY_KINDS = ['prison', 'pretrial_centre', 'juvenile_centre', 'closed_camp', 'rehabilitation_centre', 'police_custody', 'immigration_centre', 'other'] as const;
export const LEGAL_BASIS_KINDS = ['pretrial', 'sentence', 'administrative', 'immigration', 'security'] as const;
/** Bases tied to a prosecution: an annulled referral releases them (KP-SYS-01). */
export const PROSECUTION_BASES: ReadonlySet<string> = new Set(['pretrial', 'sentence']);

/**
 * Grounds for detention, a closed list. `relative_conduct`, `association` and `membership` are
 * listed so that an attempt to use them is refused with KP-DET-04's id rather than as bad input.
 */
export const DETENTION_GROUNDS = [
  'suspected_offence',
  'flight_risk',
  'risk_of_interference',
  'imminent_security_threat',
  'serving_sentence',
  'immigration',
  'relative_conduct',
  'association',
  'membership',
] as const;
export type DetentionGround = (typeof DETENTION_GROUNDS)[number];

/** A child a record lists (a detained woman's children): hidden as a child's data in any record, the mother's own included. */
export const DetainedChild = aboutChild(
  z.strictObject({
    caseId: CaseId.optional(),
    name: identifying(text(200)),
    age: z.int().min(0).max(17),
    whereabouts: identifying(text(500)),
    carer: identifying(text(200)),
    staysWithMother: z.boolean(),
    /** The best-interests basis for keeping the child with the mother, or for separating them (KP-DET-03). */
    bestInterestsBasis: freeText(z.string().trim().max(2000)).optional(),
  }),
);
export type DetainedChild = z.infer<typeof DetainedChild>;

export type FacilityKind = (typeof FACILITY_KINDS)[number];
export type LegalBasisKind = (typeof LEGAL_BASIS_KINDS)[number];

/** The kind of a facility named in plain words ("Fresnes remand unit"): `other` when the words say nothing. */
export function facilityKindFromText(words: string): FacilityKind {
  const t = words.toLowerCase();
  if (/juvenile|youth|minor|mineurs?\b|children'?s|\bepm\b/.test(t)) return 'juvenile_centre';
  if (/remand|pre-?trial|maison d'arr[eê]t|d[ée]tention provisoire/.test(t)) return 'pretrial_centre';
  if (/police|custody|garde à vue|station/.test(t)) return 'police_custody';
  if (/immigration|r[ée]tention|removal centre|detention centre for foreigners/.test(t)) return 'immigration_centre';
  if (/rehabilitation|reintegration|deradicali[sz]ation/.test(t)) return 'rehabilitation_centre';
  if (/\bcamp\b/.test(t)) return 'closed_camp';
  if (/prison|penitentiar|jail|gaol|p[ée]nitentiaire|centre de d[ée]tention/.test(t)) return 'prison';
  return 'other';
}

/**
 * The kind of a legal basis cited in plain words ("Code of Criminal Procedure art. 144"). Read as a
 * criminal basis (pre-trial) unless the words clearly say otherwise: for a child that is the safer
 * reading, since KP-AGE-02 then checks the age at the act against the MACR.
 */
export function legalBasisKindFromText(words: string): LegalBasisKind {
  const t = words.toLowerCase();
  if (/criminal|p[ée]nal|penal|prosecut|charge|offen[cs]e|suspect|remand|pre-?trial|investigat/.test(t)) return /sentenc|convict|judgment|serving|peine\b|condamn/.test(t) ? 'sentence' : 'pretrial';
  if (/sentenc|convict|serving|condamn/.test(t)) return 'sentence';
  if (/immigration|deport|expulsion|removal|r[ée]tention administrative|aliens?\b|foreigners?\b/.test(t)) return 'immigration';
  if (/administrative/.test(t)) return 'administrative';
  if (/security internment|internment|state of emergency|security detention|imperative reasons of security/.test(t)) return 'security';
  return 'pretrial';
}

/** Plain forms WORKFLOWS.md leaves open, normalised: a facility's name, a legal basis's reference, an alternative's name. */
export const Facility = z.union([
  z.strictObject({ name: freeText(text(200)), kind: z.enum(FACILITY_KINDS) }),
  freeText(text(200).transform((name) => ({ name, kind: facilityKindFromText(name) }))),
]);
export const LegalBasis = z.union([
  z.strictObject({ kind: z.enum(LEGAL_BASIS_KINDS), reference: freeText(text(500)) }),
  freeText(text(500).transform((reference) => ({ kind: legalBasisKindFromText(reference), reference }))),
]);
/** An alternative to detention weighed: a plain string names it; why it is unsuitable is then not recorded. */
export const DetentionAlternative = z.union([
  z.strictObject({ alternative: freeText(text(200)), whyUnsuitable: freeText(text(2000)) }),
  freeText(text(200).transform((alternative): { alternative: string; whyUnsuitable?: string } => ({ alternative }))),
]);

export const Detain = z.strictObject({
  facility: Facility,
  /** The detaining State; defaults to the state of the person's location (review interval, pre-trial maximum). */
  jurisdiction: StateCode.optional(),
  /** Left out, KP-DET-01 refuses with its id. */
  legalBasis: LegalBasis.optional(),
  grounds: z.array(z.enum(DETENTION_GROUNDS)).min(1).max(10),
  alternativesConsidered: z.array(DetentionAlternative).max(20).default([]),
  /** Apart from unrelated adults (KP-DET-03, KP B-CH3). */
  separateFromAdults: z.boolean(),
  /** A child held with a parent (usually the mother): the exception KP-DET-03 allows on a best-interests basis. */
  staysWithParent: z.strictObject({ caseId: CaseId }).optional(),
  /** A detained woman's (or girl's) children: names, ages, whereabouts, carer (KP-DET-03; Bangkok Rules r. 2-3). */
  children: z.array(DetainedChild).max(20).optional(),
  maxEnd: IsoDate.optional(),
  reviewDueAt: IsoDate.optional(),
  /** Person-specific evidence the detention rests on (KP-SCR-02, KP-JUS-06). */
  evidenceIds: z.array(CaseId).max(100).default([]),
  femaleStaffAvailable: z.boolean().optional(),
});
export type Detain = z.infer<typeof Detain>;

/** Who ordered a deprivation of liberty recorded with RECORD_DETENTION: only another authority's can be recorded (KP-DET-01). */
export const DETENTION_ORDERED_BY = ['other_authority', 'this_organisation'] as const;

/**
 * A deprivation of liberty ordered by another authority (the host State, a camp administration, a
 * de facto authority), recorded as it is: this organisation did not order it and cannot refuse the
 * fact, so the rules flag what is wrong with it (KP-SCR-01, KP-DET-01..04, KP-AGE-02 as warnings)
 * and tasks escalate every breach, instead of refusing to record it (DOMAIN.md §5.10: a boy moved to
 * an adult prison is recorded as detention with the adult-separation failure, and his return
 * prioritised).
 *
 * It is never a way around DETAIN: the record must say the order is another authority's
 * (`orderedBy: 'other_authority'`, the detaining authority named) and that it has already begun
 * (`since` not in the future); otherwise KP-DET-01 refuses with its id, and this organisation's own
 * order goes through DETAIN with every safeguard.
 *
 * From `detained` it records a move: only the place changes (facility, separation from adults,
 * the parent the child stays with, the woman's children). The current detention's start, maximum,
 * review date and reviews, legal basis, grounds, jurisdiction and approvals are kept; a move that
 * would change the maximum or the review date is refused by KP-DET-02 (a REVIEW decides those; a
 * maximum may only be added where none was known),
 * one that would change the legal basis, grounds or jurisdiction by KP-DET-01 (a new detention is
 * recorded after a release). The earlier place goes to the history.
 */
export const RecordDetention = z.strictObject({
  facility: z.strictObject({ name: freeText(text(200)), kind: z.enum(FACILITY_KINDS) }),
  /** Who holds the person. */
  detainingAuthority: freeText(text(200)),
  /** Who ordered it: `other_authority` (left out or `this_organisation`, KP-DET-01 refuses: use DETAIN). */
  orderedBy: z.enum(DETENTION_ORDERED_BY).optional(),
  /** The detaining State; defaults to the state of the person's location. A move keeps the current one. */
  jurisdiction: StateCode.optional(),
  /** Held there since (a move while detained records the new place from this date); never in the future. */
  since: IsoDate,
  /** The legal basis the detaining authority claims, if known. A move keeps the current one. */
  legalBasis: z.strictObject({ kind: z.enum(LEGAL_BASIS_KINDS), reference: freeText(text(500)) }).optional(),
  /** The grounds the detaining authority gives, if known. A move keeps the current ones. */
  grounds: z.array(z.enum(DETENTION_GROUNDS)).max(10).default([]),
  separateFromAdults: z.boolean(),
  staysWithParent: z.strictObject({ caseId: CaseId }).optional(),
  /** A detained woman's children; a move that leaves them out keeps those recorded. */
  children: z.array(DetainedChild).max(20).optional(),
  /** The maximum duration the detaining authority set, if known (KP-DET-02). A move keeps the current one (it may add one where none was known). */
  maxEnd: IsoDate.optional(),
  /** When this organisation next reviews the situation; defaults to the review interval. A move keeps the current one. */
  reviewDueAt: IsoDate.optional(),
  notes: freeText(z.string().trim().max(5000)).optional(),
});
export type RecordDetention = z.infer<typeof RecordDetention>;

export const Review = z.strictObject({
  continue: z.boolean(),
  nextReviewDueAt: IsoDate.optional(),
  reason: freeText(text()),
});
export type Review = z.infer<typeof Review>;

export interface Detention extends Omit<Detain, 'reviewDueAt'> {
  reviewDueAt: string;
  startedAt: string;
  by: string;
  /** The second approver (a supervisor for a child, KP-DET-01), or null. */
  approvedBy: string | null;
  childAtStart: boolean;
  /** Ordered by another authority and recorded here (RECORD_DETENTION), or absent for a detention this organisation ordered. */
  recorded?: { authority: string; since: string; notes?: string };
  /** The latest move while detained (RECORD_DETENTION from `detained`): the place changed, nothing else did. */
  moved?: { authority: string; since: string; by: string; at: string; notes?: string };
}

export interface DetentionContext {
  current: Detention | null;
  reviews: Array<Review & { by: string; at: string }>;
  /** Past detentions with their end, oldest first: nothing is deleted. */
  history: Array<Detention & { endedAt: string; endedBy: string; endReason: string; endType: string }>;
  submittedBy: string | null;
  decidedBy: string | null;
}

export const initialDetentionContext = (): DetentionContext => ({ current: null, reviews: [], history: [], submittedBy: null, decidedBy: null });

export const detentionContextOf = (w: Pick<WorkflowView, 'context'> | undefined): DetentionContext => ({ ...initialDetentionContext(), ...((w?.context ?? {}) as Partial<DetentionContext>) });

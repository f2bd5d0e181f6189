import { and, assign, setup } from 'xstate';
import { z } from 'zod';
import { addDays, calendarDate, isChild } from '../age.ts';
import { IsoDate, StateCode } from '../caseFile.ts';
import { guardedBy, ruleGuards, stamp, type CommandSpec, type Task, type WorkflowDefinition, type WorkflowEvent } from '../definition.ts';
import { ageAtAct } from '../rules/age.ts';
import { reviewIntervalDays } from '../rules/detention.ts';
import { effectiveDateOfBirth, workflowOf } from '../rules/facts.ts';
import type { CaseView, WorkflowView } from '../rules/types.ts';
import type { Settings } from '../settings.ts';
import type { LegalContext } from './legal.ts';
import { OptionalReason, reasonOf, text } from './commandData.ts';

/**
 * Deprivation of liberty (WORKFLOWS.md "detention"; KP B-CH3, B-PR1, B-PR2, B-W2; rules
 * KP-DET-01..04 in rules/detention.ts). `REFERRAL_ANNULLED` is an engine follow-up of the legal
 * workflow's ANNUL_REFERRAL (KP-SYS-01), never a user command.
 */

const reason = z.strictObject({ reason: text() });
/**
 * RELEASE: WORKFLOWS.md shows it with no data. The reasons (or the envelope's justification) are
 * still asked for; a release without them is flagged by KP-SYS-01 (WARN), never refused.
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

export const DetainedChild = z.strictObject({
  caseId: z.string().min(1).max(64).optional(),
  name: text(200),
  age: z.int().min(0).max(17),
  whereabouts: text(500),
  carer: text(200),
  staysWithMother: z.boolean(),
  /** The best-interests basis for keeping the child with the mother, or for separating them (KP-DET-03). */
  bestInterestsBasis: z.string().trim().max(2000).optional(),
});
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
  z.strictObject({ name: text(200), kind: z.enum(FACILITY_KINDS) }),
  text(200).transform((name) => ({ name, kind: facilityKindFromText(name) })),
]);
export const LegalBasis = z.union([
  z.strictObject({ kind: z.enum(LEGAL_BASIS_KINDS), reference: text(500) }),
  text(500).transform((reference) => ({ kind: legalBasisKindFromText(reference), reference })),
]);
/** An alternative to detention weighed: a plain string names it; why it is unsuitable is then not recorded. */
export const DetentionAlternative = z.union([
  z.strictObject({ alternative: text(200), whyUnsuitable: text(2000) }),
  text(200).transform((alternative): { alternative: string; whyUnsuitable?: string } => ({ alternative })),
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
  staysWithParent: z.strictObject({ caseId: z.string().min(1).max(64) }).optional(),
  /** A detained woman's (or girl's) children: names, ages, whereabouts, carer (KP-DET-03; Bangkok Rules r. 2-3). */
  children: z.array(DetainedChild).max(20).optional(),
  maxEnd: IsoDate.optional(),
  reviewDueAt: IsoDate.optional(),
  /** Person-specific evidence the detention rests on (KP-SCR-02, KP-JUS-06). */
  evidenceIds: z.array(z.string().min(1).max(64)).max(100).default([]),
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
  facility: z.strictObject({ name: text(200), kind: z.enum(FACILITY_KINDS) }),
  /** Who holds the person. */
  detainingAuthority: text(200),
  /** Who ordered it: `other_authority` (left out or `this_organisation`, KP-DET-01 refuses: use DETAIN). */
  orderedBy: z.enum(DETENTION_ORDERED_BY).optional(),
  /** The detaining State; defaults to the state of the person's location. A move keeps the current one. */
  jurisdiction: StateCode.optional(),
  /** Held there since (a move while detained records the new place from this date); never in the future. */
  since: IsoDate,
  /** The legal basis the detaining authority claims, if known. A move keeps the current one. */
  legalBasis: z.strictObject({ kind: z.enum(LEGAL_BASIS_KINDS), reference: text(500) }).optional(),
  /** The grounds the detaining authority gives, if known. A move keeps the current ones. */
  grounds: z.array(z.enum(DETENTION_GROUNDS)).max(10).default([]),
  separateFromAdults: z.boolean(),
  staysWithParent: z.strictObject({ caseId: z.string().min(1).max(64) }).optional(),
  /** A detained woman's children; a move that leaves them out keeps those recorded. */
  children: z.array(DetainedChild).max(20).optional(),
  /** The maximum duration the detaining authority set, if known (KP-DET-02). A move keeps the current one (it may add one where none was known). */
  maxEnd: IsoDate.optional(),
  /** When this organisation next reviews the situation; defaults to the review interval. A move keeps the current one. */
  reviewDueAt: IsoDate.optional(),
  notes: z.string().trim().max(5000).optional(),
});
export type RecordDetention = z.infer<typeof RecordDetention>;

export const Review = z.strictObject({
  continue: z.boolean(),
  nextReviewDueAt: IsoDate.optional(),
  reason: text(),
});
export type Review = z.infer<typeof Review>;

export const detentionCommands = {
  DETAIN: {
    roles: ['legal_officer'],
    data: Detain,
    rules: ['KP-SCR-01', 'KP-SCR-02', 'KP-JUS-06', 'KP-DET-01', 'KP-DET-02', 'KP-DET-03', 'KP-DET-04', 'KP-AGE-02', 'KP-JUS-07', 'KP-DATA-03'],
    summary: 'order or record detention (a closed camp counts)',
  },
  RECORD_DETENTION: {
    roles: ['legal_officer', 'supervisor'],
    data: RecordDetention,
    rules: ['KP-SCR-01', 'KP-DET-01', 'KP-DET-02', 'KP-DET-03', 'KP-DET-04', 'KP-AGE-02'],
    summary: 'record a deprivation of liberty (or a move) ordered by another authority; failures are flagged and escalated, never left unrecorded',
  },
  REVIEW: { roles: ['supervisor', 'legal_officer'], data: Review, rules: ['KP-SYS-01', 'KP-SYS-03', 'KP-DET-02', 'KP-DATA-03'], summary: 'periodic review: continue or release' },
  RELEASE: { roles: ['supervisor', 'legal_officer'], data: OptionalReason, rules: ['KP-SYS-01'], summary: 'release' },
} as const satisfies Record<string, CommandSpec>;

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

const c = detentionCommands;

export const detentionMachine = setup({
  types: { context: {} as DetentionContext, events: {} as WorkflowEvent },
  guards: {
    ...ruleGuards,
    continues: ({ event }) => (event.data as Partial<Review>).continue === true,
    releases: ({ event }) => (event.data as Partial<Review>).continue === false,
    basisWasProsecution: ({ context }) => !!context.current?.legalBasis && PROSECUTION_BASES.has(context.current.legalBasis.kind),
  },
  actions: {
    detain: assign(({ event }) => {
      const d = event.data as Detain;
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
      const d = event.data as RecordDetention;
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
      const d = event.data as RecordDetention;
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
      const d = event.data as Review;
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

function tasks(w: WorkflowView, subject: CaseView, settings: Settings, at: string): Task[] {
  const cx = detentionContextOf(w);
  const today = calendarDate(at);
  const base = { caseId: subject.id, workflow: w.kind, instance: w.instance };
  const out: Task[] = [];
  const d = cx.current;
  if (w.state === 'detained' && d) {
    const overdue = d.reviewDueAt < today;
    for (const role of ['legal_officer', 'supervisor'] as const) {
      out.push({
        ...base,
        kind: overdue ? 'detention_review_overdue' : 'detention_review',
        role,
        due: d.reviewDueAt,
        rule: 'KP-DET-02',
        summary: overdue ? `detention review overdue since ${d.reviewDueAt}: escalated` : `detention review due ${d.reviewDueAt}`,
      });
    }
    out.push(...breachTasks(d, subject, settings, today, base));
    if (d.maxEnd && d.maxEnd <= today) {
      out.push({ ...base, kind: 'detention_max_reached', role: 'legal_officer', due: d.maxEnd, rule: 'KP-DET-02', summary: `maximum detention reached on ${d.maxEnd}: a release decision is required` });
    }
  }
  // A child in a closed camp or centre is deprived of liberty: record it as detention (KP-DET-01).
  const loc = subject.facts.location;
  if (w.state === 'not_detained' && loc.closed && isChild(effectiveDateOfBirth(subject), today)) {
    out.push({ ...base, kind: 'record_deprivation_of_liberty', role: 'legal_officer', due: null, rule: 'KP-DET-01', summary: `a child held in a closed ${loc.kind} (${loc.name}) is deprived of liberty: record and review it as detention` });
  }
  return out;
}

const PROHIBITED_FOR_ANYONE: ReadonlySet<string> = new Set(['relative_conduct']);
const PROHIBITED_FOR_A_CHILD: ReadonlySet<string> = new Set(['association', 'membership']);

/**
 * Escalations for what the rules flag on a detention recorded as it is (RECORD_DETENTION warns
 * rather than refuses): each breach still standing puts a task on the supervisor's list at once,
 * due from the day the person was held there, until the record shows it remedied.
 */
function breachTasks(d: Detention, subject: CaseView, settings: Settings, today: string, base: Pick<Task, 'caseId' | 'workflow' | 'instance'>): Task[] {
  const out: Task[] = [];
  const child = isChild(effectiveDateOfBirth(subject), today);
  const by = d.moved?.authority ?? d.recorded?.authority;
  const heldSince = d.recorded?.since ?? calendarDate(d.startedAt);
  const holder = by ? ` by ${by}` : '';
  // KP-DET-03: a child held with unrelated adults: the separation failure escalates and the return is prioritised.
  if (child && !d.separateFromAdults && !d.staysWithParent) {
    const placeSince = d.moved?.since ?? heldSince;
    out.push({
      ...base,
      kind: 'adult_separation_failure',
      role: 'supervisor',
      due: placeSince,
      rule: 'KP-DET-03',
      summary: `a child held with unrelated adults in a ${d.facility.kind.replace(/_/g, ' ')}${holder} since ${placeSince}: press for separation; return prioritised`,
    });
  }
  // KP-DET-01: held with no known legal basis.
  if (!d.legalBasis) {
    out.push({ ...base, kind: 'detention_without_legal_basis', role: 'supervisor', due: heldSince, rule: 'KP-DET-01', summary: `held${holder} since ${heldSince} with no known legal basis: challenge its legality and press for release` });
  }
  // KP-DET-04: grounds never allowed (a relative's conduct; a child's mere association or membership).
  const prohibited = (d.grounds ?? []).filter((g) => PROHIBITED_FOR_ANYONE.has(g) || (child && PROHIBITED_FOR_A_CHILD.has(g)));
  if (prohibited.length) {
    out.push({ ...base, kind: 'prohibited_detention_grounds', role: 'supervisor', due: heldSince, rule: 'KP-DET-04', summary: `held${holder} on prohibited grounds (${prohibited.map((g) => g.replace(/_/g, ' ')).join(', ')}): challenge the detention and press for release` });
  }
  // KP-AGE-02: a criminal detention for an act possibly committed below the MACR (or with no charge to check it against, for a child).
  if (d.legalBasis && PROSECUTION_BASES.has(d.legalBasis.kind)) {
    const legal = workflowOf(subject, 'legal')?.context as Partial<LegalContext> | undefined;
    const charges = legal?.charges ?? [];
    const below = charges.filter((ch) => ch.appliedLaw && ageAtAct(subject, ch.allegedActDate) < Math.max(ch.appliedLaw.macr, settings.macrHardFloor ?? 0));
    if (below.length) {
      out.push({ ...base, kind: 'criminal_detention_macr', role: 'supervisor', due: heldSince, rule: 'KP-AGE-02', summary: `criminal detention${holder} for acts possibly committed below the age of criminal responsibility (${below.map((ch) => ch.offence).join(', ')}): press for release and route to child protection` });
    } else if (child && charges.length === 0) {
      out.push({ ...base, kind: 'criminal_detention_macr', role: 'supervisor', due: heldSince, rule: 'KP-AGE-02', summary: `a child held${holder} on a ${d.legalBasis.kind.replace(/_/g, ' ')} basis with no charge on record: the age at the act cannot be checked against the MACR; obtain the charges or press for release` });
    }
  }
  return out;
}

export const detention: WorkflowDefinition = {
  kind: 'detention',
  version: 1,
  title: 'Detention and its review',
  machine: detentionMachine,
  commands: detentionCommands,
  instances: 'single',
  outcome: (state) => (state === 'detained' ? 'detained' : null),
  tasks,
};

import { and, assign, setup } from 'xstate';
import { z } from 'zod';
import { addDays, calendarDate, isChild } from '../age.ts';
import { IsoDate, StateCode } from '../caseFile.ts';
import { guardedBy, ruleGuards, stamp, type CommandSpec, type Task, type WorkflowDefinition, type WorkflowEvent } from '../definition.ts';
import { effectiveDateOfBirth } from '../rules/facts.ts';
import type { CaseView, WorkflowView } from '../rules/types.ts';
import type { Settings } from '../settings.ts';

/**
 * Deprivation of liberty (WORKFLOWS.md "detention"; KP B-CH3, B-PR1, B-PR2, B-W2; rules
 * KP-DET-01..04 in rules/detention.ts). `REFERRAL_ANNULLED` is an engine follow-up of the legal
 * workflow's ANNUL_REFERRAL (KP-SYS-01), never a user command.
 */

const text = (max = 5000) => z.string().trim().min(1).max(max);
const reason = z.strictObject({ reason: text() });
/**
 * RELEASE: WORKFLOWS.md shows it with no data. The reasons (or the envelope's justification) are
 * still asked for; a release without them is flagged by KP-SYS-01 (WARN), never refused.
 */
const optionalReason = z.strictObject({ reason: text().optional() });

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

/**
 * A deprivation of liberty ordered by another authority (the host State, a camp administration, a
 * de facto authority), recorded as it is: this organisation did not order it and cannot refuse the
 * fact, so the rules flag what is wrong with it (KP-DET-01, -03, -04 as warnings) and tasks escalate
 * it, instead of refusing to record it (DOMAIN.md §5.10: a boy moved to an adult prison is recorded
 * as detention with the adult-separation failure, and his return prioritised).
 */
export const RecordDetention = z.strictObject({
  facility: z.strictObject({ name: text(200), kind: z.enum(FACILITY_KINDS) }),
  /** Who holds the person. */
  detainingAuthority: text(200),
  /** The detaining State; defaults to the state of the person's location. */
  jurisdiction: StateCode.optional(),
  /** Held there since (a move while detained records the new place from this date). */
  since: IsoDate,
  /** The legal basis the detaining authority claims, if known. */
  legalBasis: z.strictObject({ kind: z.enum(LEGAL_BASIS_KINDS), reference: text(500) }).optional(),
  /** The grounds the detaining authority gives, if known. */
  grounds: z.array(z.enum(DETENTION_GROUNDS)).max(10).default([]),
  separateFromAdults: z.boolean(),
  staysWithParent: z.strictObject({ caseId: z.string().min(1).max(64) }).optional(),
  children: z.array(DetainedChild).max(20).optional(),
  /** When this organisation next reviews the situation; defaults to the review interval. */
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
    rules: ['KP-DET-01', 'KP-DET-03', 'KP-DET-04'],
    summary: 'record a deprivation of liberty (or a move) ordered by another authority; failures are flagged and escalated, never left unrecorded',
  },
  REVIEW: { roles: ['supervisor', 'legal_officer'], data: Review, rules: ['KP-SYS-01', 'KP-SYS-03', 'KP-DET-02', 'KP-DATA-03'], summary: 'periodic review: continue or release' },
  RELEASE: { roles: ['supervisor', 'legal_officer'], data: optionalReason, rules: ['KP-SYS-01'], summary: 'release' },
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
        reviewDueAt: d.reviewDueAt ?? addDays(calendarDate(s.at), ctx.settings.detentionReviewIntervalDays),
        startedAt: s.at,
        by: proposer,
        approvedBy: ctx.proposedBy ? s.by : null,
        childAtStart: isChild(effectiveDateOfBirth(ctx.subject), calendarDate(s.at)),
      };
      return { current, submittedBy: proposer, decidedBy: s.by };
    }),
    recordDetention: assign(({ context, event }) => {
      const d = event.data as RecordDetention;
      const ctx = event.ctx;
      const s = stamp(event);
      const { detainingAuthority, since, notes, ...held } = d;
      const current: Detention = {
        ...held,
        alternativesConsidered: [],
        evidenceIds: [],
        reviewDueAt: d.reviewDueAt ?? addDays(calendarDate(s.at), ctx.settings.detentionReviewIntervalDays),
        startedAt: since,
        by: s.by,
        approvedBy: null,
        childAtStart: isChild(effectiveDateOfBirth(ctx.subject), since),
        recorded: { authority: detainingAuthority, since, ...(notes ? { notes } : {}) },
      };
      // A move while detained closes the earlier place in the history: nothing is deleted.
      const history = context.current
        ? [...context.history, { ...context.current, endedAt: s.at, endedBy: s.by, endReason: `moved to ${d.facility.name}`, endType: event.type }]
        : context.history;
      return { current, history, submittedBy: s.by };
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
      const endReason = String(event.data['reason'] ?? event.ctx.command.justification ?? '');
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
        RECORD_DETENTION: { guard: guardedBy(c.RECORD_DETENTION), actions: 'recordDetention' },
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
    // A child recorded as held with unrelated adults: the separation failure escalates at once and the return is prioritised (KP-DET-03).
    if (d.recorded && !d.separateFromAdults && !d.staysWithParent && isChild(effectiveDateOfBirth(subject), today)) {
      out.push({
        ...base,
        kind: 'adult_separation_failure',
        role: 'supervisor',
        due: calendarDate(d.startedAt),
        rule: 'KP-DET-03',
        summary: `a child held with unrelated adults in a ${d.facility.kind.replace(/_/g, ' ')} by ${d.recorded.authority} since ${d.recorded.since}: press for separation; return prioritised`,
      });
    }
    if (d.maxEnd && d.maxEnd <= today) {
      out.push({ ...base, kind: 'detention_max_reached', role: 'legal_officer', due: d.maxEnd, rule: 'KP-DET-02', summary: `maximum detention reached on ${d.maxEnd}: a release decision is required` });
    }
  }
  // A child in a closed camp or centre is deprived of liberty: record it as detention (KP-DET-01).
  const loc = subject.facts.location;
  if (w.state === 'not_detained' && loc.closed && isChild(effectiveDateOfBirth(subject), today)) {
    out.push({ ...base, kind: 'record_deprivation_of_liberty', role: 'legal_officer', due: null, rule: 'KP-DET-01', summary: `a child held in a closed ${loc.kind} (${loc.name}) is deprived of liberty: record and review it as detention` });
  }
  void settings;
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

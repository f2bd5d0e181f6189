import { z } from 'zod';
import { CaseId, IsoDate, StateCode } from '../caseFile.ts';
import { text } from '../commandFields.ts';
import { freeText, identifying } from '../personal.ts';
import { OffenceCategory } from '../jurisdictions.ts';
import type { WorkflowView } from '../rules/types.ts';

/**
 * Proceedings (WORKFLOWS.md "legal"; KP B-PR1..PR5, B-GEN6; rules KP-AGE-01..03, KP-JUS-01..07,
 * KP-DATA-02..03, KP-SYS-02). All commands are the legal officer's. Other workflows read the
 * context fields named in `LegalContext` (a contract: keep the names).
 */

const evidenceIds = z.array(CaseId).max(100);

export const FORUMS = ['juvenile', 'ordinary', 'military', 'special_security'] as const;
export type Forum = (typeof FORUMS)[number];

export const ActDate = z.strictObject({ earliest: IsoDate, latest: IsoDate });

export const Charge = z.strictObject({
  offence: freeText(text(500)),
  category: OffenceCategory,
  /** The alleged act's date range: the earliest plausible date decides the age at the act (KP-AGE-01). */
  allegedActDate: ActDate,
});
export type Charge = z.infer<typeof Charge>;

export const OpenInvestigation = z.strictObject({
  evidenceIds: evidenceIds.min(1),
  /** Female staff available for searches and interviews of a woman or girl (KP-JUS-07). */
  femaleStaffAvailable: z.boolean().optional(),
});
export type OpenInvestigation = z.infer<typeof OpenInvestigation>;

export const ReferDiversion = z.strictObject({ measure: freeText(text(2000)), reason: freeText(z.string().trim().max(5000)).optional() });
export type ReferDiversion = z.infer<typeof ReferDiversion>;

/**
 * Fair-trial checklist (KP-JUS-05): each item is a statement the legal officer records.
 * WORKFLOWS.md leaves the shapes open, so plain forms are accepted and normalised, never turning
 * a guarantee that is not recorded into one that is met:
 * - `counsel: "Me Dupont"` names the appointed counsel → `{ appointed: true, name }`; words that say
 *   there is none yet ("none", "n/a", "not appointed", "pending", "to be appointed", "unknown",
 *   "TBD", an empty string…) → `{ appointed: false }`, which KP-JUS-05 refuses;
 * - `interpreter: true` → `{ needed: true, provided: true }`; `interpreter: false` → `{ provided: false }`
 *   (whether one is needed stays unknown: KP-JUS-05 flags it, or refuses when the person needed one
 *   at the screening interview).
 */
export const CounselObject = z.strictObject({ appointed: z.boolean(), name: identifying(z.string().trim().max(200)).optional() });

/**
 * Plain words that record no counsel appointed (yet): a bare "none", "no", "n/a", "unknown", "TBD"…;
 * a phrase with "not (yet) appointed", "to be appointed", "pending", "awaiting", "requested"…; or one
 * that begins "no …" / "without …" ("no lawyer yet"). Anything else is read as the counsel's name.
 */
const NO_COUNSEL_WORD = /^(?:none|none yet|nobody|no one|nil|no|non|n\/?a|n\.a\.?|not applicable|tbd|tba|tbc|unknown|pending|awaiting|requested|unassigned|unappointed|unrepresented|aucun|aucune|néant|inconnu|en attente|[-–—?.]+)$/;
const NO_COUNSEL_PHRASE =
  /\b(?:not|never|yet to be|to be|still to be)\s+(?:yet\s+)?(?:been\s+)?(?:appointed|assigned|designated|named|chosen|confirmed|determined|provided|known|identified|found|instructed|retained)\b|\b(?:pending|awaiting|requested|unassigned|unappointed|unrepresented|self[- ]represented|pro se|tbd|tbc|tba|none|waived|declined|absent|denied|unavailable|refused|null|no[- ]?one)\b|\bnot (?:yet|present|available)\b|\ben attente\b|\bnon (?:désigné|nommé|commis)|\bpas (?:encore )?(?:d'avocat|désigné|nommé)|\bsans avocat\b|^(?:no|without|sans|aucun|aucune)\s/;

/** Plain-words counsel → `{ appointed, name? }`: a name is an appointed counsel; words saying there is none are not. */
export function counselFromText(words: string): { appointed: boolean; name?: string } {
  const t = words.trim().toLowerCase().replace(/\s+/g, ' ');
  if (t === '' || NO_COUNSEL_WORD.test(t) || NO_COUNSEL_PHRASE.test(t)) return { appointed: false };
  return { appointed: true, name: words.trim() };
}

export const Counsel = z.union([CounselObject, identifying(z.string().max(200).transform(counselFromText))]);
export const InterpreterObject = z.strictObject({ needed: z.boolean(), provided: z.boolean(), language: freeText(z.string().trim().max(100)).optional() });
export const Interpreter = z.union([
  InterpreterObject,
  z.boolean().transform((provided): { needed?: boolean; provided: boolean; language?: string } => (provided ? { needed: true, provided: true } : { provided: false })),
]);
/** A non-judicial measure weighed (KP-JUS-01): a plain string names the measure, its unsuitability left to the justification. */
export const NonJudicialMeasure = z.union([
  z.strictObject({ measure: freeText(text(500)), whyUnsuitable: freeText(text(2000)) }),
  freeText(text(500).transform((measure): { measure: string; whyUnsuitable?: string } => ({ measure }))),
]);

export const ChargeData = z.strictObject({
  charges: z.array(Charge).min(1).max(50),
  forum: z.enum(FORUMS),
  /** The prosecuting State (or sub-national unit, IQ-KR) whose law in force at the act applies (KP-SYS-02). */
  jurisdiction: StateCode,
  /**
   * Person-specific, torture-screened evidence the charge rests on (KP-SCR-02, KP-JUS-06). Left out
   * (WORKFLOWS.md names no such field), the charge rests on the evidence the investigation was
   * opened on; with no investigation either, KP-SCR-02 refuses with its id.
   */
  evidenceIds: evidenceIds.min(1).optional(),
  /** For an act as a child: each non-judicial measure weighed and why it is unsuitable (KP-JUS-01). */
  nonJudicialMeasuresConsidered: z.array(NonJudicialMeasure).max(20).optional(),
  counsel: Counsel,
  interpreter: Interpreter,
  informedOfCharges: z.boolean().optional(),
  presumptionOfInnocence: z.boolean().optional(),
  /** A parent or appropriate adult assists a child (KP-JUS-05; GC24 ¶8). */
  appropriateAdult: z.boolean().optional(),
  femaleStaffAvailable: z.boolean().optional(),
});
export type ChargeData = z.infer<typeof ChargeData>;

/**
 * The fair-trial checklist recorded (or completed) after the charge (KP-JUS-05): each item given
 * replaces the one recorded at the charge. Proceedings that ended in a conviction close only once
 * the checklist is complete.
 */
export const RecordFairTrial = z
  .strictObject({
    presumptionOfInnocence: z.boolean().optional(),
    informedOfCharges: z.boolean().optional(),
    counsel: Counsel.optional(),
    interpreter: Interpreter.optional(),
    appropriateAdult: z.boolean().optional(),
  })
  .refine((d) => Object.values(d).some((v) => v !== undefined), { message: 'record at least one item of the fair-trial checklist' });
export type RecordFairTrial = z.infer<typeof RecordFairTrial>;

export const SENTENCE_KINDS = ['death', 'life_without_parole', 'life', 'imprisonment', 'non_custodial', 'other'] as const;
export const SentenceObject = z.strictObject({
  kind: z.enum(SENTENCE_KINDS),
  months: z.int().min(0).max(1200).optional(),
  /**
   * For a life sentence: whether release on parole is possible. Not recorded, a life sentence for
   * an act under 18 is flagged, or refused where the law allows life without parole for minors (KP-JUS-04).
   */
  parole: z.boolean().optional(),
  details: freeText(z.string().trim().max(2000)).optional(),
});
export type Sentence = z.infer<typeof SentenceObject>;

/**
 * A sentence given as plain text ("5 years' imprisonment") → `{ kind, months?, parole?, details }`.
 * The kind is read from the words, the gravest first (death, life without parole, life), so that a
 * prohibited penalty is never read as a lesser one; text that matches none is `other` (KP-JUS-04
 * flags it for a child) and the words are kept as `details`. Death is read from words about the
 * death penalty only (death, capital punishment, hanging…), never from "execution", which also names the
 * carrying out of any sentence ("execution of the sentence suspended"). A life sentence has
 * `parole: true` only when the words say parole or release is possible; otherwise parole stays
 * unrecorded (KP-JUS-04 then flags or refuses it for an act under 18).
 */
export function sentenceFromText(words: string): Sentence {
  const t = words.toLowerCase();
  const kind: Sentence['kind'] =
    /\bdeath\b|\bcapital (?:punishment|penalty|sentence)\b|\b(?:sentenced|condemned) to die\b|\bhang(?:ing|ed)\b|firing squad|lethal injection|peine (?:de mort|capitale)|condamn\S* à mort|إعدام/.test(t) ? 'death'
    // A negation before the parole word ("not eligible for parole", "no possibility of release") is life without parole.
    : /without (the )?(possibility of )?(parole|release)|\b(?:no|not|never|non|ineligible)\b[^.;]{0,40}\b(?:parole|releas)|whole[- ]life|\blwop\b|perpétuité réelle/.test(t) ? 'life_without_parole'
    : /\blife\b|perpétuité|مؤبد/.test(t) ? 'life'
    : /suspended|probation|\bfine\b|community (service|order|sentence)|non[- ]custodial|sursis|amende/.test(t) ? 'non_custodial'
    : /imprison|prison|custod|detention|jail|gaol|emprisonnement/.test(t) ? 'imprisonment'
    : 'other';
  const years = /(\d+(?:[.,]\d+)?)\s*(?:years?|yrs?|ans?)\b/.exec(t);
  const months = /(\d+)\s*(?:months?|mois)\b/.exec(t);
  const total = (years ? Math.round(Number(years[1]!.replace(',', '.')) * 12) : 0) + (months ? Number(months[1]) : 0);
  const withMonths = (kind === 'imprisonment' || kind === 'non_custodial') && (years || months) && total <= 1200;
  const parole = kind === 'life' && /\bwith (?:the )?(?:possibility of |eligibility for |a chance of )?(?:parole|release)\b|\beligible for (?:parole|release)\b|\bparole (?:after|possible|eligibility)\b|\bminimum term\b|p[ée]riode de s[ûu]ret[ée]|lib[ée]ration conditionnelle/.test(t);
  return { kind, ...(withMonths ? { months: total } : {}), ...(parole ? { parole: true } : {}), details: words };
}

export const Sentence = z.union([SentenceObject, freeText(text(2000).transform(sentenceFromText))]);

export const RecordJudgment = z.strictObject({
  outcome: z.enum(['acquitted', 'convicted']),
  sentence: Sentence.optional(),
  /** Required for a conviction (KP-JUS-05): left out, the rule refuses with its id. */
  appealDeadline: IsoDate.optional(),
  appealInformationGiven: z.boolean().optional(),
  court: freeText(z.string().trim().max(200)).optional(),
});
export type RecordJudgment = z.infer<typeof RecordJudgment>;

/** WORKFLOWS.md shows `FILE_APPEAL` with no data: the filing date defaults to the command's date, the grounds to its justification. */
export const FileAppeal = z.strictObject({ filedOn: IsoDate.optional(), grounds: freeText(text()).optional() });
export type FileAppeal = z.infer<typeof FileAppeal>;

export const WatchlistRequest = z.strictObject({
  evidenceIds: evidenceIds.min(1),
  legalBasis: freeText(text(2000)),
  /** For a child: the child-specific criminal-evidence basis a legal officer records (KP-DATA-02). */
  childSpecificBasis: freeText(z.string().trim().max(5000)).optional(),
  database: freeText(z.string().trim().max(200)).optional(),
});
export type WatchlistRequest = z.infer<typeof WatchlistRequest>;

export const WatchlistReview = z.strictObject({ keep: z.boolean(), reason: freeText(text()) });
export type WatchlistReview = z.infer<typeof WatchlistReview>;

export interface AppliedLaw {
  code: string;
  /** The version in force at the earliest plausible act date. */
  validFrom: string;
  /** The version actually applied: a later one when more favourable (lex mitior). */
  appliedValidFrom: string;
  macr: number;
}

export type RecordedCharge = Charge & { childAtAct: boolean; appliedLaw: AppliedLaw | null };

export interface WatchlistEntry {
  evidenceIds: string[];
  legalBasis: string;
  childSpecificBasis: string | null;
  database: string | null;
  status: 'active' | 'deleted';
  reviewDueAt: string;
  by: string;
  at: string;
  reviews: Array<WatchlistReview & { by: string; at: string }>;
}

/** Child-justice records: the evidence of proceedings against a child, sealed at 18 or at the end of the measure (KP-DATA-03). */
export interface ChildJusticeRecord {
  evidenceIds: string[];
  measure: 'investigation' | 'diversion' | 'juvenile_proceedings';
  startedAt: string;
  endedAt: string | null;
}

export interface LegalContext {
  investigation: { evidenceIds: string[]; by: string; at: string } | null;
  diversion: (ReferDiversion & { by: string; at: string }) | null;
  charges: RecordedCharge[];
  forum: Forum | null;
  jurisdiction: string | null;
  chargeEvidenceIds: string[];
  fairTrial: Pick<ChargeData, 'counsel' | 'interpreter' | 'informedOfCharges' | 'presumptionOfInnocence' | 'appropriateAdult' | 'nonJudicialMeasuresConsidered'> | null;
  /** `childAct`: the judgment concerns a charge for an act possibly committed under 18. */
  judgments: Array<RecordJudgment & { childAct: boolean; by: string; at: string }>;
  appeals: Array<{ filedOn: string; grounds: string; by: string; at: string }>;
  watchlist: WatchlistEntry[];
  childJustice: ChildJusticeRecord | null;
  /** The legal officer who proposed the prosecution referral, and who confirmed it (KP-SYS-03). */
  submittedBy: string | null;
  decidedBy: string | null;
  closures: Array<{ type: string; reason: string; by: string; at: string }>;
}

export const initialLegalContext = (): LegalContext => ({
  investigation: null,
  diversion: null,
  charges: [],
  forum: null,
  jurisdiction: null,
  chargeEvidenceIds: [],
  fairTrial: null,
  judgments: [],
  appeals: [],
  watchlist: [],
  childJustice: null,
  submittedBy: null,
  decidedBy: null,
  closures: [],
});

export const legalContextOf = (w: Pick<WorkflowView, 'context'> | undefined): LegalContext => ({ ...initialLegalContext(), ...((w?.context ?? {}) as Partial<LegalContext>) });

/** The evidence a charge rests on: its own list, or the evidence the investigation was opened on. */
export function chargeEvidenceIds(d: Pick<ChargeData, 'evidenceIds'>, context: Pick<LegalContext, 'investigation'> | undefined): string[] {
  return d.evidenceIds ?? context?.investigation?.evidenceIds ?? [];
}

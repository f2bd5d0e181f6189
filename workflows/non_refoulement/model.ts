import { z } from 'zod';
import { IsoDate } from '../caseFile.ts';
import { freeText, identifying } from '../personal.ts';

/**
 * Individual non-refoulement assessment, one instance per destination State (KP B-HUM4, C6;
 * WORKFLOWS.md "non_refoulement"). The findings decide the conclusion, never the user: any
 * substantial risk concludes `risk_identified`, and diplomatic assurances can lift it only with an
 * independent legal review, a monitoring plan, written reasons and a second legal officer (KP-RET-03).
 */

export const RISK_TYPES = [
  'torture',
  'cruel_treatment',
  'death_penalty',
  'life_without_parole',
  'flagrant_unfair_trial',
  'persecution',
  'enforced_disappearance',
  'onward_removal',
  'other',
] as const;
export type RiskType = (typeof RISK_TYPES)[number];
export const RISK_LEVELS = ['none', 'low', 'substantial'] as const;

export const Risk = z.strictObject({
  type: z.enum(RISK_TYPES),
  level: z.enum(RISK_LEVELS),
  sources: z.array(freeText(z.string().min(1).max(500))).min(1).max(50),
  notes: freeText(z.string().max(5000)).optional(),
});
export type Risk = z.infer<typeof Risk>;

/** Diplomatic assurances are recorded as evidence only (KP-RET-03). */
export const DiplomaticAssurances = z.strictObject({
  from: freeText(z.string().min(1).max(200)),
  summary: freeText(z.string().min(1).max(5000)),
  date: IsoDate,
  covers: z.array(z.enum(RISK_TYPES)).min(1).max(RISK_TYPES.length),
});
export type DiplomaticAssurances = z.infer<typeof DiplomaticAssurances>;

export const RecordFindings = z.strictObject({
  risks: z.array(Risk).min(1).max(30),
  diplomaticAssurances: DiplomaticAssurances.optional(),
});
export type RecordFindings = z.infer<typeof RecordFindings>;

/**
 * CONCLUDE carries no verdict of its own: the machine reads the findings. `relyOnAssurances`
 * asks to clear a substantial risk on the strength of assurances, which KP-RET-03 guards.
 */
export const Conclude = z.strictObject({
  relyOnAssurances: z.boolean().default(false),
  assuranceReview: z
    .strictObject({
      reviewer: identifying(z.string().min(1).max(200)),
      independent: z.boolean(),
      conclusion: freeText(z.string().min(1).max(5000)),
      date: IsoDate,
    })
    .optional(),
  monitoringPlan: z
    .strictObject({
      monitor: freeText(z.string().min(1).max(200)),
      schedule: freeText(z.string().min(1).max(1000)),
      contactArrangements: freeText(z.string().min(1).max(2000)),
    })
    .optional(),
});
export type Conclude = z.infer<typeof Conclude>;

export type NonRefoulementResult = 'cleared' | 'risk_identified';

export interface NonRefoulementContext {
  destination: string | null;
  findings: (RecordFindings & { by: string; at: string }) | null;
  /** Author of the standing findings (KP-SYS-03: never the concluder). */
  authoredBy: string | null;
  submittedBy: string | null;
  concludedBy: string | null;
  /** The second legal officer who confirmed a conclusion relying on assurances (KP-RET-03). */
  confirmedBy: string | null;
  concludedAt: string | null;
  result: NonRefoulementResult | null;
  conclusion: Conclude | null;
  /** Every conclusion and reopening, oldest first: nothing is deleted (KP-SYS-01). */
  history: Array<{ event: 'concluded' | 'reopened'; result?: NonRefoulementResult; newInformation?: string; by: string; at: string }>;
}

export const initialNonRefoulementContext = (): NonRefoulementContext => ({
  destination: null,
  findings: null,
  authoredBy: null,
  submittedBy: null,
  concludedBy: null,
  confirmedBy: null,
  concludedAt: null,
  result: null,
  conclusion: null,
  history: [],
});

import { z } from 'zod';
import { IsoDate, StateCode } from './caseFile.ts';

/** Floors the principles set (DOMAIN.md §6.1): KP/GC10 floor and the GC24 recommendation. */
export const MACR_KP_FLOOR = 12;
export const MACR_GC24_RECOMMENDED = 14;

export const OffenceCategory = z.enum(['membership_or_association', 'support', 'violent_act', 'terrorism', 'national_security', 'other']);

/** One version of a jurisdiction's data (WORKFLOWS.md "Jurisdiction data"), in force from `validFrom`. */
export const Jurisdiction = z.strictObject({
  code: StateCode,
  name: z.string().min(1).max(200),
  macrGeneral: z.int().min(0).max(25),
  macrType: z.enum(['absolute', 'rebuttable_presumption']),
  /** Stored only to be flagged, never applied (KP-AGE-03). */
  macrOffenceSpecific: z.array(z.strictObject({ offenceCategory: OffenceCategory, age: z.int().min(0).max(25) })).default([]),
  deathPenaltyAvailable: z.boolean(),
  lifeWithoutParoleForMinors: z.boolean(),
  militaryOrSpecialCourtsForChildren: z.boolean(),
  juvenileCourts: z.boolean().default(true),
  detentionReviewIntervalDays: z.int().min(1).max(365),
  pretrialMaxDaysChild: z.int().min(1).max(3650),
  bidPanelMinMembers: z.int().min(2).max(15),
  validFrom: IsoDate,
  source: z.string().max(1000).optional(),
});
export type Jurisdiction = z.infer<typeof Jurisdiction>;

export interface ComplianceFlag {
  readonly code: 'below_kp_floor' | 'below_gc24' | 'offence_specific_macr';
  readonly message: string;
}

/** Flags a jurisdiction version against the principles' floors (KP-AGE-02, KP-AGE-03). */
export function complianceFlags(j: Jurisdiction): ComplianceFlag[] {
  const flags: ComplianceFlag[] = [];
  if (j.macrGeneral < MACR_KP_FLOOR) flags.push({ code: 'below_kp_floor', message: `MACR ${j.macrGeneral} is below the KP/CRC floor of ${MACR_KP_FLOOR}` });
  if (j.macrGeneral < MACR_GC24_RECOMMENDED) flags.push({ code: 'below_gc24', message: `MACR ${j.macrGeneral} is below the GC24 recommendation of ${MACR_GC24_RECOMMENDED}` });
  for (const o of j.macrOffenceSpecific) {
    if (o.age < j.macrGeneral) flags.push({ code: 'offence_specific_macr', message: `a lower MACR of ${o.age} for ${o.offenceCategory} is prohibited (KP B-PR4) and never applied` });
  }
  return flags;
}

/**
 * The version in force on a date (KP-SYS-02): the latest `validFrom` not after the date.
 * Undefined when no version covers the date — rules then refuse rather than guess.
 */
export function inForce(versions: readonly Jurisdiction[], code: string, on: string): Jurisdiction | undefined {
  let best: Jurisdiction | undefined;
  for (const v of versions) {
    if (v.code === code && v.validFrom <= on.slice(0, 10) && (!best || v.validFrom > best.validFrom)) best = v;
  }
  return best;
}

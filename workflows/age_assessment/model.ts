import { z } from 'zod';
import { AGE_METHODS } from '../age.ts';
import { DateOfBirth } from '../caseFile.ts';
import { identifying } from '../personal.ts';

/** Holistic, multidisciplinary age assessment with the benefit of the doubt (KP-AGE-04). */

/**
 * An assessor's discipline: a closed vocabulary, because KP-AGE-04 counts distinct disciplines
 * (a free-text spelling would make one discipline look like two). `unknown` never counts.
 */
export const AGE_ASSESSOR_DISCIPLINES = ['paediatrics', 'medicine', 'radiology', 'dentistry', 'nursing', 'social_work', 'psychology', 'child_protection', 'education', 'legal', 'health', 'other', 'unknown'] as const;

/**
 * An assessor: `{ name, discipline }`, or a plain name whose discipline is then unknown — and an
 * unknown discipline never counts towards the multidisciplinary assessment KP-AGE-04 requires.
 */
export const Assessor = z.union([
  z.strictObject({ name: identifying(z.string().min(1).max(200)), discipline: z.enum(AGE_ASSESSOR_DISCIPLINES) }),
  identifying(z.string().trim().min(1).max(200).transform((name): { name: string; discipline?: string } => ({ name }))),
]);

export const RecordAge = z.strictObject({
  methods: z.array(z.enum(AGE_METHODS)).min(1).max(10),
  dateOfBirth: DateOfBirth,
  assessors: z.array(Assessor).min(1).max(10),
});
export type RecordAge = z.infer<typeof RecordAge>;

export interface AgeAssessmentContext {
  methods: string[];
  dateOfBirth: DateOfBirth | null;
  assessors: RecordAge['assessors'];
  submittedBy: string | null;
  recordedAt: string | null;
  confirmedBy: string | null;
}

export const initialAgeAssessmentContext = (): AgeAssessmentContext => ({ methods: [], dateOfBirth: null, assessors: [], submittedBy: null, recordedAt: null, confirmedBy: null });

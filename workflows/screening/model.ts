import { z } from 'zod';

/** Individual screening and assessment, every case (KP B-GEN4; WORKFLOWS.md "screening"). */

export const Interview = z.strictObject({
  participants: z.array(z.strictObject({ role: z.string().min(1).max(100), female: z.boolean().optional() })).min(1).max(20),
  appropriateAdultPresent: z.boolean(),
  femaleInterviewerOffered: z.boolean(),
  language: z.string().min(1).max(100),
  interpreter: z.boolean(),
  /** Language the person understands, when it differs from the interview language without an interpreter. */
  personUnderstandsLanguage: z.boolean().default(true),
  emergency: z.boolean().default(false),
});
export type Interview = z.infer<typeof Interview>;

export const Assessment = z.strictObject({
  victimIndicators: z.array(z.enum(['trafficking', 'sgbv', 'forced_marriage', 'coercion', 'child_recruitment', 'other'])).max(20),
  referrals: z.array(z.enum(['child_protection', 'sgbv_support', 'medical', 'mhpss', 'legal', 'trafficking_support', 'other'])).max(20),
  affiliation: z.strictObject({
    level: z.enum(['none', 'suspected', 'established']),
    evidenceIds: z.array(z.string().min(1).max(64)).max(100),
  }),
  ageGenderConsiderations: z.string().min(1).max(5000),
  outcome: z.enum(['victim', 'victim_and_suspect', 'no_concern']),
  /** Survivor consent to SGBV referral (KP-GEN-01); required when an SGBV referral is made. */
  sgbvReferralConsent: z.boolean().optional(),
});
export type Assessment = z.infer<typeof Assessment>;

export interface ScreeningContext {
  interviews: Array<Interview & { by: string; at: string }>;
  assessment: (Assessment & { by: string; at: string }) | null;
  submittedBy: string | null;
  approvedBy: string | null;
}

export const initialScreeningContext = (): ScreeningContext => ({ interviews: [], assessment: null, submittedBy: null, approvedBy: null });

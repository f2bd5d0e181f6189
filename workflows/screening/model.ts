import { z } from 'zod';
import { freeText, plain } from '../personal.ts';

/** Individual screening and assessment, every case (KP B-GEN4; WORKFLOWS.md "screening"). */

/**
 * Who takes part in an interview: a closed vocabulary, because KP-SCR-05 reads it (only
 * `child_protection` is trained child-protection staff; a free-text role it does not know would
 * silently count as none).
 */
export const INTERVIEW_ROLES = [
  'screening_officer',
  'caseworker',
  'child_protection',
  'social_worker',
  'interpreter',
  'appropriate_adult',
  'guardian',
  'legal_representative',
  'psychologist',
  'medical_staff',
  'security_officer',
  'note_taker',
  'observer',
  'other',
] as const;
export type InterviewRole = (typeof INTERVIEW_ROLES)[number];

export const Interview = z.strictObject({
  participants: z.array(z.strictObject({ role: z.enum(INTERVIEW_ROLES), female: z.boolean().optional() })).min(1).max(20),
  appropriateAdultPresent: z.boolean(),
  femaleInterviewerOffered: z.boolean(),
  language: freeText(z.string().min(1).max(100)),
  interpreter: z.boolean(),
  /** Language the person understands, when it differs from the interview language without an interpreter. */
  personUnderstandsLanguage: z.boolean().default(true),
  emergency: z.boolean().default(false),
});
export type Interview = z.infer<typeof Interview>;

export const VICTIM_INDICATORS = ['trafficking', 'sgbv', 'forced_marriage', 'coercion', 'child_recruitment', 'other'] as const;
export const REFERRALS = ['child_protection', 'sgbv_support', 'medical', 'mhpss', 'legal', 'trafficking_support', 'other'] as const;
export type Referral = (typeof REFERRALS)[number];

export const Assessment = z.strictObject({
  victimIndicators: z.array(z.enum(VICTIM_INDICATORS)).max(20),
  referrals: z.array(z.enum(REFERRALS)).max(20),
  affiliation: z.strictObject({
    level: z.enum(['none', 'suspected', 'established']),
    evidenceIds: z.array(plain(z.string().min(1).max(64))).max(100),
  }),
  ageGenderConsiderations: freeText(z.string().min(1).max(5000)),
  outcome: z.enum(['victim', 'victim_and_suspect', 'no_concern']),
  /** Survivor consent to SGBV referral (KP-GEN-01); required when an SGBV referral is made. */
  sgbvReferralConsent: z.boolean().optional(),
});
export type Assessment = z.infer<typeof Assessment>;

/**
 * A protection referral made after the assessment (KP-SCR-03 "WARN, then TIMER"; KP-GEN-01
 * "TIMER for referral"): it closes the referral task. An SGBV referral is made with the survivor's
 * consent; one offered and declined (`declined`) is recorded and closes the task too (survivor-centred).
 */
export const RecordReferral = z.strictObject({
  referrals: z.array(z.enum(REFERRALS)).min(1).max(10),
  provider: freeText(z.string().trim().min(1).max(200)).optional(),
  survivorConsent: z.boolean().optional(),
  declined: z.boolean().default(false),
});
export type RecordReferral = z.infer<typeof RecordReferral>;

export interface ScreeningContext {
  interviews: Array<Interview & { by: string; at: string }>;
  assessment: (Assessment & { by: string; at: string }) | null;
  /** Referrals recorded after the assessment (older contexts lack the field). */
  referrals?: Array<RecordReferral & { by: string; at: string }>;
  submittedBy: string | null;
  approvedBy: string | null;
}

export const initialScreeningContext = (): ScreeningContext => ({ interviews: [], assessment: null, referrals: [], submittedBy: null, approvedBy: null });

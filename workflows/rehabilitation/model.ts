import { z } from 'zod';
import { EligibilityCriterion } from '../assistance.ts';
import { IsoDate } from '../caseFile.ts';
import { freeText, plain } from '../personal.ts';

/**
 * Rehabilitation and reintegration (WORKFLOWS.md "rehabilitation"; RULES.md §4.11; DOMAIN.md S9).
 * An individual, age- and gender-tailored plan (KP-REH-01), never conditional on security
 * classification, cooperation or prosecution, delivered in family and community settings
 * (KP-REH-02), with eligibility that never depends on affiliation (KP-HUM-01).
 */

export const SERVICE_TYPES = [
  'medical',
  'mhpss',
  'education',
  'legal',
  'livelihood',
  'family_tracing',
  'sgbv_support',
  /** Family and community reintegration support (added: the domain KP-REH-01 names). */
  'family_community_reintegration',
] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

/** Where a service is delivered. `residential` and `institutional` need a justification (KP-REH-02). */
export const SERVICE_SETTINGS = ['family', 'community', 'school', 'outpatient', 'hospital', 'remote', 'residential', 'institutional'] as const;
export type ServiceSetting = (typeof SERVICE_SETTINGS)[number];

export const Service = z.strictObject({
  type: z.enum(SERVICE_TYPES),
  provider: freeText(z.string().min(1).max(200)),
  setting: z.enum(SERVICE_SETTINGS),
  /**
   * Conditions the service is made subject to, as codes (`informed_consent`, `school_enrolment`).
   * Security classification, cooperation and prosecution outcome are refused (KP-REH-02).
   */
  conditions: z.array(plain(z.string().min(1).max(100).regex(/^[a-z][a-z0-9_]*$/, 'a condition is a lower-case code'))).max(20).default([]),
  /** Who may receive the service; criteria on affiliation, screening or family links are refused (KP-HUM-01). */
  eligibility: z.array(EligibilityCriterion).max(20).default([]),
});
export type Service = z.infer<typeof Service>;

export const CreatePlan = z.strictObject({
  services: z.array(Service).max(30),
  reviewDate: IsoDate,
  /** Needs assessment and age/gender considerations behind the plan. */
  notes: freeText(z.string().max(5000)).optional(),
});
export type CreatePlan = z.infer<typeof CreatePlan>;

export const ReviewPlan = z.strictObject({
  reviewDate: IsoDate,
  /** The revised services; when left out, the services stay as they are. */
  services: z.array(Service).max(30).optional(),
  note: freeText(z.string().max(5000)).optional(),
});
export type ReviewPlan = z.infer<typeof ReviewPlan>;

export const RecordProgress = z.strictObject({
  /** Optional: WORKFLOWS.md shows `RECORD_PROGRESS` with no data (the justification, if any, is kept as the note). */
  note: freeText(z.string().min(1).max(5000)).optional(),
  serviceType: z.enum(SERVICE_TYPES).optional(),
});
export type RecordProgress = z.infer<typeof RecordProgress>;

export type Stamp = { by: string; at: string };

export interface RehabilitationPlan {
  services: Service[];
  reviewDate: string;
  notes?: string;
  /** The justification given with the plan (e.g. for a residential setting, KP-REH-02). */
  justification?: string;
  createdBy: string;
  createdAt: string;
}

export interface RehabilitationContext {
  plan: RehabilitationPlan | null;
  reviews: Array<Stamp & { reviewDate: string; previousReviewDate: string; servicesChanged: boolean; note?: string }>;
  progress: Array<Stamp & { note: string; serviceType?: ServiceType }>;
  started: Stamp | null;
  completion: (Stamp & { reason: string }) | null;
  reopenings: Array<Stamp & { reason: string }>;
}

export const initialRehabilitationContext = (): RehabilitationContext => ({ plan: null, reviews: [], progress: [], started: null, completion: null, reopenings: [] });

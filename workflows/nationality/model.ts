import { z } from 'zod';
import { StateCode } from '../caseFile.ts';
import { freeText, identifying } from '../personal.ts';

/**
 * Nationality and documentation (KP F¶2, B-GEN3; WORKFLOWS.md "nationality"). Statelessness is to
 * be avoided: a "no nationality" conclusion must leave the person protected (KP-NAT-01), and for a
 * child both parental lines and the 1961 Convention safeguards come first (KP-NAT-02).
 */

/** Evidence a document or registration may rest on: a lack of documents is never a bar (KP-NAT-03). */
export const EVIDENCE_BASIS = ['documents', 'consular_records', 'testimony', 'dna'] as const;
/** The 1961 Convention safeguards a "no nationality" conclusion for a child must have checked (KP-NAT-02). */
export const SAFEGUARDS_1961 = ['art1_born_in_territory', 'art2_foundling', 'art4_born_abroad_to_national'] as const;
/** What protects a person found stateless (KP-NAT-01). */
export const STATELESS_PROTECTION = ['statelessness_determination', 'residence', 'identity_documents', 'facilitated_naturalisation', 'otherwise_stateless_safeguard'] as const;
/** DNA is accepted only with informed consent, purpose limitation and data protection (KP-NAT-03). */
export const DnaSafeguards = z.strictObject({ informedConsent: z.boolean(), purposeLimited: z.boolean(), dataProtected: z.boolean() });

export const ParentLine = z.strictObject({
  status: z.enum(['checked', 'parent_unknown']),
  /** The States whose nationality law was checked for transmission through this parent. */
  statesChecked: z.array(StateCode).max(10).default([]),
  transmits: z.boolean().optional(),
  note: freeText(z.string().max(2000)).optional(),
});
export type ParentLine = z.infer<typeof ParentLine>;

const ParentalLines = z.strictObject({ mother: ParentLine, father: ParentLine });
const reasons = freeText(z.string().min(1).max(5000)).optional();

/**
 * WORKFLOWS.md shows `RESOLVE { outcome }`: left out, `state` (verified) is the one State still asked
 * to verify, else the only nationality claimed (`resolveDefaults`), `documentRef` stays unrecorded,
 * and after a statelessness referral `protection` is the statelessness determination procedure.
 */
export const Resolve = z.discriminatedUnion('outcome', [
  z.strictObject({ outcome: z.literal('verified'), state: StateCode.optional(), documentRef: identifying(z.string().min(1).max(200)).optional(), reasons }),
  z.strictObject({
    outcome: z.literal('stateless_protected'),
    protection: z.array(z.enum(STATELESS_PROTECTION)).max(STATELESS_PROTECTION.length).default([]),
    parentalLinesChecked: ParentalLines.optional(),
    safeguardsChecked: z.array(z.enum(SAFEGUARDS_1961)).max(3).default([]),
    reasons,
  }),
  /** Always refused (KP-NAT-01): accepted by the schema so the refusal names its rule. */
  z.strictObject({
    outcome: z.literal('no_nationality'),
    parentalLinesChecked: ParentalLines.optional(),
    safeguardsChecked: z.array(z.enum(SAFEGUARDS_1961)).max(3).default([]),
    reasons,
  }),
]);
export type Resolve = z.infer<typeof Resolve>;

export const RequestVerification = z.strictObject({ state: StateCode, basis: freeText(z.string().max(2000)).optional() });
export const Confirm = z.strictObject({ state: StateCode, documentRef: identifying(z.string().min(1).max(200)) });
export const RecordDispute = z.strictObject({
  state: StateCode,
  reason: freeText(z.string().min(1).max(5000)),
  ground: z.enum(['not_a_national', 'nationality_deprived', 'no_response', 'conflicting_evidence', 'other']).default('not_a_national'),
});
export const ReferStatelessness = z.strictObject({ reason: freeText(z.string().min(1).max(5000)).optional() });
export const RecordRegistration = z.strictObject({
  kind: z.enum(['birth_registration', 'identity_document']),
  reference: identifying(z.string().min(1).max(200)),
  issuer: freeText(z.string().min(1).max(200)),
  basis: z.enum(EVIDENCE_BASIS).default('documents'),
  dnaSafeguards: DnaSafeguards.optional(),
});
export type RecordRegistration = z.infer<typeof RecordRegistration>;

export type Stamped<T> = T & { by: string; at: string };

export interface NationalityContext {
  requested: Array<Stamped<{ state: string; basis?: string }>>;
  /** Current verified nationalities (a later dispute of the same State removes it); `documentRef` when one was recorded. */
  verified: Array<Stamped<{ state: string; documentRef?: string }>>;
  /** Current disputes (a later confirmation of the same State removes it). */
  disputed: Array<Stamped<{ state: string; reason: string; ground: string }>>;
  referral: Stamped<{ reason: string | null }> | null;
  resolution: Stamped<Resolve> | null;
  registrations: Array<Stamped<RecordRegistration>>;
  /** Who asked for the work now being concluded (KP-SYS-03: never the one who concludes it). */
  submittedBy: string | null;
  concludedBy: string | null;
  /** Everything that happened, oldest first: nothing is deleted (KP-SYS-01). */
  log: Array<Stamped<{ event: string; state?: string }>>;
}

export const initialNationalityContext = (): NationalityContext => ({ requested: [], verified: [], disputed: [], referral: null, resolution: null, registrations: [], submittedBy: null, concludedBy: null, log: [] });

/**
 * The States asked to verify the nationality whose answer is still awaited, with the latest
 * request for each, oldest first: a later confirmation, dispute or verified resolution of that
 * State answers it; a statelessness referral or a stateless outcome closes every track (a new
 * request opens a new one). Read from the log, so commands at the same instant keep their order.
 */
export function outstandingRequests(context: Pick<NationalityContext, 'log'>): Array<{ state: string; at: string }> {
  const open = new Map<string, string>();
  for (const entry of context.log ?? []) {
    if (entry.event === 'REFER_STATELESSNESS' || (entry.event === 'RESOLVE' && !entry.state)) open.clear();
    else if (!entry.state) continue;
    else if (entry.event === 'REQUEST_VERIFICATION') {
      open.delete(entry.state);
      open.set(entry.state, entry.at);
    } else if (entry.event === 'CONFIRM' || entry.event === 'RECORD_DISPUTE' || entry.event === 'RESOLVE') open.delete(entry.state);
  }
  return [...open].map(([state, at]) => ({ state, at }));
}

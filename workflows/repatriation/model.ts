import { z } from 'zod';
import { CaseId, IsoDate, StateCode } from '../caseFile.ts';
import { DnaSafeguards, EVIDENCE_BASIS } from '../nationality/model.ts';
import { freeText, identifying } from '../personal.ts';
import type { RuleContext } from '../rules/types.ts';

/**
 * Repatriation of a person and the family members who travel with them (KP B-GEN2, B-HUM3, C6;
 * WORKFLOWS.md "repatriation"). A plan names its members; PLAN, APPROVE_RETURN, CONFIRM_ARRIVAL
 * and CANCEL move every member's instance together (`joint`), each member's rules checked as
 * its own subject. A State's refusal keeps the case open (`barrier`, KP-RET-04); a pending review
 * suspends the transfer (KP-RET-02); reversals elsewhere return the plan to an earlier state
 * through engine-applied events (BID_ANNULLED, CLEARANCE_WITHDRAWN: KP-SYS-01).
 */

/** Free text about people (repatriation's own, untrimmed). */
export const text = (max = 5000) => freeText(z.string().min(1).max(max));

export const Plan = z.strictObject({ destination: StateCode, withFamily: z.array(CaseId).max(30).default([]) });
export const ConsularContact = z.strictObject({
  state: StateCode,
  date: IsoDate,
  notes: text(),
  /** The State agreed to admit the person (needed for anyone not its verified national: KP-NAT-04). */
  admissionAgreed: z.boolean().optional(),
});
export type ConsularContact = z.infer<typeof ConsularContact>;

export const REFUSAL_GROUNDS = ['security', 'not_a_national', 'nationality_deprived', 'no_documents', 'pending_prosecution', 'capacity', 'other'] as const;
/** Every reason except `reason` is optional in the schema so that KP-RET-04 refuses with its id. */
export const StateRefusal = z.strictObject({
  reason: text(),
  ground: z.enum(REFUSAL_GROUNDS).default('other'),
  legalBasis: text().optional(),
  reviewRoute: text(1000).optional(),
  legitimateAim: text().optional(),
  necessityAndProportionality: text().optional(),
  bestInterests: text().optional(),
});
export type StateRefusal = z.infer<typeof StateRefusal>;

export const IssueDocuments = z.strictObject({
  type: z.enum(['passport', 'laissez_passer', 'emergency_travel_document', 'birth_certificate', 'identity_card', 'other']),
  basis: z.enum(EVIDENCE_BASIS).default('documents'),
  dnaSafeguards: DnaSafeguards.optional(),
  reference: identifying(z.string().max(200)).optional(),
});
export type IssueDocuments = z.infer<typeof IssueDocuments>;

export const NotifyDecision = z.strictObject({ notifiedAt: IsoDate, language: text(100), reviewRightsExplained: z.boolean() });
export const ReviewRequest = z.strictObject({ body: text(500), date: IsoDate, against: z.enum(['state_refusal', 'return_decision', 'other']) });
export const ReviewDecision = z.strictObject({ outcome: z.enum(['upheld', 'annulled', 'withdrawn']), date: IsoDate, reasons: text() });
export const ConfirmArrival = z.strictObject({ date: IsoDate, receivingAgency: text(500) });
export const CANCEL_GROUNDS = ['family_request', 'person_declined', 'risk_identified', 'state_refusal', 'no_documents', 'replanning', 'other'] as const;
export const Cancel = z.strictObject({ reason: text(), ground: z.enum(CANCEL_GROUNDS).default('other') });

export type Stamped<T> = T & { by: string; at: string };

export interface RepatriationContext {
  destination: string | null;
  /** Every case on the plan, the subject included, sorted: the same list on every member's instance. */
  members: string[];
  /** The plan's priority date: kept when an annulled refusal restarts planning (DOMAIN.md §5.16). */
  plannedAt: string | null;
  /** Who drew up the plan, and who last readied it for approval (KP-SYS-03: neither approves it). */
  authoredBy: string | null;
  submittedBy: string | null;
  consularContacts: Array<Stamped<ConsularContact>>;
  refusals: Array<Stamped<StateRefusal>>;
  documents: Array<Stamped<IssueDocuments>>;
  reviews: Array<Stamped<z.infer<typeof ReviewRequest>> & { decision?: Stamped<z.infer<typeof ReviewDecision>> }>;
  /** A review or appeal is pending: the transfer is suspended (KP-RET-02). */
  reviewPending: boolean;
  approvedBy: string | null;
  approvedAt: string | null;
  /** When the person was told of the individual return decision (KP-RET-02). */
  notifiedAt: string | null;
  arrivedAt: string | null;
  receivingAgency: string | null;
  cancellations: Array<Stamped<{ reason: string; ground: string }>>;
  /** Compensating moves applied to this plan (KP-SYS-01), oldest first. */
  reversals: Array<{ cause: string; reason: string; from: string; at: string }>;
}

/** The context of a plan not yet drawn up (also what CANCEL returns to, history kept). */
export const INITIAL_REPATRIATION: RepatriationContext = {
  destination: null,
  members: [],
  plannedAt: null,
  authoredBy: null,
  submittedBy: null,
  consularContacts: [],
  refusals: [],
  documents: [],
  reviews: [],
  reviewPending: false,
  approvedBy: null,
  approvedAt: null,
  notifiedAt: null,
  arrivedAt: null,
  receivingAgency: null,
  cancellations: [],
  reversals: [],
};

/**
 * The plan's members, identical on every member's instance: the subject, the case the command was
 * addressed to (`origin`, on a joint move) and everyone it named.
 */
export function planMembers(ctx: Pick<RuleContext, 'subject' | 'origin'>, withFamily: readonly string[]): string[] {
  return [...new Set([ctx.subject.id, ...(ctx.origin ? [ctx.origin] : []), ...withFamily])].sort();
}

import { z } from 'zod';
import { SHARE_GROUNDS, SharingAgreement } from '../agreements.ts';
import { freeText, plain } from '../personal.ts';
import { RECIPIENT_KINDS, SHAREABLE_FIELDS, type RecipientKind, type ShareableField } from '../sharing.ts';

/** The case as a whole: closure, reopening and external sharing (WORKFLOWS.md "case"). A case is never deleted. */

/**
 * An external share of the record (KP-DATA-01) under a data-sharing agreement (workflows/agreements.ts).
 * `agreementId` and `purpose` may be left out so that the rule, not the schema, refuses the share
 * with its id (WORKFLOWS.md). `agreement` is the agreement as stored: the engine fills it from
 * `agreementId` (replacing whatever a client sent); dry runs without a database may pass it.
 */
export const ShareRecord = z.strictObject({
  agreementId: plain(z.string().min(1).max(100)).optional(),
  agreement: SharingAgreement.optional(),
  /** The recipient, when named: it must be the agreement's. */
  recipient: z.strictObject({ name: freeText(z.string().min(1).max(200)), kind: z.enum(RECIPIENT_KINDS) }).optional(),
  purpose: freeText(z.string().max(2000)).optional(),
  /** Why this person's data goes to a security body: never family links or association for a child (KP-DATA-02). */
  grounds: z.enum(SHARE_GROUNDS).optional(),
  fields: z.array(z.enum(SHAREABLE_FIELDS)).max(SHAREABLE_FIELDS.length),
});
export type ShareRecord = z.infer<typeof ShareRecord>;

/**
 * case.ASSIGN: the users who work the case become exactly `userIds`, members of `teamId` (by
 * default the owning team; another team of the same organisation may be named). Supervisor only.
 */
export const AssignCase = z.strictObject({
  userIds: z.array(plain(z.string().min(1).max(100))).min(1).max(50),
  teamId: plain(z.string().min(1).max(100)).optional(),
});
export type AssignCase = z.infer<typeof AssignCase>;

/**
 * case.TRANSFER: another team owns the case; its assignments end (the new team's supervisor
 * assigns). To another organisation's team it needs `legalBasis` and `purpose` (KP-DATA-01): left
 * optional so that the rule, not the schema, refuses with its id.
 */
export const TransferCase = z.strictObject({
  teamId: plain(z.string().min(1).max(100)),
  reason: freeText(z.string().min(1).max(5000)),
  legalBasis: freeText(z.string().min(1).max(500)).optional(),
  purpose: freeText(z.string().min(1).max(2000)).optional(),
});
export type TransferCase = z.infer<typeof TransferCase>;

/**
 * case.ERASE (docs/erasure.md): destroys the person's data key (crypto-shredding). Proposed by a
 * supervisor, confirmed by a data protection officer. Both fields are free text: they are sealed
 * like the rest, so after the erasure the record keeps who, when and the verdicts, not the words.
 */
export const EraseCase = z.strictObject({
  reason: freeText(z.string().min(1).max(5000)),
  legalBasis: freeText(z.string().min(1).max(500)),
});
export type EraseCase = z.infer<typeof EraseCase>;

export interface CaseContext {
  closures: Array<{ reason: string; by: string; at: string }>;
  reopenings: Array<{ reason: string; by: string; at: string }>;
  /** The sharing log (KP-DATA-01): recipient, basis, purpose and the fields shared. Never the data itself. */
  sharings: Array<{ agreementId: string; recipient: { name: string; kind: RecipientKind }; legalBasis: string; purpose: string; fields: ShareableField[]; by: string; at: string }>;
  /** Who was assigned, when and by whom (ids only); absent on cases from before assignments were commands. */
  assignments?: Array<{ userIds: string[]; teamId: string | null; by: string; at: string }>;
  /** Ownership moves between teams (ids only; the reason stays in the audit record). */
  transfers?: Array<{ teamId: string; legalBasis: string | null; by: string; at: string }>;
  /** The seal (KP-DATA-03, case.SEAL): from then on the record is readable only by the DPO and by break-glass. */
  seal?: { reason: string; by: string; at: string } | null;
  /** The erasure (case.ERASE): who confirmed it and when; its words stay in the audit record, sealed. */
  erasure?: { by: string; at: string } | null;
}

export const initialCaseContext = (): CaseContext => ({ closures: [], reopenings: [], sharings: [] });

import { z } from 'zod';
import { RECIPIENT_KINDS, SHAREABLE_FIELDS, type RecipientKind, type ShareableField } from '../privacy.ts';

/** The case as a whole: closure, reopening and external sharing (WORKFLOWS.md "case"). A case is never deleted. */

/**
 * An external share of the record (KP-DATA-01). `legalBasis`, `dpoApproved` and `purpose` may be
 * left out so that the rule, not the schema, refuses the share with its id (WORKFLOWS.md).
 */
export const ShareRecord = z.strictObject({
  recipient: z.strictObject({ name: z.string().min(1).max(200), kind: z.enum(RECIPIENT_KINDS) }),
  legalBasis: z.string().max(2000).optional(),
  dpoApproved: z.boolean().default(false),
  purpose: z.string().max(2000).optional(),
  fields: z.array(z.enum(SHAREABLE_FIELDS)).max(SHAREABLE_FIELDS.length),
});
export type ShareRecord = z.infer<typeof ShareRecord>;

export interface CaseContext {
  closures: Array<{ reason: string; by: string; at: string }>;
  reopenings: Array<{ reason: string; by: string; at: string }>;
  /** The sharing log (KP-DATA-01): recipient, basis, purpose and the fields shared. Never the data itself. */
  sharings: Array<{ recipient: { name: string; kind: RecipientKind }; legalBasis: string; purpose: string; fields: ShareableField[]; dpoApproved: boolean; by: string; at: string }>;
}

export const initialCaseContext = (): CaseContext => ({ closures: [], reopenings: [], sharings: [] });

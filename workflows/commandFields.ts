import { z } from 'zod';

/** Schema pieces shared by the workflows' command data. */

/** Free text: trimmed, never empty. */
export const text = (max = 5000) => z.string().trim().min(1).max(max);

/**
 * Data of a command WORKFLOWS.md shows without data whose reasons KP-SYS-01 reads: `reason` is
 * optional, and the envelope's justification stands in for it (`reasonOf`).
 */
export const OptionalReason = z.strictObject({ reason: text().optional() });

import { z } from 'zod';
import { freeText } from './personal.ts';

/** Schema pieces shared by the workflows' command data. */

/** Text: trimmed, never empty (classify it where it is used: `freeText(text())`, workflows/personal.ts). */
export const text = (max = 5000) => z.string().trim().min(1).max(max);

/** Free text about people: trimmed, never empty. */
export const words = (max = 5000) => freeText(text(max));

/**
 * Data of a command WORKFLOWS.md shows without data whose reasons KP-SYS-01 reads: `reason` is
 * optional, and the envelope's justification stands in for it (`reasonOf`).
 */
export const OptionalReason = z.strictObject({ reason: words().optional() });

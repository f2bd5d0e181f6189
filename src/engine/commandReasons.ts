import { z } from 'zod';
import { zodIssues, type Issue } from './errors.ts';

/**
 * Command data as WORKFLOWS.md states it: "every command carries an optional `justification`,
 * required where a rule says JUSTIFY", and "a rule that needs data the command lacks refuses with
 * that rule's id rather than guessing". Several commands (REOPEN, CLOSE, RELEASE, COMPLETE,
 * REVIEW...) record their written reasons in `data.reason`; the contract shows some of them with no
 * data at all. So:
 * - a `reason` the data leaves out is taken from the envelope's `justification` (whether the schema
 *   requires it or, for moves in the person's favour that KP-SYS-01 only flags, not);
 * - with neither, a command guarded by KP-SYS-01 (reasoned decisions) is not a 400: its data is
 *   validated without `reason`, and KP-SYS-01 then refuses it with its id (422, audited).
 */
export type ParsedData = { ok: true; data: Record<string, unknown> } | { ok: false; issues: Issue[] };

const REASON = 'reason';
const PLACEHOLDER = 'reason-placeholder';

/** The `reason` field of an object schema (required or optional), or undefined. */
function reasonFieldOf(schema: z.ZodType): z.ZodType | undefined {
  if (!(schema instanceof z.ZodObject)) return undefined;
  return (schema.shape as Record<string, z.ZodType>)[REASON];
}

export function parseCommandData(schema: z.ZodType, rules: readonly string[], raw: Record<string, unknown> | undefined, justification: string | undefined): ParsedData {
  let data: Record<string, unknown> = raw ?? {};
  const field = reasonFieldOf(schema);
  // Only a required reason gets the placeholder treatment below; an optional one (RELEASE, legal
  // CLOSE, COMPLETE, REOPEN ...: KP-SYS-01 flags its absence) is still filled from the justification.
  const reasonField = field && !field.safeParse(undefined).success ? field : undefined;
  const hasReason = data[REASON] !== undefined;
  if (field && !hasReason && justification?.trim() && (reasonField || field.safeParse(justification).success)) data = { ...data, [REASON]: justification };
  const parsed = schema.safeParse(data);
  if (parsed.success) return { ok: true, data: parsed.data as Record<string, unknown> };
  const issues = zodIssues(parsed.error, 'data');
  if (reasonField && data[REASON] === undefined && rules.includes('KP-SYS-01') && parsed.error.issues.every((i) => i.path.length === 1 && i.path[0] === REASON)) {
    // Only the reason is missing: validate the rest, leave the reason out, let KP-SYS-01 refuse.
    const probe = schema.safeParse({ ...data, [REASON]: PLACEHOLDER });
    if (probe.success) {
      const { [REASON]: _placeholder, ...rest } = probe.data as Record<string, unknown>;
      return { ok: true, data: rest };
    }
  }
  return { ok: false, issues };
}

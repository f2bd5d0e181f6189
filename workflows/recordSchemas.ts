import { z } from 'zod';
import { CaseFacts, CaseId, EvidenceId, EvidenceInput, FamilyLink, IsoInstant, PatchCase } from './caseFile.ts';
import { versionsOf, WORKFLOW_KINDS } from './index.ts';
import { freeText, plain } from './personal.ts';

/**
 * The schema of each audit record's data (KP-DATA-01): what the redaction walker reads a record
 * with. A command's record holds its data schema (from the workflow's command table, any version
 * registered); the records the engine writes itself (registration, PATCH, evidence, links,
 * second approvals, compensating moves, migrations) have theirs here. A record whose type has no
 * schema is redacted fail closed (every string hidden as a child's identifying data).
 */

/** Keys the engine adds to a command's recorded data. */
const RecordExtras = {
  /** The case a joint move was addressed to. */
  jointWith: CaseId.optional(),
  /** The user who proposed a second-approved command. */
  proposedBy: plain(z.string().max(64)).optional(),
  /** The record whose command caused this compensating move. */
  causedBy: z.number().optional(),
  /** The proposal a CONFIRM_PENDING / REJECT_PENDING resolved. */
  pendingId: plain(z.string().max(64)).optional(),
};

// Built once per command schema: an export reads thousands of records of a few types, and
// extending a zod object on every read was a tenth of its time.
const extended = new WeakMap<z.ZodType, z.ZodType>();
const withExtras = (schema: z.ZodType): z.ZodType => {
  let out = extended.get(schema);
  if (!out) {
    const def = (schema as unknown as { _zod: { def: { type: string } } })._zod.def;
    out = def.type === 'object' ? (schema as z.ZodObject).extend(RecordExtras) : schema;
    extended.set(schema, out);
  }
  return out;
};

const reasonOnly = z.strictObject({ reason: freeText(z.string()).optional() });

/** The records the engine writes itself, by type (`workflow` any unless the key says `case.`). */
export const ENGINE_RECORDS: Readonly<Record<string, z.ZodType>> = {
  'case.CASE_REGISTERED': z.strictObject({ facts: CaseFacts, familyLinks: z.array(FamilyLink) }),
  'case.FACTS_UPDATED': PatchCase,
  'case.EVIDENCE_ADDED': EvidenceInput.extend({ id: EvidenceId, recordedAt: IsoInstant.optional() }),
  'case.FAMILY_LINKS_UPDATED': z.strictObject({ linkedCase: CaseId, removed: z.boolean() }),
  CONFIRM_PENDING: z.strictObject({ pendingId: plain(z.string().max(64)).optional(), reason: freeText(z.string()).optional() }),
  REJECT_PENDING: z.strictObject({ pendingId: plain(z.string().max(64)).optional(), reason: freeText(z.string()).optional() }),
  /** Compensating moves (KP-SYS-01): the reason is the causing command's words. */
  BID_ANNULLED: reasonOnly.extend(RecordExtras),
  CLEARANCE_WITHDRAWN: reasonOnly.extend(RecordExtras),
  REFERRAL_ANNULLED: reasonOnly.extend(RecordExtras),
  /** A workflow migration: versions and a state-to-state mapping (state names, not data about anyone). */
  WORKFLOW_MIGRATED: z.strictObject({ from: z.number(), to: z.number(), mapping: z.record(z.string(), plain(z.string())) }),
};

/** The schema of a record's data, or undefined when none describes it (redacted fail closed). */
export function recordSchema(workflow: string, type: string): z.ZodType | undefined {
  const engine = ENGINE_RECORDS[`${workflow}.${type}`] ?? ENGINE_RECORDS[type];
  if (engine) return engine;
  // Newest version first: a record keeps the schema of the version that wrote it, and versions rarely rename fields.
  for (const def of [...versionsOf(workflow)].reverse()) {
    const spec = def.commands[type];
    if (spec) return withExtras(spec.data);
  }
  return undefined;
}

/** Every schema a record's data may have, named (`case.CASE_REGISTERED`, `legal v1 CHARGE`): what the classification test walks. */
export function allRecordSchemas(): Array<{ name: string; schema: z.ZodType }> {
  const commands = WORKFLOW_KINDS.flatMap((kind) => versionsOf(kind).flatMap((def) => Object.entries(def.commands).map(([type, spec]) => ({ name: `${kind} v${def.version} ${type}`, schema: spec.data as z.ZodType }))));
  return [...Object.entries(ENGINE_RECORDS).map(([name, schema]) => ({ name, schema })), ...commands];
}

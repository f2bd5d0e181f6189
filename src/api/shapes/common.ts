import { z } from 'zod';

/**
 * Pieces shared by the documented answers (src/api/answers.ts): verdicts, workflow states, pages,
 * the error shape and the audit log's proofs. Objects are loose: a reader may find more fields
 * than are listed (docs/contract-notes.md).
 */

export const Verdict = z.looseObject({ rule: z.string(), ok: z.boolean(), severity: z.string(), reason: z.string(), principle: z.string() }).describe('a Verdict (components.schemas.Verdict)');

export const WorkflowState = z.looseObject({
  workflow: z.string(),
  kind: z.string(),
  instance: z.string(),
  state: z.string(),
  outcome: z.string().nullable(),
});

export const Actor = z.looseObject({ id: z.string(), roles: z.array(z.string()) });

export const page = <T extends z.ZodType>(item: T) => z.looseObject({ items: z.array(item), nextCursor: z.string().nullable().optional() });
export const list = <T extends z.ZodType>(item: T) => z.looseObject({ items: z.array(item) });

/** The one error shape (components.schemas.Error). */
export const ErrorBody = z.object({ error: z.looseObject({ code: z.string(), message: z.string(), details: z.unknown().optional() }) });

/** A page's body (HTML) or a text answer. */
export const Text = z.string();

const Cosignature = z.looseObject({ witness: z.string(), vkey: z.string(), line: z.string().describe('C2SP tlog-cosignature line'), at: z.string() });

export const Checkpoint = z.looseObject({
  origin: z.string(),
  size: z.number().int().describe('records covered'),
  rootHash: z.string().describe('hex SHA-256 Merkle root (RFC 9162)'),
  time: z.string(),
  note: z.string().describe('the C2SP signed note'),
  cosignatures: z.array(Cosignature),
});

export const InclusionProof = z.looseObject({
  seq: z.number().int(),
  leafIndex: z.number().int(),
  treeSize: z.number().int(),
  leafHash: z.string(),
  rootHash: z.string(),
  proof: z.array(z.string()).describe('hex hashes, leaf to root'),
  checkpoint: Checkpoint.nullable().describe('the signed checkpoint at treeSize, when there is one'),
});

export const ConsistencyProof = z.looseObject({ from: z.number().int(), to: z.number().int(), fromRoot: z.string(), toRoot: z.string(), proof: z.array(z.string()) });

/** What tools/audit-verify.mjs checks offline: records, their inclusion proofs and the signed notes they rest on. */
export const ProofBundle = z.looseObject({
  format: z.literal('kp-audit-proof-bundle/v2'),
  verifier: z.string().describe('how to check it'),
  key: z.looseObject({ vkey: z.string() }),
  checkpoint: z.looseObject({ size: z.number().int(), rootHash: z.string(), time: z.string(), note: z.string() }),
  cosignatures: z.array(z.looseObject({ witness: z.string(), vkey: z.string(), line: z.string() })),
  caseRecords: z.looseObject({ caseId: z.string(), from: z.number().int(), to: z.number().int(), note: z.string() }),
  records: z.array(z.looseObject({ seq: z.number().int(), leafIndex: z.number().int(), proof: z.array(z.string()), hashed: z.looseObject({ seq: z.number().int() }) })),
});

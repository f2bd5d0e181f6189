import { z } from 'zod';
import { Actor, ProofBundle, Verdict, WorkflowState, page } from './common.ts';

/** Answers about cases: the case file, commands, history, evidence, reads, dossiers, break-glass, dry runs. */

const Available = z.looseObject({ workflow: z.string(), instance: z.string(), type: z.string(), allowed: z.boolean(), verdicts: z.array(Verdict) }).describe('a command available now, with the verdicts it would get');

export const CaseFile = z.looseObject({
  id: z.string(),
  reference: z.string().describe('KP-<year>-<number>'),
  version: z.number().int().describe('the case version, for If-Match'),
  createdAt: z.string(),
  updatedAt: z.string(),
  person: z.looseObject({}).describe('the person as registered; redacted by role (docs/field-classification.md)'),
  location: z.looseObject({}).nullable().optional(),
  familyLinks: z.array(z.looseObject({})).optional(),
  child: z.union([z.boolean(), z.literal('[erased]')]).describe('a child with the benefit of the doubt (KP-AGE-04); `[erased]` once the person was erased (no longer known)'),
  accompaniment: z.unknown().optional(),
  evidence: z.array(z.looseObject({ id: z.string() })).optional(),
  workflows: z.array(WorkflowState),
  pending: z.array(z.looseObject({ id: z.string() })).optional().describe('commands waiting for a second approver'),
  next: z.array(Available).optional(),
  redacted: z.boolean().optional().describe('whether anything was hidden from the reader'),
  redactedFields: z.array(z.string()).optional(),
});

export const CaseListItem = z.looseObject({ id: z.string(), reference: z.string(), version: z.number().int(), child: z.union([z.boolean(), z.literal('[erased]')]), workflows: z.array(WorkflowState) });

export const CommandAnswer = z.looseObject({
  caseId: z.string(),
  workflow: z.string(),
  instance: z.string(),
  state: z.string().describe('the instance state after the command'),
  version: z.number().int(),
  auditSeq: z.number().int().describe('the audit record of the command'),
  verdicts: z.array(Verdict),
});

export const AuditRecord = z.looseObject({
  seq: z.number().int(),
  at: z.string(),
  caseId: z.string().nullable(),
  workflow: z.string(),
  instance: z.string(),
  actor: Actor,
  type: z.string(),
  result: z.string().describe('applied, refused, pending, invalid, …'),
  verdicts: z.array(Verdict),
  hash: z.string(),
  prevHash: z.string(),
});

export const History = page(AuditRecord).extend({ proofs: ProofBundle.optional().describe('with `proofs=true`') });

export const Task = z.looseObject({
  kind: z.string(),
  role: z.string(),
  caseId: z.string(),
  workflow: z.string(),
  instance: z.string(),
  due: z.string().nullable().describe('null: no deadline'),
  rule: z.string().optional(),
  summary: z.string(),
  overdue: z.boolean(),
  priority: z.enum(['normal', 'high', 'urgent']).optional(),
  heldSince: z.string().optional(),
});

export const Evidence = z.looseObject({
  id: z.string(),
  kind: z.string(),
  summary: z.string(),
  recordedAt: z.string(),
  recordedBy: z.string(),
  version: z.number().int().describe('the case version after the item'),
  auditSeq: z.number().int(),
}).describe('the evidence item as stored, with the new case version');

export const Read = z.looseObject({ id: z.number().int(), at: z.string(), actorId: z.string(), roles: z.array(z.string()), caseId: z.string(), route: z.string(), purpose: z.string() });

export const Dossier = z.looseObject({
  caseId: z.string(),
  reference: z.string(),
  agreement: z.looseObject({ id: z.string(), recipient: z.looseObject({ name: z.string(), kind: z.string() }), legalBasis: z.string(), validTo: z.string() }),
  purpose: z.string(),
  fields: z.array(z.string()),
  disclosedAt: z.string(),
  disclosedBy: z.string(),
  auditSeq: z.number().int().describe('the SHARE_RECORD audit record'),
  content: z.record(z.string(), z.unknown()).describe("only the agreement's fields"),
  proofs: ProofBundle.optional().describe('the disclosure record in the signed log'),
});

export const BreakGlass = z.looseObject({
  id: z.number().int(),
  caseId: z.string(),
  userId: z.string(),
  openedAt: z.string(),
  expiresAt: z.string(),
  auditSeq: z.number().int(),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  active: z.boolean(),
});

const TraceStep = z.looseObject({
  index: z.number().int(),
  case: z.string(),
  caseId: z.string(),
  workflow: z.string(),
  instance: z.string(),
  type: z.string(),
  actor: Actor,
  at: z.string(),
  before: z.string().nullable(),
  after: z.string().nullable(),
  outcome: z.string().nullable(),
  result: z.string().describe('applied, refused, pending, invalid, …'),
  verdicts: z.array(Verdict),
  failed: z.array(z.string()).describe('the refusing rules'),
  pending: z.looseObject({ id: z.string(), requiredRole: z.string() }).optional(),
  error: z.looseObject({ code: z.string(), message: z.string() }).optional(),
  auditSeq: z.number().int().optional(),
  status: z.number().int().describe('the HTTP status the command would have been answered with'),
});

export const Trace = z.looseObject({
  at: z.string(),
  hypothetical: z.boolean(),
  steps: z.array(TraceStep),
  cases: z.array(z.looseObject({ ref: z.string(), id: z.string(), reference: z.string(), workflows: z.array(WorkflowState) })).describe('every case of the run as it stood at the end (nothing kept)'),
});

/** GET /ui/cases/:id/history.json: the decision history as the reviewer may read it, with its proofs. */
export const CaseExport = z.looseObject({
  exportedAt: z.string(),
  exportedBy: Actor,
  case: z.looseObject({ id: z.string(), reference: z.string(), version: z.number().int(), child: z.boolean(), workflows: z.array(WorkflowState), redacted: z.boolean() }),
  // The records as stored: a structured verdict has its code and params, no rendered reason.
  records: z.array(AuditRecord.extend({ verdicts: z.array(Verdict.partial({ reason: true })) })),
  proofs: ProofBundle,
});

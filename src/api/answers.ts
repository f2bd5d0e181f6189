import { z } from 'zod';

/**
 * What the main routes answer on success, for the API reference (OpenAPI, /docs, docs/api.md).
 * Documentation only — routes are not serialized through these (a drift would become a 500) —
 * and kept honest by test/api/openapi.test.ts, which parses real answers with them. Objects are
 * loose: a reader may find more fields than are listed (API.md's additions, docs/contract-notes.md).
 */

const Verdict = z.looseObject({ rule: z.string(), ok: z.boolean(), severity: z.string(), reason: z.string(), principle: z.string() }).describe('a Verdict (components.schemas.Verdict)');

const WorkflowState = z.looseObject({
  workflow: z.string(),
  kind: z.string(),
  instance: z.string(),
  state: z.string(),
  outcome: z.string().nullable(),
});

const CaseFile = z.looseObject({
  id: z.string(),
  reference: z.string().describe('KP-<year>-<number>'),
  version: z.number().int().describe('the case version, for If-Match'),
  createdAt: z.string(),
  updatedAt: z.string(),
  person: z.looseObject({}).describe('the person as registered; redacted by role (docs/field-classification.md)'),
  child: z.union([z.boolean(), z.literal('[erased]')]).describe('a child with the benefit of the doubt (KP-AGE-04); `[erased]` once the person was erased (no longer known)'),
  workflows: z.array(WorkflowState),
});

const CaseListItem = z.looseObject({ id: z.string(), reference: z.string(), version: z.number().int(), child: z.union([z.boolean(), z.literal('[erased]')]), workflows: z.array(WorkflowState) });

const CommandAnswer = z.looseObject({
  caseId: z.string(),
  workflow: z.string(),
  instance: z.string(),
  state: z.string().describe('the instance state after the command'),
  version: z.number().int(),
  auditSeq: z.number().int().describe('the audit record of the command'),
  verdicts: z.array(Verdict),
});

const AuditRecord = z.looseObject({
  seq: z.number().int(),
  at: z.string(),
  caseId: z.string().nullable(),
  workflow: z.string(),
  instance: z.string(),
  actor: z.looseObject({ id: z.string(), roles: z.array(z.string()) }),
  type: z.string(),
  result: z.string().describe('applied, refused, pending, invalid, …'),
  verdicts: z.array(Verdict),
  hash: z.string(),
  prevHash: z.string(),
});

const Task = z.looseObject({ kind: z.string(), role: z.string(), caseId: z.string(), workflow: z.string(), due: z.string(), rule: z.string().optional(), overdue: z.boolean() });

const page = <T extends z.ZodType>(item: T) => z.looseObject({ items: z.array(item), nextCursor: z.string().nullable().optional() });

/** Success answers per route (`METHOD path` as fastify names it) and status. */
export const ANSWERS: Readonly<Record<string, Readonly<Record<number, { description: string; schema: z.ZodType }>>>> = {
  'POST /v1/cases': { 201: { description: 'the registered case file', schema: CaseFile } },
  'GET /v1/cases': { 200: { description: 'a page of cases', schema: page(CaseListItem) } },
  'GET /v1/cases/:id': { 200: { description: 'the case file, its workflows and the commands available now', schema: CaseFile } },
  'PATCH /v1/cases/:id': { 200: { description: 'the updated case file', schema: CaseFile } },
  'POST /v1/cases/:id/commands': {
    200: { description: 'applied (`applied: true`)', schema: CommandAnswer.extend({ applied: z.literal(true), outcome: z.string().optional(), members: z.array(z.string()).optional() }) },
    202: { description: 'waiting for a second approver (2ND): `pending.id` and the role it needs', schema: CommandAnswer.extend({ applied: z.literal(false), pending: z.looseObject({ id: z.string(), requiredRole: z.string() }) }) },
  },
  'GET /v1/cases/:id/history': { 200: { description: "the case's audit records, oldest first (`nextCursor` when paged)", schema: page(AuditRecord) } },
  'GET /v1/audit': { 200: { description: 'a page of audit records', schema: page(AuditRecord) } },
  'GET /v1/tasks': { 200: { description: 'a page of tasks due, in the reader\'s scope', schema: page(Task) } },
};

/** The OpenAPI form of a route's documented answers, or undefined for a route without any. */
export function answersOf(method: string, url: string): Record<string, { description: string; content: { 'application/json': { schema: unknown } } }> | undefined {
  const answers = ANSWERS[`${method} ${url}`];
  if (!answers) return undefined;
  return Object.fromEntries(
    Object.entries(answers).map(([status, a]) => {
      const { $schema: _s, ...schema } = z.toJSONSchema(a.schema, { target: 'openapi-3.0', unrepresentable: 'any' }) as Record<string, unknown>;
      return [status, { description: a.description, content: { 'application/json': { schema } } }];
    }),
  );
}

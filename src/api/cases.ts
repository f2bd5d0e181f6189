import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { EvidenceInput, LOCATION_KINDS } from '../../workflows/caseFile.ts';
import { COMMAND_ROLES, requireRole } from '../auth/plugin.ts';
import { CASE_ROLES } from '../../workflows/access.ts';
import { CommandInput } from '../engine/commands.ts';
import { PatchCase, RegisterCase } from '../engine/cases.ts';
import type { Services } from '../services.ts';
import { answerOf } from './errors.ts';
import { BoolQuery, CaseIdParams, IfMatchOptional, IfMatchRequired, Limit } from './schemas.ts';
import { REDACTED_RECORDS_NOTE } from './redaction.ts';

/** Cases, evidence, commands and per-case history (API.md "Resources"). */
export const casesRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { cases, commits, queries, privacy } = services;

  app.post('/cases', {
    schema: { tags: ['cases'], summary: 'Register a person', body: RegisterCase },
    preValidation: requireRole('caseworker'),
  }, async (request, reply) => reply.code(201).send(cases.register(request.body, request.actor)));

  app.get('/cases', {
    schema: {
      tags: ['cases'],
      summary: 'List cases (cursor-paginated)',
      querystring: z.strictObject({
        workflow: z.string().max(64).optional(),
        state: z.string().max(64).optional(),
        outcome: z.string().max(64).optional(),
        nationality: z.string().regex(/^[A-Za-z]{2}$/, 'ISO 3166 alpha-2').transform((v) => v.toUpperCase()).optional(),
        location: z.union([z.enum(LOCATION_KINDS), z.string().max(200)]).optional(),
        child: BoolQuery.optional(),
        q: z.string().max(200).optional(),
        cursor: z.string().max(200).optional(),
        limit: Limit,
      }),
    },
    preValidation: requireRole(...CASE_ROLES),
  }, async (request) => queries.listCases(request.query, request.actor));

  app.get('/cases/:id', {
    schema: { tags: ['cases'], summary: 'A case file with workflow states and the commands available now', params: CaseIdParams },
    preValidation: requireRole(...CASE_ROLES),
  }, async (request) => privacy.readFor(request.actor, request.params.id, { route: 'GET /v1/cases/:id', purpose: 'case_file' }));

  app.patch('/cases/:id', {
    schema: { tags: ['cases'], summary: 'Update facts (If-Match required)', params: CaseIdParams, headers: IfMatchRequired, body: PatchCase },
    preValidation: requireRole('caseworker'),
  }, async (request) => cases.patch(request.params.id, request.body, request.headers['if-match'], request.actor));

  app.post('/cases/:id/evidence', {
    schema: { tags: ['cases'], summary: 'Add an evidence item (append-only)', params: CaseIdParams, headers: IfMatchOptional, body: EvidenceInput },
    preValidation: requireRole('caseworker', 'legal_officer'),
  }, async (request, reply) => reply.code(201).send(cases.addEvidence(request.params.id, request.body, request.actor, request.headers['if-match'])));

  app.post('/cases/:id/commands', {
    schema: { tags: ['commands'], summary: 'Advance a workflow', params: CaseIdParams, headers: IfMatchRequired, body: CommandInput },
    preValidation: requireRole(...COMMAND_ROLES),
  }, async (request, reply) => {
    // Answered once the command's group commit is on disk.
    const answer = answerOf(await commits.submit({
      ...request.body,
      caseId: request.params.id,
      actor: { id: request.actor.id, roles: request.actor.roles },
      ifMatch: request.headers['if-match'],
      ...(request.headers['idempotency-key'] ? { idempotencyKey: request.headers['idempotency-key'] } : {}),
    }));
    return reply.code(answer.status).send(answer.body);
  });

  app.get('/cases/:id/history', {
    schema: {
      tags: ['audit'],
      summary: "The case's audit records, oldest first; a child's identifying data redacted for reviewer, policy, admin (redacted records cannot be re-hashed by the client)",
      description: REDACTED_RECORDS_NOTE,
      params: CaseIdParams,
      // Paging is optional: without `limit` every record comes back (the contract's answer).
      querystring: z.strictObject({
        proofs: z.enum(['true', 'false']).optional(),
        cursor: z.coerce.number().int().min(0).optional(),
        limit: z.coerce.number().int().min(1).max(1000).optional(),
      }),
    },
    preValidation: requireRole(...CASE_ROLES),
  }, async (request) => {
    const { cursor, limit } = request.query;
    const { items, more } = privacy.historyFor(request.actor, request.params.id, { route: 'GET /v1/cases/:id/history', purpose: 'case_history' }, { ...(cursor !== undefined ? { afterSeq: cursor } : {}), ...(limit ? { limit } : {}) });
    const page = limit ? { items, nextCursor: more ? String(items.at(-1)?.seq) : null } : { items };
    // `proofs=true`: a proof bundle (issue 15.5) beside the records, for offline verification.
    // The bundle's signed list of the case's records covers this page's range (to the checkpoint on the last page).
    return request.query.proofs === 'true' ? { ...page, proofs: services.proofs.bundle(items, { caseId: request.params.id, fromSeq: (cursor ?? 0) + 1, complete: !more }) } : page;
  });

  app.get('/cases/:id/reads', {
    schema: {
      tags: ['audit'],
      summary: "Who read this child's record, when, through which route and for what purpose (KP-DATA-01), oldest first",
      params: CaseIdParams,
      querystring: z.strictObject({ after: z.coerce.number().int().min(0).optional(), limit: Limit }),
    },
    // Oversight roles; an admin reads nothing of a case, its read log included (docs/access.md).
    preValidation: requireRole('reviewer', 'data_protection_officer'),
  }, async (request) => privacy.reads(request.params.id, request.query, request.actor));
};

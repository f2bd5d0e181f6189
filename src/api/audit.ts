import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole } from '../auth/plugin.ts';
import type { Services } from '../services.ts';
import { REDACTED_RECORDS_NOTE } from './redaction.ts';
import { Instant, Limit } from './schemas.ts';

/** Audit records across cases and chain verification (reviewer, admin). */
export const auditRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  app.get('/audit', {
    schema: {
      tags: ['audit'],
      summary: "Audit records across cases (a child's identifying data redacted; redacted records cannot be re-hashed by the client)",
      description: REDACTED_RECORDS_NOTE,
      querystring: z.strictObject({
        actor: z.string().max(100).optional(),
        rule: z.string().regex(/^KP-[A-Z]+-\d{2}$/, 'a rule id such as KP-CHILD-02').optional(),
        result: z.enum(['applied', 'refused', 'pending']).optional(),
        workflow: z.string().max(64).optional(),
        caseId: z.string().max(64).optional(),
        from: Instant('start').optional(),
        to: Instant('end').optional(),
        after: z.coerce.number().int().min(0).optional(),
        /** The same cursor as `after` (the `nextCursor` of the previous page), under the name `GET /v1/cases` uses. */
        cursor: z.coerce.number().int().min(0).optional(),
        limit: Limit,
      }),
    },
    preValidation: requireRole('reviewer', 'admin'),
  }, async (request) => {
    const { after, cursor, limit, ...filter } = request.query;
    const afterSeq = after ?? cursor;
    const { items, more } = services.privacy.auditFor(request.actor, { ...filter, ...(afterSeq !== undefined ? { afterSeq } : {}), limit }, { route: 'GET /v1/audit', purpose: 'audit_records' });
    return { items, nextCursor: more ? String(items.at(-1)?.seq) : null };
  });

  app.get('/audit/verify', {
    schema: { tags: ['audit'], summary: 'Recompute the hash chain (on the stored records, never on redacted copies)' },
    preValidation: requireRole('reviewer', 'admin'),
  }, async () => services.queries.verify());
};

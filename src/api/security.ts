import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole } from '../auth/plugin.ts';
import { SECURITY_EVENT_KINDS } from '../engine/securityLog.ts';
import type { Services } from '../services.ts';
import { Limit } from './schemas.ts';

/** The security log (reviewer, data protection officer, admin: it holds no case content and never a token). */
export const securityRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  app.get('/security-events', {
    schema: {
      tags: ['security'],
      summary: 'Failed authentications, 403s, rate limits, break-glass and audit forks, newest first (a token prefix at most, never a token)',
      querystring: z.strictObject({
        kind: z.enum(SECURITY_EVENT_KINDS).optional(),
        /** The `nextCursor` of the previous page. */
        cursor: z.coerce.number().int().min(1).optional(),
        limit: Limit,
      }),
    },
    preValidation: requireRole('reviewer', 'data_protection_officer', 'admin'),
  }, async (request) => {
    const { kind, cursor, limit } = request.query;
    const rows = services.security.list({ kind, beforeId: cursor, limit: limit + 1 });
    const items = rows.slice(0, limit);
    return { items, nextCursor: rows.length > limit ? String(items.at(-1)!.id) : null };
  });
};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principles } from '../../workflows/principles.ts';
import { ROLES } from '../../workflows/roles.ts';
import { RULES, principleRef } from '../../workflows/rules/registry.ts';
import { ALL_ROLES, requireRole } from '../auth/plugin.ts';
import { CASE_ROLES } from '../../workflows/access.ts';
import { TASK_PAGE } from '../engine/queries.ts';
import { notFound } from '../engine/errors.ts';
import type { Services } from '../services.ts';

/** The rules catalogue, the principles and the tasks waiting on each role. */
export const catalogueRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  app.get('/rules', {
    schema: {
      tags: ['rules'],
      summary: 'The rules catalogue; with `hash`, the rule set an audit record names as `rulesetHash` (decision logic source, jurisdiction data and settings then in force)',
      querystring: z.strictObject({ hash: z.string().regex(/^[0-9a-f]{64}$/, 'a rulesetHash: 64 hex digits').optional() }),
    },
    preValidation: requireRole(...ALL_ROLES),
  }, async (request) => {
    if (request.query.hash) {
      const ruleset = services.rulesets(request.query.hash);
      if (!ruleset) throw notFound(`rule set ${request.query.hash}`);
      return ruleset;
    }
    return { items: RULES.map((r) => ({ id: r.id, summary: r.summary, severity: r.severity, principles: r.principles, principle: r.principles[0], reference: principleRef(r) })) };
  });

  app.get('/principles', { schema: { tags: ['rules'], summary: 'The Key Principles catalogue' }, preValidation: requireRole(...ALL_ROLES) }, async () => ({
    items: [...principles.values()],
  }));

  app.get('/tasks', {
    schema: {
      tags: ['tasks'],
      summary: 'Work waiting on a role, soonest due first',
      querystring: z.strictObject({
        role: z.enum(ROLES).optional(),
        cursor: z.string().max(200).optional(),
        limit: z.coerce.number().int().min(1).max(500).default(TASK_PAGE),
      }),
    },
    // Only tasks of cases in the caller's scope; an admin reads no case content (403).
    preValidation: requireRole(...CASE_ROLES),
  }, async (request) => services.queries.tasks(request.query.role, { cursor: request.query.cursor, limit: request.query.limit }, request.actor));
};

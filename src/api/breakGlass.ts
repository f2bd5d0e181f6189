import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BREAK_GLASS_ROLES, CASE_ROLES } from '../../workflows/access.ts';
import { requireRole } from '../auth/plugin.ts';
import { MIN_JUSTIFICATION } from '../engine/breakGlass.ts';
import type { Services } from '../services.ts';
import { CaseIdParams } from './schemas.ts';

/** The one route of a case that a caller outside its scope reaches: opening it by break-glass (the case-scope hook lets it through). */
export const BREAK_GLASS_OPEN = '/v1/cases/:id/break-glass';

/** Break-glass (issue 10.3, docs/access.md): emergency access to a case outside one's scope, bounded, audited and reviewed. */
export const breakGlassRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { breakGlass } = services;
  app.post('/cases/:id/break-glass', {
    schema: {
      tags: ['access'],
      summary: `Open a case outside your scope in an emergency (supervisor, legal_officer): access for BREAK_GLASS_HOURS (default 24), audited BREAK_GLASS, in the security log, reviewed by a supervisor of the owning team`,
      params: CaseIdParams,
      body: z.strictObject({ justification: z.string().trim().min(MIN_JUSTIFICATION, `at least ${MIN_JUSTIFICATION} characters: why the case must be opened now`).max(5000) }),
    },
    preValidation: requireRole(...BREAK_GLASS_ROLES),
  }, async (request, reply) => reply.code(201).send(breakGlass.open(request.params.id, request.body.justification, request.actor, 'POST /v1/cases/:id/break-glass')));

  app.get('/cases/:id/break-glass', {
    schema: { tags: ['access'], summary: 'The break-glass grants on a case, with their expiry and review', params: CaseIdParams },
    preValidation: requireRole(...CASE_ROLES),
  }, async (request) => ({ items: breakGlass.list(request.params.id, request.actor) }));

  app.post('/cases/:id/break-glass/:breakGlassId/review', {
    schema: {
      tags: ['access'],
      summary: 'Mark a break-glass opening reviewed (a supervisor of the owning team other than the opener; audited BREAK_GLASS_REVIEWED)',
      params: CaseIdParams.extend({ breakGlassId: z.coerce.number().int().min(1) }),
    },
    preValidation: requireRole('supervisor'),
  }, async (request) => breakGlass.review(request.params.id, request.params.breakGlassId, request.actor));
};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { describeRuleSet, proposedRuleSets } from '../../workflows/ruleSets.ts';
import { ALL_ROLES, requireRole } from '../auth/plugin.ts';
import { ImpactRequest } from '../engine/impact.ts';
import { impactAnalysis } from '../scenarios/impact.ts';
import type { Services } from '../services.ts';

/**
 * Impact analysis for policy staff: which recorded decisions (or scenario steps) a proposed
 * settings change, jurisdiction version or rule set would change. Reads only; the answer names
 * cases by reference, never by id or name.
 */
export const impactRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  app.post('/impact', {
    schema: {
      tags: ['policy'],
      summary: 'Replay the recorded commands (all cases, some, or the scenario files) under the law in force and a proposed one; report every command whose verdict or outcome changes, grouped by rule. Nothing is written',
      body: ImpactRequest,
    },
    preValidation: requireRole('policy'),
  }, async (request) => impactAnalysis(services.repos, request.body));

  app.get('/rule-sets', {
    schema: { tags: ['policy'], summary: 'Proposed rule sets (machine versions and rules registered, not in force) that impact analysis can replay' },
    preValidation: requireRole(...ALL_ROLES),
  }, async () => ({ items: proposedRuleSets().map(describeRuleSet) }));
};

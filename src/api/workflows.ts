import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { describeWorkflow } from '../../workflows/describe.ts';
import { allLatest, versionsOf } from '../../workflows/index.ts';
import { ALL_ROLES, requireRole } from '../auth/plugin.ts';
import { notFound } from '../engine/errors.ts';

/** Workflow definitions: states, events, the rules guarding each transition, versions. */
export const workflowRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/workflows', { schema: { tags: ['workflows'], summary: 'Every workflow definition' }, preHandler: requireRole(...ALL_ROLES) }, async () => ({
    items: allLatest().map((d) => describeWorkflow(d, versionsOf(d.kind).map((v) => v.version))),
  }));

  app.get('/workflows/:kind', {
    schema: { tags: ['workflows'], summary: 'One workflow definition', params: z.strictObject({ kind: z.string().max(64) }) },
    preHandler: requireRole(...ALL_ROLES),
  }, async (request) => {
    const versions = versionsOf(request.params.kind);
    const newest = versions.at(-1);
    if (!newest) throw notFound(`workflow ${request.params.kind}`);
    return describeWorkflow(newest, versions.map((v) => v.version));
  });
};

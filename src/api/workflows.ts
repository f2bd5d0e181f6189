import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { diagramOf, mermaid } from '../../workflows/diagram.ts';
import { describeWorkflow } from '../../workflows/describe.ts';
import { allLatest, definitionOf, versionsOf } from '../../workflows/index.ts';
import { ALL_ROLES, requireRole } from '../auth/plugin.ts';
import { notFound } from '../engine/errors.ts';

/** Workflow definitions: states, events, the rules guarding each transition, versions. */
export const workflowRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/workflows', { schema: { tags: ['workflows'], summary: 'Every workflow definition' }, preValidation: requireRole(...ALL_ROLES) }, async () => ({
    items: allLatest().map((d) => describeWorkflow(d, versionsOf(d.kind).map((v) => v.version))),
  }));

  app.get('/workflows/:kind', {
    schema: { tags: ['workflows'], summary: 'One workflow definition', params: z.strictObject({ kind: z.string().max(64) }) },
    preValidation: requireRole(...ALL_ROLES),
  }, async (request) => {
    const versions = versionsOf(request.params.kind);
    const newest = versions.at(-1);
    if (!newest) throw notFound(`workflow ${request.params.kind}`);
    return describeWorkflow(newest, versions.map((v) => v.version));
  });

  app.get('/workflows/:kind/diagram', {
    schema: {
      tags: ['workflows'],
      summary: 'The machine as a diagram: Mermaid stateDiagram-v2 (text) or nodes and edges (JSON); edges name their event and guarding rules',
      params: z.strictObject({ kind: z.string().max(64) }),
      querystring: z.strictObject({ format: z.enum(['mermaid', 'json']).default('mermaid'), version: z.coerce.number().int().min(1).max(10_000).optional() }),
    },
    preValidation: requireRole(...ALL_ROLES),
  }, async (request, reply) => {
    const { kind } = request.params;
    const { format, version } = request.query;
    const def = version === undefined ? versionsOf(kind).at(-1) : definitionOf(kind, version);
    if (!def) throw notFound(`workflow ${kind}${version === undefined ? '' : ` v${version}`}`);
    if (format === 'json') return diagramOf(def);
    return reply.type('text/plain; charset=utf-8').send(mermaid(def));
  });
};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES } from '../../workflows/roles.ts';
import { requireRole } from '../auth/plugin.ts';
import { createUser } from '../auth/tokens.ts';
import type { Services } from '../services.ts';

/** Users and tokens (admin). A token is shown once, at creation. */
export const userRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  app.post('/users', {
    schema: {
      tags: ['users'],
      summary: 'Create a user and print its token once',
      // `roles` (one or more); a single `role`, as the CLI's --role, is accepted too.
      body: z
        .strictObject({ name: z.string().min(1).max(200), roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length).optional(), role: z.enum(ROLES).optional() })
        .refine((b) => b.roles !== undefined || b.role !== undefined, { message: 'name one or more roles', path: ['roles'] }),
    },
    preValidation: requireRole('admin'),
  }, async (request, reply) => {
    const roles = [...new Set([...(request.body.roles ?? []), ...(request.body.role ? [request.body.role] : [])])];
    return reply.code(201).send(createUser(services.repos, request.body.name, roles, services.clock.now()));
  });

  app.get('/users', { schema: { tags: ['users'], summary: 'List users (no tokens)' }, preValidation: requireRole('admin') }, async () => ({
    items: services.repos.users.list(),
  }));
};

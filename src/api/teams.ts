import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole } from '../auth/plugin.ts';
import type { Services } from '../services.ts';

const TeamParams = z.strictObject({ id: z.string().min(1).max(100) });
const MemberParams = z.strictObject({ id: z.string().min(1).max(100), userId: z.string().min(1).max(100) });

/** Teams own cases (need-to-know scope, docs/access.md); admins manage them, every change audited (workflow `access`). */
export const teamRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const { teams } = services;
  app.post('/teams', {
    schema: {
      tags: ['teams'],
      summary: 'Create a team (audited TEAM_CREATED); `organisation` decides whether a case transfer crosses organisations (KP-DATA-01)',
      body: z.strictObject({ name: z.string().trim().min(1).max(200), organisation: z.string().trim().min(1).max(200).optional() }),
    },
    preValidation: requireRole('admin'),
  }, async (request, reply) => reply.code(201).send(teams.create(request.body, request.actor)));

  app.get('/teams', { schema: { tags: ['teams'], summary: 'Teams with their members (user ids)' }, preValidation: requireRole('admin', 'supervisor') }, async () => ({ items: teams.list() }));

  app.get('/teams/:id', { schema: { tags: ['teams'], summary: 'One team with its members (user ids)', params: TeamParams }, preValidation: requireRole('admin', 'supervisor') }, async (request) => teams.get(request.params.id));

  app.post('/teams/:id/members', {
    schema: { tags: ['teams'], summary: 'Add a user to a team (audited TEAM_MEMBER_ADDED)', params: TeamParams, body: z.strictObject({ userId: z.string().min(1).max(100) }) },
    preValidation: requireRole('admin'),
  }, async (request) => teams.addMember(request.params.id, request.body.userId, request.actor));

  app.delete('/teams/:id/members/:userId', {
    schema: { tags: ['teams'], summary: 'Remove a user from a team (audited TEAM_MEMBER_REMOVED)', params: MemberParams },
    preValidation: requireRole('admin'),
  }, async (request) => teams.removeMember(request.params.id, request.params.userId, request.actor));
};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES } from '../../workflows/roles.ts';
import { requireRole } from '../auth/plugin.ts';
import type { Services } from '../services.ts';
import { CreatedUser, IssuedToken, Pending } from './shapes/access.ts';

const Role = z.enum(ROLES);
const Roles = z.array(Role).min(1).max(ROLES.length);
const TeamIds = z.array(z.string().min(1).max(64)).min(1).max(50);
const UserIdParams = z.strictObject({ id: z.string().min(1).max(64) });

const FOUR_EYES =
  'Granting a role that sees identity (caseworker, supervisor, bid_panel, legal_officer) or admin needs a second, different admin to confirm ' +
  '(`POST /v1/users/requests/:id/confirm`) while two or more admins are active: the answer is then 202 `{ request }`. With one active admin it applies at once. ' +
  'admin is never held with a case-working role (400 naming `roles`).';

/** Users, roles and tokens (admin). Thin: the engine's user service decides, audits and applies. */
export const userRoutes: FastifyPluginAsyncZod<{ services: Services }> = async (app, { services }) => {
  const users = services.users;
  const admin = requireRole('admin');

  app.post('/users', {
    schema: {
      tags: ['users'],
      summary: 'Create a user and show its token once (four-eyes for roles that see identity, and admin)',
      description: FOUR_EYES,
      // `roles` (one or more); a single `role`, as the CLI's --role, is accepted too. `teamIds`: the default team when left out.
      body: z
        .strictObject({ name: z.string().min(1).max(200), roles: Roles.optional(), role: Role.optional(), teamIds: TeamIds.optional() })
        .refine((b) => b.roles !== undefined || b.role !== undefined, { message: 'name one or more roles', path: ['roles'] }),
      response: { 201: CreatedUser, 202: Pending },
    },
    preValidation: admin,
  }, async (request, reply) => {
    const roles = [...new Set([...(request.body.roles ?? []), ...(request.body.role ? [request.body.role] : [])])];
    const r = users.create({ name: request.body.name, roles, teamIds: request.body.teamIds }, request.actor);
    return 'applied' in r ? reply.code(201).send(r.applied) : reply.code(202).send({ request: r.pending });
  });

  app.get('/users', {
    schema: { tags: ['users'], summary: 'List users with status, roles, teams and token expiries (never a token)' },
    preValidation: admin,
  }, async () => ({ items: users.list() }));

  app.get('/users/requests', {
    schema: {
      tags: ['users'],
      summary: 'Privileged changes waiting for a second admin (pending by default)',
      querystring: z.strictObject({ status: z.enum(['pending', 'confirmed', 'rejected']).optional() }),
    },
    preValidation: admin,
  }, async (request) => ({ items: users.requests(request.query.status ?? 'pending') }));

  app.post('/users/requests/:id/confirm', {
    schema: {
      tags: ['users'],
      summary: 'Confirm a pending privileged change (an admin other than the requester): a new user answers 201 { id, name, roles, token }',
      params: UserIdParams,
    },
    preValidation: admin,
  }, async (request, reply) => {
    const r = users.confirm(request.params.id, request.actor);
    if (r.created) return reply.code(201).send(r.created);
    if (r.token) return reply.code(201).send({ token: r.token.token, expiresAt: r.token.expiresAt, tokenId: r.token.tokenId });
    return { request: r.request, ...(r.user ? { user: r.user } : {}) };
  });

  app.post('/users/requests/:id/reject', {
    schema: { tags: ['users'], summary: 'Reject a pending privileged change', params: UserIdParams },
    preValidation: admin,
  }, async (request) => ({ request: users.reject(request.params.id, request.actor) }));

  app.get('/users/:id', {
    schema: { tags: ['users'], summary: 'One user with status, roles, teams and token expiries', params: UserIdParams },
    preValidation: admin,
  }, async (request) => users.get(request.params.id));

  app.post('/users/:id/disable', {
    schema: { tags: ['users'], summary: 'Disable a user: every request with their tokens is refused from the next one (not the last active admin)', params: UserIdParams },
    preValidation: admin,
  }, async (request) => users.setDisabled(request.params.id, true, request.actor));

  app.post('/users/:id/enable', {
    schema: { tags: ['users'], summary: 'Enable a disabled user (their unexpired, unrevoked tokens work again)', params: UserIdParams },
    preValidation: admin,
  }, async (request) => users.setDisabled(request.params.id, false, request.actor));

  app.put('/users/:id/roles', {
    schema: { tags: ['users'], summary: "Replace a user's roles (four-eyes when a role that sees identity, or admin, is gained)", description: FOUR_EYES, params: UserIdParams, body: z.strictObject({ roles: Roles }) },
    preValidation: admin,
  }, async (request, reply) => {
    const r = users.setRoles(request.params.id, request.body.roles, request.actor);
    return 'applied' in r ? r.applied : reply.code(202).send({ request: r.pending });
  });

  app.post('/users/:id/tokens', {
    schema: {
      tags: ['users'],
      summary: 'Issue a new token, shown once (older ones revoked unless keepExisting); four-eyes for another user who sees identity, or an admin',
      description: 'An admin replacing their own token applies at once. For another user whose roles see identity, or another admin, a second admin confirms while two or more are active (202 `{ request }`): whoever holds a token acts as its user.',
      params: UserIdParams,
      // No body at all is allowed (fastify hands the validator null then).
      body: z.strictObject({ keepExisting: z.boolean().optional() }).nullish(),
      response: { 201: IssuedToken, 202: Pending },
    },
    preValidation: admin,
  }, async (request, reply) => {
    const r = users.issueToken(request.params.id, request.body?.keepExisting ?? false, request.actor);
    return 'applied' in r ? reply.code(201).send({ token: r.applied.token, expiresAt: r.applied.expiresAt, tokenId: r.applied.tokenId }) : reply.code(202).send({ request: r.pending });
  });

  app.post('/users/:id/tokens/revoke', {
    schema: { tags: ['users'], summary: "Revoke every live token of a user (refused from the next request)", params: UserIdParams },
    preValidation: admin,
  }, async (request) => users.revokeTokens(request.params.id, request.actor));

  app.delete('/tokens/:id', {
    schema: { tags: ['users'], summary: 'Revoke one token by its id (as GET /v1/users lists it)', params: UserIdParams },
    preValidation: admin,
  }, async (request) => users.revokeToken(request.params.id, request.actor));
};

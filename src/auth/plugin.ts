import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ROLES, type Actor, type Role } from '../../workflows/roles.ts';
import { errorBody } from '../api/errors.ts';
import type { Services } from '../services.ts';
import { authenticate } from './tokens.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor & { name: string };
  }
}

/**
 * Bearer-token authentication for the routes of the context it is registered in. Wrapped with
 * fastify-plugin so `request.actor` escapes into the sibling route plugins of that context.
 */
export const authentication = fp<{ services: Services }>(
  async (app, { services }) => {
    app.decorateRequest('actor', null as unknown as FastifyRequest['actor']);
    app.addHook('onRequest', async (request, reply) => {
      const header = request.headers.authorization;
      const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
      const actor = token ? authenticate(services.repos, token, services.clock.now()) : undefined;
      if (!actor) return reply.code(401).send(errorBody('UNAUTHENTICATED', header ? 'unknown or disabled token' : 'a bearer token is required'));
      request.actor = actor;
    });
  },
  { name: 'authentication' },
);

/** A preValidation hook refusing callers without one of the roles (403) before their input is examined. */
export function requireRole(...roles: Role[]) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (!roles.some((r) => request.actor.roles.includes(r))) {
      return reply.code(403).send(errorBody('FORBIDDEN', `this route needs one of the roles ${roles.join(', ')}`));
    }
  };
}

/** Roles that read cases; `admin` manages users only but may read. */
export const ALL_ROLES: Role[] = [...ROLES];
/** Roles that send commands: reviewer, policy and admin never do. */
export const COMMAND_ROLES: Role[] = ['caseworker', 'supervisor', 'bid_panel', 'legal_officer', 'data_protection_officer'];

import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { COMMAND_ROLES, ROLES, type Actor, type Role } from '../../workflows/roles.ts';
import { errorBody } from '../api/errors.ts';
import type { Services } from '../services.ts';
import type { SecurityEvent, SecurityEventKind } from '../engine/securityLog.ts';
import { authKeys, presentedPrefix } from './throttle.ts';
import { authenticateToken, type TokenRefusal } from './tokens.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor & { name: string };
    /** Set when authentication failed: why, and the presented token's prefix (for the security log). */
    authFailure: { reason: TokenRefusal | 'missing' | 'throttled'; prefix: string | undefined } | null;
  }
}

/** The 401's message for each refusal: an expired token is told apart (its holder asks for a new one). */
const REFUSED: Record<TokenRefusal | 'missing', string> = {
  missing: 'a bearer token is required',
  unknown: 'unknown token',
  expired: 'the token has expired: ask an admin for a new one',
  revoked: 'the token has been revoked',
  disabled: 'the user is disabled',
};


const SECURITY_KINDS: Partial<Record<number, SecurityEventKind>> = { 401: 'authentication_failed', 403: 'forbidden', 429: 'rate_limited' };

/**
 * Bearer-token authentication for the routes of the context it is registered in. Wrapped with
 * fastify-plugin so `request.actor` escapes into the sibling route plugins of that context.
 * Checked on every request against the database (no cache), so a disabled user or a revoked token
 * is refused on the very next request. Failed authentications are throttled per client address
 * and per token prefix (429 with Retry-After, before the token is even looked at, so a throttled
 * client learns nothing about the tokens it tries). Every 401, 403 and 429 goes to the security log.
 */
export const authentication = fp<{ services: Services }>(
  async (app, { services }) => {
    app.decorateRequest('actor', null as unknown as FastifyRequest['actor']);
    app.decorateRequest('authFailure', null);
    const throttle = services.authThrottle;
    app.addHook('onRequest', async (request, reply) => {
      const header = request.headers.authorization;
      const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
      const prefix = presentedPrefix(token);
      const keys = authKeys(request.ip, prefix);
      const now = services.clock.now();
      const wait = throttle.blocked(keys, Date.parse(now));
      if (wait !== undefined) {
        request.authFailure = { reason: 'throttled', prefix };
        return reply.code(429).header('retry-after', String(wait)).send(errorBody('RATE_LIMITED', `too many failed authentications from this client or for this token: retry in ${wait} s`, { retryAfter: wait }));
      }
      const result = token ? authenticateToken(services.repos, token, now) : ({ refused: 'missing' } as const);
      if ('refused' in result) {
        throttle.fail(keys, Date.parse(now));
        request.authFailure = { reason: result.refused, prefix };
        return reply.code(401).send(errorBody('UNAUTHENTICATED', REFUSED[result.refused]));
      }
      request.actor = result.actor;
    });
    // onSend, not onResponse: the event is written before the answer leaves, so a reader of the log sees it.
    app.addHook('onSend', async (request, reply, payload) => {
      const kind = SECURITY_KINDS[reply.statusCode];
      if (kind) services.security.record(securityEventOf(request, reply.statusCode, kind));
      return payload;
    });
  },
  { name: 'authentication' },
);

/** What the security log keeps of a refused request: codes, the route template, never the token or a body. */
function securityEventOf(request: FastifyRequest, status: number, kind: SecurityEventKind): SecurityEvent {
  const route = request.routeOptions.url ?? null;
  const params = request.params as Record<string, unknown> | undefined;
  const caseId = route?.startsWith('/v1/cases/:id') && typeof params?.['id'] === 'string' && params['id'].length <= 64 ? params['id'] : null;
  return {
    kind,
    actorId: request.actor?.id ?? null,
    address: request.ip,
    tokenPrefix: request.authFailure?.prefix ?? null,
    route,
    status,
    caseId,
    detail: { method: request.method, ...(request.authFailure ? { reason: request.authFailure.reason } : {}) },
  };
}

/**
 * A preValidation hook refusing callers without one of the roles (403) before their input is
 * examined. The hook carries its roles, so the API reference is derived from the same value that
 * enforces them (`routeRoles`, `x-roles` in OpenAPI, docs/api.md).
 */
export function requireRole(...roles: Role[]) {
  const hook = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!roles.some((r) => request.actor.roles.includes(r))) {
      return reply.code(403).send(errorBody('FORBIDDEN', `this route needs one of the roles ${roles.join(', ')}`));
    }
  };
  return Object.assign(hook, { roles: Object.freeze([...roles]) });
}

/** The roles a route's `requireRole` hook admits, or undefined for a route without one. */
export function routeRoles(preValidation: unknown): readonly Role[] | undefined {
  for (const hook of [preValidation].flat()) {
    const roles = (hook as { roles?: readonly Role[] } | null)?.roles;
    if (typeof hook === 'function' && Array.isArray(roles)) return roles;
  }
  return undefined;
}

/** Roles that read cases; `admin` manages users only but may read. */
export const ALL_ROLES: Role[] = [...ROLES];
/** Roles that send commands: reviewer, policy and admin never do (workflows/roles.ts). */
export { COMMAND_ROLES };

import fp from 'fastify-plugin';
import type { Services } from '../services.ts';
import { CaseIdParams } from './schemas.ts';
import { BREAK_GLASS_OPEN } from './breakGlass.ts';
import { readsNoCases } from '../../workflows/access.ts';
import { noCaseContent } from '../engine/scope.ts';

/** Routes about one case: `/v1/cases/:id` and everything under it. */
export const CASE_ROUTE = /^\/v1\/cases\/:id(\/|$)/;

/**
 * The need-to-know scope before anything else of a case route runs (after authentication, before
 * role checks and input validation): outside the caller's scope a case route answers 404 exactly
 * as for an unknown case, an admin 403. The engine checks again where it loads the case for a
 * caller (src/engine/scope.ts), so a route that skips this hook still cannot read the case.
 */
export const caseScopeHook = fp<{ services: Services }>(
  async (app, { services }) => {
    app.addHook('preValidation', async (request) => {
      const url = request.routeOptions.url ?? '';
      if (!CASE_ROUTE.test(url)) return;
      // Opening a case by break-glass is for cases outside one's scope: the engine checks it (src/engine/breakGlass.ts).
      if (url === BREAK_GLASS_OPEN && request.method === 'POST') {
        if (readsNoCases(request.actor.roles)) throw noCaseContent();
        return;
      }
      const id = (request.params as { id?: unknown } | undefined)?.id;
      // An id the route's schema refuses is left to it (400 naming params.id).
      if (!CaseIdParams.safeParse({ id }).success) return;
      services.scope.require(request.actor, id as string);
    });
  },
  { name: 'case-scope', dependencies: ['authentication'] },
);

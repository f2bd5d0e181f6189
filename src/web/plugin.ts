import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import csrfProtection from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import type { FastifyError, FastifyPluginAsync } from 'fastify';
import { authKeys, presentedPrefix } from '../auth/throttle.ts';
import { authenticateToken, tokenPrefix } from '../auth/tokens.ts';
import { loadConfig } from '../config.ts';
import { retryAfterOf, STATUS, unavailableOf } from '../api/errors.ts';
import { AppError } from '../engine/errors.ts';
import { createWebSessions, DEFAULT_SESSION_LIMITS, type SessionLimits } from '../engine/webSessions.ts';
import type { Services } from '../services.ts';
import type { Key } from './i18n.ts';
import { auditPages } from './audit.ts';
import { casePages } from './cases.ts';
import { html } from './html.ts';
import { errorPage, page, type View } from './layout.ts';
import { rulesPages } from './rules.ts';
import { policyPages } from './policy.ts';
import { attachView, CSRF_COOKIE, CSRF_FIELD, endSession, safeNext, sendPage, startSession, viewOf } from './session.ts';

export interface WebOptions {
  services: Services;
  /** Signs the CSRF secret's cookie; COOKIE_SECRET from the environment, else random per process. */
  cookieSecret?: string;
  /** Session lifetimes (SESSION_IDLE_MINUTES, SESSION_MAX_HOURS). */
  sessions?: SessionLimits;
}

const ASSETS = fileURLToPath(new URL('./assets/', import.meta.url));
const MERMAID = fileURLToPath(new URL('../../node_modules/mermaid/dist/', import.meta.url));

/** How newToken() shapes a token: only such a value's prefix is recorded. */
const TOKEN_SHAPE = /^kp_[\w-]{43}$/;

/** What @fastify/csrf-protection throws for a POST without a valid token (both 403). */
const CSRF_REFUSALS = new Set(['FST_CSRF_MISSING_SECRET', 'FST_CSRF_INVALID_TOKEN']);

function signInPage(view: View, next: string, failed?: Extract<Key, 'badToken' | 'expiredToken' | 'tooManySignIns'>, ended = false) {
  const { t } = view;
  return page(view, {
    title: t.t('signIn'),
    body: html`<div class="signin">
<h1>${t.t('signInTitle')}</h1>
<p>${t.t('signInIntro')}</p>
${failed ? html`<p class="error" role="alert" id="sign-in-error">${t.t(failed)}</p>` : ''}
${ended && !failed ? html`<p class="note" role="status" id="session-ended">${t.t('sessionEnded')}</p>` : ''}
<form method="post" action="/ui/sign-in">
  <input type="hidden" name="${CSRF_FIELD}" value="${view.csrf()}">
  <input type="hidden" name="next" value="${next}">
  <label for="token">${t.t('token')}</label>
  <input id="token" name="token" type="password" autocomplete="off" required maxlength="200" dir="ltr" ${failed ? html`aria-invalid="true" aria-describedby="sign-in-error"` : ''} autofocus>
  <button type="submit" class="primary">${t.t('signIn')}</button>
</form>
<p class="note">${t.t('readOnly')}</p>
</div>`,
  });
}

/**
 * The reviewers' read-only pages under /ui: server-rendered HTML over the same services as the
 * API. Signing in with an API token opens a server-side session (src/engine/webSessions.ts): the
 * browser holds a random id in an httpOnly, SameSite=Strict cookie, never the token. SameSite=Strict
 * suffices because no other site sends anyone here signed in (no single sign-on redirect): a link
 * from elsewhere asks to sign in again. Every POST carries a CSRF token. Every page asks for the
 * roles the API asks for the same data. No route here changes a case.
 */
export const webPlugin: FastifyPluginAsync<WebOptions> = async (app, options) => {
  const { services } = options;
  const secret = options.cookieSecret ?? loadConfig().COOKIE_SECRET ?? randomBytes(32).toString('hex');
  const sessions = createWebSessions(services.repos, services.clock, options.sessions ?? DEFAULT_SESSION_LIMITS);
  await app.register(cookie, { secret });
  await app.register(formbody, { bodyLimit: 4096 });
  // The secret is in a signed cookie (another site's cookie cannot stand in for it); forms carry
  // a token made from it. Secure is added per request (cookieOptions) when generated.
  await app.register(csrfProtection, { cookieKey: CSRF_COOKIE, cookieOpts: { path: '/ui', sameSite: 'strict', httpOnly: true, signed: true } });
  await app.register(fastifyStatic, {
    root: [ASSETS, MERMAID],
    prefix: '/assets/',
    allowedPath: (pathName) => ['/ui.css', '/ui.js', '/mermaid.min.js', '/audit-proofs.js', '/policy.css', '/policy.js'].includes(pathName),
    decorateReply: false,
    index: false,
    maxAge: '1h',
  });

  app.addHook('onRequest', attachView(sessions));
  // Every form POST under /ui, sign-in included (no one can be signed in from another site).
  app.addHook('preHandler', (request, reply, done) => {
    if (request.method !== 'POST') return done();
    app.csrfProtection(request, reply, done);
  });

  app.setErrorHandler<FastifyError>((error, request, reply) => {
    const view = viewOf(request);
    if (CSRF_REFUSALS.has(error.code)) return sendPage(reply, errorPage(view, view.t.t('csrfTitle'), view.t.t('csrf')), 403);
    const unavailable = unavailableOf(error, services.health);
    if (unavailable) return sendPage(reply.header('retry-after', retryAfterOf(unavailable)), errorPage(view, view.t.t('errorTitle'), unavailable.message), 503);
    if (error instanceof AppError && error.code === 'NOT_FOUND') return sendPage(reply, errorPage(view, view.t.t('notFoundTitle'), view.t.t('notFound')), 404);
    const status = error instanceof AppError ? STATUS[error.code] : error.statusCode;
    if (status !== undefined && status < 500) {
      return sendPage(reply, errorPage(view, view.t.t('badRequestTitle'), error.message), status);
    }
    request.log.error({ err: { type: error.name, code: error.code, stack: error.stack } }, 'web page failed');
    return sendPage(reply, errorPage(view, view.t.t('errorTitle'), view.t.t('errorText')), 500);
  });
  app.setNotFoundHandler((request, reply) => {
    const view = viewOf(request);
    return sendPage(reply, errorPage(view, view.t.t('notFoundTitle'), view.t.t('notFound')), 404);
  });

  app.get('/', async (_request, reply) => reply.redirect('/ui/cases', 302));

  app.get('/sign-in', async (request, reply) => {
    const view = viewOf(request);
    const next = safeNext(view.params.get('next'));
    if (view.user) return reply.redirect(next, 302);
    return sendPage(reply, signInPage(view, next, undefined, view.params.get('ended') === '1'));
  });

  app.post('/sign-in', async (request, reply) => {
    const view = viewOf(request);
    const form = (request.body ?? {}) as Record<string, unknown>;
    const token = typeof form['token'] === 'string' ? form['token'].trim() : '';
    const next = safeNext(form['next']);
    // The same throttle as the API's bearer tokens, on the same keys: a sign-in form is no way around it.
    const prefix = presentedPrefix(token);
    const keys = authKeys(request.ip, prefix);
    const now = services.clock.now();
    const wait = services.authThrottle.blocked(keys, Date.parse(now));
    if (wait !== undefined) {
      services.security.record({ kind: 'rate_limited', address: request.ip, route: '/ui/sign-in', status: 429, ...(prefix ? { tokenPrefix: prefix } : {}), detail: { reason: 'throttled' } });
      reply.header('retry-after', String(wait));
      return sendPage(reply, signInPage({ ...view, user: undefined }, next, 'tooManySignIns'), 429);
    }
    const result = token && token.length <= 200 ? authenticateToken(services.repos, token, now) : { refused: token ? ('too_long' as const) : ('empty' as const) };
    if ('refused' in result) {
      services.authThrottle.fail(keys, Date.parse(now));
      // The security log has the address and, for something shaped like a token, its prefix
      // (throttling groups by them); never what was typed (a pasted password must not land there).
      services.security.record({
        kind: 'sign_in_failed',
        address: request.ip,
        route: '/ui/sign-in',
        status: 401,
        ...(TOKEN_SHAPE.test(token) ? { tokenPrefix: tokenPrefix(token) } : {}),
        detail: { reason: result.refused },
      });
      return sendPage(reply, signInPage({ ...view, user: undefined }, next, result.refused === 'expired' ? 'expiredToken' : 'badToken'), 401);
    }
    startSession(request, reply, sessions, result.actor.id, result.tokenId);
    request.log.info({ user: result.actor.id }, 'web sign-in');
    return reply.redirect(next, 303);
  });

  app.post('/sign-out', async (request, reply) => {
    endSession(request, reply, sessions);
    return reply.redirect('/ui/sign-in', 303);
  });

  await app.register(casePages, { services });
  await app.register(auditPages, { services });
  await app.register(rulesPages, { services });
  await app.register(policyPages, { services });
};

import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import type { FastifyError, FastifyPluginAsync } from 'fastify';
import { authenticate } from '../auth/tokens.ts';
import { loadConfig } from '../config.ts';
import { retryAfterOf, STATUS, unavailableOf } from '../api/errors.ts';
import { AppError } from '../engine/errors.ts';
import type { Services } from '../services.ts';
import { auditPages } from './audit.ts';
import { casePages } from './cases.ts';
import { html } from './html.ts';
import { errorPage, page, type View } from './layout.ts';
import { rulesPages } from './rules.ts';
import { attachView, clearSession, safeNext, sendPage, setSession, viewOf } from './session.ts';

export interface WebOptions {
  services: Services;
  /** Signs the session cookie; COOKIE_SECRET from the environment, else random per process. */
  cookieSecret?: string;
}

const ASSETS = fileURLToPath(new URL('./assets/', import.meta.url));
const MERMAID = fileURLToPath(new URL('../../node_modules/mermaid/dist/', import.meta.url));

const SECURITY_HEADERS = {
  // Mermaid writes inline styles into its SVG; scripts come from this server only.
  'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

function signInPage(view: View, next: string, failed: boolean) {
  const { t } = view;
  return page(view, {
    title: t.t('signIn'),
    body: html`<div class="signin">
<h1>${t.t('signInTitle')}</h1>
<p>${t.t('signInIntro')}</p>
${failed ? html`<p class="error" role="alert" id="sign-in-error">${t.t('badToken')}</p>` : ''}
<form method="post" action="/ui/sign-in">
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
 * API. Sessions are the user's API token in a signed, httpOnly, SameSite=Strict cookie; every page
 * asks for the roles the API asks for the same data. No route here changes a case.
 */
export const webPlugin: FastifyPluginAsync<WebOptions> = async (app, options) => {
  const { services } = options;
  const secret = options.cookieSecret ?? loadConfig().COOKIE_SECRET ?? randomBytes(32).toString('hex');
  await app.register(cookie, { secret });
  await app.register(formbody, { bodyLimit: 4096 });
  await app.register(fastifyStatic, {
    root: [ASSETS, MERMAID],
    prefix: '/assets/',
    allowedPath: (pathName) => ['/ui.css', '/ui.js', '/mermaid.min.js', '/audit-proofs.js'].includes(pathName),
    decorateReply: false,
    index: false,
    maxAge: '1h',
  });

  app.addHook('onRequest', attachView(services));
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.headers(SECURITY_HEADERS);
    return payload;
  });

  app.setErrorHandler<FastifyError>((error, request, reply) => {
    const view = viewOf(request);
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
    return sendPage(reply, signInPage(view, next, false));
  });

  app.post('/sign-in', async (request, reply) => {
    const view = viewOf(request);
    const form = (request.body ?? {}) as Record<string, unknown>;
    const token = typeof form['token'] === 'string' ? form['token'].trim() : '';
    const next = safeNext(form['next']);
    const user = token && token.length <= 200 ? authenticate(services.repos, token, services.clock.now()) : undefined;
    if (!user) return sendPage(reply, signInPage({ ...view, user: undefined }, next, true), 401);
    setSession(request, reply, token);
    request.log.info({ user: user.id }, 'web sign-in');
    return reply.redirect(next, 303);
  });

  app.post('/sign-out', async (request, reply) => {
    clearSession(request, reply);
    return reply.redirect('/ui/sign-in', 303);
  });

  await app.register(casePages, { services });
  await app.register(auditPages, { services });
  await app.register(rulesPages, { services });
};

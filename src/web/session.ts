import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '../../workflows/roles.ts';
import { authenticate } from '../auth/tokens.ts';
import type { Services } from '../services.ts';
import { isLang, translator, type Lang } from './i18n.ts';
import { errorPage, type View } from './layout.ts';

export const SESSION_COOKIE = 'kp_session';
export const LANG_COOKIE = 'kp_lang';
const COOKIE_PATH = '/ui';

const views = new WeakMap<FastifyRequest, View>();

/** ?lang= (remembered in a cookie), else the cookie, else the browser's first preference. */
function languageOf(request: FastifyRequest, reply: FastifyReply): Lang {
  const asked = new URLSearchParams(request.url.split('?')[1] ?? '').get('lang');
  if (isLang(asked)) {
    reply.setCookie(LANG_COOKIE, asked, { path: COOKIE_PATH, sameSite: 'strict', httpOnly: true, secure: request.protocol === 'https', maxAge: 365 * 24 * 3600 });
    return asked;
  }
  const saved = request.cookies[LANG_COOKIE];
  if (isLang(saved)) return saved;
  const first = request.headers['accept-language']?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('ar') ? 'ar' : 'en';
}

/** The signed-in user behind the session cookie (the API token, signed), or undefined. */
function userOf(request: FastifyRequest, services: Services): View['user'] {
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) return undefined;
  const unsigned = request.unsignCookie(cookie);
  if (!unsigned.valid || !unsigned.value) return undefined;
  return authenticate(services.repos, unsigned.value, services.clock.now());
}

export const AUDIT_ROLES: Role[] = ['reviewer', 'admin'];

/** onRequest: builds the request's View (language, user, URL) once. */
export function attachView(services: Services) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const lang = languageOf(request, reply);
    const [path = '/ui', search = ''] = request.url.split('?');
    const params = new URLSearchParams(search);
    params.delete('lang');
    const user = userOf(request, services);
    views.set(request, {
      t: translator(lang, request.headers['accept-language']),
      user,
      path,
      params,
      canAudit: !!user && AUDIT_ROLES.some((r) => user.roles.includes(r)),
    });
  };
}

export function viewOf(request: FastifyRequest): View {
  const view = views.get(request);
  if (!view) throw new Error('web view missing: attachView did not run');
  return view;
}

export function sendPage(reply: FastifyReply, markup: { value: string }, status = 200): FastifyReply {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(markup.value);
}

/** A safe place to go back to after signing in: a path under /ui, never another site. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/ui(\/[\w\-./%?=&:+]*)?$/.test(next) && !next.startsWith('/ui/sign-') ? next : '/ui/cases';
}

/**
 * preHandler for pages: without a session, back to the sign-in form (remembering where to return);
 * with a role that may not see the page, 403 — the same roles the API asks for the same data.
 */
export function requirePageRole(...roles: Role[]) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const view = viewOf(request);
    if (!view.user) {
      return reply.redirect(`/ui/sign-in?next=${encodeURIComponent(safeNext(request.url))}`, 302);
    }
    if (!roles.some((r) => view.user?.roles.includes(r))) {
      return sendPage(reply, errorPage(view, view.t.t('forbiddenTitle'), view.t.t('forbidden', { roles: roles.map((r) => view.t.term(r)).join(', ') })), 403);
    }
  };
}

export function setSession(request: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, { path: COOKIE_PATH, signed: true, httpOnly: true, sameSite: 'strict', secure: request.protocol === 'https' });
}

export function clearSession(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: COOKIE_PATH, httpOnly: true, sameSite: 'strict', secure: request.protocol === 'https' });
}

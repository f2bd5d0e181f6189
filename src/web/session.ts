import type {} from '@fastify/csrf-protection';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '../../workflows/roles.ts';
import type { WebSessions } from '../engine/webSessions.ts';
import { isLang, translator, type Lang } from './i18n.ts';
import { errorPage, type View } from './layout.ts';

export const SESSION_COOKIE = 'kp_session';
export const LANG_COOKIE = 'kp_lang';
/** The CSRF secret's cookie (signed): forms carry a token derived from it as `_csrf`. */
export const CSRF_COOKIE = 'kp_csrf';
export const CSRF_FIELD = '_csrf';
const COOKIE_PATH = '/ui';

/** A session id as start() makes it: 32 bytes in base64url. Anything else is not looked up. */
const SESSION_ID = /^[\w-]{43}$/;

const views = new WeakMap<FastifyRequest, View>();
const sessionIds = new WeakMap<FastifyRequest, string>();
/** Requests that came with a session cookie that no longer opens anything. */
const endedSessions = new WeakSet<FastifyRequest>();

/**
 * Cookies are `Secure` when the request came over TLS: directly, or through a proxy that said so
 * (X-Forwarded-Proto, believed only with TRUST_PROXY). Plain http for local use keeps working.
 */
export const cookieOptions = (request: FastifyRequest) => ({ path: COOKIE_PATH, sameSite: 'strict' as const, httpOnly: true, secure: request.protocol === 'https' });

/** ?lang= (remembered in a cookie), else the cookie, else the browser's first preference. */
function languageOf(request: FastifyRequest, reply: FastifyReply): Lang {
  const asked = new URLSearchParams(request.url.split('?')[1] ?? '').get('lang');
  if (isLang(asked)) {
    reply.setCookie(LANG_COOKIE, asked, { ...cookieOptions(request), maxAge: 365 * 24 * 3600 });
    return asked;
  }
  const saved = request.cookies[LANG_COOKIE];
  if (isLang(saved)) return saved;
  const first = request.headers['accept-language']?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('ar') ? 'ar' : 'en';
}

/** The signed-in user behind the session cookie, or undefined; a cookie that opens nothing is cleared. */
function userOf(request: FastifyRequest, reply: FastifyReply, sessions: WebSessions): View['user'] {
  const id = request.cookies[SESSION_COOKIE];
  if (!id) return undefined;
  const checked = SESSION_ID.test(id) ? sessions.check(id) : ({ refused: 'unknown' } as const);
  if ('refused' in checked) {
    reply.clearCookie(SESSION_COOKIE, cookieOptions(request));
    endedSessions.add(request);
    return undefined;
  }
  sessionIds.set(request, id);
  return checked.actor;
}

export const AUDIT_ROLES: Role[] = ['reviewer', 'admin'];

/** onRequest: builds the request's View (language, user, URL, the forms' CSRF token) once. */
export function attachView(sessions: WebSessions) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const lang = languageOf(request, reply);
    const [path = '/ui', search = ''] = request.url.split('?');
    const params = new URLSearchParams(search);
    params.delete('lang');
    // Static files need no session: no lookup, and no cookie is cleared on their answers.
    const user = path.startsWith('/ui/assets/') ? undefined : userOf(request, reply, sessions);
    let csrf: string | undefined;
    views.set(request, {
      t: translator(lang, request.headers['accept-language']),
      user,
      path,
      params,
      canAudit: !!user && AUDIT_ROLES.some((r) => user.roles.includes(r)),
      // Made when a page draws a form: sets the secret's cookie the first time.
      csrf: () => (csrf ??= reply.generateCsrf(cookieOptions(request))),
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
      // `ended`: the sign-in form says why the reader is asked again (the session ended).
      return reply.redirect(`/ui/sign-in?next=${encodeURIComponent(safeNext(request.url))}${endedSessions.has(request) ? '&ended=1' : ''}`, 302);
    }
    if (!roles.some((r) => view.user?.roles.includes(r))) {
      return sendPage(reply, errorPage(view, view.t.t('forbiddenTitle'), view.t.t('forbidden', { roles: roles.map((r) => view.t.term(r)).join(', ') })), 403);
    }
  };
}

/** After a good sign-in: a new session (any session this browser had is ended first). */
export function startSession(request: FastifyRequest, reply: FastifyReply, sessions: WebSessions, userId: string, tokenId: string): void {
  endSession(request, reply, sessions);
  const { id } = sessions.start(userId, tokenId);
  reply.setCookie(SESSION_COOKIE, id, cookieOptions(request));
}

/** Sign-out: the session ends server-side (its cookie opens nothing any more) and the cookie is cleared. */
export function endSession(request: FastifyRequest, reply: FastifyReply, sessions: WebSessions): void {
  const id = sessionIds.get(request) ?? request.cookies[SESSION_COOKIE];
  if (id && SESSION_ID.test(id)) sessions.end(id);
  reply.clearCookie(SESSION_COOKIE, cookieOptions(request));
}

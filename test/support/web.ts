import type { FastifyInstance } from 'fastify';
import type { LightMyRequestResponse } from 'fastify';

/**
 * Signing in to the reviewers' pages as a browser does: GET the form (its CSRF cookie and hidden
 * token), POST the token with both. Pages are then read with `cookie`; forms are posted with
 * `postForm` (which reads a fresh CSRF token from a page first).
 */
export interface WebSession {
  /** The Cookie header: the session and the CSRF secret. */
  cookie: string;
  /** A CSRF token valid with `cookie`. */
  csrf: string;
}

/** name=value of every cookie an answer sets (an empty value: the cookie is cleared). */
export function setCookies(res: LightMyRequestResponse): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of ([] as string[]).concat(res.headers['set-cookie'] ?? [])) {
    const [pair = ''] = line.split(';');
    const at = pair.indexOf('=');
    out[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return out;
}

/** The hidden `_csrf` field of a page's first form. */
export function csrfOf(html: string): string {
  const found = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!found) throw new Error('no CSRF field on the page');
  return found[1]!;
}

const cookieHeader = (cookies: Record<string, string>): string =>
  Object.entries(cookies)
    .filter(([, v]) => v !== '')
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** The sign-in form as a browser first sees it: its CSRF cookie and token. */
export async function signInForm(app: FastifyInstance, headers: Record<string, string> = {}): Promise<WebSession & { res: LightMyRequestResponse }> {
  const res = await app.inject({ url: '/ui/sign-in', headers });
  return { cookie: cookieHeader(setCookies(res)), csrf: csrfOf(res.body), res };
}

/** Posts the sign-in form; the answer is returned as is (303 on success, 401 on a wrong token). */
export async function postSignIn(app: FastifyInstance, token: string, options: { next?: string; headers?: Record<string, string> } = {}) {
  const form = await signInForm(app, options.headers);
  const payload = new URLSearchParams({ _csrf: form.csrf, token, ...(options.next ? { next: options.next } : {}) }).toString();
  const res = await app.inject({ method: 'POST', url: '/ui/sign-in', payload, headers: { ...FORM, ...options.headers, cookie: form.cookie } });
  return { res, form };
}

/** Signs in with a token and returns the session (fails the test if sign-in did not succeed). */
export async function webSession(app: FastifyInstance, token: string, headers: Record<string, string> = {}): Promise<WebSession> {
  const { res, form } = await postSignIn(app, token, { headers });
  const session = setCookies(res)['kp_session'];
  if (res.statusCode !== 303 || !session) throw new Error(`sign-in failed: ${res.statusCode}`);
  const csrfSecret = /kp_csrf=([^;]+)/.exec(form.cookie)?.[1];
  return { cookie: `kp_session=${session}${csrfSecret ? `; kp_csrf=${csrfSecret}` : ''}`, csrf: form.csrf };
}

/** Signs in and returns just the Cookie header for reading pages. */
export async function signIn(app: FastifyInstance, token: string): Promise<string> {
  return (await webSession(app, token)).cookie;
}

/** Posts a /ui form with the session's cookies and CSRF token (`csrf: null` leaves the token out). */
export async function postForm(app: FastifyInstance, url: string, session: WebSession, fields: Record<string, string> = {}, options: { csrf?: string | null } = {}) {
  const csrf = options.csrf === undefined ? session.csrf : options.csrf;
  const payload = new URLSearchParams({ ...(csrf !== null ? { _csrf: csrf } : {}), ...fields }).toString();
  return app.inject({ method: 'POST', url, payload, headers: { ...FORM, cookie: session.cookie } });
}

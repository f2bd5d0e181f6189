import { afterEach, describe, expect, it } from 'vitest';
import { createUser, issueToken } from '../../src/auth/tokens.ts';
import { loadConfig } from '../../src/config.ts';
import { testApp } from '../support/app.ts';
import { csrfOf, postForm, postSignIn, setCookies, signInForm, webSession, type WebSession } from '../support/web.ts';

/** The reviewers' page sessions (issue 10.6): server-side, expiring, ended at sign-out, CSRF on every POST. */
type T = Awaited<ReturnType<typeof testApp>>;

const MINUTE = 60_000;

/** An app whose clock the test moves. */
async function clockedApp(options: Parameters<typeof testApp>[0] = {}) {
  let now = Date.now();
  const t = await testApp({ now: () => new Date(now).toISOString(), ...options });
  return { t, advance: (ms: number) => (now += ms) };
}

const page = (t: T, session: Pick<WebSession, 'cookie'>, url = '/ui/cases') => t.app.inject({ url, headers: { cookie: session.cookie } });

describe('reviewers page sessions', () => {
  let t: T;
  afterEach(async () => t?.close());

  it('stores only the sha256 of a random session id, and the token it was signed in with', async () => {
    t = await testApp();
    const session = await webSession(t.app, t.users.reviewer.token);
    const id = /kp_session=([^;]+)/.exec(session.cookie)![1]!;
    const rows = t.app.services.repos.db.$client.prepare('SELECT * FROM web_sessions').all() as Array<Record<string, unknown>>;
    expect(rows).toHaveLength(1);
    const { createHash } = await import('node:crypto');
    expect(rows[0]!['id_hash']).toBe(createHash('sha256').update(id).digest('hex'));
    expect(JSON.stringify(rows)).not.toContain(id);
    expect(rows[0]!['user_id']).toBe(t.users.reviewer.id);
    expect(rows[0]!['token_id']).toBe(t.app.services.repos.users.tokensOf(t.users.reviewer.id)[0]!.id);
    // Neither the token nor the session id reaches the log.
    const logs = t.logs.join('');
    expect(logs).not.toContain(t.users.reviewer.token);
    expect(logs).not.toContain(id);
  });

  it('sign-out ends the session server-side: the old cookie, replayed, opens nothing', async () => {
    t = await testApp();
    const session = await webSession(t.app, t.users.reviewer.token);
    expect((await page(t, session)).statusCode).toBe(200);
    const out = await postForm(t.app, '/ui/sign-out', session);
    expect(out.statusCode).toBe(303);
    expect(out.headers.location).toBe('/ui/sign-in');
    const replayed = await page(t, session);
    expect(replayed.statusCode).toBe(302);
    expect(replayed.headers.location).toMatch(/^\/ui\/sign-in\?next=/);
    expect((await page(t, session, `/ui/cases/x/history.json`)).statusCode).toBe(302);
    const row = t.app.services.repos.db.$client.prepare('SELECT ended_at FROM web_sessions').get() as { ended_at: string | null };
    expect(row.ended_at).not.toBeNull();
  });

  it('a session still in use lives on; one idle for SESSION_IDLE_MINUTES ends', async () => {
    const c = await clockedApp({ sessions: { idleMinutes: 30, maxHours: 12 } });
    t = c.t;
    const session = await webSession(t.app, t.users.reviewer.token);
    // Used every 20 minutes for two hours: still open (each use moves last_seen_at).
    for (let i = 0; i < 6; i++) {
      c.advance(20 * MINUTE);
      expect((await page(t, session)).statusCode).toBe(200);
    }
    c.advance(31 * MINUTE);
    const idle = await page(t, session);
    expect(idle.statusCode).toBe(302);
    expect(setCookies(idle)['kp_session']).toBe('');
    // The sign-in form says why.
    expect(idle.headers.location).toBe('/ui/sign-in?next=%2Fui%2Fcases&ended=1');
    expect((await t.app.inject({ url: String(idle.headers.location) })).body).toContain('Your session has ended');
    expect((await t.app.inject({ url: '/ui/sign-in' })).body).not.toContain('session-ended');
    // Ended for good: coming back within what would have been the idle window does not revive it.
    c.advance(-10 * MINUTE);
    expect((await page(t, session)).statusCode).toBe(302);
  });

  it('last_seen_at is written at most once a minute, not on every page view', async () => {
    const c = await clockedApp();
    t = c.t;
    const session = await webSession(t.app, t.users.reviewer.token);
    const seen = () => (t.app.services.repos.db.$client.prepare('SELECT last_seen_at FROM web_sessions').get() as { last_seen_at: string }).last_seen_at;
    const first = seen();
    c.advance(30_000);
    await page(t, session);
    expect(seen()).toBe(first);
    c.advance(31_000);
    await page(t, session);
    expect(seen()).not.toBe(first);
  });

  it('a session ends SESSION_MAX_HOURS after sign-in however busy it is', async () => {
    const c = await clockedApp({ sessions: { idleMinutes: 30, maxHours: 2 } });
    t = c.t;
    const session = await webSession(t.app, t.users.reviewer.token);
    for (let i = 0; i < 5; i++) {
      c.advance(20 * MINUTE);
      expect((await page(t, session)).statusCode).toBe(200);
    }
    c.advance(21 * MINUTE); // 2 h 1 min after sign-in, 21 minutes after the last use
    expect((await page(t, session)).statusCode).toBe(302);
    // Signing in again opens a new session.
    const again = await webSession(t.app, t.users.reviewer.token);
    expect((await page(t, again)).statusCode).toBe(200);
  });

  it('disabling the user ends their sessions on the next request', async () => {
    t = await testApp();
    const session = await webSession(t.app, t.users.reviewer.token);
    expect((await page(t, session)).statusCode).toBe(200);
    t.app.services.repos.users.setDisabled(t.users.reviewer.id, true);
    expect((await page(t, session)).statusCode).toBe(302);
    // Enabling the user again does not revive the ended session.
    t.app.services.repos.users.setDisabled(t.users.reviewer.id, false);
    expect((await page(t, session)).statusCode).toBe(302);
  });

  it('revoking the token a session was opened with ends it; so does that token expiring', async () => {
    const c = await clockedApp();
    t = c.t;
    const session = await webSession(t.app, t.users.reviewer.token);
    t.app.services.repos.users.revokeTokens(t.users.reviewer.id, new Date().toISOString());
    expect((await page(t, session)).statusCode).toBe(302);

    const short = createUser(t.app.services.repos, 'short-lived', ['reviewer'], new Date().toISOString(), { ttlDays: 1 });
    const shortSession = await webSession(t.app, short.token);
    expect((await page(t, shortSession)).statusCode).toBe(200);
    // A new token does not keep a session signed in with the expired one.
    issueToken(t.app.services.repos, short.id, new Date().toISOString(), 30);
    c.advance(24 * 60 * MINUTE + MINUTE);
    expect((await page(t, shortSession)).statusCode).toBe(302);
  });

  it('a cookie that is not a live session is cleared and leads to the sign-in form', async () => {
    t = await testApp();
    for (const cookie of ['kp_session=nope', `kp_session=${'A'.repeat(43)}`, `kp_session=${t.users.reviewer.token}`]) {
      const res = await t.app.inject({ url: '/ui/cases', headers: { cookie } });
      expect(res.statusCode).toBe(302);
      expect(setCookies(res)['kp_session']).toBe('');
    }
  });

  it('a failed sign-in is recorded in the security log with the address, never the token', async () => {
    t = await testApp();
    const wrong = `kp_${'x'.repeat(43)}`;
    const { res } = await postSignIn(t.app, wrong);
    expect(res.statusCode).toBe(401);
    await postSignIn(t.app, 'my own password, pasted by mistake');
    t.app.services.repos.users.revokeTokens(t.users.policy.id, new Date().toISOString());
    const revoked = await postSignIn(t.app, t.users.policy.token);
    expect(revoked.res.statusCode).toBe(401);
    const events = t.app.services.security.list({ kind: 'sign_in_failed', limit: 10 });
    expect(events).toHaveLength(3);
    for (const e of events) {
      expect(e).toMatchObject({ kind: 'sign_in_failed', address: '127.0.0.1', route: '/ui/sign-in', status: 401 });
    }
    expect(events.map((e) => e.detail)).toEqual([{ reason: 'revoked' }, { reason: 'unknown' }, { reason: 'unknown' }]);
    // A token-shaped value leaves its prefix (for throttling); other text leaves nothing.
    expect(events.map((e) => e.tokenPrefix)).toEqual([t.users.policy.token.slice(0, 9), null, wrong.slice(0, 9)]);
    const stored = JSON.stringify(t.app.services.repos.db.$client.prepare('SELECT * FROM security_events').all());
    expect(stored).not.toContain(wrong);
    expect(stored).not.toContain(t.users.policy.token);
    expect(stored).not.toContain('password');
    expect(t.logs.join('')).not.toContain(wrong);
  });

  it('an expired token is told apart on the sign-in form', async () => {
    const c = await clockedApp();
    t = c.t;
    const short = createUser(t.app.services.repos, 'short-lived', ['reviewer'], new Date().toISOString(), { ttlDays: 1 });
    c.advance(2 * 24 * 60 * MINUTE);
    const { res } = await postSignIn(t.app, short.token);
    expect(res.statusCode).toBe(401);
    expect(res.body).toContain('This token has expired');
    expect(t.app.services.security.list({ kind: 'sign_in_failed', limit: 1 })[0]!.detail).toEqual({ reason: 'expired' });
  });
});

describe('CSRF on every /ui POST', () => {
  let t: T;
  afterEach(async () => t?.close());

  const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

  it('sign-in: refused without the token or with a wrong one (403, in the page style), accepted with it', async () => {
    t = await testApp();
    const form = await signInForm(t.app);
    expect(form.res.body).toMatch(/<input type="hidden" name="_csrf" value="[^"]+">/);
    const token = encodeURIComponent(t.users.reviewer.token);
    // No token, and no secret cookie either.
    const bare = await t.app.inject({ method: 'POST', url: '/ui/sign-in', payload: `token=${token}`, headers: FORM });
    // The secret cookie without the token.
    const noToken = await t.app.inject({ method: 'POST', url: '/ui/sign-in', payload: `token=${token}`, headers: { ...FORM, cookie: form.cookie } });
    // A wrong token with the secret.
    const wrong = await t.app.inject({ method: 'POST', url: '/ui/sign-in', payload: `_csrf=forged&token=${token}`, headers: { ...FORM, cookie: form.cookie } });
    // The token without its secret (another browser's).
    const stolen = await t.app.inject({ method: 'POST', url: '/ui/sign-in', payload: `_csrf=${encodeURIComponent(form.csrf)}&token=${token}`, headers: FORM });
    for (const res of [bare, noToken, wrong, stolen]) {
      expect(res.statusCode).toBe(403);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toContain('<h1>Form expired</h1>');
      expect(setCookies(res)['kp_session']).toBeUndefined();
    }
    expect(t.app.services.repos.db.$client.prepare('SELECT count(*) AS n FROM web_sessions').get()).toEqual({ n: 0 });
    const ok = await t.app.inject({ method: 'POST', url: '/ui/sign-in', payload: `_csrf=${encodeURIComponent(form.csrf)}&token=${token}`, headers: { ...FORM, cookie: form.cookie } });
    expect(ok.statusCode).toBe(303);
    expect(setCookies(ok)['kp_session']).toMatch(/^[\w-]{43}$/);
  });

  it('a secret cookie with a forged signature is refused', async () => {
    t = await testApp();
    const form = await signInForm(t.app);
    const forged = form.cookie.replace(/kp_csrf=([^.;]+)\.[^;]+/, 'kp_csrf=$1.forged');
    expect(forged).not.toBe(form.cookie);
    const res = await t.app.inject({ method: 'POST', url: '/ui/sign-in', payload: `_csrf=${encodeURIComponent(form.csrf)}&token=x`, headers: { ...FORM, cookie: forged } });
    expect(res.statusCode).toBe(403);
  });

  it('sign-out: refused without the token (the session lives on), accepted with it', async () => {
    t = await testApp();
    const session = await webSession(t.app, t.users.reviewer.token);
    const refused = await postForm(t.app, '/ui/sign-out', session, {}, { csrf: null });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('Form expired');
    const wrong = await postForm(t.app, '/ui/sign-out', session, {}, { csrf: 'nope' });
    expect(wrong.statusCode).toBe(403);
    expect((await page(t, session)).statusCode).toBe(200);
    // Every page's sign-out form carries a token that works.
    const fresh = csrfOf((await page(t, session)).body);
    const ok = await postForm(t.app, '/ui/sign-out', session, {}, { csrf: fresh });
    expect(ok.statusCode).toBe(303);
    expect((await page(t, session)).statusCode).toBe(302);
  });

  it('the refusal is in the page language, and a POST to a page that has none is refused first (never a 500)', async () => {
    t = await testApp();
    const ar = await t.app.inject({ method: 'POST', url: '/ui/sign-out?lang=ar', payload: '', headers: FORM });
    expect(ar.statusCode).toBe(403);
    expect(ar.body).toContain('dir="rtl"');
    expect(ar.body).toContain('انتهت صلاحية النموذج');
    for (const url of ['/ui/cases', '/ui/no-such-page']) {
      const res = await t.app.inject({ method: 'POST', url, payload: 'a=b', headers: FORM });
      expect([403, 404]).toContain(res.statusCode);
    }
    const json = await t.app.inject({ method: 'POST', url: '/ui/sign-in', payload: '{"token":"x"}', headers: { 'content-type': 'application/json' } });
    expect(json.statusCode).toBeLessThan(500);
    expect(json.statusCode).toBeGreaterThanOrEqual(400);
  });
});

describe('behind a TLS proxy (TRUST_PROXY)', () => {
  let t: T;
  afterEach(async () => t?.close());
  const HTTPS = { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.7' };

  it('with TRUST_PROXY: cookies are Secure, HSTS is sent, the client address is the forwarded one', async () => {
    t = await testApp({ trustProxy: true });
    const { res, form } = await postSignIn(t.app, t.users.reviewer.token, { headers: HTTPS });
    expect(res.statusCode).toBe(303);
    for (const line of ([] as string[]).concat(res.headers['set-cookie'] ?? [], form.res.headers['set-cookie'] ?? [])) expect(line).toMatch(/; Secure/);
    expect(res.headers['strict-transport-security']).toMatch(/^max-age=\d+/);
    expect((await t.app.inject({ url: '/v1/cases', headers: HTTPS })).headers['strict-transport-security']).toMatch(/^max-age=/);
    await postSignIn(t.app, 'kp_wrong', { headers: HTTPS });
    expect(t.app.services.security.list({ kind: 'sign_in_failed', limit: 1 })[0]!.address).toBe('203.0.113.7');
    // The same proxy over plain http: neither.
    const plain = await t.app.inject({ url: '/ui/sign-in', headers: { 'x-forwarded-proto': 'http' } });
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    expect(String(plain.headers['set-cookie'])).not.toMatch(/Secure/);
  });

  it('without it: the forwarded headers are not believed (no Secure, no HSTS), and local http keeps working', async () => {
    t = await testApp();
    const { res, form } = await postSignIn(t.app, t.users.reviewer.token, { headers: HTTPS });
    expect(res.statusCode).toBe(303);
    for (const line of ([] as string[]).concat(res.headers['set-cookie'] ?? [], form.res.headers['set-cookie'] ?? [])) expect(line).not.toMatch(/Secure/);
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect((await t.app.inject({ url: '/v1/cases', headers: HTTPS })).headers['strict-transport-security']).toBeUndefined();
    await postSignIn(t.app, 'kp_wrong', { headers: HTTPS });
    expect(t.app.services.security.list({ kind: 'sign_in_failed', limit: 1 })[0]!.address).toBe('127.0.0.1');
  });
});

describe('settings', () => {
  it('SESSION_IDLE_MINUTES, SESSION_MAX_HOURS and TRUST_PROXY: defaults, values, and bad values refused at start', () => {
    const defaults = loadConfig({});
    expect([defaults.SESSION_IDLE_MINUTES, defaults.SESSION_MAX_HOURS, defaults.TRUST_PROXY]).toEqual([30, 12, false]);
    expect(loadConfig({ SESSION_IDLE_MINUTES: '5', SESSION_MAX_HOURS: '1' })).toMatchObject({ SESSION_IDLE_MINUTES: 5, SESSION_MAX_HOURS: 1 });
    expect(loadConfig({ TRUST_PROXY: 'TRUE' }).TRUST_PROXY).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).TRUST_PROXY).toBe('10.0.0.0/8, 127.0.0.1');
    expect(loadConfig({ TRUST_PROXY: 'loopback' }).TRUST_PROXY).toBe('loopback');
    expect(() => loadConfig({ TRUST_PROXY: 'yes please' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ SESSION_IDLE_MINUTES: '0' })).toThrow(/SESSION_IDLE_MINUTES/);
  });

  it('a hop count as TRUST_PROXY believes that many proxies', async () => {
    const t = await testApp({ trustProxy: 1 });
    const res = await t.app.inject({ url: '/ui/sign-in', headers: { 'x-forwarded-proto': 'https' } });
    expect(res.headers['strict-transport-security']).toMatch(/^max-age=/);
    await t.close();
  });
});

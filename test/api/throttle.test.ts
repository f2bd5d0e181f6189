import { afterEach, describe, expect, it } from 'vitest';
import { createThrottle } from '../../src/auth/throttle.ts';
import { testApp } from '../support/app.ts';
import { expectError, type TestApp } from './helpers.ts';
import { postSignIn } from '../support/web.ts';
import { register } from '../support/flows.ts';

/**
 * Issue 10.7: failed authentication is throttled per client address and per token prefix (429
 * RATE_LIMITED with Retry-After, in the one error shape), recovers once the window has passed, and
 * every 401, 403 and 429 is in the security log reviewers read (GET /v1/security-events), never
 * with a token.
 */
let t: TestApp;
afterEach(async () => t?.close());

function clock(start = Date.parse('2030-01-01T00:00:00.000Z')) {
  let now = start;
  return { now: () => new Date(now).toISOString(), advance: (ms: number) => (now += ms) };
}

/** A request from a given client address (inject's remote address). */
async function from(t: TestApp, address: string, token: string | undefined, url = '/v1/cases') {
  const res = await t.app.inject({ method: 'GET', url, remoteAddress: address, headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.statusCode, body: res.json() as any, headers: res.headers };
}

const badToken = (prefix: string, i: number) => `kp_${prefix}${String(i).padStart(37, 'x')}`;

describe('throttling failed authentication', () => {
  it('per address: after N failures within the window, 429 with Retry-After (valid tokens too); after the window, it recovers', async () => {
    const c = clock();
    t = await testApp({ now: c.now, access: { authFailureLimit: 5, authFailureWindowSeconds: 60 } });
    for (let i = 0; i < 5; i++) {
      c.advance(1000);
      expectError(await from(t, '203.0.113.7', badToken(`A${i}bcde`, i)), 401, 'UNAUTHENTICATED');
    }
    const limited = await from(t, '203.0.113.7', badToken('Zzzzzz', 9));
    expectError(limited, 429, 'RATE_LIMITED');
    // The first failure was 5 s ago: the window frees a slot 55 s from now.
    expect(limited.headers['retry-after']).toBe('56');
    // A valid token from the throttled address is not looked at either (no oracle while throttled).
    expectError(await from(t, '203.0.113.7', t.users.caseworker.token), 429, 'RATE_LIMITED');
    // Another address is not affected.
    expect((await from(t, '198.51.100.1', t.users.caseworker.token)).status).toBe(200);

    c.advance(56_000);
    expect((await from(t, '203.0.113.7', t.users.caseworker.token)).status).toBe(200);
    expectError(await from(t, '203.0.113.7', badToken('Bbbbbb', 1)), 401, 'UNAUTHENTICATED');
  });

  it('per token prefix: failures from many addresses for one prefix throttle that prefix everywhere, not others', async () => {
    const c = clock();
    t = await testApp({ now: c.now, access: { authFailureLimit: 3, authFailureWindowSeconds: 30 } });
    for (let i = 0; i < 3; i++) expectError(await from(t, `192.0.2.${i + 1}`, badToken('Pppppp', i)), 401, 'UNAUTHENTICATED');
    const limited = await from(t, '192.0.2.99', badToken('Pppppp', 7));
    expectError(limited, 429, 'RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expectError(await from(t, '192.0.2.99', badToken('Qqqqqq', 7)), 401, 'UNAUTHENTICATED');
    c.advance(31_000);
    expectError(await from(t, '192.0.2.99', badToken('Pppppp', 8)), 401, 'UNAUTHENTICATED');
  });

  it('a client with a valid token is never slowed down', async () => {
    t = await testApp({ access: { authFailureLimit: 2, authFailureWindowSeconds: 60 } });
    for (let i = 0; i < 30; i++) expect((await from(t, '198.51.100.2', t.users.reviewer.token, '/v1/audit')).status).toBe(200);
  });

  it('the default limit (10 in 60 s) applies without settings', async () => {
    t = await testApp({ access: {} });
    for (let i = 0; i < 10; i++) expectError(await from(t, '198.51.100.3', badToken(`D${i}dddd`, i)), 401, 'UNAUTHENTICATED');
    const limited = await from(t, '198.51.100.3', badToken('Dxdddd', 0));
    expectError(limited, 429, 'RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(60);
  });
});

describe('the sliding window', () => {
  it('counts failures per key, frees slots as they age, and bounds its memory', () => {
    const th = createThrottle({ limit: 2, windowMs: 10_000, maxKeys: 3 });
    th.fail(['a'], 0);
    expect(th.blocked(['a'], 1)).toBeUndefined();
    th.fail(['a'], 5000);
    expect(th.blocked(['a'], 5000)).toBe(5);
    expect(th.blocked(['a', undefined], 9999)).toBe(1);
    expect(th.blocked(['a'], 10_000)).toBeUndefined();
    for (const k of ['b', 'c', 'd', 'e']) th.fail([k], 6000);
    expect(th.size()).toBe(3);
  });
});

describe('GET /v1/security-events', () => {
  it('holds every 401 (with why), 403 (with who) and 429, newest first, with route templates and token prefixes only', async () => {
    const c = clock();
    t = await testApp({ now: c.now, access: { authFailureLimit: 3, authFailureWindowSeconds: 60 } });
    const presented = [badToken('Ssssss', 1), badToken('Ssssss', 2)];
    await from(t, '203.0.113.20', presented[0]);
    await from(t, '203.0.113.20', undefined);
    await from(t, '203.0.113.20', presented[1]);
    await from(t, '203.0.113.20', badToken('Ssssss', 3));
    // A revoked token, an expired one.
    const u = await t.request('admin', 'POST', '/v1/users', { name: 'soon gone', roles: ['reviewer'] });
    await t.request('admin', 'POST', `/v1/users/${u.body.id}/tokens/revoke`);
    await from(t, '203.0.113.21', u.body.token);
    // 403: the wrong role on a route, and on a case route.
    expectError(await t.request('caseworker', 'GET', '/v1/users'), 403, 'FORBIDDEN');
    const caseId = await register(t, { person: { names: [{ given: 'A', family: 'B', script: 'latin' }], sex: 'female', dateOfBirth: { exact: '1990-01-01' }, nationalities: [{ state: 'FR', status: 'claimed' }] }, location: { kind: 'camp', name: 'X', state: 'SY', closed: true } });
    await t.request('reviewer', 'PATCH', `/v1/cases/${caseId}`, { location: { kind: 'camp', name: 'Y', state: 'SY', closed: true } }, { 'if-match': '1' });

    const r = await t.request('reviewer', 'GET', '/v1/security-events');
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const items = r.body.items as Array<Record<string, any>>;
    const ids = items.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const failed = items.filter((e) => e.kind === 'authentication_failed' && e.address === '203.0.113.20');
    expect(failed.map((e) => e.detail.reason).reverse()).toEqual(['unknown', 'missing', 'unknown']);
    expect(failed.every((e) => e.status === 401 && e.route === '/v1/cases')).toBe(true);
    expect(failed.map((e) => e.tokenPrefix).reverse()).toEqual(['kp_Ssssss', null, 'kp_Ssssss']);
    expect(items.find((e) => e.kind === 'rate_limited')).toMatchObject({ status: 429, address: '203.0.113.20', tokenPrefix: 'kp_Ssssss', detail: { reason: 'throttled' } });
    expect(items.find((e) => e.address === '203.0.113.21')).toMatchObject({ kind: 'authentication_failed', detail: { reason: 'revoked' } });
    expect(items.find((e) => e.kind === 'forbidden' && e.route === '/v1/users')).toMatchObject({ status: 403, actorId: t.users.caseworker.id });
    expect(items.find((e) => e.kind === 'forbidden' && e.route === '/v1/cases/:id')).toMatchObject({ actorId: t.users.reviewer.id, caseId, detail: { method: 'PATCH' } });

    // Never a token.
    const text = JSON.stringify(r.body);
    for (const token of [...presented, u.body.token, ...Object.values(t.users).map((x) => x.token)]) expect(text).not.toContain(token);

    // Filter by kind, page with the cursor.
    const forbidden = await t.request('admin', 'GET', '/v1/security-events?kind=forbidden');
    expect(forbidden.body.items.length).toBe(2);
    expect(forbidden.body.items.every((e: { kind: string }) => e.kind === 'forbidden')).toBe(true);
    const page1 = await t.request('data_protection_officer', 'GET', '/v1/security-events?limit=2');
    expect(page1.body.items).toHaveLength(2);
    const page2 = await t.request('data_protection_officer', 'GET', `/v1/security-events?limit=2&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items[0].id).toBeLessThan(page1.body.items[1].id);
    expectError(await t.request('reviewer', 'GET', '/v1/security-events?kind=nope'), 400, 'VALIDATION');
  });

  it('reviewer, data_protection_officer and admin read it; other roles get 403 (itself recorded)', async () => {
    t = await testApp();
    for (const role of ['reviewer', 'data_protection_officer', 'admin'] as const) expect((await t.request(role, 'GET', '/v1/security-events')).status).toBe(200);
    for (const role of ['caseworker', 'supervisor', 'bid_panel', 'legal_officer', 'policy'] as const) expectError(await t.request(role, 'GET', '/v1/security-events'), 403, 'FORBIDDEN');
    const r = await t.request('reviewer', 'GET', '/v1/security-events?kind=forbidden');
    expect(r.body.items).toHaveLength(5);
  });
});

describe('throttling failed sign-ins on the reviewers\' page', () => {
  it('the /ui sign-in form counts against the same limit: 429 page with Retry-After after N failures, even for a valid token; it recovers after the window', async () => {
    const c = clock();
    t = await testApp({ now: c.now, access: { authFailureLimit: 3, authFailureWindowSeconds: 60 } });
    for (let i = 0; i < 3; i++) {
      c.advance(1000);
      expect((await postSignIn(t.app, badToken(`W${i}bcde`, i))).res.statusCode).toBe(401);
    }
    const { res: limited } = await postSignIn(t.app, t.users.reviewer.token);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBe('58');
    expect(limited.body).toContain('Too many failed sign-ins');
    expect(limited.headers['set-cookie'] ?? []).not.toEqual(expect.arrayContaining([expect.stringContaining('kp_session=')]));
    // The API is throttled for this address too (one limit per address), and the event is logged without the token.
    expectError(await t.request('reviewer', 'GET', '/v1/cases'), 429, 'RATE_LIMITED');
    c.advance(61_000);
    const events = await t.request('reviewer', 'GET', '/v1/security-events?kind=rate_limited');
    expect(events.body.items.some((e: any) => e.route === '/ui/sign-in' && e.status === 429)).toBe(true);
    expect(JSON.stringify(events.body)).not.toContain(t.users.reviewer.token);
    expect((await postSignIn(t.app, t.users.reviewer.token)).res.statusCode).toBe(303);
  });
});

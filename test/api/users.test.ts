import { afterEach, describe, expect, it } from 'vitest';
import type { Role } from '../../workflows/roles.ts';
import { testApp } from '../support/app.ts';
import { expectError, issuePaths, type TestApp } from './helpers.ts';

/**
 * Issue 10.4: users, roles and tokens through the API. Four-eyes on grants that see identity (or
 * admin) once two admins are active; admin never with a case-working role; disable, enable,
 * revoke and issue tokens, refused on the very next request; tokens expire; every change in the
 * audit chain with no token in it.
 */
let t: TestApp;
afterEach(async () => t?.close());

const DAY = 86_400_000;
/** A movable clock for expiry. */
function clock(start = Date.parse('2030-01-01T00:00:00.000Z')) {
  let now = start;
  return { now: () => new Date(now).toISOString(), advance: (ms: number) => (now += ms) };
}

const accessRecords = async (t: TestApp) => {
  const r = await t.request('reviewer', 'GET', '/v1/audit?workflow=access&limit=200');
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.items as Array<{ type: string; caseId: string | null; actor: { id: string }; data: Record<string, any> }>;
};

/** Makes a second active admin (while there is one, the first admin's grant applies at once). */
async function secondAdmin(t: TestApp) {
  const r = await t.request('admin', 'POST', '/v1/users', { name: 'second admin', roles: ['admin'] });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { id: string; token: string };
}

describe('admin separation', () => {
  it.each([
    [['admin', 'caseworker']],
    [['admin', 'supervisor']],
    [['admin', 'bid_panel']],
    [['admin', 'legal_officer']],
    [['admin', 'data_protection_officer']],
  ] as Array<[Role[]]>)('a user never holds %j: 400 naming roles, nothing written', async (roles) => {
    t = await testApp();
    const before = t.app.services.repos.users.count();
    const r = await t.request('admin', 'POST', '/v1/users', { name: 'both', roles });
    expect(issuePaths(expectError(r, 400, 'VALIDATION'))).toEqual(['body.roles']);
    expect(t.app.services.repos.users.count()).toBe(before);
    // Nor by a role change.
    expect(issuePaths(expectError(await t.request('admin', 'PUT', `/v1/users/${t.users.caseworker.id}/roles`, { roles }), 400, 'VALIDATION'))).toEqual(['body.roles']);
    expect((await t.request('admin', 'GET', `/v1/users/${t.users.caseworker.id}`)).body.roles).toEqual(['caseworker']);
  });

  it('admin with reviewer or policy is allowed', async () => {
    t = await testApp();
    const r = await t.request('admin', 'POST', '/v1/users', { name: 'admin reviewer', roles: ['admin', 'reviewer'] });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  });

  it('only admin manages users, requests and tokens', async () => {
    t = await testApp();
    const id = t.users.caseworker.id;
    const routes: Array<['GET' | 'POST' | 'PUT' | 'DELETE', string, unknown?]> = [
      ['GET', '/v1/users'], ['POST', '/v1/users', { name: 'x', roles: ['reviewer'] }], ['GET', `/v1/users/${id}`], ['GET', '/v1/users/requests'],
      ['POST', `/v1/users/${id}/disable`], ['POST', `/v1/users/${id}/enable`], ['PUT', `/v1/users/${id}/roles`, { roles: ['reviewer'] }],
      ['POST', `/v1/users/${id}/tokens`, {}], ['POST', `/v1/users/${id}/tokens/revoke`], ['DELETE', '/v1/tokens/t-x'],
      ['POST', '/v1/users/requests/pr-x/confirm'], ['POST', '/v1/users/requests/pr-x/reject'],
    ];
    for (const role of ['caseworker', 'supervisor', 'bid_panel', 'legal_officer', 'reviewer', 'policy', 'data_protection_officer'] as const) {
      for (const [method, url, body] of routes) expectError(await t.request(role, method, url, body), 403, 'FORBIDDEN');
    }
    // The caseworker's token still works: nothing was disabled or revoked.
    expect((await t.request('caseworker', 'GET', '/v1/cases')).status).toBe(200);
  });
});

describe('four-eyes on grants that see identity, or admin', () => {
  it('with one active admin (the first start) a grant applies at once, and its record says single_admin', async () => {
    t = await testApp();
    const r = await t.request('admin', 'POST', '/v1/users', { name: 'new caseworker', roles: ['caseworker'] });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(Object.keys(r.body).sort()).toEqual(['id', 'name', 'roles', 'token']);
    expect((await t.request({ token: r.body.token }, 'GET', '/v1/cases')).status).toBe(200);
    const created = (await accessRecords(t)).find((x) => x.type === 'USER_CREATED' && x.data['userId'] === r.body.id)!;
    expect(created).toMatchObject({ caseId: null, actor: { id: t.users.admin.id }, data: { roles: ['caseworker'], teamIds: ['team-default'], fourEyes: 'single_admin' } });
  });

  it('with two active admins: 202 pending (no user, no token), listed, self-confirm refused, confirmed by the other → 201 with the token', async () => {
    t = await testApp();
    const other = await secondAdmin(t);
    const users = t.app.services.repos.users.count();
    const r = await t.request('admin', 'POST', '/v1/users', { name: 'pending caseworker', roles: ['caseworker', 'reviewer'] });
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    expect(r.body.request).toMatchObject({ kind: 'create_user', status: 'pending', requestedBy: t.users.admin.id, roles: ['caseworker', 'reviewer'] });
    expect(JSON.stringify(r.body)).not.toMatch(/kp_/);
    expect(t.app.services.repos.users.count()).toBe(users);

    const listed = await t.request({ token: other.token }, 'GET', '/v1/users/requests');
    expect(listed.body.items.map((x: { id: string }) => x.id)).toEqual([r.body.request.id]);

    const self = expectError(await t.request('admin', 'POST', `/v1/users/requests/${r.body.request.id}/confirm`), 403, 'FORBIDDEN');
    expect(self.message).toMatch(/four-eyes.*other than/);
    expect(t.app.services.repos.users.count()).toBe(users);

    const confirmed = await t.request({ token: other.token }, 'POST', `/v1/users/requests/${r.body.request.id}/confirm`);
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(201);
    expect(Object.keys(confirmed.body).sort()).toEqual(['id', 'name', 'roles', 'token']);
    expect(confirmed.body).toMatchObject({ name: 'pending caseworker', roles: ['caseworker', 'reviewer'] });
    expect((await t.request({ token: confirmed.body.token }, 'GET', '/v1/cases')).status).toBe(200);
    expect((await t.request({ token: other.token }, 'GET', '/v1/users/requests')).body.items).toEqual([]);
    const done = (await t.request('admin', 'GET', '/v1/users/requests?status=confirmed')).body.items;
    expect(done).toMatchObject([{ id: r.body.request.id, status: 'confirmed', decidedBy: other.id }]);
    // Decided once.
    expectError(await t.request({ token: other.token }, 'POST', `/v1/users/requests/${r.body.request.id}/confirm`), 422, 'INVALID_TRANSITION');

    const records = await accessRecords(t);
    expect(records.find((x) => x.type === 'PRIVILEGED_REQUESTED')).toMatchObject({ actor: { id: t.users.admin.id }, data: { requestId: r.body.request.id, kind: 'create_user' } });
    expect(records.find((x) => x.type === 'PRIVILEGED_CONFIRMED')).toMatchObject({ actor: { id: other.id }, data: { requestId: r.body.request.id, requestedBy: t.users.admin.id } });
    expect(records.find((x) => x.type === 'USER_CREATED' && x.data['userId'] === confirmed.body.id)).toMatchObject({
      actor: { id: other.id }, data: { fourEyes: 'confirmed', requestId: r.body.request.id, requestedBy: t.users.admin.id },
    });
  });

  it('a request can be rejected; it then applies nothing', async () => {
    t = await testApp();
    const other = await secondAdmin(t);
    const r = await t.request({ token: other.token }, 'POST', '/v1/users', { name: 'never', roles: ['legal_officer'] });
    expect(r.status).toBe(202);
    const rejected = await t.request('admin', 'POST', `/v1/users/requests/${r.body.request.id}/reject`);
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
    expect(rejected.body.request).toMatchObject({ status: 'rejected', decidedBy: t.users.admin.id });
    expectError(await t.request('admin', 'POST', `/v1/users/requests/${r.body.request.id}/confirm`), 422, 'INVALID_TRANSITION');
    expect((await t.request('admin', 'GET', '/v1/users')).body.items.some((u: { name: string }) => u.name === 'never')).toBe(false);
    expect((await accessRecords(t)).some((x) => x.type === 'PRIVILEGED_REJECTED' && x.data['requestId'] === r.body.request.id)).toBe(true);
    expectError(await t.request('admin', 'POST', '/v1/users/requests/pr-none/confirm'), 404, 'NOT_FOUND');
  });

  it('reviewer, policy and data_protection_officer grants apply at once even with two admins', async () => {
    t = await testApp();
    await secondAdmin(t);
    for (const role of ['reviewer', 'policy', 'data_protection_officer'] as const) {
      const r = await t.request('admin', 'POST', '/v1/users', { name: `new ${role}`, roles: [role] });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    }
    const created = (await accessRecords(t)).filter((x) => x.type === 'USER_CREATED').slice(-3);
    expect(created.map((x) => x.data['fourEyes'])).toEqual(['not_required', 'not_required', 'not_required']);
  });

  it('a role change that gains a role seeing identity waits; dropping one applies at once', async () => {
    t = await testApp();
    const other = await secondAdmin(t);
    const reviewer = t.users.reviewer.id;
    const r = await t.request('admin', 'PUT', `/v1/users/${reviewer}/roles`, { roles: ['reviewer', 'supervisor'] });
    expect(r.status, JSON.stringify(r.body)).toBe(202);
    expect(r.body.request).toMatchObject({ kind: 'set_roles', userId: reviewer, roles: ['reviewer', 'supervisor'] });
    expect((await t.request('admin', 'GET', `/v1/users/${reviewer}`)).body.roles).toEqual(['reviewer']);
    expectError(await t.request('admin', 'POST', `/v1/users/requests/${r.body.request.id}/confirm`), 403, 'FORBIDDEN');
    const confirmed = await t.request({ token: other.token }, 'POST', `/v1/users/requests/${r.body.request.id}/confirm`);
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body.user.roles).toEqual(['reviewer', 'supervisor']);
    // The reviewer's token carries the new roles on the next request.
    expect((await t.request('reviewer', 'GET', '/v1/tasks')).status).toBe(200);

    const dropped = await t.request('admin', 'PUT', `/v1/users/${reviewer}/roles`, { roles: ['reviewer'] });
    expect(dropped.status, JSON.stringify(dropped.body)).toBe(200);
    expect(dropped.body.roles).toEqual(['reviewer']);
    const changes = (await accessRecords(t)).filter((x) => x.type === 'ROLES_CHANGED');
    expect(changes.map((x) => [x.data['from'], x.data['roles'], x.data['fourEyes']])).toEqual([
      [['reviewer'], ['reviewer', 'supervisor'], 'confirmed'],
      [['reviewer', 'supervisor'], ['reviewer'], 'not_required'],
    ]);
  });

  it('granting admin waits too, and a new token for another user who sees identity is four-eyes (whoever holds it acts as them)', async () => {
    t = await testApp();
    const other = await secondAdmin(t);
    const r = await t.request('admin', 'POST', '/v1/users', { name: 'third admin', roles: ['admin'] });
    expect(r.status).toBe(202);
    const issued = await t.request('admin', 'POST', `/v1/users/${t.users.caseworker.id}/tokens`, {});
    expect(issued.status, JSON.stringify(issued.body)).toBe(202);
    expect(issued.body.request).toMatchObject({ kind: 'issue_token', userId: t.users.caseworker.id });
    // Nothing issued or revoked yet.
    expect((await t.request('caseworker', 'GET', '/v1/cases')).status).toBe(200);
    const confirmed = await t.request({ token: other.token }, 'POST', `/v1/users/requests/${issued.body.request.id}/confirm`);
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(201);
    expect((await t.request({ token: confirmed.body.token }, 'GET', '/v1/cases')).status).toBe(200);
    expect(expectError(await t.request('caseworker', 'GET', '/v1/cases'), 401, 'UNAUTHENTICATED').message).toMatch(/revoked/);
    // An admin's own new token, and a reviewer's, apply at once.
    expect((await t.request('admin', 'POST', `/v1/users/${t.users.reviewer.id}/tokens`, {})).status).toBe(201);
    const own = await t.request({ token: other.token }, 'POST', `/v1/users/${other.id}/tokens`, {});
    expect(own.status).toBe(201);
  });

  it('teamIds are accepted and must name teams', async () => {
    t = await testApp();
    expect(issuePaths(expectError(await t.request('admin', 'POST', '/v1/users', { name: 'x', roles: ['reviewer'], teamIds: ['team-nowhere'] }), 400, 'VALIDATION'))).toEqual(['body.teamIds']);
    const r = await t.request('admin', 'POST', '/v1/users', { name: 'x', roles: ['reviewer'], teamIds: ['team-default'] });
    expect(r.status).toBe(201);
    expect((await t.request('admin', 'GET', `/v1/users/${r.body.id}`)).body.teamIds).toEqual(['team-default']);
  });
});

describe('user and token lifecycle', () => {
  it('GET /v1/users and /v1/users/:id: status, roles, teams, token expiries, never a token or its hash', async () => {
    t = await testApp();
    const list = await t.request('admin', 'GET', '/v1/users');
    expect(list.status).toBe(200);
    const cw = list.body.items.find((u: { id: string }) => u.id === t.users.caseworker.id);
    expect(cw).toMatchObject({ name: 'caseworker', roles: ['caseworker'], status: 'active', teamIds: ['team-default'] });
    expect(cw.tokens).toHaveLength(1);
    expect(Object.keys(cw.tokens[0]).sort()).toEqual(['expiresAt', 'id', 'issuedAt', 'prefix', 'revokedAt', 'status']);
    const text = JSON.stringify(list.body);
    for (const u of Object.values(t.users)) expect(text).not.toContain(u.token);
    expect(text).not.toMatch(/tokenHash|token_hash/);
    expect((await t.request('admin', 'GET', `/v1/users/${t.users.caseworker.id}`)).body).toEqual(cw);
    expectError(await t.request('admin', 'GET', '/v1/users/u-none'), 404, 'NOT_FOUND');
  });

  it('a disabled user is refused on the very next request, with its own message; enabled again it works', async () => {
    t = await testApp();
    const id = t.users.caseworker.id;
    expect((await t.request('caseworker', 'GET', '/v1/cases')).status).toBe(200);
    const d = await t.request('admin', 'POST', `/v1/users/${id}/disable`);
    expect(d.status, JSON.stringify(d.body)).toBe(200);
    expect(d.body).toMatchObject({ id, status: 'disabled' });
    expect(expectError(await t.request('caseworker', 'GET', '/v1/cases'), 401, 'UNAUTHENTICATED').message).toMatch(/disabled/);
    const e = await t.request('admin', 'POST', `/v1/users/${id}/enable`);
    expect(e.body.status).toBe('active');
    expect((await t.request('caseworker', 'GET', '/v1/cases')).status).toBe(200);
    const types = (await accessRecords(t)).filter((x) => x.data['userId'] === id).map((x) => x.type);
    expect(types).toEqual(['USER_DISABLED', 'USER_ENABLED']);
  });

  it('the last active admin cannot disable themself or lose admin; with a second admin they can', async () => {
    t = await testApp();
    const me = t.users.admin.id;
    expectError(await t.request('admin', 'POST', `/v1/users/${me}/disable`), 422, 'INVALID_TRANSITION');
    expectError(await t.request('admin', 'PUT', `/v1/users/${me}/roles`, { roles: ['reviewer'] }), 422, 'INVALID_TRANSITION');
    expect((await t.request('admin', 'GET', '/v1/users')).status).toBe(200);
    const other = await secondAdmin(t);
    expect((await t.request({ token: other.token }, 'POST', `/v1/users/${me}/disable`)).status).toBe(200);
    expect(expectError(await t.request('admin', 'GET', '/v1/users'), 401, 'UNAUTHENTICATED').message).toMatch(/disabled/);
    expectError(await t.request({ token: other.token }, 'POST', `/v1/users/${other.id}/disable`), 422, 'INVALID_TRANSITION');
  });

  it('revoked tokens are refused on the next request; a new token replaces the old ones unless keepExisting', async () => {
    t = await testApp();
    const id = t.users.supervisor.id;
    const revoked = await t.request('admin', 'POST', `/v1/users/${id}/tokens/revoke`);
    expect(revoked.status, JSON.stringify(revoked.body)).toBe(200);
    expect(revoked.body.revoked).toHaveLength(1);
    expect(expectError(await t.request('supervisor', 'GET', '/v1/cases'), 401, 'UNAUTHENTICATED').message).toMatch(/revoked/);

    const first = await t.request('admin', 'POST', `/v1/users/${id}/tokens`, {});
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(Object.keys(first.body).sort()).toEqual(['expiresAt', 'token', 'tokenId']);
    const second = await t.request('admin', 'POST', `/v1/users/${id}/tokens`, { keepExisting: true });
    expect((await t.request({ token: first.body.token }, 'GET', '/v1/cases')).status).toBe(200);
    expect((await t.request({ token: second.body.token }, 'GET', '/v1/cases')).status).toBe(200);
    const third = await t.request('admin', 'POST', `/v1/users/${id}/tokens`);
    expect(third.status).toBe(201);
    for (const old of [first, second]) expect(expectError(await t.request({ token: old.body.token }, 'GET', '/v1/cases'), 401, 'UNAUTHENTICATED').message).toMatch(/revoked/);
    expect((await t.request({ token: third.body.token }, 'GET', '/v1/cases')).status).toBe(200);

    // One token by its id.
    const del = await t.request('admin', 'DELETE', `/v1/tokens/${third.body.tokenId}`);
    expect(del.status, JSON.stringify(del.body)).toBe(200);
    expect(del.body).toMatchObject({ id: third.body.tokenId, userId: id, status: 'revoked' });
    expect(expectError(await t.request({ token: third.body.token }, 'GET', '/v1/cases'), 401, 'UNAUTHENTICATED').message).toMatch(/revoked/);
    expectError(await t.request('admin', 'DELETE', '/v1/tokens/t-none'), 404, 'NOT_FOUND');
    // An unknown token says only that.
    expect(expectError(await t.request({ token: 'kp_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }, 'GET', '/v1/cases'), 401, 'UNAUTHENTICATED').message).toBe('unknown token');
  });

  it('tokens expire after TOKEN_TTL_DAYS: 401 saying it expired; a fresh one works', async () => {
    const c = clock();
    t = await testApp({ now: c.now, access: { tokenTtlDays: 30, authFailureLimit: 1000 } });
    const r = await t.request('admin', 'POST', '/v1/users', { name: 'short lived', roles: ['reviewer'] });
    const listed = (await t.request('admin', 'GET', `/v1/users/${r.body.id}`)).body;
    expect(listed.tokens[0].expiresAt).toBe(new Date(Date.parse(c.now()) + 30 * DAY).toISOString());
    c.advance(30 * DAY - 1000);
    expect((await t.request({ token: r.body.token }, 'GET', '/v1/audit')).status).toBe(200);
    c.advance(2000);
    const expired = expectError(await t.request({ token: r.body.token }, 'GET', '/v1/audit'), 401, 'UNAUTHENTICATED');
    expect(expired.message).toMatch(/expired/);
    expect((await t.request('admin', 'GET', `/v1/users/${r.body.id}`)).body.tokens[0].status).toBe('expired');
    const fresh = await t.request('admin', 'POST', `/v1/users/${r.body.id}/tokens`, {});
    expect((await t.request({ token: fresh.body.token }, 'GET', '/v1/audit')).status).toBe(200);
  });

  it('with the default setting a token lives 90 days', async () => {
    const c = clock();
    t = await testApp({ now: c.now });
    const r = await t.request('admin', 'POST', '/v1/users', { name: 'default', roles: ['policy'] });
    c.advance(89 * DAY);
    expect((await t.request({ token: r.body.token }, 'GET', '/v1/settings')).status).toBe(200);
    c.advance(1 * DAY);
    expect(expectError(await t.request({ token: r.body.token }, 'GET', '/v1/settings'), 401, 'UNAUTHENTICATED').message).toMatch(/expired/);
  });
});

describe('every privileged change is in the audit chain', () => {
  it('USER_CREATED, ROLES_CHANGED, USER_DISABLED, USER_ENABLED, TOKEN_ISSUED, TOKEN_REVOKED, PRIVILEGED_*: caseId null, no token, the chain verifies', async () => {
    t = await testApp();
    const tokens: string[] = [];
    const a = await t.request('admin', 'POST', '/v1/users', { name: 'Person Name Here', roles: ['reviewer'] });
    tokens.push(a.body.token);
    await t.request('admin', 'PUT', `/v1/users/${a.body.id}/roles`, { roles: ['reviewer', 'policy'] });
    await t.request('admin', 'POST', `/v1/users/${a.body.id}/disable`);
    await t.request('admin', 'POST', `/v1/users/${a.body.id}/enable`);
    tokens.push((await t.request('admin', 'POST', `/v1/users/${a.body.id}/tokens`, {})).body.token);
    await t.request('admin', 'POST', `/v1/users/${a.body.id}/tokens/revoke`);
    const other = await secondAdmin(t);
    tokens.push(other.token);
    const req1 = await t.request('admin', 'POST', '/v1/users', { name: 'Another Person', roles: ['caseworker'] });
    tokens.push((await t.request({ token: other.token }, 'POST', `/v1/users/requests/${req1.body.request.id}/confirm`)).body.token);
    const req2 = await t.request('admin', 'POST', '/v1/users', { name: 'Third Person', roles: ['supervisor'] });
    await t.request({ token: other.token }, 'POST', `/v1/users/requests/${req2.body.request.id}/reject`);

    const records = await accessRecords(t);
    const types = new Set(records.map((r) => r.type));
    for (const type of ['USER_CREATED', 'ROLES_CHANGED', 'USER_DISABLED', 'USER_ENABLED', 'TOKEN_ISSUED', 'TOKEN_REVOKED', 'PRIVILEGED_REQUESTED', 'PRIVILEGED_CONFIRMED', 'PRIVILEGED_REJECTED']) {
      expect(types, type).toContain(type);
    }
    expect(records.every((r) => r.caseId === null)).toBe(true);
    const issued = records.filter((r) => r.type === 'TOKEN_ISSUED');
    expect(issued.every((r) => typeof r.data['tokenId'] === 'string' && typeof r.data['expiresAt'] === 'string' && /^kp_.{6}$/.test(r.data['prefix']))).toBe(true);
    // Never a token, nor a person's name: ids, roles, teams, token ids and prefixes.
    const text = JSON.stringify(records) + JSON.stringify((await t.request('admin', 'GET', '/v1/audit?limit=200')).body);
    for (const token of [...tokens, ...Object.values(t.users).map((u) => u.token)]) expect(text).not.toContain(token);
    expect(text).not.toMatch(/Person Name Here|Another Person|Third Person/);
    const verify = await t.request('reviewer', 'GET', '/v1/audit/verify?full=true');
    expect(verify.body, JSON.stringify(verify.body)).toMatchObject({ ok: true });
    expect(verify.body.records).toBeGreaterThanOrEqual(records.length);
  });
});

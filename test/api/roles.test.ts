import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../workflows/roles.ts';
import { adultWoman, goodInterview, jurisdictionVersion, testApp, victimAssessment } from '../support/app.ts';
import { auditRows, expectError, type TestApp } from './helpers.ts';
import { register } from '../support/flows.ts';

/** Every role on every route (API.md "Resources"): allowed roles get the route's answer, others 403. */
let t: TestApp;
let caseId = '';

const jurisdiction = (validFrom: string) => jurisdictionVersion('XA', validFrom);

beforeAll(async () => {
  t = await testApp();
  caseId = await register(t, adultWoman);
  const j = await t.request('policy', 'PUT', '/v1/jurisdictions/XA', jurisdiction('2000-01-01'));
  expect(j.status, JSON.stringify(j.body)).toBe(200);
});
afterAll(async () => {
  await t.close();
});

// The data protection officer reads agreements, dossiers and audit need, not case content (DOMAIN.md roles).
const ALL: Role[] = ROLES.filter((r) => r !== 'data_protection_officer');
// An admin reads no case content: 403 on every case route (issue 10, docs/access.md).
const CASE_READERS: Role[] = ALL.filter((r) => r !== 'admin');
type Method = 'GET' | 'POST' | 'PATCH' | 'PUT';

interface Route {
  method: Method;
  path: string;
  url: () => string;
  body?: (role: Role) => unknown;
  headers?: () => Promise<Record<string, string>>;
  allowed: readonly Role[];
  /** The answer an allowed role gets. */
  ok: number;
}

const currentVersion = async () => ({ 'if-match': String((await t.request('caseworker', 'GET', `/v1/cases/${caseId}`)).body.version) });
let policyPuts = 0;

const routes: Route[] = [
  { method: 'POST', path: '/v1/cases', url: () => '/v1/cases', body: () => adultWoman, allowed: ['caseworker'], ok: 201 },
  { method: 'GET', path: '/v1/cases', url: () => '/v1/cases', allowed: CASE_READERS, ok: 200 },
  { method: 'GET', path: '/v1/cases/:id', url: () => `/v1/cases/${caseId}`, allowed: CASE_READERS, ok: 200 },
  {
    method: 'PATCH', path: '/v1/cases/:id', url: () => `/v1/cases/${caseId}`, body: () => ({ location: { kind: 'camp', name: 'Roj', state: 'SY', closed: true } }),
    headers: currentVersion, allowed: ['caseworker'], ok: 200,
  },
  {
    method: 'POST', path: '/v1/cases/:id/evidence', url: () => `/v1/cases/${caseId}/evidence`,
    body: () => ({ kind: 'statement', summary: 'a statement', concerns: 'general', source: 'field team', at: '2024-03-01' }), allowed: ['caseworker', 'legal_officer'], ok: 201,
  },
  // An unknown command type passes the route's role gate and then fails validation: 400 for roles that send commands, 403 for the rest.
  {
    method: 'POST', path: '/v1/cases/:id/commands', url: () => `/v1/cases/${caseId}/commands`, body: () => ({ workflow: 'screening', type: 'NO_SUCH_COMMAND' }),
    headers: currentVersion, allowed: ['caseworker', 'supervisor', 'bid_panel', 'legal_officer'], ok: 400,
  },
  { method: 'GET', path: '/v1/cases/:id/history', url: () => `/v1/cases/${caseId}/history`, allowed: CASE_READERS, ok: 200 },
  { method: 'GET', path: '/v1/audit', url: () => '/v1/audit', allowed: ['reviewer', 'admin'], ok: 200 },
  { method: 'GET', path: '/v1/audit/verify', url: () => '/v1/audit/verify', allowed: ['reviewer', 'admin'], ok: 200 },
  { method: 'GET', path: '/v1/rules', url: () => '/v1/rules', allowed: ALL, ok: 200 },
  { method: 'GET', path: '/v1/principles', url: () => '/v1/principles', allowed: ALL, ok: 200 },
  { method: 'GET', path: '/v1/workflows', url: () => '/v1/workflows', allowed: ALL, ok: 200 },
  { method: 'GET', path: '/v1/workflows/:kind', url: () => '/v1/workflows/screening', allowed: ALL, ok: 200 },
  { method: 'GET', path: '/v1/jurisdictions', url: () => '/v1/jurisdictions', allowed: ALL, ok: 200 },
  { method: 'GET', path: '/v1/jurisdictions/:code', url: () => '/v1/jurisdictions/XA', allowed: ALL, ok: 200 },
  {
    method: 'PUT', path: '/v1/jurisdictions/:code', url: () => '/v1/jurisdictions/XA',
    body: () => jurisdiction(`2010-01-${String(++policyPuts).padStart(2, '0')}`), allowed: ['policy'], ok: 200,
  },
  { method: 'GET', path: '/v1/settings', url: () => '/v1/settings', allowed: ALL, ok: 200 },
  { method: 'PUT', path: '/v1/settings', url: () => '/v1/settings', body: () => ({ consularSlaDays: 45 }), allowed: ['policy'], ok: 200 },
  { method: 'GET', path: '/v1/tasks', url: () => '/v1/tasks', allowed: CASE_READERS, ok: 200 },
  { method: 'GET', path: '/v1/users', url: () => '/v1/users', allowed: ['admin'], ok: 200 },
  { method: 'POST', path: '/v1/users', url: () => '/v1/users', body: () => ({ name: 'new user', roles: ['caseworker'] }), allowed: ['admin'], ok: 201 },
];

const table = routes.flatMap((route) => ALL.map((role) => ({ route, role, allowed: route.allowed.includes(role) })));

describe('every role on every route', () => {
  it.each(table.map((row) => [`${row.route.method} ${row.route.path} as ${row.role} → ${row.allowed ? row.route.ok : 403}`, row] as const))('%s', async (_name, { route, role, allowed }) => {
    const headers = route.headers ? await route.headers() : {};
    const before = auditRows(t).length;
    const r = await t.request(role, route.method, route.url(), route.body?.(role), headers);
    if (allowed) {
      expect(r.status, JSON.stringify(r.body)).toBe(route.ok);
      if (route.ok === 400) expect(r.body.error.code).toBe('VALIDATION');
    } else {
      expectError(r, 403, 'FORBIDDEN');
      expect(auditRows(t).length, 'a forbidden request writes nothing').toBe(before);
    }
  });
});

describe('authentication', () => {
  it.each(routes.map((r) => [`${r.method} ${r.path}`, r] as const))('%s without a token → 401', async (_name, route) => {
    const headers = route.headers ? await route.headers() : {};
    expectError(await t.request(null, route.method, route.url(), route.body?.('admin'), headers), 401, 'UNAUTHENTICATED');
  });

  it('/health answers without auth', async () => {
    const r = await t.request(null, 'GET', '/health');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ ok: true });
  });

  it('a user with several roles gets the union of their rights', async () => {
    const u = t.extra('reviewer and caseworker', 'reviewer', 'caseworker');
    expect((await t.request(u, 'GET', '/v1/audit')).status).toBe(200);
    expect((await t.request(u, 'POST', '/v1/cases', adultWoman)).status).toBe(201);
    expectError(await t.request(u, 'GET', '/v1/users'), 403, 'FORBIDDEN');
  });
});

describe('commands by role (WORKFLOWS.md "Who sends what")', () => {
  it('each role sends only its own screening commands', async () => {
    const id = await register(t, adultWoman);
    const steps: Array<[Role, string, Record<string, unknown> | undefined]> = [
      ['caseworker', 'START', undefined],
      ['caseworker', 'RECORD_INTERVIEW', goodInterview],
      ['caseworker', 'RECORD_ASSESSMENT', victimAssessment],
      ['caseworker', 'SUBMIT', undefined],
      ['supervisor', 'APPROVE', undefined],
    ];
    for (const [owner, type, data] of steps) {
      for (const role of ['caseworker', 'supervisor', 'bid_panel', 'legal_officer', 'reviewer', 'policy', 'admin'] as const) {
        if (role === owner) continue;
        expectError(await t.command(role, id, 'screening', type, data), 403, 'FORBIDDEN');
      }
      const ok = await t.command(owner, id, 'screening', type, data);
      expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    }
    expect((await t.request('reviewer', 'GET', `/v1/cases/${id}`)).body.workflows.find((w: { kind: string }) => w.kind === 'screening')).toMatchObject({ state: 'completed', outcome: 'victim' });
  });

  it('reviewer and policy never see a command in `next`; an admin does not see the case at all', async () => {
    for (const role of ['reviewer', 'policy'] as const) {
      const r = await t.request(role, 'GET', `/v1/cases/${caseId}`);
      expect(r.body.next).toEqual([]);
    }
    expectError(await t.request('admin', 'GET', `/v1/cases/${caseId}`), 403, 'FORBIDDEN');
  });
});

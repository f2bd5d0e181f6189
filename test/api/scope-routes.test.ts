import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../workflows/roles.ts';
import { adultWoman, boy, testApp } from '../support/app.ts';
import { signIn, type TestApp } from './helpers.ts';
import { register } from '../support/flows.ts';

/**
 * Need-to-know scope on every route (issue 10), generated from the routes the app registers
 * (`app.routes`), not from a list: a route added later is walked too.
 *
 * - Every route about one case (`/v1/cases/:id…`, `/ui/cases/:id…`), for every role: the answer
 *   for a case outside the caller's scope is exactly the answer for an unknown case (no existence
 *   oracle) and never a success; an admin gets 403; inside the scope the case is found.
 * - Every parameterless GET (lists, search, tasks, audit, pages), for every role: the body never
 *   names a case outside the caller's scope (id, reference, the child's name), and an admin's body
 *   names no case at all.
 * - A sealed case (KP-DATA-03, docs/retention.md), owned by the callers' team and assigned to them:
 *   out of scope for every role but the data protection officer, on every route and every list.
 */
let t: TestApp;
let inCase: { id: string; reference: string };
let outCase: { id: string; reference: string };
let sealedCase: { id: string; reference: string };
const SEALED_NAME = 'Sealedinaqar';
const UNKNOWN = '00000000-0000-4000-8000-00000000abcd';
const OUT_NAME = 'Zubaydaqar';
const IN_NAME = 'Yusuf';
const cookies = new Map<Role, string>();
/** Roles whose scope is some cases (the others read every case, or none). */
const SCOPED: Role[] = ['caseworker', 'supervisor', 'bid_panel', 'legal_officer'];

beforeAll(async () => {
  t = await testApp({ assignAll: false });
  const teamB = await t.team('field team B');
  const outsider = t.member([teamB], 'caseworker B', 'caseworker');
  const r1 = await t.request('caseworker', 'POST', '/v1/cases', boy());
  expect(r1.status).toBe(201);
  inCase = r1.body;
  // The bid_panel and legal_officer users work this case: assigned by the supervisor (case.ASSIGN).
  const assign = await t.command('supervisor', inCase.id, 'case', 'ASSIGN', { userIds: [t.users.caseworker.id, t.users.bid_panel.id, t.users.legal_officer.id] });
  expect(assign.status, JSON.stringify(assign.body)).toBe(200);
  const r2 = await t.request(outsider, 'POST', '/v1/cases', { ...boy('2017-03-03'), person: { ...boy('2017-03-03').person, names: [{ given: OUT_NAME, family: 'Qarawi', script: 'latin' }] } });
  expect(r2.status).toBe(201);
  outCase = r2.body;
  // Activity on the outside case, so that tasks and audit records exist for it.
  await t.request(outsider, 'POST', `/v1/cases/${outCase.id}/evidence`, { kind: 'statement', summary: 'a statement', concerns: 'general', source: 'field team', at: '2024-03-01' });
  await register(t, adultWoman);
  const r3 = await t.request('caseworker', 'POST', '/v1/cases', { ...boy('2012-03-03'), person: { ...boy('2012-03-03').person, names: [{ given: SEALED_NAME, family: 'Qarawi', script: 'latin' }] } });
  expect(r3.status).toBe(201);
  sealedCase = r3.body;
  expect((await t.command('supervisor', sealedCase.id, 'case', 'ASSIGN', { userIds: [t.users.caseworker.id, t.users.bid_panel.id, t.users.legal_officer.id] })).status).toBe(200);
  const seal = await t.command('data_protection_officer', sealedCase.id, 'case', 'SEAL', { reason: 'retention: sealing date reached' });
  expect(seal.status, JSON.stringify(seal.body)).toBe(200);
  for (const role of ROLES) cookies.set(role, await signIn(t, t.users[role].token));
  for (const c of [inCase, outCase, sealedCase]) firstSeq.set(c.id, t.app.services.repos.audit.list({ caseId: c.id, limit: 1 })[0]!.seq);
});
afterAll(async () => {
  await t.close();
});

const routesOf = () => t.app.routes.filter((r) => r.method !== 'HEAD' && r.method !== 'OPTIONS' && !r.url.includes('*'));
const CASE_ROUTE = /^\/(v1|ui)\/cases\/:id(\/|$)/;
/** A case's first audit record: what a route naming one of the case's records (`:seq`) is filled with. */
const firstSeq = new Map<string, number>();
const fill = (url: string, id: string) => url.replace(':id', id).replace(':seq', String(firstSeq.get(id) ?? 1)).replace(/:[A-Za-z]+/g, '1');

async function send(role: Role, method: string, url: string) {
  const ui = url.startsWith('/ui');
  const withBody = method !== 'GET' && method !== 'DELETE';
  const res = await t.app.inject({
    method: method as 'GET',
    url,
    headers: {
      ...(ui ? { cookie: cookies.get(role)! } : { authorization: `Bearer ${t.users[role].token}` }),
      ...(withBody ? { 'content-type': 'application/json' } : {}),
    },
    ...(withBody ? { payload: '{}' } : {}),
  });
  let body: any;
  try {
    body = res.json();
  } catch {
    body = undefined;
  }
  return { status: res.statusCode, text: res.body, body };
}

/** The answer with the case id taken out: what must not differ between an out-of-scope and an unknown case. */
const shape = (r: { status: number; body: any; text: string }, id: string) =>
  ({ status: r.status, code: r.body?.error?.code ?? null, message: (r.body?.error?.message ?? (r.text.includes('<html') ? '' : r.text)).replaceAll(id, '<id>') });

describe('need-to-know scope on every route (generated from the app\'s routes)', () => {
  it('walks the case routes of the API and the reviewers\' pages', () => {
    const caseRoutes = routesOf().filter((r) => CASE_ROUTE.test(r.url));
    // The walk is not empty and covers both surfaces and every verb in use.
    expect(caseRoutes.length).toBeGreaterThanOrEqual(12);
    expect(caseRoutes.some((r) => r.url.startsWith('/ui/'))).toBe(true);
    expect(new Set(caseRoutes.map((r) => r.method))).toEqual(new Set(['GET', 'POST', 'PATCH']));
  });

  it('every case route × every role: out of scope answers exactly as an unknown case; admin 403; in scope the case is found', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const route of routesOf().filter((r) => CASE_ROUTE.test(r.url))) {
      for (const role of ROLES) {
        const label = `${route.method} ${route.url} as ${role}`;
        const inside = await send(role, route.method, fill(route.url, inCase.id));
        const outside = await send(role, route.method, fill(route.url, outCase.id));
        const unknown = await send(role, route.method, fill(route.url, UNKNOWN));
        checked++;
        if (role === 'admin') {
          if (inside.status !== 403 || outside.status !== 403) failures.push(`${label}: admin got ${inside.status}/${outside.status}, not 403`);
          continue;
        }
        if (inside.text.includes(`case ${inCase.id} not found`) || (inside.status === 404 && route.url.startsWith('/ui'))) failures.push(`${label}: in scope, the case was not found`);
        if (!SCOPED.includes(role)) {
          // Reviewer, policy, DPO read every case: both cases answer alike.
          if (outside.status !== inside.status) failures.push(`${label}: every-case role got ${outside.status} outside vs ${inside.status} inside`);
          continue;
        }
        if (outside.status < 400) failures.push(`${label}: out of scope answered ${outside.status}`);
        const [o, u] = [shape(outside, outCase.id), shape(unknown, UNKNOWN)];
        if (JSON.stringify(o) !== JSON.stringify(u)) failures.push(`${label}: out of scope ${JSON.stringify(o)} differs from unknown ${JSON.stringify(u)}`);
        if (outside.text.includes(OUT_NAME) || outside.text.includes(outCase.reference)) failures.push(`${label}: the outside case's content leaked`);
      }
    }
    expect(checked).toBeGreaterThan(90);
    expect(failures).toEqual([]);
  });

  it('every case route × every role: a sealed case answers exactly as an unknown case for all but the DPO (KP-DATA-03)', async () => {
    const failures: string[] = [];
    for (const route of routesOf().filter((r) => CASE_ROUTE.test(r.url))) {
      for (const role of ROLES) {
        if (role === 'admin') continue;
        const label = `${route.method} ${route.url} as ${role}`;
        const sealed = await send(role, route.method, fill(route.url, sealedCase.id));
        if (role === 'data_protection_officer') {
          if (sealed.text.includes(`case ${sealedCase.id} not found`) || (sealed.status === 404 && route.url.startsWith('/ui'))) failures.push(`${label}: the DPO did not find the sealed case`);
          continue;
        }
        const unknown = await send(role, route.method, fill(route.url, UNKNOWN));
        if (sealed.status < 400) failures.push(`${label}: sealed answered ${sealed.status}`);
        const [o, u] = [shape(sealed, sealedCase.id), shape(unknown, UNKNOWN)];
        if (JSON.stringify(o) !== JSON.stringify(u)) failures.push(`${label}: sealed ${JSON.stringify(o)} differs from unknown ${JSON.stringify(u)}`);
        if (sealed.text.includes(SEALED_NAME) || sealed.text.includes(sealedCase.reference)) failures.push(`${label}: the sealed case's content leaked`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('every parameterless GET × every role: no case outside the scope is named; an admin is shown no case', async () => {
    const failures: string[] = [];
    const gets = routesOf().filter((r) => r.method === 'GET' && !r.url.includes(':'));
    expect(gets.map((r) => r.url)).toEqual(expect.arrayContaining(['/v1/cases', '/v1/tasks', '/v1/audit', '/ui/cases', '/ui/audit']));
    for (const route of gets) {
      for (const role of ROLES) {
        // Lists answered for the search and filters too: `q` with the child's name, the reference, the id.
        const urls = route.url.endsWith('/cases') ? [route.url, `${route.url}?q=${OUT_NAME}`, `${route.url}?q=${outCase.reference}`, `${route.url}?q=${outCase.id.slice(0, 8)}`, `${route.url}?child=true`, `${route.url}?nationality=FR`, `${route.url}?workflow=screening`] : [route.url];
        for (const url of urls) {
          const r = await send(role, 'GET', url);
          // The reviewers' search form shows back what was typed: that is not the case.
          const q = new URLSearchParams(url.split('?')[1] ?? '').get('q');
          if (q) r.text = r.text.replaceAll(`value="${q}"`, '').replaceAll(`q=${encodeURIComponent(q)}`, '');
          const hidden = role === 'admin' ? [inCase, outCase, sealedCase] : SCOPED.includes(role) ? [outCase, sealedCase] : role === 'data_protection_officer' ? [] : [sealedCase];
          for (const c of hidden) {
            for (const secret of [c.id, c.reference, c === outCase ? OUT_NAME : c === sealedCase ? SEALED_NAME : IN_NAME]) if (r.text.includes(secret)) failures.push(`GET ${url} as ${role} names ${secret}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('in scope, the lists do show the case (the filter is not simply empty)', async () => {
    for (const role of SCOPED) {
      const list = await t.request(role, 'GET', '/v1/cases?limit=200');
      expect(list.body.items.map((c: { id: string }) => c.id), role).toContain(inCase.id);
    }
    const search = await t.request('caseworker', 'GET', `/v1/cases?q=${IN_NAME}`);
    expect(search.body.items.map((c: { id: string }) => c.id)).toEqual([inCase.id]);
    expect((await t.request('reviewer', 'GET', '/v1/cases?limit=200')).body.items.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining([inCase.id, outCase.id]));
  });
});

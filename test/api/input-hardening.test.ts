import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH } from '../../src/engine/jsonInput.ts';
import { adultWoman, jurisdictionVersion, testApp } from '../support/app.ts';
import { auditRows, expectError, issuePaths, stored } from './helpers.ts';
import { register } from '../support/flows.ts';

/**
 * Issue 12.8–12.10: text that is not Unicode, bodies nested without end, and paths the router
 * cannot decode are all bad input — 400 VALIDATION naming where, nothing written — and their
 * well-formed neighbours are accepted.
 */

type T = Awaited<ReturnType<typeof testApp>>;
let t: T;
let caseId: string;
beforeAll(async () => {
  t = await testApp();
  caseId = await register(t, adultWoman);
});
afterAll(() => t.close());

/** The JSON text of a value with `"\ud800"` (valid JSON, a lone surrogate once parsed) at the marked place. */
const withLoneSurrogate = (value: unknown) => JSON.stringify(value).replace('"@LONE@"', '"\\ud800"');
const version = () => stored(t, caseId).version;

describe('12.8 a lone UTF-16 surrogate is refused as 400 VALIDATION naming the field, everywhere text enters', () => {
  const cases: Array<[string, () => Promise<{ status: number; body: any }>, string]> = [
    ['a name on POST /v1/cases', () => t.request('caseworker', 'POST', '/v1/cases', withLoneSurrogate({ ...adultWoman, person: { ...adultWoman.person, names: [{ given: '@LONE@', family: 'H', script: 'latin' }] } })), 'body.person.names.0.given'],
    ['a case field on PATCH', async () => t.request('caseworker', 'PATCH', `/v1/cases/${caseId}`, withLoneSurrogate({ location: { ...adultWoman.location, name: '@LONE@' } }), { 'if-match': String(version()) }), 'body.location.name'],
    ['evidence', () => t.request('caseworker', 'POST', `/v1/cases/${caseId}/evidence`, withLoneSurrogate({ kind: 'testimony', summary: '@LONE@', concerns: 'own_conduct', tortureAllegation: 'none', source: 'interview' })), 'body.summary'],
    ["a command's justification", async () => t.request('caseworker', 'POST', `/v1/cases/${caseId}/commands`, withLoneSurrogate({ workflow: 'screening', type: 'START', justification: '@LONE@' }), { 'if-match': String(version()) }), 'body.justification'],
    ["a command's data", async () => t.request('caseworker', 'POST', `/v1/cases/${caseId}/commands`, withLoneSurrogate({ workflow: 'screening', type: 'RECORD_INTERVIEW', data: { language: '@LONE@' } }), { 'if-match': String(version()) }), 'body.data.language'],
    ['a jurisdiction', () => t.request('policy', 'PUT', '/v1/jurisdictions/QQ', withLoneSurrogate({ ...jurisdictionVersion('QQ', '2020-01-01'), name: '@LONE@' })), 'body.name'],
    ["a user's name", () => t.request('admin', 'POST', '/v1/users', withLoneSurrogate({ name: '@LONE@', roles: ['caseworker'] })), 'body.name'],
    ['a simulation', () => t.request('policy', 'POST', '/v1/simulate', withLoneSurrogate({ caseId, commands: [{ workflow: 'screening', type: 'START', justification: '@LONE@' }] })), 'body.commands.0.justification'],
    ['a field name', () => t.request('caseworker', 'POST', '/v1/cases', JSON.stringify(adultWoman).replace('"person"', '"\\udc00person"')), 'body.\\udc00person'],
  ];
  for (const [what, send, path] of cases) {
    it(`in ${what}: ${path}`, async () => {
      const audit = auditRows(t).length;
      const before = stored(t, caseId);
      const users = t.app.services.repos.users.list().length;
      const error = expectError(await send(), 400, 'VALIDATION');
      expect(issuePaths(error)).toContain(path);
      expect(error.message).toContain('lone UTF-16 surrogate');
      expect(auditRows(t).length).toBe(audit);
      expect(stored(t, caseId)).toEqual(before);
      expect(t.app.services.repos.users.list().length).toBe(users);
    });
  }

  it('in a scenario (YAML text): scenario.<field>', async () => {
    const error = expectError(await t.request('policy', 'POST', '/v1/scenarios/run', 'name: "\\ud800"\n', { 'content-type': 'application/yaml' }), 400, 'VALIDATION');
    expect(issuePaths(error)).toContain('scenario.name');
  });

  it('well-formed text outside the Basic Multilingual Plane and in Arabic script is accepted and kept as sent', async () => {
    const name = 'Amina 😀 𝒜';
    const created = await t.request('caseworker', 'POST', '/v1/cases', { ...adultWoman, person: { ...adultWoman.person, names: [{ given: name, family: 'حداد', script: 'arabic' }] } });
    expect(created.status).toBe(201);
    expect(created.body.person.names[0]).toMatchObject({ given: name, family: 'حداد' });
    const user = await t.request('admin', 'POST', '/v1/users', { name: 'رنا 🌿', roles: ['caseworker'] });
    expect(user.status).toBe(201);
    expect(user.body.name).toBe('رنا 🌿');
    const verify = await t.request('reviewer', 'GET', '/v1/audit/verify');
    expect(verify.body.ok).toBe(true);
  });
});

describe('12.9 JSON nesting is bounded for every body (400 naming the path), and no walk can exhaust the stack', () => {
  const deep = (levels: number) => '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);

  it('POST /v1/simulate with command data nested 10,000 levels deep: 400 naming the path, nothing written', async () => {
    const audit = auditRows(t).length;
    const res = await t.request('policy', 'POST', '/v1/simulate', `{"caseId":"${caseId}","commands":[{"workflow":"screening","type":"START","data":${deep(10_000)}}]}`);
    const error = expectError(res, 400, 'VALIDATION');
    const [path] = issuePaths(error);
    expect(path).toMatch(/^body\.commands\.0\.data(\.a)+$/);
    expect(error.message).toContain(`nested more than ${MAX_JSON_DEPTH} levels deep`);
    expect(auditRows(t).length).toBe(audit);
  });

  it('arrays count too, on any route (a case body)', async () => {
    const error = expectError(await t.request('caseworker', 'POST', '/v1/cases', `{"person":${'['.repeat(5000)}${']'.repeat(5000)}}`), 400, 'VALIDATION');
    expect(issuePaths(error)[0]).toMatch(/^body\.person(\.0)+$/);
  });

  it('a scenario nested past the bound is refused the same way', async () => {
    const error = expectError(await t.request('policy', 'POST', '/v1/scenarios/run', deep(MAX_JSON_DEPTH + 5)), 400, 'VALIDATION');
    expect(issuePaths(error)[0]).toMatch(/^body(\.a)+$/);
  });

  it('data nested well within the bound reaches the command and its own schema (simulate reports the step)', async () => {
    const res = await t.request('policy', 'POST', '/v1/simulate', `{"caseId":"${caseId}","commands":[{"workflow":"screening","type":"RECORD_INTERVIEW","data":{"extra":${deep(10)}}}]}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.steps[0].status).toBe(400);
    expect(res.body.steps[0].error.code).toBe('VALIDATION');
  });
});

describe('12.10 the router\'s own errors keep the one error shape (fastify frameworkErrors)', () => {
  for (const bad of ['%zz', '%C0%AE', '%', '%ED%A0%80']) {
    it(`bad percent-encoding (${bad}) is 400 VALIDATION naming the params`, async () => {
      const error = expectError(await t.request('caseworker', 'GET', `/v1/cases/${bad}`), 400, 'VALIDATION');
      expect(issuePaths(error)).toEqual(['params']);
    });
  }

  it('a path parameter over 100 characters is 400 VALIDATION (not 414 FST_ERR_MAX_PARAM_LENGTH); one of 65–100 fails its schema', async () => {
    expect(issuePaths(expectError(await t.request('caseworker', 'GET', `/v1/cases/${'a'.repeat(101)}`), 400, 'VALIDATION'))).toEqual(['params']);
    expect(issuePaths(expectError(await t.request('caseworker', 'GET', `/v1/cases/${'a'.repeat(80)}/history`), 400, 'VALIDATION'))).toEqual(['params.id']);
  });

  it('well-formed percent-encoding is decoded and routed: an unknown id is 404, a known one (encoded) is 200', async () => {
    expectError(await t.request('caseworker', 'GET', '/v1/cases/%41bc'), 404, 'NOT_FOUND');
    const encoded = caseId.replace(/-/g, '%2D');
    const res = await t.request('caseworker', 'GET', `/v1/cases/${encoded}`);
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(caseId);
  });

  it('other framework answers: unsupported content type 415, empty JSON body 400, prototype poisoning 400 — all in the shape', async () => {
    expectError(await t.request('caseworker', 'POST', '/v1/cases', '<x/>', { 'content-type': 'application/xml' }), 415, 'VALIDATION');
    expectError(await t.request('caseworker', 'POST', '/v1/cases', '', { 'content-type': 'application/json' }), 400, 'VALIDATION');
    expectError(await t.request('caseworker', 'POST', '/v1/cases', '{"__proto__":{"admin":true}}'), 400, 'VALIDATION');
    expectError(await t.request('caseworker', 'POST', '/v1/cases', '{"constructor":{"prototype":{"admin":true}}}'), 400, 'VALIDATION');
  });

  it('requests node\'s HTTP parser rejects are answered in the shape too (clientErrorHandler), on a real socket', async () => {
    const { buildApp } = await import('../../src/app.ts');
    const app = await buildApp({ databasePath: ':memory:', logLevel: 'silent' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as { port: number }).port;
    const raw = (request: string) =>
      new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1', () => socket.write(request));
        let answer = '';
        socket.on('data', (d) => (answer += d.toString()));
        socket.on('close', () => resolve(answer));
        socket.on('error', reject);
      });
    try {
      const malformed = await raw('GET /v1/cases HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n');
      expect(malformed).toMatch(/^HTTP\/1\.1 400 /);
      expect(JSON.parse(malformed.slice(malformed.indexOf('\r\n\r\n') + 4))).toMatchObject({ error: { code: 'VALIDATION', details: [{ path: 'request' }] } });
      const huge = await raw(`GET /v1/cases HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
      expect(huge).toMatch(/^HTTP\/1\.1 431 /);
      expect(JSON.parse(huge.slice(huge.indexOf('\r\n\r\n') + 4))).toMatchObject({ error: { code: 'VALIDATION', details: [{ path: 'headers' }] } });
    } finally {
      await app.close();
    }
  });
});

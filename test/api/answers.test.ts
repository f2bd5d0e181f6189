import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkpointBody, cosign, loadOrCreateKey } from '../../src/audit/signer.ts';
import { ANSWERS } from '../../src/api/answers.ts';
import { ALG_COSIGNATURE_V1, parseNote } from '../../tools/audit-verify.mjs';
import { adultWoman, boy, goodInterview, jurisdictionVersion, testApp } from '../support/app.ts';
import { postForm, postSignIn, webSession } from '../support/web.ts';
import { register } from '../support/flows.ts';

/**
 * Every route's declared answers (src/api/answers.ts, shown in OpenAPI and /docs) against one real
 * answer of each: a field the schema promises and the route does not send fails here, and so does
 * a route that answers with a status it does not declare. Routes are not serialized through these
 * schemas, so nothing the route sends is dropped.
 */
type Seen = { status: number; type: string; body: unknown; location: unknown };
/** The user routes that serialize their 201 and 202 through their own response schemas. */
const SERIALIZED = ['POST /v1/users', 'POST /v1/users/:id/tokens'];

describe('declared answers fit real answers, one per route', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let dir: string;
  const seen = new Map<string, Seen[]>();
  let doc: any;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kp-answers-'));
    t = await testApp({ audit: { keyPath: join(dir, 'log.key') } });
    doc = (await t.request(null, 'GET', '/openapi.json')).body;
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Records the answer under its route (`METHOD /fastify/:path`). */
  const keep = (key: string, res: { statusCode: number; headers: Record<string, unknown>; body: string }) => {
    const type = String(res.headers['content-type'] ?? '').split(';')[0]!;
    seen.set(key, [...(seen.get(key) ?? []), { status: res.statusCode, type, body: type === 'application/json' ? JSON.parse(res.body) : res.body, location: res.headers['location'] }]);
    return res;
  };
  const api = async (key: string, as: Parameters<typeof t.request>[0], url: string, body?: unknown, headers?: Record<string, string>) => {
    const [method] = key.split(' ') as ['GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'];
    const res = await t.request(as, method, url, body, headers);
    keep(key, res.raw);
    return res;
  };

  it('collects one answer of every route', async () => {
    await api('GET /health', null, '/health');
    // Cases, evidence, commands, history, reads.
    const reg = await api('POST /v1/cases', 'caseworker', '/v1/cases', adultWoman);
    const id = reg.body.id as string;
    await api('GET /v1/cases', 'caseworker', '/v1/cases?limit=5');
    await api('GET /v1/cases/:id', 'caseworker', `/v1/cases/${id}`);
    await api('PATCH /v1/cases/:id', 'caseworker', `/v1/cases/${id}`, { location: { ...adultWoman.location, name: 'Roj' } }, { 'if-match': '1' });
    await api('POST /v1/cases/:id/evidence', 'caseworker', `/v1/cases/${id}/evidence`, { kind: 'statement', summary: 'witness statement', concerns: 'own_conduct', source: 'field team', at: '2024-03-01' });
    const current = (await t.request('caseworker', 'GET', `/v1/cases/${id}`)).body.version as number;
    await api('POST /v1/cases/:id/commands', 'caseworker', `/v1/cases/${id}/commands`, { workflow: 'screening', type: 'START' }, { 'if-match': String(current) });
    await api('GET /v1/cases/:id/history', 'caseworker', `/v1/cases/${id}/history`);
    await api('GET /v1/cases/:id/history', 'caseworker', `/v1/cases/${id}/history?proofs=true&limit=2`);
    const child = await register(t, boy());
    await t.request('caseworker', 'GET', `/v1/cases/${child}`);
    await api('GET /v1/cases/:id/reads', 'reviewer', `/v1/cases/${child}/reads`);

    // Data-sharing agreements and a dossier.
    const dpo2 = t.extra('dpo-2', 'data_protection_officer');
    const agreement = { recipient: { name: 'Consulate of France', kind: 'consular', state: 'FR' }, legalBasis: 'bilateral arrangement, art. 4', purposes: ['organise repatriation'], fields: ['names', 'ageBand'], validFrom: '2020-01-01', validTo: '2099-12-31' };
    const proposed = await api('POST /v1/agreements', 'data_protection_officer', '/v1/agreements', agreement);
    await api('POST /v1/agreements/:id/approve', { token: dpo2.token }, `/v1/agreements/${proposed.body.id}/approve`);
    await api('GET /v1/agreements', 'reviewer', '/v1/agreements');
    await api('GET /v1/agreements/:id', 'reviewer', `/v1/agreements/${proposed.body.id}`);
    await api('GET /v1/cases/:id/dossier', 'data_protection_officer', `/v1/cases/${id}/dossier?agreement=${proposed.body.id}`);
    await api('GET /v1/cases/:id/dossier', 'data_protection_officer', `/v1/cases/${id}/dossier?agreement=${proposed.body.id}&format=html`);

    // Break-glass: a supervisor of another team opens the case; the owning team's supervisor reviews.
    const other = await t.team('night team');
    const outsider = t.member([other], 'outsider supervisor', 'supervisor');
    const opened = await api('POST /v1/cases/:id/break-glass', outsider, `/v1/cases/${child}/break-glass`, { justification: 'child reported in acute medical danger tonight' });
    await api('GET /v1/cases/:id/break-glass', 'supervisor', `/v1/cases/${child}/break-glass`);
    await api('POST /v1/cases/:id/break-glass/:breakGlassId/review', 'supervisor', `/v1/cases/${child}/break-glass/${opened.body.id}/review`);

    // The audit log and its transparency log.
    await api('GET /v1/audit', 'reviewer', '/v1/audit?limit=5');
    await api('GET /v1/audit', 'reviewer', '/v1/audit?limit=5&form=hashed');
    await api('GET /v1/audit/verify', 'reviewer', '/v1/audit/verify');
    await api('GET /v1/audit/verify', 'reviewer', '/v1/audit/verify?detail=true');
    await api('GET /v1/audit/verify/progress', 'reviewer', '/v1/audit/verify/progress');
    const cp = await api('POST /v1/audit/checkpoint', 'reviewer', '/v1/audit/checkpoint');
    await api('GET /v1/audit/checkpoint', 'reviewer', '/v1/audit/checkpoint');
    await api('GET /v1/audit/checkpoints', 'reviewer', '/v1/audit/checkpoints');
    const key = await api('GET /v1/audit/key', 'reviewer', '/v1/audit/key');
    await api('GET /v1/audit/proof/inclusion', 'reviewer', '/v1/audit/proof/inclusion?seq=1');
    await api('GET /v1/audit/proof/consistency', 'reviewer', `/v1/audit/proof/consistency?from=1&to=${cp.body.size}`);
    const witness = loadOrCreateKey(null, 'w1.example.org', ALG_COSIGNATURE_V1);
    const line = cosign(witness, parseNote(cp.body.note).body, Math.floor(Date.now() / 1000));
    await api('POST /v1/audit/cosignatures', 'reviewer', '/v1/audit/cosignatures', { size: cp.body.size, vkey: witness.vkey, line });
    // A checkpoint signed with the log's key over another history: a fork.
    const forged = t.app.services.transparency.signStatement(checkpointBody(key.body.name, cp.body.size, randomBytes(32), new Date().toISOString()));
    await api('POST /v1/audit/forks', 'reviewer', '/v1/audit/forks', { witness: 'w1.example.org', notes: [forged] });
    await api('GET /v1/audit/forks', 'reviewer', '/v1/audit/forks');
    await api('GET /v1/security-events', 'reviewer', '/v1/security-events?limit=5');

    // Catalogue, workflows, tasks.
    await api('GET /v1/rules', 'caseworker', '/v1/rules');
    const recorded = (await t.request('reviewer', 'GET', '/v1/audit?limit=1')).body.items[0].rulesetHash as string;
    await api('GET /v1/rules', 'caseworker', `/v1/rules?hash=${recorded}`);
    await api('GET /v1/principles', 'caseworker', '/v1/principles');
    await api('GET /v1/tasks', 'supervisor', '/v1/tasks');
    await api('GET /v1/workflows', 'caseworker', '/v1/workflows');
    await api('GET /v1/workflows/:kind', 'caseworker', '/v1/workflows/screening');
    await api('GET /v1/workflows/:kind/diagram', 'caseworker', '/v1/workflows/screening/diagram');
    await api('GET /v1/workflows/:kind/diagram', 'caseworker', '/v1/workflows/screening/diagram?format=json');

    // Policy data, dry runs, impact.
    await api('PUT /v1/jurisdictions/:code', 'policy', '/v1/jurisdictions/ZZ', jurisdictionVersion('ZZ', '2020-01-01'));
    await api('GET /v1/jurisdictions', 'caseworker', '/v1/jurisdictions');
    await api('GET /v1/jurisdictions/:code', 'caseworker', '/v1/jurisdictions/ZZ');
    await api('GET /v1/settings', 'caseworker', '/v1/settings');
    await api('PUT /v1/settings', 'policy', '/v1/settings', { bidPanelMinMembers: 3 });
    await api('GET /v1/assistance-eligibility', 'caseworker', '/v1/assistance-eligibility');
    await api('PUT /v1/assistance-eligibility', 'policy', '/v1/assistance-eligibility', [{ id: 'food-all', assistance: 'food', criteria: [] }]);
    await api('POST /v1/simulate', 'policy', '/v1/simulate', { caseFile: adultWoman, commands: [{ as: 'caseworker', workflow: 'screening', type: 'START' }, { as: 'caseworker', workflow: 'screening', type: 'RECORD_INTERVIEW', data: goodInterview }] });
    await api('POST /v1/scenarios/run', 'policy', '/v1/scenarios/run', {
      name: 'start', description: 'a screening starts',
      caseFile: adultWoman,
      steps: [{ as: 'caseworker', workflow: 'screening', type: 'START', expect: { result: 'applied', state: 'in_progress' } }],
    });
    await api('POST /v1/impact', 'policy', '/v1/impact', { change: { settings: { bidPanelMinMembers: 4 } } });
    await api('GET /v1/rule-sets', 'policy', '/v1/rule-sets');

    // Users, tokens and teams.
    const created = await api('POST /v1/users', 'admin', '/v1/users', { name: 'a reviewer', roles: ['reviewer'] });
    const uid = created.body.id as string;
    await api('GET /v1/users', 'admin', '/v1/users');
    await api('GET /v1/users/:id', 'admin', `/v1/users/${uid}`);
    await api('POST /v1/users/:id/disable', 'admin', `/v1/users/${uid}/disable`);
    await api('POST /v1/users/:id/enable', 'admin', `/v1/users/${uid}/enable`);
    await api('PUT /v1/users/:id/roles', 'admin', `/v1/users/${uid}/roles`, { roles: ['reviewer', 'policy'] });
    const issued = await api('POST /v1/users/:id/tokens', 'admin', `/v1/users/${uid}/tokens`, { keepExisting: true });
    await api('DELETE /v1/tokens/:id', 'admin', `/v1/tokens/${issued.body.tokenId}`);
    await api('POST /v1/users/:id/tokens/revoke', 'admin', `/v1/users/${uid}/tokens/revoke`);
    // With a second admin, a role that sees identity waits for confirmation.
    const admin2 = t.extra('second admin', 'admin');
    const asked = await t.request('admin', 'PUT', `/v1/users/${uid}/roles`, { roles: ['caseworker'] });
    expect(asked.status).toBe(202);
    await api('GET /v1/users/requests', 'admin', '/v1/users/requests');
    await api('POST /v1/users/requests/:id/confirm', { token: admin2.token }, `/v1/users/requests/${asked.body.request.id}/confirm`);
    const again = await t.request('admin', 'PUT', `/v1/users/${uid}/roles`, { roles: ['supervisor'] });
    await api('POST /v1/users/requests/:id/reject', { token: admin2.token }, `/v1/users/requests/${again.body.request.id}/reject`);
    const team = await api('POST /v1/teams', 'admin', '/v1/teams', { name: 'day team' });
    await api('GET /v1/teams', 'supervisor', '/v1/teams');
    await api('GET /v1/teams/:id', 'supervisor', `/v1/teams/${team.body.id}`);
    await api('POST /v1/teams/:id/members', 'admin', `/v1/teams/${team.body.id}/members`, { userId: uid });
    await api('DELETE /v1/teams/:id/members/:userId', 'admin', `/v1/teams/${team.body.id}/members/${uid}`);

    // The reviewers' pages.
    const page = async (key: string, url: string, cookie: string) => keep(key, await t.app.inject({ url, headers: { cookie } }));
    keep('GET /ui/sign-in', await t.app.inject({ url: '/ui/sign-in' }));
    const reviewer = await webSession(t.app, t.users.reviewer.token);
    keep('POST /ui/sign-in', (await postSignIn(t.app, t.users.reviewer.token)).res);
    await page('GET /ui/', '/ui/', reviewer.cookie);
    await page('GET /ui/cases', '/ui/cases', reviewer.cookie);
    keep('GET /ui/cases', await t.app.inject({ url: '/ui/cases' }));
    await page('GET /ui/cases/:id', `/ui/cases/${id}`, reviewer.cookie);
    await page('GET /ui/cases/:id/proof/:seq', `/ui/cases/${id}/proof/1`, reviewer.cookie);
    await page('GET /ui/cases/:id/print', `/ui/cases/${id}/print`, reviewer.cookie);
    await page('GET /ui/cases/:id/history.json', `/ui/cases/${id}/history.json`, reviewer.cookie);
    await page('GET /ui/audit', '/ui/audit', reviewer.cookie);
    await page('GET /ui/audit/proof/inclusion', '/ui/audit/proof/inclusion?seq=1', reviewer.cookie);
    await page('GET /ui/audit/proof/consistency', `/ui/audit/proof/consistency?from=1&to=${cp.body.size}`, reviewer.cookie);
    await page('GET /ui/rules', '/ui/rules', reviewer.cookie);
    const policy = await webSession(t.app, t.users.policy.token);
    await page('GET /ui/policy', '/ui/policy', policy.cookie);
    await page('GET /ui/policy/impact', '/ui/policy/impact', policy.cookie);
    await page('GET /ui/policy/coverage', '/ui/policy/coverage', policy.cookie);
    const scenario = 'name: start\ndescription: a screening starts\ncaseFile: { person: { names: [{ given: A }], sex: female, dateOfBirth: { exact: 1990-01-01 } }, location: { kind: camp, name: Roj, state: SY } }\nsteps:\n  - { as: caseworker, workflow: screening, type: START, expect: applied }\n';
    keep('POST /ui/policy/scenario', await postForm(t.app, '/ui/policy/scenario', policy, { scenario }));
    keep('POST /ui/policy/impact', await postForm(t.app, '/ui/policy/impact', policy, { settings: 'bidPanelMinMembers: 4', source: 'scenarios', limit: '500' }));
    keep('POST /ui/sign-out', await postForm(t.app, '/ui/sign-out', reviewer));

  });

  it('every route of the OpenAPI document declares its answers', () => {
    const routes = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, item]) => Object.keys(item).map((method) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`));
    expect(routes.length).toBeGreaterThan(80);
    expect(routes.filter((r) => !SERIALIZED.includes(r)).sort()).toEqual(Object.keys(ANSWERS).sort());
    expect([...seen.keys()].sort()).toEqual(routes.sort());
  });

  it('each real answer has a declared status and fits its declared body', () => {
    for (const [key, got] of [...seen].flatMap(([k, answers]) => answers.map((a) => [k, a] as const))) {
      if (SERIALIZED.includes(key)) continue;
      const declared = ANSWERS[key]?.[got.status];
      expect(declared, `${key} answered ${got.status}, which it does not declare`).toBeDefined();
      if (declared!.location) {
        expect(got.location, key).toEqual(expect.any(String));
        expect(got.body, key).toBe('');
        continue;
      }
      const media = declared!.media ?? 'application/json';
      expect([media, declared!.alternative?.media], key).toContain(got.type);
      const schema = got.type === media ? declared!.schema : z.string();
      const parsed = schema.safeParse(got.body);
      expect(parsed.success, `${key} ${got.status}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
    }
  });
});

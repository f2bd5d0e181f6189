import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allLatest } from '../../workflows/index.ts';
import { ANSWERS } from '../../src/api/answers.ts';
import { adultWoman, testApp } from '../support/app.ts';

describe('GET /openapi.json', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let doc: any;
  beforeAll(async () => {
    t = await testApp();
    doc = (await t.request(null, 'GET', '/openapi.json')).body;
  });
  afterAll(async () => t.close());

  it('every operation declares a success and the one error shape (a reviewers\' page: an error page)', () => {
    const ops = Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ at: `${method} ${path}`, path, op })));
    expect(ops.length).toBeGreaterThan(20);
    for (const { at, path, op } of ops) {
      const codes = Object.keys(op.responses ?? {});
      expect(codes.some((c) => c.startsWith('2') || c.startsWith('3')), at).toBe(true);
      expect(codes.filter((c) => c.startsWith('2')).every((c) => op.responses[c].content), at).toBe(true);
      if (path.startsWith('/ui')) expect(op.responses['404']?.content?.['text/html']?.schema, at).toEqual({ type: 'string' });
      else expect(op.responses['400']?.content?.['application/json']?.schema, at).toEqual({ $ref: '#/components/schemas/Error' });
    }
    expect(doc.paths['/v1/cases/{id}'].get.responses['400'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Error' });
    expect(doc.paths['/ui/audit/proof/inclusion'].get.responses['400'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Error' });
    expect(doc.paths['/ui/cases/{id}'].get.responses['302'].headers.Location).toBeDefined();
    expect(doc.components.schemas.Error.properties.error.required).toEqual(expect.arrayContaining(['code', 'message']));
  });

  it('every /v1 operation names the roles its route admits (x-roles), and a role outside them is refused 403', async () => {
    const ops = Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method, op })));
    const v1 = ops.filter((o) => o.path.startsWith('/v1/'));
    expect(v1.filter((o) => !Array.isArray(o.op['x-roles'])).map((o) => `${o.method} ${o.path}`)).toEqual([]);
    expect(doc.paths['/v1/cases'].post['x-roles']).toEqual(['caseworker']);
    expect(doc.paths['/v1/cases'].post.description).toContain('Roles: caseworker.');
    // Routes without a path parameter: nothing (scope, an unknown id) answers before the role check.
    const checked: string[] = [];
    for (const { path, method, op } of v1.filter((o) => !o.path.includes('{'))) {
      const outsider = (['caseworker', 'reviewer', 'policy', 'admin'] as const).find((r) => !op['x-roles'].includes(r));
      if (!outsider) continue;
      const res = await t.request(outsider, method.toUpperCase() as never, path, method === 'get' ? undefined : {});
      expect(res.status, `${outsider} ${method} ${path}`).toBe(403);
      checked.push(path);
    }
    expect(checked.length).toBeGreaterThan(20);
  });

  it('the main routes document their success answers, and real answers fit them', async () => {
    const created = doc.paths['/v1/cases'].post.responses['201'].content['application/json'].schema;
    expect(created.required).toEqual(expect.arrayContaining(['id', 'reference', 'version', 'child', 'workflows']));
    expect(Object.keys(doc.paths['/v1/cases/{id}/commands'].post.responses)).toEqual(expect.arrayContaining(['200', '202', '422']));
    const fits = (key: string, status: number, body: unknown) => {
      const parsed = ANSWERS[key]![status]!.schema.safeParse(body);
      expect(parsed.success, `${key} ${status}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
    };
    const reg = await t.request('caseworker', 'POST', '/v1/cases', adultWoman);
    fits('POST /v1/cases', 201, reg.body);
    const id = reg.body.id as string;
    fits('GET /v1/cases', 200, (await t.request('caseworker', 'GET', '/v1/cases?limit=5')).body);
    fits('GET /v1/cases/:id', 200, (await t.request('caseworker', 'GET', `/v1/cases/${id}`)).body);
    const applied = await t.command('caseworker', id, 'screening', 'START');
    expect(applied.status).toBe(200);
    fits('POST /v1/cases/:id/commands', 200, applied.body);
    fits('GET /v1/cases/:id/history', 200, (await t.request('caseworker', 'GET', `/v1/cases/${id}/history`)).body);
    fits('GET /v1/audit', 200, (await t.request('reviewer', 'GET', '/v1/audit?limit=5')).body);
    fits('GET /v1/tasks', 200, (await t.request('supervisor', 'GET', '/v1/tasks')).body);
  });

  it('POST /v1/cases/{id}/commands documents every command\'s data', () => {
    const oneOf = doc.paths['/v1/cases/{id}/commands'].post.requestBody.content['application/json'].schema.oneOf as Array<{ $ref: string }>;
    const expected = allLatest().flatMap((d) => Object.keys(d.commands).map((type) => `#/components/schemas/Command_${d.kind}_${type}`));
    expect(oneOf.map((r) => r.$ref).sort()).toEqual(expected.sort());
    const panel = doc.components.schemas['Command_best_interests_PANEL_DECIDE'];
    expect(panel.properties.workflow.enum).toEqual(['best_interests']);
    expect(panel.properties.type.enum).toEqual(['PANEL_DECIDE']);
    expect(Object.keys(panel.properties.data.properties)).toEqual(expect.arrayContaining(['panel', 'undertakingsSigned', 'decision']));
  });
});

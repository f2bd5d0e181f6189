import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allLatest } from '../../workflows/index.ts';
import { testApp } from '../support/app.ts';

describe('GET /openapi.json', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  let doc: any;
  beforeAll(async () => {
    t = await testApp();
    doc = (await t.request(null, 'GET', '/openapi.json')).body;
  });
  afterAll(async () => t.close());

  it('every operation declares a success and the one error shape', () => {
    const ops = Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ at: `${method} ${path}`, op })));
    expect(ops.length).toBeGreaterThan(20);
    for (const { at, op } of ops) {
      const codes = Object.keys(op.responses ?? {});
      expect(codes.some((c) => c.startsWith('2')), at).toBe(true);
      expect(op.responses['400']?.content?.['application/json']?.schema, at).toEqual({ $ref: '#/components/schemas/Error' });
    }
    expect(doc.components.schemas.Error.properties.error.required).toEqual(expect.arrayContaining(['code', 'message']));
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

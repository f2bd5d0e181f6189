import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adultWoman, jurisdictionVersion, testApp } from '../support/app.ts';
import { register } from '../support/flows.ts';

/** Each record names the rule set that decided it; the rule set is published by hash (issue 15.8). */
type T = Awaited<ReturnType<typeof testApp>>;

describe('rulesetHash', () => {
  let t: T;
  beforeEach(async () => {
    t = await testApp();
  });
  afterEach(async () => t.close());

  const records = async () => (await t.request('reviewer', 'GET', '/v1/audit?limit=200')).body.items as Array<Record<string, any>>;

  it('every record carries the hash of the rule set in force; GET /v1/rules?hash= publishes its source; the chain still verifies', async () => {
    const id = await register(t, adultWoman);
    await t.command('caseworker', id, 'screening', 'START');
    await t.command('caseworker', id, 'screening', 'SUBMIT'); // refused: audited too
    const all = await records();
    expect(all.length).toBeGreaterThanOrEqual(3);
    for (const r of all) expect(r['rulesetHash']).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set(all.map((r) => r['rulesetHash'])).size).toBe(1);
    const published = await t.request('reviewer', 'GET', `/v1/rules?hash=${all[0]!['rulesetHash']}`);
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ hash: all[0]!['rulesetHash'], firstSeenAt: expect.any(String), source: { codeHash: expect.stringMatching(/^[0-9a-f]{64}$/), jurisdictions: expect.any(Array), settings: expect.any(Object) } });
    const files = Object.keys(published.body.source.code);
    expect(files.some((f) => f.startsWith('rules/'))).toBe(true);
    expect(published.body.source.code[files.find((f) => f.startsWith('rules/'))!]).toMatch(/KP-/);
    expect((await t.request('admin', 'GET', '/v1/audit/verify')).body).toEqual({ ok: true, records: all.length });
  });

  it('changing jurisdiction data changes the hash of the records that follow; the earlier rule set stays published', async () => {
    await register(t, adultWoman);
    const before = (await records()).at(-1)!['rulesetHash'];
    expect((await t.request('policy', 'PUT', '/v1/jurisdictions/XB', jurisdictionVersion('XB', '2010-01-01', 14))).status).toBeLessThan(300);
    await register(t, adultWoman);
    const after = (await records()).at(-1)!['rulesetHash'];
    expect(after).not.toBe(before);
    const old = (await t.request('reviewer', 'GET', `/v1/rules?hash=${before}`)).body;
    const now = (await t.request('reviewer', 'GET', `/v1/rules?hash=${after}`)).body;
    expect(old.source.codeHash).toBe(now.source.codeHash);
    expect(now.source.jurisdictions.some((j: { code: string }) => j.code === 'XB')).toBe(true);
    expect(old.source.jurisdictions.some((j: { code: string }) => j.code === 'XB')).toBe(false);
  });

  it('an unknown hash is 404, a malformed one 400 naming the field; the plain catalogue is unchanged', async () => {
    expect((await t.request('reviewer', 'GET', `/v1/rules?hash=${'a'.repeat(64)}`)).status).toBe(404);
    const bad = await t.request('reviewer', 'GET', '/v1/rules?hash=xyz');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('querystring.hash');
    expect((await t.request('caseworker', 'GET', '/v1/rules')).body.items.length).toBeGreaterThan(10);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jurisdictionVersion, testApp } from '../support/app.ts';
import { auditRows, expectError, type TestApp } from '../api/helpers.ts';

/** PUT /v1/jurisdictions/:code: versions by validFrom (KP-SYS-02), idempotent, corrections kept as revisions. */
let t: TestApp;

const version = (validFrom: string, macrGeneral = 14) => jurisdictionVersion('XB', validFrom, macrGeneral);

const jurisdictionAudit = () => auditRows(t).filter((r) => r.workflow === 'jurisdiction' && r.instance === 'XB');

beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.close();
});

describe('jurisdiction versions and corrections', () => {
  it('adds a version, audited as JURISDICTION_VERSION_ADDED', async () => {
    const r = await t.request('policy', 'PUT', '/v1/jurisdictions/XB', version('2010-01-01'));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ code: 'XB', macrGeneral: 14, revision: 1, unchanged: false });
    expect(jurisdictionAudit().map((a) => a.type)).toEqual(['JURISDICTION_VERSION_ADDED']);
  });

  it('the same body again changes nothing and writes no audit record (PUT is idempotent)', async () => {
    const r = await t.request('policy', 'PUT', '/v1/jurisdictions/XB', version('2010-01-01'));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ revision: 1, unchanged: true });
    expect(jurisdictionAudit()).toHaveLength(1);
  });

  it('a different body for the same validFrom is a correction: a new revision, the old one kept and audited', async () => {
    const r = await t.request('policy', 'PUT', '/v1/jurisdictions/XB', version('2010-01-01', 15));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ macrGeneral: 15, revision: 2, unchanged: false });
    const records = jurisdictionAudit();
    expect(records.map((a) => a.type)).toEqual(['JURISDICTION_VERSION_ADDED', 'JURISDICTION_VERSION_CORRECTED']);
    expect(records[1]!.data).toMatchObject({ macrGeneral: 15, revision: 2, supersedes: { revision: 1, data: { macrGeneral: 14 } } });

    const shown = await t.request('reviewer', 'GET', '/v1/jurisdictions/XB');
    expect(shown.body.macrGeneral).toBe(15);
    expect(shown.body.versions).toEqual([expect.objectContaining({ validFrom: '2010-01-01', macrGeneral: 15 })]);
    expect(shown.body.revisions.map((v: { revision: number; data: { macrGeneral: number } }) => [v.revision, v.data.macrGeneral])).toEqual([[1, 14], [2, 15]]);
    const listed = await t.request('caseworker', 'GET', '/v1/jurisdictions');
    expect(listed.body.items.find((j: { code: string }) => j.code === 'XB').macrGeneral).toBe(15);
  });

  it('a later validFrom is a new version; the one in force follows the date', async () => {
    const r = await t.request('policy', 'PUT', '/v1/jurisdictions/XB', version('2020-06-01', 16));
    expect(r.body).toMatchObject({ revision: 1, macrGeneral: 16 });
    const shown = await t.request('reviewer', 'GET', '/v1/jurisdictions/XB');
    expect(shown.body.macrGeneral).toBe(16);
    expect(shown.body.versions.map((v: { validFrom: string; macrGeneral: number }) => [v.validFrom, v.macrGeneral])).toEqual([['2010-01-01', 15], ['2020-06-01', 16]]);
  });

  it('stored revisions cannot be changed or removed, even by SQL', () => {
    const db = t.app.services.repos.db.$client;
    expect(() => db.exec("UPDATE jurisdictions SET data = '{}' WHERE code = 'XB'")).toThrow(/append-only/);
    expect(() => db.exec("DELETE FROM jurisdictions WHERE code = 'XB'")).toThrow(/append-only/);
  });

  it('a path code that differs from the body code is a 400 naming body.code; other roles get 403', async () => {
    const e = expectError(await t.request('policy', 'PUT', '/v1/jurisdictions/XC', version('2010-01-01')), 400, 'VALIDATION');
    expect(e.details.map((d: { path: string }) => d.path)).toContain('body.code');
    expectError(await t.request('caseworker', 'PUT', '/v1/jurisdictions/XB', version('2011-01-01')), 403, 'FORBIDDEN');
  });
});

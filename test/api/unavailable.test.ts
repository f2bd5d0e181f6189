import Database from 'better-sqlite3';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { createUser } from '../../src/auth/tokens.ts';
import { applyKey } from '../../db/key.ts';
import { adultWoman, testApp } from '../support/app.ts';
import { register } from '../support/flows.ts';
import { keyBeside } from '../support/keys.ts';

/**
 * A database that cannot write answers 503 UNAVAILABLE with Retry-After in the one error shape
 * (API.md "Errors"), never 500; reads keep working; the server recovers without a restart, and
 * /health says why it is degraded. Failures are provoked for real where SQLite allows it.
 */
type T = Awaited<ReturnType<typeof testApp>>;
let t: T | undefined;
let dir: string | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

const withCase = (app: T) => register(app, adultWoman);

function expectUnavailable(r: { status: number; body: any; raw: { headers: Record<string, unknown> } }, reason: string) {
  expect(r.status).toBe(503);
  expect(r.body.error).toMatchObject({ code: 'UNAVAILABLE', details: { reason } });
  expect(Number(r.raw.headers['retry-after'])).toBeGreaterThan(0);
}

describe('database failures answer 503', () => {
  it('disk full (SQLITE_FULL): 503 with Retry-After, reads work, /health degraded, recovery when space returns', async () => {
    t = await testApp();
    const id = await withCase(t);
    const client = t.app.services.repos.db.$client;
    client.pragma(`max_page_count = ${Number(client.pragma('page_count', { simple: true }))}`);
    const full = await t.request('caseworker', 'POST', `/v1/cases/${id}/commands`, { workflow: 'screening', type: 'START', justification: 'x'.repeat(9_000) }, { 'if-match': '1' });
    expectUnavailable(full, 'disk_full');
    // Compact rows may still fit the free space left inside the file's pages: register until they no longer do.
    let registered = await t.request('caseworker', 'POST', '/v1/cases', adultWoman);
    for (let i = 0; i < 200 && registered.status === 201; i++) registered = await t.request('caseworker', 'POST', '/v1/cases', adultWoman);
    expectUnavailable(registered, 'disk_full');
    // Reads keep working.
    const read = await t.request('caseworker', 'GET', `/v1/cases/${id}`);
    expect(read.status).toBe(200);
    expect(read.body.version).toBe(1);
    const health = await t.request(null, 'GET', '/health');
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ ok: false, status: 'degraded', reason: 'disk_full' });

    client.pragma('max_page_count = 1073741823');
    const ok = await t.request('caseworker', 'POST', `/v1/cases/${id}/commands`, { workflow: 'screening', type: 'START' }, { 'if-match': '1' });
    expect(ok.status).toBe(200);
    expect((await t.request(null, 'GET', '/health')).body).toEqual({ ok: true });
  });

  it('read-only (SQLITE_READONLY): 503, reads work, recovery', async () => {
    t = await testApp();
    const id = await withCase(t);
    const client = t.app.services.repos.db.$client;
    client.pragma('query_only = ON');
    expectUnavailable(await t.request('caseworker', 'POST', `/v1/cases/${id}/commands`, { workflow: 'screening', type: 'START' }, { 'if-match': '1' }), 'read_only');
    expect((await t.request('reviewer', 'GET', `/v1/cases/${id}/history`)).status).toBe(200);
    expect((await t.request(null, 'GET', '/health')).body).toMatchObject({ status: 'degraded', reason: 'read_only' });
    client.pragma('query_only = OFF');
    expect((await t.request('caseworker', 'POST', `/v1/cases/${id}/commands`, { workflow: 'screening', type: 'START' }, { 'if-match': '1' })).status).toBe(200);
    expect((await t.request(null, 'GET', '/health')).body).toEqual({ ok: true });
  });

  it('busy (another connection holds the write lock past the busy timeout): 503, then recovery', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kp-busy-'));
    const file = join(dir, 'kp.sqlite');
    const app = await buildApp({ databasePath: file, logLevel: 'silent' });
    try {
      const at = new Date().toISOString();
      const cw = createUser(app.services.repos, 'cw', ['caseworker'], at);
      app.services.repos.db.$client.pragma('busy_timeout = 20');
      const other = new Database(file);
      applyKey(other, keyBeside(file));
      other.exec('BEGIN IMMEDIATE');
      const headers = { authorization: `Bearer ${cw.token}`, 'content-type': 'application/json' };
      const busy = await app.inject({ method: 'POST', url: '/v1/cases', headers, payload: JSON.stringify(adultWoman) });
      expect(busy.statusCode).toBe(503);
      expect(busy.json().error).toMatchObject({ code: 'UNAVAILABLE', details: { reason: 'busy' } });
      expect(busy.headers['retry-after']).toBe('1');
      other.exec('ROLLBACK');
      other.close();
      expect((await app.inject({ method: 'POST', url: '/v1/cases', headers, payload: JSON.stringify(adultWoman) })).statusCode).toBe(201);
    } finally {
      await app.close();
    }
  });

  it('corruption found at run time (SQLITE_CORRUPT): 503, logged once at error level, /health says corrupt', async () => {
    t = await testApp();
    const id = await withCase(t);
    // A real SQLITE_CORRUPT from SQLite: a database file whose pages were overwritten.
    dir = mkdtempSync(join(tmpdir(), 'kp-corrupt-'));
    const file = join(dir, 'bad.sqlite');
    const seed = new Database(file);
    seed.exec(`create table t (x text); with recursive n(i) as (select 1 union all select i + 1 from n where i < 200) insert into t select hex(randomblob(500)) from n;`);
    seed.close();
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(4096 * 4, 0xab), 0, 4096 * 4, 4096 * 2);
    closeSync(fd);
    let corrupt: unknown;
    try {
      const bad = new Database(file);
      bad.prepare('select count(*), max(x) from t').get();
      bad.close();
    } catch (e) {
      corrupt = e;
    }
    expect((corrupt as { code?: string }).code).toMatch(/^SQLITE_CORRUPT/);
    const cases = t.app.services.repos.cases;
    const get = cases.get.bind(cases);
    cases.get = (caseId: string) => {
      if (caseId === id) throw corrupt;
      return get(caseId);
    };
    const before = t.logs.length;
    for (let i = 0; i < 2; i += 1) expectUnavailable(await t.request('caseworker', 'GET', `/v1/cases/${id}`), 'corrupt');
    const errors = t.logs.slice(before).map((l) => JSON.parse(l) as { level: number; msg: string }).filter((l) => l.level >= 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.msg).toMatch(/corrupt/);
    const health = await t.request(null, 'GET', '/health');
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ ok: false, status: 'corrupt', reason: 'corrupt' });
    // A later write that works does not clear it: an operator restores.
    cases.get = get;
    expect((await t.request('caseworker', 'POST', '/v1/cases', adultWoman)).status).toBe(201);
    expect((await t.request(null, 'GET', '/health')).body.status).toBe('corrupt');
  });
});

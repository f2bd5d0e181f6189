import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adultWoman, testApp } from '../support/app.ts';
import { expectError, type TestApp } from './helpers.ts';
import { register } from '../support/flows.ts';

/** GET /v1/audit: audit records across cases, filtered (API.md "Resources", "Audit record"). */
let t: TestApp;
let clock = Date.UTC(2026, 5, 1, 10, 0, 0);
let caseA = '';
let caseB = '';
beforeAll(async () => {
  t = await testApp({ now: () => new Date((clock += 60_000)).toISOString() });
  caseA = await register(t, adultWoman);
  caseB = await register(t, adultWoman);
  await t.command('caseworker', caseA, 'screening', 'START');
  await t.command('caseworker', caseA, 'screening', 'SUBMIT'); // refused: KP-SCR-01, KP-SCR-05
  await t.command('supervisor', caseB, 'screening', 'APPROVE'); // invalid in pending
});
afterAll(async () => {
  await t.close();
});

const items = async (query = '') => {
  const r = await t.request('reviewer', 'GET', `/v1/audit${query ? `?${query}` : ''}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as { items: Array<{ seq: number; caseId: string; type: string; result: string; at: string; actor: { id: string; roles: string[] } }>; nextCursor: string | null };
};

describe('GET /v1/audit', () => {
  it('lists every record in chain order with the documented fields', async () => {
    const all = await items();
    expect(all.items.map((i) => i.type)).toEqual(['CASE_REGISTERED', 'CASE_REGISTERED', 'START', 'SUBMIT', 'APPROVE']);
    expect(all.nextCursor).toBeNull();
    for (const r of all.items) {
      for (const k of ['seq', 'at', 'caseId', 'workflow', 'actor', 'type', 'data', 'justification', 'fromState', 'toState', 'result', 'verdicts', 'prevHash', 'hash']) expect(r).toHaveProperty(k);
    }
  });

  it('filters by actor, result, rule, workflow, case and time', async () => {
    expect((await items(`actor=${t.users.supervisor.id}`)).items.map((i) => i.type)).toEqual(['APPROVE']);
    expect((await items('result=refused')).items.map((i) => i.type)).toEqual(['SUBMIT', 'APPROVE']);
    expect((await items('rule=KP-SCR-05')).items.map((i) => i.type)).toEqual(['SUBMIT']);
    expect((await items('workflow=case')).items.map((i) => i.type)).toEqual(['CASE_REGISTERED', 'CASE_REGISTERED']);
    expect((await items(`caseId=${caseB}`)).items.map((i) => i.type)).toEqual(['CASE_REGISTERED', 'APPROVE']);
    const all = (await items()).items;
    const third = all[2]!.at;
    expect((await items(`from=${encodeURIComponent(third)}`)).items).toHaveLength(3);
    expect((await items(`to=${encodeURIComponent(third)}`)).items).toHaveLength(3);
    expect((await items('from=2030-01-01')).items).toEqual([]);
  });

  it('paginates with `after` and nextCursor', async () => {
    const first = await items('limit=2');
    expect(first.items.map((i) => i.seq)).toEqual([1, 2]);
    expect(first.nextCursor).toBe('2');
    const second = await items(`limit=2&after=${first.nextCursor}`);
    expect(second.items.map((i) => i.seq)).toEqual([3, 4]);
    const last = await items(`limit=2&after=${second.nextCursor}`);
    expect(last.items.map((i) => i.seq)).toEqual([5]);
    expect(last.nextCursor).toBeNull();
  });

  it('refuses bad filters with 400 naming them', async () => {
    for (const [q, field] of [['rule=SCR-5', 'rule'], ['result=maybe', 'result'], ['from=yesterday', 'from'], ['after=-1', 'after']] as const) {
      const e = expectError(await t.request('admin', 'GET', `/v1/audit?${q}`), 400, 'VALIDATION');
      expect(e.details.map((d: { path: string }) => d.path)).toContain(`querystring.${field}`);
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adultWoman, boy, testApp } from '../support/app.ts';
import { register } from '../support/flows.ts';

/**
 * GET /v1/cases at scale: `q` by reference or id prefix through an index and by name through the
 * transliteration-tolerant name index; `outcome`; references from a counter; keyset pages read
 * from whichever filter drives the query. GET /v1/tasks paged from the tasks table.
 */
let t: Awaited<ReturnType<typeof testApp>>;
const ids: Record<string, string> = {};
const person = (given: string, family: string, dob = '1990-01-01') => ({ ...adultWoman, person: { ...adultWoman.person, names: [{ given, family, script: 'latin' }], dateOfBirth: { exact: dob } } });

beforeAll(async () => {
  t = await testApp();
  const reg = async (key: string, body: Record<string, unknown>) => {
    ids[key] = await register(t, body);
  };
  await reg('muhammad', person('Muhammad', 'Al-Amin'));
  await reg('arabic', { ...adultWoman, person: { ...adultWoman.person, names: [{ given: 'محمد', family: 'حداد', script: 'arabic' }] } });
  await reg('fatimah', person('Fatimah', 'Haddad', '2012-03-04'));
  await reg('mahmoud', person('Mahmoud', 'Khalil'));
  await reg('boy', boy('2015-01-01'));
});
afterAll(async () => t.close());

const search = async (q: string, as: 'caseworker' | 'reviewer' = 'caseworker') => {
  const r = await t.request(as, 'GET', `/v1/cases?q=${encodeURIComponent(q)}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return (r.body.items as Array<{ id: string }>).map((i) => i.id).sort();
};

describe('q by name: Arabic and Latin spellings', () => {
  it('Mohammed finds Muhammad and محمد, not Mahmoud', async () => {
    expect(await search('Mohammed')).toEqual([ids['muhammad'], ids['arabic']].sort());
    expect(await search('Mohamed')).toEqual([ids['muhammad'], ids['arabic']].sort());
    expect(await search('محمد')).toEqual([ids['muhammad'], ids['arabic']].sort());
    expect(await search('Mahmoud')).toEqual([ids['mahmoud']]);
  });

  it('Fatima finds Fatimah; فاطمة too; a family name in either script; a prefix of a spelling', async () => {
    expect(await search('Fatima')).toEqual([ids['fatimah']]);
    expect(await search('فاطمة')).toEqual([ids['fatimah']]);
    expect(await search('Haddad')).toEqual([ids['arabic'], ids['fatimah'], ids['boy']].sort());
    expect(await search('Fati')).toEqual([ids['fatimah']]);
    expect(await search('Fatima Haddad')).toEqual([ids['fatimah']]);
    expect(await search('Fatima Khalil')).toEqual([]);
  });

  it('names are not searched for a role that may not see a child\'s identity', async () => {
    expect(await search('Fatima', 'reviewer')).toEqual([]);
  });
});

describe('q by reference or id; references from a counter', () => {
  it('references are numbered in registration order', async () => {
    const refs = await Promise.all(['muhammad', 'arabic', 'fatimah', 'mahmoud', 'boy'].map(async (k) => (await t.request('caseworker', 'GET', `/v1/cases/${ids[k]}`)).body.reference as string));
    expect(refs.map((r) => r.slice(8))).toEqual(['000001', '000002', '000003', '000004', '000005']);
    expect(await search(refs[2]!)).toEqual([ids['fatimah']]);
    expect(await search(refs[2]!.toLowerCase())).toEqual([ids['fatimah']]);
    // A prefix: every reference of the year.
    expect((await search(refs[0]!.slice(0, 8))).length).toBe(5);
  });

  it('an id or the first 8 hex digits of one', async () => {
    expect(await search(ids['mahmoud']!)).toEqual([ids['mahmoud']]);
    expect(await search(ids['mahmoud']!.slice(0, 8))).toEqual([ids['mahmoud']]);
  });
});

describe('filters and pages', () => {
  it('outcome filters on the stored outcome column', async () => {
    const r = await t.request('reviewer', 'GET', '/v1/cases?workflow=screening&outcome=victim');
    expect(r.status).toBe(200);
    expect(r.body.items).toEqual([]);
  });

  it('pages of a child filter and of a name search return every match once', async () => {
    for (const query of ['child=false', 'child=true', 'q=Haddad', 'nationality=FR&child=false']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const r: { status: number; body: { items: Array<{ id: string }>; nextCursor: string | null } } = await t.request('caseworker', 'GET', `/v1/cases?${query}&limit=1${cursor ? `&cursor=${cursor}` : ''}`);
        expect(r.status).toBe(200);
        seen.push(...r.body.items.map((i) => i.id));
        cursor = r.body.nextCursor;
      } while (cursor && seen.length < 10);
      const all = (await t.request('caseworker', 'GET', `/v1/cases?${query}`)).body.items.map((i: { id: string }) => i.id);
      expect(seen.sort(), query).toEqual([...all].sort());
      expect(new Set(seen).size).toBe(seen.length);
    }
  });

  it('a cursor that is not one this list issued is a 400 naming the cursor', async () => {
    const forged = Buffer.from(JSON.stringify(['bogus', 1, ids['boy']])).toString('base64url');
    const r = await t.request('caseworker', 'GET', `/v1/cases?cursor=${forged}`);
    expect(r.status).toBe(400);
    expect(r.body.error.details[0].path).toBe('querystring.cursor');
  });
});

describe('GET /v1/tasks pages from the tasks table', () => {
  it('limit and nextCursor walk every task once, soonest due first', async () => {
    for (const id of [ids['fatimah'], ids['boy']]) expect((await t.command('caseworker', id!, 'screening', 'START')).status).toBe(200);
    const all = await t.request('reviewer', 'GET', '/v1/tasks');
    expect(all.status).toBe(200);
    expect(all.body.nextCursor).toBeNull();
    const items = all.body.items as Array<{ caseId: string; due: string | null; kind: string }>;
    expect(items.length).toBeGreaterThan(1);
    const seen: typeof items = [];
    let cursor: string | null = null;
    do {
      const r: { body: { items: typeof items; nextCursor: string | null } } = await t.request('reviewer', 'GET', `/v1/tasks?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...r.body.items);
      cursor = r.body.nextCursor;
    } while (cursor && seen.length < 50);
    expect(seen).toEqual(items);
    expect((await t.request('reviewer', 'GET', '/v1/tasks?cursor=xyz')).status).toBe(400);
  });
});

describe('GET /v1/cases/:id/history pages on request', () => {
  it('without limit every record; with limit pages in seq order through nextCursor', async () => {
    const id = ids['fatimah']!;
    const all = (await t.request('reviewer', 'GET', `/v1/cases/${id}/history`)).body;
    expect(all).not.toHaveProperty('nextCursor');
    expect(all.items.length).toBeGreaterThan(1);
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const r: { status: number; body: { items: Array<{ seq: number }>; nextCursor: string | null } } = await t.request('reviewer', 'GET', `/v1/cases/${id}/history?limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      expect(r.status).toBe(200);
      seen.push(...r.body.items.map((x) => x.seq));
      cursor = r.body.nextCursor;
    } while (cursor && seen.length < 20);
    expect(seen).toEqual(all.items.map((x: { seq: number }) => x.seq));
  });
});

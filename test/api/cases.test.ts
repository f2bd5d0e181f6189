import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adultWoman, boy, goodInterview, testApp, victimAssessment } from '../support/app.ts';
import { auditRows, expectError, type TestApp } from './helpers.ts';

/** The cases resource (API.md "Resources"; WORKFLOWS.md "The case file"). The clock is fixed: 1 June 2026. */
const NOW = '2026-06-01T10:00:00.000Z';
let t: TestApp;
beforeAll(async () => {
  t = await testApp({ now: () => NOW });
});
afterAll(async () => {
  await t.close();
});

const estimated = (earliest: string, latest: string) => ({
  ...adultWoman,
  person: { ...adultWoman.person, names: [{ given: 'Estimated', family: 'Age', script: 'latin' }], dateOfBirth: { earliest, latest, method: 'dental and documentary', confidence: 'medium' } },
});

async function register(body: unknown): Promise<any> {
  const r = await t.request('caseworker', 'POST', '/v1/cases', body);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}
const get = async (id: string, role: Parameters<TestApp['request']>[0] = 'caseworker') => (await t.request(role, 'GET', `/v1/cases/${id}`)).body;

describe('POST /v1/cases', () => {
  it('returns 201 with the case file, version 1, a reference, every single-instance workflow and a CASE_REGISTERED record', async () => {
    const before = auditRows(t).length;
    const c = await register(adultWoman);
    expect(c).toMatchObject({ id: expect.any(String), reference: expect.stringMatching(/^KP-2026-\d{6}$/), version: 1, child: false, familyLinks: [], evidence: [], person: adultWoman.person, location: adultWoman.location });
    expect(c.workflows.find((w: { kind: string }) => w.kind === 'screening')).toMatchObject({ state: 'pending', outcome: null });
    expect(c.createdAt).toBe(NOW);
    const added = auditRows(t).slice(before);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ caseId: c.id, type: 'CASE_REGISTERED', result: 'applied', actor: { id: t.users.caseworker.id } });
  });

  it('derives `child`: exact dates, and an estimated range straddling 18 counts as a child (benefit of the doubt)', async () => {
    expect((await register(boy('2016-05-02'))).child).toBe(true);
    expect((await register(adultWoman)).child).toBe(false);
    // Youngest plausible age 16, oldest 20.
    expect((await register(estimated('2006-01-01', '2010-01-01'))).child).toBe(true);
    // Every plausible age is 18 or over.
    expect((await register(estimated('1990-01-01', '2008-06-01'))).child).toBe(false);
    // The latest plausible birth date is one day short of 18 years.
    expect((await register(estimated('1990-01-01', '2008-06-02'))).child).toBe(true);
    // A birthday exactly today: 18 completed years.
    expect((await register({ ...adultWoman, person: { ...adultWoman.person, dateOfBirth: { exact: '2008-06-01' } } })).child).toBe(false);
  });

  it('keeps family links symmetric: a child linked to its mother shows on the mother as `child`', async () => {
    const mother = await register(adultWoman);
    const before = auditRows(t).length;
    const child = await register({ ...boy(), familyLinks: [{ caseId: mother.id, relation: 'mother' }] });
    expect(child.familyLinks).toEqual([{ caseId: mother.id, relation: 'mother' }]);
    const m = await get(mother.id);
    expect(m.familyLinks).toEqual([{ caseId: child.id, relation: 'child' }]);
    // The other case changed: its version moved and the change is audited on it.
    expect(m.version).toBe(2);
    const added = auditRows(t).slice(before);
    expect(added.map((r) => [r.caseId, r.type])).toEqual([[child.id, 'CASE_REGISTERED'], [mother.id, 'FAMILY_LINKS_UPDATED']]);
  });

  it('inverts child links by the linking person\'s sex, and keeps siblings symmetric', async () => {
    const kid = await register(boy());
    const father = await register({ ...adultWoman, person: { ...adultWoman.person, sex: 'male', names: [{ given: 'Omar', family: 'Haddad', script: 'latin' }] }, familyLinks: [{ caseId: kid.id, relation: 'child' }] });
    expect((await get(kid.id)).familyLinks).toEqual([{ caseId: father.id, relation: 'father' }]);
    const sister = await register({ ...boy('2014-01-01'), familyLinks: [{ caseId: kid.id, relation: 'sibling' }] });
    expect((await get(kid.id)).familyLinks).toEqual(expect.arrayContaining([{ caseId: father.id, relation: 'father' }, { caseId: sister.id, relation: 'sibling' }]));
    expect((await get(sister.id)).familyLinks).toEqual([{ caseId: kid.id, relation: 'sibling' }]);
  });

  it('refuses links to unknown cases, naming the link', async () => {
    const r = await t.request('caseworker', 'POST', '/v1/cases', { ...boy(), familyLinks: [{ caseId: 'nobody', relation: 'mother' }] });
    const e = expectError(r, 400, 'VALIDATION');
    expect(e.details.map((d: { path: string }) => d.path)).toContain('familyLinks.0.caseId');
  });
});

describe('GET /v1/cases', () => {
  let ids: Record<string, string>;
  let t2: TestApp;
  beforeAll(async () => {
    t2 = await testApp({ now: () => NOW });
    const reg = async (body: unknown) => (await t2.request('caseworker', 'POST', '/v1/cases', body)).body as { id: string; reference: string };
    const woman = await reg(adultWoman);
    const child = await reg({ ...boy(), familyLinks: [{ caseId: woman.id, relation: 'mother' }] });
    const iraqi = await reg({ ...adultWoman, person: { ...adultWoman.person, nationalities: [{ state: 'IQ', status: 'verified' }, { state: 'TR', status: 'claimed' }] }, location: { kind: 'detention', name: 'Ghweran', state: 'SY' } });
    const returned = await reg({ ...boy('2012-02-02'), location: { kind: 'returned', name: 'Paris', state: 'FR' } });
    const straddling = await reg(estimated('2006-01-01', '2010-01-01'));
    ids = { woman: woman.id, child: child.id, iraqi: iraqi.id, returned: returned.id, straddling: straddling.id };
    expect((await t2.command('caseworker', iraqi.id, 'screening', 'START')).status).toBe(200);
    expect((await t2.command('caseworker', child.id, 'screening', 'START')).status).toBe(200);
  });
  afterAll(async () => {
    await t2.close();
  });

  const list = async (query: string) => {
    const r = await t2.request('reviewer', 'GET', `/v1/cases${query ? `?${query}` : ''}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body as { items: Array<{ id: string; child: boolean; workflows: Array<{ kind: string; state: string }> }>; nextCursor: string | null };
  };
  const idsOf = async (query: string) => (await list(query)).items.map((i) => i.id).sort();

  it('lists every case with summaries and no personal identifiers', async () => {
    const all = await list('');
    expect(all.items).toHaveLength(5);
    expect(all.nextCursor).toBeNull();
    const text = JSON.stringify(all);
    for (const secret of ['Amina', 'Yusuf', 'P1234567', '1994-02-11']) expect(text).not.toContain(secret);
  });

  it('filters by workflow and state', async () => {
    expect(await idsOf('workflow=screening&state=in_progress')).toEqual([ids['iraqi'], ids['child']].sort());
    expect(await idsOf('state=in_progress')).toEqual([ids['iraqi'], ids['child']].sort());
    expect((await idsOf('workflow=screening&state=pending')).length).toBe(3);
    expect(await idsOf('workflow=no_such_workflow')).toEqual([]);
  });

  it('filters by nationality and location', async () => {
    expect(await idsOf('nationality=TR')).toEqual([ids['iraqi']]);
    expect((await idsOf('nationality=FR')).length).toBe(4);
    expect(await idsOf('location=detention')).toEqual([ids['iraqi']]);
    expect(await idsOf('location=Paris')).toEqual([ids['returned']]);
    expect((await idsOf('location=Al-Hol')).length).toBe(3);
  });

  it('filters by child, counting an estimated range that straddles 18 as a child', async () => {
    expect(await idsOf('child=true')).toEqual([ids['child'], ids['returned'], ids['straddling']].sort());
    expect(await idsOf('child=false')).toEqual([ids['woman'], ids['iraqi']].sort());
    for (const item of (await list('child=true')).items) expect(item.child).toBe(true);
  });

  it('searches by reference or id with q', async () => {
    const c = (await t2.request('caseworker', 'GET', `/v1/cases/${ids['iraqi']}`)).body;
    expect(await idsOf(`q=${c.reference}`)).toEqual([ids['iraqi']]);
    expect(await idsOf(`q=${ids['child']}`)).toEqual([ids['child']]);
    expect(await idsOf('q=KP-1999')).toEqual([]);
  });

  it('combines filters', async () => {
    expect(await idsOf('child=true&state=in_progress')).toEqual([ids['child']]);
    expect(await idsOf('nationality=FR&location=camp&child=false')).toEqual([ids['woman']]);
  });

  it('paginates with a cursor: every case once, nextCursor null at the end', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await list(`limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
      pages += 1;
      expect(pages).toBeLessThan(10);
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen.sort()).toEqual(Object.values(ids).sort());
    expect(new Set(seen).size).toBe(seen.length);
    // A page that ends exactly at the last case has no next cursor.
    const exact = await list('limit=5');
    expect(exact.items).toHaveLength(5);
    expect(exact.nextCursor).toBeNull();
  });

  it('paginates a filtered list', async () => {
    const first = await list('child=true&limit=2');
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await list(`child=true&limit=2&cursor=${encodeURIComponent(first.nextCursor!)}`);
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    expect([...first.items, ...second.items].map((i) => i.id).sort()).toEqual([ids['child'], ids['returned'], ids['straddling']].sort());
  });
});

describe('PATCH /v1/cases/:id', () => {
  it('updates facts with If-Match, merges person fields, bumps the version and is audited as FACTS_UPDATED', async () => {
    const c = await register(adultWoman);
    const before = auditRows(t).length;
    const r = await t.request('caseworker', 'PATCH', `/v1/cases/${c.id}`, { person: { nationalities: [{ state: 'FR', status: 'verified' }] }, location: { kind: 'returned', name: 'Lyon', state: 'FR' } }, { 'if-match': '1' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.version).toBe(2);
    expect(r.body.person).toMatchObject({ names: adultWoman.person.names, dateOfBirth: adultWoman.person.dateOfBirth, nationalities: [{ state: 'FR', status: 'verified' }], documents: adultWoman.person.documents });
    expect(r.body.location).toEqual({ kind: 'returned', name: 'Lyon', state: 'FR' });
    const added = auditRows(t).slice(before);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ caseId: c.id, type: 'FACTS_UPDATED', result: 'applied', workflow: 'case' });
    expect((await get(c.id)).version).toBe(2);
    // The same If-Match again is stale now.
    expectError(await t.request('caseworker', 'PATCH', `/v1/cases/${c.id}`, { location: adultWoman.location }, { 'if-match': '1' }), 409, 'VERSION_CONFLICT');
    // Quoted and weak ETag forms are accepted.
    expect((await t.request('caseworker', 'PATCH', `/v1/cases/${c.id}`, { location: adultWoman.location }, { 'if-match': '"2"' })).status).toBe(200);
    expect((await t.request('caseworker', 'PATCH', `/v1/cases/${c.id}`, { location: adultWoman.location }, { 'if-match': 'W/"3"' })).status).toBe(200);
  });

  it('a PATCH of one person field leaves the other list fields alone (nationalities, documents, vulnerabilities)', async () => {
    const c = await register({ ...adultWoman, person: { ...adultWoman.person, vulnerabilities: ['pregnant', 'sgbv_survivor'] } });
    const r = await t.request('caseworker', 'PATCH', `/v1/cases/${c.id}`, { person: { placeOfBirth: 'Mosul' } }, { 'if-match': '1' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.person).toEqual({ ...adultWoman.person, placeOfBirth: 'Mosul', vulnerabilities: ['pregnant', 'sgbv_survivor'] });
    const audited = auditRows(t).at(-1)!;
    expect(audited).toMatchObject({ type: 'FACTS_UPDATED', data: { person: { placeOfBirth: 'Mosul' } } });
    expect((audited.data as { person: Record<string, unknown> }).person).not.toHaveProperty('documents');
    // Lists can still be replaced, and emptied, explicitly.
    const emptied = await t.request('caseworker', 'PATCH', `/v1/cases/${c.id}`, { person: { vulnerabilities: [] } }, { 'if-match': '2' });
    expect(emptied.body.person.vulnerabilities).toEqual([]);
    expect(emptied.body.person.documents).toEqual(adultWoman.person.documents);
  });

  it('a new date of birth changes `child`', async () => {
    const c = await register(adultWoman);
    const r = await t.request('caseworker', 'PATCH', `/v1/cases/${c.id}`, { person: { dateOfBirth: { earliest: '2005-01-01', latest: '2009-12-31', method: 'x-ray', confidence: 'low' } } }, { 'if-match': '1' });
    expect(r.body.child).toBe(true);
  });

  it('replacing family links updates both sides and removes the dropped link from the other case', async () => {
    const mother = await register(adultWoman);
    const other = await register(adultWoman);
    const kid = await register({ ...boy(), familyLinks: [{ caseId: mother.id, relation: 'mother' }] });
    const r = await t.request('caseworker', 'PATCH', `/v1/cases/${kid.id}`, { familyLinks: [{ caseId: other.id, relation: 'caregiver' }] }, { 'if-match': String(kid.version) });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.familyLinks).toEqual([{ caseId: other.id, relation: 'caregiver' }]);
    expect((await get(mother.id)).familyLinks).toEqual([]);
    expect((await get(other.id)).familyLinks).toEqual([{ caseId: kid.id, relation: 'ward' }]);
  });
});

describe('POST /v1/cases/:id/evidence', () => {
  it('appends an evidence item: 201, version bump, EVIDENCE_ADDED, visible on the case', async () => {
    const c = await register(adultWoman);
    const item = { kind: 'statement', summary: 'witness statement', concerns: 'own_conduct', source: 'field team', at: '2024-03-01' };
    const r = await t.request('caseworker', 'POST', `/v1/cases/${c.id}/evidence`, item);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ ...item, tortureAllegation: 'none', id: expect.stringMatching(/^ev-/), recordedAt: NOW, recordedBy: t.users.caseworker.id, version: 2, auditSeq: expect.any(Number) });
    const legal = await t.request('legal_officer', 'POST', `/v1/cases/${c.id}/evidence`, { ...item, summary: 'second', tortureAllegation: 'alleged' }, { 'if-match': '2' });
    expect(legal.status).toBe(201);
    const after = await get(c.id);
    expect(after.version).toBe(3);
    expect(after.evidence.map((e: { id: string }) => e.id)).toEqual([r.body.id, legal.body.id]);
    expect(after.evidence[1]).toMatchObject({ summary: 'second', tortureAllegation: 'alleged', recordedBy: t.users.legal_officer.id });
    const history = (await t.request('reviewer', 'GET', `/v1/cases/${c.id}/history`)).body.items as Array<{ type: string; seq: number }>;
    expect(history.map((h) => h.type)).toEqual(['CASE_REGISTERED', 'EVIDENCE_ADDED', 'EVIDENCE_ADDED']);
    expect(history[1]!.seq).toBe(r.body.auditSeq);
    // There is no route to change or remove evidence.
    expectError(await t.request('caseworker', 'DELETE', `/v1/cases/${c.id}/evidence`), 404, 'NOT_FOUND');
  });

  it('evidence can be cited by the person\'s own assessment', async () => {
    const c = await register(adultWoman);
    const ev = await t.request('caseworker', 'POST', `/v1/cases/${c.id}/evidence`, { kind: 'statement', summary: 'own conduct', concerns: 'own_conduct', source: 'x', at: '2024-03-01' });
    for (const [type, data] of [['START'], ['RECORD_INTERVIEW', goodInterview]] as const) expect((await t.command('caseworker', c.id, 'screening', type, data as Record<string, unknown> | undefined)).status).toBe(200);
    const cited = await t.command('caseworker', c.id, 'screening', 'RECORD_ASSESSMENT', { ...victimAssessment, outcome: 'victim_and_suspect', affiliation: { level: 'suspected', evidenceIds: [ev.body.id] } });
    expect(cited.status, JSON.stringify(cited.body)).toBe(200);
    const missing = await t.command('caseworker', c.id, 'screening', 'RECORD_ASSESSMENT', { ...victimAssessment, affiliation: { level: 'suspected', evidenceIds: ['ev-not-here'] } });
    expect(expectError(missing, 422, 'RULES_REFUSED').details.verdicts.map((v: { rule: string }) => v.rule)).toContain('KP-SCR-01');
  });
});

describe('GET /v1/cases/:id', () => {
  it('`next` lists the commands the caller could send now, with `allowed` and verdicts', async () => {
    const c = await register(adultWoman);
    const cw = await get(c.id, 'caseworker');
    const start = cw.next.find((n: { workflow: string; type: string }) => n.workflow === 'screening' && n.type === 'START');
    expect(start).toMatchObject({ workflow: 'screening', instance: '', type: 'START', allowed: true, verdicts: [] });
    expect(cw.next.some((n: { type: string; workflow: string }) => n.workflow === 'screening' && n.type === 'APPROVE')).toBe(false);
    for (const n of cw.next) {
      expect(typeof n.allowed).toBe('boolean');
      expect(Array.isArray(n.verdicts)).toBe(true);
    }
    const sup = await get(c.id, 'supervisor');
    expect(sup.next.some((n: { type: string; workflow: string }) => n.workflow === 'screening')).toBe(false);
    expect(sup.next.some((n: { type: string; workflow: string }) => n.workflow === 'case' && n.type === 'CLOSE')).toBe(true);
  });

  it('`next` shows a refusal in advance: SUBMIT without interview or assessment is not allowed, with the failing rules', async () => {
    const c = await register(adultWoman);
    expect((await t.command('caseworker', c.id, 'screening', 'START')).status).toBe(200);
    const submit = (await get(c.id)).next.find((n: { workflow: string; type: string }) => n.workflow === 'screening' && n.type === 'SUBMIT');
    expect(submit.allowed).toBe(false);
    expect(submit.verdicts.filter((v: { ok: boolean }) => !v.ok).map((v: { rule: string }) => v.rule).sort()).toEqual(['KP-SCR-01', 'KP-SCR-05']);
  });

  it('`next` is per caller: four-eyes makes APPROVE not allowed for the user who submitted', async () => {
    const both = t.extra('caseworker and supervisor', 'caseworker', 'supervisor');
    const c = await register(adultWoman);
    for (const [type, data] of [['START'], ['RECORD_INTERVIEW', goodInterview], ['RECORD_ASSESSMENT', victimAssessment], ['SUBMIT']] as const) {
      expect((await t.command(both, c.id, 'screening', type, data as Record<string, unknown> | undefined)).status).toBe(200);
    }
    const approveFor = async (as: Parameters<TestApp['request']>[0]) => (await t.request(as, 'GET', `/v1/cases/${c.id}`)).body.next.find((n: { workflow: string; type: string }) => n.workflow === 'screening' && n.type === 'APPROVE');
    const mine = await approveFor(both);
    expect(mine.allowed).toBe(false);
    expect(mine.verdicts.find((v: { rule: string }) => v.rule === 'KP-SYS-03')).toMatchObject({ ok: false });
    const other = await approveFor('supervisor');
    expect(other.allowed).toBe(true);
    expect(other.verdicts.every((v: { ok: boolean }) => v.ok)).toBe(true);
  });

  it('a reviewer sees a child\'s case without the child\'s name, date of birth or documents', async () => {
    const child = await register({ ...boy('2016-05-02'), person: { ...boy('2016-05-02').person, documents: [{ type: 'birth_certificate', number: 'BC-778899', issuer: 'FR' }], placeOfBirth: 'Raqqa' } });
    const cw = await get(child.id, 'caseworker');
    expect(cw.person.names[0].given).toBe('Yusuf');
    expect((await t.request('admin', 'GET', `/v1/cases/${child.id}`)).status).toBe(403);
    for (const role of ['reviewer', 'policy'] as const) {
      const seen = await get(child.id, role);
      expect(seen.id).toBe(child.id);
      expect(seen.child).toBe(true);
      const text = JSON.stringify(seen);
      for (const secret of ['Yusuf', '2016-05-02', 'BC-778899', 'Raqqa']) expect(text, `${role} sees ${secret}`).not.toContain(secret);
    }
    // Adults are not redacted.
    const adult = await register(adultWoman);
    expect((await get(adult.id, 'reviewer')).person.names[0].given).toBe('Amina');
  });

  it('history lists the case\'s audit records oldest first, refused attempts included', async () => {
    const c = await register(adultWoman);
    await t.command('caseworker', c.id, 'screening', 'START');
    await t.command('caseworker', c.id, 'screening', 'SUBMIT');
    await t.command('supervisor', c.id, 'screening', 'APPROVE');
    const items = (await t.request('reviewer', 'GET', `/v1/cases/${c.id}/history`)).body.items as Array<{ seq: number; type: string; result: string }>;
    expect(items.map((i) => [i.type, i.result])).toEqual([['CASE_REGISTERED', 'applied'], ['START', 'applied'], ['SUBMIT', 'refused'], ['APPROVE', 'refused']]);
    expect(items.map((i) => i.seq)).toEqual([...items.map((i) => i.seq)].sort((a, b) => a - b));
  });
});

describe('the child filter follows a confirmed age assessment (KP-AGE-04)', () => {
  it('a person recorded as an adult counts as a child once an assessment giving a range under 18 is confirmed, not before', async () => {
    const c = await register(adultWoman);
    const childIds = async () => ((await t.request('reviewer', 'GET', '/v1/cases?child=true&limit=100')).body.items as Array<{ id: string }>).map((i) => i.id);
    expect(await childIds()).not.toContain(c.id);
    const assessment = {
      methods: ['interview', 'documents'],
      dateOfBirth: { earliest: '2008-01-01', latest: '2009-06-30', method: 'holistic', confidence: 'medium' },
      assessors: [{ name: 'A', discipline: 'social_work' }, { name: 'B', discipline: 'paediatrics' }],
    };
    expect((await t.command('caseworker', c.id, 'age_assessment', 'RECORD_AGE', assessment)).status).toBe(200);
    expect(await childIds()).not.toContain(c.id);
    expect((await t.command('supervisor', c.id, 'age_assessment', 'CONFIRM')).status).toBe(200);
    expect(await childIds()).toContain(c.id);
    const adults = ((await t.request('reviewer', 'GET', '/v1/cases?child=false&limit=100')).body.items as Array<{ id: string; child: boolean }>);
    expect(adults.map((i) => i.id)).not.toContain(c.id);
    expect((await t.request('caseworker', 'GET', `/v1/cases/${c.id}`)).body.child).toBe(true);
  });
});

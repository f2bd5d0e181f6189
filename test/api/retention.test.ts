import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.ts';
import { addEvidence, failedRules, ok, person, register, screen, type T } from '../support/flows.ts';
import { auditRows, expectError, issuePaths } from './helpers.ts';

/**
 * Issue 11.3, sealing and retention (KP-DATA-03) through the API: the settings that say when a
 * child's record is sealed and when a closed case is due for erasure review, and the data
 * protection officer's tasks that surface on those dates.
 */

let now = '2026-06-01T10:00:00.000Z';
let t: T;
beforeAll(async () => {
  t = await testApp({ now: () => now });
});
afterAll(() => t.close());

const dpoTasks = async (caseId: string) =>
  ((await t.request('data_protection_officer', 'GET', '/v1/tasks?role=data_protection_officer')).body.items as Array<Record<string, any>>).filter((x) => x.caseId === caseId);
const setSettings = (body: Record<string, unknown>) => t.request('policy', 'PUT', '/v1/settings', body);

describe('retention settings', () => {
  it('are validated: a negative sealing delay or a zero erasure review is refused naming the field; nothing changes', async () => {
    const before = (await t.request('policy', 'GET', '/v1/settings')).body;
    expect(before).toMatchObject({ sealAfterAdulthoodYears: 0, erasureReviewAfterClosureYears: 10 });
    expect(issuePaths(expectError(await setSettings({ sealAfterAdulthoodYears: -1 }), 400, 'VALIDATION'))).toContain('body.sealAfterAdulthoodYears');
    expect(issuePaths(expectError(await setSettings({ erasureReviewAfterClosureYears: 0 }), 400, 'VALIDATION'))).toContain('body.erasureReviewAfterClosureYears');
    expect((await t.request('policy', 'GET', '/v1/settings')).body).toEqual(before);
  });

  it('are changed by policy only, and the change is audited', async () => {
    expect((await t.request('data_protection_officer', 'PUT', '/v1/settings', { sealAfterAdulthoodYears: 2 })).status).toBe(403);
    const audits = auditRows(t).length;
    expect((await setSettings({ sealAfterAdulthoodYears: 0 })).status).toBe(200);
    expect(auditRows(t).length).toBe(audits + 1);
  });
});

describe('seal due (KP-DATA-03, KP-AGE-04)', () => {
  it('surfaces for the DPO on the youngest plausible 18th birthday plus the years set, not before; an adult\'s record never has one', async () => {
    now = '2026-06-01T10:00:00.000Z';
    expect((await setSettings({ sealAfterAdulthoodYears: 2 })).status).toBe(200);
    // Born some time in 2010: the latest plausible date (31 December) decides (benefit of the doubt).
    const child = await register(t, person('Yusuf', 'male', { earliest: '2010-01-01', latest: '2010-12-31', method: 'interview', confidence: 'low' }));
    const adult = await register(t, person('Amina', 'female', { exact: '1994-02-11' }));
    expect(await dpoTasks(child)).toEqual([]);
    now = '2030-12-30T10:00:00.000Z';
    expect(await dpoTasks(child)).toEqual([]);
    now = '2030-12-31T10:00:00.000Z';
    expect(await dpoTasks(child)).toEqual([expect.objectContaining({ kind: 'seal_due', role: 'data_protection_officer', rule: 'KP-DATA-03', due: '2030-12-31' })]);
    expect(await dpoTasks(adult)).toEqual([]);
    // It is the DPO's work, not a caseworker's.
    const mine = (await t.request('caseworker', 'GET', '/v1/tasks?role=caseworker')).body.items as Array<Record<string, any>>;
    expect(mine.filter((x) => x.kind === 'seal_due')).toEqual([]);
  });

  it('a settings change moves the due date of every case at once', async () => {
    now = '2026-06-01T10:00:00.000Z';
    const child = await register(t, person('Idris', 'male', { exact: '2012-05-05' }));
    expect((await setSettings({ sealAfterAdulthoodYears: 5 })).status).toBe(200);
    now = '2030-05-06T10:00:00.000Z';
    expect(await dpoTasks(child)).toEqual([]);
    expect((await setSettings({ sealAfterAdulthoodYears: 0 })).status).toBe(200);
    expect(await dpoTasks(child)).toEqual([expect.objectContaining({ kind: 'seal_due', due: '2030-05-05' })]);
  });

  it('closure plus N years seals earlier when set', async () => {
    now = '2026-06-01T10:00:00.000Z';
    expect((await setSettings({ sealAfterAdulthoodYears: 0, sealAfterClosureYears: 1 })).status).toBe(200);
    const child = await register(t, person('Sami', 'male', { exact: '2016-01-10' }));
    ok(await t.command('supervisor', child, 'case', 'CLOSE', { reason: 'returned to family' }));
    now = '2027-06-01T10:00:00.000Z';
    expect(await dpoTasks(child)).toEqual([expect.objectContaining({ kind: 'seal_due', due: '2027-06-01' })]);
    expect((await setSettings({ sealAfterClosureYears: 30 })).status).toBe(200);
    expect((await dpoTasks(child)).filter((x) => x.kind === 'seal_due')).toEqual([]);
  });
});

describe('erasure review due', () => {
  it('surfaces for the DPO the years set after closure; an open case has none; reopening removes it', async () => {
    now = '2026-06-01T10:00:00.000Z';
    expect((await setSettings({ erasureReviewAfterClosureYears: 3 })).status).toBe(200);
    const open = await register(t, person('Leila', 'female', { exact: '1990-03-03' }));
    const closed = await register(t, person('Nadia', 'female', { exact: '1991-04-04' }));
    ok(await t.command('supervisor', closed, 'case', 'CLOSE', { reason: 'resettled' }));
    now = '2029-05-31T10:00:00.000Z';
    expect(await dpoTasks(closed)).toEqual([]);
    now = '2029-06-01T10:00:00.000Z';
    expect(await dpoTasks(closed)).toEqual([expect.objectContaining({ kind: 'erasure_review_due', role: 'data_protection_officer', due: '2029-06-01' })]);
    expect(await dpoTasks(open)).toEqual([]);
    ok(await t.command('supervisor', closed, 'case', 'REOPEN', { reason: 'new information' }));
    expect(await dpoTasks(closed)).toEqual([]);
  });
});

describe('case.SEAL (KP-DATA-03)', () => {
  it('only the DPO seals, with a reason; the seal is in the audit chain and the seal-due task is done', async () => {
    now = '2026-06-01T10:00:00.000Z';
    expect((await setSettings({ sealAfterAdulthoodYears: 0, sealAfterClosureYears: 30 })).status).toBe(200);
    const child = await register(t, person('Karim', 'male', { exact: '2009-01-15' }));
    now = '2027-01-15T10:00:00.000Z';
    expect((await dpoTasks(child)).map((x) => x.kind)).toEqual(['seal_due']);
    expect((await t.command('supervisor', child, 'case', 'SEAL', { reason: 'sealing date reached' })).status).toBe(403);
    expect(issuePaths(expectError(await t.command('data_protection_officer', child, 'case', 'SEAL', {}), 400, 'VALIDATION'))).toContain('data.reason');
    ok(await t.command('data_protection_officer', child, 'case', 'SEAL', { reason: 'sealing date reached' }));
    const last = auditRows(t).filter((r: any) => r.caseId === child).at(-1) as any;
    expect(last).toMatchObject({ workflow: 'case', result: 'applied' });
    expect(JSON.stringify(last)).toContain('SEAL');
    expect(await dpoTasks(child)).toEqual([]);
    // Final: no command moves a sealed case, not even the DPO's second seal.
    expect((await t.command('data_protection_officer', child, 'case', 'SEAL', { reason: 'again' })).status).toBeGreaterThanOrEqual(400);
  });

  it('a sealed case is readable by the DPO and by break-glass only; before the seal the team and the reviewer read it', async () => {
    now = '2026-06-01T10:00:00.000Z';
    const child = await register(t, person('Omar', 'male', { exact: '2011-02-02' }));
    for (const role of ['caseworker', 'supervisor', 'reviewer', 'policy', 'data_protection_officer'] as const) expect((await t.request(role, 'GET', `/v1/cases/${child}`)).status, role).toBe(200);
    ok(await t.command('data_protection_officer', child, 'case', 'SEAL', { reason: 'retention policy' }));
    for (const role of ['caseworker', 'supervisor', 'reviewer', 'policy', 'bid_panel', 'legal_officer'] as const) {
      expectError(await t.request(role, 'GET', `/v1/cases/${child}`), 404, 'NOT_FOUND');
      const list = (await t.request(role, 'GET', '/v1/cases?limit=200')).body.items as Array<{ id: string }>;
      expect(list.map((c) => c.id), role).not.toContain(child);
    }
    expect((await t.request('data_protection_officer', 'GET', `/v1/cases/${child}`)).status).toBe(200);
    expect(((await t.request('data_protection_officer', 'GET', '/v1/cases?limit=200')).body.items as Array<{ id: string }>).map((c) => c.id)).toContain(child);
    const opened = await t.request('supervisor', 'POST', `/v1/cases/${child}/break-glass`, { justification: 'a court orders the record produced for the child\'s own protection today' });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    expect((await t.request('supervisor', 'GET', `/v1/cases/${child}`)).status).toBe(200);
    expectError(await t.request('caseworker', 'GET', `/v1/cases/${child}`), 404, 'NOT_FOUND');
  });
});

describe('KP-DATA-03 on the real seal: a sealed juvenile record is never used in an adult proceeding', () => {
  const evidence = { kind: 'document', summary: 'a report from when he was 15', concerns: 'own_conduct', tortureAllegation: 'none', source: 'field report', at: '2024-03-10' };
  const caseOf = async (given: string) => {
    now = '2026-06-01T10:00:00.000Z';
    const id = await register(t, person(given, 'male', { exact: '2008-09-09' }));
    await screen(t, id);
    const ev = await addEvidence(t, id, evidence, 'legal_officer');
    now = '2027-06-01T10:00:00.000Z';
    return { id, ev };
  };

  it('refused with KP-DATA-03 on a sealed case, even to a legal officer reading it through break-glass', async () => {
    const { id, ev } = await caseOf('Bilal');
    ok(await t.command('data_protection_officer', id, 'case', 'SEAL', { reason: 'sealing date reached' }));
    expect((await t.request('legal_officer', 'POST', `/v1/cases/${id}/break-glass`, { justification: 'prosecutor demands the file for adult proceedings this morning' })).status).toBe(201);
    // Sent by hand: the helper reads the version as a caseworker, who cannot see a sealed case.
    const version = (await t.request('legal_officer', 'GET', `/v1/cases/${id}`)).body.version;
    const res = await t.request('legal_officer', 'POST', `/v1/cases/${id}/commands`, { workflow: 'legal', type: 'OPEN_INVESTIGATION', data: { evidenceIds: [ev] } }, { 'if-match': String(version) });
    expect(failedRules(res)).toContain('KP-DATA-03');
  });

  it('allowed (KP-DATA-03 passes) on the same record unsealed', async () => {
    const { id, ev } = await caseOf('Hamza');
    const res = ok(await t.command('legal_officer', id, 'legal', 'OPEN_INVESTIGATION', { evidenceIds: [ev] }));
    expect(res.verdicts.find((v: { rule: string }) => v.rule === 'KP-DATA-03')).toMatchObject({ ok: true });
  });
});

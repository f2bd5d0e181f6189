import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adultWoman, goodInterview, testApp, victimAssessment } from '../support/app.ts';
import { register } from '../support/flows.ts';
import { auditRows, expectError, issuePaths, stored, type TestApp } from './helpers.ts';

/** Every error code through the API, in the one body shape, and never a 500 (API.md "Errors"). */
let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.close();
});

const newCase = () => register(t, adultWoman);

/** A case whose screening is submitted (caseworker's work done, waiting on a supervisor). */
async function submittedCase(): Promise<string> {
  const id = await newCase();
  for (const [type, data] of [['START'], ['RECORD_INTERVIEW', goodInterview], ['RECORD_ASSESSMENT', victimAssessment], ['SUBMIT']] as const) {
    const r = await t.command('caseworker', id, 'screening', type, data as Record<string, unknown> | undefined);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  }
  return id;
}

const commandUrl = (id: string) => `/v1/cases/${id}/commands`;

/**
 * Sends a request that must be refused and asserts the case did not change: same version, same
 * workflow states and snapshots, same facts; the audit trail grows by `audited` refused records only.
 */
async function refusedWithoutChange(caseId: string, send: () => Promise<{ status: number; body: any }>, audited: 0 | 1) {
  const before = stored(t, caseId);
  const auditBefore = auditRows(t).length;
  const res = await send();
  expect(res.status).not.toBe(500);
  expect(stored(t, caseId)).toEqual(before);
  const added = auditRows(t).slice(auditBefore);
  expect(added.length, JSON.stringify(added)).toBe(audited);
  for (const r of added) {
    expect(r.result).toBe('refused');
    expect(r.caseId).toBe(caseId);
  }
  return res;
}

describe('400 VALIDATION names the offending field', () => {
  it('a bad body field (person.sex)', async () => {
    const before = auditRows(t).length;
    const r = await t.request('caseworker', 'POST', '/v1/cases', { ...adultWoman, person: { ...adultWoman.person, sex: 'robot' } });
    const e = expectError(r, 400, 'VALIDATION');
    expect(issuePaths(e)).toContain('body.person.sex');
    expect(e.message).toContain('person.sex');
    expect(auditRows(t).length).toBe(before);
  });

  it('an unknown body field (strict schemas)', async () => {
    const r = await t.request('caseworker', 'POST', '/v1/cases', { ...adultWoman, nickname: 'x' });
    const e = expectError(r, 400, 'VALIDATION');
    expect(issuePaths(e).join(' ')).toMatch(/body/);
  });

  it('an impossible calendar date in the body', async () => {
    const r = await t.request('caseworker', 'POST', '/v1/cases', { ...adultWoman, person: { ...adultWoman.person, dateOfBirth: { exact: '2023-02-29' } } });
    const e = expectError(r, 400, 'VALIDATION');
    expect(issuePaths(e).some((p) => p.startsWith('body.person.dateOfBirth'))).toBe(true);
  });

  it('a bad query (limit=0, limit=abc, unknown filter)', async () => {
    for (const q of ['limit=0', 'limit=abc', 'limit=201']) {
      const e = expectError(await t.request('caseworker', 'GET', `/v1/cases?${q}`), 400, 'VALIDATION');
      expect(issuePaths(e)).toContain('querystring.limit');
    }
    const e = expectError(await t.request('caseworker', 'GET', '/v1/cases?colour=red'), 400, 'VALIDATION');
    expect(issuePaths(e).join(' ')).toMatch(/querystring/);
    const n = expectError(await t.request('caseworker', 'GET', '/v1/cases?nationality=france'), 400, 'VALIDATION');
    expect(issuePaths(n)).toContain('querystring.nationality');
    const a = expectError(await t.request('reviewer', 'GET', '/v1/audit?limit=0'), 400, 'VALIDATION');
    expect(issuePaths(a)).toContain('querystring.limit');
  });

  it('bad params (a case id over 64 characters)', async () => {
    const e = expectError(await t.request('caseworker', 'GET', `/v1/cases/${'x'.repeat(65)}`), 400, 'VALIDATION');
    expect(issuePaths(e)).toContain('params.id');
    const j = expectError(await t.request('caseworker', 'GET', '/v1/jurisdictions/france'), 400, 'VALIDATION');
    expect(issuePaths(j)).toContain('params.code');
  });

  it('a missing If-Match header on a command', async () => {
    const id = await newCase();
    const r = await refusedWithoutChange(id, () => t.request('caseworker', 'POST', commandUrl(id), { workflow: 'screening', type: 'START' }), 0);
    const e = expectError(r, 400, 'VALIDATION');
    expect(issuePaths(e).join(' ')).toMatch(/if-match/);
  });

  it('a malformed If-Match header', async () => {
    const id = await newCase();
    const r = await refusedWithoutChange(id, () => t.request('caseworker', 'POST', commandUrl(id), { workflow: 'screening', type: 'START' }, { 'if-match': 'latest' }), 0);
    expect(issuePaths(expectError(r, 400, 'VALIDATION')).join(' ')).toMatch(/if-match/);
  });

  it('a missing If-Match header on PATCH', async () => {
    const id = await newCase();
    const r = await refusedWithoutChange(id, () => t.request('caseworker', 'PATCH', `/v1/cases/${id}`, { location: { kind: 'community', name: 'Lyon', state: 'FR' } }), 0);
    const e = expectError(r, 400, 'VALIDATION');
    expect(issuePaths(e).join(' ')).toMatch(/if-match/);
  });

  it('a PATCH whose merged facts are invalid names the field', async () => {
    const id = await newCase();
    const r = await refusedWithoutChange(id, () => t.request('caseworker', 'PATCH', `/v1/cases/${id}`, { person: { names: [] } }, { 'if-match': '1' }), 0);
    const e = expectError(r, 400, 'VALIDATION');
    expect(issuePaths(e).join(' ')).toMatch(/names/);
  });

  it('malformed JSON', async () => {
    const before = auditRows(t).length;
    const r = await t.request('caseworker', 'POST', '/v1/cases', '{"person": {"names": [', {});
    expectError(r, 400, 'VALIDATION');
    const empty = await t.request('caseworker', 'POST', '/v1/cases', '', {});
    expectError(empty, 400, 'VALIDATION');
    expect(auditRows(t).length).toBe(before);
  });

  it('malformed JSON on a command changes nothing', async () => {
    const id = await newCase();
    const r = await refusedWithoutChange(id, () => t.request('caseworker', 'POST', commandUrl(id), '{"workflow": "screening", ', { 'if-match': '1' }), 0);
    expectError(r, 400, 'VALIDATION');
  });

  it('an unknown command type names `type`', async () => {
    const id = await newCase();
    const r = await refusedWithoutChange(id, () => t.request('caseworker', 'POST', commandUrl(id), { workflow: 'screening', type: 'LAUNCH' }, { 'if-match': '1' }), 0);
    const e = expectError(r, 400, 'VALIDATION');
    expect(issuePaths(e).some((p) => p === 'type' || p.endsWith('.type'))).toBe(true);
    const lower = await t.request('caseworker', 'POST', commandUrl(id), { workflow: 'screening', type: 'start' }, { 'if-match': '1' });
    expect(issuePaths(expectError(lower, 400, 'VALIDATION')).some((p) => p.endsWith('type'))).toBe(true);
  });

  it('bad command data names data.<field>', async () => {
    const id = await newCase();
    expect((await t.command('caseworker', id, 'screening', 'START')).status).toBe(200);
    const v = stored(t, id).version;
    const r = await refusedWithoutChange(
      id,
      () => t.request('caseworker', 'POST', commandUrl(id), { workflow: 'screening', type: 'RECORD_INTERVIEW', data: { ...goodInterview, interpreter: 'yes' } }, { 'if-match': String(v) }),
      0,
    );
    const e = expectError(r, 400, 'VALIDATION');
    expect(issuePaths(e)).toContain('data.interpreter');
    const missing = await t.request('caseworker', 'POST', commandUrl(id), { workflow: 'screening', type: 'RECORD_INTERVIEW', data: {} }, { 'if-match': String(v) });
    expect(issuePaths(expectError(missing, 400, 'VALIDATION'))).toContain('data.participants');
    const extra = await t.request('caseworker', 'POST', commandUrl(id), { workflow: 'screening', type: 'START', data: { surprise: 1 } }, { 'if-match': String(v) });
    expect(issuePaths(expectError(extra, 400, 'VALIDATION')).some((p) => p.startsWith('data'))).toBe(true);
  });

  it('a bad command envelope (unknown key) names the body', async () => {
    const id = await newCase();
    const r = await t.request('caseworker', 'POST', commandUrl(id), { workflow: 'screening', type: 'START', colour: 'red' }, { 'if-match': '1' });
    expect(issuePaths(expectError(r, 400, 'VALIDATION')).join(' ')).toMatch(/body/);
  });

  it('bad evidence names the field', async () => {
    const id = await newCase();
    const r = await refusedWithoutChange(id, () => t.request('caseworker', 'POST', `/v1/cases/${id}/evidence`, { kind: 'statement', summary: 's', concerns: 'rumour', source: 'x', at: '2024-01-01' }), 0);
    expect(issuePaths(expectError(r, 400, 'VALIDATION'))).toContain('body.concerns');
  });
});

describe('401 UNAUTHENTICATED', () => {
  it('no token', async () => {
    expectError(await t.request(null, 'GET', '/v1/cases'), 401, 'UNAUTHENTICATED');
    expectError(await t.request(null, 'POST', '/v1/cases', adultWoman), 401, 'UNAUTHENTICATED');
  });

  it('an unknown token, and a header that is not a bearer token', async () => {
    expectError(await t.request({ token: 'kp_not-a-real-token' }, 'GET', '/v1/cases'), 401, 'UNAUTHENTICATED');
    expectError(await t.request(null, 'GET', '/v1/cases', undefined, { authorization: `Basic ${t.users.admin.token}` }), 401, 'UNAUTHENTICATED');
  });

  it('a disabled user', async () => {
    const u = t.extra('gone', 'caseworker');
    expect((await t.request(u, 'GET', '/v1/cases')).status).toBe(200);
    t.app.services.repos.users.setDisabled(u.id, true);
    expectError(await t.request(u, 'GET', '/v1/cases'), 401, 'UNAUTHENTICATED');
  });
});

describe('403 FORBIDDEN', () => {
  it('the wrong role on a route', async () => {
    const before = auditRows(t).length;
    expectError(await t.request('reviewer', 'POST', '/v1/cases', adultWoman), 403, 'FORBIDDEN');
    expectError(await t.request('caseworker', 'GET', '/v1/audit'), 403, 'FORBIDDEN');
    expectError(await t.request('caseworker', 'GET', '/v1/users'), 403, 'FORBIDDEN');
    expect(auditRows(t).length).toBe(before);
  });

  it('reviewer, policy and admin send no commands', async () => {
    const id = await newCase();
    for (const role of ['reviewer', 'policy', 'admin'] as const) {
      const r = await refusedWithoutChange(id, () => t.request(role, 'POST', commandUrl(id), { workflow: 'screening', type: 'START' }, { 'if-match': '1' }), 0);
      expectError(r, 403, 'FORBIDDEN');
    }
  });

  it('the wrong role for a command (caseworker sending screening APPROVE)', async () => {
    const id = await submittedCase();
    const v = stored(t, id).version;
    const r = await refusedWithoutChange(id, () => t.request('caseworker', 'POST', commandUrl(id), { workflow: 'screening', type: 'APPROVE' }, { 'if-match': String(v) }), 0);
    const e = expectError(r, 403, 'FORBIDDEN');
    expect(e.message).toContain('supervisor');
    expect(stored(t, id).states['screening/']).toBe('submitted');
  });

  it('a supervisor sending a caseworker command', async () => {
    const id = await newCase();
    const r = await refusedWithoutChange(id, () => t.request('supervisor', 'POST', commandUrl(id), { workflow: 'screening', type: 'START' }, { 'if-match': '1' }), 0);
    expectError(r, 403, 'FORBIDDEN');
  });
});

describe('404 NOT_FOUND', () => {
  it('an unknown case', async () => {
    expectError(await t.request('caseworker', 'GET', '/v1/cases/no-such-case'), 404, 'NOT_FOUND');
    expectError(await t.request('caseworker', 'GET', '/v1/cases/no-such-case/history'), 404, 'NOT_FOUND');
    expectError(await t.request('caseworker', 'PATCH', '/v1/cases/no-such-case', { location: { kind: 'community', name: 'Lyon', state: 'FR' } }, { 'if-match': '1' }), 404, 'NOT_FOUND');
    expectError(await t.request('caseworker', 'POST', '/v1/cases/no-such-case/evidence', { kind: 'statement', summary: 's', concerns: 'general', source: 'x', at: '2024-01-01' }), 404, 'NOT_FOUND');
    const before = auditRows(t).length;
    expectError(await t.request('caseworker', 'POST', commandUrl('no-such-case'), { workflow: 'screening', type: 'START' }, { 'if-match': '1' }), 404, 'NOT_FOUND');
    expect(auditRows(t).length).toBe(before);
  });

  it('an unknown workflow', async () => {
    const id = await newCase();
    const r = await refusedWithoutChange(id, () => t.request('caseworker', 'POST', commandUrl(id), { workflow: 'teleportation', type: 'START' }, { 'if-match': '1' }), 0);
    expectError(r, 404, 'NOT_FOUND');
    expectError(await t.request('caseworker', 'GET', '/v1/workflows/teleportation'), 404, 'NOT_FOUND');
  });

  it('an unknown jurisdiction', async () => {
    expectError(await t.request('caseworker', 'GET', '/v1/jurisdictions/ZZ'), 404, 'NOT_FOUND');
  });

  it('an unknown route', async () => {
    expectError(await t.request('caseworker', 'GET', '/v1/nothing-here'), 404, 'NOT_FOUND');
    expectError(await t.request('caseworker', 'DELETE', '/v1/cases'), 404, 'NOT_FOUND');
    expectError(await t.request(null, 'GET', '/nothing-here'), 404, 'NOT_FOUND');
  });
});

describe('409', () => {
  it('VERSION_CONFLICT on a stale If-Match, with details.currentVersion', async () => {
    const id = await newCase();
    expect((await t.command('caseworker', id, 'screening', 'START')).status).toBe(200);
    const current = stored(t, id).version;
    expect(current).toBe(2);
    const r = await refusedWithoutChange(id, () => t.request('caseworker', 'POST', commandUrl(id), { workflow: 'screening', type: 'RECORD_INTERVIEW', data: goodInterview }, { 'if-match': '1' }), 0);
    const e = expectError(r, 409, 'VERSION_CONFLICT');
    expect(e.details.currentVersion).toBe(current);
    const quoted = await t.request('caseworker', 'POST', commandUrl(id), { workflow: 'screening', type: 'RECORD_INTERVIEW', data: goodInterview }, { 'if-match': '"7"' });
    expect(expectError(quoted, 409, 'VERSION_CONFLICT').details.currentVersion).toBe(current);
  });

  it('VERSION_CONFLICT on a stale PATCH and a stale evidence If-Match', async () => {
    const id = await newCase();
    const p = await refusedWithoutChange(id, () => t.request('caseworker', 'PATCH', `/v1/cases/${id}`, { location: { kind: 'community', name: 'Lyon', state: 'FR' } }, { 'if-match': '5' }), 0);
    expect(expectError(p, 409, 'VERSION_CONFLICT').details.currentVersion).toBe(1);
    const ev = await refusedWithoutChange(
      id,
      () => t.request('caseworker', 'POST', `/v1/cases/${id}/evidence`, { kind: 'statement', summary: 's', concerns: 'general', source: 'x', at: '2024-01-01' }, { 'if-match': '3' }),
      0,
    );
    expect(expectError(ev, 409, 'VERSION_CONFLICT').details.currentVersion).toBe(1);
  });

  it('IDEMPOTENCY_MISMATCH when a key is reused for a different request', async () => {
    const id = await newCase();
    const first = await t.request('caseworker', 'POST', commandUrl(id), { workflow: 'screening', type: 'START' }, { 'if-match': '1', 'idempotency-key': 'err-k1' });
    expect(first.status).toBe(200);
    const r = await refusedWithoutChange(
      id,
      () => t.request('caseworker', 'POST', commandUrl(id), { workflow: 'screening', type: 'RECORD_INTERVIEW', data: goodInterview }, { 'if-match': '2', 'idempotency-key': 'err-k1' }),
      0,
    );
    expectError(r, 409, 'IDEMPOTENCY_MISMATCH');
  });
});

describe('422', () => {
  it('RULES_REFUSED lists every failed rule and the state; only a refused audit record is written', async () => {
    const id = await newCase();
    expect((await t.command('caseworker', id, 'screening', 'START')).status).toBe(200);
    const r = await refusedWithoutChange(id, () => t.command('caseworker', id, 'screening', 'SUBMIT'), 1);
    const e = expectError(r, 422, 'RULES_REFUSED');
    expect(e.details.state).toBe('in_progress');
    const failed = (e.details.verdicts as Array<{ rule: string; ok: boolean; reason: string; severity: string; principle: string }>);
    // No interview (KP-SCR-05) and no assessment (KP-SCR-01): both are reported at once.
    expect(failed.map((v) => v.rule).sort()).toEqual(['KP-SCR-01', 'KP-SCR-05']);
    for (const v of failed) {
      expect(v.ok).toBe(false);
      expect(v.reason.length).toBeGreaterThan(0);
      expect(typeof v.principle).toBe('string');
    }
    const record = auditRows(t).at(-1)!;
    expect(record).toMatchObject({ caseId: id, type: 'SUBMIT', result: 'refused', fromState: 'in_progress', toState: 'in_progress' });
    expect((record.verdicts as Array<{ rule: string; ok: boolean }>).filter((v) => !v.ok).map((v) => v.rule).sort()).toEqual(['KP-SCR-01', 'KP-SCR-05']);
    const history = await t.request('reviewer', 'GET', `/v1/cases/${id}/history`);
    expect(history.body.items.at(-1)).toMatchObject({ type: 'SUBMIT', result: 'refused' });
  });

  it('RULES_REFUSED by four-eyes (the submitter cannot approve their own work)', async () => {
    const both = t.extra('cw-and-sup', 'caseworker', 'supervisor');
    const id = await newCase();
    for (const [type, data] of [['START'], ['RECORD_INTERVIEW', goodInterview], ['RECORD_ASSESSMENT', victimAssessment], ['SUBMIT']] as const) {
      expect((await t.command(both, id, 'screening', type, data as Record<string, unknown> | undefined)).status).toBe(200);
    }
    const r = await refusedWithoutChange(id, () => t.command(both, id, 'screening', 'APPROVE'), 1);
    const e = expectError(r, 422, 'RULES_REFUSED');
    expect(e.details.verdicts.map((v: { rule: string }) => v.rule)).toContain('KP-SYS-03');
    expect(e.details.state).toBe('submitted');
  });

  it('INVALID_TRANSITION: APPROVE while screening is pending', async () => {
    const id = await newCase();
    const r = await refusedWithoutChange(id, () => t.command('supervisor', id, 'screening', 'APPROVE'), 1);
    const e = expectError(r, 422, 'INVALID_TRANSITION');
    expect(e.details.state).toBe('pending');
    expect(auditRows(t).at(-1)).toMatchObject({ caseId: id, type: 'APPROVE', result: 'refused', fromState: 'pending', toState: 'pending' });
  });

  it('INVALID_TRANSITION: START twice', async () => {
    const id = await newCase();
    expect((await t.command('caseworker', id, 'screening', 'START')).status).toBe(200);
    const r = await refusedWithoutChange(id, () => t.command('caseworker', id, 'screening', 'START'), 1);
    expect(expectError(r, 422, 'INVALID_TRANSITION').details.state).toBe('in_progress');
  });
});

describe('413 PAYLOAD_TOO_LARGE', () => {
  it('a body over 1 MiB', async () => {
    const before = auditRows(t).length;
    const big = { ...adultWoman, person: { ...adultWoman.person, placeOfBirth: 'x'.repeat(1024 * 1024 + 10) } };
    expectError(await t.request('caseworker', 'POST', '/v1/cases', big), 413, 'PAYLOAD_TOO_LARGE');
    expect(auditRows(t).length).toBe(before);
  });

  it('a command body over 1 MiB changes nothing', async () => {
    const id = await newCase();
    const r = await refusedWithoutChange(
      id,
      () => t.request('caseworker', 'POST', commandUrl(id), { workflow: 'screening', type: 'START', justification: 'j'.repeat(1024 * 1024 + 1) }, { 'if-match': '1' }),
      0,
    );
    expectError(r, 413, 'PAYLOAD_TOO_LARGE');
  });
});

describe('no 500 for bad input', () => {
  it('a battery of malformed requests never yields a 500', async () => {
    const id = await newCase();
    const attempts: Array<[Parameters<TestApp['request']>[1], string, unknown, Record<string, string>?]> = [
      ['POST', '/v1/cases', null],
      ['POST', '/v1/cases', []],
      ['POST', '/v1/cases', 'null'],
      ['POST', '/v1/cases', '"text"'],
      ['POST', '/v1/cases', 42],
      ['POST', '/v1/cases', { person: null, location: null }],
      ['POST', '/v1/cases', { ...adultWoman, familyLinks: [{ caseId: 'nobody', relation: 'mother' }] }],
      ['POST', '/v1/cases', { ...adultWoman, familyLinks: [{ caseId: id, relation: 'mother' }, { caseId: id, relation: 'sibling' }] }],
      ['POST', '/v1/cases', { ...adultWoman, person: { ...adultWoman.person, dateOfBirth: { earliest: '2010-01-01', latest: '2000-01-01', method: 'x', confidence: 'low' } } }],
      ['POST', `/v1/cases/${id}/commands`, { workflow: 'screening', type: 'START', data: [] }, { 'if-match': '1' }],
      ['POST', `/v1/cases/${id}/commands`, { workflow: 'screening', type: 'START', data: null }, { 'if-match': '1' }],
      ['POST', `/v1/cases/${id}/commands`, { workflow: 'screening', type: 'START', instance: 'x' }, { 'if-match': '1' }],
      ['POST', `/v1/cases/${id}/commands`, { workflow: 'screening', type: 'START' }, { 'if-match': '99999999999' }],
      ['POST', `/v1/cases/${id}/commands`, { workflow: 'screening', type: 'START' }, { 'if-match': '1', 'idempotency-key': '' }],
      ['POST', `/v1/cases/${id}/commands`, { workflow: 'screening', type: 'START' }, { 'if-match': '1', 'content-type': 'text/plain' }],
      ['PATCH', `/v1/cases/${id}`, { familyLinks: [{ caseId: id, relation: 'sibling' }] }, { 'if-match': '1' }],
      ['GET', '/v1/cases?child=maybe', undefined],
      ['GET', '/v1/tasks?role=king', undefined],
    ];
    for (const [method, url, body, headers] of attempts) {
      const r = await t.request('caseworker', method, url, body, headers ?? {});
      expect(r.status, `${method} ${url} ${JSON.stringify(body)?.slice(0, 80)} -> ${JSON.stringify(r.body)}`).toBeGreaterThanOrEqual(400);
      expect(r.status, `${method} ${url} ${JSON.stringify(r.body)}`).toBeLessThan(500);
      expect(Object.keys(r.body)).toEqual(['error']);
    }
    expect(stored(t, id).version).toBe(1);
    expect(stored(t, id).states['screening/']).toBe('pending');
    // A cursor that decodes to nothing meaningful is not a server error either.
    expect((await t.request('caseworker', 'GET', '/v1/cases?cursor=%25%25%25')).status).toBeLessThan(500);
  });

  it('refused self-links are reported on familyLinks', async () => {
    const id = await newCase();
    const r = await t.request('caseworker', 'PATCH', `/v1/cases/${id}`, { familyLinks: [{ caseId: id, relation: 'sibling' }] }, { 'if-match': '1' });
    expect(issuePaths(expectError(r, 400, 'VALIDATION'))).toContain('familyLinks.0.caseId');
  });

  it('no error line is logged for any of the above', () => {
    const errors = t.logs.filter((l) => JSON.parse(l).level >= 50);
    expect(errors).toEqual([]);
  });
});

describe('order of checks', () => {
  it('a caller without the role gets 403, not 400, even with an invalid body', async () => {
    const r = await t.request('reviewer', 'POST', '/v1/cases', { person: { sex: 'nonsense' } });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('FORBIDDEN');
  });
  it('a cursor the list never issued is a 400 naming the cursor', async () => {
    const r = await t.request('reviewer', 'GET', '/v1/cases?cursor=not-a-cursor');
    expect(r.status).toBe(400);
    expect(r.body.error.details[0].path).toBe('querystring.cursor');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adultWoman, goodInterview, testApp } from '../support/app.ts';
import { register } from '../support/flows.ts';
import { auditRows, expectError, stored, type TestApp } from './helpers.ts';

/** Retries carry an Idempotency-Key; the same key replays the first answer (DESIGN.md "One transaction per command"). */
let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.close();
});

const newCase = () => register(t, adultWoman);

const send = (id: string, body: Record<string, unknown>, ifMatch: string, key?: string, as: Parameters<TestApp['request']>[0] = 'caseworker') =>
  t.request(as, 'POST', `/v1/cases/${id}/commands`, body, { 'if-match': ifMatch, ...(key ? { 'idempotency-key': key } : {}) });

describe('Idempotency-Key', () => {
  it('the same key replays the first answer with no second audit record and no second version bump', async () => {
    const id = await newCase();
    const auditBefore = auditRows(t).length;
    const first = await send(id, { workflow: 'screening', type: 'START' }, '1', 'start-1');
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body).toMatchObject({ applied: true, state: 'in_progress', version: 2 });
    expect(auditRows(t).length).toBe(auditBefore + 1);
    const after = stored(t, id);

    // The retry carries the If-Match of the first attempt, which is stale now: it still replays.
    const again = await send(id, { workflow: 'screening', type: 'START' }, '1', 'start-1');
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(auditRows(t).length).toBe(auditBefore + 1);
    expect(stored(t, id)).toEqual(after);

    const third = await send(id, { workflow: 'screening', type: 'START' }, '1', 'start-1');
    expect(third.body).toEqual(first.body);
    expect(auditRows(t).length).toBe(auditBefore + 1);
  });

  it('a refused answer is replayed too, without a second refused record', async () => {
    const id = await newCase();
    expect((await send(id, { workflow: 'screening', type: 'START' }, '1')).status).toBe(200);
    const auditBefore = auditRows(t).length;
    const first = await send(id, { workflow: 'screening', type: 'SUBMIT' }, '2', 'submit-1');
    expectError(first, 422, 'RULES_REFUSED');
    expect(auditRows(t).length).toBe(auditBefore + 1);
    const again = await send(id, { workflow: 'screening', type: 'SUBMIT' }, '2', 'submit-1');
    expect(again.status).toBe(422);
    expect(again.body).toEqual(first.body);
    expect(auditRows(t).length).toBe(auditBefore + 1);
  });

  it('the same key with a different request → 409 IDEMPOTENCY_MISMATCH, nothing written', async () => {
    const id = await newCase();
    expect((await send(id, { workflow: 'screening', type: 'START' }, '1', 'k-mismatch')).status).toBe(200);
    const other = await newCase();
    const before = stored(t, id);
    const auditBefore = auditRows(t).length;
    const variants: Array<Record<string, unknown>> = [
      { workflow: 'screening', type: 'RECORD_INTERVIEW', data: goodInterview },
      { workflow: 'screening', type: 'START', justification: 'a different request' },
      { workflow: 'screening', type: 'START', data: { x: 1 } },
      { workflow: 'case', type: 'START' },
    ];
    for (const body of variants) {
      expectError(await send(id, body, '2', 'k-mismatch'), 409, 'IDEMPOTENCY_MISMATCH');
    }
    // The same command on another case is a different request too.
    expectError(await send(other, { workflow: 'screening', type: 'START' }, '1', 'k-mismatch'), 409, 'IDEMPOTENCY_MISMATCH');
    expect(stored(t, other).version).toBe(1);
    expect(stored(t, id)).toEqual(before);
    expect(auditRows(t).length).toBe(auditBefore);
  });

  it('keys belong to their user: another user may use the same key', async () => {
    const id = await newCase();
    const a = await send(id, { workflow: 'screening', type: 'START' }, '1', 'shared-key');
    expect(a.status).toBe(200);
    const other = t.extra('second caseworker', 'caseworker');
    const b = await send(id, { workflow: 'screening', type: 'RECORD_INTERVIEW', data: goodInterview }, '2', 'shared-key', other);
    expect(b.status, JSON.stringify(b.body)).toBe(200);
    expect(b.body.version).toBe(3);
  });

  it('a request that failed before deciding (stale If-Match) does not burn its key', async () => {
    const id = await newCase();
    expectError(await send(id, { workflow: 'screening', type: 'START' }, '9', 'retry-me'), 409, 'VERSION_CONFLICT');
    const ok = await send(id, { workflow: 'screening', type: 'START' }, '1', 'retry-me');
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const replay = await send(id, { workflow: 'screening', type: 'START' }, '1', 'retry-me');
    expect(replay.body).toEqual(ok.body);
  });

  it('without a key, a repeated command is decided again', async () => {
    const id = await newCase();
    expect((await send(id, { workflow: 'screening', type: 'START' }, '1')).status).toBe(200);
    expectError(await send(id, { workflow: 'screening', type: 'START' }, '1'), 409, 'VERSION_CONFLICT');
    expectError(await send(id, { workflow: 'screening', type: 'START' }, '2'), 422, 'INVALID_TRANSITION');
  });
});

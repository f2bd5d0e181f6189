import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RegisterCase } from '../../src/engine/cases.ts';
import { AppError } from '../../src/engine/errors.ts';
import type { Outcome } from '../../src/engine/outcomes.ts';
import { answerOf, STATUS } from '../../src/api/errors.ts';
import type { Actor } from '../../workflows/roles.ts';
import { twoConnections, type Connection } from '../support/twoConnections.ts';
import { adultWoman, goodInterview, testApp } from '../support/app.ts';
import { register } from '../support/flows.ts';

/**
 * Optimistic concurrency (DESIGN.md): a command carries the version it was decided on; of two
 * commands decided on the same version exactly one succeeds, the other gets 409 VERSION_CONFLICT.
 */
const caseworker: Actor = { id: 'u-cw', roles: ['caseworker'] };
const caseworker2: Actor = { id: 'u-cw2', roles: ['caseworker'] };
const supervisor: Actor = { id: 'u-sup', roles: ['supervisor'] };

let a: Connection;
let b: Connection;
let close: () => void;

beforeEach(() => {
  ({ a, b, close } = twoConnections('kp-concurrency-'));
});
afterEach(() => close());

/** The HTTP status, code and details the API would answer the command's outcome with. */
function outcome(fn: () => Outcome): { status: number; code?: string; details?: unknown } {
  try {
    const answer = answerOf(fn());
    const error = answer.body['error'] as { code: string; details?: unknown } | undefined;
    return { status: answer.status, ...(error ? { code: error.code, details: error.details } : {}) };
  } catch (e) {
    if (e instanceof AppError) return { status: STATUS[e.code], code: e.code, details: e.details };
    throw e;
  }
}

describe('two services over one database file', () => {
  it('two commands decided on the same version: exactly one succeeds, the other gets 409 with the current version', () => {
    const c = a.services.cases.register(RegisterCase.parse(adultWoman), caseworker);
    // Both sides read version 1.
    expect(a.services.cases.get(c.id, caseworker).version).toBe(1);
    expect(b.services.cases.get(c.id, supervisor).version).toBe(1);

    const first = outcome(() => a.services.commands.apply({ caseId: c.id, workflow: 'screening', type: 'START', actor: caseworker, ifMatch: 1 }));
    const second = outcome(() => b.services.commands.apply({ caseId: c.id, workflow: 'case', type: 'CLOSE', data: { reason: 'duplicate' }, actor: supervisor, ifMatch: 1 }));
    expect([first.status, second.status]).toEqual([200, 409]);
    expect(second).toMatchObject({ code: 'VERSION_CONFLICT', details: { currentVersion: 2 } });

    // Both connections see the winner only.
    for (const side of [a, b]) {
      const view = side.services.cases.get(c.id, supervisor);
      expect(view.version).toBe(2);
      expect(view.workflows.find((w) => w.kind === 'screening')?.state).toBe('in_progress');
      expect(view.workflows.find((w) => w.kind === 'case')?.state).toBe('open');
      expect(side.services.queries.verify()).toMatchObject({ ok: true });
    }
    expect(b.repos.audit.list({ caseId: c.id }).map((r) => r.type)).toEqual(['CASE_REGISTERED', 'START']);
  });

  it('the loser retries on the current version and succeeds', () => {
    const c = a.services.cases.register(RegisterCase.parse(adultWoman), caseworker);
    a.services.commands.apply({ caseId: c.id, workflow: 'screening', type: 'START', actor: caseworker, ifMatch: 1 });
    const results = [
      outcome(() => a.services.commands.apply({ caseId: c.id, workflow: 'screening', type: 'RECORD_INTERVIEW', data: goodInterview, actor: caseworker, ifMatch: 2 })),
      outcome(() => b.services.commands.apply({ caseId: c.id, workflow: 'screening', type: 'RECORD_INTERVIEW', data: goodInterview, actor: caseworker2, ifMatch: 2 })),
    ];
    expect(results.map((r) => r.status)).toEqual([200, 409]);
    const retry = outcome(() => b.services.commands.apply({ caseId: c.id, workflow: 'screening', type: 'RECORD_INTERVIEW', data: goodInterview, actor: caseworker2, ifMatch: 3 }));
    expect(retry.status).toBe(200);
    const interviews = (b.repos.cases.instances(c.id).find((i) => i.kind === 'screening')?.snapshot as { context: { interviews: unknown[] } });
    expect(interviews.context.interviews).toHaveLength(2);
  });

  it('PATCH and a command decided on the same version: one wins', () => {
    const c = a.services.cases.register(RegisterCase.parse(adultWoman), caseworker);
    a.services.cases.patch(c.id, { location: { kind: 'community', name: 'Lyon', state: 'FR' } }, 1, caseworker);
    const cmd = outcome(() => b.services.commands.apply({ caseId: c.id, workflow: 'screening', type: 'START', actor: caseworker, ifMatch: 1 }));
    expect(cmd).toMatchObject({ status: 409, details: { currentVersion: 2 } });
  });
});

describe('through the API', () => {
  it('concurrent requests with the same If-Match: exactly one 200, the others 409', async () => {
    const t = await testApp();
    const id = await register(t, adultWoman);
    expect((await t.command('caseworker', id, 'screening', 'START')).status).toBe(200);
    const send = () => t.request('caseworker', 'POST', `/v1/cases/${id}/commands`, { workflow: 'screening', type: 'RECORD_INTERVIEW', data: goodInterview }, { 'if-match': '2' });
    const answers = await Promise.all([send(), send(), send(), send()]);
    const statuses = answers.map((x) => x.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409]);
    for (const x of answers.filter((y) => y.status === 409)) expect(x.body.error).toMatchObject({ code: 'VERSION_CONFLICT', details: { currentVersion: 3 } });
    const history = await t.request('reviewer', 'GET', `/v1/cases/${id}/history`);
    expect(history.body.items.filter((i: { type: string }) => i.type === 'RECORD_INTERVIEW')).toHaveLength(1);
    await t.close();
  });
});

import { describe, expect, it } from 'vitest';
import { adultWoman } from '../../support/app.ts';
import { register, type T } from '../../support/flows.ts';
import { expectError } from '../helpers.ts';
import { appsPerTest, send, KINDS, SENDERS } from './fixtures.ts';

/**
 * Definitions and catalogues: workflows, who sends what, rules, jurisdictions, users.
 *
 * A conformance test written as an outside client would write it from /work/shared/API.md and
 * WORKFLOWS.md alone: the names, shapes and codes those pages give, nothing the implementation adds.
 * Behaviour asserted elsewhere (roles per route, error codes per cause, filters already covered) is
 * not repeated here.
 */

const app = appsPerTest();

describe('definitions, catalogue, jurisdictions, users', () => {
  it('GET /v1/workflows and /v1/workflows/:kind: every kind, its states, its events and the rules guarding each transition, a version', async () => {
    const t = await app();
    const all = await t.request('reviewer', 'GET', '/v1/workflows');
    expect(all.status).toBe(200);
    expect(all.body.items.map((d: { kind: string }) => d.kind).sort()).toEqual(expect.arrayContaining(Object.keys(KINDS).sort()));
    for (const [kind, spec] of Object.entries(KINDS)) {
      const r = await t.request('policy', 'GET', `/v1/workflows/${kind}`);
      expect(r.status, kind).toBe(200);
      expect(r.body.kind).toBe(kind);
      expect(Number.isInteger(r.body.version)).toBe(true);
      expect(r.body.states).toEqual(expect.arrayContaining(spec.states));
      expect(r.body.events).toEqual(expect.arrayContaining(spec.commands));
      expect(r.body.transitions.length).toBeGreaterThan(0);
      for (const tr of r.body.transitions) expect(Array.isArray(tr.rules)).toBe(true);
      const diagram = await t.request('caseworker', 'GET', `/v1/workflows/${kind}/diagram?format=mermaid`);
      expect(diagram.status).toBe(200);
      expect(diagram.raw.body).toContain('stateDiagram');
    }
    const approve = (await t.request('policy', 'GET', '/v1/workflows/screening')).body.transitions.find((x: { event: string }) => x.event === 'APPROVE');
    expect(approve.rules).toContain('KP-SYS-03');
  });

  it('"Who sends what": each listed sender may send the command (never 403); reviewer and policy send none', async () => {
    const t = await app();
    const id = await register(t, adultWoman);
    for (const [workflow, type, role] of SENDERS) {
      const r = await send(t, role as Parameters<T['request']>[0], id, { workflow, type, data: {} });
      expect(r.status, `${workflow}.${type} as ${role}: ${JSON.stringify(r.body)}`).not.toBe(403);
      expect(r.status).not.toBe(500);
    }
    for (const role of ['reviewer', 'policy', 'admin'] as const) expectError(await send(t, role, id, { workflow: 'screening', type: 'START' }), 403, 'FORBIDDEN');
  });

  it('GET /v1/rules: id, summary, principle reference and severity for every rule', async () => {
    const t = await app();
    const r = await t.request('bid_panel', 'GET', '/v1/rules');
    expect(r.status).toBe(200);
    expect(r.body.items.length).toBeGreaterThanOrEqual(40);
    for (const rule of r.body.items) {
      expect(rule.id).toMatch(/^KP-[A-Z]+-\d{2}$/);
      for (const k of ['summary', 'principle', 'severity']) expect(typeof rule[k], `${rule.id}.${k}`).toBe('string');
    }
    for (const id of ['KP-CHILD-02', 'KP-SCR-05', 'KP-SYS-03', 'KP-AGE-01', 'KP-RET-01']) expect(r.body.items.map((x: { id: string }) => x.id)).toContain(id);
  });

  it('jurisdictions: the data fields WORKFLOWS.md names; PUT /:code by policy adds a version (audited) and reports MACR below the floors', async () => {
    const t = await app();
    const body = {
      code: 'XB', name: 'Test State', macrGeneral: 10, macrType: 'rebuttable_presumption', macrOffenceSpecific: [{ offenceCategory: 'membership_or_association', age: 8 }],
      deathPenaltyAvailable: true, lifeWithoutParoleForMinors: false, militaryOrSpecialCourtsForChildren: true,
      detentionReviewIntervalDays: 30, pretrialMaxDaysChild: 60, bidPanelMinMembers: 3, validFrom: '2020-01-01',
    };
    const put = await t.request('policy', 'PUT', '/v1/jurisdictions/XB', body);
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    const list = await t.request('caseworker', 'GET', '/v1/jurisdictions');
    const xb = list.body.items.find((j: { code: string }) => j.code === 'XB');
    expect(xb).toMatchObject(body);
    expect(JSON.stringify(xb.compliance)).toMatch(/12/);
    expect(JSON.stringify(xb.compliance)).toMatch(/14/);
    const audit = await t.request('reviewer', 'GET', `/v1/audit?actor=${t.users.policy.id}`);
    expect(audit.body.items).toHaveLength(1);
    // The path names the jurisdiction: the body's `code` may be left out.
    const { code: _code, ...withoutCode } = body;
    expect((await t.request('policy', 'PUT', '/v1/jurisdictions/XB', { ...withoutCode, validFrom: '2024-01-01', macrGeneral: 14 })).status).toBe(200);
    expectError(await t.request('policy', 'PUT', '/v1/jurisdictions/XC', body), 400, 'VALIDATION');
  });

  it('POST /v1/users (admin) answers { id, name, roles, token } once; the token works; GET /v1/users shows no token', async () => {
    const t = await app();
    const r = await t.request('admin', 'POST', '/v1/users', { name: 'Second supervisor', roles: ['supervisor', 'reviewer'] });
    expect(r.status).toBe(201);
    expect(Object.keys(r.body).sort()).toEqual(['id', 'name', 'roles', 'token']);
    expect(r.body.roles).toEqual(['supervisor', 'reviewer']);
    expect((await t.request({ token: r.body.token }, 'GET', '/v1/audit')).status).toBe(200);
    const users = await t.request('admin', 'GET', '/v1/users');
    const listed = users.body.items.find((u: { id: string }) => u.id === r.body.id);
    expect(listed).toMatchObject({ id: r.body.id, name: 'Second supervisor', roles: ['supervisor', 'reviewer'] });
    expect(JSON.stringify(users.body)).not.toContain(r.body.token);
    expect(listed).not.toHaveProperty('token');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adultWoman, boy, testApp } from '../support/app.ts';
import { ok, prepareBid, screen, register } from '../support/flows.ts';
import { auditRows, expectError, issuePaths, signIn, type TestApp } from './helpers.ts';

/** Need-to-know access (issue 10.1–10.3, docs/access.md): case scope, assignment commands, break-glass. */
let now = '2026-06-01T09:00:00.000Z';
let t: TestApp;
let teamB = '';
let partner = '';
let childId = '';
let childRef = '';
let outsider: { id: string; token: string };
let outsiderSupervisor: { id: string; token: string };
const CHILD_NAME = 'Zahrasoleil';
const evidence = { kind: 'statement', summary: 'a statement', concerns: 'general', source: 'field team', at: '2024-03-01' };

const child = () => ({ ...boy('2016-05-02'), person: { ...boy('2016-05-02').person, names: [{ given: CHILD_NAME, family: 'Haddad', script: 'latin' }] } });
const version = async (id: string, as: Parameters<TestApp['request']>[0] = 'supervisor') => String((await t.request(as, 'GET', `/v1/cases/${id}`)).body.version);
const send = async (as: Parameters<TestApp['request']>[0], id: string, workflow: string, type: string, data?: Record<string, unknown>) =>
  t.request(as, 'POST', `/v1/cases/${id}/commands`, { workflow, type, ...(data ? { data } : {}) }, { 'if-match': await version(id) });

beforeAll(async () => {
  t = await testApp({ now: () => now, assignAll: false });
  teamB = await t.team('team B');
  partner = await t.team('partner team', 'Partner NGO');
  outsider = t.member([teamB], 'caseworker B', 'caseworker');
  outsiderSupervisor = t.member([teamB], 'supervisor B', 'supervisor');
  const r = await t.request('caseworker', 'POST', '/v1/cases', child());
  expect(r.status).toBe(201);
  childId = r.body.id;
  childRef = r.body.reference;
});
afterAll(async () => {
  await t.close();
});

describe('case scope (10.1): a caseworker of another team', () => {
  it('registration: the case is owned by the registrant\'s first team and assigned to the registrant', async () => {
    expect(t.app.services.repos.scope.teamOf(childId)).toBe('team-default');
    expect(t.app.services.repos.scope.assigned(childId)).toEqual([t.users.caseworker.id]);
    const own = await t.request(outsider, 'POST', '/v1/cases', boy('2015-01-01'));
    expect(t.app.services.repos.scope.teamOf(own.body.id)).toBe(teamB);
    // Each sees their own, not the other's.
    expect((await t.request('caseworker', 'GET', `/v1/cases/${own.body.id}`)).status).toBe(404);
    expect((await t.request(outsider, 'GET', `/v1/cases/${own.body.id}`)).status).toBe(200);
  });

  it('cannot find, read, change, add evidence to or command the child\'s case: 404 as for an unknown case', async () => {
    const list = await t.request(outsider, 'GET', '/v1/cases?limit=200');
    expect(list.body.items.map((c: { id: string }) => c.id)).not.toContain(childId);
    for (const q of [CHILD_NAME, childId.slice(0, 8), childRef]) expect((await t.request(outsider, 'GET', `/v1/cases?q=${q}`)).body.items, q).toEqual([]);
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const id of [childId, unknown]) {
      const e = expectError(await t.request(outsider, 'GET', `/v1/cases/${id}`), 404, 'NOT_FOUND');
      expect(e.message).toBe(`case ${id} not found`);
    }
    expectError(await t.request(outsider, 'PATCH', `/v1/cases/${childId}`, { location: { kind: 'camp', name: 'Roj', state: 'SY' } }, { 'if-match': '1' }), 404, 'NOT_FOUND');
    expectError(await t.request(outsider, 'POST', `/v1/cases/${childId}/evidence`, evidence), 404, 'NOT_FOUND');
    expectError(await t.request(outsider, 'POST', `/v1/cases/${childId}/commands`, { workflow: 'screening', type: 'START' }, { 'if-match': '1' }), 404, 'NOT_FOUND');
    expectError(await t.request(outsider, 'GET', `/v1/cases/${childId}/history`), 404, 'NOT_FOUND');
    expectError(await t.request(outsiderSupervisor, 'GET', `/v1/cases/${childId}/dossier?agreement=a-1`), 404, 'NOT_FOUND');
    expectError(await t.request(outsider, 'POST', '/v1/simulate', { caseId: childId, commands: [{ workflow: 'screening', type: 'START' }] }), 404, 'NOT_FOUND');
    // Linking to it is "no case", as an unknown one.
    const linked = expectError(await t.request(outsider, 'POST', '/v1/cases', { ...boy('2018-01-01'), familyLinks: [{ caseId: childId, relation: 'sibling' }] }), 400, 'VALIDATION');
    expect(linked.message).toContain(`no case ${childId}`);
    // Nothing was written by any of it.
    expect(auditRows(t).filter((r) => r.caseId === childId).map((r) => r.type)).toEqual(['CASE_REGISTERED']);
  });

  it('nor sees it in tasks, and the engine refuses it too when a route is skipped (commands, reads)', async () => {
    ok(await t.command('caseworker', childId, 'screening', 'START'));
    const mine = await t.request('caseworker', 'GET', '/v1/tasks?limit=500');
    const theirs = await t.request(outsider, 'GET', '/v1/tasks?limit=500');
    expect(mine.body.items.some((x: { caseId: string }) => x.caseId === childId)).toBe(true);
    expect(theirs.body.items.some((x: { caseId: string }) => x.caseId === childId)).toBe(false);
    const s = t.app.services;
    const actor = { id: outsider.id, roles: ['caseworker' as const] };
    expect(() => s.cases.read(childId, actor)).toThrow(`case ${childId} not found`);
    expect(() => s.queries.historyOf(childId, actor)).toThrow(`case ${childId} not found`);
    expect(s.commands.apply({ caseId: childId, workflow: 'screening', type: 'SUBMIT', actor, ifMatch: 2 })).toMatchObject({ kind: 'not_found' });
    expect(s.queries.listCases({ q: CHILD_NAME, limit: 10 }, actor).items).toEqual([]);
  });

  it('the page, print view and JSON export answer 404 to them too; the reviewer reads it redacted', async () => {
    const cookie = await signIn(t, outsider.token);
    for (const path of ['', '/print', '/history.json']) expect((await t.app.inject({ url: `/ui/cases/${childId}${path}`, headers: { cookie } })).statusCode, path).toBe(404);
    const list = await t.app.inject({ url: `/ui/cases?q=${CHILD_NAME}`, headers: { cookie } });
    expect(list.body).not.toContain(childId);
    const reviewer = await t.request('reviewer', 'GET', `/v1/cases/${childId}`);
    expect(reviewer.status).toBe(200);
    expect(JSON.stringify(reviewer.body)).not.toContain(CHILD_NAME);
  });
});

describe('admin reads no case content (10.1)', () => {
  it('403 on the case routes, tasks, simulate with a case, the case pages and exports; a hypothetical simulation still runs', async () => {
    for (const url of ['/v1/cases', `/v1/cases/${childId}`, `/v1/cases/${childId}/history`, `/v1/cases/${childId}/reads`, '/v1/tasks', `/v1/cases/${childId}/dossier?agreement=x`]) {
      expectError(await t.request('admin', 'GET', url), 403, 'FORBIDDEN');
    }
    expectError(await t.request('admin', 'POST', '/v1/simulate', { caseId: childId, commands: [{ workflow: 'screening', type: 'SUBMIT' }] }), 403, 'FORBIDDEN');
    const cookie = await signIn(t, t.users.admin.token);
    for (const path of ['/ui/cases', `/ui/cases/${childId}`, `/ui/cases/${childId}/print`, `/ui/cases/${childId}/history.json`]) {
      const page = await t.app.inject({ url: path, headers: { cookie } });
      expect(page.statusCode, path).toBe(403);
      expect(page.body).not.toContain(CHILD_NAME);
    }
  });

  it('GET /v1/audit shows an admin only the records of no case (team, user changes); verification stays', async () => {
    const audit = await t.request('admin', 'GET', '/v1/audit?limit=200');
    expect(audit.status).toBe(200);
    expect(audit.body.items.length).toBeGreaterThan(0);
    expect(audit.body.items.every((r: { caseId: string | null }) => r.caseId === null)).toBe(true);
    expect(audit.body.items.map((r: { type: string }) => r.type)).toContain('TEAM_CREATED');
    expect((await t.request('admin', 'GET', `/v1/audit?caseId=${childId}`)).body.items).toEqual([]);
    expect((await t.request('admin', 'GET', '/v1/audit/verify')).body).toMatchObject({ ok: true });
    const page = await t.app.inject({ url: '/ui/audit', headers: { cookie: await signIn(t, t.users.admin.token) } });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain(childId);
  });
});

describe('teams are data (10.1)', () => {
  it('admin creates teams and manages members, each change audited in the chain with ids only; supervisors read them', async () => {
    const created = await t.request('admin', 'POST', '/v1/teams', { name: 'mobile team', organisation: 'UNICEF' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'mobile team', organisation: 'UNICEF', members: [] });
    const id = created.body.id as string;
    expectError(await t.request('admin', 'POST', '/v1/teams', { name: 'mobile team' }), 400, 'VALIDATION');
    expectError(await t.request('supervisor', 'POST', '/v1/teams', { name: 'x' }), 403, 'FORBIDDEN');
    expect((await t.request('admin', 'POST', `/v1/teams/${id}/members`, { userId: t.users.caseworker.id })).body.members).toEqual([t.users.caseworker.id]);
    expect(issuePaths(expectError(await t.request('admin', 'POST', `/v1/teams/${id}/members`, { userId: 'u-nobody' }), 400, 'VALIDATION'))).toEqual(['body.userId']);
    expect((await t.request('supervisor', 'GET', `/v1/teams/${id}`)).body.members).toEqual([t.users.caseworker.id]);
    expect((await t.request('supervisor', 'GET', '/v1/teams')).body.items.map((x: { name: string }) => x.name)).toEqual(expect.arrayContaining(['default', 'team B', 'mobile team']));
    expectError(await t.request('caseworker', 'GET', '/v1/teams'), 403, 'FORBIDDEN');
    expect((await t.request('admin', 'DELETE', `/v1/teams/${id}/members/${t.users.caseworker.id}`)).body.members).toEqual([]);
    expectError(await t.request('admin', 'DELETE', `/v1/teams/${id}/members/${t.users.caseworker.id}`), 404, 'NOT_FOUND');
    expectError(await t.request('admin', 'GET', '/v1/teams/team-none'), 404, 'NOT_FOUND');
    const records = auditRows(t).filter((r) => r.workflow === 'access' && JSON.stringify(r.data).includes(id));
    expect(records.map((r) => [r.type, r.caseId, r.data])).toEqual([
      ['TEAM_CREATED', null, { teamId: id, organisation: 'UNICEF' }],
      ['TEAM_MEMBER_ADDED', null, { teamId: id, userId: t.users.caseworker.id }],
      ['TEAM_MEMBER_REMOVED', null, { teamId: id, userId: t.users.caseworker.id }],
    ]);
    expect((await t.request('reviewer', 'GET', '/v1/audit/verify')).body).toMatchObject({ ok: true });
  });
});

describe('case.ASSIGN and case.TRANSFER (10.2)', () => {
  it('ASSIGN: a supervisor assigns users of the team; the legal officer then sees the case; audited; a caseworker may not', async () => {
    const c = await register(t, boy('2014-01-01'));
    expectError(await t.request('legal_officer', 'GET', `/v1/cases/${c}`), 404, 'NOT_FOUND');
    expectError(await send('caseworker', c, 'case', 'ASSIGN', { userIds: [t.users.legal_officer.id] }), 403, 'FORBIDDEN');
    const assigned = ok(await send('supervisor', c, 'case', 'ASSIGN', { userIds: [t.users.caseworker.id, t.users.legal_officer.id] }));
    expect((await t.request('legal_officer', 'GET', `/v1/cases/${c}`)).status).toBe(200);
    const record = auditRows(t).find((r) => r.seq === assigned.auditSeq)!;
    expect(record).toMatchObject({ caseId: c, workflow: 'case', type: 'ASSIGN', result: 'applied', data: { userIds: [t.users.caseworker.id, t.users.legal_officer.id] } });
    // Assignments are replaced: the legal officer left out no longer sees it.
    ok(await send('supervisor', c, 'case', 'ASSIGN', { userIds: [t.users.caseworker.id] }));
    expectError(await t.request('legal_officer', 'GET', `/v1/cases/${c}`), 404, 'NOT_FOUND');
  });

  it('ASSIGN refuses users who do not exist, are disabled, hold no case-working role or are outside the team, naming the field', async () => {
    const disabled = t.extra('gone', 'caseworker');
    t.app.services.repos.users.setDisabled(disabled.id, true);
    const bad = expectError(await send('supervisor', childId, 'case', 'ASSIGN', { userIds: ['u-nobody', disabled.id, t.users.reviewer.id, outsider.id] }), 400, 'VALIDATION');
    expect(issuePaths(bad)).toEqual(['data.userIds.0', 'data.userIds.1', 'data.userIds.2', 'data.userIds.3']);
    // Another organisation's team: a TRANSFER, not an assignment.
    expect(issuePaths(expectError(await send('supervisor', childId, 'case', 'ASSIGN', { userIds: [t.users.caseworker.id], teamId: partner }), 400, 'VALIDATION'))).toContain('data.teamId');
  });

  it('TRANSFER within the organisation: the new team owns the case, the old team and its assignees lose access', async () => {
    const c = await register(t, boy('2013-01-01'));
    expect(issuePaths(expectError(await send('supervisor', c, 'case', 'TRANSFER', { teamId: 'team-none', reason: 'moved' }), 400, 'VALIDATION'))).toEqual(['data.teamId']);
    expect(issuePaths(expectError(await send('supervisor', c, 'case', 'TRANSFER', { teamId: 'team-default', reason: 'moved' }), 400, 'VALIDATION'))).toEqual(['data.teamId']);
    const moved = ok(await send('supervisor', c, 'case', 'TRANSFER', { teamId: teamB, reason: 'the family moved to the area team B covers' }));
    expect(moved.verdicts.find((v: { rule: string }) => v.rule === 'KP-DATA-01')).toMatchObject({ ok: true });
    for (const role of ['caseworker', 'supervisor'] as const) expectError(await t.request(role, 'GET', `/v1/cases/${c}`), 404, 'NOT_FOUND');
    expect((await t.request(outsider, 'GET', `/v1/cases/${c}`)).status).toBe(200);
    expect(t.app.services.repos.scope.assigned(c)).toEqual([]);
    expect(auditRows(t).filter((r) => r.caseId === c).map((r) => r.type)).toContain('TRANSFER');
  });

  it('TRANSFER to another organisation needs a legal basis and a purpose (KP-DATA-01): refused without, applied with', async () => {
    const c = await register(t, boy('2012-01-01'));
    const refused = expectError(await send('supervisor', c, 'case', 'TRANSFER', { teamId: partner, reason: 'specialised care' }), 422, 'RULES_REFUSED');
    expect(refused.details.verdicts).toEqual([expect.objectContaining({ rule: 'KP-DATA-01', ok: false })]);
    expect((await t.request('caseworker', 'GET', `/v1/cases/${c}`)).status).toBe(200);
    ok(await send('supervisor', c, 'case', 'TRANSFER', { teamId: partner, reason: 'specialised care', legalBasis: 'Agreement 4/2026, art. 6', purpose: 'psychosocial support' }));
    expectError(await t.request('caseworker', 'GET', `/v1/cases/${c}`), 404, 'NOT_FOUND');
  });

  it('`next` offers ASSIGN and TRANSFER to a supervisor, not to a caseworker', async () => {
    const next = (r: { body: { next: Array<{ workflow: string; type: string }> } }) => r.body.next.filter((n) => n.workflow === 'case').map((n) => n.type);
    expect(next(await t.request('supervisor', 'GET', `/v1/cases/${childId}`))).toEqual(expect.arrayContaining(['ASSIGN', 'TRANSFER']));
    expect(next(await t.request('caseworker', 'GET', `/v1/cases/${childId}`))).not.toContain('ASSIGN');
  });
});

describe('role scopes beyond teams', () => {
  it('bid_panel: a case whose BID is before a panel, and after its decision; legal_officer: a case referred to legal', async () => {
    const c = await register(t, boy('2017-01-01'));
    const panelist = t.extra('panel member', 'bid_panel');
    expectError(await t.request(panelist, 'GET', `/v1/cases/${c}`), 404, 'NOT_FOUND');
    ok(await t.command('caseworker', c, 'best_interests', 'START_BIA'));
    ok(await t.command('caseworker', c, 'best_interests', 'COMPLETE_BIA', { findings: 'no kin in the camp', bidRequired: true }));
    ok(await t.command('caseworker', c, 'best_interests', 'PREPARE_BID', prepareBid()));
    ok(await t.command('caseworker', c, 'best_interests', 'SUBMIT_TO_PANEL'));
    expect((await t.request(panelist, 'GET', `/v1/cases/${c}`)).status).toBe(200);
    expect((await t.request(panelist, 'GET', '/v1/cases?workflow=best_interests&state=panel_review')).body.items.map((x: { id: string }) => x.id)).toContain(c);

    const legal = t.extra('legal officer 2', 'legal_officer');
    const woman = await register(t, adultWoman);
    expectError(await t.request(legal, 'GET', `/v1/cases/${woman}`), 404, 'NOT_FOUND');
    ok(await send('supervisor', woman, 'case', 'ASSIGN', { userIds: [t.users.caseworker.id, t.users.legal_officer.id] }));
    await screen(t, woman);
    const ev = await t.request('legal_officer', 'POST', `/v1/cases/${woman}/evidence`, { kind: 'document', summary: 'bank records of transfers', concerns: 'own_conduct', tortureAllegation: 'none', source: 'financial intelligence unit report', at: '2024-03-01' });
    expect(ev.status).toBe(201);
    expect(ok(await send('legal_officer', woman, 'legal', 'OPEN_INVESTIGATION', { evidenceIds: [ev.body.id] })).state).toBe('investigation');
    // Referred to legal: every legal officer sees it now.
    expect((await t.request(legal, 'GET', `/v1/cases/${woman}`)).status).toBe(200);
  });
});

describe('bid_panel after the panel', () => {
  it('a panel member who took the decision keeps the case once the BID has left the panel; one who did not loses it (404)', async () => {
    const c = await register(t, boy('2017-02-01'));
    const members = [t.extra('panel member A', 'bid_panel'), t.extra('panel member B', 'bid_panel'), t.extra('panel member C', 'bid_panel')];
    const bystander = t.extra('panel member D', 'bid_panel');
    ok(await t.command('caseworker', c, 'best_interests', 'START_BIA'));
    ok(await t.command('caseworker', c, 'best_interests', 'COMPLETE_BIA', { findings: 'no kin in the camp', bidRequired: true }));
    ok(await t.command('caseworker', c, 'best_interests', 'PREPARE_BID', prepareBid()));
    ok(await t.command('caseworker', c, 'best_interests', 'SUBMIT_TO_PANEL'));
    expect((await t.request(bystander, 'GET', `/v1/cases/${c}`)).status).toBe(200);
    const decision = { panel: members.map((m, i) => ({ userId: m.id, discipline: ['child_protection', 'legal', 'health'][i] })), undertakingsSigned: true, decision: 'return', reasons: 'the tracing results are needed before the panel decides' };
    expect(ok(await t.command(members[0]!, c, 'best_interests', 'PANEL_DECIDE', decision)).state).toBe('bid_preparation');
    // Off the panel: the member who recorded the decision still reads it, the one who took no part does not.
    expect((await t.request(members[0]!, 'GET', `/v1/cases/${c}`)).status).toBe(200);
    expect((await t.request(members[0]!, 'GET', '/v1/cases?workflow=best_interests')).body.items.map((x: { id: string }) => x.id)).toContain(c);
    expectError(await t.request(bystander, 'GET', `/v1/cases/${c}`), 404, 'NOT_FOUND');
    expect((await t.request(bystander, 'GET', '/v1/cases?workflow=best_interests')).body.items.map((x: { id: string }) => x.id)).not.toContain(c);
  });
});

describe('break-glass (10.3)', () => {
  it('opens a case outside the scope for BREAK_GLASS_HOURS, audited, logged, a review task for the owning team\'s supervisor, on the audit page; 404 again after expiry', async () => {
    const justification = 'child reported in acute medical danger; the owning team cannot be reached tonight';
    expectError(await t.request(outsiderSupervisor, 'GET', `/v1/cases/${childId}`), 404, 'NOT_FOUND');
    expectError(await t.request(outsider, 'POST', `/v1/cases/${childId}/break-glass`, { justification }), 403, 'FORBIDDEN');
    expectError(await t.request('admin', 'POST', `/v1/cases/${childId}/break-glass`, { justification }), 403, 'FORBIDDEN');
    expect(issuePaths(expectError(await t.request(outsiderSupervisor, 'POST', `/v1/cases/${childId}/break-glass`, { justification: 'urgent' }), 400, 'VALIDATION'))).toEqual(['body.justification']);
    expectError(await t.request(outsiderSupervisor, 'POST', '/v1/cases/00000000-0000-4000-8000-000000000000/break-glass', { justification }), 404, 'NOT_FOUND');
    expectError(await t.request('supervisor', 'POST', `/v1/cases/${childId}/break-glass`, { justification }), 400, 'VALIDATION');

    const opened = await t.request(outsiderSupervisor, 'POST', `/v1/cases/${childId}/break-glass`, { justification });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    expect(opened.body).toMatchObject({ caseId: childId, userId: outsiderSupervisor.id, openedAt: now, expiresAt: '2026-06-02T09:00:00.000Z', active: true, reviewedAt: null });
    expect((await t.request(outsiderSupervisor, 'GET', `/v1/cases/${childId}`)).status).toBe(200);
    expect((await t.request(outsiderSupervisor, 'GET', `/v1/cases/${childId}/history`)).status).toBe(200);
    // In the case's chain, in the security log.
    const record = auditRows(t).find((r) => r.seq === opened.body.auditSeq)!;
    expect(record).toMatchObject({ caseId: childId, type: 'BREAK_GLASS', justification, actor: { id: outsiderSupervisor.id } });
    const events = t.app.services.repos.securityEvents.list({ kind: 'break_glass', limit: 10 });
    expect(events[0]).toMatchObject({ kind: 'break_glass', actorId: outsiderSupervisor.id, caseId: childId, status: 201 });
    expect(JSON.stringify(events)).not.toContain(CHILD_NAME);
    // A review task for the owning team's supervisor.
    const tasks = (await t.request('supervisor', 'GET', '/v1/tasks?role=supervisor&limit=500')).body.items as Array<{ kind: string; caseId: string }>;
    expect(tasks.filter((x) => x.kind === 'break_glass_review' && x.caseId === childId)).toHaveLength(1);
    // On the reviewers' audit page.
    const page = await t.app.inject({ url: '/ui/audit', headers: { cookie: await signIn(t, t.users.reviewer.token) } });
    expect(page.body).toContain(`data-break-glass="${opened.body.id}"`);
    const reference = (await t.request('caseworker', 'GET', `/v1/cases/${childId}`)).body.reference as string;
    expect(page.body).toContain(reference);

    // The opener cannot review it; a supervisor of the owning team does.
    const reviewUrl = `/v1/cases/${childId}/break-glass/${opened.body.id}/review`;
    expectError(await t.request(outsiderSupervisor, 'POST', reviewUrl), 403, 'FORBIDDEN');
    const reviewed = await t.request('supervisor', 'POST', reviewUrl);
    expect(reviewed.status, JSON.stringify(reviewed.body)).toBe(200);
    expect(reviewed.body).toMatchObject({ reviewedBy: t.users.supervisor.id, reviewedAt: now });
    expectError(await t.request('supervisor', 'POST', reviewUrl), 400, 'VALIDATION');
    expect(auditRows(t).filter((r) => r.caseId === childId).map((r) => r.type)).toContain('BREAK_GLASS_REVIEWED');
    const after = (await t.request('supervisor', 'GET', '/v1/tasks?role=supervisor&limit=500')).body.items as Array<{ kind: string; caseId: string }>;
    expect(after.filter((x) => x.kind === 'break_glass_review' && x.caseId === childId)).toEqual([]);

    // After BREAK_GLASS_HOURS: not found again.
    now = '2026-06-02T09:00:00.001Z';
    expectError(await t.request(outsiderSupervisor, 'GET', `/v1/cases/${childId}`), 404, 'NOT_FOUND');
    expect((await t.request('supervisor', 'GET', `/v1/cases/${childId}/break-glass`)).body.items[0]).toMatchObject({ id: opened.body.id, active: false });
  });
});

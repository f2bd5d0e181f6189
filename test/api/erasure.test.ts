import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCase } from '../../src/engine/views.ts';
import { dossierContent } from '../../workflows/agreements.ts';
import { erasureRules } from '../../workflows/rules/erasure.ts';
import type { RuleContext, WorkflowView } from '../../workflows/rules/types.ts';
import { adultWoman, testApp } from '../support/app.ts';
import { expectError, storedAuditRows } from './helpers.ts';
import { signIn } from '../support/web.ts';
import { register } from '../support/flows.ts';

/** case.ERASE (issue 11.2, docs/erasure.md): four-eyes erasure by destroying the person's data key. */
const GIVEN = 'Quillonexa';
const FAMILY = 'Varrowdyne';
const DOCUMENT = 'ZX7788123';
const person = {
  ...adultWoman,
  person: { ...adultWoman.person, names: [{ given: GIVEN, family: FAMILY, script: 'latin' }], documents: [{ type: 'passport', number: DOCUMENT, issuer: 'FR' }] },
};
const erase = { reason: `${GIVEN} asked for her file to be erased`, legalBasis: 'GDPR art. 17 request of the data subject' };

let t: Awaited<ReturnType<typeof testApp>>;
beforeEach(async () => {
  t = await testApp();
});
afterEach(async () => {
  await t.close();
});

async function closedCase(): Promise<string> {
  const id = await register(t, person);
  const closed = await t.command('supervisor', id, 'case', 'CLOSE', { reason: `durable solution found for ${GIVEN}` });
  expect(closed.status, JSON.stringify(closed.body)).toBe(200);
  return id;
}

const search = async (q: string) => ((await t.request('supervisor', 'GET', `/v1/cases?q=${encodeURIComponent(q)}`)).body.items as Array<{ id: string }>).map((i) => i.id);

describe('case.ERASE', () => {
  it('is proposed by a supervisor and waits for a data protection officer (KP-DATA-04, 2ND); the proposer cannot confirm', async () => {
    const id = await closedCase();
    const proposed = await t.command('supervisor', id, 'case', 'ERASE', erase);
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(202);
    expect(proposed.body.pending.requiredRole).toBe('data_protection_officer');
    expect(proposed.body.verdicts).toEqual(expect.arrayContaining([expect.objectContaining({ rule: 'KP-DATA-04', ok: false, severity: '2nd' })]));
    // Only a DPO may confirm; the DPO may not propose.
    expectError(await t.command('supervisor', id, 'case', 'CONFIRM_PENDING', { pendingId: proposed.body.pending.id }), 403, 'FORBIDDEN');
    expectError(await t.command('data_protection_officer', id, 'case', 'ERASE', erase), 403, 'FORBIDDEN');
    // Four-eyes: one person holding both roles cannot propose and confirm.
    const both = t.extra('both-roles', 'supervisor', 'data_protection_officer');
    const own = await t.command({ token: both.token }, id, 'case', 'ERASE', erase);
    expect(own.status, JSON.stringify(own.body)).toBe(202);
    const self = await t.command({ token: both.token }, id, 'case', 'CONFIRM_PENDING', { pendingId: own.body.pending.id });
    expect(expectError(self, 422, 'RULES_REFUSED').details.verdicts.map((v: { rule: string }) => v.rule)).toContain('KP-SYS-03');
    expect((await t.request('supervisor', 'GET', `/v1/cases/${id}`)).body.person.names[0].given).toBe(GIVEN);
  });

  it('is refused with KP-DATA-04 on an open case', async () => {
    const caseId = await register(t, person);
    const refused = await t.command('supervisor', caseId, 'case', 'ERASE', erase);
    expect(expectError(refused, 422, 'RULES_REFUSED').details.verdicts).toEqual([expect.objectContaining({ rule: 'KP-DATA-04', ok: false, code: 'KP-DATA-04.not_closed' })]);
  });

  it('confirmed: every view shows [erased], the trail keeps who, when and the verdicts, audit verify says ok, name search no longer finds it', async () => {
    const id = await closedCase();
    expect(await search(GIVEN)).toEqual([id]);
    expect(await search(FAMILY.slice(0, 5))).toEqual([id]);
    const proposed = await t.command('supervisor', id, 'case', 'ERASE', erase);
    const confirmed = await t.command('data_protection_officer', id, 'case', 'CONFIRM_PENDING', { pendingId: proposed.body.pending.id });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    expect(confirmed.body.state).toBe('erased');

    const file = await t.request('supervisor', 'GET', `/v1/cases/${id}`);
    expect(file.status, JSON.stringify(file.body)).toBe(200);
    // A classified part is sealed whole (its closed forms too: the script of a name).
    expect(file.body.person.names).toEqual([{ given: '[erased]', family: '[erased]', script: '[erased]' }]);
    expect(file.body.person.documents).toEqual([{ type: '[erased]', number: '[erased]', issuer: '[erased]' }]);
    expect(file.body.person.dateOfBirth).toEqual({ exact: '[erased]' });
    expect(file.body.location).toMatchObject({ name: '[erased]', state: 'SY' });
    expect(file.body.workflows).toEqual(expect.arrayContaining([expect.objectContaining({ workflow: 'case', state: 'erased', outcome: 'erased' })]));

    const history = await t.request('supervisor', 'GET', `/v1/cases/${id}/history`);
    expect(history.status).toBe(200);
    const text = JSON.stringify(history.body);
    for (const secret of [GIVEN, FAMILY, DOCUMENT]) expect(text).not.toContain(secret);
    const types = history.body.items.map((r: { type: string }) => r.type);
    expect(types).toEqual(['CASE_REGISTERED', 'CLOSE', 'ERASE', 'ERASE']);
    const last = history.body.items.at(-1);
    expect(last).toMatchObject({ type: 'ERASE', result: 'applied', data: { reason: '[erased]', legalBasis: '[erased]', proposedBy: t.users.supervisor.id }, actor: { id: t.users.data_protection_officer.id } });
    expect(last.verdicts).toEqual(expect.arrayContaining([expect.objectContaining({ rule: 'KP-DATA-04', ok: true })]));

    const audit = await t.request('reviewer', 'GET', '/v1/audit');
    for (const secret of [GIVEN, FAMILY, DOCUMENT]) expect(JSON.stringify(audit.body)).not.toContain(secret);
    const verify = await t.request('reviewer', 'GET', '/v1/audit/verify?full=true');
    expect(verify.body).toMatchObject({ ok: true });
    // The stored records are the envelopes they were: the chain and the Merkle leaves did not move.
    expect(JSON.stringify(storedAuditRows(t).filter((r) => r.caseId === id))).toContain('enc:v1:');

    expect(await search(GIVEN)).toEqual([]);
    expect(await search(FAMILY.slice(0, 5))).toEqual([]);
    const tasks = await t.request('data_protection_officer', 'GET', '/v1/tasks');
    expect(tasks.body.items.filter((x: { caseId: string }) => x.caseId === id)).toEqual([]);
    // The reviewers' pages, the printable history and the export too.
    for (const role of ['supervisor', 'reviewer'] as const) {
      const cookie = await signIn(t.app, t.users[role].token);
      for (const url of [`/ui/cases/${id}`, `/ui/cases/${id}/print`, `/ui/cases/${id}/history.json`, ...(role === 'reviewer' ? ['/ui/audit'] : [])]) {
        const page = await t.app.inject({ url, headers: { cookie } });
        expect(page.statusCode, `${role} ${url}`).toBe(200);
        for (const secret of [GIVEN, FAMILY, DOCUMENT]) expect(page.body, `${role} ${url}`).not.toContain(secret);
      }
    }
    expect((await t.app.inject({ url: `/ui/cases/${id}`, headers: { cookie: await signIn(t.app, t.users.supervisor.token) } })).body).toContain('[erased]');
    // Final: nothing more can be decided about the person.
    expectError(await t.command('supervisor', id, 'case', 'REOPEN', { reason: 'again' }), 422, 'INVALID_TRANSITION');
    // Nor is the record shared or handed on again.
    expectError(await t.command('supervisor', id, 'case', 'ASSIGN', { userIds: [t.users.caseworker.id] }), 422, 'INVALID_TRANSITION');
  });
});

describe('after case.ERASE nothing derived from the erased fields is shown as known', () => {
  async function erasedCase(): Promise<string> {
    const id = await closedCase();
    const proposed = await t.command('supervisor', id, 'case', 'ERASE', erase);
    const confirmed = await t.command('data_protection_officer', id, 'case', 'CONFIRM_PENDING', { pendingId: proposed.body.pending.id });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    return id;
  }
  const roles = ['caseworker', 'supervisor', 'reviewer', 'data_protection_officer', 'policy'] as const;

  it('the case file, the list, the history and the tasks: child, age band and accompaniment read [erased] for every role', async () => {
    const id = await erasedCase();
    for (const role of roles) {
      const file = await t.request(role, 'GET', `/v1/cases/${id}`);
      expect(file.status, role).toBe(200);
      expect(file.body.child, role).toBe('[erased]');
      expect(file.body.accompaniment, role).toBe('[erased]');
      // Readers who get a band instead of the date of birth are told it is gone, not "0-4".
      if (role === 'caseworker' || role === 'supervisor') expect(file.body.person.ageBand, role).toBeUndefined();
      else expect(file.body.person.ageBand, role).toBe('[erased]');
      // Erased is not withheld: the fields read [erased], nothing is listed as redacted.
      expect(file.body.person.dateOfBirth, role).toEqual({ exact: '[erased]' });
      expect(file.body.person.names, role).toEqual([{ given: '[erased]', family: '[erased]', script: '[erased]' }]);
      expect(file.body.redactedFields, role).toEqual([]);
      expect(JSON.stringify(file.body), role).not.toMatch(/"(0-4|5-11|12-14|15-17|18\+)"/);

      const list = await t.request(role, 'GET', '/v1/cases');
      const item = list.body.items.find((i: { id: string }) => i.id === id);
      expect(item, role).toMatchObject({ child: '[erased]', location: { name: '[erased]' } });
      // Neither a child nor an adult: no child filter finds the person.
      for (const child of ['true', 'false']) expect((await t.request(role, 'GET', `/v1/cases?child=${child}`)).body.items.map((i: { id: string }) => i.id), `${role} child=${child}`).not.toContain(id);

      const tasks = await t.request(role, 'GET', '/v1/tasks');
      expect(tasks.body.items.filter((x: { caseId: string }) => x.caseId === id), role).toEqual([]);
    }
    // A reviewer reads the records' erased values as [erased], not as withheld.
    const history = await t.request('reviewer', 'GET', `/v1/cases/${id}/history`);
    expect(history.body.items[0].data.facts.person).toMatchObject({ names: [{ given: '[erased]' }], dateOfBirth: { exact: '[erased]' } });
    expect(JSON.stringify(history.body)).not.toContain('[redacted]');
    // Read as a child's all the same (fail closed): the reads are logged.
    expect(t.app.services.repos.recordReads.list({ caseId: id }).map((r) => r.route)).toEqual(expect.arrayContaining(['GET /v1/cases/:id', 'GET /v1/cases/:id/history']));
  });

  it('the reviewers\' pages show the child flag as [erased] and no age band', async () => {
    const id = await erasedCase();
    for (const role of roles) {
      const cookie = await signIn(t.app, t.users[role].token);
      const page = await t.app.inject({ url: `/ui/cases/${id}`, headers: { cookie } });
      expect(page.statusCode, role).toBe(200);
      expect(page.body, role).toMatch(/<dt>Child<\/dt><dd>\[erased\]<\/dd>/);
      expect(page.body, role).not.toMatch(/\((0-4|5-11|12-14|15-17|18\+)\)/);
      const list = await t.app.inject({ url: '/ui/cases', headers: { cookie } });
      const row = list.body.split('<tr>').find((r) => r.includes(`/ui/cases/${id}`));
      expect(row, role).toContain('<td>[erased]</td>');
    }
  });

  it('a dossier of an erased person is refused (the case is final), and a dossier\'s age band of an erased date of birth reads [erased]', async () => {
    const id = await erasedCase();
    const dpo2 = t.extra('dpo-2', 'data_protection_officer');
    const body = { recipient: { name: 'Consulate of France', kind: 'consular', state: 'FR' }, legalBasis: 'art. 4', purposes: ['repatriation'], fields: ['ageBand', 'nationalities'], validFrom: '2020-01-01', validTo: '2099-12-31' };
    const proposed = await t.request('data_protection_officer', 'POST', '/v1/agreements', body);
    expect((await t.request(dpo2, 'POST', `/v1/agreements/${proposed.body.id}/approve`)).status).toBe(200);
    const d = await t.request('data_protection_officer', 'GET', `/v1/cases/${id}/dossier?agreement=${proposed.body.id}`);
    expectError(d, 422, 'INVALID_TRANSITION');
    const c = loadCase(t.app.services.repos, id)!;
    expect(dossierContent(c, ['ageBand', 'nationalities'], new Date().toISOString())).toEqual({ ageBand: '[erased]', nationalities: person.person.nationalities });
  });
});

describe('KP-DATA-04 (the rule)', () => {
  const [rule] = erasureRules;
  const view = (kind: string, state: string): WorkflowView => ({ kind, instance: '', version: 1, state, outcome: null, context: {} });
  const ctx = (caseState: string, others: WorkflowView[] = [], proposed = false) =>
    ({
      at: '2026-06-01T10:00:00.000Z',
      actor: { id: 'dpo', roles: ['data_protection_officer'] },
      command: { workflow: 'case', instance: '', type: 'ERASE', data: erase },
      workflow: view('case', caseState),
      subject: { workflows: [view('case', caseState), ...others] },
      ...(proposed ? { proposedBy: { id: 'sv', roles: ['supervisor'] } } : {}),
    }) as unknown as RuleContext;

  it('allows a closed or sealed record once a DPO confirms; asks for the DPO otherwise', () => {
    expect(rule!.check(ctx('closed', [], true))).toMatchObject({ ok: true });
    expect(rule!.check(ctx('sealed', [view('legal', 'closed')], true))).toMatchObject({ ok: true });
    expect(rule!.check(ctx('closed'))).toMatchObject({ ok: false, secondApprover: 'data_protection_officer' });
  });

  it('refuses an open case, open legal proceedings and a detained person, even when confirmed', () => {
    expect(rule!.check(ctx('open', [], true))).toMatchObject({ ok: false, severity: 'block', message: { code: 'KP-DATA-04.not_closed' } });
    for (const state of ['investigation', 'charged', 'appeal']) expect(rule!.check(ctx('closed', [view('legal', state)], true))).toMatchObject({ ok: false, severity: 'block', message: { code: 'KP-DATA-04.active_proceedings' } });
    expect(rule!.check(ctx('closed', [view('detention', 'detained')], true))).toMatchObject({ ok: false, severity: 'block', message: { code: 'KP-DATA-04.detained' } });
  });
});

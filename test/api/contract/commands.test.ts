import { describe, expect, it } from 'vitest';
import { ANSWERS } from '../../../src/api/answers.ts';
import { adultWoman, boy, goodInterview, victimAssessment } from '../../support/app.ts';
import { adultServices, approveBid, consent, getCase, history, ok, prepareBid, refused, register, screen, type T } from '../../support/flows.ts';
import { expectError } from '../helpers.ts';
import { appsPerTest, expectVerdict, send } from './fixtures.ts';

/**
 * Commands: the command answer, the data WORKFLOWS.md gives each command, the envelope's
 * `instance`, second approval (2ND) and dry runs (POST /v1/simulate).
 *
 * A conformance test written as an outside client would write it from /work/shared/API.md and
 * WORKFLOWS.md alone: the names, shapes and codes those pages give, nothing the implementation adds.
 * Behaviour asserted elsewhere (roles per route, error codes per cause, filters already covered) is
 * not repeated here.
 */

const app = appsPerTest();

describe('the command answer (API.md "The command answer")', () => {
  it('200 { applied, caseId, workflow, state, outcome?, version, auditSeq, verdicts }: version is the new version, auditSeq the record written', async () => {
    const t = await app();
    const id = await register(t, adultWoman);
    let version = 1;
    const steps: Array<[Parameters<T['request']>[0], string, Record<string, unknown> | undefined, string]> = [
      ['caseworker', 'START', undefined, 'in_progress'],
      ['caseworker', 'RECORD_INTERVIEW', goodInterview, 'in_progress'],
      ['caseworker', 'RECORD_ASSESSMENT', victimAssessment, 'in_progress'],
      ['caseworker', 'SUBMIT', undefined, 'submitted'],
      ['supervisor', 'APPROVE', undefined, 'completed'],
    ];
    for (const [as, type, data, state] of steps) {
      const r = await t.request(as, 'POST', `/v1/cases/${id}/commands`, { workflow: 'screening', type, ...(data ? { data } : {}) }, { 'if-match': String(version) });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      const body = r.body;
      expect(body).toMatchObject({ applied: true, caseId: id, workflow: 'screening', state, version: version + 1 });
      expect(Number.isInteger(body.auditSeq)).toBe(true);
      expect(Array.isArray(body.verdicts)).toBe(true);
      for (const v of body.verdicts) {
        expectVerdict(v);
        expect(v.ok).toBe(true);
      }
      const records = await history(t, id);
      expect(records.at(-1)).toMatchObject({ seq: body.auditSeq, type, result: 'applied', toState: state });
      version = body.version;
      if (type === 'SUBMIT') {
        // GET /v1/tasks: the submission waits on a supervisor.
        const tasks = await t.request('supervisor', 'GET', '/v1/tasks');
        expect(tasks.body.items.some((x: { caseId: string; role: string; workflow: string }) => x.caseId === id && x.role === 'supervisor' && x.workflow === 'screening')).toBe(true);
      }
      if (type === 'APPROVE') {
        expect(body.outcome).toBe('victim');
        expect(body.verdicts.map((v: { rule: string }) => v.rule)).toEqual(expect.arrayContaining(['KP-SYS-03', 'KP-SCR-01', 'KP-SCR-05']));
      }
    }
    expect((await getCase(t, id)).version).toBe(version);
  });

  it('422 RULES_REFUSED: details.state and details.verdicts, each a failed verdict; audited as refused, the case unchanged', async () => {
    const t = await app();
    const id = await register(t, adultWoman);
    ok(await t.command('caseworker', id, 'screening', 'START'));
    const before = await getCase(t, id);
    const r = await send(t, 'caseworker', id, { workflow: 'screening', type: 'SUBMIT', justification: 'ready' });
    const e = expectError(r, 422, 'RULES_REFUSED');
    expect(e.details.state).toBe('in_progress');
    expect(e.details.verdicts.length).toBeGreaterThanOrEqual(2);
    for (const v of e.details.verdicts) {
      expectVerdict(v);
      expect(v.ok).toBe(false);
    }
    const last = (await history(t, id)).at(-1);
    expect(last).toMatchObject({ type: 'SUBMIT', result: 'refused', fromState: 'in_progress', toState: 'in_progress', justification: 'ready' });
    expect(last.verdicts.filter((v: { ok: boolean }) => !v.ok).map((v: { rule: string }) => v.rule)).toEqual(expect.arrayContaining(e.details.verdicts.map((v: { rule: string }) => v.rule)));
    const after = await getCase(t, id);
    expect(after.version).toBe(before.version);
    expect(after.workflows).toEqual(before.workflows);
  });

  it('409 VERSION_CONFLICT names details.currentVersion on PATCH too; PATCH is audited as FACTS_UPDATED', async () => {
    const t = await app();
    const id = await register(t, adultWoman);
    const stale = await t.request('caseworker', 'PATCH', `/v1/cases/${id}`, { person: { vulnerabilities: ['medical'] } }, { 'if-match': '7' });
    expect(expectError(stale, 409, 'VERSION_CONFLICT').details.currentVersion).toBe(1);
    const r = await t.request('caseworker', 'PATCH', `/v1/cases/${id}`, { person: { vulnerabilities: ['medical'] } }, { 'if-match': '1' });
    expect(r.status).toBe(200);
    expect(r.body.version).toBe(2);
    expect((await history(t, id)).at(-1)).toMatchObject({ type: 'FACTS_UPDATED', result: 'applied' });
  });
});

describe('commands with the data WORKFLOWS.md gives them', () => {
  it('age_assessment: RECORD_AGE { methods, dateOfBirth, assessors } → recorded; CONFIRM → confirmed; REOPEN with no data is flagged (KP-SYS-01 WARN), its reasons taken from the justification', async () => {
    const t = await app();
    const id = await register(t, boy('2009-01-01'));
    const recorded = ok(
      await t.command('caseworker', id, 'age_assessment', 'RECORD_AGE', {
        methods: ['interview', 'documents'],
        dateOfBirth: { earliest: '2008-06-01', latest: '2009-06-01', method: 'holistic', confidence: 'medium' },
        assessors: [{ name: 'social worker', discipline: 'social_work' }, { name: 'paediatrician', discipline: 'medicine' }],
      }),
    );
    expect(recorded.state).toBe('recorded');
    expect(ok(await t.command('supervisor', id, 'age_assessment', 'CONFIRM')).state).toBe('confirmed');
    const reopened = ok(await send(t, 'supervisor', id, { workflow: 'age_assessment', type: 'REOPEN', justification: 'new documents received' }));
    expect(reopened.state).toBe('pending');
    // Read as a caseworker: a reviewer gets a child's free text redacted (KP-DATA-01).
    expect((await t.request('caseworker', 'GET', `/v1/cases/${id}/history`)).body.items.at(-1)).toMatchObject({ type: 'REOPEN', result: 'applied', data: { reason: 'new documents received' } });
    // A reopening is protective: without any reasons (WORKFLOWS.md shows REOPEN with no data) it is flagged, not refused.
    ok(await t.command('caseworker', id, 'age_assessment', 'RECORD_AGE', {
      methods: ['interview', 'documents'],
      dateOfBirth: { earliest: '2008-09-01', latest: '2009-06-01', method: 'holistic', confidence: 'medium' },
      assessors: [{ name: 'social worker', discipline: 'social_work' }, { name: 'paediatrician', discipline: 'medicine' }],
    }));
    ok(await t.command('supervisor', id, 'age_assessment', 'CONFIRM'));
    const bare = ok(await send(t, 'supervisor', id, { workflow: 'age_assessment', type: 'REOPEN' }));
    expect(bare.state).toBe('pending');
    expect(bare.verdicts).toEqual([expect.objectContaining({ rule: 'KP-SYS-01', ok: false, severity: 'warn' })]);
  });

  it('case: CLOSE { reason } → closed; REOPEN → open', async () => {
    const t = await app();
    const id = await register(t, adultWoman);
    expect(ok(await t.command('supervisor', id, 'case', 'CLOSE', { reason: 'duplicate registration' })).state).toBe('closed');
    expect(ok(await send(t, 'supervisor', id, { workflow: 'case', type: 'REOPEN', justification: 'not a duplicate after all' })).state).toBe('open');
  });

  it('legal: OPEN_INVESTIGATION { evidenceIds } → CHARGE (the contract\'s fields) → RECORD_JUDGMENT → FILE_APPEAL (no data) → CLOSE', async () => {
    const t = await app();
    const id = await register(t, adultWoman);
    await screen(t, id);
    const ev = await t.request('legal_officer', 'POST', `/v1/cases/${id}/evidence`, { kind: 'statement', summary: 'seen carrying a weapon', concerns: 'own_conduct', tortureAllegation: 'none', source: 'witness', at: '2025-12-01' });
    expect(ev.status).toBeLessThan(300);
    expect(ok(await t.command('legal_officer', id, 'legal', 'OPEN_INVESTIGATION', { evidenceIds: [ev.body.id] })).state).toBe('investigation');
    const charge = {
      charges: [{ offence: 'armed violence', category: 'violent_act', allegedActDate: { earliest: '2019-01-01', latest: '2019-06-01' } }],
      forum: 'ordinary',
      jurisdiction: 'FR',
      counsel: { appointed: true },
      interpreter: { needed: false, provided: false },
    };
    // The fair-trial guarantees the page does not list are flagged as not recorded (KP-JUS-05, WARN),
    // not refused; GET /v1/workflows/legal names the fields it reads. The charge rests on the
    // investigation's evidence.
    const charged = ok(await t.command('legal_officer', id, 'legal', 'CHARGE', charge));
    expect(charged.state).toBe('charged');
    expect(charged.verdicts.find((v: { rule: string }) => v.rule === 'KP-JUS-05')).toMatchObject({ ok: false, severity: 'warn', reason: expect.stringContaining('the presumption of innocence') });
    const legal = (await t.request('legal_officer', 'GET', '/v1/workflows/legal')).body;
    const chargeSchema = legal.commands.find((c: { type: string }) => c.type === 'CHARGE').data;
    expect(Object.keys(chargeSchema.properties)).toEqual(expect.arrayContaining(['informedOfCharges', 'presumptionOfInnocence']));
    expect(ok(await t.command('legal_officer', id, 'legal', 'RECORD_JUDGMENT', { outcome: 'acquitted' })).state).toBe('judgment');
    expect(ok(await t.command('legal_officer', id, 'legal', 'FILE_APPEAL')).state).toBe('appeal');
    // Closing proceedings is in the person's favour: without reasons it is flagged (KP-SYS-01, WARN).
    const closed = ok(await t.command('legal_officer', id, 'legal', 'CLOSE'));
    expect(closed.state).toBe('closed');
    expect(closed.verdicts.find((v: { rule: string }) => v.rule === 'KP-SYS-01')).toMatchObject({ ok: false, severity: 'warn' });
  });

  it('rehabilitation: CREATE_PLAN { services, reviewDate } → planned; START → active; RECORD_PROGRESS stays; COMPLETE → completed', async () => {
    const t = await app();
    const id = await register(t, adultWoman);
    expect(ok(await t.command('caseworker', id, 'rehabilitation', 'CREATE_PLAN', { services: adultServices, reviewDate: '2026-09-01' })).state).toBe('planned');
    expect(ok(await t.command('caseworker', id, 'rehabilitation', 'START')).state).toBe('active');
    expect(ok(await t.command('caseworker', id, 'rehabilitation', 'RECORD_PROGRESS')).state).toBe('active');
    expect(ok(await send(t, 'caseworker', id, { workflow: 'rehabilitation', type: 'COMPLETE', justification: 'all services delivered' })).state).toBe('completed');
  });
});

describe('the envelope\'s `instance` (WORKFLOWS.md "Envelope")', () => {
  it('may be left out while one non-refoulement instance is open; with two, it names the destination', async () => {
    const t = await app();
    const id = await register(t, adultWoman);
    const findings = { risks: [{ type: 'torture', level: 'none', sources: ['country report'] }] };
    expect(ok(await t.command('legal_officer', id, 'non_refoulement', 'START', { destination: 'FR' })).state).toBe('assessing');
    expect(ok(await t.command('legal_officer', id, 'non_refoulement', 'RECORD_FINDINGS', findings)).state).toBe('assessing');
    ok(await t.command('legal_officer', id, 'non_refoulement', 'START', { destination: 'BE' }));
    const c = await getCase(t, id);
    expect(c.workflows.filter((w: { workflow: string }) => w.workflow === 'non_refoulement').map((w: { instance: string }) => w.instance).sort()).toEqual(['BE', 'FR']);
    const ambiguous = await send(t, 'legal_officer', id, { workflow: 'non_refoulement', type: 'RECORD_FINDINGS', data: findings });
    expect(expectError(ambiguous, 400, 'VALIDATION').details.map((d: { path: string }) => d.path)).toContain('instance');
    const named = ok(await send(t, 'legal_officer', id, { workflow: 'non_refoulement', type: 'RECORD_FINDINGS', data: findings, instance: 'BE' }));
    expect(named).toMatchObject({ workflow: 'non_refoulement', state: 'assessing' });
  });
});

describe('second approval (WORKFLOWS.md "Second approval (2ND)")', () => {
  it('a proposal leaves the state unchanged and shows on the case and in GET /v1/tasks; REJECT_PENDING { reason } drops it; CONFIRM_PENDING by a different user with the named role applies it', async () => {
    const t = await app();
    const mother = await register(t, { ...adultWoman, person: { ...adultWoman.person, nationalities: [{ state: 'BE', status: 'verified' }] } });
    const child = await register(t, { ...boy('2019-04-04'), familyLinks: [{ caseId: mother, relation: 'mother' }] });
    const panel = [t.users.bid_panel, t.extra('panel 2', 'bid_panel'), t.extra('panel 3', 'bid_panel')];
    await approveBid(
      t,
      child,
      panel,
      prepareBid({ familyUnity: 'the mother cannot enter France; visits arranged', recommendation: { action: 'repatriate_separately', care: 'kinship', separationInBestInterests: true } }),
      async () => void ok(await t.command('caseworker', child, 'best_interests', 'RECORD_CONSENT', consent(mother))),
    );
    const plan = { workflow: 'repatriation', type: 'PLAN', data: { destination: 'FR', withFamily: [] } };

    const proposed = await send(t, 'caseworker', child, plan);
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(202);
    expect(ANSWERS['POST /v1/cases/:id/commands']![202]!.schema.safeParse(proposed.body).success).toBe(true);
    expect(proposed.body.state).toBe('not_planned');
    const requiredRole = proposed.body.pending.requiredRole;
    expect(requiredRole).toBe('supervisor');
    expect((await getCase(t, child)).pending).toHaveLength(1);
    const tasks = await t.request('supervisor', 'GET', '/v1/tasks');
    expect(tasks.body.items.some((x: { caseId: string; role: string }) => x.caseId === child && x.role === 'supervisor')).toBe(true);

    // The proposer cannot resolve it (no supervisor role): 403.
    expectError(await send(t, 'caseworker', child, { workflow: 'repatriation', type: 'CONFIRM_PENDING' }), 403, 'FORBIDDEN');
    // REJECT_PENDING { reason }: dropped, audited.
    const rejected = ok(await send(t, 'supervisor', child, { workflow: 'repatriation', type: 'REJECT_PENDING', data: { reason: 'discuss with the family first' } }));
    expect(rejected.state).toBe('not_planned');
    expect((await getCase(t, child)).pending).toEqual([]);
    expect((await history(t, child)).at(-1)).toMatchObject({ type: 'REJECT_PENDING', result: 'applied' });

    // Proposed again, then confirmed by a supervisor (no pendingId: only one proposal waits).
    expect((await send(t, 'caseworker', child, plan)).status).toBe(202);
    const confirmed = ok(await send(t, 'supervisor', child, { workflow: 'repatriation', type: 'CONFIRM_PENDING' }));
    expect(confirmed.state).toBe('planning');
    expect((await getCase(t, child)).pending).toEqual([]);
    // Both audited: the proposal by its author, then the command applied by the confirming supervisor, naming the proposer.
    const [proposal, applied] = (await history(t, child)).slice(-2);
    expect(proposal).toMatchObject({ type: 'PLAN', result: 'pending', actor: { id: t.users.caseworker.id }, fromState: 'not_planned', toState: 'not_planned' });
    expect(applied).toMatchObject({ type: 'PLAN', result: 'applied', actor: { id: t.users.supervisor.id }, data: { proposedBy: t.users.caseworker.id }, toState: 'planning' });
    // Nothing waits any more: a second CONFIRM_PENDING means nothing now.
    expectError(await send(t, 'supervisor', child, { workflow: 'repatriation', type: 'CONFIRM_PENDING' }), 422, 'INVALID_TRANSITION');
  });
});

describe('POST /v1/simulate: both body forms, a per-step trace, nothing written', () => {
  it('{ caseFile, commands[], at? } with commands as the envelope writes them (no actor named)', async () => {
    const t = await app();
    const before = (await t.request('reviewer', 'GET', '/v1/audit')).body.items.length;
    const r = await t.request('policy', 'POST', '/v1/simulate', {
      caseFile: adultWoman,
      at: '2026-06-01T10:00:00.000Z',
      commands: [
        { workflow: 'screening', type: 'START' },
        { workflow: 'screening', type: 'RECORD_INTERVIEW', data: goodInterview },
        { workflow: 'screening', type: 'RECORD_ASSESSMENT', data: victimAssessment },
        { workflow: 'screening', type: 'SUBMIT' },
        { workflow: 'screening', type: 'APPROVE' },
      ],
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.steps.map((s: { result: string }) => s.result)).toEqual(['applied', 'applied', 'applied', 'applied', 'applied']);
    expect(r.body.steps.at(-1)).toMatchObject({ workflow: 'screening', type: 'APPROVE', after: 'completed' });
    expect((await t.request('reviewer', 'GET', '/v1/audit')).body.items.length).toBe(before);
    expect((await t.request('caseworker', 'GET', '/v1/cases')).body.items).toEqual([]);
  });

  it('{ caseId, commands[] } on a live case: the trace shows the refusal; the case and the audit trail are unchanged', async () => {
    const t = await app();
    const id = await register(t, adultWoman);
    const before = await getCase(t, id);
    const records = (await t.request('reviewer', 'GET', '/v1/audit')).body.items.length;
    const r = await t.request('policy', 'POST', '/v1/simulate', { caseId: id, commands: [{ workflow: 'screening', type: 'START' }, { workflow: 'screening', type: 'SUBMIT' }] });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.steps.map((s: { result: string }) => s.result)).toEqual(['applied', 'refused']);
    expect(r.body.steps[1].verdicts.some((v: { ok: boolean }) => !v.ok)).toBe(true);
    expect(await getCase(t, id)).toMatchObject({ version: before.version, workflows: before.workflows });
    expect((await t.request('reviewer', 'GET', '/v1/audit')).body.items.length).toBe(records);
  });
});

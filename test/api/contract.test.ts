import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { afterEach, describe, expect, it } from 'vitest';
import { ANSWERS } from '../../src/api/answers.ts';
import { adultWoman, boy, goodInterview, testApp, victimAssessment } from '../support/app.ts';
import { adultServices, approveBid, consent, getCase, history, ok, prepareBid, refused, register, screen, type T } from '../support/flows.ts';
import { expectError } from './helpers.ts';

/**
 * A conformance test written as an outside client would write it from /work/shared/API.md and
 * WORKFLOWS.md alone: the names, shapes and codes those pages give, nothing the implementation adds.
 * Behaviour asserted elsewhere (roles per route, error codes per cause, filters already covered) is
 * not repeated here.
 */

const NOW = '2026-06-01T10:00:00.000Z';
let apps: T[] = [];
async function app(now: () => string = () => NOW): Promise<T> {
  const t = await testApp({ now });
  apps.push(t);
  return t;
}
afterEach(async () => {
  for (const t of apps) await t.close();
  apps = [];
});

const VERDICT_KEYS = ['rule', 'ok', 'severity', 'reason', 'principle'];
const AUDIT_KEYS = ['seq', 'at', 'caseId', 'workflow', 'actor', 'type', 'data', 'justification', 'fromState', 'toState', 'result', 'verdicts', 'prevHash', 'hash'];

function expectVerdict(v: Record<string, unknown>): void {
  for (const k of VERDICT_KEYS) expect(v, JSON.stringify(v)).toHaveProperty(k);
  expect(v['rule']).toMatch(/^KP-[A-Z]+-\d{2}$/);
  expect(typeof v['ok']).toBe('boolean');
  expect(typeof v['severity']).toBe('string');
  expect(typeof v['reason']).toBe('string');
  expect(typeof v['principle']).toBe('string');
}

/** Sends a command with an explicit If-Match (the version the client last read). */
async function send(t: T, as: Parameters<T['request']>[0], caseId: string, body: Record<string, unknown>) {
  const version = (await t.request('caseworker', 'GET', `/v1/cases/${caseId}`)).body.version as number;
  return t.request(as, 'POST', `/v1/cases/${caseId}/commands`, body, { 'if-match': String(version) });
}

// WORKFLOWS.md "Workflow kinds and their commands": each kind's initial state, its states and its commands.
const KINDS: Record<string, { initial: string; states: string[]; commands: string[] }> = {
  screening: { initial: 'pending', states: ['pending', 'in_progress', 'submitted', 'completed'], commands: ['START', 'RECORD_INTERVIEW', 'RECORD_ASSESSMENT', 'SUBMIT', 'RETURN', 'APPROVE', 'REOPEN'] },
  age_assessment: { initial: 'pending', states: ['pending', 'recorded', 'confirmed'], commands: ['RECORD_AGE', 'CONFIRM', 'REOPEN'] },
  best_interests: {
    initial: 'not_started',
    states: ['not_started', 'bia', 'bia_completed', 'bid_preparation', 'panel_review', 'bid_approved'],
    commands: ['START_BIA', 'COMPLETE_BIA', 'URGENT_ACTION', 'RECORD_CONSENT', 'PREPARE_BID', 'SUBMIT_TO_PANEL', 'PANEL_DECIDE', 'PLACE_IN_CARE', 'REVIEW', 'REOPEN'],
  },
  non_refoulement: { initial: 'not_started', states: ['not_started', 'assessing', 'submitted', 'cleared', 'risk_identified'], commands: ['START', 'RECORD_FINDINGS', 'SUBMIT', 'CONCLUDE', 'REOPEN'] },
  nationality: {
    initial: 'unverified',
    states: ['unverified', 'verification_requested', 'verified', 'disputed', 'statelessness_referral', 'stateless_protected'],
    commands: ['REQUEST_VERIFICATION', 'CONFIRM', 'RECORD_DISPUTE', 'REFER_STATELESSNESS', 'RESOLVE'],
  },
  repatriation: {
    initial: 'not_planned',
    states: ['not_planned', 'planning', 'consular_engaged', 'barrier', 'documents_ready', 'approved', 'returned'],
    commands: ['PLAN', 'RECORD_CONSULAR_CONTACT', 'RECORD_STATE_REFUSAL', 'ISSUE_DOCUMENTS', 'APPROVE_RETURN', 'CONFIRM_ARRIVAL', 'CANCEL'],
  },
  legal: {
    initial: 'no_proceedings',
    states: ['no_proceedings', 'investigation', 'diversion', 'charged', 'judgment', 'appeal', 'closed'],
    commands: ['OPEN_INVESTIGATION', 'REFER_DIVERSION', 'CHARGE', 'RECORD_JUDGMENT', 'FILE_APPEAL', 'CLOSE', 'REQUEST_WATCHLIST_ENTRY'],
  },
  detention: { initial: 'not_detained', states: ['not_detained', 'detained'], commands: ['DETAIN', 'REVIEW', 'RELEASE'] },
  rehabilitation: { initial: 'not_started', states: ['not_started', 'planned', 'active', 'completed'], commands: ['CREATE_PLAN', 'START', 'RECORD_PROGRESS', 'COMPLETE'] },
  case: { initial: 'open', states: ['open', 'closed'], commands: ['CLOSE', 'REOPEN'] },
};

// WORKFLOWS.md "Who sends what".
const SENDERS: Array<[string, string, string]> = [
  ['screening', 'START', 'caseworker'], ['screening', 'SUBMIT', 'caseworker'], ['screening', 'RETURN', 'supervisor'], ['screening', 'APPROVE', 'supervisor'], ['screening', 'REOPEN', 'supervisor'],
  ['age_assessment', 'RECORD_AGE', 'caseworker'], ['age_assessment', 'CONFIRM', 'supervisor'], ['age_assessment', 'REOPEN', 'supervisor'],
  ['best_interests', 'START_BIA', 'caseworker'], ['best_interests', 'PLACE_IN_CARE', 'caseworker'], ['best_interests', 'URGENT_ACTION', 'supervisor'],
  ['best_interests', 'REVIEW', 'supervisor'], ['best_interests', 'PANEL_DECIDE', 'bid_panel'],
  ['non_refoulement', 'START', 'legal_officer'], ['non_refoulement', 'CONCLUDE', 'legal_officer'], ['non_refoulement', 'REOPEN', 'legal_officer'],
  ['nationality', 'REQUEST_VERIFICATION', 'caseworker'], ['nationality', 'REFER_STATELESSNESS', 'caseworker'],
  ['nationality', 'CONFIRM', 'supervisor'], ['nationality', 'CONFIRM', 'legal_officer'], ['nationality', 'RESOLVE', 'supervisor'], ['nationality', 'RESOLVE', 'legal_officer'],
  ['repatriation', 'PLAN', 'caseworker'], ['repatriation', 'CANCEL', 'caseworker'], ['repatriation', 'APPROVE_RETURN', 'supervisor'],
  ['legal', 'CHARGE', 'legal_officer'], ['legal', 'FILE_APPEAL', 'legal_officer'],
  ['detention', 'DETAIN', 'legal_officer'], ['detention', 'REVIEW', 'supervisor'], ['detention', 'RELEASE', 'supervisor'], ['detention', 'RELEASE', 'legal_officer'],
  ['rehabilitation', 'CREATE_PLAN', 'caseworker'], ['rehabilitation', 'COMPLETE', 'caseworker'],
  ['case', 'CLOSE', 'supervisor'], ['case', 'REOPEN', 'supervisor'],
];

describe('the case file (WORKFLOWS.md "The case file")', () => {
  it('POST /v1/cases answers 201 with the case: id, version 1 and every workflow at its initial state, named `workflow`', async () => {
    const t = await app();
    const r = await t.request('caseworker', 'POST', '/v1/cases', {
      person: {
        names: [{ given: 'Amina', family: 'Haddad', script: 'latin' }, { given: 'أمينة', family: 'حداد', script: 'arabic' }],
        sex: 'female',
        dateOfBirth: { earliest: '1990-01-01', latest: '1994-12-31', method: 'interview and documents', confidence: 'medium' },
        placeOfBirth: 'Lyon',
        nationalities: [{ state: 'FR', status: 'claimed' }, { state: 'DZ', status: 'disputed' }],
        documents: [{ type: 'passport', number: 'P1234567', issuer: 'FR', expires: '2030-01-01' }],
        vulnerabilities: ['sgbv_survivor', 'pregnant'],
      },
      location: { kind: 'camp', name: 'Al-Hol', state: 'SY' },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(typeof r.body.id).toBe('string');
    expect(r.body.version).toBe(1);
    expect(r.body.person.dateOfBirth).toEqual({ earliest: '1990-01-01', latest: '1994-12-31', method: 'interview and documents', confidence: 'medium' });
    expect(r.body.familyLinks).toEqual([]);
    for (const [kind, spec] of Object.entries(KINDS)) {
      if (kind === 'non_refoulement') continue; // one instance per destination, opened by START { destination }
      const w = r.body.workflows.find((x: { workflow: string }) => x.workflow === kind);
      expect(w, kind).toBeDefined();
      expect(w).toMatchObject({ workflow: kind, state: spec.initial, outcome: null });
    }
  });

  it('accepts every location kind and family relation the page names', async () => {
    const t = await app();
    const other = await register(t, adultWoman);
    for (const kind of ['camp', 'detention', 'hospital', 'community', 'returned']) {
      const r = await t.request('caseworker', 'POST', '/v1/cases', { ...adultWoman, location: { kind, name: 'a place', state: 'IQ' } });
      expect(r.status, `${kind}: ${JSON.stringify(r.body)}`).toBe(201);
      expect(r.body.location).toMatchObject({ kind, name: 'a place', state: 'IQ' });
    }
    for (const relation of ['mother', 'father', 'child', 'sibling', 'caregiver', 'spouse', 'guardian']) {
      const r = await t.request('caseworker', 'POST', '/v1/cases', { ...boy(), familyLinks: [{ caseId: other, relation }] });
      expect(r.status, `${relation}: ${JSON.stringify(r.body)}`).toBe(201);
      expect(r.body.familyLinks).toEqual([{ caseId: other, relation }]);
    }
  });

  it('evidence: every `concerns` and `tortureAllegation` value, `at` as a date or an instant; appended to the case with its id', async () => {
    const t = await app();
    const id = await register(t, adultWoman);
    const concerns = ['own_conduct', 'family_member', 'location_or_residence', 'general'];
    const torture = ['none', 'alleged', 'confirmed'];
    const ids: string[] = [];
    for (const [i, c] of concerns.entries()) {
      const item = { kind: 'statement', summary: 'a statement', concerns: c, tortureAllegation: torture[i % 3], source: 'field team', at: i % 2 ? '2025-03-01T08:30:00Z' : '2025-03-01' };
      const r = await t.request(i % 2 ? 'legal_officer' : 'caseworker', 'POST', `/v1/cases/${id}/evidence`, item);
      expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
      expect(r.body).toMatchObject(item);
      ids.push(r.body.id);
    }
    const c = await getCase(t, id);
    expect(c.evidence.map((e: { id: string }) => e.id)).toEqual(ids);
    for (const e of c.evidence) for (const k of ['id', 'kind', 'summary', 'concerns', 'tortureAllegation', 'source', 'at']) expect(e).toHaveProperty(k);
  });
});

describe('GET /v1/cases/:id and GET /v1/cases', () => {
  it('the case: file, version, each workflow\'s state and outcome, and `next` with `allowed` and verdicts', async () => {
    const t = await app();
    const id = await register(t, adultWoman);
    await screen(t, id);
    const c = await getCase(t, id);
    for (const k of ['id', 'version', 'person', 'location', 'familyLinks', 'evidence', 'workflows', 'next']) expect(c).toHaveProperty(k);
    for (const w of c.workflows) {
      expect(w.workflow).toBe(w.kind);
      expect(typeof w.state).toBe('string');
      expect(w).toHaveProperty('outcome');
    }
    expect(c.workflows.find((w: { workflow: string }) => w.workflow === 'screening')).toMatchObject({ state: 'completed', outcome: 'victim' });
    expect(c.next.length).toBeGreaterThan(0);
    for (const n of c.next) {
      expect(typeof n.workflow).toBe('string');
      expect(typeof n.type).toBe('string');
      expect(typeof n.allowed).toBe('boolean');
      for (const v of n.verdicts) expectVerdict(v);
    }
  });

  it('list items name each workflow; `q` finds a person by name; `nationality` takes any case', async () => {
    const t = await app();
    const id = await register(t, adultWoman);
    await register(t, boy());
    const list = await t.request('caseworker', 'GET', '/v1/cases?q=Haddad');
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: { id: string }) => i.id).sort()).toHaveLength(2);
    const amina = await t.request('caseworker', 'GET', '/v1/cases?q=amina');
    expect(amina.body.items.map((i: { id: string }) => i.id)).toEqual([id]);
    expect(amina.body.items[0].workflows.find((w: { workflow: string }) => w.workflow === 'screening')).toMatchObject({ state: 'pending' });
    expect(amina.body).toHaveProperty('nextCursor', null);
    expect((await t.request('caseworker', 'GET', '/v1/cases?nationality=fr')).body.items).toHaveLength(2);
  });
});

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

describe('the audit record and its chain (API.md "Audit record")', () => {
  it('every record has the documented fields; hash = sha256(prevHash + canonical JSON of the record without hash); the first prevHash is 64 zeros', async () => {
    const t = await app();
    const id = await register(t, adultWoman);
    ok(await t.command('caseworker', id, 'screening', 'START'));
    await t.command('supervisor', id, 'screening', 'APPROVE'); // invalid: audited as refused
    await send(t, 'caseworker', id, { workflow: 'screening', type: 'SUBMIT' }); // refused
    const all = await t.request('reviewer', 'GET', '/v1/audit');
    expect(all.status).toBe(200);
    // The readable records carry the person's fields opened; the form the chain hashes (the
    // fields as per-person envelopes, docs/erasure.md) is `?form=hashed`, record for record.
    const hashedForm = await t.request('reviewer', 'GET', '/v1/audit?form=hashed');
    expect(hashedForm.body.items.map((r: Record<string, unknown>) => [r['seq'], r['hash']])).toEqual(all.body.items.map((r: Record<string, unknown>) => [r['seq'], r['hash']]));
    const records = hashedForm.body.items as Array<Record<string, any>>;
    expect(records.length).toBeGreaterThanOrEqual(4);
    expect(records[0]!['prevHash']).toBe('0'.repeat(64));
    let prev = '0'.repeat(64);
    for (const r of records) {
      for (const k of AUDIT_KEYS) expect(r, k).toHaveProperty(k);
      expect(r['actor']).toEqual({ id: expect.any(String), roles: expect.any(Array) });
      expect(['applied', 'refused', 'pending']).toContain(r['result']);
      expect(r['prevHash']).toBe(prev);
      const { hash, ...rest } = r;
      expect(createHash('sha256').update(r['prevHash'] + canonicalize(rest)).digest('hex')).toBe(hash);
      prev = hash;
    }
    const refusedRecords = records.filter((r) => r['result'] === 'refused');
    expect(refusedRecords.map((r) => r['type'])).toEqual(['APPROVE', 'SUBMIT']);
    expect(refusedRecords[0]!['actor']).toEqual({ id: t.users.supervisor.id, roles: ['supervisor'] });
    const verify = await t.request('admin', 'GET', '/v1/audit/verify');
    expect(verify.status).toBe(200);
    expect(verify.body).toEqual({ ok: true, records: records.length });
  });

  it('`from` and `to` compare instants (any offset); a date `to` includes its whole day; `cursor` pages like `nextCursor`', async () => {
    let now = '2026-06-01T10:00:00.000Z';
    const t = await app(() => now);
    const id = await register(t, adultWoman); // 10:00Z
    now = '2026-06-01T12:00:00.000Z';
    ok(await t.command('caseworker', id, 'screening', 'START')); // 12:00Z
    const items = async (q: string) => {
      const r = await t.request('reviewer', 'GET', `/v1/audit?${q}`);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body.items.map((i: { type: string }) => i.type);
    };
    // 12:00+02:00 is 10:00Z: both records are at or after it; 11:30+02:00 is 09:30Z.
    expect(await items(`from=${encodeURIComponent('2026-06-01T12:00:00+02:00')}`)).toEqual(['CASE_REGISTERED', 'START']);
    expect(await items(`to=${encodeURIComponent('2026-06-01T12:00:00+02:00')}`)).toEqual(['CASE_REGISTERED']);
    expect(await items(`to=${encodeURIComponent('2026-06-01T11:30:00+02:00')}`)).toEqual([]);
    expect(await items(`from=${encodeURIComponent('2026-06-01T13:00:00+02:00')}`)).toEqual(['START']);
    expect(await items(`from=${encodeURIComponent('2026-06-01T12:00:00Z')}`)).toEqual(['START']);
    expect(await items('from=2026-06-01&to=2026-06-01')).toEqual(['CASE_REGISTERED', 'START']);
    expect(await items('to=2026-05-31')).toEqual([]);
    const first = await t.request('reviewer', 'GET', '/v1/audit?limit=1');
    expect(first.body.nextCursor).not.toBeNull();
    const second = await t.request('reviewer', 'GET', `/v1/audit?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((i: { type: string }) => i.type)).toEqual(['START']);
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

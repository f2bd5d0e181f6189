import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redactRecordFor } from '../../workflows/privacy.ts';
import { localizeVerdicts } from '../../workflows/rules/explain.ts';
import { adultWoman, boy, testApp } from '../support/app.ts';
import { prepareBid, register } from '../support/flows.ts';
import { signIn } from '../support/web.ts';
import { auditRows, expectError, issuePaths, type TestApp } from './helpers.ts';

/**
 * Privacy of children (KP-DATA-01; KP B-CH5) and non-discriminatory assistance (KP-HUM-01):
 * redacted audit reads, the read log, and the assistance-eligibility configuration.
 * The clock is fixed: 1 June 2026.
 */
const NOW = '2026-06-01T10:00:00.000Z';
let t: TestApp;
beforeAll(async () => {
  t = await testApp({ now: () => NOW });
});
afterAll(async () => {
  await t.close();
});

const SECRETS = { given: 'Yusufmarker', family: 'Haddadmarker', dob: '2016-05-02', newDob: '2016-06-03', document: 'BC-778899', place: 'Raqqamarker', summary: 'Summarymarker seen at the market', source: 'Sourcemarker neighbour' };

/** A child's case with identifying data in CASE_REGISTERED, FACTS_UPDATED and EVIDENCE_ADDED records. */
async function childCase(): Promise<{ id: string; reference: string }> {
  const body = {
    ...boy(SECRETS.dob),
    person: {
      ...boy(SECRETS.dob).person,
      names: [{ given: SECRETS.given, family: SECRETS.family, script: 'latin' }],
      placeOfBirth: SECRETS.place,
      documents: [{ type: 'birth_certificate', number: SECRETS.document, issuer: 'FR' }],
    },
  };
  const c = await t.request('caseworker', 'POST', '/v1/cases', body);
  expect(c.status, JSON.stringify(c.body)).toBe(201);
  const patched = await t.request('caseworker', 'PATCH', `/v1/cases/${c.body.id}`, { person: { dateOfBirth: { exact: SECRETS.newDob } } }, { 'if-match': String(c.body.version) });
  expect(patched.status, JSON.stringify(patched.body)).toBe(200);
  const ev = await t.request('caseworker', 'POST', `/v1/cases/${c.body.id}/evidence`, { kind: 'witness statement', summary: SECRETS.summary, concerns: 'own_conduct', source: SECRETS.source, at: '2026-05-01' });
  expect(ev.status, JSON.stringify(ev.body)).toBe(201);
  return c.body;
}

const secretsIn = (text: string) => Object.values(SECRETS).filter((s) => text.includes(s));

describe('GET /v1/cases/:id/history and GET /v1/audit: a child\'s identity hidden from reviewer, policy, admin (KP-DATA-01)', () => {
  it('a reviewer\'s history of a child case has no name, date of birth, document number, place of birth or evidence text; records are marked redacted', async () => {
    const c = await childCase();
    // An admin reads no case content (403; issue 10).
    expect((await t.request('admin', 'GET', `/v1/cases/${c.id}/history`)).status).toBe(403);
    for (const role of ['reviewer', 'policy'] as const) {
      const res = await t.request(role, 'GET', `/v1/cases/${c.id}/history`);
      expect(res.status).toBe(200);
      expect(secretsIn(res.raw.body), role).toEqual([]);
      const items = res.body.items as Array<{ type: string; redacted?: boolean; data: any; hash: string }>;
      expect(items.map((i) => i.type)).toEqual(['CASE_REGISTERED', 'FACTS_UPDATED', 'EVIDENCE_ADDED']);
      expect(items.every((i) => i.redacted === true)).toBe(true);
      expect(items[0]!.data.facts.person).toMatchObject({ names: '[redacted]', dateOfBirth: '[redacted]', documents: '[redacted]', placeOfBirth: '[redacted]', sex: 'male' });
      expect(items[2]!.data).toMatchObject({ summary: '[redacted]', source: '[redacted]', concerns: 'own_conduct' });
    }
  });

  it('a caseworker (and every role that sees identity) gets the records as stored', async () => {
    const c = await childCase();
    const stored = auditRows(t).filter((r) => r.caseId === c.id);
    for (const role of ['caseworker', 'supervisor', 'bid_panel', 'legal_officer'] as const) {
      const res = await t.request(role, 'GET', `/v1/cases/${c.id}/history`);
      expect(res.status).toBe(200);
      expect(secretsIn(res.raw.body).sort(), role).toEqual(Object.values(SECRETS).sort());
      expect(res.body.items).toEqual(JSON.parse(JSON.stringify(stored)));
      expect(res.body.items.some((i: { redacted?: boolean }) => 'redacted' in i)).toBe(false);
    }
  });

  it('GET /v1/audit redacts a child\'s records for a reviewer and leaves adults\' records and the chain as stored', async () => {
    const c = await childCase();
    const adultId = await register(t, adultWoman);
    const res = await t.request('reviewer', 'GET', '/v1/audit?limit=200');
    expect(res.status).toBe(200);
    expect(secretsIn(res.raw.body)).toEqual([]);
    const items = res.body.items as Array<{ seq: number; caseId: string; redacted?: boolean; data: any; hash: string }>;
    expect(items.filter((i) => i.caseId === c.id).every((i) => i.redacted)).toBe(true);
    const adultRecord = items.find((i) => i.caseId === adultId)!;
    expect(adultRecord.redacted).toBeUndefined();
    expect(adultRecord.data.facts.person.names[0].given).toBe('Amina');
    // The stored rows are untouched: hashes are the stored ones and the chain verifies.
    const stored = new Map(auditRows(t).map((r) => [r.seq, r.hash]));
    for (const i of items) expect(i.hash).toBe(stored.get(i.seq));
    expect((await t.request('reviewer', 'GET', '/v1/audit/verify')).body).toMatchObject({ ok: true });
    const raw = await t.request('admin', 'GET', '/v1/audit?limit=200');
    expect(secretsIn(raw.raw.body)).toEqual([]);
  });

  it('the reviewers\' page export uses the same redaction; the OpenAPI document says redacted records cannot be re-hashed', async () => {
    const c = await childCase();
    const cookie = await signIn(t.app, t.users.reviewer.token);
    for (const url of [`/ui/cases/${c.id}`, `/ui/cases/${c.id}/print`, `/ui/cases/${c.id}/history.json`]) {
      const res = await t.app.inject({ url, headers: { cookie } });
      expect(res.statusCode, url).toBe(200);
      expect(secretsIn(res.body), url).toEqual([]);
    }
    const exported = (await t.app.inject({ url: `/ui/cases/${c.id}/history.json`, headers: { cookie } })).json();
    expect(exported.records).toEqual((await t.request('reviewer', 'GET', `/v1/cases/${c.id}/history`)).body.items);
    const doc = (await t.app.inject({ url: '/openapi.json' })).json();
    expect(doc.paths['/v1/cases/{id}/history'].get.summary).toMatch(/cannot be re-hashed by the client/);
    expect(doc.paths['/v1/audit'].get.summary).toMatch(/cannot be re-hashed by the client/);
  });

  it('GET /v1/cases/:id: the richer redaction also hides place of birth and evidence text, with an age band', async () => {
    const c = await childCase();
    const seen = (await t.request('reviewer', 'GET', `/v1/cases/${c.id}`)).body;
    expect(secretsIn(JSON.stringify(seen))).toEqual([]);
    expect(seen).toMatchObject({ id: c.id, child: true, redacted: true, person: { names: '[redacted]', dateOfBirth: '[redacted]', documents: '[redacted]', ageBand: '5-11' } });
    expect(seen.redactedFields).toContain('person.placeOfBirth');
    expect(seen.evidence[0]).toMatchObject({ summary: '[redacted]', source: '[redacted]' });
    const cw = (await t.request('caseworker', 'GET', `/v1/cases/${c.id}`)).body;
    expect(cw).toMatchObject({ redacted: false, redactedFields: [], person: { placeOfBirth: SECRETS.place } });
  });

  it('a detained mother\'s record keeps her own data but not her children\'s names (pure)', () => {
    const record = { type: 'DETAIN', data: { facility: { name: 'Facility', kind: 'prison' }, children: [{ name: 'Childnamemarker', age: 4, whereabouts: 'camp', carer: 'aunt', staysWithMother: true }] } };
    const shown = redactRecordFor(['reviewer'], { workflow: 'detention', ...record }, false);
    expect(JSON.stringify(shown)).not.toContain('Childnamemarker');
    expect(shown.redacted).toBe(true);
    expect(redactRecordFor(['caseworker'], record, false)).toBe(record);
    expect(redactRecordFor(['reviewer'], { workflow: 'screening', type: 'START', data: {} }, true)).toEqual({ workflow: 'screening', type: 'START', data: {} });
  });
});

describe('the read log of child records (KP-DATA-01 "log all reads")', () => {
  it('records every read of a child\'s case file, history and web page, and lists them to reviewer and admin', async () => {
    const c = await childCase();
    expect((await t.request('caseworker', 'GET', `/v1/cases/${c.id}`)).status).toBe(200);
    expect((await t.request('reviewer', 'GET', `/v1/cases/${c.id}/history`)).status).toBe(200);
    const cookie = await signIn(t.app, t.users.supervisor.token);
    expect((await t.app.inject({ url: `/ui/cases/${c.id}`, headers: { cookie } })).statusCode).toBe(200);

    const res = await t.request('reviewer', 'GET', `/v1/cases/${c.id}/reads`);
    expect(res.status).toBe(200);
    const items = res.body.items as Array<Record<string, unknown>>;
    expect(items.map((i) => [i['actorId'], i['roles'], i['route'], i['purpose'], i['caseId'], i['at']])).toEqual([
      [t.users.caseworker.id, ['caseworker'], 'GET /v1/cases/:id', 'case_file', c.id, NOW],
      [t.users.reviewer.id, ['reviewer'], 'GET /v1/cases/:id/history', 'case_history', c.id, NOW],
      [t.users.supervisor.id, ['supervisor'], 'GET /ui/cases/:id', 'web_case_page', c.id, NOW],
    ]);
    expect(res.body.nextCursor).toBeNull();
    // Listing the log is not itself a read of the child's record; an admin may not list it (no case content).
    expect((await t.request('admin', 'GET', `/v1/cases/${c.id}/reads`)).status).toBe(403);
    expect((await t.request('reviewer', 'GET', `/v1/cases/${c.id}/reads`)).body.items).toHaveLength(3);
    // Paging.
    const first = await t.request('reviewer', 'GET', `/v1/cases/${c.id}/reads?limit=2`);
    expect(first.body.items).toHaveLength(2);
    const rest = await t.request('reviewer', 'GET', `/v1/cases/${c.id}/reads?after=${first.body.nextCursor}`);
    expect(rest.body.items.map((i: { route: string }) => i.route)).toEqual(['GET /ui/cases/:id']);
    // The log holds no identifying data.
    expect(secretsIn(res.raw.body)).toEqual([]);
  });

  it('GET /v1/audit and the reviewers\' audit page log one read per child case on the page, none for an adult\'s', async () => {
    const c = await childCase();
    const adultId = await register(t, adultWoman);
    expect((await t.request('reviewer', 'GET', `/v1/audit?caseId=${c.id}`)).body.items).toHaveLength(3);
    // An admin's audit holds no case's records: nothing read, nothing logged.
    expect((await t.request('admin', 'GET', `/v1/audit?caseId=${c.id}`)).body.items).toEqual([]);
    const cookie = await cookieFor('reviewer');
    expect((await t.app.inject({ url: '/ui/audit', headers: { cookie } })).statusCode).toBe(200);
    const reads = (await t.request('reviewer', 'GET', `/v1/cases/${c.id}/reads`)).body.items as Array<Record<string, unknown>>;
    expect(reads.map((r) => [r['actorId'], r['route'], r['purpose']])).toEqual([
      [t.users.reviewer.id, 'GET /v1/audit', 'audit_records'],
      [t.users.reviewer.id, 'GET /ui/audit', 'web_audit_page'],
    ]);
    expect((await t.request('reviewer', 'GET', `/v1/cases/${adultId}/reads`)).body.items).toEqual([]);
    // A page that does not reach the case's records logs nothing for it.
    await t.request('reviewer', 'GET', `/v1/audit?caseId=${adultId}`);
    expect((await t.request('reviewer', 'GET', `/v1/cases/${c.id}/reads`)).body.items).toHaveLength(2);
  });

  it('does not log reads of an adult\'s case; the route is reviewer/admin only; 404 for an unknown case', async () => {
    const adultId = await register(t, adultWoman);
    await t.request('caseworker', 'GET', `/v1/cases/${adultId}`);
    await t.request('reviewer', 'GET', `/v1/cases/${adultId}/history`);
    expect((await t.request('reviewer', 'GET', `/v1/cases/${adultId}/reads`)).body.items).toEqual([]);
    const c = await childCase();
    for (const role of ['caseworker', 'supervisor', 'bid_panel', 'legal_officer', 'policy'] as const) expectError(await t.request(role, 'GET', `/v1/cases/${c.id}/reads`), 403, 'FORBIDDEN');
    expectError(await t.request('reviewer', 'GET', '/v1/cases/00000000-0000-4000-8000-000000000000/reads'), 404, 'NOT_FOUND');
    // Reads of an unknown case are not logged (and are 404).
    expectError(await t.request('reviewer', 'GET', '/v1/cases/00000000-0000-4000-8000-000000000000/history'), 404, 'NOT_FOUND');
  });

  it('the log is append-only in the database', async () => {
    const c = await childCase();
    await t.request('caseworker', 'GET', `/v1/cases/${c.id}`);
    const client = t.app.services.repos.db.$client;
    expect(() => client.prepare('update record_reads set actor_id = ? where case_id = ?').run('someone', c.id)).toThrow(/append-only/);
    expect(() => client.prepare('delete from record_reads where case_id = ?').run(c.id)).toThrow(/append-only/);
  });

  it('never writes a child\'s name, date of birth or document number to the logs', async () => {
    const c = await childCase();
    await t.request('caseworker', 'GET', `/v1/cases/${c.id}`);
    await t.request('reviewer', 'GET', `/v1/cases/${c.id}/history`);
    await t.request('reviewer', 'GET', `/v1/cases/${c.id}/reads`);
    expect(secretsIn(t.logs.join('\n'))).toEqual([]);
  });
});

/** A reviewers'-page session cookie for a role. */
async function cookieFor(role: keyof TestApp['users'], app: TestApp = t): Promise<string> {
  return signIn(app.app, app.users[role].token);
}

describe('rule reasons never carry a person\'s data (KP-DATA-01): a mother, her two children, best interests and a detention', () => {
  const NAMES = {
    boyGiven: 'Omarmarker', boyFamily: 'Qasimmarker', boyDocument: 'BC-445566', girlGiven: 'Zaynabmarker', girlFamily: 'Saidmarker',
    carer: 'Carermarker', whereabouts: 'Whereaboutsmarker tent', guardian: 'Guardianmarker', heard: 'Notheardmarker', findings: 'Findingsmarker', justification: 'Justificationmarker',
  };
  const namesIn = (text: string) => Object.values(NAMES).filter((s) => text.includes(s));
  const child = (given: string, family: string, dob: string, sex: 'male' | 'female', documents: unknown[] = []) => ({
    person: { names: [{ given, family, script: 'latin' }], sex, dateOfBirth: { exact: dob }, nationalities: [{ state: 'FR', status: 'claimed' }], documents, vulnerabilities: ['separated'] },
    location: { kind: 'camp', name: 'Al-Hol', state: 'SY', closed: true },
  });

  it('no verdict reason in the stored records, the command answers or any role\'s `next` names a child, a carer or a guardian, or quotes free text', async () => {
    const boyCase = (await t.request('caseworker', 'POST', '/v1/cases', child(NAMES.boyGiven, NAMES.boyFamily, '2017-03-15', 'male', [{ type: 'birth_certificate', number: NAMES.boyDocument, issuer: 'FR' }]))).body;
    const girlId = await register(t, child(NAMES.girlGiven, NAMES.girlFamily, '2022-01-20', 'female'));
    const mother = (await t.request('caseworker', 'POST', '/v1/cases', { ...adultWoman, familyLinks: [{ caseId: boyCase.id, relation: 'child' }, { caseId: girlId, relation: 'child' }] })).body;
    const answers: unknown[] = [];
    const send = async (role: Parameters<TestApp['command']>[0], id: string, workflow: string, type: string, data?: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
      const res = await t.command(role, id, workflow, type, data, extra);
      answers.push(res.body);
      return res;
    };
    // Best interests of the girl: the reason she could not be heard, and her guardian.
    await send('caseworker', girlId, 'best_interests', 'START_BIA');
    await send('caseworker', girlId, 'best_interests', 'COMPLETE_BIA', { findings: `${NAMES.findings}: ${NAMES.girlGiven} lives with her aunt`, bidRequired: true }, { justification: `${NAMES.justification} about ${NAMES.girlGiven}` });
    await send('caseworker', girlId, 'best_interests', 'PREPARE_BID', prepareBid({ childViews: undefined, childViewsWeight: undefined, childInformedLanguage: undefined, childViewsNotHeardReason: `${NAMES.heard}: ${NAMES.girlGiven} is 4` }));
    const submitted = await send('caseworker', girlId, 'best_interests', 'SUBMIT_TO_PANEL');
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    await send('caseworker', girlId, 'best_interests', 'APPOINT_GUARDIAN', { name: NAMES.guardian, kind: 'guardian', appointedBy: 'court', appointedOn: '2026-05-20' });
    // The mother's detention lists her children by name; neither has a best-interests basis (KP-DET-03).
    const evidence = await t.request('caseworker', 'POST', `/v1/cases/${mother.id}/evidence`, { kind: 'report', summary: 'own conduct', concerns: 'own_conduct', source: 'report', at: '2026-05-01' });
    const detain = await send('legal_officer', mother.id, 'detention', 'DETAIN', {
      facility: { name: 'Centre A', kind: 'pretrial_centre' },
      legalBasis: { kind: 'administrative', reference: 'Order 12/2026' },
      grounds: ['suspected_offence'],
      alternativesConsidered: [{ alternative: 'reporting obligation', whyUnsuitable: 'absconding attempts' }],
      separateFromAdults: true,
      children: [
        { caseId: boyCase.id, name: `${NAMES.boyGiven} ${NAMES.boyFamily}`, age: 9, whereabouts: NAMES.whereabouts, carer: NAMES.carer, staysWithMother: false },
        { name: NAMES.girlGiven, age: 4, whereabouts: NAMES.whereabouts, carer: NAMES.carer, staysWithMother: true },
      ],
      maxEnd: '2026-09-01',
      reviewDueAt: '2026-06-10',
      evidenceIds: [evidence.body.id],
      femaleStaffAvailable: true,
    });
    const detainVerdicts: Array<{ rule: string; reason: string }> = detain.body.verdicts ?? detain.body.error?.details?.verdicts ?? [];
    const det03 = detainVerdicts.find((v) => v.rule === 'KP-DET-03');
    expect(det03?.reason, JSON.stringify(detain.body)).toMatch(new RegExp(`no best-interests basis for whether ${boyCase.reference}, child 2 stay with the mother`));

    const reasons = (verdicts: unknown): string[] => (Array.isArray(verdicts) ? verdicts.map((v) => String((v as { reason?: unknown }).reason ?? '')) : []);
    // Stored verdicts with a code keep code + params; their text is rendered when read.
    const stored = auditRows(t)
      .filter((r) => [boyCase.id, girlId, mother.id].includes(r.caseId ?? ''))
      .map((r) => ({ ...r, verdicts: localizeVerdicts(r.verdicts, 'en') }));
    expect(stored.some((r) => r.type === 'SUBMIT_TO_PANEL' && reasons(r.verdicts).some((x) => x.includes('could not be heard')))).toBe(true);
    const all = [
      ...stored.flatMap((r) => reasons(r.verdicts)),
      ...answers.flatMap((a) => reasons((a as { verdicts?: unknown; error?: { details?: { verdicts?: unknown } } }).verdicts ?? (a as { error?: { details?: { verdicts?: unknown } } }).error?.details?.verdicts)),
    ];
    for (const role of ['caseworker', 'supervisor', 'bid_panel', 'legal_officer', 'reviewer', 'policy'] as const) {
      for (const id of [boyCase.id, girlId, mother.id]) {
        const view = (await t.request(role, 'GET', `/v1/cases/${id}`)).body as { next: Array<{ verdicts: unknown }> };
        all.push(...view.next.flatMap((n) => reasons(n.verdicts)));
      }
    }
    expect(all.length).toBeGreaterThan(20);
    expect(namesIn(all.join('\n'))).toEqual([]);
  });

  it('a reviewer sees none of it in the records: free text, the guardian\'s name and the children a record lists are redacted, structure kept; the web pages render', async () => {
    const girlId = await register(t, child(NAMES.girlGiven, NAMES.girlFamily, '2022-01-20', 'female'));
    await t.command('caseworker', girlId, 'best_interests', 'START_BIA');
    await t.command('caseworker', girlId, 'best_interests', 'COMPLETE_BIA', { findings: NAMES.findings, bidRequired: true }, { justification: NAMES.justification });
    await t.command('caseworker', girlId, 'best_interests', 'PREPARE_BID', prepareBid({ childViews: `${NAMES.girlGiven} wants to stay`, childViewsNotHeardReason: NAMES.heard }));
    await t.command('caseworker', girlId, 'best_interests', 'APPOINT_GUARDIAN', { name: NAMES.guardian, kind: 'guardian', appointedBy: 'court', appointedOn: '2026-05-20' });
    // A caseworker's urgent action waits for a supervisor: the pending command in the case file is redacted too.
    const urgent = await t.command('caseworker', girlId, 'best_interests', 'URGENT_ACTION', { action: `${NAMES.findings}: ${NAMES.girlGiven} moved to hospital`, kind: 'medical_evacuation' }, { justification: NAMES.justification });
    expect(urgent.status, JSON.stringify(urgent.body)).toBe(202);
    const file = await t.request('reviewer', 'GET', `/v1/cases/${girlId}`);
    expect(file.body.pending).toHaveLength(1);
    expect(file.body.pending[0].command).toMatchObject({ type: 'URGENT_ACTION', data: { action: '[redacted]', kind: 'medical_evacuation' }, justification: '[redacted]' });
    expect(namesIn(file.raw.body)).toEqual([]);
    for (const role of ['reviewer', 'policy'] as const) {
      const res = await t.request(role, 'GET', `/v1/cases/${girlId}/history`);
      expect(namesIn(res.raw.body), role).toEqual([]);
      type Item = { type: string; data: any; justification: string | null; redacted?: boolean };
      const byType: Record<string, Item> = Object.fromEntries((res.body.items as Item[]).map((i) => [i.type, i]));
      expect(byType['COMPLETE_BIA']).toMatchObject({ data: { findings: '[redacted]', bidRequired: true }, justification: '[redacted]', redacted: true });
      expect(byType['PREPARE_BID']!.data).toMatchObject({ childViews: '[redacted]', childViewsNotHeardReason: '[redacted]', familyUnity: '[redacted]', recommendation: { action: 'repatriate_with_family', separationInBestInterests: false } });
      expect(byType['APPOINT_GUARDIAN']!.data).toMatchObject({ name: '[redacted]', kind: 'guardian', appointedOn: '2026-05-20' });
    }
    const audit = await t.request('reviewer', 'GET', `/v1/audit?caseId=${girlId}`);
    expect(audit.body.items.length).toBeGreaterThan(3);
    expect(namesIn(audit.raw.body)).toEqual([]);
    // Roles that see identity get the records as stored.
    expect(namesIn((await t.request('caseworker', 'GET', `/v1/cases/${girlId}/history`)).raw.body).sort()).toEqual([NAMES.girlGiven, NAMES.girlFamily, NAMES.guardian, NAMES.heard, NAMES.findings, NAMES.justification].sort());
    const cookie = await cookieFor('reviewer');
    for (const url of [`/ui/cases/${girlId}`, `/ui/cases/${girlId}/print`, `/ui/cases/${girlId}/history.json`, '/ui/audit']) {
      const res = await t.app.inject({ url, headers: { cookie } });
      expect(res.statusCode, url).toBe(200);
      expect(namesIn(res.body), url).toEqual([]);
    }
    expect((await t.app.inject({ url: `/ui/cases/${girlId}`, headers: { cookie } })).body).toMatch(/class="redacted"/);
  });
});

describe('a record from a childhood stays a child\'s record after the 18th birthday (KP-DATA-01)', () => {
  it('redacts the records written while the person was a child, not the case file of the adult nor the records written after', async () => {
    let now = '2026-06-01T10:00:00.000Z';
    const app = await testApp({ now: () => now });
    try {
      const body = { ...boy('2008-06-15'), person: { ...boy('2008-06-15').person, names: [{ given: 'Teenmarker', family: 'Olderfamilymarker', script: 'latin' }] } };
      const c = (await app.request('caseworker', 'POST', '/v1/cases', body)).body;
      expect(c.child).toBe(true);
      await app.request('caseworker', 'POST', `/v1/cases/${c.id}/evidence`, { kind: 'statement', summary: 'Childhoodmarker statement', concerns: 'own_conduct', source: 'Childsourcemarker', at: '2026-05-01' });
      now = '2026-07-01T10:00:00.000Z';
      await app.request('caseworker', 'POST', `/v1/cases/${c.id}/evidence`, { kind: 'statement', summary: 'Adulthoodmarker statement', concerns: 'own_conduct', source: 'Adultsourcemarker', at: '2026-06-20' });
      const history = await app.request('reviewer', 'GET', `/v1/cases/${c.id}/history`);
      const items = history.body.items as Array<{ type: string; at: string; data: any; redacted?: boolean }>;
      expect(items.map((i) => [i.type, i.redacted ?? false])).toEqual([['CASE_REGISTERED', true], ['EVIDENCE_ADDED', true], ['EVIDENCE_ADDED', false]]);
      for (const secret of ['Teenmarker', 'Olderfamilymarker', '2008-06-15', 'Childhoodmarker', 'Childsourcemarker']) expect(history.raw.body, secret).not.toContain(secret);
      expect(items[2]!.data).toMatchObject({ summary: 'Adulthoodmarker statement', source: 'Adultsourcemarker' });
      // GET /v1/audit decides per record too.
      const audit = await app.request('reviewer', 'GET', `/v1/audit?caseId=${c.id}`);
      expect((audit.body.items as Array<{ redacted?: boolean }>).map((i) => i.redacted ?? false)).toEqual([true, true, false]);
      expect(audit.raw.body).not.toContain('Teenmarker');
      // The case file is the adult's, as it is today.
      const file = await app.request('reviewer', 'GET', `/v1/cases/${c.id}`);
      expect(file.body).toMatchObject({ child: false, redacted: false });
      // Reading the history still reads a child's records: logged; the adult's case file is not.
      const reads = (await app.request('reviewer', 'GET', `/v1/cases/${c.id}/reads`)).body.items as Array<{ route: string }>;
      expect(reads.map((r) => r.route)).toEqual(['GET /v1/cases/:id/history', 'GET /v1/audit']);
    } finally {
      await app.close();
    }
  });
});

describe('PUT /v1/assistance-eligibility (KP-HUM-01: BLOCK at config validation)', () => {
  const needsBased = [
    { id: 'food-all', assistance: 'food', criteria: [] },
    { id: 'health-under5', assistance: 'health', description: 'priority health care for young children', criteria: [{ field: 'person.ageBand', operator: 'in', value: ['0-4'] }] },
  ];

  it('allows needs-based rules: stored as a new version, audited, readable by every role', async () => {
    const before = (await t.request('caseworker', 'GET', '/v1/assistance-eligibility')).body.version as number;
    const res = await t.request('policy', 'PUT', '/v1/assistance-eligibility', needsBased);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ version: before + 1, rules: needsBased, recordedAt: NOW, recordedBy: t.users.policy.id, auditSeq: expect.any(Number) });
    const record = auditRows(t).find((r) => r.seq === res.body.auditSeq)!;
    expect(record).toMatchObject({ type: 'ASSISTANCE_ELIGIBILITY_CHANGED', result: 'applied', caseId: null, workflow: 'assistance_eligibility', data: { version: before + 1, rules: needsBased } });
    for (const role of ['caseworker', 'reviewer', 'admin', 'policy'] as const) {
      expect((await t.request(role, 'GET', '/v1/assistance-eligibility')).body).toMatchObject({ version: before + 1, rules: needsBased });
    }
    const again = await t.request('policy', 'PUT', '/v1/assistance-eligibility', [needsBased[0]]);
    expect(again.body.version).toBe(before + 2);
    expect((await t.request('reviewer', 'GET', '/v1/assistance-eligibility')).body.rules).toEqual([needsBased[0]]);
  });

  it('refuses criteria on affiliation, screening result or family links with 422 RULES_REFUSED, one KP-HUM-01 verdict per criterion; nothing stored, the attempt audited', async () => {
    const current = (await t.request('policy', 'GET', '/v1/assistance-eligibility')).body;
    const rowsBefore = auditRows(t).length;
    const res = await t.request('policy', 'PUT', '/v1/assistance-eligibility', [
      { id: 'food', assistance: 'food', criteria: [{ field: 'affiliationLevel', operator: 'eq', value: 'none' }, { field: 'person.sex', operator: 'eq', value: 'female' }] },
      { id: 'shelter', assistance: 'shelter', criteria: [{ field: 'screening.outcome', operator: 'eq', value: 'victim' }, { field: 'familyLinks.relation', operator: 'neq', value: 'spouse' }] },
    ]);
    const error = expectError(res, 422, 'RULES_REFUSED');
    expect(error.details.verdicts).toHaveLength(3);
    for (const v of error.details.verdicts) {
      // Structured (issue 16.1): the code and its params (the kind of aid, the concept, the field), never a person's data.
      expect(Object.keys(v).sort()).toEqual(['code', 'facts', 'ok', 'params', 'principle', 'reason', 'rule', 'severity', 'toAllow']);
      expect(v).toMatchObject({ rule: 'KP-HUM-01', ok: false, severity: 'block', principle: 'B.humanitarian.non-discrimination', code: 'KP-HUM-01.config_forbidden', reason: expect.any(String) });
    }
    expect(error.details.verdicts.map((v: { reason: string }) => v.reason).join(' ')).toMatch(/affiliationLevel.*screening\.outcome.*familyLinks\.relation/);
    expect((await t.request('policy', 'GET', '/v1/assistance-eligibility')).body).toEqual(current);
    const added = auditRows(t).slice(rowsBefore);
    expect(added).toHaveLength(1);
    // The record keeps code and params; the texts are derived when read.
    const stored = error.details.verdicts.map(({ reason: _r, toAllow, ...v }: { reason: string; toAllow: Array<{ text: string }> }) => ({ ...v, toAllow: toAllow.map(({ text: _t, ...hint }) => hint) }));
    expect(added[0]).toMatchObject({ type: 'ASSISTANCE_ELIGIBILITY_CHANGED', result: 'refused', verdicts: stored });
  });

  it('malformed rules get 400 VALIDATION naming the fields; other roles get 403', async () => {
    const bad = expectError(await t.request('policy', 'PUT', '/v1/assistance-eligibility', [{ id: 'x', assistance: 'jetpacks', criteria: [{ field: '1bad', operator: 'eq' }] }]), 400, 'VALIDATION');
    expect(issuePaths(bad)).toEqual(expect.arrayContaining(['body.0.assistance', 'body.0.criteria.0.field']));
    const dup = expectError(await t.request('policy', 'PUT', '/v1/assistance-eligibility', [needsBased[0], needsBased[0]]), 400, 'VALIDATION');
    expect(issuePaths(dup)).toEqual(['body.1.id']);
    for (const role of ['caseworker', 'supervisor', 'reviewer', 'admin'] as const) {
      expectError(await t.request(role, 'PUT', '/v1/assistance-eligibility', needsBased), 403, 'FORBIDDEN');
    }
  });

  it('the stored versions are append-only in the database', async () => {
    await t.request('policy', 'PUT', '/v1/assistance-eligibility', needsBased);
    const client = t.app.services.repos.db.$client;
    expect(() => client.prepare("update assistance_eligibility set recorded_by = 'x'").run()).toThrow(/append-only/);
    expect(() => client.prepare('delete from assistance_eligibility').run()).toThrow(/append-only/);
  });
});

describe('GET /v1/audit decides a child\'s record by the confirmed age assessment too (KP-AGE-04, KP-DATA-01)', () => {
  it('a person recorded as an adult whose assessment finds a child: her records are redacted for a reviewer, and stay as stored for a caseworker', async () => {
    const a = await testApp({ now: () => NOW });
    try {
      const registered = await a.request('caseworker', 'POST', '/v1/cases', adultWoman);
      const id = registered.body.id as string;
      const assessment = {
        methods: ['interview', 'documents'],
        dateOfBirth: { earliest: '2009-01-01', latest: '2010-06-30', method: 'holistic', confidence: 'medium' },
        assessors: [{ name: 'A', discipline: 'social_work' }, { name: 'B', discipline: 'paediatrics' }],
      };
      const before = (await a.request('reviewer', 'GET', '/v1/audit')).body.items as Array<{ caseId: string; type: string; redacted?: boolean }>;
      expect(before.find((r) => r.caseId === id && r.type === 'CASE_REGISTERED')?.redacted).toBeFalsy();
      expect((await a.command('caseworker', id, 'age_assessment', 'RECORD_AGE', assessment)).status).toBe(200);
      expect((await a.command('supervisor', id, 'age_assessment', 'CONFIRM')).status).toBe(200);
      const after = (await a.request('reviewer', 'GET', '/v1/audit')).body.items as Array<{ caseId: string; type: string; redacted?: boolean; data: { person?: { names?: unknown } } }>;
      const registration = after.find((r) => r.caseId === id && r.type === 'CASE_REGISTERED')!;
      expect(registration.redacted).toBe(true);
      expect(JSON.stringify(after)).not.toContain('Amina');
      // The caseworker working the case sees it as stored (GET /v1/audit is for reviewers and admins).
      const asCaseworker = (await a.request('caseworker', 'GET', `/v1/cases/${id}/history`)).body.items as Array<{ type: string; redacted?: boolean }>;
      expect(asCaseworker.find((r) => r.type === 'CASE_REGISTERED')?.redacted).toBeFalsy();
      expect(JSON.stringify(asCaseworker)).toContain('Amina');
    } finally {
      await a.close();
    }
  });
});

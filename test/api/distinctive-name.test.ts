import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { EvidenceInput, PatchCase, RegisterCase } from '../../workflows/caseFile.ts';
import { allLatest } from '../../workflows/index.ts';
import { adultWoman, testApp } from '../support/app.ts';
import { sample, type SampleOptions } from '../support/sampleData.ts';
import { signIn } from '../support/web.ts';
import type { TestApp } from './helpers.ts';
import { openRecords } from '../../src/engine/views.ts';

/**
 * KP-DATA-01, issue 10.8: a child registered with a distinctive name, which is then written into
 * every identifying and free-text field of every schema the API takes (registration, PATCH,
 * evidence, a command of every type of every workflow, each in two variants that reach every
 * union's plain and structured forms, valid where the generator can make it so; refused, invalid
 * and pending commands included) and every justification. Her mother's case, linked to hers, gets
 * the name in its free text. The name must never reach a reviewer, a data protection officer,
 * policy or admin — case, list, search, history, audit, tasks, a dry run, the reviewers' pages and
 * the JSON export — nor the log, while a caseworker sees it.
 */
const GIVEN = 'Zzyzxa';
const FAMILY = 'Quokkaberg';
const NAME = `${GIVEN} ${FAMILY}`;
const MOTHER = 'Mothermarkerfamily';
const NOW = '2026-06-01T10:00:00.000Z';
const HIDDEN_FROM = ['reviewer', 'data_protection_officer', 'policy', 'admin'] as const;

let t: TestApp;
let child: { id: string };
let mother: { id: string };
const statuses: Array<{ what: string; status: number }> = [];

const leaks = (text: string): string[] => [GIVEN, FAMILY].filter((m) => text.includes(m));

const options = (variant: SampleOptions['variant'], ids: { evidence: string; linked: string }): SampleOptions => ({
  mark: NAME,
  variant,
  plain: [ids.evidence, ids.linked, 'FR', '2026-05-01', '2026-05-01T10:00:00.000Z', 'informed_consent', 'person.sex', 'code-1'],
});

async function version(id: string): Promise<number> {
  return (await t.request('caseworker', 'GET', `/v1/cases/${id}`)).body.version;
}

/** Sends every command of every workflow with generated data to a case; returns nothing, records the statuses. */
async function everyCommand(caseId: string, ids: { evidence: string; linked: string }, onlyFreeText: boolean): Promise<void> {
  for (const def of allLatest()) {
    for (const [type, spec] of Object.entries(def.commands)) {
      // A seal is final and takes the case from every reader but the DPO: it is sent to a case of its own (below).
      if (def.kind === 'case' && type === 'SEAL') continue;
      for (const variant of ['first', 'last'] as const) {
        const o = options(variant, ids);
        // On the mother's (an adult's) case the name goes into her free text only: her identifying fields are her own.
        const data = sample(spec.data as z.ZodType, onlyFreeText ? { ...o, identifyingMark: `${MOTHER} ident` } : o) as Record<string, unknown>;
        const role = spec.roles[0]!;
        const res = await t.request(role, 'POST', `/v1/cases/${caseId}/commands`, { workflow: def.kind, type, data, justification: `${NAME} (justification)` }, { 'if-match': String(await version(caseId)) });
        statuses.push({ what: `${def.kind}.${type} ${variant}`, status: res.status });
      }
    }
  }
  // A second approval's answer with the name in its reason, where nothing waits (an invalid transition, recorded).
  const res = await t.request('supervisor', 'POST', `/v1/cases/${caseId}/commands`, { workflow: 'screening', type: 'REJECT_PENDING', data: { reason: NAME } }, { 'if-match': String(await version(caseId)) });
  statuses.push({ what: 'screening.REJECT_PENDING', status: res.status });
}

beforeAll(async () => {
  t = await testApp({ now: () => NOW });
  const plain = { evidence: 'ev-zq-1', linked: '00000000-0000-4000-8000-000000000000' };
  // The child: registered with the name everywhere it can go, a girl of 9.
  const registration = sample(RegisterCase, options('first', plain)) as Record<string, any>;
  registration['person'] = { ...registration['person'], names: [{ given: GIVEN, family: FAMILY, script: 'latin' }], sex: 'female', dateOfBirth: { exact: '2017-02-03' }, nationalities: [{ state: 'FR', status: 'claimed' }], vulnerabilities: [] };
  registration['familyLinks'] = [];
  const c = await t.request('caseworker', 'POST', '/v1/cases', registration);
  expect(c.status, JSON.stringify(c.body)).toBe(201);
  child = c.body;
  // Her mother, linked to her; the mother's own name is not the child's.
  const m = await t.request('caseworker', 'POST', '/v1/cases', { ...adultWoman, person: { ...adultWoman.person, names: [{ given: 'Amina', family: MOTHER, script: 'latin' }] }, familyLinks: [{ caseId: child.id, relation: 'child' }] });
  expect(m.status, JSON.stringify(m.body)).toBe(201);
  mother = m.body;
  // PATCH: every field of the patch, the name in each identifying and free-text one (an age range this time).
  const patch = sample(PatchCase, options('last', plain)) as Record<string, any>;
  patch['person'] = { ...patch['person'], names: [{ given: GIVEN, family: FAMILY, script: 'latin' }], dateOfBirth: { earliest: '2016-01-01', latest: '2017-06-01', method: NAME, confidence: 'medium' }, sex: 'female' };
  delete patch['familyLinks'];
  const p = await t.request('caseworker', 'PATCH', `/v1/cases/${child.id}`, patch, { 'if-match': String(await version(child.id)) });
  statuses.push({ what: 'PATCH', status: p.status });
  // Evidence: kind, summary and source hold the name.
  for (const [i, variant] of (['first', 'last'] as const).entries()) {
    const ev = { ...(sample(EvidenceInput, options(variant, plain)) as Record<string, unknown>), id: `ev-zq-${i + 1}` };
    const e = await t.request('caseworker', 'POST', `/v1/cases/${child.id}/evidence`, ev);
    expect(e.status, JSON.stringify(e.body)).toBe(201);
  }
  const motherEvidence = await t.request('caseworker', 'POST', `/v1/cases/${mother.id}/evidence`, { id: 'ev-m-1', kind: `${NAME} kind`, summary: `${NAME} was with her mother`, concerns: 'family_member', source: `${NAME} source`, at: '2026-05-01' });
  expect(motherEvidence.status).toBe(201);
  await everyCommand(child.id, { evidence: 'ev-zq-1', linked: mother.id }, false);
  await everyCommand(mother.id, { evidence: 'ev-m-1', linked: child.id }, true);
  // case.SEAL with the name in its reason, on a third child's case (a seal would hide the two above from the caseworker).
  const third = await t.request('caseworker', 'POST', '/v1/cases', { ...registration, familyLinks: [] });
  expect(third.status).toBe(201);
  const sealed = await t.request('data_protection_officer', 'POST', `/v1/cases/${third.body.id}/commands`, { workflow: 'case', type: 'SEAL', data: { reason: `${NAME} (seal reason)` }, justification: `${NAME} (justification)` }, { 'if-match': String(third.body.version) });
  statuses.push({ what: 'case.SEAL', status: sealed.status });
}, 240_000);

afterAll(async () => {
  await t?.close();
});

/** Every answer a reader gets about the two cases. */
async function answersFor(role: (typeof HIDDEN_FROM)[number] | 'caseworker'): Promise<Array<{ what: string; status: number; body: string }>> {
  const out: Array<{ what: string; status: number; body: string }> = [];
  const get = async (url: string) => {
    const res = await t.request(role, 'GET', url);
    out.push({ what: `GET ${url}`, status: res.status, body: res.raw.body });
    return res;
  };
  for (const id of [child.id, mother.id]) {
    await get(`/v1/cases/${id}`);
    await get(`/v1/cases/${id}/history`);
    await get(`/v1/cases/${id}/reads`);
  }
  await get('/v1/cases?limit=200');
  await get(`/v1/cases?q=${GIVEN}`);
  await get(`/v1/cases?q=${FAMILY}&limit=200`);
  let cursor: string | undefined;
  do {
    const page = await get(`/v1/audit?limit=200${cursor ? `&cursor=${cursor}` : ''}`);
    cursor = page.body?.nextCursor ?? undefined;
  } while (cursor);
  await get('/v1/tasks?limit=500');
  for (const id of [child.id, mother.id]) {
    const sim = await t.request(role, 'POST', '/v1/simulate', { caseId: id, commands: [{ workflow: 'screening', type: 'START' }, { workflow: 'case', type: 'CLOSE', data: { reason: 'a dry run' } }] });
    out.push({ what: `POST /v1/simulate ${id}`, status: sim.status, body: sim.raw.body });
  }
  const cookie = await signIn(t.app, t.users[role].token);
  const pages = ['/ui/cases', `/ui/cases?q=${GIVEN}`, '/ui/audit', ...[child.id, mother.id].flatMap((id) => [`/ui/cases/${id}`, `/ui/cases/${id}/print`, `/ui/cases/${id}/history.json`])];
  for (const url of pages) {
    const res = await t.app.inject({ url, headers: { cookie } });
    // The search form and the language links show back what the reader typed: that is not the case's data.
    out.push({ what: `GET ${url}`, status: res.statusCode, body: res.body.replaceAll(`value="${GIVEN}"`, 'value=""').replaceAll(`q=${GIVEN}`, 'q=') });
  }
  return out;
}

describe('a child\'s distinctive name in every field of every schema (KP-DATA-01, issue 10.8)', () => {
  it('was written: the engine took the registration, PATCH, evidence and commands without a server error', () => {
    expect(statuses.filter((s) => s.status >= 500)).toEqual([]);
    expect(statuses.length).toBeGreaterThan(100);
    // Some commands are applied, some refused, some invalid: all of them are recorded.
    const stored = t.app.services.repos.audit.list({ caseId: child.id });
    expect(new Set(stored.map((r) => r.result))).toEqual(new Set(['applied', 'refused']));
    // Stored sealed under the child's key (docs/erasure.md); the engine's view layer opens it.
    expect(JSON.stringify(stored)).not.toContain(GIVEN);
    expect(JSON.stringify(openRecords(t.app.services.repos, stored))).toContain(GIVEN);
  });

  it('a caseworker sees it', async () => {
    const answers = await answersFor('caseworker');
    const file = answers.find((a) => a.what === `GET /v1/cases/${child.id}`)!;
    expect(file.status).toBe(200);
    expect(leaks(file.body)).toEqual([GIVEN, FAMILY]);
    expect(leaks(answers.filter((a) => a.what.includes('/history')).map((a) => a.body).join('\n'))).toEqual([GIVEN, FAMILY]);
  });

  for (const role of HIDDEN_FROM) {
    it(`never reaches ${role}: case, list, search, history, audit, tasks, dry runs, the reviewers' pages and the export`, async () => {
      const answers = await answersFor(role);
      expect(answers.length).toBeGreaterThan(15);
      const around = (body: string) => { const i = Math.max(body.indexOf(GIVEN), body.indexOf(FAMILY)); return body.slice(Math.max(0, i - 300), i + 60); };
      const leaking = answers.filter((a) => leaks(a.body).length > 0).map((a) => `${a.what} (${a.status}): …${around(a.body)}`);
      expect(leaking).toEqual([]);
      expect(answers.filter((a) => a.status >= 500).map((a) => a.what)).toEqual([]);
    }, 60_000);
  }

  it('policy and admin see no adult\'s identity either; a reviewer does', async () => {
    const reviewer = (await t.request('reviewer', 'GET', `/v1/cases/${mother.id}`)).raw.body;
    expect(reviewer).toContain(MOTHER);
    for (const role of ['policy', 'admin'] as const) {
      const res = await t.request(role, 'GET', `/v1/cases/${mother.id}`);
      expect(res.raw.body, role).not.toContain(MOTHER);
      expect(res.raw.body, role).not.toContain('P1234567');
      const audit = await t.request(role, 'GET', `/v1/audit?caseId=${mother.id}&limit=200`);
      expect(audit.raw.body, role).not.toContain(MOTHER);
    }
  });

  it('never reaches the log', () => {
    expect(leaks(t.logs.join('\n'))).toEqual([]);
  });
});

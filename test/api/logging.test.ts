import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boy, goodInterview, testApp, victimAssessment } from '../support/app.ts';
import type { TestApp } from './helpers.ts';

/**
 * Logging (DESIGN.md "Conventions"): one line per request, and never a name, date of birth,
 * document number or free text about a person.
 */
const SECRETS = {
  given: 'Zuleikha',
  family: 'Quraishimarker',
  arabic: 'زليخة',
  dob: '1991-07-23',
  childDob: '2015-03-17',
  document: 'X9876543Q',
  placeOfBirth: 'Placeofbirthmarker',
  summary: 'Evidencesummarymarker she was coerced',
  justification: 'Justificationmarker free text about her',
  reason: 'Returnreasonmarker needs more detail on her family',
  newName: 'Renamedmarker',
};

const person = {
  person: {
    names: [{ given: SECRETS.given, family: SECRETS.family, script: 'latin' }, { given: SECRETS.arabic, family: '', script: 'arabic' }],
    sex: 'female',
    dateOfBirth: { exact: SECRETS.dob },
    placeOfBirth: SECRETS.placeOfBirth,
    nationalities: [{ state: 'FR', status: 'claimed' }],
    documents: [{ type: 'passport', number: SECRETS.document, issuer: 'FR' }],
    vulnerabilities: ['sgbv_survivor'],
  },
  location: { kind: 'camp', name: 'Al-Hol', state: 'SY', closed: true },
};

let t: TestApp;
let sent = 0;
const request: TestApp['request'] = async (...args) => {
  sent += 1;
  return t.request(...args);
};
async function command(as: Parameters<TestApp['request']>[0] & string, caseId: string, workflow: string, type: string, data?: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const current = await request('caseworker', 'GET', `/v1/cases/${caseId}`);
  return request(as, 'POST', `/v1/cases/${caseId}/commands`, { workflow, type, ...(data ? { data } : {}), ...extra }, { 'if-match': String(current.body.version) });
}

beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.close();
});

describe('logs', () => {
  it('carry one line per request and no personal data', async () => {
    const mother = await request('caseworker', 'POST', '/v1/cases', person);
    expect(mother.status).toBe(201);
    const id = mother.body.id as string;
    const child = await request('caseworker', 'POST', '/v1/cases', { ...boy(SECRETS.childDob), person: { ...boy(SECRETS.childDob).person, names: [{ given: SECRETS.given, family: SECRETS.family, script: 'latin' }] }, familyLinks: [{ caseId: id, relation: 'mother' }] });
    expect(child.status).toBe(201);

    expect((await request('caseworker', 'POST', `/v1/cases/${id}/evidence`, { kind: 'statement', summary: SECRETS.summary, concerns: 'own_conduct', source: 'interview', at: '2024-01-01' })).status).toBe(201);
    expect((await command('caseworker', id, 'screening', 'START', undefined, { justification: SECRETS.justification })).status).toBe(200);
    expect((await command('caseworker', id, 'screening', 'RECORD_INTERVIEW', { ...goodInterview, language: SECRETS.justification })).status).toBe(200);
    expect((await command('caseworker', id, 'screening', 'RECORD_ASSESSMENT', { ...victimAssessment, ageGenderConsiderations: SECRETS.justification, referrals: ['sgbv_support'], sgbvReferralConsent: true })).status).toBe(200);
    expect((await command('caseworker', id, 'screening', 'SUBMIT')).status).toBe(200);
    expect((await command('supervisor', id, 'screening', 'RETURN', { reason: SECRETS.reason })).status).toBe(200);
    // Refused and invalid requests carrying personal data.
    expect((await command('caseworker', id, 'screening', 'RETURN', { reason: SECRETS.reason })).status).toBe(403);
    expect((await command('supervisor', id, 'screening', 'RETURN', { reason: SECRETS.reason })).status).toBe(422);
    expect((await command('caseworker', id, 'screening', 'RECORD_INTERVIEW', { language: SECRETS.justification })).status).toBe(400);
    expect((await request('caseworker', 'POST', '/v1/cases', { ...person, person: { ...person.person, sex: SECRETS.given } })).status).toBe(400);
    expect((await request('caseworker', 'POST', '/v1/cases', `{"person": {"names": [{"given": "${SECRETS.given}"`)).status).toBe(400);
    expect((await request(null, 'POST', '/v1/cases', person)).status).toBe(401);
    const current = await request('caseworker', 'GET', `/v1/cases/${id}`);
    expect((await request('caseworker', 'PATCH', `/v1/cases/${id}`, { person: { names: [{ given: SECRETS.newName, family: SECRETS.family, script: 'latin' }] } }, { 'if-match': String(current.body.version) })).status).toBe(200);
    // Searches and reads that return personal data.
    expect((await request('caseworker', 'GET', `/v1/cases?q=${SECRETS.family}&nationality=FR`)).status).toBe(200);
    expect((await request('reviewer', 'GET', `/v1/cases/${id}/history`)).status).toBe(200);
    expect((await request('reviewer', 'GET', `/v1/audit?limit=200`)).status).toBe(200);

    const text = t.logs.join('');
    for (const [what, secret] of Object.entries(SECRETS)) expect(text, `${what} leaked into the logs`).not.toContain(secret);
    expect(text).not.toContain(t.users.caseworker.token);

    const lines = t.logs.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
    const requestLines = lines.filter((l) => l['msg'] === 'request');
    expect(requestLines).toHaveLength(sent);
    expect(lines).toHaveLength(sent);
    for (const l of requestLines) {
      expect(l).toMatchObject({ method: expect.any(String), path: expect.stringMatching(/^\//), status: expect.any(Number), ms: expect.any(Number) });
      expect(String(l['path'])).not.toContain('?');
      expect(l).not.toHaveProperty('body');
    }
    expect(requestLines.map((l) => l['status'])).toEqual(expect.arrayContaining([200, 201, 400, 401, 403, 422]));
  });
});

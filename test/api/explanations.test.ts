import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boy, testApp } from '../support/app.ts';
import { auditRows, type TestApp } from './helpers.ts';
import { register } from '../support/flows.ts';

/** Structured verdicts through the API (issue 16.1): code + params stored, the reason rendered in the caller's language. */
const NOW = '2026-06-01T10:00:00.000Z';
let t: TestApp;
beforeAll(async () => {
  t = await testApp({ now: () => NOW });
});
afterAll(async () => {
  await t.close();
});

const singleMethod = {
  methods: ['wrist_xray'],
  dateOfBirth: { earliest: '2008-01-01', latest: '2009-06-30', method: 'holistic', confidence: 'medium' },
  assessors: [{ name: 'A', discipline: 'social_work' }, { name: 'B', discipline: 'paediatrics' }],
};

async function refusedAgeAssessment(): Promise<{ caseId: string; seq: number }> {
  const caseId = await register(t, boy());
  const current = await t.request('caseworker', 'GET', `/v1/cases/${caseId}`);
  const r = await t.request('caseworker', 'POST', `/v1/cases/${caseId}/commands`, { workflow: 'age_assessment', type: 'RECORD_AGE', data: singleMethod }, { 'if-match': String(current.body.version), 'accept-language': 'ar-EG,en;q=0.5' });
  expect(r.status).toBe(422);
  const v = r.body.error.details.verdicts.find((x: { rule: string }) => x.rule === 'KP-AGE-04');
  expect(v).toMatchObject({
    rule: 'KP-AGE-04',
    ok: false,
    code: 'KP-AGE-04.single_method',
    params: { methods: ['wrist_xray'] },
    reason: 'لا يكفي أسلوب واحد (تصوير المعصم بالأشعة) للبتّ في العمر: يلزم تقييم شامل متعدد التخصصات',
    toAllow: [{ code: 'KP-AGE-04.allow_methods', text: 'أسلوبان للتقييم على الأقل، لا تكون كلها طبية' }],
  });
  return { caseId, seq: r.body.error.details.auditSeq };
}

describe('verdicts in the caller\'s language', () => {
  it('a refusal answers in Arabic; the audit record stores code and params, not the text; history renders it per request', async () => {
    const { caseId, seq } = await refusedAgeAssessment();
    const row = auditRows(t).find((x) => x.seq === seq)!;
    const stored = (row.verdicts as Array<Record<string, unknown>>).find((v) => v['rule'] === 'KP-AGE-04')!;
    expect(stored).toMatchObject({ code: 'KP-AGE-04.single_method', params: { methods: ['wrist_xray'] } });
    expect(stored).not.toHaveProperty('reason');

    const history = async (lang?: string) => {
      const r = await t.request('reviewer', 'GET', `/v1/cases/${caseId}/history`, undefined, lang ? { 'accept-language': lang } : {});
      expect(r.status).toBe(200);
      const record = r.body.items.find((x: { seq: number }) => x.seq === seq);
      return record.verdicts.find((v: { rule: string }) => v.rule === 'KP-AGE-04');
    };
    expect((await history('ar')).reason).toBe('لا يكفي أسلوب واحد (تصوير المعصم بالأشعة) للبتّ في العمر: يلزم تقييم شامل متعدد التخصصات');
    expect((await history()).reason).toBe('a single method (wrist X-ray) cannot decide an age: a holistic, multidisciplinary assessment is required');
    // The form the log hashes is the stored record, verbatim.
    const hashed = await t.request('reviewer', 'GET', `/v1/audit?form=hashed&limit=500`);
    expect(JSON.stringify(hashed.body)).not.toContain('تصوير المعصم');
  });

  it('`next` previews render in the request language: a rule decided on the command data says so in Arabic', async () => {
    const caseId = await register(t, boy());
    const r = await t.request('caseworker', 'GET', `/v1/cases/${caseId}`, undefined, { 'accept-language': 'ar' });
    const record = r.body.next.find((n: { workflow: string; type: string }) => n.workflow === 'age_assessment' && n.type === 'RECORD_AGE');
    expect(record.verdicts).toContainEqual(expect.objectContaining({ rule: 'KP-AGE-04', code: 'KP-AGE-04.deferred', deferred: true, reason: 'يُبتّ فيه على بيانات الأمر عند إرساله' }));
  });
});

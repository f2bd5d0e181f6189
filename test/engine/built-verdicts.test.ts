import { afterEach, describe, expect, it } from 'vitest';
import { adultWoman, testApp } from '../support/app.ts';
import { ok, refused, register, type T } from '../support/flows.ts';
import { localizeVerdict } from '../../workflows/rules/explain.ts';

/**
 * The verdicts the engine builds itself, outside a rule's check, are structured like a rule's
 * (issue 16.1): a code, params free of names, facts, and on a refusal what would allow it — and
 * render in the caller's language.
 */
let t: T;
afterEach(async () => t.close());

const verified = [{ state: 'FR', status: 'verified' }];
const AR = { 'accept-language': 'ar' };

describe('verdicts the engine builds', () => {
  it('JOINT: a family member whose workflow cannot take the command names the member by case reference, the command and the state', async () => {
    t = await testApp();
    const sister = await register(t, { ...adultWoman, person: { ...adultWoman.person, nationalities: verified } });
    const member = await register(t, { ...adultWoman, person: { ...adultWoman.person, nationalities: verified }, familyLinks: [{ caseId: sister, relation: 'sibling' }] });
    ok(await t.command('caseworker', member, 'repatriation', 'PLAN', { destination: 'FR', withFamily: [] }));
    const reference = (await t.request('caseworker', 'GET', `/v1/cases/${member}`)).body.reference;
    const joint = refused(await t.command('caseworker', sister, 'repatriation', 'PLAN', { destination: 'FR', withFamily: [member] })).find((v) => v.rule === 'JOINT');
    expect(joint).toMatchObject({
      ok: false,
      case: member,
      code: 'JOINT.member_cannot_move',
      params: { type: 'PLAN', case: reference, state: 'planning' },
      reason: `“plan the return” (PLAN) means nothing for member ${reference} in state “planning”`,
      facts: ['repatriation.state'],
      toAllow: [{ code: 'JOINT.allow_member_moved', params: { type: 'PLAN', case: reference } }],
    });
    expect(localizeVerdict(joint, 'ar')!.reason).toBe(`لا معنى للأمر «تخطيط العودة» بالنسبة إلى الفرد ${reference} من الأسرة وهو في الحالة «قيد التخطيط»`);
  });

  it('KP-SYS-03: a proposer holding the awaited role still cannot confirm their own proposal; a second approver would', async () => {
    t = await testApp();
    const both = t.extra('both-roles', 'caseworker', 'supervisor');
    const mother = await register(t, { ...adultWoman, person: { ...adultWoman.person, nationalities: verified } });
    ok(await t.command('caseworker', mother, 'repatriation', 'PLAN', { destination: 'FR', withFamily: [] }));
    const proposed = await t.command(both, mother, 'repatriation', 'CANCEL', { reason: 'the person asked to stay', ground: 'family_request' }, { justification: 'written request of the person' });
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(202);
    const current = await t.request('caseworker', 'GET', `/v1/cases/${mother}`);
    const own = await t.request(both, 'POST', `/v1/cases/${mother}/commands`, { workflow: 'repatriation', type: 'CONFIRM_PENDING', data: { pendingId: proposed.body.pending.id } }, { 'if-match': String(current.body.version), ...AR });
    expect(refused(own)).toEqual([
      expect.objectContaining({
        rule: 'KP-SYS-03',
        code: 'KP-SYS-03.own_proposal',
        reason: 'لا يجوز لمقدّم الاقتراح أن يؤكّد اقتراحه بنفسه: يجب أن يؤكّده مستخدم آخر',
        toAllow: [{ code: 'KP-SYS-03.second_approver', params: { role: 'supervisor' }, text: 'موافق ثانٍ يحمل دور مشرف' }],
      }),
    ]);
    ok(await t.command('supervisor', mother, 'repatriation', 'CONFIRM_PENDING', { pendingId: proposed.body.pending.id }));
  });

  it('KP-HUM-01 and KP-CHILD-06 on an assistance-eligibility configuration: the field, the concept and the kind of aid, in Arabic too', async () => {
    t = await testApp();
    const put = (field: string, headers: Record<string, string> = {}) =>
      t.request('policy', 'PUT', '/v1/assistance-eligibility', [{ id: 'r1', assistance: 'food', criteria: [{ field, operator: 'exists' }] }], headers);
    const [screening] = refused(await put('screening.outcome', AR));
    expect(screening).toMatchObject({
      rule: 'KP-HUM-01',
      code: 'KP-HUM-01.config_forbidden',
      params: { assistance: 'food', concept: 'screening_result', field: 'screening.outcome' },
      facts: ['body.0.criteria.0.field'],
      reason: 'لا يجوز أن تتوقف الأهلية للمساعدة (الغذاء) على نتيجة الفرز (الحقل screening.outcome): تُقدَّم المساعدة الأساسية دون تمييز',
      toAllow: [{ code: 'KP-HUM-01.allow_config_needs', params: { field: 'screening.outcome' } }],
    });
    const [consent] = refused(await put('consent.status'));
    expect(consent).toMatchObject({
      rule: 'KP-CHILD-06',
      code: 'KP-CHILD-06.config_consent',
      params: { assistance: 'food', field: 'consent.status' },
      reason: 'food eligibility may not depend on consent (field consent.status): consent is never a condition of aid or services',
      toAllow: [{ code: 'KP-CHILD-06.allow_config_without_consent' }],
    });
    const stored = await put('person.vulnerabilities');
    expect(stored.status).toBe(200);
    const record = t.app.services.repos.audit.list({}).find((r) => r.seq === stored.body.auditSeq)!;
    const verdicts = record.verdicts as Array<Record<string, unknown>>;
    expect(verdicts).toEqual([expect.objectContaining({ rule: 'KP-HUM-01', ok: true, code: 'KP-HUM-01.config_needs_only' })]);
    expect(verdicts[0]).not.toHaveProperty('reason');
  });
});

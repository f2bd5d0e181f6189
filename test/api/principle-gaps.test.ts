import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASE_FILE_MEANINGS, WORKFLOW_MEANINGS } from '../../workflows/assistance.ts';
import { Location, Person } from '../../workflows/caseFile.ts';
import { testApp } from '../support/app.ts';
import { addEvidence, approveBid, failedRules, getCase, ok, person, register, screen, type T } from '../support/flows.ts';
import { expectError, issuePaths } from './helpers.ts';

/**
 * Issue 12.1–12.7, each item both ways through the API: what the principles still demanded and
 * the rules did not enforce (derived unaccompanied status, referral and consular timers, the
 * fair-trial checklist before closing, eligibility by meaning, consent never a condition of aid,
 * closed vocabularies where rules compare words).
 */

let now = '2026-06-01T10:00:00.000Z';
let t: T;
let panel: Array<{ id: string; token: string }>;
beforeAll(async () => {
  t = await testApp({ now: () => now });
  panel = [t.users.bid_panel, t.extra('panel-2', 'bid_panel'), t.extra('panel-3', 'bid_panel')];
});
afterAll(() => t.close());

const community = { kind: 'community', name: 'Lyon', state: 'FR' };
const boy = () => person('Yusuf', 'male', { exact: '2017-03-01' });
const woman = (given = 'Amina', location?: Record<string, unknown>) => person(given, 'female', { exact: '1994-02-11' }, {}, location);
const tasks = async (caseId: string, role?: string) =>
  ((await t.request('reviewer', 'GET', `/v1/tasks${role ? `?role=${role}` : ''}`)).body.items as Array<Record<string, any>>).filter((x) => x.caseId === caseId);
const verdict = (res: { body: any }, rule: string) => (res.body.verdicts ?? res.body.error?.details?.checked ?? []).find((v: { rule: string }) => v.rule === rule);

describe('12.1 a child with no parent, legal guardian or caregiver in the move is unaccompanied or separated (KP-CHILD-02, -08)', () => {
  it('the case shows the derived status: unaccompanied with no family, separated with only a sibling, accompanied with a mother', async () => {
    const alone = await register(t, boy());
    expect((await getCase(t, alone)).accompaniment).toMatchObject({ status: 'unaccompanied' });
    const sister = await register(t, woman('Mariam'));
    const withSister = await register(t, { ...boy(), familyLinks: [{ caseId: sister, relation: 'sibling' }] });
    expect((await getCase(t, withSister)).accompaniment).toMatchObject({ status: 'separated' });
    const mother = await register(t, woman());
    const withMother = await register(t, { ...boy(), familyLinks: [{ caseId: mother, relation: 'mother' }] });
    expect((await getCase(t, withMother)).accompaniment).toMatchObject({ status: 'accompanied', caregivers: [mother] });
    expect((await getCase(t, mother)).accompaniment).toBeNull();
  });

  it('KP-CHILD-02: a lone child\'s return needs an approved BID; a child travelling with the mother does not', async () => {
    const alone = await register(t, boy());
    ok(await t.command('caseworker', alone, 'repatriation', 'PLAN', { destination: 'FR', withFamily: [] }));
    const lone = await t.command('supervisor', alone, 'repatriation', 'APPROVE_RETURN');
    expect(failedRules(lone)).toContain('KP-CHILD-02');
    expect(verdict(lone, 'KP-CHILD-02').reason).toMatch(/unaccompanied/);

    const mother = await register(t, woman());
    const child = await register(t, { ...boy(), familyLinks: [{ caseId: mother, relation: 'mother' }] });
    ok(await t.command('caseworker', child, 'repatriation', 'PLAN', { destination: 'FR', withFamily: [mother] }));
    const together = await t.command('supervisor', child, 'repatriation', 'APPROVE_RETURN');
    expect(verdict(together, 'KP-CHILD-02')).toMatchObject({ ok: true });
  });

  it('KP-CHILD-08: a BID for a child with no linked parent needs tracing and a guardian first; with a mother linked it does not', async () => {
    const alone = await register(t, boy());
    const refusedBid = approveBid(t, alone, panel);
    await expect(refusedBid).rejects.toThrow(/KP-CHILD-08|422/);
    const mother = await register(t, woman());
    const child = await register(t, { ...boy(), familyLinks: [{ caseId: mother, relation: 'mother' }] });
    await approveBid(t, child, panel);
  });
});

describe('12.2 a victim or SGBV indicator without its referral is chased: a due-dated task that closes on the referral and escalates (KP-SCR-03, KP-GEN-01)', () => {
  const assessment = (victimIndicators: string[], referrals: string[]) => ({ victimIndicators, referrals, affiliation: { level: 'none', evidenceIds: [] }, ageGenderConsiderations: 'female interviewer', outcome: 'victim' });
  const interview = { participants: [{ role: 'screening_officer' }], appropriateAdultPresent: false, femaleInterviewerOffered: true, language: 'fr', interpreter: false };

  it('trafficking without a referral: a caseworker task due within the SLA; overdue, a supervisor escalation; RECORD_REFERRAL closes both', async () => {
    now = '2026-06-01T10:00:00.000Z';
    const id = await register(t, woman());
    ok(await t.command('caseworker', id, 'screening', 'START'));
    ok(await t.command('caseworker', id, 'screening', 'RECORD_INTERVIEW', interview));
    const recorded = ok(await t.command('caseworker', id, 'screening', 'RECORD_ASSESSMENT', assessment(['trafficking'], [])));
    expect(verdict({ body: recorded }, 'KP-SCR-03')).toMatchObject({ ok: false, severity: 'warn' });
    const settings = (await t.request('policy', 'GET', '/v1/settings')).body;
    const due = (await tasks(id)).find((x) => x.kind === 'protection_referral');
    expect(due).toMatchObject({ role: 'caseworker', rule: 'KP-SCR-03', due: `2026-06-${String(1 + settings.referralSlaDays).padStart(2, '0')}`, overdue: false });
    expect((await tasks(id)).some((x) => x.kind === 'protection_referral_overdue')).toBe(false);

    now = '2026-07-01T10:00:00.000Z';
    expect(await tasks(id, 'supervisor')).toEqual([expect.objectContaining({ kind: 'protection_referral_overdue', rule: 'KP-SCR-03' })]);

    ok(await t.command('caseworker', id, 'screening', 'RECORD_REFERRAL', { referrals: ['trafficking_support'], provider: 'anti-trafficking NGO' }));
    expect((await tasks(id)).filter((x) => x.kind.startsWith('protection_referral'))).toEqual([]);
    now = '2026-06-01T10:00:00.000Z';
  });

  it('an SGBV indicator without an SGBV referral has its own task (KP-GEN-01); an assessment that refers at once has none', async () => {
    const id = await register(t, woman('Hiba'));
    ok(await t.command('caseworker', id, 'screening', 'START'));
    ok(await t.command('caseworker', id, 'screening', 'RECORD_INTERVIEW', interview));
    ok(await t.command('caseworker', id, 'screening', 'RECORD_ASSESSMENT', assessment(['sgbv'], [])));
    expect((await tasks(id)).find((x) => x.kind === 'sgbv_referral')).toMatchObject({ role: 'caseworker', rule: 'KP-GEN-01' });
    // Declined by the survivor: recorded as offered and declined, the task closes (survivor-centred).
    ok(await t.command('caseworker', id, 'screening', 'RECORD_REFERRAL', { referrals: ['sgbv_support'], declined: true }));
    expect((await tasks(id)).some((x) => x.kind === 'sgbv_referral')).toBe(false);

    const referred = await register(t, woman('Rana'));
    ok(await t.command('caseworker', referred, 'screening', 'START'));
    ok(await t.command('caseworker', referred, 'screening', 'RECORD_INTERVIEW', interview));
    ok(await t.command('caseworker', referred, 'screening', 'RECORD_ASSESSMENT', { ...assessment(['sgbv', 'trafficking'], ['sgbv_support', 'trafficking_support']), sgbvReferralConsent: true }));
    expect((await tasks(referred)).filter((x) => /referral/.test(x.kind))).toEqual([]);
  });

  it('RECORD_REFERRAL before any assessment means nothing (422 INVALID_TRANSITION); an empty referral list is a 400 naming data.referrals', async () => {
    const id = await register(t, woman('Dana'));
    expectError(await t.command('caseworker', id, 'screening', 'RECORD_REFERRAL', { referrals: ['mhpss'] }), 422, 'INVALID_TRANSITION');
    ok(await t.command('caseworker', id, 'screening', 'START'));
    expect(issuePaths(expectError(await t.command('caseworker', id, 'screening', 'RECORD_REFERRAL', { referrals: [] }), 400, 'VALIDATION'))).toContain('data.referrals');
  });
});

describe('12.3 consular contact is chased for every confirmed national, and for a claimed national in a closed camp or detention, with no plan needed (KP-RET-06)', () => {
  it('a claimed national in a closed camp since 2019 gets an urgent consular task without any plan; overdue it escalates; a contact moves the due date', async () => {
    now = '2026-06-01T10:00:00.000Z';
    const id = await register(t, woman('Salma', { kind: 'camp', name: 'Al-Hol', state: 'SY', closed: true, since: '2019-03-01' }));
    const [task] = (await tasks(id)).filter((x) => x.kind === 'consular_contact');
    expect(task).toMatchObject({ rule: 'KP-RET-06', priority: 'urgent', due: '2026-07-01', role: 'caseworker' });
    expect(task!.stayDays).toBeGreaterThan(365 * 7);

    now = '2026-07-15T10:00:00.000Z';
    expect((await tasks(id)).find((x) => x.kind === 'consular_contact')).toMatchObject({ role: 'supervisor', overdue: true });
    const contact = ok(await t.command('caseworker', id, 'repatriation', 'RECORD_CONSULAR_CONTACT', { state: 'FR', date: '2026-07-14', notes: 'consulate asked for the birth record' }));
    expect(contact.state).toBe('not_planned');
    expect((await tasks(id)).find((x) => x.kind === 'consular_contact')).toMatchObject({ role: 'caseworker', due: '2026-08-13', overdue: false });
    now = '2026-06-01T10:00:00.000Z';
  });

  it('priority rises with the length of stay: a recent arrival is normal', async () => {
    const id = await register(t, woman('Aya', { kind: 'camp', name: 'Roj', state: 'SY', closed: true, since: '2026-05-01' }));
    expect((await tasks(id)).find((x) => x.kind === 'consular_contact')).toMatchObject({ priority: 'normal' });
  });

  it('a confirmed national living in the community gets the task from the confirmation; a claimed national in the community and a returnee do not', async () => {
    const confirmed = await register(t, woman('Noor', community));
    ok(await t.command('caseworker', confirmed, 'nationality', 'REQUEST_VERIFICATION', { state: 'FR' }));
    ok(await t.command('supervisor', confirmed, 'nationality', 'CONFIRM', { state: 'FR', documentRef: 'FR-consulate-1' }));
    expect((await tasks(confirmed)).find((x) => x.kind === 'consular_contact')).toMatchObject({ due: '2026-07-01' });
    const claimed = await register(t, woman('Lina', community));
    expect((await tasks(claimed)).some((x) => x.kind === 'consular_contact')).toBe(false);
    const returned = await register(t, woman('Mona', { kind: 'returned', name: 'Paris', state: 'FR' }));
    expect((await tasks(returned)).some((x) => x.kind === 'consular_contact')).toBe(false);
  });
});

describe('12.4 proceedings do not close after a conviction until the fair-trial checklist is complete (KP-JUS-05)', () => {
  const charge = {
    charges: [{ offence: 'financing terrorism', category: 'support', allegedActDate: { earliest: '2015-03-01', latest: '2015-06-30' } }],
    forum: 'ordinary',
    jurisdiction: 'FR',
    counsel: { appointed: true, name: 'Me Dupont' },
    interpreter: { needed: false, provided: false },
  };
  async function convicted(given: string, outcome: 'convicted' | 'acquitted' = 'convicted') {
    const id = await register(t, woman(given));
    await screen(t, id, { victimIndicators: [], referrals: [], affiliation: { level: 'none', evidenceIds: [] }, ageGenderConsiderations: 'considered', outcome: 'victim_and_suspect' });
    const evidence = await addEvidence(t, id, { kind: 'financial', summary: 'bank transfers to a listed group', concerns: 'own_conduct', tortureAllegation: 'none', source: 'bank', at: '2016-01-01' }, 'legal_officer');
    ok(await t.command('legal_officer', id, 'legal', 'OPEN_INVESTIGATION', { evidenceIds: [evidence] }));
    ok(await t.command('legal_officer', id, 'legal', 'CHARGE', charge));
    ok(await t.command('legal_officer', id, 'legal', 'RECORD_JUDGMENT', { outcome, ...(outcome === 'convicted' ? { sentence: { kind: 'imprisonment', months: 36 } } : {}), appealDeadline: '2026-07-01' }));
    return id;
  }

  it('after a conviction with the presumption of innocence and the information on the charges unrecorded, CLOSE is refused naming them; RECORD_FAIR_TRIAL completes the checklist and CLOSE applies', async () => {
    const id = await convicted('Samira');
    const refusedClose = await t.command('legal_officer', id, 'legal', 'CLOSE', { reason: 'sentence served' });
    expect(failedRules(refusedClose)).toEqual(['KP-JUS-05']);
    expect(verdict(refusedClose, 'KP-JUS-05').reason).toMatch(/presumption of innocence.*informed of the charges/);
    const recorded = ok(await t.command('legal_officer', id, 'legal', 'RECORD_FAIR_TRIAL', { presumptionOfInnocence: true, informedOfCharges: true }));
    expect(recorded.state).toBe('judgment');
    expect(ok(await t.command('legal_officer', id, 'legal', 'CLOSE', { reason: 'sentence served' })).state).toBe('closed');
  });

  it('RECORD_FAIR_TRIAL recording a guarantee as not respected keeps CLOSE refused; after an acquittal an incomplete checklist is only flagged', async () => {
    const id = await convicted('Layla');
    ok(await t.command('legal_officer', id, 'legal', 'RECORD_FAIR_TRIAL', { presumptionOfInnocence: false, informedOfCharges: true }));
    expect(failedRules(await t.command('legal_officer', id, 'legal', 'CLOSE', { reason: 'done' }))).toEqual(['KP-JUS-05']);
    const acquitted = await convicted('Hana', 'acquitted');
    const closed = ok(await t.command('legal_officer', acquitted, 'legal', 'CLOSE', { reason: 'acquitted' }));
    expect(verdict({ body: closed }, 'KP-JUS-05')).toMatchObject({ ok: false, severity: 'warn' });
  });
});

describe('12.5 and 12.6 eligibility criteria are checked by what they mean, and never depend on consent (KP-REH-02, KP-HUM-01, KP-CHILD-06)', () => {
  const put = (field: string) => t.request('policy', 'PUT', '/v1/assistance-eligibility', [{ id: 'r1', assistance: 'food', criteria: [{ field, operator: 'exists' }] }]);

  it('every workflow outcome path that is a screening, legal, detention or security outcome is refused; needs are accepted', async () => {
    for (const field of ['screening.outcome', 'legal.outcome', 'legal.state', 'detention.state', 'detention.outcome', 'workflows.legal.outcome', 'workflows.screening.state', 'evidence.kind', 'familyLinks.relation']) {
      const res = await put(field);
      expect(res.status, `${field}: ${JSON.stringify(res.body)}`).toBe(422);
      expect(res.body.error.details.verdicts.map((v: { rule: string }) => v.rule)).toContain('KP-HUM-01');
    }
    for (const field of ['person.sex', 'person.vulnerabilities', 'location.kind', 'age', 'householdSize', 'rehabilitation.state', 'age_assessment.outcome']) {
      expect((await put(field)).status, field).toBe(200);
    }
  });

  it('every path the eligibility language can name is judged by its meaning: each workflow (a new one must be classified), each case-file field', async () => {
    const kinds = ((await t.request('caseworker', 'GET', '/v1/workflows')).body.items as Array<{ kind: string }>).map((w) => w.kind).sort();
    expect(Object.keys(WORKFLOW_MEANINGS).sort()).toEqual(kinds);
    for (const kind of kinds) {
      const forbidden = WORKFLOW_MEANINGS[kind as keyof typeof WORKFLOW_MEANINGS] !== null;
      for (const field of [`${kind}.state`, `${kind}.outcome`, `workflows.${kind}.outcome`, `${kind}.context.anything`]) {
        const res = await put(field);
        expect(res.status, `${field}: ${JSON.stringify(res.body)}`).toBe(forbidden ? 422 : 200);
      }
    }
    const caseFields = [...Object.keys(Person.shape).map((k) => `person.${k}`), ...Object.keys(Location.shape).map((k) => `location.${k}`), ...Object.keys(CASE_FILE_MEANINGS)];
    for (const field of caseFields) {
      const root = field.split('.')[0] as keyof typeof CASE_FILE_MEANINGS;
      const forbidden = (CASE_FILE_MEANINGS[root] ?? null) !== null;
      expect((await put(field)).status, field).toBe(forbidden ? 422 : 200);
    }
  });

  it('a rehabilitation service gated on the proceedings\' outcome (legal.outcome) is refused by KP-REH-02 like screening.outcome; needs-based eligibility is accepted', async () => {
    const id = await register(t, { ...woman('Reem', { kind: 'returned', name: 'Paris', state: 'FR' }) });
    const services = (field: string) => [
      { type: 'medical', provider: 'clinic', setting: 'outpatient', eligibility: [{ field, operator: 'eq', value: 'acquitted' }] },
      { type: 'mhpss', provider: 'team', setting: 'community' },
      { type: 'legal', provider: 'legal aid', setting: 'community' },
      { type: 'family_community_reintegration', provider: 'social services', setting: 'family' },
    ];
    for (const field of ['legal.outcome', 'screening.outcome', 'detention.state']) {
      expect(failedRules(await t.command('caseworker', id, 'rehabilitation', 'CREATE_PLAN', { services: services(field), reviewDate: '2026-09-01' }))).toContain('KP-REH-02');
    }
    expect(ok(await t.command('caseworker', id, 'rehabilitation', 'CREATE_PLAN', { services: services('person.sex'), reviewDate: '2026-09-01' })).state).toBe('planned');
  });

  it('12.6 an assistance-eligibility rule that depends on a parent\'s consent status is refused (KP-CHILD-06); a service condition on the person\'s own informed consent is not', async () => {
    for (const field of ['best_interests.consents', 'best_interests.consents.status', 'consent.status', 'parentalConsent']) {
      const res = await put(field);
      expect(res.status, field).toBe(422);
      expect(res.body.error.details.verdicts).toEqual(expect.arrayContaining([expect.objectContaining({ rule: 'KP-CHILD-06', ok: false })]));
    }
    const id = await register(t, { ...woman('Sara', { kind: 'returned', name: 'Paris', state: 'FR' }) });
    const plan = (service: Record<string, unknown>) => ({
      services: [{ type: 'medical', provider: 'clinic', setting: 'outpatient', ...service }, { type: 'mhpss', provider: 'team', setting: 'community' }, { type: 'legal', provider: 'legal aid', setting: 'community' }, { type: 'family_community_reintegration', provider: 'social services', setting: 'family' }],
      reviewDate: '2026-09-01',
    });
    expect(failedRules(await t.command('caseworker', id, 'rehabilitation', 'CREATE_PLAN', plan({ eligibility: [{ field: 'best_interests.consents.status', operator: 'eq', value: 'given' }] })))).toContain('KP-CHILD-06');
    expect(failedRules(await t.command('caseworker', id, 'rehabilitation', 'CREATE_PLAN', plan({ conditions: ['parental_consent'] })))).toContain('KP-CHILD-06');
    expect(ok(await t.command('caseworker', id, 'rehabilitation', 'CREATE_PLAN', plan({ conditions: ['informed_consent'] }))).state).toBe('planned');
  });
});

describe('12.7 interview participant roles (and the other words rules compare) are closed vocabularies', () => {
  it('RECORD_INTERVIEW with participants[].role outside the vocabulary is a 400 naming the allowed values; child_protection counts as trained staff', async () => {
    const child = await register(t, boy());
    ok(await t.command('caseworker', child, 'screening', 'START'));
    const interview = (role: string) => ({ participants: [{ role: 'screening_officer' }, { role }], appropriateAdultPresent: true, femaleInterviewerOffered: true, language: 'fr', interpreter: false });
    const bad = expectError(await t.command('caseworker', child, 'screening', 'RECORD_INTERVIEW', interview('child_protection_officer')), 400, 'VALIDATION');
    expect(issuePaths(bad)).toContain('data.participants.1.role');
    expect(bad.message).toMatch(/child_protection.*screening_officer|screening_officer.*child_protection/);
    expect(verdict({ body: ok(await t.command('caseworker', child, 'screening', 'RECORD_INTERVIEW', interview('child_protection'))) }, 'KP-SCR-05')).toMatchObject({ ok: true });
  });

  it('the vocabularies are listed in the published schemas (GET /v1/workflows/screening, PANEL_DECIDE disciplines)', async () => {
    const screening = (await t.request('caseworker', 'GET', '/v1/workflows/screening')).body;
    const interview = screening.commands.find((c: { type: string }) => c.type === 'RECORD_INTERVIEW');
    expect(interview.data.properties.participants.items.properties.role.enum).toEqual(expect.arrayContaining(['child_protection', 'screening_officer', 'interpreter']));
    const bi = (await t.request('caseworker', 'GET', '/v1/workflows/best_interests')).body;
    const decide = bi.commands.find((c: { type: string }) => c.type === 'PANEL_DECIDE');
    expect(JSON.stringify(decide.data)).toContain('"interpreter"');
  });

  it('a BID panel discipline outside the vocabulary is a 400; a discipline of the vocabulary is accepted', async () => {
    const mother = await register(t, woman('Zainab'));
    const child = await register(t, { ...boy(), familyLinks: [{ caseId: mother, relation: 'mother' }] });
    ok(await t.command('caseworker', child, 'best_interests', 'START_BIA'));
    ok(await t.command('caseworker', child, 'best_interests', 'COMPLETE_BIA', { findings: 'lives with her mother', bidRequired: true }));
    ok(await t.command('caseworker', child, 'best_interests', 'PREPARE_BID', { childViews: 'wants to stay with mother', childViewsWeight: 'significant', childInformedLanguage: 'fr', familyUnity: 'together', careOptionsConsidered: ['kinship'], recommendation: { action: 'repatriate_with_family', separationInBestInterests: false }, reviewDate: '2026-09-01' }));
    ok(await t.command('caseworker', child, 'best_interests', 'SUBMIT_TO_PANEL'));
    const decide = (d: string) => ({ panel: [{ userId: panel[0]!.id, discipline: d }, { userId: panel[1]!.id, discipline: 'legal' }, { userId: panel[2]!.id, discipline: 'health' }], undertakingsSigned: true, decision: 'approve', reasons: 'in the child\'s best interests' });
    expect(issuePaths(expectError(await t.command('bid_panel', child, 'best_interests', 'PANEL_DECIDE', decide('astrology')), 400, 'VALIDATION'))).toContain('data.panel.0.discipline');
    expect(ok(await t.command('bid_panel', child, 'best_interests', 'PANEL_DECIDE', decide('social_work'))).state).toBe('bid_approved');
  });
});

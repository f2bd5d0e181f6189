import { afterAll, beforeAll, expect } from 'vitest';
import { testApp } from '../../support/app.ts';
import { ok, register, stateOf, verifyNationality, type T } from '../../support/flows.ts';

/**
 * What the journey tests share: case files, command bodies holding only the fields WORKFLOWS.md
 * names (and, apart, our optional additions), and the steps that bring a case to a point.
 */

export const NOW = '2026-06-01T10:00:00.000Z';
export const TODAY = '2026-06-01';

// One app for a file's tests (`useSharedApp()`), with a second legal officer, a second supervisor and a panel.
export let t: T;
export let lo2: { id: string; token: string };
export let sv2: { id: string; token: string };
export let panel: Array<{ id: string; token: string }>;

/** Call once at the top of a test file. */
export function useSharedApp(): void {
  beforeAll(async () => {
    t = await testApp({ now: () => NOW });
    lo2 = t.extra('legal-officer-2', 'legal_officer');
    sv2 = t.extra('supervisor-2', 'supervisor');
    panel = [t.users.bid_panel, t.extra('panel-legal', 'bid_panel'), t.extra('panel-health', 'bid_panel')];
  });
  afterAll(async () => t.close());
}

// Case files and contract-only bodies.

export type Sex = 'female' | 'male';
export const personCase = (given: string, sex: Sex, dateOfBirth: Record<string, unknown>, extra: Record<string, unknown> = {}, nationality = 'FR') => ({
  person: { names: [{ given, family: 'Haddad', script: 'latin' }], sex, dateOfBirth, nationalities: [{ state: nationality, status: 'claimed' }] },
  location: { kind: 'camp', name: 'Al-Hol', state: 'SY' },
  ...extra,
});
export const woman = (given: string, extra: Record<string, unknown> = {}) => personCase(given, 'female', { exact: '1994-02-11' }, extra);
export const childOf = (given: string, sex: Sex, dob: string, motherId: string) => personCase(given, sex, { exact: dob }, { familyLinks: [{ caseId: motherId, relation: 'mother' }] });

export const interviewWoman = { participants: [{ role: 'screening_officer' }], appropriateAdultPresent: false, femaleInterviewerOffered: true, language: 'fr', interpreter: false };
export const interviewChild = { participants: [{ role: 'screening_officer' }, { role: 'child_protection' }], appropriateAdultPresent: true, femaleInterviewerOffered: true, language: 'fr', interpreter: false };
export const assessmentWoman = {
  victimIndicators: ['coercion'],
  referrals: ['mhpss', 'legal'],
  affiliation: { level: 'none', evidenceIds: [] },
  ageGenderConsiderations: 'female interviewer, in French, without her husband present',
  outcome: 'victim',
};
export const assessmentChild = {
  victimIndicators: [],
  referrals: ['child_protection'],
  affiliation: { level: 'none', evidenceIds: [] },
  ageGenderConsiderations: 'child-friendly interview, her mother present',
  outcome: 'victim',
};

/** Screening to `completed`: the caseworker records and submits, the supervisor approves (four-eyes). */
export async function screen(id: string, child: boolean): Promise<void> {
  ok(await t.command('caseworker', id, 'screening', 'START'));
  ok(await t.command('caseworker', id, 'screening', 'RECORD_INTERVIEW', child ? interviewChild : interviewWoman));
  ok(await t.command('caseworker', id, 'screening', 'RECORD_ASSESSMENT', child ? assessmentChild : assessmentWoman));
  ok(await t.command('caseworker', id, 'screening', 'SUBMIT'));
  expect(ok(await t.command('supervisor', id, 'screening', 'APPROVE')).state).toBe('completed');
}

export const consular = { state: 'FR', date: '2026-05-28', notes: 'The consulate in Erbil confirmed identity and a seat on the return flight' };
export const arrival = { date: TODAY, receivingAgency: 'Aide sociale à l\'enfance, Seine-Saint-Denis' };
/** NOTIFY_DECISION is our addition (optional): CONFIRM_ARRIVAL without it is flagged by KP-RET-02 (WARN). */
export const notification = { notifiedAt: TODAY, language: 'fr', reviewRightsExplained: true };
/** The verdict of one rule in an applied (or pending) answer. */
export const verdictIn = (body: { verdicts: Array<{ rule: string; ok: boolean; severity: string; reason: string }> }, rule: string) => body.verdicts.find((v) => v.rule === rule);

export const womanPlan = {
  services: [
    { type: 'medical', provider: 'CHU Avicenne', setting: 'outpatient' },
    { type: 'mhpss', provider: 'community mental-health centre', setting: 'community' },
    { type: 'legal', provider: 'legal aid office', setting: 'community' },
    { type: 'family_tracing', provider: 'Red Cross family links', setting: 'community' },
    { type: 'livelihood', provider: 'employment service', setting: 'community' },
  ],
  reviewDate: '2026-09-01',
};
export const childPlan = {
  services: [
    { type: 'medical', provider: 'maternal and child health centre', setting: 'outpatient' },
    { type: 'mhpss', provider: 'child psychologist', setting: 'community' },
    { type: 'education', provider: 'local primary school', setting: 'school' },
    { type: 'legal', provider: 'children\'s lawyer', setting: 'community' },
    { type: 'family_tracing', provider: 'child welfare service', setting: 'family' },
  ],
  reviewDate: '2026-09-01',
};

export const bidContract = {
  childViews: 'She wants to stay with her mother and go to school in France',
  familyUnity: 'Mother and daughter travel together; no separation is proposed',
  careOptionsConsidered: ['kinship'],
  recommendation: { action: 'repatriate_with_family', separationInBestInterests: false },
  reviewDate: '2026-08-15',
};
/**
 * Optional (our additions): the weight of the child's views and the language she was heard in.
 * Left out, KP-CHILD-05 reads the language of her screening interview and the weight from the
 * panel's reasons at PANEL_DECIDE (see "formerly refused").
 */
export const bidExtras = {
  childViewsWeight: 'significant, consistent with her age and maturity',
  childInformedLanguage: 'fr',
};
export const consentGiven = (parentCaseId: string) => ({
  parentCaseId,
  status: 'given',
  language: 'fr',
  consequencesExplained: true,
  circumstances: { inDetention: false, coercionAbsent: true, witness: 'UNICEF child-protection officer', date: '2026-05-30' },
});
export const panelDecision = (reasons: string) => ({
  panel: panel.map((m, i) => ({ userId: m.id, discipline: ['child_protection', 'legal', 'health'][i] })),
  undertakingsSigned: true,
  decision: 'approve',
  reasons,
});

/** BIA, BID, consent and panel approval for a child with her mother. */
export async function approveBid(child: string, mother: string, bid: Record<string, unknown>, reasons: string): Promise<void> {
  ok(await t.command('caseworker', child, 'best_interests', 'START_BIA'));
  expect(ok(await t.command('caseworker', child, 'best_interests', 'COMPLETE_BIA', { findings: 'Lives with her mother in the camp and is attached to her; no other kin there', bidRequired: true })).state).toBe('bid_preparation');
  ok(await t.command('caseworker', child, 'best_interests', 'PREPARE_BID', bid));
  expect(ok(await t.command('caseworker', child, 'best_interests', 'SUBMIT_TO_PANEL')).state).toBe('panel_review');
  ok(await t.command('caseworker', child, 'best_interests', 'RECORD_CONSENT', consentGiven(mother)));
  expect(ok(await t.command('bid_panel', child, 'best_interests', 'PANEL_DECIDE', panelDecision(reasons))).state).toBe('bid_approved');
}

export async function addEvidence(id: string, summary: string, at = '2026-03-10'): Promise<string> {
  const r = await t.request('legal_officer', 'POST', `/v1/cases/${id}/evidence`, { kind: 'document', summary, concerns: 'own_conduct', tortureAllegation: 'none', source: 'financial intelligence unit report', at });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.id as string;
}

export const chargeContract = {
  charges: [{ offence: 'financing a terrorist enterprise', category: 'support', allegedActDate: { earliest: '2015-03-01', latest: '2015-12-31' } }],
  forum: 'ordinary',
  jurisdiction: 'FR',
  counsel: { appointed: true, name: 'Me Claire Dupont' },
  interpreter: { needed: false, provided: false },
};
/** Optional (our additions): left out, KP-JUS-05 flags them as not recorded (WARN); recorded false, it refuses. */
export const chargeExtras = {
  presumptionOfInnocence: true,
  informedOfCharges: true,
};
export const convictionContract = { outcome: 'convicted', sentence: { kind: 'imprisonment', months: 60 }, appealDeadline: '2026-06-11' };

export const detainContract = {
  facility: { name: 'Fresnes women\'s remand unit', kind: 'pretrial_centre' },
  legalBasis: { kind: 'pretrial', reference: 'Code of Criminal Procedure art. 144; order of the liberty judge of 1 June 2026' },
  grounds: ['suspected_offence', 'flight_risk'],
  alternativesConsidered: [{ alternative: 'judicial supervision', whyUnsuitable: 'no fixed address in France yet' }],
  separateFromAdults: true,
  maxEnd: '2026-12-01',
  reviewDueAt: '2026-06-14',
};

/** A woman screened, investigated on her own evidence and charged before an ordinary court (the contract's CHARGE fields). */
export async function chargedWoman(given: string, extra: Record<string, unknown> = {}): Promise<{ id: string; evidence: string }> {
  const id = await register(t, woman(given, extra));
  await screen(id, false);
  const evidence = await addEvidence(id, 'Bank records: she transferred 3,000 EUR to a listed group in 2015');
  ok(await t.command('legal_officer', id, 'legal', 'OPEN_INVESTIGATION', { evidenceIds: [evidence] }));
  expect(ok(await t.command('legal_officer', id, 'legal', 'CHARGE', chargeContract)).state).toBe('charged');
  return { id, evidence };
}

/** A verified French national, screened, with a plan to return to France. */
export async function plannedNational(given: string): Promise<string> {
  const id = await register(t, woman(given));
  await screen(id, false);
  await verifyNationality(t, id, 'FR');
  ok(await t.command('caseworker', id, 'repatriation', 'PLAN', { destination: 'FR', withFamily: [] }));
  return id;
}

export const refusalContract = {
  reason: 'The State declines to repatriate adult nationals at this time',
  legalBasis: 'Ministerial decision of 20 May 2026 on returns from north-east Syria',
  reviewRoute: 'Council of State (application for annulment)',
};
/** Optional (our additions): left out, KP-RET-04 reads the aim and the proportionality from the justification. */
export const refusalExtras = {
  legitimateAim: 'national security',
  necessityAndProportionality: 'stated as necessary pending an individual security assessment',
};
export const refusalJustification = { justification: 'The State refused in writing; recorded so that the refusal can be reviewed by the Council of State' };

export async function statusAndState(id: string, workflow: string, instance = '') {
  return stateOf(t, id, workflow, instance);
}


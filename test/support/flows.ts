import { expect } from 'vitest';
import { goodInterview, victimAssessment, type testApp } from './app.ts';

/**
 * Reusable API steps for end-to-end tests (the command data follow the machine schemas; the
 * scenario YAML files show the same shapes). Every step asserts its own answer.
 */
export type T = Awaited<ReturnType<typeof testApp>>;
type Res = { status: number; body: any };
type Who = Parameters<T['command']>[0];

/** Asserts an applied command (200) and returns its body. */
export function ok(res: Res): any {
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body.applied).toBe(true);
  return res.body;
}

/** Asserts a rules refusal (422 RULES_REFUSED) and returns its failed verdicts. */
export function refused(res: Res): Array<{ rule: string; ok: boolean; reason: string; severity: string; case?: string }> {
  expect(res.status, JSON.stringify(res.body)).toBe(422);
  expect(res.body.error.code).toBe('RULES_REFUSED');
  return res.body.error.details.verdicts;
}

export const failedRules = (res: Res): string[] => refused(res).map((v) => v.rule);

/** Registers a case (a caseworker, by default the fixture's) and returns its id; asserts the 201. */
export async function register(t: T, body: Record<string, unknown>, as: Who = 'caseworker'): Promise<string> {
  const r = await t.request(as, 'POST', '/v1/cases', body);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.id as string;
}

export async function getCase(t: T, id: string): Promise<any> {
  const r = await t.request('caseworker', 'GET', `/v1/cases/${id}`);
  expect(r.status).toBe(200);
  return r.body;
}

export async function stateOf(t: T, id: string, kind: string, instance = ''): Promise<string | undefined> {
  const c = await getCase(t, id);
  return c.workflows.find((w: { kind: string; instance: string }) => w.kind === kind && w.instance === instance)?.state;
}

export async function history(t: T, id: string): Promise<any[]> {
  const r = await t.request('reviewer', 'GET', `/v1/cases/${id}/history`);
  expect(r.status).toBe(200);
  return r.body.items;
}

export async function addEvidence(t: T, id: string, item: Record<string, unknown>, as: Who = 'caseworker'): Promise<string> {
  const r = await t.request(as, 'POST', `/v1/cases/${id}/evidence`, item);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.id as string;
}

/** Screening to `completed` with a four-eyes approval (caseworker submits, supervisor approves). */
export async function screen(t: T, id: string, assessment: Record<string, unknown> = victimAssessment): Promise<void> {
  ok(await t.command('caseworker', id, 'screening', 'START'));
  ok(await t.command('caseworker', id, 'screening', 'RECORD_INTERVIEW', goodInterview));
  ok(await t.command('caseworker', id, 'screening', 'RECORD_ASSESSMENT', assessment));
  ok(await t.command('caseworker', id, 'screening', 'SUBMIT'));
  expect(ok(await t.command('supervisor', id, 'screening', 'APPROVE')).state).toBe('completed');
}

/** Nationality verified through the workflow (caseworker requests, supervisor confirms). */
export async function verifyNationality(t: T, id: string, state: string): Promise<void> {
  ok(await t.command('caseworker', id, 'nationality', 'REQUEST_VERIFICATION', { state }));
  expect(ok(await t.command('supervisor', id, 'nationality', 'CONFIRM', { state, documentRef: `${state}-consulate-ref` })).state).toBe('verified');
}

export const risks = (child: boolean, level: 'none' | 'substantial' = 'none') => [
  ...['torture', 'cruel_treatment', 'death_penalty', 'onward_removal'].map((type) => ({ type, level: type === 'death_penalty' ? level : 'none', sources: ['country assessment'] })),
  ...(child ? [{ type: 'life_without_parole', level: 'none', sources: ['country assessment'] }] : []),
];

/** A non-refoulement assessment started, findings recorded and submitted by the first legal officer. */
export async function assessDestination(t: T, id: string, destination: string, child: boolean): Promise<void> {
  ok(await t.command('legal_officer', id, 'non_refoulement', 'START', { destination }));
  ok(await t.command('legal_officer', id, 'non_refoulement', 'RECORD_FINDINGS', { risks: risks(child) }, { instance: destination }));
  expect(ok(await t.command('legal_officer', id, 'non_refoulement', 'SUBMIT', undefined, { instance: destination })).state).toBe('submitted');
}

/** The second legal officer concludes (four-eyes). */
export async function concludeDestination(t: T, id: string, destination: string, secondLegal: { token: string }): Promise<void> {
  expect(ok(await t.command(secondLegal, id, 'non_refoulement', 'CONCLUDE', undefined, { instance: destination })).state).toBe('cleared');
}

export async function clearDestination(t: T, id: string, destination: string, child: boolean, secondLegal: { token: string }): Promise<void> {
  await assessDestination(t, id, destination, child);
  await concludeDestination(t, id, destination, secondLegal);
}

export const prepareBid = (overrides: Record<string, unknown> = {}) => ({
  childViews: 'wants to go home with her family',
  childViewsWeight: 'significant, consistent with age and maturity',
  childInformedLanguage: 'fr',
  familyUnity: 'the child and the mother travel together',
  careOptionsConsidered: ['kinship'],
  recommendation: { action: 'repatriate_with_family', separationInBestInterests: false },
  reviewDate: '2026-08-15',
  ...overrides,
});

export const consent = (parentCaseId: string, status: 'given' | 'refused' | 'withdrawn' = 'given') => ({
  parentCaseId,
  status,
  language: 'fr',
  consequencesExplained: true,
  circumstances: { inDetention: false, coercionAbsent: true, witness: 'UNICEF officer', date: '2026-05-30' },
});

/**
 * BIA, BID and approval by a panel of three distinct users of different disciplines (none of them
 * the BIA author). `beforePanel` runs once the BID is with the panel (e.g. to record consent).
 */
export async function approveBid(t: T, id: string, panel: ReadonlyArray<{ id: string }>, bid: Record<string, unknown> = prepareBid(), beforePanel?: () => Promise<void>): Promise<void> {
  ok(await t.command('caseworker', id, 'best_interests', 'START_BIA'));
  ok(await t.command('caseworker', id, 'best_interests', 'COMPLETE_BIA', { findings: 'lives with her mother in the camp; no other kin', bidRequired: true }));
  ok(await t.command('caseworker', id, 'best_interests', 'PREPARE_BID', bid));
  expect(ok(await t.command('caseworker', id, 'best_interests', 'SUBMIT_TO_PANEL')).state).toBe('panel_review');
  if (beforePanel) await beforePanel();
  const disciplines = ['child_protection', 'legal', 'health'];
  const decided = ok(
    await t.command('bid_panel', id, 'best_interests', 'PANEL_DECIDE', {
      panel: panel.map((m, i) => ({ userId: m.id, discipline: disciplines[i % disciplines.length] })),
      undertakingsSigned: true,
      decision: 'approve',
      reasons: 'the recommendation serves the child\'s best interests',
      reviewRoute: 'BID review board',
    }),
  );
  expect(decided.state).toBe('bid_approved');
}

export const childServices = [
  { type: 'medical', provider: 'paediatric clinic', setting: 'outpatient' },
  { type: 'mhpss', provider: 'community MHPSS team', setting: 'community' },
  { type: 'education', provider: 'local school', setting: 'school' },
  { type: 'legal', provider: 'legal aid', setting: 'community' },
  { type: 'family_community_reintegration', provider: 'social services', setting: 'family' },
];
export const adultServices = childServices.filter((s) => s.type !== 'education');

/** A closed camp, and a person registered there (WORKFLOWS.md case file), for end-to-end tests. */
export const camp = { kind: 'camp', name: 'Al-Hol', state: 'SY', closed: true } as const;
export const person = (given: string, sex: 'male' | 'female', dateOfBirth: Record<string, unknown>, extra: Record<string, unknown> = {}, location: Record<string, unknown> = camp) => ({
  person: { names: [{ given, family: 'Test', script: 'latin' }], sex, dateOfBirth, nationalities: [{ state: 'FR', status: 'claimed' }], ...extra },
  location,
});

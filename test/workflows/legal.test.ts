import { getShortestPaths } from '@xstate/graph';
import type { StateValue } from 'xstate';
import { describe, expect, it } from 'vitest';
import type { CaseFacts, EvidenceItem } from '../../workflows/caseFile.ts';
import type { Decision } from '../../workflows/decide.ts';
import { JURISDICTION_SEED } from '../../workflows/jurisdictionSeed.ts';
import type { Jurisdiction } from '../../workflows/jurisdictions.ts';
import { legal } from '../../workflows/legal/index.ts';
import type { LegalContext } from '../../workflows/legal/model.ts';
import { ageAtAct } from '../../workflows/rules/age.ts';
import { getRule } from '../../workflows/rules/registry.ts';
import type { WorkflowView } from '../../workflows/rules/types.ts';
import { leafOf } from '../../workflows/states.ts';
import type { Settings } from '../../workflows/settings.ts';
import type { Actor } from '../../workflows/roles.ts';
import { AT, World, boundedSerialize, caseworker, evidence, facts, legalOfficer, legalOfficer2, newCase, supervisor, verdictOf, WORLD_MODE } from '../support/builders.ts';

const JUSTIFIED = 'violent act with victims; community measures were tried and failed';
const failedRules = (d: Decision): string[] => (d.kind === 'refused' ? d.failed.map((v) => v.rule) : []);
const ev = (): EvidenceItem[] => [
  evidence('ev-own', 'own_conduct'),
  evidence('ev-family', 'family_member'),
  evidence('ev-place', 'location_or_residence'),
  evidence('ev-torture', 'own_conduct', 'alleged'),
  evidence('ev-new', 'own_conduct'),
];
const adultWoman = () => facts({ dob: { exact: '1995-03-10' }, sex: 'female' });
/** An adult now (24) who was 15 in mid-2017. */
const grownUp = () => facts({ dob: { exact: '2002-01-01' }, sex: 'male' });
const child = (dob = '2011-02-01') => facts({ dob: { exact: dob }, sex: 'male' });

function world(f: CaseFacts = adultWoman(), opts: { jurisdictions?: Jurisdiction[]; settings?: Partial<Settings> } = {}) {
  const w = new World({ jurisdictions: opts.jurisdictions ?? [...JURISDICTION_SEED], ...(opts.settings ? { settings: opts.settings } : {}) });
  w.add(newCase('p1', f, ev()));
  w.send('p1', caseworker, 'screening', 'START');
  const a = w.send('p1', caseworker, 'screening', 'RECORD_ASSESSMENT', {
    victimIndicators: [],
    referrals: ['child_protection'],
    affiliation: { level: 'suspected', evidenceIds: ['ev-own'] },
    ageGenderConsiderations: 'assessed with age and gender in mind',
    outcome: 'victim_and_suspect',
  });
  expect(a.kind).toBe('applied');
  w.send('p1', caseworker, 'best_interests', 'START_BIA');
  w.send('p1', caseworker, 'best_interests', 'COMPLETE_BIA', { findings: 'child is safe with kin', bidRequired: false });
  return w;
}

function investigating(f: CaseFacts = adultWoman(), opts: Parameters<typeof world>[1] = {}) {
  const w = world(f, opts);
  const d = w.send('p1', legalOfficer, 'legal', 'OPEN_INVESTIGATION', { evidenceIds: ['ev-own'], femaleStaffAvailable: true }, { justification: JUSTIFIED });
  expect(d.kind).toBe('applied');
  return w;
}

const act = (earliest: string, latest = earliest) => ({ earliest, latest });
function charge(over: Record<string, unknown> = {}, chargeOver: Record<string, unknown> = {}) {
  return {
    charges: [{ offence: 'financing a terrorist group', category: 'support', allegedActDate: act('2018-01-01', '2018-06-01'), ...chargeOver }],
    forum: 'ordinary',
    jurisdiction: 'DE',
    evidenceIds: ['ev-own'],
    counsel: { appointed: true, name: 'Counsel A' },
    interpreter: { needed: true, provided: true, language: 'ar' },
    informedOfCharges: true,
    presumptionOfInnocence: true,
    femaleStaffAvailable: true,
    ...over,
  };
}
const childCharge = (over: Record<string, unknown> = {}, chargeOver: Record<string, unknown> = {}) =>
  charge({ forum: 'juvenile', nonJudicialMeasuresConsidered: [{ measure: 'restorative conference', whyUnsuitable: 'refused by the victims\' families' }], ...over }, { offence: 'assault', category: 'violent_act', allegedActDate: act('2017-06-01', '2017-08-01'), ...chargeOver });

/** Proposes a command and has a supervisor confirm it (2ND), as CONFIRM_PENDING does. */
function proposeAndConfirm(w: World, type: string, data: Record<string, unknown>, workflow = 'legal', approver: Actor = supervisor) {
  const first = w.send('p1', legalOfficer, workflow, type, data, { justification: JUSTIFIED });
  if (first.kind !== 'pending') return first;
  return w.send('p1', approver, workflow, type, data, { justification: JUSTIFIED, proposedBy: legalOfficer });
}

describe('legal workflow: an adult charge end to end', () => {
  it('investigates, charges, records a conviction with appeal information, appeals and closes', () => {
    const w = investigating();
    const charged = w.send('p1', legalOfficer, 'legal', 'CHARGE', charge());
    expect(charged.kind === 'applied' && charged.next.state).toBe('charged');
    const cx = w.instance('p1', 'legal')?.context as unknown as LegalContext;
    expect(cx.charges[0]?.appliedLaw).toMatchObject({ code: 'DE', validFrom: '2000-01-01', macr: 14 });
    expect(cx.submittedBy).toBe(legalOfficer.id);
    const judged = w.send('p1', legalOfficer, 'legal', 'RECORD_JUDGMENT', { outcome: 'convicted', sentence: { kind: 'imprisonment', months: 36 }, appealDeadline: '2026-07-01', appealInformationGiven: true });
    expect(judged.kind === 'applied' && judged.next.outcome).toBe('convicted');
    const tasks = legal.tasks?.(w.instance('p1', 'legal')!, w.get('p1'), { watchlistReviewDays: 180 } as Settings, AT) ?? [];
    expect(tasks).toContainEqual(expect.objectContaining({ kind: 'appeal_deadline', due: '2026-07-01', rule: 'KP-JUS-05' }));
    expect(w.send('p1', legalOfficer, 'legal', 'FILE_APPEAL', { filedOn: '2026-06-10', grounds: 'unfair trial' }).kind).toBe('applied');
    const closed = w.send('p1', legalOfficer, 'legal', 'CLOSE', { reason: 'appeal dismissed, sentence served' });
    expect(closed.kind === 'applied' && closed.next.state).toBe('closed');
  });
});

describe('KP-AGE-01 age at the alleged act', () => {
  it('allows a juvenile-forum charge for an act under 18 of a person now adult', () => {
    const w = investigating(grownUp());
    const d = proposeAndConfirm(w, 'CHARGE', childCharge());
    expect(d.kind).toBe('applied');
    expect(verdictOf(d, 'KP-AGE-01')?.ok).toBe(true);
  });
  it('refuses an adult court for an act under 18, although the person is now 24', () => {
    const d = investigating(grownUp()).send('p1', legalOfficer, 'legal', 'CHARGE', childCharge({ forum: 'ordinary' }), { justification: JUSTIFIED });
    expect(failedRules(d)).toEqual(expect.arrayContaining(['KP-AGE-01', 'KP-JUS-03']));
  });
  it('refuses an inverted or future act date range', () => {
    const w = investigating();
    expect(failedRules(w.send('p1', legalOfficer, 'legal', 'CHARGE', charge({}, { allegedActDate: act('2018-06-01', '2018-01-01') })))).toContain('KP-AGE-01');
    expect(failedRules(w.send('p1', legalOfficer, 'legal', 'CHARGE', charge({}, { allegedActDate: act('2027-01-01') })))).toContain('KP-AGE-01');
  });
  it('uses the latest plausible birth date and the earliest plausible act date', () => {
    const estimated = facts({ dob: { earliest: '2000-01-01', latest: '2003-12-31', method: 'holistic', confidence: 'medium' }, sex: 'male' });
    // Oldest plausible age at the latest act date is 19; the youngest at the earliest is 14: a child act.
    const d = investigating(estimated).send('p1', legalOfficer, 'legal', 'CHARGE', charge({}, { allegedActDate: act('2018-01-01', '2019-12-31') }));
    expect(failedRules(d)).toContain('KP-AGE-01');
  });
});

describe('KP-AGE-02 MACR at the act', () => {
  it('refuses a charge when the youngest plausible age at the act is below the MACR (DE 14)', () => {
    const d = investigating(facts({ dob: { exact: '2005-01-01' }, sex: 'male' })).send('p1', legalOfficer, 'legal', 'CHARGE', childCharge(), { justification: JUSTIFIED });
    expect(failedRules(d)).toContain('KP-AGE-02');
    expect(verdictOf(d, 'KP-AGE-02')?.reason).toMatch(/below the MACR of 14/);
    // Structured (issue 16.1): the code, the values used (the MACR applied and its jurisdiction version), what would allow it.
    expect(verdictOf(d, 'KP-AGE-02')).toMatchObject({
      rule: 'KP-AGE-02',
      code: 'KP-AGE-02.below_macr',
      params: { charge: 1, macr: 14, jurisdiction: 'DE', version: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), age: expect.any(Number) },
      more: [{ code: 'KP-AGE-02.route_to_protection' }],
      facts: expect.arrayContaining(['legal.charges', 'person.dateOfBirth']),
      toAllow: [{ code: 'KP-AGE-02.allow_child_protection' }],
    });
  });
  it('allows a charge at or above the MACR', () => {
    const d = proposeAndConfirm(investigating(grownUp()), 'CHARGE', childCharge());
    expect(d.kind).toBe('applied');
    expect(verdictOf(d, 'KP-AGE-02')?.ok).toBe(true);
  });
  it('flags a jurisdiction below 14 (NL) and below 12 (GB) without refusing', () => {
    const nl = investigating().send('p1', legalOfficer, 'legal', 'CHARGE', charge({ jurisdiction: 'NL' }));
    expect(nl.kind).toBe('applied');
    expect(verdictOf(nl, 'KP-AGE-02')).toMatchObject({ ok: false, severity: 'warn', reason: expect.stringMatching(/GC24/) });
    const gb = investigating().send('p1', legalOfficer, 'legal', 'CHARGE', charge({ jurisdiction: 'GB' }));
    expect(verdictOf(gb, 'KP-AGE-02')).toMatchObject({ ok: false, severity: 'warn', reason: expect.stringMatching(/KP\/CRC floor/) });
  });
  it('applies the policy hard floor (settings.macrHardFloor)', () => {
    // NL MACR 12; age 13 at the act; the policy floor of 14 refuses.
    const f = facts({ dob: { exact: '2004-01-01' }, sex: 'male' });
    const data = childCharge({ jurisdiction: 'NL' }, { allegedActDate: act('2017-06-01') });
    expect(proposeAndConfirm(investigating(f), 'CHARGE', data).kind).toBe('applied');
    const d = investigating(f, { settings: { macrHardFloor: 14 } }).send('p1', legalOfficer, 'legal', 'CHARGE', data, { justification: JUSTIFIED });
    expect(failedRules(d)).toContain('KP-AGE-02');
    expect(verdictOf(d, 'KP-AGE-02')?.reason).toMatch(/policy floor/);
  });
  it('refuses criminal detention below the MACR too (no charges on record)', () => {
    const w = world(child());
    const d = w.send('p1', legalOfficer, 'detention', 'DETAIN', {
      facility: { name: 'Juvenile centre', kind: 'juvenile_centre' },
      legalBasis: { kind: 'pretrial', reference: 'order 1' },
      grounds: ['suspected_offence'],
      alternativesConsidered: [{ alternative: 'supervision', whyUnsuitable: 'x' }],
      separateFromAdults: true,
      maxEnd: '2026-07-01',
      reviewDueAt: '2026-06-10',
      evidenceIds: ['ev-own'],
    });
    expect(failedRules(d)).toContain('KP-AGE-02');
  });
});

describe('KP-AGE-03 no offence-specific lower MACR', () => {
  const f = facts({ dob: { exact: '2002-01-01' }, sex: 'male' });
  it('refuses a terrorism charge at 14 in Russia, where only the prohibited lower age (14) would allow it', () => {
    const d = investigating(f).send('p1', legalOfficer, 'legal', 'CHARGE', childCharge({ jurisdiction: 'RU' }, { category: 'terrorism', allegedActDate: act('2016-06-01') }), { justification: JUSTIFIED });
    expect(failedRules(d)).toEqual(expect.arrayContaining(['KP-AGE-03', 'KP-AGE-02']));
    expect(verdictOf(d, 'KP-AGE-03')?.reason).toMatch(/general MACR of 16/);
  });
  it('allows a charge at 17 under the general MACR, with a warning on the configuration', () => {
    const d = proposeAndConfirm(investigating(f), 'CHARGE', childCharge({ jurisdiction: 'RU' }, { category: 'terrorism', allegedActDate: act('2019-06-01') }));
    expect(d.kind).toBe('applied');
    expect(verdictOf(d, 'KP-AGE-03')).toMatchObject({ ok: false, severity: 'warn' });
  });
  it('passes cleanly where no lower age is configured', () => {
    const d = investigating().send('p1', legalOfficer, 'legal', 'CHARGE', charge());
    expect(verdictOf(d, 'KP-AGE-03')?.ok).toBe(true);
  });
});

describe('KP-SYS-02 law in force at the act (lex mitior)', () => {
  const base = JURISDICTION_SEED.find((j) => j.code === 'IQ')!;
  it('refuses when no version covers the act date, or the jurisdiction is unknown', () => {
    const w = investigating();
    expect(failedRules(w.send('p1', legalOfficer, 'legal', 'CHARGE', charge({}, { allegedActDate: act('1999-06-01') })))).toEqual(expect.arrayContaining(['KP-SYS-02', 'KP-AGE-02']));
    expect(failedRules(w.send('p1', legalOfficer, 'legal', 'CHARGE', charge({ jurisdiction: 'XK' })))).toContain('KP-SYS-02');
  });
  it('explains a refusal with its code, params and what would allow it (issue 16.1)', () => {
    const d = investigating().send('p1', legalOfficer, 'legal', 'CHARGE', charge({}, { allegedActDate: act('1999-06-01') }));
    expect(verdictOf(d, 'KP-SYS-02')).toMatchObject({
      ok: false,
      code: 'KP-SYS-02.no_law_version',
      params: { date: '1999-06-01', charge: 1 },
      facts: ['legal.charges', 'legal.jurisdiction'],
      toAllow: [{ code: 'KP-SYS-02.allow_jurisdiction' }],
    });
    expect(verdictOf(investigating().send('p1', legalOfficer, 'legal', 'CHARGE', charge()), 'KP-SYS-02')).toMatchObject({ code: 'KP-SYS-02.law_at_act', params: { version: '2000-01-01' } });
  });
  it('allows when a version covers the act and names the version used', () => {
    const d = investigating().send('p1', legalOfficer, 'legal', 'CHARGE', charge());
    expect(verdictOf(d, 'KP-SYS-02')).toMatchObject({ ok: true, reason: expect.stringContaining('DE 2000-01-01') });
  });
  it('applies a later, more favourable MACR (raised after the act)', () => {
    const raised: Jurisdiction = { ...base, macrGeneral: 14, validFrom: '2025-01-01' };
    const f = facts({ dob: { exact: '2003-01-01' }, sex: 'male' }); // 12 at the act in mid-2015
    const data = childCharge({ jurisdiction: 'IQ' }, { allegedActDate: act('2015-06-01') });
    expect(proposeAndConfirm(investigating(f, { jurisdictions: [base] }), 'CHARGE', data).kind).toBe('applied');
    const d = investigating(f, { jurisdictions: [base, raised] }).send('p1', legalOfficer, 'legal', 'CHARGE', data, { justification: JUSTIFIED });
    expect(failedRules(d)).toContain('KP-AGE-02');
    expect(verdictOf(d, 'KP-SYS-02')?.reason).toMatch(/more favourable/);
  });
  it('never applies a later, harsher law (MACR lowered after the act)', () => {
    const old: Jurisdiction = { ...base, code: 'IQ', macrGeneral: 14, validFrom: '2000-01-01' };
    const lowered: Jurisdiction = { ...base, macrGeneral: 9, validFrom: '2020-01-01' };
    const f = facts({ dob: { exact: '2003-01-01' }, sex: 'male' }); // 13 at an act in 2016
    const d = investigating(f, { jurisdictions: [old, lowered] }).send('p1', legalOfficer, 'legal', 'CHARGE', childCharge({ jurisdiction: 'IQ' }, { allegedActDate: act('2016-06-01') }), { justification: JUSTIFIED });
    expect(failedRules(d)).toContain('KP-AGE-02');
  });
});

describe('KP-JUS-01 presumption against prosecuting children (2ND + JUSTIFY)', () => {
  it('needs a justification to open an investigation of a child', () => {
    const w = world(child());
    const bare = w.send('p1', legalOfficer, 'legal', 'OPEN_INVESTIGATION', { evidenceIds: ['ev-own'] });
    expect(bare.kind === 'refused' && bare.failed).toEqual([expect.objectContaining({ rule: 'KP-JUS-01', severity: 'justify' })]);
    expect(w.send('p1', legalOfficer, 'legal', 'OPEN_INVESTIGATION', { evidenceIds: ['ev-own'] }, { justification: JUSTIFIED }).kind).toBe('applied');
  });
  it('diversion needs no justification (the default)', () => {
    const d = world(child()).send('p1', legalOfficer, 'legal', 'REFER_DIVERSION', { measure: 'community reintegration programme' });
    expect(d.kind === 'applied' && d.next.outcome).toBe('diversion');
  });
  it('refuses a child charge without reasons and measures (JUSTIFY), then waits for a supervisor (2ND)', () => {
    const w = investigating(grownUp());
    const bare = w.send('p1', legalOfficer, 'legal', 'CHARGE', childCharge({ nonJudicialMeasuresConsidered: [] }));
    expect(bare.kind === 'refused' && bare.failed).toEqual([expect.objectContaining({ rule: 'KP-JUS-01', severity: 'justify' })]);
    const pending = w.send('p1', legalOfficer, 'legal', 'CHARGE', childCharge(), { justification: JUSTIFIED });
    expect(pending).toMatchObject({ kind: 'pending', secondApprover: 'supervisor' });
    const self = () => w.send('p1', legalOfficer, 'legal', 'CHARGE', childCharge(), { justification: JUSTIFIED, proposedBy: legalOfficer });
    // Through the engine the proposer cannot take the approver's part at all: the proposal waits
    // for a supervisor, and the legal officer's CONFIRM_PENDING is refused before any rule (403).
    if (WORLD_MODE === 'engine') expect(self).toThrow(/only a supervisor may resolve this proposal/);
    else expect(failedRules(self())).toContain('KP-JUS-01');
    const confirmed = w.send('p1', supervisor, 'legal', 'CHARGE', childCharge(), { justification: JUSTIFIED, proposedBy: legalOfficer });
    expect(confirmed.kind).toBe('applied');
    const cx = w.instance('p1', 'legal')?.context as unknown as LegalContext;
    expect(cx).toMatchObject({ submittedBy: legalOfficer.id, decidedBy: supervisor.id });
  });
  it('passes an adult act without second approval', () => {
    const d = investigating().send('p1', legalOfficer, 'legal', 'CHARGE', charge());
    expect(verdictOf(d, 'KP-JUS-01')?.ok).toBe(true);
  });
});

describe('KP-JUS-02 no charge of a child for mere membership', () => {
  it('refuses a membership charge for an act under 18', () => {
    const d = investigating(grownUp()).send('p1', legalOfficer, 'legal', 'CHARGE', childCharge({}, { category: 'membership_or_association' }), { justification: JUSTIFIED });
    expect(failedRules(d)).toContain('KP-JUS-02');
  });
  it('allows a charge for the child\'s own violent act, and a membership charge of an adult', () => {
    expect(verdictOf(proposeAndConfirm(investigating(grownUp()), 'CHARGE', childCharge()), 'KP-JUS-02')?.ok).toBe(true);
    const adult = investigating().send('p1', legalOfficer, 'legal', 'CHARGE', charge({}, { category: 'membership_or_association' }));
    expect(adult.kind).toBe('applied');
  });
});

describe('structured verdicts of the justice rules (issue 16.1)', () => {
  it('KP-JUS-02 names the charge by its number, never its offence; KP-JUS-03 says what would allow the trial', () => {
    const d = investigating(grownUp()).send('p1', legalOfficer, 'legal', 'CHARGE', childCharge({ forum: 'military' }, { category: 'membership_or_association' }), { justification: JUSTIFIED });
    const jus02 = verdictOf(d, 'KP-JUS-02');
    expect(jus02).toMatchObject({ ok: false, code: 'KP-JUS-02.association_only', params: { charges: [1] }, toAllow: [{ code: 'KP-JUS-02.allow_own_conduct' }] });
    expect(JSON.stringify(jus02)).not.toContain('financing');
    expect(verdictOf(d, 'KP-JUS-03')).toMatchObject({ ok: false, code: 'KP-JUS-03.military_court', toAllow: [{ code: 'KP-JUS-03.allow_juvenile' }, { code: 'KP-JUS-03.allow_diversion' }] });
    expect(verdictOf(investigating().send('p1', legalOfficer, 'legal', 'CHARGE', charge()), 'KP-JUS-02')).toMatchObject({ ok: true, code: 'KP-JUS-02.no_association_charge' });
  });

  it('KP-JUS-05 lists each guarantee not met, with what would lift them; KP-JUS-06 names the tainted evidence', () => {
    const w = investigating();
    const d = w.send('p1', legalOfficer, 'legal', 'CHARGE', charge({ counsel: { appointed: false }, informedOfCharges: false }));
    expect(verdictOf(d, 'KP-JUS-05')).toMatchObject({
      ok: false,
      code: 'KP-JUS-05.not_met',
      more: [{ code: 'KP-JUS-05.no_counsel' }, { code: 'KP-JUS-05.not_informed' }],
      toAllow: [{ code: 'KP-JUS-05.allow_guarantees', params: { command: 'RECORD_FAIR_TRIAL' } }],
    });
    const tainted = w.send('p1', legalOfficer, 'legal', 'CHARGE', charge({ evidenceIds: ['ev-torture'] }));
    expect(verdictOf(tainted, 'KP-JUS-06')).toMatchObject({ ok: false, code: 'KP-JUS-06.alleged', params: { evidence: ['ev-torture'] }, evidenceIds: ['ev-torture'], toAllow: [{ code: 'KP-JUS-06.allow_investigation' }] });
  });
});

describe('KP-JUS-03 juvenile courts only for child-at-offence defendants', () => {
  it('refuses a military or special security court', () => {
    const w = investigating(grownUp());
    for (const forum of ['military', 'special_security']) {
      expect(failedRules(w.send('p1', legalOfficer, 'legal', 'CHARGE', childCharge({ forum }), { justification: JUSTIFIED }))).toContain('KP-JUS-03');
    }
  });
  it('refuses where the jurisdiction has no juvenile court', () => {
    const noJuvenile = JURISDICTION_SEED.map((j) => (j.code === 'DE' ? { ...j, juvenileCourts: false } : j));
    const d = investigating(grownUp(), { jurisdictions: noJuvenile }).send('p1', legalOfficer, 'legal', 'CHARGE', childCharge(), { justification: JUSTIFIED });
    expect(failedRules(d)).toContain('KP-JUS-03');
  });
  it('allows the juvenile forum', () => {
    expect(verdictOf(proposeAndConfirm(investigating(grownUp()), 'CHARGE', childCharge()), 'KP-JUS-03')?.ok).toBe(true);
  });
});

describe('KP-JUS-04 no death penalty or life without parole for child acts', () => {
  function chargedInIraq() {
    const w = investigating(grownUp());
    expect(proposeAndConfirm(w, 'CHARGE', childCharge({ jurisdiction: 'IQ' })).kind).toBe('applied');
    return w;
  }
  it('flags a charge where the death penalty is legally possible', () => {
    const d = investigating().send('p1', legalOfficer, 'legal', 'CHARGE', charge({ jurisdiction: 'IQ' }));
    expect(d.kind).toBe('applied');
    expect(verdictOf(d, 'KP-JUS-04')).toMatchObject({ ok: false, severity: 'warn', reason: expect.stringContaining('death penalty') });
  });
  it('refuses to record a death sentence or life without parole for an act under 18', () => {
    const w = chargedInIraq();
    for (const kind of ['death', 'life_without_parole']) {
      const d = w.send('p1', legalOfficer, 'legal', 'RECORD_JUDGMENT', { outcome: 'convicted', sentence: { kind }, appealDeadline: '2026-07-01', appealInformationGiven: true });
      expect(failedRules(d)).toEqual(['KP-JUS-04']);
    }
  });
  it('allows a lawful sentence for an act under 18', () => {
    const d = chargedInIraq().send('p1', legalOfficer, 'legal', 'RECORD_JUDGMENT', { outcome: 'convicted', sentence: { kind: 'non_custodial' }, appealDeadline: '2026-07-01', appealInformationGiven: true });
    expect(d.kind).toBe('applied');
    expect(verdictOf(d, 'KP-JUS-04')?.ok).toBe(true);
  });
});

describe('KP-JUS-05 fair-trial checklist', () => {
  it('refuses a charge with guarantees recorded as not respected: counsel not appointed, not informed of the charges, an interpreter needed and not provided', () => {
    const w = investigating();
    const d = w.send('p1', legalOfficer, 'legal', 'CHARGE', charge({ counsel: { appointed: false }, informedOfCharges: false, interpreter: { needed: true, provided: false } }));
    expect(failedRules(d)).toEqual(['KP-JUS-05']);
    expect(verdictOf(d, 'KP-JUS-05')).toMatchObject({ severity: 'block', reason: expect.stringMatching(/counsel.*interpreter.*informed/) });
    expect(failedRules(w.send('p1', legalOfficer, 'legal', 'CHARGE', charge({ presumptionOfInnocence: false })))).toEqual(['KP-JUS-05']);
    expect(w.instance('p1', 'legal')?.state).toBe('investigation');
  });
  it('flags (WARN), without refusing, a charge whose guarantees are simply not recorded (the contract\'s CHARGE fields only)', () => {
    const { informedOfCharges: _i, presumptionOfInnocence: _p, ...contractOnly } = charge();
    const d = investigating().send('p1', legalOfficer, 'legal', 'CHARGE', contractOnly);
    expect(d.kind).toBe('applied');
    expect(verdictOf(d, 'KP-JUS-05')).toMatchObject({ ok: false, severity: 'warn', reason: expect.stringMatching(/not recorded: the presumption of innocence, that the person was informed of the charges/) });
  });
  it('reads the plain forms of counsel and interpreter, never as a guarantee met that is not recorded', () => {
    const plain = charge({ counsel: 'Me Claire Dupont', interpreter: false, nonJudicialMeasuresConsidered: ['restorative justice'] });
    const w = investigating();
    const d = w.send('p1', legalOfficer, 'legal', 'CHARGE', plain);
    expect(d.kind).toBe('applied');
    // Whether an interpreter is needed stays unknown: flagged.
    expect(verdictOf(d, 'KP-JUS-05')).toMatchObject({ ok: false, severity: 'warn', reason: expect.stringContaining('whether an interpreter is needed') });
    const fairTrial = (w.instance('p1', 'legal')!.context as unknown as LegalContext).fairTrial!;
    expect(fairTrial.counsel).toEqual({ appointed: true, name: 'Me Claire Dupont' });
    expect(fairTrial.interpreter).toEqual({ provided: false });
    expect(fairTrial.nonJudicialMeasuresConsidered).toEqual([{ measure: 'restorative justice' }]);
    // `interpreter: true` is an interpreter needed and provided.
    expect((legal.commands['CHARGE']!.data.parse(charge({ interpreter: true })) as { interpreter: unknown }).interpreter).toEqual({ needed: true, provided: true });
  });
  it('refuses `interpreter: false` for a person who needed an interpreter at the screening interview', () => {
    const w = investigating();
    w.send('p1', caseworker, 'screening', 'RECORD_INTERVIEW', { participants: [{ role: 'screening_officer' }], appropriateAdultPresent: false, femaleInterviewerOffered: true, language: 'ar', interpreter: true });
    const d = w.send('p1', legalOfficer, 'legal', 'CHARGE', charge({ interpreter: false }));
    expect(failedRules(d)).toEqual(['KP-JUS-05']);
    expect(verdictOf(d, 'KP-JUS-05')?.reason).toContain('needed one at the screening interview');
  });
  it('refuses a conviction recorded without the right of appeal explained, or without an appeal deadline; the deadline counts as appeal information', () => {
    const w = investigating();
    w.send('p1', legalOfficer, 'legal', 'CHARGE', charge());
    expect(failedRules(w.send('p1', legalOfficer, 'legal', 'RECORD_JUDGMENT', { outcome: 'convicted', sentence: { kind: 'imprisonment' }, appealDeadline: '2026-07-01', appealInformationGiven: false }))).toEqual(['KP-JUS-05']);
    const past = w.send('p1', legalOfficer, 'legal', 'RECORD_JUDGMENT', { outcome: 'convicted', sentence: { kind: 'imprisonment' }, appealDeadline: '2026-05-01' });
    expect(verdictOf(past, 'KP-JUS-05')).toMatchObject({ ok: false, severity: 'block', reason: expect.stringContaining('already passed') });
    const flagged = investigating();
    flagged.send('p1', legalOfficer, 'legal', 'CHARGE', charge());
    const bare = flagged.send('p1', legalOfficer, 'legal', 'RECORD_JUDGMENT', { outcome: 'convicted', sentence: { kind: 'imprisonment' } });
    expect(failedRules(bare)).toEqual(['KP-JUS-05']);
    expect(verdictOf(bare, 'KP-JUS-05')).toMatchObject({ ok: false, severity: 'block', reason: expect.stringContaining('no appeal deadline') });
    expect(failedRules(flagged.send('p1', legalOfficer, 'legal', 'RECORD_JUDGMENT', { outcome: 'convicted', sentence: { kind: 'imprisonment' }, appealInformationGiven: true }))).toEqual(['KP-JUS-05']);
    const deadline = w.send('p1', legalOfficer, 'legal', 'RECORD_JUDGMENT', { outcome: 'convicted', sentence: { kind: 'imprisonment', months: 60 }, appealDeadline: '2026-06-11' });
    expect(deadline.kind).toBe('applied');
    expect(verdictOf(deadline, 'KP-JUS-05')).toMatchObject({ ok: true });
  });
  it('reads a plain-words sentence, the gravest penalty first', () => {
    const parse = (sentence: string) => (legal.commands['RECORD_JUDGMENT']!.data.parse({ outcome: 'convicted', sentence }) as { sentence: unknown }).sentence;
    expect(parse('5 years\' imprisonment')).toEqual({ kind: 'imprisonment', months: 60, details: '5 years\' imprisonment' });
    expect(parse('life imprisonment without parole')).toMatchObject({ kind: 'life_without_parole' });
    expect(parse('life imprisonment')).toMatchObject({ kind: 'life' });
    expect(parse('sentenced to death by hanging')).toMatchObject({ kind: 'death' });
    expect(parse('two-year suspended sentence')).toMatchObject({ kind: 'non_custodial' });
  });
  it('for a child: a parent or appropriate adult recorded as absent refuses; not recorded is flagged', () => {
    const w = investigating(child('2009-01-01'));
    const data = childCharge({}, { allegedActDate: act('2024-06-01') });
    expect(failedRules(w.send('p1', legalOfficer, 'legal', 'CHARGE', { ...data, appropriateAdult: false }, { justification: JUSTIFIED }))).toContain('KP-JUS-05');
    const unrecorded = proposeAndConfirm(w, 'CHARGE', data);
    expect(unrecorded.kind).toBe('applied');
    expect(verdictOf(unrecorded, 'KP-JUS-05')).toMatchObject({ ok: false, severity: 'warn', reason: expect.stringContaining('a parent or appropriate adult') });
    const v = investigating(child('2009-01-01'));
    expect(verdictOf(proposeAndConfirm(v, 'CHARGE', { ...data, appropriateAdult: true }), 'KP-JUS-05')?.ok).toBe(true);
  });
  it('at CLOSE: blocks a guarantee recorded as not respected and never remedied; flags one never recorded', () => {
    const w = investigating();
    const { informedOfCharges: _i, ...unrecorded } = charge();
    w.send('p1', legalOfficer, 'legal', 'CHARGE', unrecorded);
    w.send('p1', legalOfficer, 'legal', 'RECORD_JUDGMENT', { outcome: 'acquitted' });
    const closed = w.send('p1', legalOfficer, 'legal', 'CLOSE', { reason: 'acquitted' });
    expect(closed.kind).toBe('applied');
    expect(verdictOf(closed, 'KP-JUS-05')).toMatchObject({ ok: false, severity: 'warn', reason: expect.stringContaining('informed of the charges') });

    // A record from before these checks, where the checklist says the presumption of innocence was not respected.
    const v = investigating();
    v.send('p1', legalOfficer, 'legal', 'CHARGE', charge());
    const c = v.get('p1');
    const view = c.workflows.find((x) => x.kind === 'legal')!;
    const cx = view.context as unknown as LegalContext;
    v.cases.set('p1', { ...c, workflows: [...c.workflows.filter((x) => x.kind !== 'legal'), { ...view, context: { ...cx, fairTrial: { ...cx.fairTrial!, presumptionOfInnocence: false } } }] });
    const refused = v.send('p1', legalOfficer, 'legal', 'CLOSE', { reason: 'proceedings ended' });
    expect(failedRules(refused)).toEqual(['KP-JUS-05']);
    expect(verdictOf(refused, 'KP-JUS-05')?.reason).toContain('presumption of innocence');
  });

  it('closes proceedings whose stored conviction has no appeal deadline (recorded before it was required), flagging it', () => {
    const w = investigating();
    w.send('p1', legalOfficer, 'legal', 'CHARGE', charge());
    expect(w.send('p1', legalOfficer, 'legal', 'RECORD_JUDGMENT', { outcome: 'convicted', sentence: { kind: 'imprisonment', months: 12 }, appealDeadline: '2026-07-01', appealInformationGiven: true }).kind).toBe('applied');
    const c = w.get('p1');
    const view = c.workflows.find((x) => x.kind === 'legal')!;
    const cx = view.context as unknown as LegalContext;
    const { appealDeadline: _dropped, ...old } = cx.judgments.at(-1)!;
    w.cases.set('p1', { ...c, workflows: [...c.workflows.filter((x) => x.kind !== 'legal'), { ...view, context: { ...cx, judgments: [...cx.judgments.slice(0, -1), old] } }] });
    const closed = w.send('p1', legalOfficer, 'legal', 'CLOSE', { reason: 'sentence served' });
    expect(closed.kind).toBe('applied');
    expect(verdictOf(closed, 'KP-JUS-05')).toMatchObject({ ok: false, severity: 'warn', reason: expect.stringContaining('appeal deadline') });
  });
});

describe('legal CLOSE and KP-SYS-01', () => {
  it('closing proceedings as WORKFLOWS.md shows it (no data) is flagged by KP-SYS-01 (WARN), not refused', () => {
    const w = investigating();
    w.send('p1', legalOfficer, 'legal', 'CHARGE', charge());
    w.send('p1', legalOfficer, 'legal', 'RECORD_JUDGMENT', { outcome: 'acquitted' });
    const d = w.send('p1', legalOfficer, 'legal', 'CLOSE');
    expect(d.kind === 'applied' && d.next.state).toBe('closed');
    expect(verdictOf(d, 'KP-SYS-01')).toMatchObject({ ok: false, severity: 'warn' });
    expect(verdictOf(d, 'KP-JUS-05')?.ok).toBe(true);
  });
});

describe('KP-JUS-06 torture-tainted evidence in proceedings', () => {
  it('refuses an investigation or charge citing evidence under a torture allegation', () => {
    const w = world();
    expect(failedRules(w.send('p1', legalOfficer, 'legal', 'OPEN_INVESTIGATION', { evidenceIds: ['ev-own', 'ev-torture'] }))).toEqual(['KP-JUS-06']);
    w.send('p1', legalOfficer, 'legal', 'OPEN_INVESTIGATION', { evidenceIds: ['ev-own'] });
    expect(failedRules(w.send('p1', legalOfficer, 'legal', 'CHARGE', charge({ evidenceIds: ['ev-torture', 'ev-own'] })))).toEqual(['KP-JUS-06']);
  });
  it('refuses an investigation resting only on family links (KP-SCR-02)', () => {
    expect(failedRules(world().send('p1', legalOfficer, 'legal', 'OPEN_INVESTIGATION', { evidenceIds: ['ev-family'] }))).toEqual(['KP-SCR-02']);
  });
});

describe('KP-JUS-07 gender-responsive handling of women\'s cases (WARN)', () => {
  it('warns when female staff are not confirmed or a charge cites a family link', () => {
    const w = world();
    const d = w.send('p1', legalOfficer, 'legal', 'OPEN_INVESTIGATION', { evidenceIds: ['ev-own', 'ev-family'] });
    expect(d.kind).toBe('applied');
    expect(verdictOf(d, 'KP-JUS-07')).toMatchObject({ ok: false, severity: 'warn', reason: expect.stringMatching(/female staff.*family link/) });
  });
  it('passes with female staff, screening on record and own-conduct evidence; and for men', () => {
    const d = investigating().send('p1', legalOfficer, 'legal', 'CHARGE', charge());
    expect(verdictOf(d, 'KP-JUS-07')?.ok).toBe(true);
    const man = investigating(facts({ dob: { exact: '1990-01-01' }, sex: 'male' })).send('p1', legalOfficer, 'legal', 'CHARGE', charge({ femaleStaffAvailable: undefined }));
    expect(verdictOf(man, 'KP-JUS-07')?.ok).toBe(true);
  });
});

describe('KP-DATA-02 watch lists and children', () => {
  const request = (extra: Record<string, unknown> = {}) => ({ evidenceIds: ['ev-own'], legalBasis: 'Art. 12 security database act', ...extra });
  it('refuses a child\'s entry without a child-specific criminal-evidence basis, or on family evidence', () => {
    const w = world(child());
    expect(failedRules(w.send('p1', legalOfficer, 'legal', 'REQUEST_WATCHLIST_ENTRY', request()))).toEqual(['KP-DATA-02']);
    expect(failedRules(w.send('p1', legalOfficer, 'legal', 'REQUEST_WATCHLIST_ENTRY', request({ evidenceIds: ['ev-family'], childSpecificBasis: 'the mother is a member' })))).toEqual(expect.arrayContaining(['KP-DATA-02', 'KP-SCR-02']));
  });
  it('allows it with a child-specific basis, sets a review task, and deletes on review', () => {
    const w = world(child());
    const d = w.send('p1', legalOfficer, 'legal', 'REQUEST_WATCHLIST_ENTRY', request({ childSpecificBasis: 'video evidence of the child handling explosives in 2025' }));
    expect(d.kind).toBe('applied');
    expect(verdictOf(d, 'KP-DATA-02')?.ok).toBe(true);
    const view = w.instance('p1', 'legal')!;
    expect(legal.tasks?.(view, w.get('p1'), { watchlistReviewDays: 180 } as Settings, AT)).toContainEqual(expect.objectContaining({ kind: 'watchlist_review', role: 'legal_officer', due: '2026-11-28', rule: 'KP-DATA-02' }));
    const removed = w.send('p1', legalOfficer2, 'legal', 'REVIEW_WATCHLIST_ENTRY', { keep: false, reason: 'basis lapsed after acquittal' });
    expect(removed.kind).toBe('applied');
    expect(legal.tasks?.(w.instance('p1', 'legal')!, w.get('p1'), { watchlistReviewDays: 180 } as Settings, AT)).toEqual([]);
    expect((w.instance('p1', 'legal')?.context as unknown as LegalContext).watchlist[0]?.status).toBe('deleted');
  });
  it('does not restrict adults', () => {
    expect(world().send('p1', legalOfficer, 'legal', 'REQUEST_WATCHLIST_ENTRY', request()).kind).toBe('applied');
  });
});

describe('KP-DATA-03 sealed child-justice records and non-stigmatising language', () => {
  function sealedAfterDiversion() {
    const w = investigating(child('2009-01-01')); // 17 now
    expect(w.send('p1', legalOfficer, 'legal', 'REFER_DIVERSION', { measure: 'community programme' }).kind).toBe('applied');
    expect(w.send('p1', legalOfficer, 'legal', 'CLOSE', { reason: 'measure completed' }).kind).toBe('applied');
    w.at = '2027-06-01T10:00:00.000Z'; // 18
    return w;
  }
  it('refuses adult proceedings that use the sealed record', () => {
    const w = sealedAfterDiversion();
    const d = w.send('p1', legalOfficer, 'legal', 'OPEN_INVESTIGATION', { evidenceIds: ['ev-own'] });
    expect(failedRules(d)).toEqual(['KP-DATA-03']);
    expect(w.send('p1', legalOfficer, 'legal', 'OPEN_INVESTIGATION', { evidenceIds: ['ev-new'] }).kind).toBe('applied');
    const adultAct = charge({ evidenceIds: ['ev-own', 'ev-new'], femaleStaffAvailable: undefined }, { allegedActDate: act('2027-02-01') });
    expect(failedRules(w.send('p1', legalOfficer, 'legal', 'CHARGE', adultAct))).toEqual(['KP-DATA-03']);
    expect(w.send('p1', legalOfficer, 'legal', 'CHARGE', { ...adultAct, evidenceIds: ['ev-new'] }).kind).toBe('applied');
    expect(failedRules(w.send('p1', legalOfficer, 'legal', 'REQUEST_WATCHLIST_ENTRY', { evidenceIds: ['ev-own'], legalBasis: 'security act' }))).toEqual(['KP-DATA-03']);
  });
  it('warns on stigmatising labels in free text', () => {
    const d = world(child()).send('p1', legalOfficer, 'legal', 'REFER_DIVERSION', { measure: 'deradicalisation for cubs of the caliphate' });
    expect(d.kind).toBe('applied');
    expect(verdictOf(d, 'KP-DATA-03')).toMatchObject({ ok: false, severity: 'warn', reason: expect.stringContaining('cubs of the caliphate') });
    expect(verdictOf(world(child()).send('p1', legalOfficer, 'legal', 'REFER_DIVERSION', { measure: 'community programme' }), 'KP-DATA-03')?.ok).toBe(true);
  });
});

describe('ANNUL_REFERRAL reversal (KP-SYS-01, KP-SYS-03)', () => {
  function charged() {
    const w = investigating();
    expect(w.send('p1', legalOfficer, 'legal', 'CHARGE', charge()).kind).toBe('applied');
    return w;
  }
  it('refuses an annulment recorded by the charging officer, or without reasons', () => {
    const w = charged();
    expect(failedRules(w.send('p1', legalOfficer, 'legal', 'ANNUL_REFERRAL', { reason: 'appeal court annulled the referral' }))).toEqual(['KP-SYS-03']);
    expect(() => w.send('p1', legalOfficer2, 'legal', 'ANNUL_REFERRAL', { reason: '  ' })).toThrow();
    expect(failedRules(w.send('p1', legalOfficer2, 'legal', 'ANNUL_REFERRAL', { reason: 'annulled' }, { justification: '' }))).toEqual([]);
  });
  it('closes the proceedings and releases prosecution-based detention through a follow-up', () => {
    const w = charged();
    const detained = w.send('p1', legalOfficer, 'detention', 'DETAIN', {
      facility: { name: 'Women\'s pre-trial unit', kind: 'pretrial_centre' },
      legalBasis: { kind: 'pretrial', reference: 'court order 7' },
      grounds: ['suspected_offence', 'flight_risk'],
      alternativesConsidered: [{ alternative: 'house arrest', whyUnsuitable: 'no fixed address' }],
      separateFromAdults: true,
      children: [],
      evidenceIds: ['ev-own'],
      femaleStaffAvailable: true,
    });
    expect(detained.kind).toBe('applied');
    const before = w.instance('p1', 'legal')!;
    const d = w.send('p1', legalOfficer2, 'legal', 'ANNUL_REFERRAL', { reason: 'appeal court annulled the referral' });
    expect(d.kind === 'applied' && d.next.state).toBe('closed');
    const ctx = w.context('p1', legalOfficer2, 'legal', 'ANNUL_REFERRAL', { reason: 'appeal court annulled the referral' });
    const follow = legal.followUps?.({ ...ctx, workflow: before }, w.instance('p1', 'legal')!) ?? [];
    expect(follow).toEqual([expect.objectContaining({ caseId: 'p1', workflow: 'detention', type: 'REFERRAL_ANNULLED' })]);
    const f = follow[0]!;
    const released = w.send('p1', legalOfficer2, f.workflow, f.type, f.data ?? {}, { justification: f.reason });
    expect(released.kind === 'applied' && released.next.state).toBe('not_detained');
  });
});

describe('rule metadata', () => {
  it('registers every owned rule with its severity', () => {
    const expected: Record<string, string> = {
      'KP-AGE-01': 'block', 'KP-AGE-02': 'block', 'KP-AGE-03': 'block',
      'KP-JUS-01': '2nd', 'KP-JUS-02': 'block', 'KP-JUS-03': 'block', 'KP-JUS-04': 'block', 'KP-JUS-05': 'block', 'KP-JUS-07': 'warn',
      'KP-SYS-02': 'block', 'KP-DATA-02': 'block', 'KP-DATA-03': 'block',
      'KP-DET-01': '2nd', 'KP-DET-02': 'block', 'KP-DET-03': 'block-unless', 'KP-DET-04': 'block',
    };
    for (const [id, severity] of Object.entries(expected)) expect(getRule(id).severity).toBe(severity);
  });
});

describe('legal machine paths (@xstate/graph)', () => {
  /** Events whose context follows the snapshot, each a proposal confirmed by a supervisor (lifts the 2ND). */
  function confirmedEvents(w: World, steps: ReadonlyArray<{ type: string; data: Record<string, unknown> }>) {
    return (snapshot: { value: unknown; context: unknown }) =>
      steps.map((s) => {
        const base = w.context('p1', supervisor, 'legal', s.type, s.data, { justification: JUSTIFIED, proposedBy: legalOfficer });
        const current: WorkflowView = { ...base.workflow, state: leafOf(legal.machine, snapshot.value as StateValue), context: snapshot.context as Record<string, unknown> };
        const subject = { ...base.subject, workflows: [...base.subject.workflows.filter((x) => x.kind !== 'legal'), current] };
        return { type: s.type, data: base.command.data, ctx: { ...base, workflow: current, subject } };
      });
  }
  // Data variants: acts at several ages, forums, categories and jurisdictions (RU has a lower terrorism age).
  const variants = [
    childCharge({}, { allegedActDate: act('2014-06-01') }), // 12 in DE
    childCharge({}, { allegedActDate: act('2016-06-01') }), // 14 in DE
    childCharge({ jurisdiction: 'RU' }, { category: 'terrorism', allegedActDate: act('2016-06-01') }), // 14 in RU (general 16)
    childCharge({ jurisdiction: 'NL' }, { allegedActDate: act('2014-06-01') }), // 12 in NL
    childCharge({ jurisdiction: 'GB' }, { allegedActDate: act('2012-06-01') }), // 10 in GB
    childCharge({ forum: 'ordinary' }, { allegedActDate: act('2017-06-01') }),
    childCharge({}, { category: 'membership_or_association', allegedActDate: act('2017-06-01') }),
    charge({}, { allegedActDate: act('2021-06-01') }), // adult act
  ];
  const steps = [
    { type: 'OPEN_INVESTIGATION', data: { evidenceIds: ['ev-own'] } },
    { type: 'REFER_DIVERSION', data: { measure: 'community programme' } },
    ...variants.map((data) => ({ type: 'CHARGE', data })),
    { type: 'RECORD_JUDGMENT', data: { outcome: 'convicted', sentence: { kind: 'death' }, appealDeadline: '2026-07-01', appealInformationGiven: true } },
    { type: 'RECORD_JUDGMENT', data: { outcome: 'convicted', sentence: { kind: 'imprisonment', months: 12 }, appealDeadline: '2026-07-01', appealInformationGiven: true } },
    { type: 'FILE_APPEAL', data: { filedOn: '2026-06-05', grounds: 'unfair trial' } },
    { type: 'CLOSE', data: { reason: 'done' } },
  ];
  const w = world(facts({ dob: { exact: '2002-01-01' }, sex: 'male' }));
  const paths = getShortestPaths(legal.machine, { events: confirmedEvents(w, steps), serializeState: boundedSerialize, limit: 5000 });

  it('reaches charged and judgment', () => {
    expect(paths.some((p) => leafOf(legal.machine, p.state.value) === 'charged')).toBe(true);
    expect(paths.some((p) => leafOf(legal.machine, p.state.value) === 'judgment')).toBe(true);
  });
  it('no path charges a person whose youngest plausible age at the act is below the applicable MACR', () => {
    for (const p of paths) {
      const cx = p.state.context as LegalContext;
      for (const ch of cx.charges) {
        expect(ch.appliedLaw).not.toBeNull();
        expect(ageAtAct(w.get('p1'), ch.allegedActDate)).toBeGreaterThanOrEqual(ch.appliedLaw!.macr);
        // The general MACR is applied, never the offence-specific lower one.
        expect(ch.appliedLaw!.macr).toBe(JURISDICTION_SEED.find((j) => j.code === ch.appliedLaw!.code && j.validFrom === ch.appliedLaw!.appliedValidFrom)?.macrGeneral);
      }
    }
  });
  it('no path tries a child-at-act outside the juvenile forum, for mere membership, or sentences a child act to death', () => {
    for (const p of paths) {
      const cx = p.state.context as LegalContext;
      if (cx.charges.some((ch) => ch.childAtAct)) {
        expect(cx.forum).toBe('juvenile');
        expect(cx.charges.some((ch) => ch.childAtAct && ch.category === 'membership_or_association')).toBe(false);
      }
      expect(cx.judgments.some((j) => j.childAct && j.sentence?.kind === 'death')).toBe(false);
    }
  });
});

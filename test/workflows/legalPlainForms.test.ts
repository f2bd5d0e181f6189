import { describe, expect, it } from 'vitest';
import type { CaseFacts } from '../../workflows/caseFile.ts';
import type { Decision } from '../../workflows/decide.ts';
import { JURISDICTION_SEED } from '../../workflows/jurisdictionSeed.ts';
import type { Jurisdiction } from '../../workflows/jurisdictions.ts';
import { counselFromText, sentenceFromText, type LegalContext } from '../../workflows/legal/model.ts';
import { legal } from '../../workflows/legal/index.ts';
import { World, caseworker, evidence, facts, legalOfficer, newCase, supervisor, verdictOf } from '../support/builders.ts';

/**
 * Plain forms of the legal workflow read without turning a missing guarantee into one that is met:
 * counsel given as words saying there is none is no counsel (KP-JUS-05 refuses); a sentence text
 * about the execution of a sentence is not a death sentence; life imprisonment for an act under 18
 * with parole not recorded never passes KP-JUS-04 silently (WARN, or refused where the law allows
 * life without parole for minors).
 */
const JUSTIFIED = 'violent act with victims; community measures were tried and failed';
const failedRules = (d: Decision): string[] => (d.kind === 'refused' ? d.failed.map((v) => v.rule) : []);
const adult = () => facts({ dob: { exact: '1990-03-10' }, sex: 'male' });
/** An adult now who was 15 in mid-2017. */
const grownUp = () => facts({ dob: { exact: '2002-01-01' }, sex: 'male' });
const lwopForMinors = (): Jurisdiction[] => JURISDICTION_SEED.map((j) => (j.code === 'DE' ? { ...j, lifeWithoutParoleForMinors: true } : j));

function investigating(f: CaseFacts, jurisdictions: readonly Jurisdiction[] = JURISDICTION_SEED) {
  const w = new World({ jurisdictions: [...jurisdictions] });
  w.add(newCase('p1', f, [evidence('ev-own', 'own_conduct')]));
  w.send('p1', caseworker, 'screening', 'START');
  expect(w.send('p1', caseworker, 'screening', 'RECORD_ASSESSMENT', { victimIndicators: [], referrals: ['child_protection'], affiliation: { level: 'suspected', evidenceIds: ['ev-own'] }, ageGenderConsiderations: 'considered', outcome: 'victim_and_suspect' }).kind).toBe('applied');
  expect(w.send('p1', legalOfficer, 'legal', 'OPEN_INVESTIGATION', { evidenceIds: ['ev-own'] }, { justification: JUSTIFIED }).kind).toBe('applied');
  return w;
}

const charge = (over: Record<string, unknown> = {}, actDate = { earliest: '2018-01-01', latest: '2018-06-01' }) => ({
  charges: [{ offence: 'assault', category: 'violent_act', allegedActDate: actDate }],
  forum: 'ordinary',
  jurisdiction: 'DE',
  evidenceIds: ['ev-own'],
  counsel: { appointed: true, name: 'Counsel A' },
  interpreter: { needed: false, provided: false },
  informedOfCharges: true,
  presumptionOfInnocence: true,
  ...over,
});
const childActCharge = () =>
  charge({ forum: 'juvenile', appropriateAdult: true, nonJudicialMeasuresConsidered: [{ measure: 'restorative conference', whyUnsuitable: 'refused by the victims\' families' }] }, { earliest: '2017-06-01', latest: '2017-08-01' });

/** Charged for an act at 15, in the juvenile forum, the supervisor confirming (KP-JUS-01). */
function chargedForChildAct(jurisdictions: readonly Jurisdiction[] = JURISDICTION_SEED) {
  const w = investigating(grownUp(), jurisdictions);
  expect(w.send('p1', legalOfficer, 'legal', 'CHARGE', childActCharge(), { justification: JUSTIFIED }).kind).toBe('pending');
  expect(w.send('p1', supervisor, 'legal', 'CHARGE', childActCharge(), { justification: JUSTIFIED, proposedBy: legalOfficer }).kind).toBe('applied');
  return w;
}
const judgment = (sentence: unknown) => ({ outcome: 'convicted', sentence, appealDeadline: '2026-07-01', appealInformationGiven: true });

describe('KP-JUS-05 counsel as plain words', () => {
  it('reads words saying there is no counsel as not appointed, and a name as appointed counsel', () => {
    for (const none of ['none', 'None.', 'no', 'N/A', 'n/a', 'not appointed', 'not appointed yet', 'not yet appointed', 'pending', 'Pending appointment', 'to be appointed', 'unknown', 'TBD', '', '   ', 'no lawyer yet', 'awaiting legal aid', 'requested', 'aucun', 'en attente', 'not yet', 'waived', 'declined by the accused', 'absent', 'denied', 'not available', 'unavailable', 'no-one', 'null', 'refused by the accused', 'state-appointed lawyer not present']) {
      expect(counselFromText(none), JSON.stringify(none)).toEqual({ appointed: false });
    }
    for (const name of ['Me Claire Dupont', 'Noé Martin', 'Nil Ayhan', 'Karim Said (legal aid)', 'court-appointed lawyer']) {
      expect(counselFromText(name), name).toEqual({ appointed: true, name });
    }
    const parse = (counsel: unknown) => (legal.commands['CHARGE']!.data.parse(charge({ counsel })) as { counsel: unknown }).counsel;
    expect(parse('none')).toEqual({ appointed: false });
    expect(parse('')).toEqual({ appointed: false });
    expect(parse('Me Claire Dupont')).toEqual({ appointed: true, name: 'Me Claire Dupont' });
  });

  it('refuses a charge whose counsel is "none" or "not appointed yet" (KP-JUS-05); allows one naming the counsel', () => {
    const w = investigating(adult());
    for (const counsel of ['none', 'not appointed yet', 'pending']) {
      const d = w.send('p1', legalOfficer, 'legal', 'CHARGE', charge({ counsel }));
      expect(failedRules(d), counsel).toEqual(['KP-JUS-05']);
      expect(verdictOf(d, 'KP-JUS-05')).toMatchObject({ severity: 'block', reason: expect.stringContaining('no legal counsel appointed') });
    }
    expect(w.instance('p1', 'legal')?.state).toBe('investigation');
    const named = w.send('p1', legalOfficer, 'legal', 'CHARGE', charge({ counsel: 'Me Claire Dupont' }));
    expect(named.kind).toBe('applied');
    expect(verdictOf(named, 'KP-JUS-05')?.ok).toBe(true);
    expect((w.instance('p1', 'legal')!.context as unknown as LegalContext).fairTrial?.counsel).toEqual({ appointed: true, name: 'Me Claire Dupont' });
  });
});

describe('KP-JUS-04 sentences as plain words', () => {
  it('never reads the execution of a sentence as a death sentence; reads death-penalty words as death', () => {
    expect(sentenceFromText('execution of the sentence suspended')).toMatchObject({ kind: 'non_custodial' });
    expect(sentenceFromText('3 years\' imprisonment, execution suspended')).toMatchObject({ kind: 'non_custodial', months: 36 });
    expect(sentenceFromText('2 years\' imprisonment, sentence executed in a juvenile facility')).toMatchObject({ kind: 'imprisonment', months: 24 });
    for (const death of ['sentenced to death', 'death by hanging', 'capital punishment', 'the death penalty', 'peine de mort', 'condamné à mort', 'الإعدام شنقا']) {
      expect(sentenceFromText(death).kind, death).toBe('death');
    }
  });
  it('reads life imprisonment with parole recorded only when the words say so', () => {
    expect(sentenceFromText('life imprisonment')).toEqual({ kind: 'life', details: 'life imprisonment' });
    expect(sentenceFromText('life imprisonment with the possibility of parole after 20 years')).toMatchObject({ kind: 'life', parole: true });
    expect(sentenceFromText('life imprisonment without parole')).toMatchObject({ kind: 'life_without_parole' });
    // A negation before the parole word is life without parole, never "parole possible".
    for (const lwop of ['life imprisonment, not eligible for parole', 'life, no parole possible', 'life imprisonment with no possibility of parole', 'life imprisonment, ineligible for release', 'life, never to be released']) {
      expect(sentenceFromText(lwop), lwop).toMatchObject({ kind: 'life_without_parole' });
    }
    expect(sentenceFromText('life in prison with parole possible after 15 years')).toMatchObject({ kind: 'life', parole: true });
  });

  it('an "execution suspended" sentence for an act under 18 is recorded, not refused as a death sentence', () => {
    const d = chargedForChildAct().send('p1', legalOfficer, 'legal', 'RECORD_JUDGMENT', judgment('2 years\' imprisonment, execution of the sentence suspended'));
    expect(d.kind).toBe('applied');
    expect(verdictOf(d, 'KP-JUS-04')?.ok).toBe(true);
  });

  it('flags (WARN) "life imprisonment" from text for an act under 18, parole not recorded', () => {
    const d = chargedForChildAct().send('p1', legalOfficer, 'legal', 'RECORD_JUDGMENT', judgment('life imprisonment'));
    expect(d.kind).toBe('applied');
    expect(verdictOf(d, 'KP-JUS-04')).toMatchObject({ ok: false, severity: 'warn', reason: expect.stringContaining('whether parole is possible is not recorded') });
  });

  it('refuses it where the law in force allows life without parole for minors; allows it with parole recorded', () => {
    const w = chargedForChildAct(lwopForMinors());
    const d = w.send('p1', legalOfficer, 'legal', 'RECORD_JUDGMENT', judgment('life imprisonment'));
    expect(failedRules(d)).toEqual(['KP-JUS-04']);
    expect(verdictOf(d, 'KP-JUS-04')?.reason).toContain('DE law allows life without parole for minors');
    expect(w.instance('p1', 'legal')?.state).toBe('charged');
    expect(failedRules(w.send('p1', legalOfficer, 'legal', 'RECORD_JUDGMENT', judgment({ kind: 'life', parole: false })))).toEqual(['KP-JUS-04']);
    const paroled = w.send('p1', legalOfficer, 'legal', 'RECORD_JUDGMENT', judgment('life imprisonment with the possibility of parole after 15 years'));
    expect(paroled.kind).toBe('applied');
    expect(verdictOf(paroled, 'KP-JUS-04')).toMatchObject({ ok: true });
  });

  it('life imprisonment for an adult act is not a KP-JUS-04 matter', () => {
    const w = investigating(adult());
    expect(w.send('p1', legalOfficer, 'legal', 'CHARGE', charge()).kind).toBe('applied');
    const d = w.send('p1', legalOfficer, 'legal', 'RECORD_JUDGMENT', judgment('life imprisonment'));
    expect(d.kind).toBe('applied');
    expect(verdictOf(d, 'KP-JUS-04')?.ok).toBe(true);
  });
});

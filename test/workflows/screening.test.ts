import { getShortestPaths, getSimplePaths } from '@xstate/graph';
import { describe, expect, it } from 'vitest';
import { screening } from '../../workflows/screening/index.ts';
import { leafOf } from '../../workflows/states.ts';
import { AT, World, boundedSerialize, caseworker, caseworker2, childFacts, evidence, facts, graphEvents, newCase, supervisor, verdictOf } from '../support/builders.ts';

const interview = { participants: [{ role: 'screening_officer' }], appropriateAdultPresent: false, femaleInterviewerOffered: true, language: 'ar', interpreter: false };
const childInterview = { ...interview, participants: [{ role: 'child_protection' }], appropriateAdultPresent: true };
const assessment = (extra: Record<string, unknown> = {}) => ({
  victimIndicators: [],
  referrals: [],
  affiliation: { level: 'none', evidenceIds: [] },
  ageGenderConsiderations: 'assessed with age and gender in mind',
  outcome: 'victim',
  ...extra,
});

function started(f = facts(), ev = [evidence('ev-own', 'own_conduct'), evidence('ev-family', 'family_member'), evidence('ev-place', 'location_or_residence'), evidence('ev-torture', 'own_conduct', 'alleged')]) {
  const w = new World();
  w.add(newCase('c1', f, ev));
  expect(w.send('c1', caseworker, 'screening', 'START').kind).toBe('applied');
  return w;
}

function submitted() {
  const w = started();
  w.send('c1', caseworker, 'screening', 'RECORD_INTERVIEW', interview);
  w.send('c1', caseworker, 'screening', 'RECORD_ASSESSMENT', assessment());
  expect(w.send('c1', caseworker, 'screening', 'SUBMIT').kind).toBe('applied');
  return w;
}

describe('KP-SCR-01 own individual record', () => {
  it('allows a submission that rests on the person\'s own assessment', () => {
    const w = started();
    w.send('c1', caseworker, 'screening', 'RECORD_INTERVIEW', interview);
    w.send('c1', caseworker, 'screening', 'RECORD_ASSESSMENT', assessment());
    const d = w.send('c1', caseworker, 'screening', 'SUBMIT');
    expect(d.kind).toBe('applied');
    expect(verdictOf(d, 'KP-SCR-01')?.ok).toBe(true);
  });
  it('refuses to submit without an assessment of this person', () => {
    const w = started();
    w.send('c1', caseworker, 'screening', 'RECORD_INTERVIEW', interview);
    const d = w.send('c1', caseworker, 'screening', 'SUBMIT');
    expect(d.kind).toBe('refused');
    expect(d.kind === 'refused' && d.failed.map((v) => v.rule)).toContain('KP-SCR-01');
  });
  it('refuses an assessment citing evidence from another person\'s record', () => {
    const w = started();
    const d = w.send('c1', caseworker, 'screening', 'RECORD_ASSESSMENT', assessment({ affiliation: { level: 'suspected', evidenceIds: ['ev-of-husband'] }, outcome: 'victim_and_suspect' }));
    expect(d.kind === 'refused' && d.failed.map((v) => v.rule)).toContain('KP-SCR-01');
  });
});

describe('KP-SCR-02 person-specific evidence', () => {
  it('allows a suspicion resting on the person\'s own conduct', () => {
    const d = started().send('c1', caseworker, 'screening', 'RECORD_ASSESSMENT', assessment({ affiliation: { level: 'suspected', evidenceIds: ['ev-own', 'ev-family'] }, outcome: 'victim_and_suspect' }));
    expect(d.kind).toBe('applied');
    expect(verdictOf(d, 'KP-SCR-02')?.ok).toBe(true);
  });
  it('refuses a suspicion resting only on family links and place of residence', () => {
    const d = started().send('c1', caseworker, 'screening', 'RECORD_ASSESSMENT', assessment({ affiliation: { level: 'established', evidenceIds: ['ev-family', 'ev-place'] }, outcome: 'victim_and_suspect' }));
    expect(d.kind).toBe('refused');
    expect(d.kind === 'refused' && d.failed.map((v) => v.rule)).toEqual(['KP-SCR-02']);
  });
});

describe('structured verdicts of the screening rules (issue 16.1)', () => {
  it('KP-SCR-02 names the evidence it weighed and what would allow; KP-SCR-05 never quotes the interview language', () => {
    const refused = started().send('c1', caseworker, 'screening', 'RECORD_ASSESSMENT', assessment({ affiliation: { level: 'established', evidenceIds: ['ev-family', 'ev-place'] }, outcome: 'victim_and_suspect' }));
    expect(verdictOf(refused, 'KP-SCR-02')).toMatchObject({ ok: false, code: 'KP-SCR-02.not_specific', evidenceIds: ['ev-family', 'ev-place'], toAllow: [{ code: 'KP-SCR-02.allow_specific' }] });
    const allowed = started().send('c1', caseworker, 'screening', 'RECORD_ASSESSMENT', assessment({ affiliation: { level: 'suspected', evidenceIds: ['ev-own'] }, outcome: 'victim_and_suspect' }));
    expect(verdictOf(allowed, 'KP-SCR-02')).toMatchObject({ ok: true, code: 'KP-SCR-02.specific', evidenceIds: ['ev-own'] });
    const d = started(childFacts()).send('c1', caseworker, 'screening', 'RECORD_INTERVIEW', { ...childInterview, appropriateAdultPresent: false, language: 'a dialect spoken by the family' });
    const v = verdictOf(d, 'KP-SCR-05');
    expect(v).toMatchObject({ ok: false, code: 'KP-SCR-05.no_appropriate_adult', toAllow: [{ code: 'KP-SCR-05.allow_safeguards' }] });
    expect(JSON.stringify(v)).not.toContain('dialect');
  });
});

describe('KP-SCR-03 victim indicators produce referrals (WARN)', () => {
  it('passes when each indicator has a referral', () => {
    const d = started().send('c1', caseworker, 'screening', 'RECORD_ASSESSMENT', assessment({ victimIndicators: ['trafficking'], referrals: ['trafficking_support'] }));
    expect(verdictOf(d, 'KP-SCR-03')?.ok).toBe(true);
  });
  it('warns, without refusing, when an indicator has no referral', () => {
    const d = started().send('c1', caseworker, 'screening', 'RECORD_ASSESSMENT', assessment({ victimIndicators: ['coercion'], referrals: [] }));
    expect(d.kind).toBe('applied');
    expect(verdictOf(d, 'KP-SCR-03')).toMatchObject({ ok: false, severity: 'warn' });
  });
});

describe('KP-SCR-04 children on the protection track', () => {
  it('allows a child\'s assessment that refers to child protection', () => {
    const w = started(childFacts());
    const d = w.send('c1', caseworker, 'screening', 'RECORD_ASSESSMENT', assessment({ referrals: ['child_protection'] }));
    expect(d.kind).toBe('applied');
    expect(verdictOf(d, 'KP-SCR-04')?.ok).toBe(true);
  });
  it('refuses a child\'s assessment with no protection referral', () => {
    const d = started(childFacts()).send('c1', caseworker, 'screening', 'RECORD_ASSESSMENT', assessment());
    expect(d.kind === 'refused' && d.failed.map((v) => v.rule)).toContain('KP-SCR-04');
  });
  it('treats a person whose age range straddles 18 as a child', () => {
    const straddling = facts({ dob: { earliest: '2007-01-01', latest: '2009-12-31', method: 'holistic', confidence: 'medium' }, sex: 'male' });
    const d = started(straddling).send('c1', caseworker, 'screening', 'RECORD_ASSESSMENT', assessment());
    expect(d.kind === 'refused' && d.failed.map((v) => v.rule)).toContain('KP-SCR-04');
  });
});

describe('KP-SCR-05 interview safeguards', () => {
  it('allows a child interview with child-protection staff and an appropriate adult', () => {
    const d = started(childFacts()).send('c1', caseworker, 'screening', 'RECORD_INTERVIEW', childInterview);
    expect(d.kind).toBe('applied');
  });
  it('refuses a child interview without an appropriate adult', () => {
    const d = started(childFacts()).send('c1', caseworker, 'screening', 'RECORD_INTERVIEW', { ...childInterview, appropriateAdultPresent: false });
    expect(d.kind === 'refused' && d.failed[0]).toMatchObject({ rule: 'KP-SCR-05', reason: expect.stringContaining('appropriate adult') });
  });
  it('refuses a woman\'s interview where no female interviewer was offered', () => {
    const d = started().send('c1', caseworker, 'screening', 'RECORD_INTERVIEW', { ...interview, femaleInterviewerOffered: false });
    expect(d.kind === 'refused' && d.failed.map((v) => v.rule)).toEqual(['KP-SCR-05']);
  });
  it('refuses an interview in a language the person does not understand without an interpreter', () => {
    const d = started().send('c1', caseworker, 'screening', 'RECORD_INTERVIEW', { ...interview, personUnderstandsLanguage: false });
    expect(d.kind === 'refused' && d.failed.map((v) => v.rule)).toEqual(['KP-SCR-05']);
  });
  it('allows an emergency interview only with a written justification (JUSTIFY)', () => {
    const w = started(childFacts());
    const bare = w.send('c1', caseworker, 'screening', 'RECORD_INTERVIEW', { ...childInterview, appropriateAdultPresent: false, emergency: true });
    expect(bare.kind === 'refused' && bare.failed[0]).toMatchObject({ rule: 'KP-SCR-05', severity: 'justify' });
    const justified = w.send('c1', caseworker, 'screening', 'RECORD_INTERVIEW', { ...childInterview, appropriateAdultPresent: false, emergency: true }, { justification: 'medical evacuation in progress, no guardian reachable' });
    expect(justified.kind).toBe('applied');
  });
  it('refuses to submit a screening with no interview', () => {
    const w = started();
    w.send('c1', caseworker, 'screening', 'RECORD_ASSESSMENT', assessment());
    const d = w.send('c1', caseworker, 'screening', 'SUBMIT');
    expect(d.kind === 'refused' && d.failed.map((v) => v.rule)).toEqual(['KP-SCR-05']);
  });
});

describe('KP-GEN-01 survivor-centred SGBV screening (WARN)', () => {
  const survivor = facts({ vulnerabilities: ['sgbv_survivor'] });
  it('passes an SGBV referral made with consent', () => {
    const d = started(survivor).send('c1', caseworker, 'screening', 'RECORD_ASSESSMENT', assessment({ victimIndicators: ['sgbv'], referrals: ['sgbv_support'], sgbvReferralConsent: true }));
    expect(verdictOf(d, 'KP-GEN-01')?.ok).toBe(true);
  });
  it('warns on an SGBV indication without a consented referral, and on repeat interviews', () => {
    const w = started(survivor);
    const d = w.send('c1', caseworker, 'screening', 'RECORD_ASSESSMENT', assessment({ victimIndicators: ['sgbv'], referrals: [] }));
    expect(d.kind).toBe('applied');
    expect(verdictOf(d, 'KP-GEN-01')).toMatchObject({ ok: false, severity: 'warn' });
    w.send('c1', caseworker, 'screening', 'RECORD_INTERVIEW', interview);
    const again = w.send('c1', caseworker, 'screening', 'RECORD_INTERVIEW', interview);
    expect(again.kind).toBe('applied');
    expect(verdictOf(again, 'KP-GEN-01')).toMatchObject({ ok: false, severity: 'warn', reason: expect.stringContaining('again') });
    expect(verdictOf(again, 'KP-GEN-01')).toMatchObject({ code: 'KP-GEN-01.repeat_interview', params: { interviews: 2 }, toAllow: [{ code: 'KP-GEN-01.allow_single_interview' }] });
    expect(verdictOf(d, 'KP-GEN-01')).toMatchObject({ code: 'KP-GEN-01.referral_missing', params: { days: expect.any(Number) }, toAllow: [{ code: 'KP-GEN-01.allow_referral' }] });
  });
});

describe('KP-JUS-06 torture-tainted evidence', () => {
  it('refuses a finding citing evidence under a torture allegation', () => {
    const d = started().send('c1', caseworker, 'screening', 'RECORD_ASSESSMENT', assessment({ affiliation: { level: 'suspected', evidenceIds: ['ev-torture', 'ev-own'] }, outcome: 'victim_and_suspect' }));
    expect(d.kind === 'refused' && d.failed.map((v) => v.rule)).toEqual(['KP-JUS-06']);
  });
  it('allows a finding citing untainted evidence', () => {
    const d = started().send('c1', caseworker, 'screening', 'RECORD_ASSESSMENT', assessment({ affiliation: { level: 'suspected', evidenceIds: ['ev-own'] }, outcome: 'victim_and_suspect' }));
    expect(verdictOf(d, 'KP-JUS-06')?.ok).toBe(true);
  });
});

describe('KP-SYS-03 four-eyes and KP-SYS-01 reasons', () => {
  it('refuses approval by the user who submitted', () => {
    const w = submitted();
    const sameUser = { id: caseworker.id, roles: ['caseworker', 'supervisor'] as const };
    const d = w.send('c1', { ...sameUser, roles: [...sameUser.roles] }, 'screening', 'APPROVE');
    expect(d.kind === 'refused' && d.failed.map((v) => v.rule)).toEqual(['KP-SYS-03']);
  });
  it('allows approval by a different supervisor, then a reasoned reopening', () => {
    const w = submitted();
    const d = w.send('c1', supervisor, 'screening', 'APPROVE');
    expect(d.kind === 'applied' && d.next).toMatchObject({ state: 'completed', outcome: 'victim' });
    expect(verdictOf(d, 'KP-SYS-03')?.ok).toBe(true);
    const reopened = w.send('c1', supervisor, 'screening', 'REOPEN', { reason: 'new evidence about coercion' });
    expect(reopened.kind === 'applied' && reopened.next.state).toBe('in_progress');
    expect(verdictOf(reopened, 'KP-SYS-01')?.ok).toBe(true);
  });
  it('refuses a reopening with an empty reason (KP-SYS-01)', () => {
    const w = submitted();
    w.send('c1', supervisor, 'screening', 'APPROVE');
    expect(() => w.send('c1', supervisor, 'screening', 'REOPEN', { reason: '' })).toThrow();
    const d = w.send('c1', supervisor, 'screening', 'REOPEN', { reason: '   ' });
    expect(d.kind === 'refused' && d.failed.map((v) => v.rule)).toEqual(['KP-SYS-01']);
  });
  it('does not let a second caseworker approve (role) — approval stays with supervisors', () => {
    expect(screening.commands['APPROVE']?.roles).toEqual(['supervisor']);
    expect(caseworker2.roles).not.toContain('supervisor');
  });
});

describe('screening machine paths (@xstate/graph)', () => {
  const data: Record<string, Record<string, unknown>> = {
    RECORD_INTERVIEW: interview,
    RECORD_ASSESSMENT: assessment({ referrals: ['child_protection'] }),
    RETURN: { reason: 'incomplete' },
    REOPEN: { reason: 'new information' },
  };
  const steps = ['START', 'RECORD_INTERVIEW', 'RECORD_ASSESSMENT', 'SUBMIT', 'RETURN', 'APPROVE', 'REOPEN'].map((type) => ({
    type,
    who: ['RETURN', 'APPROVE', 'REOPEN'].includes(type) ? supervisor : caseworker,
    ...(data[type] ? { data: data[type] } : {}),
  }));
  function paths(f = facts()) {
    const w = new World();
    w.add(newCase('c1', f, []));
    return getSimplePaths(screening.machine, { events: graphEvents(w, 'c1', 'screening', steps), serializeState: boundedSerialize, limit: 5000 });
  }

  it('reaches completed, and every path there submits before approval with an interview and assessment', () => {
    const all = paths();
    const done = all.filter((p) => leafOf(screening.machine, p.state.value) === 'completed');
    expect(done.length).toBeGreaterThan(0);
    for (const p of done) {
      const types = p.steps.map((s) => s.event.type);
      expect(types.indexOf('SUBMIT')).toBeGreaterThan(-1);
      expect(types.indexOf('SUBMIT')).toBeLessThan(types.lastIndexOf('APPROVE'));
      expect(types).toContain('RECORD_INTERVIEW');
      expect(types).toContain('RECORD_ASSESSMENT');
    }
  });
  it('has no path to completed for a child whose only interview lacks an appropriate adult', () => {
    const all = paths(childFacts());
    expect(all.some((p) => leafOf(screening.machine, p.state.value) === 'completed')).toBe(false);
    expect(getShortestPaths(screening.machine, { events: [] }).length).toBeGreaterThan(0);
  });
  it('takes the moment as input, never the clock', () => {
    expect(AT).toMatch(/^\d{4}-/);
  });
});

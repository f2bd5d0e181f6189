import { describe, expect, it } from 'vitest';
import { effectiveDateOfBirth, isChildAt } from '../../workflows/rules/facts.ts';
import { AT, World, caseworker, facts, newCase, supervisor, verdictOf } from '../support/builders.ts';

const range = { earliest: '2007-06-01', latest: '2009-06-01', method: 'holistic', confidence: 'medium' };
const assessors = [{ name: 'A', discipline: 'social_work' }, { name: 'B', discipline: 'paediatrics' }];

function world() {
  const w = new World();
  w.add(newCase('p1', facts({ dob: { exact: '2000-01-01' }, sex: 'male' })));
  return w;
}

describe('KP-AGE-04 holistic age assessment', () => {
  it('allows a multidisciplinary assessment with several methods', () => {
    const d = world().send('p1', caseworker, 'age_assessment', 'RECORD_AGE', { methods: ['interview', 'documents', 'dental_xray'], dateOfBirth: range, assessors });
    expect(d.kind).toBe('applied');
    expect(verdictOf(d, 'KP-AGE-04')?.ok).toBe(true);
  });
  it('refuses a single method such as a wrist X-ray', () => {
    const d = world().send('p1', caseworker, 'age_assessment', 'RECORD_AGE', { methods: ['wrist_xray'], dateOfBirth: range, assessors });
    expect(d.kind === 'refused' && d.failed).toEqual([expect.objectContaining({ rule: 'KP-AGE-04', severity: 'block' })]);
  });
  it('refuses medical methods alone, and a single discipline', () => {
    const w = world();
    const medical = w.send('p1', caseworker, 'age_assessment', 'RECORD_AGE', { methods: ['wrist_xray', 'dental_xray'], dateOfBirth: range, assessors });
    expect(medical.kind === 'refused' && medical.failed[0]?.rule).toBe('KP-AGE-04');
    const oneDiscipline = w.send('p1', caseworker, 'age_assessment', 'RECORD_AGE', { methods: ['interview', 'documents'], dateOfBirth: range, assessors: [assessors[0]] });
    expect(oneDiscipline.kind === 'refused' && oneDiscipline.failed[0]?.rule).toBe('KP-AGE-04');
  });
  it('a confirmed range replaces the recorded date of birth, with the benefit of the doubt', () => {
    const w = world();
    expect(isChildAt(w.get('p1'), AT)).toBe(false);
    w.send('p1', caseworker, 'age_assessment', 'RECORD_AGE', { methods: ['interview', 'documents'], dateOfBirth: range, assessors });
    // Recorded but not yet confirmed: the case facts still count.
    expect(effectiveDateOfBirth(w.get('p1'))).toEqual({ exact: '2000-01-01' });
    const self = w.send('p1', { id: caseworker.id, roles: ['supervisor'] }, 'age_assessment', 'CONFIRM');
    expect(self.kind === 'refused' && self.failed[0]?.rule).toBe('KP-SYS-03');
    const confirmed = w.send('p1', supervisor, 'age_assessment', 'CONFIRM');
    expect(confirmed.kind === 'applied' && confirmed.next.outcome).toBe('confirmed');
    // Youngest plausible age on 2026-06-01 with a latest birth date of 2009-06-01 is 17: a child.
    expect(isChildAt(w.get('p1'), AT)).toBe(true);
  });
});

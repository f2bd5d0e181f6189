import { describe, expect, it } from 'vitest';
import {
  addDays,
  ageStraddles18,
  birthRange,
  calendarDate,
  completedYears,
  daysBetween,
  isCalendarDate,
  isChild,
  latestEighteenthBirthday,
  oldestAge,
  youngestAge,
  youngestAgeAtAct,
} from '../../workflows/age.ts';

const estimate = (earliest: string, latest: string) => ({ earliest, latest, method: 'holistic', confidence: 'medium' });

describe('age arithmetic (workflows/age.ts)', () => {
  it('validates calendar dates and cuts instants to their UTC date', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2023-02-29')).toBe(false);
    expect(isCalendarDate('2024-13-01')).toBe(false);
    expect(isCalendarDate('24-01-01')).toBe(false);
    expect(calendarDate('2026-06-01T23:59:59.000Z')).toBe('2026-06-01');
  });
  it('counts completed years for an exact date of birth', () => {
    const dob = { exact: '2008-06-02' };
    expect(youngestAge(dob, '2026-06-01')).toBe(17);
    expect(youngestAge(dob, '2026-06-02')).toBe(18);
    expect(oldestAge(dob, '2026-06-02')).toBe(18);
    expect(birthRange(dob)).toEqual({ earliest: '2008-06-02', latest: '2008-06-02' });
  });
  it('uses the latest plausible birth date for the youngest age and the earliest for the oldest', () => {
    const dob = estimate('2006-01-01', '2009-12-31');
    expect(youngestAge(dob, '2026-06-01')).toBe(16);
    expect(oldestAge(dob, '2026-06-01')).toBe(20);
    expect(isChild(dob, '2026-06-01')).toBe(true);
  });
  it('a 29 February birthday completes a year on 1 March in common years', () => {
    expect(completedYears('2008-02-29', '2026-02-28')).toBe(17);
    expect(completedYears('2008-02-29', '2026-03-01')).toBe(18);
    expect(completedYears('2008-02-29', '2028-02-29')).toBe(20);
    expect(latestEighteenthBirthday({ exact: '2008-02-29' })).toBe('2026-03-01');
    expect(isChild({ exact: '2008-02-29' }, '2026-02-28')).toBe(true);
    expect(isChild({ exact: '2008-02-29' }, '2026-03-01')).toBe(false);
  });
  it('age at an act: latest plausible birth date against the earliest plausible act date', () => {
    const dob = estimate('2000-01-01', '2003-12-31');
    expect(youngestAgeAtAct(dob, { earliest: '2018-01-01', latest: '2019-12-31' })).toBe(14);
    expect(youngestAgeAtAct({ exact: '2002-01-01' }, { earliest: '2017-06-01', latest: '2017-08-01' })).toBe(15);
    // An act range starting before the latest plausible birth date gives a negative age: below any MACR.
    expect(youngestAgeAtAct(dob, { earliest: '2003-06-01', latest: '2004-06-01' })).toBe(-1);
  });
  it('detects ranges straddling 18', () => {
    const dob = estimate('2007-01-01', '2009-12-31');
    expect(ageStraddles18(dob, '2026-06-01')).toBe(true);
    expect(isChild(dob, '2026-06-01')).toBe(true);
    expect(ageStraddles18({ exact: '2007-01-01' }, '2026-06-01')).toBe(false);
    expect(ageStraddles18(estimate('2000-01-01', '2001-01-01'), '2026-06-01')).toBe(false);
  });
  it('turning 18 mid-process: the latest 18th birthday comes from the latest plausible birth date', () => {
    const dob = estimate('2007-03-15', '2008-09-30');
    const eighteen = latestEighteenthBirthday(dob);
    expect(eighteen).toBe('2026-09-30');
    expect(isChild(dob, addDays(eighteen, -1))).toBe(true);
    expect(isChild(dob, eighteen)).toBe(false);
    expect(daysBetween('2026-06-01', eighteen)).toBe(121);
    // Child-justice protections still attach to an act committed before that date.
    expect(youngestAgeAtAct(dob, { earliest: '2026-06-01', latest: '2026-06-01' })).toBe(17);
  });
  it('adds days across month and leap-year boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2026-06-01T10:00:00.000Z', 14)).toBe('2026-06-15');
    expect(daysBetween('2026-06-15', '2026-06-01')).toBe(-14);
  });
});

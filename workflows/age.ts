/**
 * Age arithmetic with the benefit of the doubt (KP-AGE-01, KP-AGE-04; DOMAIN.md §5.1, §5.17).
 * Dates are calendar dates `YYYY-MM-DD`; instants are cut to their UTC calendar date.
 * Nothing here reads the clock: the moment of evaluation is always passed in.
 */
export type IsoDate = string;

export type DateOfBirth =
  | { readonly exact: IsoDate }
  | { readonly earliest: IsoDate; readonly latest: IsoDate; readonly method?: string; readonly confidence?: string };

export interface DateRange {
  readonly earliest: IsoDate;
  readonly latest: IsoDate;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date (rejects 2023-02-29, 2024-13-01 ...). */
export function isCalendarDate(value: string): boolean {
  const m = ISO.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** The calendar date of an ISO instant or date. */
export function calendarDate(instantOrDate: string): IsoDate {
  return instantOrDate.slice(0, 10);
}

function parts(date: IsoDate): [number, number, number] {
  const m = ISO.exec(calendarDate(date));
  if (!m) throw new RangeError(`not an ISO date: ${date}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** The range of plausible birth dates: an exact date is a range of one day. */
export function birthRange(dob: DateOfBirth): DateRange {
  return 'exact' in dob ? { earliest: dob.exact, latest: dob.exact } : { earliest: dob.earliest, latest: dob.latest };
}

/**
 * Completed years between a birth date and a date. Someone born on 29 February completes a year
 * on 1 March in common years: the later of the two candidate days, so the doubt favours youth.
 */
export function completedYears(birth: IsoDate, on: IsoDate): number {
  const [by, bm, bd] = parts(birth);
  const [y, m, d] = parts(on);
  let years = y - by;
  if (m < bm || (m === bm && d < bd)) years -= 1;
  return years;
}

/** The youngest plausible age on a date: counted from the latest plausible birth date. */
export function youngestAge(dob: DateOfBirth, on: IsoDate): number {
  return completedYears(birthRange(dob).latest, on);
}

/** The oldest plausible age on a date: counted from the earliest plausible birth date. */
export function oldestAge(dob: DateOfBirth, on: IsoDate): number {
  return completedYears(birthRange(dob).earliest, on);
}

/** A person is treated as a child while any plausible birth date makes them under 18 (KP-AGE-04). */
export function isChild(dob: DateOfBirth, on: IsoDate): boolean {
  return youngestAge(dob, on) < 18;
}

/** True when the plausible ages on a date straddle 18: the person may be a child or an adult. */
export function ageStraddles18(dob: DateOfBirth, on: IsoDate): boolean {
  return youngestAge(dob, on) < 18 && oldestAge(dob, on) >= 18;
}

/**
 * The youngest plausible age at an alleged act: the latest plausible birth date against the
 * earliest plausible act date (KP-AGE-01, DOMAIN.md §5.17).
 */
export function youngestAgeAtAct(dob: DateOfBirth, act: DateRange): number {
  return completedYears(birthRange(dob).latest, act.earliest);
}

/** The latest date on which the person can have turned 18 (DOMAIN.md §5.2). */
export function latestEighteenthBirthday(dob: DateOfBirth): IsoDate {
  const [y, m, d] = parts(birthRange(dob).latest);
  if (m === 2 && d === 29) return `${y + 18}-03-01`;
  return `${String(y + 18).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Whole days from one date or instant to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const [fy, fm, fd] = parts(from);
  const [ty, tm, td] = parts(to);
  return Math.round((Date.UTC(ty, tm - 1, td) - Date.UTC(fy, fm - 1, fd)) / 86_400_000);
}

/** A date plus whole days. */
export function addDays(date: string, days: number): IsoDate {
  const key = `${calendarDate(date)}|${days}`;
  let out = shifted.get(key);
  if (out === undefined) {
    const [y, m, d] = parts(date);
    out = new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
    if (shifted.size >= 10_000) shifted.clear();
    shifted.set(key, out);
  }
  return out;
}
/** Task derivation shifts the same few dates at up to 16 sample dates per command (issue 13): remembered, bounded. */
const shifted = new Map<string, IsoDate>();

export const AGE_METHODS = [
  'interview',
  'documents',
  'psychosocial',
  'developmental',
  'family_testimony',
  'physical_examination',
  'dental_xray',
  'wrist_xray',
  'other_medical',
] as const;
/** Medical methods: none of them may decide an age on its own (N.B.F. v. Spain). */
export const MEDICAL_AGE_METHODS: ReadonlySet<string> = new Set(['physical_examination', 'dental_xray', 'wrist_xray', 'other_medical']);

/** A coarse age band in place of a hidden date of birth (youngest plausible age). */
export type AgeBand = '0-4' | '5-11' | '12-14' | '15-17' | '18+';

export function ageBand(age: number): AgeBand {
  if (age < 5) return '0-4';
  if (age < 12) return '5-11';
  if (age < 15) return '12-14';
  if (age < 18) return '15-17';
  return '18+';
}

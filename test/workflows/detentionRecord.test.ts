import { describe, expect, it } from 'vitest';
import type { Decision } from '../../workflows/decide.ts';
import { detention, type DetentionContext } from '../../workflows/machines/detention.ts';
import { DEFAULT_SETTINGS } from '../../workflows/settings.ts';
import { AT, World, facts, legalOfficer, newCase, supervisor, verdictOf } from '../support/builders.ts';

/**
 * RECORD_DETENTION: a deprivation of liberty ordered by another authority is recorded as it is
 * (DOMAIN.md §5.10: a boy moved to an adult prison), its breaches flagged as warnings
 * (KP-DET-01, -03, -04) and escalated as a task, never refused and so left unrecorded.
 */
const failedRules = (d: Decision) => (d.kind === 'refused' ? d.failed.map((v) => v.rule) : []);
const warnings = (d: Decision) => ('verdicts' in d ? d.verdicts.filter((v) => !v.ok).map((v) => [v.rule, v.severity]) : []);
const adultPrison = { facility: { name: 'Central prison', kind: 'prison' }, detainingAuthority: 'host State prison service', since: '2026-05-20', separateFromAdults: false };

function world(dob = '2011-02-01', sex: 'male' | 'female' = 'male') {
  const w = new World();
  w.add(newCase('p1', facts({ dob: { exact: dob }, sex, location: { kind: 'detention', name: 'Central prison', state: 'SY', closed: true } })));
  return w;
}
const tasks = (w: World) => detention.tasks?.(w.instance('p1', 'detention')!, w.get('p1'), DEFAULT_SETTINGS, AT) ?? [];
const ctxOf = (w: World) => w.instance('p1', 'detention')!.context as unknown as DetentionContext;

describe('RECORD_DETENTION: a detention ordered by another authority', () => {
  it('records a boy held with adults, for mere association, with no known legal basis: flagged (warn), not refused', () => {
    const w = world();
    const d = w.send('p1', legalOfficer, 'detention', 'RECORD_DETENTION', { ...adultPrison, grounds: ['association'] });
    expect(d.kind).toBe('applied');
    expect(warnings(d)).toEqual([
      ['KP-DET-01', 'warn'],
      ['KP-DET-03', 'warn'],
      ['KP-DET-04', 'warn'],
    ]);
    expect(verdictOf(d, 'KP-DET-03')?.reason).toContain('a child held with adults who are not a recorded parent or caregiver');
    expect(verdictOf(d, 'KP-DET-04')?.reason).toContain('mere association or membership');
    expect(w.instance('p1', 'detention')).toMatchObject({ state: 'detained', outcome: 'detained' });
    expect(ctxOf(w).current).toMatchObject({ separateFromAdults: false, startedAt: '2026-05-20', childAtStart: true, recorded: { authority: 'host State prison service', since: '2026-05-20' } });
  });

  it('escalates the adult-separation failure to the supervisor at once, with the return prioritised; reviews are due as for any detention', () => {
    const w = world();
    w.send('p1', legalOfficer, 'detention', 'RECORD_DETENTION', adultPrison);
    expect(tasks(w)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'adult_separation_failure', role: 'supervisor', rule: 'KP-DET-03', due: '2026-05-20', summary: expect.stringContaining('return prioritised') }),
        expect.objectContaining({ kind: 'detention_review', role: 'legal_officer', rule: 'KP-DET-02' }),
      ]),
    );
  });

  it('records a move while detained: the earlier place goes to the history; a move to a juvenile unit ends the escalation', () => {
    const w = world();
    w.send('p1', supervisor, 'detention', 'RECORD_DETENTION', { ...adultPrison, facility: { name: 'Juvenile unit', kind: 'juvenile_centre' }, since: '2026-03-01', separateFromAdults: true, legalBasis: { kind: 'security', reference: 'order 4' } });
    expect(tasks(w).some((t) => t.kind === 'adult_separation_failure')).toBe(false);
    const moved = w.send('p1', legalOfficer, 'detention', 'RECORD_DETENTION', adultPrison);
    expect(moved.kind).toBe('applied');
    expect(ctxOf(w).history).toEqual([expect.objectContaining({ facility: { name: 'Juvenile unit', kind: 'juvenile_centre' }, endReason: 'moved to Central prison', endType: 'RECORD_DETENTION' })]);
    expect(tasks(w).some((t) => t.kind === 'adult_separation_failure')).toBe(true);
    w.send('p1', legalOfficer, 'detention', 'RECORD_DETENTION', { ...adultPrison, facility: { name: 'Juvenile unit', kind: 'juvenile_centre' }, since: '2026-06-01', separateFromAdults: true });
    expect(tasks(w).some((t) => t.kind === 'adult_separation_failure')).toBe(false);
    expect(ctxOf(w).history).toHaveLength(2);
  });

  it('an adult held in a prison with a known basis is recorded without any flag; DETAIN keeps refusing what this organisation may not order', () => {
    const man = world('1980-01-01');
    const d = man.send('p1', legalOfficer, 'detention', 'RECORD_DETENTION', { ...adultPrison, legalBasis: { kind: 'pretrial', reference: 'order 7' }, grounds: ['suspected_offence'] });
    expect(d.kind).toBe('applied');
    expect(warnings(d)).toEqual([]);
    expect(tasks(man).some((t) => t.kind === 'adult_separation_failure')).toBe(false);
    // An order by this organisation to hold the boy with adults is still refused (KP-DET-03 blocks DETAIN).
    const boy = world();
    const order = boy.send('p1', legalOfficer, 'detention', 'DETAIN', {
      facility: { name: 'Central prison', kind: 'prison' },
      legalBasis: { kind: 'administrative', reference: 'order 9' },
      grounds: ['imminent_security_threat'],
      alternativesConsidered: [{ alternative: 'community supervision', whyUnsuitable: 'none available' }],
      separateFromAdults: false,
      maxEnd: '2026-07-01',
      reviewDueAt: '2026-06-10',
    });
    expect(failedRules(order)).toContain('KP-DET-03');
  });

  it('a woman recorded without her children\'s arrangements is flagged (KP-DET-03, warn)', () => {
    const w = world('1990-01-01', 'female');
    const d = w.send('p1', legalOfficer, 'detention', 'RECORD_DETENTION', { ...adultPrison, facility: { name: 'Women\'s prison', kind: 'prison' }, legalBasis: { kind: 'pretrial', reference: 'order 8' } });
    expect(d.kind).toBe('applied');
    expect(verdictOf(d, 'KP-DET-03')).toMatchObject({ ok: false, severity: 'warn', reason: expect.stringContaining('children are not recorded') });
  });
});

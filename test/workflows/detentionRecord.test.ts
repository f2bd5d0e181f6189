import { describe, expect, it } from 'vitest';
import type { Decision } from '../../workflows/decide.ts';
import { JURISDICTION_SEED } from '../../workflows/jurisdictionSeed.ts';
import { detention } from '../../workflows/detention/index.ts';
import type { DetentionContext } from '../../workflows/detention/model.ts';
import type { LegalContext, RecordedCharge } from '../../workflows/legal/model.ts';
import type { CaseView } from '../../workflows/rules/types.ts';
import { DEFAULT_SETTINGS } from '../../workflows/settings.ts';
import { World, caseworker, evidence, facts, legalOfficer, legalOfficer2, newCase, supervisor, supervisor2, verdictOf } from '../support/builders.ts';

/**
 * RECORD_DETENTION: a deprivation of liberty ordered by another authority is recorded as it is
 * (DOMAIN.md §5.10: a boy moved to an adult prison), its breaches flagged as warnings
 * (KP-SCR-01, KP-DET-01..04, KP-AGE-02) and each escalated as a task, never refused and so left
 * unrecorded. It is no way around a refused DETAIN (KP-DET-01), and a move while detained changes
 * only the place: never the maximum, the review chain, the approvals or the legal basis (KP-DET-02,
 * KP-DET-01).
 */
const failedRules = (d: Decision) => (d.kind === 'refused' ? d.failed.map((v) => v.rule) : []);
const warnings = (d: Decision) => ('verdicts' in d ? d.verdicts.filter((v) => !v.ok).map((v) => [v.rule, v.severity]) : []);
const adultPrison = { facility: { name: 'Central prison', kind: 'prison' }, detainingAuthority: 'host State prison service', orderedBy: 'other_authority', since: '2026-05-20', separateFromAdults: false };
const juvenileUnit = { ...adultPrison, facility: { name: 'Juvenile unit', kind: 'juvenile_centre' }, separateFromAdults: true };

function world(dob = '2011-02-01', sex: 'male' | 'female' = 'male', opts: { screened?: boolean } = {}) {
  const w = new World({ jurisdictions: [...JURISDICTION_SEED] });
  w.add(newCase('p1', facts({ dob: { exact: dob }, sex, location: { kind: 'detention', name: 'Central prison', state: 'SY', closed: true } }), [evidence('ev-own', 'own_conduct')]));
  if (opts.screened) {
    w.send('p1', caseworker, 'screening', 'START');
    const a = w.send('p1', caseworker, 'screening', 'RECORD_ASSESSMENT', { victimIndicators: [], referrals: ['child_protection'], affiliation: { level: 'suspected', evidenceIds: ['ev-own'] }, ageGenderConsiderations: 'considered', outcome: 'victim_and_suspect' });
    expect(a.kind).toBe('applied');
  }
  return w;
}
const tasksOf = (w: World, subject: CaseView = w.get('p1'), at = w.at) => detention.tasks?.(w.instance('p1', 'detention')!, subject, DEFAULT_SETTINGS, at) ?? [];
const kinds = (w: World) => tasksOf(w).map((t) => t.kind);
const ctxOf = (w: World) => w.instance('p1', 'detention')!.context as unknown as DetentionContext;
const stateOf = (w: World) => w.instance('p1', 'detention')!.state;

describe('RECORD_DETENTION: a detention ordered by another authority', () => {
  it('records a boy held with adults, for mere association, with no known legal basis: every breach flagged (warn), not refused', () => {
    const w = world();
    const d = w.send('p1', legalOfficer, 'detention', 'RECORD_DETENTION', { ...adultPrison, grounds: ['association'] });
    expect(d.kind).toBe('applied');
    expect(warnings(d)).toEqual([
      ['KP-SCR-01', 'warn'],
      ['KP-DET-01', 'warn'],
      ['KP-DET-02', 'warn'],
      ['KP-DET-03', 'warn'],
      ['KP-DET-04', 'warn'],
    ]);
    expect(verdictOf(d, 'KP-SCR-01')?.reason).toContain('no individual assessment');
    expect(verdictOf(d, 'KP-DET-01')?.reason).toContain('no known legal basis');
    expect(verdictOf(d, 'KP-DET-02')?.reason).toContain('no known maximum duration');
    expect(verdictOf(d, 'KP-DET-03')?.reason).toContain('a child held with adults who are not a recorded parent or caregiver');
    expect(verdictOf(d, 'KP-DET-04')?.reason).toContain('mere association or membership');
    // Not a criminal detention (no basis known): the MACR check does not apply.
    expect(verdictOf(d, 'KP-AGE-02')).toMatchObject({ ok: true, reason: 'not a criminal detention' });
    expect(w.instance('p1', 'detention')).toMatchObject({ state: 'detained', outcome: 'detained' });
    expect(ctxOf(w).current).toMatchObject({ separateFromAdults: false, startedAt: '2026-05-20', childAtStart: true, approvedBy: null, recorded: { authority: 'host State prison service', since: '2026-05-20' } });
  });

  it('escalates every flagged breach to the supervisor at once (adult separation, no legal basis, prohibited grounds); reviews are due as for any detention', () => {
    const w = world();
    w.send('p1', legalOfficer, 'detention', 'RECORD_DETENTION', { ...adultPrison, grounds: ['association', 'relative_conduct'] });
    expect(tasksOf(w)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'adult_separation_failure', role: 'supervisor', rule: 'KP-DET-03', due: '2026-05-20', summary: expect.stringContaining('return prioritised') }),
        expect.objectContaining({ kind: 'detention_without_legal_basis', role: 'supervisor', rule: 'KP-DET-01', due: '2026-05-20', summary: expect.stringContaining('held by another authority since 2026-05-20') }),
        expect.objectContaining({ kind: 'prohibited_detention_grounds', role: 'supervisor', rule: 'KP-DET-04', due: '2026-05-20', summary: expect.stringMatching(/association, relative conduct/) }),
        expect.objectContaining({ kind: 'detention_review', role: 'legal_officer', rule: 'KP-DET-02' }),
      ]),
    );
  });

  it('escalates only what is wrong: separated, with a legal basis and allowed grounds, a boy\'s record raises no breach task', () => {
    const w = world('2011-02-01', 'male', { screened: true });
    const d = w.send('p1', legalOfficer, 'detention', 'RECORD_DETENTION', { ...juvenileUnit, legalBasis: { kind: 'security', reference: 'internment order 4' }, grounds: ['imminent_security_threat'], maxEnd: '2026-08-01' });
    expect(d.kind).toBe('applied');
    expect(warnings(d)).toEqual([]);
    expect(kinds(w)).toEqual(['detention_review', 'detention_review']);
  });

  it('an adult held with a known basis, screened, is recorded without any flag; DETAIN keeps refusing what this organisation may not order', () => {
    const man = world('1980-01-01', 'male', { screened: true });
    const d = man.send('p1', legalOfficer, 'detention', 'RECORD_DETENTION', { ...adultPrison, legalBasis: { kind: 'administrative', reference: 'order 7' }, grounds: ['suspected_offence'] });
    expect(d.kind).toBe('applied');
    expect(warnings(d)).toEqual([]);
    expect(kinds(man)).toEqual(['detention_review', 'detention_review']);
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
    const d = w.send('p1', legalOfficer, 'detention', 'RECORD_DETENTION', { ...adultPrison, facility: { name: 'Women\'s prison', kind: 'prison' }, legalBasis: { kind: 'administrative', reference: 'order 8' } });
    expect(d.kind).toBe('applied');
    expect(verdictOf(d, 'KP-DET-03')).toMatchObject({ ok: false, severity: 'warn', reason: expect.stringContaining('children are not recorded') });
  });
});

describe('RECORD_DETENTION is no way around DETAIN (KP-DET-01)', () => {
  const refusedDetain = {
    facility: { name: 'Central prison', kind: 'prison' },
    grounds: ['association'],
    separateFromAdults: false,
    maxEnd: '2026-07-01',
    reviewDueAt: '2026-06-10',
  };
  it('refuses a record that does not say another authority ordered it, or says this organisation did', () => {
    const w = world();
    expect(failedRules(w.send('p1', legalOfficer, 'detention', 'DETAIN', refusedDetain))).toEqual(expect.arrayContaining(['KP-DET-01', 'KP-DET-03', 'KP-DET-04']));
    const { orderedBy: _o, ...unsaid } = adultPrison;
    const d = w.send('p1', legalOfficer, 'detention', 'RECORD_DETENTION', unsaid);
    expect(failedRules(d)).toEqual(['KP-DET-01']);
    expect(verdictOf(d, 'KP-DET-01')).toMatchObject({ severity: 'block', reason: expect.stringContaining('orderedBy: other_authority') });
    const own = w.send('p1', legalOfficer, 'detention', 'RECORD_DETENTION', { ...adultPrison, orderedBy: 'this_organisation' });
    expect(failedRules(own)).toEqual(['KP-DET-01']);
    expect(verdictOf(own, 'KP-DET-01')?.reason).toContain('is a DETAIN');
    expect(stateOf(w)).toBe('not_detained');
  });
  it('refuses a detention recorded as beginning in the future: that would be an order, not a record', () => {
    const w = world();
    const d = w.send('p1', legalOfficer, 'detention', 'RECORD_DETENTION', { ...adultPrison, since: '2026-06-15' });
    expect(failedRules(d)).toEqual(['KP-DET-01']);
    expect(verdictOf(d, 'KP-DET-01')?.reason).toContain('a date still to come');
    expect(stateOf(w)).toBe('not_detained');
    // The same record of a detention already begun is applied.
    expect(w.send('p1', legalOfficer, 'detention', 'RECORD_DETENTION', { ...adultPrison, since: '2026-06-01' }).kind).toBe('applied');
  });
});

describe('RECORD_DETENTION KP-DET-02: this organisation\'s review of a recorded detention', () => {
  it('refuses a first review later than the interval, or after the maximum; defaults it to the interval', () => {
    const w = world();
    expect(failedRules(w.send('p1', legalOfficer, 'detention', 'RECORD_DETENTION', { ...juvenileUnit, reviewDueAt: '2026-07-01' }))).toEqual(['KP-DET-02']);
    expect(failedRules(w.send('p1', legalOfficer, 'detention', 'RECORD_DETENTION', { ...juvenileUnit, maxEnd: '2026-06-05', reviewDueAt: '2026-06-10' }))).toEqual(['KP-DET-02']);
    const d = w.send('p1', legalOfficer, 'detention', 'RECORD_DETENTION', { ...juvenileUnit, maxEnd: '2026-09-01' });
    expect(d.kind).toBe('applied');
    expect(verdictOf(d, 'KP-DET-02')?.ok).toBe(true);
    expect(ctxOf(w).current).toMatchObject({ maxEnd: '2026-09-01', reviewDueAt: '2026-06-15' });
  });
  it('flags a child held past the maximum, or beyond the pre-trial limit of the detaining State', () => {
    const past = world();
    const d = past.send('p1', legalOfficer, 'detention', 'RECORD_DETENTION', { ...juvenileUnit, since: '2026-01-01', maxEnd: '2026-05-01' });
    expect(verdictOf(d, 'KP-DET-02')).toMatchObject({ ok: false, severity: 'warn', reason: expect.stringContaining('past the maximum end 2026-05-01') });
    expect(kinds(past)).toContain('detention_max_reached');
    const long = world();
    const l = long.send('p1', legalOfficer, 'detention', 'RECORD_DETENTION', { ...juvenileUnit, jurisdiction: 'DE', legalBasis: { kind: 'pretrial', reference: 'remand order' }, since: '2026-05-01', maxEnd: '2027-05-01' });
    expect(verdictOf(l, 'KP-DET-02')).toMatchObject({ ok: false, severity: 'warn', reason: expect.stringContaining('limit of 180 days') });
  });
});

describe('RECORD_DETENTION KP-AGE-02: another authority\'s criminal detention', () => {
  it('flags (warn) a child held on a criminal basis with no charge to check the age at the act against, and escalates it', () => {
    const w = world('2011-02-01', 'male', { screened: true });
    const d = w.send('p1', legalOfficer, 'detention', 'RECORD_DETENTION', { ...juvenileUnit, jurisdiction: 'DE', legalBasis: { kind: 'pretrial', reference: 'remand order' }, maxEnd: '2026-08-01' });
    expect(d.kind).toBe('applied');
    expect(warnings(d)).toEqual([['KP-AGE-02', 'warn']]);
    expect(verdictOf(d, 'KP-AGE-02')?.reason).toContain('no charge');
    expect(tasksOf(w)).toContainEqual(expect.objectContaining({ kind: 'criminal_detention_macr', role: 'supervisor', rule: 'KP-AGE-02', summary: expect.stringContaining('no charge on record') }));
  });
  it('escalates a criminal detention for an act possibly committed below the applied MACR', () => {
    const w = world('2005-01-01', 'male', { screened: true });
    expect(w.send('p1', legalOfficer, 'detention', 'RECORD_DETENTION', { ...juvenileUnit, legalBasis: { kind: 'sentence', reference: 'judgment 12' }, maxEnd: '2027-01-01' }).kind).toBe('applied');
    expect(kinds(w)).not.toContain('criminal_detention_macr');
    // The legal record shows a charge for an act at 12 where the applied MACR is 14 (e.g. after a later age assessment).
    const charge: RecordedCharge = { offence: 'assault', category: 'violent_act', allegedActDate: { earliest: '2017-03-01', latest: '2017-04-01' }, childAtAct: true, appliedLaw: { code: 'DE', validFrom: '2000-01-01', appliedValidFrom: '2000-01-01', macr: 14 } };
    const subject = w.get('p1');
    const withCharge: CaseView = { ...subject, workflows: subject.workflows.map((x) => (x.kind === 'legal' ? { ...x, state: 'charged', context: { ...x.context, charges: [charge], jurisdiction: 'DE' } satisfies Partial<LegalContext> } : x)) };
    expect(tasksOf(w, withCharge)).toContainEqual(expect.objectContaining({ kind: 'criminal_detention_macr', rule: 'KP-AGE-02', summary: expect.stringContaining('below the age of criminal responsibility (violent act)') }));
  });
});

describe('RECORD_DETENTION while detained: a move changes only the place', () => {
  it('records a move: the earlier place goes to the history; a move to a juvenile unit ends the escalation', () => {
    const w = world();
    w.send('p1', supervisor, 'detention', 'RECORD_DETENTION', { ...juvenileUnit, since: '2026-03-01', legalBasis: { kind: 'security', reference: 'order 4' } });
    expect(kinds(w)).not.toContain('adult_separation_failure');
    const moved = w.send('p1', legalOfficer, 'detention', 'RECORD_DETENTION', adultPrison);
    expect(moved.kind).toBe('applied');
    expect(verdictOf(moved, 'KP-DET-03')).toMatchObject({ ok: false, severity: 'warn' });
    expect(ctxOf(w).history).toEqual([expect.objectContaining({ facility: { name: 'Juvenile unit', kind: 'juvenile_centre' }, endReason: 'moved to Central prison', endType: 'RECORD_DETENTION' })]);
    expect(tasksOf(w)).toContainEqual(expect.objectContaining({ kind: 'adult_separation_failure', due: '2026-05-20' }));
    w.send('p1', legalOfficer, 'detention', 'RECORD_DETENTION', { ...juvenileUnit, since: '2026-06-01' });
    expect(kinds(w)).not.toContain('adult_separation_failure');
    expect(ctxOf(w).history).toHaveLength(2);
    expect(ctxOf(w).current).toMatchObject({ startedAt: '2026-03-01', legalBasis: { kind: 'security', reference: 'order 4' }, recorded: { since: '2026-03-01' }, moved: { since: '2026-06-01', authority: 'host State prison service' } });
  });

  /** A boy this organisation detained (legal officer plus supervisor), reviewed once, then moved by the host State to an adult prison. */
  function detainedThenReviewed() {
    const w = world('2011-02-01', 'male', { screened: true });
    const order = {
      facility: { name: 'Juvenile unit', kind: 'juvenile_centre' },
      legalBasis: { kind: 'administrative', reference: 'Order 12/2026' },
      grounds: ['imminent_security_threat'],
      alternativesConsidered: [{ alternative: 'reporting obligation', whyUnsuitable: 'two documented absconding attempts' }],
      separateFromAdults: true,
      maxEnd: '2026-07-01',
      reviewDueAt: '2026-06-10',
      evidenceIds: ['ev-own'],
    };
    expect(w.send('p1', legalOfficer, 'detention', 'DETAIN', order).kind).toBe('pending');
    expect(w.send('p1', supervisor, 'detention', 'DETAIN', order, { proposedBy: legalOfficer }).kind).toBe('applied');
    expect(w.send('p1', legalOfficer2, 'detention', 'REVIEW', { continue: true, nextReviewDueAt: '2026-06-12', reason: 'risk persists' }).kind).toBe('applied');
    return w;
  }

  it('keeps the current detention\'s maximum, review chain, approvals and legal basis; only the place and cohabitants change', () => {
    const w = detainedThenReviewed();
    const before = ctxOf(w).current!;
    const moved = w.send('p1', legalOfficer, 'detention', 'RECORD_DETENTION', { ...adultPrison, since: '2026-06-01' });
    expect(moved.kind).toBe('applied');
    expect(verdictOf(moved, 'KP-DET-02')).toMatchObject({ ok: true, reason: expect.stringContaining('keeps the maximum') });
    expect(verdictOf(moved, 'KP-DET-01')).toMatchObject({ ok: true, reason: expect.stringContaining('administrative basis') });
    const cx = ctxOf(w);
    expect(cx.current).toMatchObject({
      maxEnd: '2026-07-01',
      reviewDueAt: '2026-06-12',
      approvedBy: supervisor.id,
      by: legalOfficer.id,
      startedAt: before.startedAt,
      legalBasis: { kind: 'administrative', reference: 'Order 12/2026' },
      grounds: ['imminent_security_threat'],
      alternativesConsidered: before.alternativesConsidered,
      facility: { name: 'Central prison', kind: 'prison' },
      separateFromAdults: false,
      moved: { authority: 'host State prison service', since: '2026-06-01', by: legalOfficer.id },
    });
    expect(cx.current?.recorded).toBeUndefined();
    expect(cx.reviews).toHaveLength(1);
    expect(cx.history).toEqual([expect.objectContaining({ facility: { name: 'Juvenile unit', kind: 'juvenile_centre' }, endType: 'RECORD_DETENTION' })]);
    expect(tasksOf(w)).toContainEqual(expect.objectContaining({ kind: 'adult_separation_failure', due: '2026-06-01', summary: expect.stringContaining('by another authority since 2026-06-01') }));
    // The maximum still binds: past it, continued detention is refused and a release is due.
    w.at = '2026-07-02T10:00:00.000Z';
    expect(failedRules(w.send('p1', supervisor2, 'detention', 'REVIEW', { continue: true, nextReviewDueAt: '2026-07-10', reason: 'still a risk' }))).toContain('KP-DET-02');
    expect(kinds(w)).toContain('detention_max_reached');
  });

  it('refuses a move that would extend or reset the maximum or the review date (KP-DET-02), or change the legal basis, grounds or jurisdiction (KP-DET-01)', () => {
    const w = detainedThenReviewed();
    const before = ctxOf(w);
    const later = w.send('p1', legalOfficer, 'detention', 'RECORD_DETENTION', { ...adultPrison, since: '2026-06-01', maxEnd: '2026-12-01' });
    expect(failedRules(later)).toEqual(['KP-DET-02']);
    expect(verdictOf(later, 'KP-DET-02')?.reason).toContain('cannot extend or reset the maximum end 2026-07-01');
    const reset = w.send('p1', legalOfficer, 'detention', 'RECORD_DETENTION', { ...adultPrison, since: '2026-06-01', reviewDueAt: '2026-06-14' });
    expect(failedRules(reset)).toEqual(['KP-DET-02']);
    expect(verdictOf(reset, 'KP-DET-02')?.reason).toContain('the next review due 2026-06-12');
    const basis = w.send('p1', legalOfficer, 'detention', 'RECORD_DETENTION', { ...adultPrison, since: '2026-06-01', legalBasis: { kind: 'security', reference: 'new order' }, grounds: ['flight_risk'], jurisdiction: 'DE' });
    expect(failedRules(basis)).toEqual(['KP-DET-01']);
    expect(verdictOf(basis, 'KP-DET-01')?.reason).toContain('legal basis, grounds, jurisdiction cannot be changed');
    const backdated = w.send('p1', legalOfficer, 'detention', 'RECORD_DETENTION', { ...adultPrison, since: '2026-05-01' });
    expect(failedRules(backdated)).toEqual(['KP-DET-01']);
    expect(ctxOf(w)).toEqual(before);
    // Repeating what is recorded changes nothing and is allowed.
    const same = w.send('p1', legalOfficer, 'detention', 'RECORD_DETENTION', { ...adultPrison, since: '2026-06-01', maxEnd: '2026-07-01', reviewDueAt: '2026-06-12', legalBasis: { kind: 'administrative', reference: 'Order 12/2026' } });
    expect(same.kind).toBe('applied');
  });

  it('may add a maximum where none was known, never change one', () => {
    const w = world('1990-01-01', 'male', { screened: true });
    w.send('p1', legalOfficer, 'detention', 'RECORD_DETENTION', { ...juvenileUnit, facility: { name: 'Camp annex', kind: 'closed_camp' }, legalBasis: { kind: 'security', reference: 'order 5' } });
    expect(ctxOf(w).current?.maxEnd).toBeUndefined();
    expect(w.send('p1', legalOfficer, 'detention', 'RECORD_DETENTION', { ...adultPrison, since: '2026-05-25', maxEnd: '2026-10-01' }).kind).toBe('applied');
    expect(ctxOf(w).current?.maxEnd).toBe('2026-10-01');
    expect(failedRules(w.send('p1', legalOfficer, 'detention', 'RECORD_DETENTION', { ...adultPrison, since: '2026-05-30', maxEnd: '2026-11-01' }))).toEqual(['KP-DET-02']);
  });
});

import { describe, expect, it } from 'vitest';
import type { CaseFacts } from '../../workflows/caseFile.ts';
import type { Decision } from '../../workflows/decide.ts';
import { JURISDICTION_SEED } from '../../workflows/jurisdictionSeed.ts';
import { detention } from '../../workflows/detention/index.ts';
import type { DetentionContext } from '../../workflows/detention/model.ts';
import { World, caseworker, evidence, facts, legalOfficer, newCase, supervisor, verdictOf } from '../support/builders.ts';

/**
 * KP-DET-01 "documented alternatives considered": alternatives named without why each is unsuitable
 * (the plain form `alternativesConsidered: ['x']`) pass the block, but never silently: the verdict
 * is a WARN naming them. With no alternative at all, the detention is still refused.
 */
const failedRules = (d: Decision): string[] => (d.kind === 'refused' ? d.failed.map((v) => v.rule) : []);
const man = () => facts({ dob: { exact: '1990-03-10' }, sex: 'male' });
const boy = () => facts({ dob: { exact: '2011-02-01' }, sex: 'male' });

function world(f: CaseFacts) {
  const w = new World({ jurisdictions: [...JURISDICTION_SEED] });
  w.add(newCase('p1', f, [evidence('ev-own', 'own_conduct')]));
  w.send('p1', caseworker, 'screening', 'START');
  w.send('p1', caseworker, 'screening', 'RECORD_ASSESSMENT', { victimIndicators: [], referrals: ['child_protection'], affiliation: { level: 'suspected', evidenceIds: ['ev-own'] }, ageGenderConsiderations: 'considered', outcome: 'victim_and_suspect' });
  return w;
}

const detain = (over: Record<string, unknown> = {}) => ({
  facility: { name: 'Juvenile unit', kind: 'juvenile_centre' },
  legalBasis: { kind: 'administrative', reference: 'Order 12/2026' },
  grounds: ['imminent_security_threat'],
  alternativesConsidered: [{ alternative: 'reporting obligation', whyUnsuitable: 'two documented absconding attempts' }],
  separateFromAdults: true,
  maxEnd: '2026-09-01',
  reviewDueAt: '2026-06-10',
  evidenceIds: ['ev-own'],
  ...over,
});

describe('KP-DET-01 alternatives to detention given without a reason why unsuitable', () => {
  it('normalises plain names to alternatives with no reason recorded', () => {
    const parsed = detention.commands['DETAIN']!.data.parse(detain({ alternativesConsidered: ['judicial supervision', { alternative: 'bail', whyUnsuitable: 'no surety' }] })) as { alternativesConsidered: unknown };
    expect(parsed.alternativesConsidered).toEqual([{ alternative: 'judicial supervision' }, { alternative: 'bail', whyUnsuitable: 'no surety' }]);
  });

  it('allows an adult\'s detention with alternatives only named, flagged (WARN) naming each one without a reason', () => {
    const w = world(man());
    const d = w.send('p1', legalOfficer, 'detention', 'DETAIN', detain({ alternativesConsidered: ['judicial supervision', 'house arrest', { alternative: 'bail', whyUnsuitable: 'no surety' }] }));
    expect(d.kind).toBe('applied');
    // The alternatives are free text: named by their numbers in the command, never quoted (issue 16.1).
    expect(verdictOf(d, 'KP-DET-01')).toMatchObject({
      ok: false,
      severity: 'warn',
      code: 'KP-DET-01.ordered',
      more: [{ code: 'KP-DET-01.unreasoned_alternatives', params: { alternatives: [1, 2] } }],
      toAllow: [{ code: 'KP-DET-01.allow_reasons' }],
      reason: expect.stringContaining('no reason recorded why they are unsuitable: alternative(s) 1, 2'),
    });
    expect(verdictOf(d, 'KP-DET-01')?.reason).not.toMatch(/bail|judicial supervision/);
    expect((w.instance('p1', 'detention')!.context as unknown as DetentionContext).current?.alternativesConsidered).toEqual([{ alternative: 'judicial supervision' }, { alternative: 'house arrest' }, { alternative: 'bail', whyUnsuitable: 'no surety' }]);
  });

  it('passes without a flag when every alternative says why it is unsuitable; still refuses with none at all', () => {
    const reasoned = world(man()).send('p1', legalOfficer, 'detention', 'DETAIN', detain());
    expect(verdictOf(reasoned, 'KP-DET-01')).toMatchObject({ ok: true });
    const none = world(man()).send('p1', legalOfficer, 'detention', 'DETAIN', detain({ alternativesConsidered: [] }));
    expect(failedRules(none)).toEqual(['KP-DET-01']);
    expect(verdictOf(none, 'KP-DET-01')).toMatchObject({ severity: 'block-unless', reason: expect.stringContaining('alternatives to detention considered') });
  });

  it('for a child: the supervisor is shown the unreasoned alternatives, and the confirmed detention keeps the WARN', () => {
    const w = world(boy());
    const data = detain({ alternativesConsidered: ['foster placement'] });
    const pending = w.send('p1', legalOfficer, 'detention', 'DETAIN', data);
    expect(pending).toMatchObject({ kind: 'pending', secondApprover: 'supervisor' });
    expect(verdictOf(pending, 'KP-DET-01')).toMatchObject({ code: 'KP-DET-01.child_needs_supervisor', more: [{ code: 'KP-DET-01.unreasoned_alternatives', params: { alternatives: [1] } }] });
    const confirmed = w.send('p1', supervisor, 'detention', 'DETAIN', data, { proposedBy: legalOfficer });
    expect(confirmed.kind).toBe('applied');
    expect(verdictOf(confirmed, 'KP-DET-01')).toMatchObject({ ok: false, severity: 'warn', reason: expect.stringMatching(/second supervisor.*alternative\(s\) 1/) });
    expect((w.instance('p1', 'detention')!.context as unknown as DetentionContext).current?.approvedBy).toBe(supervisor.id);
  });
});

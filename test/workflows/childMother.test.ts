import { describe, expect, it } from 'vitest';
import type { Decision } from '../../workflows/decide.ts';
import { caseworker, facts, newCase, verdictOf, World } from '../support/builders.ts';

/**
 * DOMAIN.md §5.12: a girl who is herself a mother. Both are children; her plan may not leave her
 * baby behind without a BID supporting the separation (KP-CHILD-07), as an adult mother's may not.
 */
const failedRules = (d: Decision) => (d.kind === 'refused' ? d.failed.map((v) => v.rule) : []);

function world(): World {
  const w = new World();
  w.add(newCase('g1', facts({ dob: { exact: '2010-02-02' }, sex: 'female', nationalities: [{ state: 'FR', status: 'verified' }] })));
  w.add(newCase('b1', facts({ dob: { exact: '2025-06-01' }, sex: 'male', nationalities: [{ state: 'FR', status: 'verified' }] })));
  w.link('b1', 'g1', 'mother');
  w.link('g1', 'b1', 'child');
  return w;
}

describe('KP-CHILD-07: a child who is herself a parent', () => {
  it('refuses her plan that leaves her baby behind without a BID, naming the baby', () => {
    const w = world();
    const d = w.send('g1', caseworker, 'repatriation', 'PLAN', { destination: 'FR', withFamily: [] });
    expect(failedRules(d)).toEqual(['KP-CHILD-07']);
    expect(verdictOf(d, 'KP-CHILD-07')).toMatchObject({ severity: 'block-unless', reason: 'the child b1 is left behind; no approved BID supports the separation (b1)' });
    expect(w.instance('g1', 'repatriation')!.state).toBe('not_planned');
  });

  it('allows the plan that takes the baby with her', () => {
    const w = world();
    const d = w.send('g1', caseworker, 'repatriation', 'PLAN', { destination: 'FR', withFamily: ['b1'] });
    expect(d.kind).toBe('applied');
    expect(verdictOf(d, 'KP-CHILD-07')).toMatchObject({ ok: true, reason: 'the family travels together' });
  });
});

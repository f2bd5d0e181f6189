import { describe, expect, it } from 'vitest';
import type { CaseContext } from '../../workflows/machines/case.ts';
import { REDACTED, redactCaseFor, seesChildIdentity } from '../../workflows/privacy.ts';
import type { Role } from '../../workflows/roles.ts';
import type { CaseView } from '../../workflows/rules/types.ts';
import { AT, World, childFacts, evidence, facts, newCase, supervisor, verdictOf } from '../support/builders.ts';

const child = (): CaseView => {
  const f = childFacts('2016-04-01');
  const withDocs = { ...f, person: { ...f.person, placeOfBirth: 'Raqqa', documents: [{ type: 'birth_certificate', number: 'BC-123', issuer: 'FR' }] } };
  return newCase('c1', withDocs, [evidence('ev-1', 'own_conduct')]);
};

describe('redactCaseFor: child records restricted by role (KP-DATA-01)', () => {
  for (const role of ['reviewer', 'policy', 'admin'] as Role[]) {
    it(`hides a child's names, date of birth, place of birth, documents and evidence text from ${role}`, () => {
      const v = redactCaseFor([role], child(), AT);
      expect(v.child).toBe(true);
      expect(v.facts.person).toMatchObject({ names: REDACTED, dateOfBirth: REDACTED, documents: REDACTED, ageBand: '5-11' });
      expect(v.facts.person.placeOfBirth).toBeUndefined();
      expect(v.evidence[0]).toMatchObject({ summary: REDACTED, source: REDACTED, concerns: 'own_conduct' });
      expect(v.redacted).toContain('person.names');
      expect(JSON.stringify(v)).not.toMatch(/Test|Person|BC-123|Raqqa|2016-04-01/);
      // What reviewers need to check decisions stays: sex, nationality, vulnerabilities, workflows.
      expect(v.facts.person.sex).toBe('male');
      expect(v.facts.person.nationalities).toEqual([{ state: 'FR', status: 'claimed' }]);
      expect(v.workflows.length).toBe(child().workflows.length);
    });
  }
  for (const role of ['caseworker', 'supervisor', 'bid_panel', 'legal_officer'] as Role[]) {
    it(`shows a child's identity to ${role}`, () => {
      const v = redactCaseFor([role], child(), AT);
      expect(v.redacted).toEqual([]);
      expect(v.facts.person.names).toEqual([{ given: 'Test', family: 'Person', script: 'latin' }]);
      expect(v.facts.person.placeOfBirth).toBe('Raqqa');
      expect(v.evidence[0]?.summary).toBe('summary');
    });
  }
  it('shows an adult\'s case to a reviewer as it is', () => {
    const v = redactCaseFor(['reviewer'], newCase('c2', facts()), AT);
    expect(v.child).toBe(false);
    expect(v.facts.person.dateOfBirth).toEqual({ exact: '1995-03-10' });
  });
  it('redacts a person whose age range still allows a child (benefit of the doubt)', () => {
    const straddling = facts({ dob: { earliest: '2007-01-01', latest: '2009-12-31', method: 'holistic', confidence: 'medium' } });
    const v = redactCaseFor(['reviewer'], newCase('c3', straddling), AT);
    expect(v.facts.person.names).toBe(REDACTED);
    expect(v.facts.person.ageBand).toBe('15-17');
  });
  it('decides on the moment given: the same record is an adult\'s after the 18th birthday', () => {
    expect(redactCaseFor(['reviewer'], child(), '2034-04-02T00:00:00.000Z').child).toBe(false);
  });
  it('lets any role that needs the identity decide for a user with several roles', () => {
    expect(seesChildIdentity(['reviewer', 'caseworker'])).toBe(true);
    expect(seesChildIdentity(['reviewer', 'policy'])).toBe(false);
  });
  it('does not change the case it was given', () => {
    const c = child();
    redactCaseFor(['reviewer'], c, AT);
    expect(c.facts.person.names[0]?.given).toBe('Test');
  });
});

describe('KP-DATA-01 external sharing (case SHARE_RECORD)', () => {
  const share = (extra: Record<string, unknown> = {}) => ({
    recipient: { name: 'UNICEF country office', kind: 'un_agency' },
    legalBasis: 'data sharing agreement DSA-2026-04, art. 5',
    dpoApproved: true,
    purpose: 'coordinate education services after return',
    fields: ['ageBand', 'sex', 'vulnerabilities', 'rehabilitation'],
    ...extra,
  });
  const world = (c: CaseView) => {
    const w = new World();
    w.add(c);
    return w;
  };
  const failed = (d: ReturnType<World['send']>) => (d.kind === 'refused' ? d.failed.map((v) => v.rule) : []);

  it('allows a minimised, approved share with a legal basis and logs it (no data copied)', () => {
    const w = world(child());
    const d = w.send('c1', supervisor, 'case', 'SHARE_RECORD', share());
    expect(d.kind).toBe('applied');
    expect(verdictOf(d, 'KP-DATA-01')?.ok).toBe(true);
    const log = (w.instance('c1', 'case')!.context as unknown as CaseContext).sharings;
    expect(log).toEqual([expect.objectContaining({ purpose: 'coordinate education services after return', fields: ['ageBand', 'sex', 'vulnerabilities', 'rehabilitation'], by: supervisor.id, at: AT })]);
    expect(w.instance('c1', 'case')!.state).toBe('open');
  });
  it('allows an adult\'s identifying data to be shared on a legal basis with DPO approval', () => {
    const d = world(newCase('c1')).send('c1', supervisor, 'case', 'SHARE_RECORD', share({ recipient: { name: 'Consulate', kind: 'consular' }, fields: ['names', 'dateOfBirth', 'documents'] }));
    expect(d.kind).toBe('applied');
  });
  it('refuses without a legal basis', () => {
    const { legalBasis: _omit, ...rest } = share();
    const d = world(child()).send('c1', supervisor, 'case', 'SHARE_RECORD', rest);
    expect(failed(d)).toEqual(['KP-DATA-01']);
    expect(verdictOf(d, 'KP-DATA-01')?.reason).toContain('legal basis');
  });
  it('refuses without DPO approval', () => {
    const d = world(child()).send('c1', supervisor, 'case', 'SHARE_RECORD', share({ dpoApproved: false }));
    expect(verdictOf(d, 'KP-DATA-01')).toMatchObject({ ok: false, severity: 'block', reason: expect.stringContaining('data protection officer') });
  });
  it('refuses without a logged purpose', () => {
    const d = world(child()).send('c1', supervisor, 'case', 'SHARE_RECORD', share({ purpose: '' }));
    expect(verdictOf(d, 'KP-DATA-01')?.reason).toContain('purpose');
  });
  it('refuses a child\'s identifying data, even to a security actor with a legal basis', () => {
    const d = world(child()).send('c1', supervisor, 'case', 'SHARE_RECORD', share({ recipient: { name: 'Ministry of Interior', kind: 'security_actor' }, fields: ['names', 'documents', 'screening'] }));
    expect(failed(d)).toEqual(['KP-DATA-01']);
    expect(verdictOf(d, 'KP-DATA-01')?.reason).toContain('identifying data of a child is never exported (names, documents)');
  });
  it('refuses the whole record or an empty field list (data minimisation)', () => {
    expect(failed(world(newCase('c1')).send('c1', supervisor, 'case', 'SHARE_RECORD', share({ fields: ['full_record'] })))).toEqual(['KP-DATA-01']);
    expect(failed(world(newCase('c1')).send('c1', supervisor, 'case', 'SHARE_RECORD', share({ fields: [] })))).toEqual(['KP-DATA-01']);
  });
  it('is a supervisor command, possible on a closed case too', () => {
    const w = world(newCase('c1'));
    expect(w.send('c1', supervisor, 'case', 'CLOSE', { reason: 'durable solution in place' }).kind).toBe('applied');
    expect(w.send('c1', supervisor, 'case', 'SHARE_RECORD', share()).kind).toBe('applied');
    expect(w.instance('c1', 'case')!.state).toBe('closed');
  });
});

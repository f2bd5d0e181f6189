import { describe, expect, it } from 'vitest';
import type { CaseContext } from '../../workflows/case/model.ts';
import { ERASED, REDACTED, childRecord, redactCaseFor, redactRecordFor, seesChildIdentity } from '../../workflows/privacy.ts';
import type { Role } from '../../workflows/roles.ts';
import type { CaseView } from '../../workflows/rules/types.ts';
import { AT, World, childFacts, evidence, facts, newCase, supervisor, verdictOf } from '../support/builders.ts';

const child = (): CaseView => {
  const f = childFacts('2016-04-01');
  const withDocs = { ...f, person: { ...f.person, placeOfBirth: 'Raqqa', documents: [{ type: 'birth_certificate', number: 'BC-123', issuer: 'FR' }] } };
  return newCase('c1', withDocs, [evidence('ev-1', 'own_conduct')]);
};

describe('redactCaseFor: an erased person (docs/erasure.md)', () => {
  /** The case as the engine reads it after case.ERASE: every envelope opened to `[erased]`. */
  const erased = (names: unknown = [{ given: ERASED, family: ERASED, script: ERASED }]): CaseView => {
    const f = facts();
    return newCase('c9', { ...f, person: { ...f.person, names, dateOfBirth: { exact: ERASED }, documents: [{ type: ERASED, number: ERASED, issuer: ERASED }] }, location: { ...f.location, name: ERASED } } as never);
  };

  for (const role of ['reviewer', 'data_protection_officer', 'policy', 'supervisor'] as Role[]) {
    it(`shows ${role} [erased] for the age band and the child flag, never a band from the any-age range`, () => {
      const v = redactCaseFor([role], erased(), AT);
      expect(v.child).toBe(ERASED);
      // Hidden as a child's all the same (fail closed).
      expect(v.hiddenAsChild).toBe(true);
      expect(v.facts.person.dateOfBirth).toEqual({ exact: ERASED });
      expect(v.facts.person.names).toEqual([{ given: ERASED, family: ERASED, script: ERASED }]);
      expect(v.facts.location.name).toBe(ERASED);
      expect(v.redacted).toEqual([]);
      if (role === 'supervisor') expect(v.facts.person.ageBand).toBeUndefined();
      else expect(v.facts.person.ageBand).toBe(ERASED);
      expect(JSON.stringify(v)).not.toMatch(/0-4|18\+/);
    });
  }
  it('still hides a value that is not erased (a plaintext name from before per-person keys) as a child\'s', () => {
    const v = redactCaseFor(['reviewer'], erased([{ given: 'Oldplain', family: 'Beforekeys', script: 'latin' }]), AT);
    expect(v.facts.person.names).toBe(REDACTED);
    expect(v.redacted).toEqual(['person.names']);
    expect(v.facts.person.ageBand).toBe(ERASED);
    expect(JSON.stringify(v)).not.toMatch(/Oldplain|Beforekeys/);
  });
  it('an adult who was not erased keeps a known child flag and no band for a reviewer', () => {
    const v = redactCaseFor(['reviewer'], newCase('c2', facts()), AT);
    expect(v.child).toBe(false);
    expect(v.facts.person.ageBand).toBeUndefined();
  });
});

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

describe('redactRecordFor: what a child\'s records show to reviewer, policy and admin (KP-DATA-01)', () => {
  const WORKFLOW_OF: Record<string, string> = {
    ISSUE_DOCUMENTS: 'repatriation', RECORD_STATE_REFUSAL: 'repatriation', RECORD_REGISTRATION: 'nationality', RECORD_PROGRESS: 'rehabilitation',
    APPOINT_GUARDIAN: 'best_interests', URGENT_ACTION: 'best_interests', RECORD_CONSENT: 'best_interests', PLACE_IN_CARE: 'best_interests', PREPARE_BID: 'best_interests',
    COMPLETE_BIA: 'best_interests', RECORD_TRACING: 'best_interests', RECORD_HANDOVER: 'best_interests',
    FILE_APPEAL: 'legal', REQUEST_WATCHLIST_ENTRY: 'legal', RECORD_JUDGMENT: 'legal', REOPEN: 'non_refoulement', RECORD_ASSESSMENT: 'screening', DETAIN: 'detention',
  };
  const hidden = (type: string, data: Record<string, unknown>, extra: Record<string, unknown> = {}) => redactRecordFor(['reviewer'], { workflow: WORKFLOW_OF[type] ?? 'unknown', type, data, ...extra }, true);

  it('hides travel-document and registration references, a guardian\'s name and an urgent action\'s words', () => {
    expect(hidden('ISSUE_DOCUMENTS', { type: 'laissez_passer', basis: 'documents', reference: 'LP-0099887' }).data).toEqual({ type: 'laissez_passer', basis: 'documents', reference: REDACTED });
    expect(hidden('RECORD_REGISTRATION', { kind: 'birth_registration', reference: 'BR-1', issuer: 'FR' }).data).toEqual({ kind: 'birth_registration', reference: REDACTED, issuer: REDACTED });
    expect(hidden('APPOINT_GUARDIAN', { name: 'Guardian Name', kind: 'guardian', appointedBy: 'court', appointedOn: '2026-05-01' }).data).toEqual({ name: REDACTED, kind: 'guardian', appointedBy: REDACTED, appointedOn: '2026-05-01' });
    expect(hidden('URGENT_ACTION', { action: 'moved Yusuf to hospital', kind: 'medical_evacuation' }).data).toEqual({ action: REDACTED, kind: 'medical_evacuation' });
    // A witness to a consent is a person named.
    expect(hidden('RECORD_CONSENT', { parentCaseId: 'm1', status: 'given', circumstances: { inDetention: false, coercionAbsent: true, witness: 'Witness Name', date: '2026-05-30' } }).data).toMatchObject({ circumstances: { witness: REDACTED, coercionAbsent: true } });
  });

  it('hides free text about people at any depth, and the record\'s justification; structure and structured values stay', () => {
    const shown = hidden(
      'PLACE_IN_CARE',
      { type: 'foster', alternativesConsidered: [{ type: 'kinship', reason: 'the aunt, Fatima, refused' }], emergency: false, reasons: 'Yusuf needs care' },
      { justification: 'Yusuf was found alone', verdicts: [{ rule: 'KP-CARE-01', ok: true, reason: 'foster care, with reasons' }] },
    );
    expect(shown).toMatchObject({
      data: { type: 'foster', alternativesConsidered: [{ type: 'kinship', reason: REDACTED }], emergency: false, reasons: REDACTED },
      justification: REDACTED,
      verdicts: [{ rule: 'KP-CARE-01', reason: 'foster care, with reasons' }],
      redacted: true,
    });
    const bid = hidden('PREPARE_BID', { childViews: 'wants to stay', childViewsWeight: 'significant', childViewsNotHeardReason: 'infant', familyUnity: 'with mother', recommendation: { action: 'repatriate_with_family', separationInBestInterests: false } });
    expect(bid.data).toEqual({ childViews: REDACTED, childViewsWeight: REDACTED, childViewsNotHeardReason: REDACTED, familyUnity: REDACTED, recommendation: { action: 'repatriate_with_family', separationInBestInterests: false } });
    expect(hidden('COMPLETE_BIA', { findings: 'lives with the aunt', bidRequired: true }).data).toEqual({ findings: REDACTED, bidRequired: true });
    expect(hidden('RECORD_TRACING', { status: 'started', agency: 'ICRC', startedOn: '2026-05-01', notes: 'father last seen in Raqqa' }).data).toEqual({ status: 'started', agency: REDACTED, startedOn: '2026-05-01', notes: REDACTED });
    // A record type no schema describes is redacted fail closed: every string hidden, structure and numbers kept.
    expect(hidden('X', { summary: { count: 2, text: 'x' } }).data).toEqual({ summary: { count: 2, text: REDACTED } });
  });

  it('hides the other free-text fields of the commands (notes, appeal grounds, hand-over, refusal reasons, sentence details); lists of categories stay', () => {
    expect(hidden('RECORD_PROGRESS', { note: 'Yusuf sleeps badly' }).data).toEqual({ note: REDACTED });
    expect(hidden('FILE_APPEAL', { filedOn: '2026-06-02', grounds: 'Yusuf was 13' }).data).toEqual({ filedOn: '2026-06-02', grounds: REDACTED });
    expect(hidden('RECORD_HANDOVER', { handedOverTo: 'Ms Karim, UNICEF' }).data).toEqual({ handedOverTo: REDACTED });
    expect(hidden('REQUEST_WATCHLIST_ENTRY', { childSpecificBasis: 'he was seen at…', evidenceIds: ['ev-1'] }).data).toEqual({ childSpecificBasis: REDACTED, evidenceIds: ['ev-1'] });
    expect(hidden('RECORD_STATE_REFUSAL', { reason: 'x', legalBasis: 'art. 12', reviewRoute: 'court', bestInterests: 'his mother…', legitimateAim: 'security', necessityAndProportionality: 'Yusuf…' }).data).toMatchObject({ reason: REDACTED, bestInterests: REDACTED, legitimateAim: REDACTED, necessityAndProportionality: REDACTED });
    expect(hidden('REOPEN', { newInformation: 'his uncle said…' }).data).toEqual({ newInformation: REDACTED });
    expect(hidden('RECORD_ASSESSMENT', { outcome: 'victim', ageGenderConsiderations: 'Yusuf, 9…' }).data).toEqual({ outcome: 'victim', ageGenderConsiderations: REDACTED });
    expect(hidden('RECORD_JUDGMENT', { outcome: 'convicted', sentence: { kind: 'imprisonment', months: 24, details: 'Yusuf H., 2 years' } }).data).toEqual({ outcome: 'convicted', sentence: { kind: 'imprisonment', months: 24, details: REDACTED } });
    // Categories (an array of enum values) are not free text: reviewers audit them (KP-DET-04).
    expect(hidden('DETAIN', { grounds: ['suspected_offence'] }).data).toEqual({ grounds: ['suspected_offence'] });
  });

  it('leaves an adult\'s own free text, but not what it says about the children it lists; a child\'s name in an old reason is scrubbed', () => {
    const record = {
      type: 'DETAIN',
      data: {
        grounds: ['suspected_offence'],
        alternativesConsidered: [{ alternative: 'reporting', whyUnsuitable: 'absconded twice' }],
        children: [{ caseId: 'k1', name: 'Childnamemarker', age: 4, whereabouts: 'tent 12', carer: 'Carermarker', staysWithMother: false, bestInterestsBasis: 'BIA: kinship care' }],
      },
      justification: 'the mother of Childnamemarker',
      verdicts: [{ rule: 'KP-DET-03', ok: false, reason: 'no best-interests basis for whether Childnamemarker stays with the mother' }],
    };
    const shown = redactRecordFor(['reviewer'], { workflow: 'detention', ...record }, false);
    expect(shown.data).toEqual({
      grounds: ['suspected_offence'],
      alternativesConsidered: [{ alternative: 'reporting', whyUnsuitable: 'absconded twice' }],
      children: [{ caseId: 'k1', name: REDACTED, age: 4, whereabouts: REDACTED, carer: REDACTED, staysWithMother: false, bestInterestsBasis: REDACTED }],
    });
    expect(JSON.stringify(shown)).not.toMatch(/Childnamemarker|Carermarker/);
    expect(shown.verdicts[0]!.reason).toBe(`no best-interests basis for whether ${REDACTED} stays with the mother`);
    expect(shown.justification).toBe(`the mother of ${REDACTED}`);
    expect(redactRecordFor(['legal_officer'], record, false)).toBe(record);
    const own = { workflow: 'detention', type: 'DETAIN', data: { grounds: ['suspected_offence'] }, justification: 'her own conduct' };
    expect(redactRecordFor(['reviewer'], own, false)).toEqual(own);
    // Policy and admin see no one's free text or identity, an adult's included.
    for (const role of ['policy', 'admin'] as Role[]) {
      const seen = redactRecordFor([role], { workflow: 'detention', ...record }, false);
      expect(seen.data).toMatchObject({ grounds: ['suspected_offence'], alternativesConsidered: [{ alternative: REDACTED, whyUnsuitable: REDACTED }] });
      expect(seen.justification).toBe(REDACTED);
      expect(redactRecordFor([role], own, false)).toMatchObject({ data: { grounds: ['suspected_offence'] }, justification: REDACTED, redacted: true });
    }
  });
});

describe('childRecord: a record is a child\'s by the person\'s age when it was written, or now (KP-DATA-01)', () => {
  const teen = newCase('t1', facts({ dob: { exact: '2008-06-15' } }));
  it('a record written before the 18th birthday stays a child\'s record after it', () => {
    expect(childRecord(teen, '2026-06-01T10:00:00.000Z', '2030-01-01T00:00:00.000Z')).toBe(true);
    expect(childRecord(teen, '2026-06-15T00:00:00.000Z', '2030-01-01T00:00:00.000Z')).toBe(false);
    expect(childRecord(teen, '2026-06-01T10:00:00.000Z', '2026-06-01T10:00:00.000Z')).toBe(true);
  });
  it('uses the youngest plausible age of the effective date of birth (benefit of the doubt)', () => {
    const range = newCase('t2', facts({ dob: { earliest: '2005-01-01', latest: '2008-12-31', method: 'holistic', confidence: 'low' } }));
    expect(childRecord(range, '2026-06-01T10:00:00.000Z', '2028-01-01T00:00:00.000Z')).toBe(true);
    expect(childRecord(newCase('a1', facts()), '2020-01-01T00:00:00.000Z', '2026-06-01T00:00:00.000Z')).toBe(false);
  });
});

describe('KP-DATA-01 external sharing (case SHARE_RECORD) under a data-sharing agreement', () => {
  // The agreement as the engine puts it into the command's data from `agreementId` (dry runs pass it).
  const agreement = (extra: Record<string, unknown> = {}) => ({
    id: 'dsa-1',
    recipient: { name: 'UNICEF country office', kind: 'un_agency' },
    legalBasis: 'data sharing agreement DSA-2026-04, art. 5',
    purposes: ['coordinate education services after return'],
    fields: ['ageBand', 'sex', 'vulnerabilities', 'rehabilitation', 'names', 'dateOfBirth', 'documents', 'screening'],
    validFrom: '2020-01-01',
    validTo: '2099-12-31',
    status: 'approved',
    proposedBy: 'u-dpo-1',
    approvedBy: 'u-dpo-2',
    ...extra,
  });
  const share = (extra: Record<string, unknown> = {}, agreementExtra: Record<string, unknown> = {}) => ({
    agreementId: 'dsa-1',
    agreement: agreement(agreementExtra),
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

  it('allows a minimised share under an agreement in force and logs it (no data copied)', () => {
    const w = world(child());
    const d = w.send('c1', supervisor, 'case', 'SHARE_RECORD', share());
    expect(d.kind).toBe('applied');
    expect(verdictOf(d, 'KP-DATA-01')?.ok).toBe(true);
    const log = (w.instance('c1', 'case')!.context as unknown as CaseContext).sharings;
    expect(log).toEqual([expect.objectContaining({ agreementId: 'dsa-1', legalBasis: 'data sharing agreement DSA-2026-04, art. 5', purpose: 'coordinate education services after return', fields: ['ageBand', 'sex', 'vulnerabilities', 'rehabilitation'], by: supervisor.id, at: AT })]);
    expect(w.instance('c1', 'case')!.state).toBe('open');
  });
  it('allows an adult\'s identifying data to be shared when the agreement allows those fields', () => {
    const d = world(newCase('c1')).send('c1', supervisor, 'case', 'SHARE_RECORD', share({ fields: ['names', 'dateOfBirth', 'documents'] }));
    expect(d.kind).toBe('applied');
  });
  it('refuses a share naming no agreement, or one that does not exist', () => {
    const { agreement: _a, agreementId: _id, ...none } = share();
    const d = world(child()).send('c1', supervisor, 'case', 'SHARE_RECORD', none);
    expect(failed(d)).toEqual(['KP-DATA-01']);
    expect(verdictOf(d, 'KP-DATA-01')?.reason).toContain('no data-sharing agreement is named');
    const { agreement: _b, ...unknown } = share({ agreementId: 'dsa-x' });
    expect(verdictOf(world(child()).send('c1', supervisor, 'case', 'SHARE_RECORD', unknown), 'KP-DATA-01')?.reason).toContain('no data-sharing agreement dsa-x exists');
  });
  it('refuses under an agreement not approved, not yet in force or expired', () => {
    expect(verdictOf(world(child()).send('c1', supervisor, 'case', 'SHARE_RECORD', share({}, { status: 'proposed', approvedBy: null })), 'KP-DATA-01')?.reason).toContain('not approved by a data protection officer');
    expect(verdictOf(world(child()).send('c1', supervisor, 'case', 'SHARE_RECORD', share({}, { validTo: '2021-01-01' })), 'KP-DATA-01')?.reason).toContain('expired on 2021-01-01');
    expect(verdictOf(world(child()).send('c1', supervisor, 'case', 'SHARE_RECORD', share({}, { validFrom: '2099-01-01' })), 'KP-DATA-01')?.reason).toContain('in force only from 2099-01-01');
  });
  it('refuses fields the agreement does not allow, and a purpose it does not name', () => {
    const d = world(newCase('c1')).send('c1', supervisor, 'case', 'SHARE_RECORD', share({ fields: ['ageBand', 'legal', 'detention'] }));
    expect(failed(d)).toEqual(['KP-DATA-01']);
    expect(verdictOf(d, 'KP-DATA-01')?.reason).toContain('fields outside agreement dsa-1: legal, detention');
    expect(verdictOf(world(child()).send('c1', supervisor, 'case', 'SHARE_RECORD', share({ purpose: '' })), 'KP-DATA-01')?.reason).toContain('purpose');
    expect(verdictOf(world(child()).send('c1', supervisor, 'case', 'SHARE_RECORD', share({ purpose: 'intelligence gathering' })), 'KP-DATA-01')?.reason).toContain('not one of agreement dsa-1');
  });
  it('as structured verdicts: the agreement id and the fields as params, what would allow the share', () => {
    const d = world(newCase('c1')).send('c1', supervisor, 'case', 'SHARE_RECORD', share({ fields: ['ageBand', 'legal', 'detention'] }));
    expect(verdictOf(d, 'KP-DATA-01')).toMatchObject({
      ok: false,
      code: 'KP-DATA-01.fields_outside',
      params: { agreement: 'dsa-1', fields: ['legal', 'detention'] },
      facts: expect.arrayContaining(['command.fields', 'agreement.fields']),
      toAllow: [{ code: 'KP-DATA-01.allow_agreement' }, { code: 'KP-DATA-01.allow_fields' }],
    });
    const allowed = world(newCase('c1')).send('c1', supervisor, 'case', 'SHARE_RECORD', share());
    expect(verdictOf(allowed, 'KP-DATA-01')).toMatchObject({ ok: true, code: 'KP-DATA-01.shared', params: { agreement: 'dsa-1' } });
    const security = { recipient: { name: 'Ministry of Interior', kind: 'security_actor' } };
    const family = world(child()).send('c1', supervisor, 'case', 'SHARE_RECORD', share({ fields: ['screening'], grounds: 'family_links' }, security));
    expect(verdictOf(family, 'KP-DATA-02')).toMatchObject({ code: 'KP-DATA-02.association_grounds', params: { grounds: 'family_links' }, toAllow: [{ code: 'KP-DATA-02.allow_own_grounds' }] });
    expect(JSON.stringify(verdictOf(family, 'KP-DATA-02'))).not.toContain('Ministry of Interior');
  });

  it('refuses a child\'s identifying data, even when the agreement lists it', () => {
    const d = world(child()).send('c1', supervisor, 'case', 'SHARE_RECORD', share({ fields: ['names', 'documents', 'screening'] }));
    expect(failed(d)).toEqual(['KP-DATA-01']);
    expect(verdictOf(d, 'KP-DATA-01')?.reason).toContain('identifying data of a child is never exported (names, documents)');
  });
  it('KP-DATA-02: a child\'s file is never shared with a security body on family or association grounds; an adult\'s may be', () => {
    const security = { recipient: { name: 'Ministry of Interior', kind: 'security_actor' } };
    for (const grounds of [undefined, 'family_links', 'association']) {
      const d = world(child()).send('c1', supervisor, 'case', 'SHARE_RECORD', share({ fields: ['screening'], ...(grounds ? { grounds } : {}) }, security));
      expect(failed(d)).toEqual(['KP-DATA-02']);
      expect(verdictOf(d, 'KP-DATA-02')?.reason).toContain('never shared with a security or intelligence body on family or association grounds');
    }
    expect(world(child()).send('c1', supervisor, 'case', 'SHARE_RECORD', share({ fields: ['screening'], grounds: 'individual_conduct' }, security)).kind).toBe('applied');
    expect(world(newCase('c1')).send('c1', supervisor, 'case', 'SHARE_RECORD', share({ fields: ['screening'], grounds: 'family_links' }, security)).kind).toBe('applied');
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

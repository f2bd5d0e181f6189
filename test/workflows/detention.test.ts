import { getShortestPaths } from '@xstate/graph';
import { describe, expect, it } from 'vitest';
import type { CaseFacts } from '../../workflows/caseFile.ts';
import type { Decision } from '../../workflows/decide.ts';
import { JURISDICTION_SEED } from '../../workflows/jurisdictionSeed.ts';
import { detention } from '../../workflows/detention/index.ts';
import type { DetentionContext } from '../../workflows/detention/model.ts';
import { initialLegalContext } from '../../workflows/legal/model.ts';
import type { WorkflowView } from '../../workflows/rules/types.ts';
import { DEFAULT_SETTINGS } from '../../workflows/settings.ts';
import { AT, World, boundedSerialize, caseworker, evidence, facts, legalOfficer, legalOfficer2, newCase, supervisor, supervisor2, verdictOf } from '../support/builders.ts';

const failedRules = (d: Decision): string[] => (d.kind === 'refused' ? d.failed.map((v) => v.rule) : []);
const woman = () => facts({ dob: { exact: '1995-03-10' }, sex: 'female' });
const boy = () => facts({ dob: { exact: '2011-02-01' }, sex: 'male' });

function world(f: CaseFacts = woman(), opts: { bia?: boolean } = {}) {
  const w = new World({ jurisdictions: [...JURISDICTION_SEED] });
  w.add(newCase('p1', f, [evidence('ev-own', 'own_conduct'), evidence('ev-family', 'family_member')]));
  w.send('p1', caseworker, 'screening', 'START');
  w.send('p1', caseworker, 'screening', 'RECORD_ASSESSMENT', {
    victimIndicators: [],
    referrals: ['child_protection'],
    affiliation: { level: 'suspected', evidenceIds: ['ev-own'] },
    ageGenderConsiderations: 'considered',
    outcome: 'victim_and_suspect',
  });
  if (opts.bia) {
    w.send('p1', caseworker, 'best_interests', 'START_BIA');
    w.send('p1', caseworker, 'best_interests', 'COMPLETE_BIA', { findings: 'stays with the mother', bidRequired: false });
  }
  return w;
}

const detain = (over: Record<string, unknown> = {}) => ({
  facility: { name: 'Centre A', kind: 'pretrial_centre' },
  legalBasis: { kind: 'administrative', reference: 'Order 12/2026' },
  grounds: ['suspected_offence'],
  alternativesConsidered: [{ alternative: 'reporting obligation', whyUnsuitable: 'two documented absconding attempts' }],
  separateFromAdults: true,
  children: [],
  maxEnd: '2026-09-01',
  reviewDueAt: '2026-06-10',
  evidenceIds: ['ev-own'],
  femaleStaffAvailable: true,
  ...over,
});
const childDetain = (over: Record<string, unknown> = {}) => detain({ facility: { name: 'Juvenile unit', kind: 'juvenile_centre' }, children: undefined, femaleStaffAvailable: undefined, ...over });

function detainedChild(w = world(boy())) {
  const pending = w.send('p1', legalOfficer, 'detention', 'DETAIN', childDetain());
  expect(pending).toMatchObject({ kind: 'pending', secondApprover: 'supervisor' });
  const d = w.send('p1', supervisor, 'detention', 'DETAIN', childDetain(), { proposedBy: legalOfficer });
  expect(d.kind).toBe('applied');
  return w;
}

describe('KP-DET-01 legal basis, alternatives, legal officer plus supervisor for a child', () => {
  it('allows an adult detention ordered by a legal officer with basis and alternatives', () => {
    const d = world().send('p1', legalOfficer, 'detention', 'DETAIN', detain());
    expect(d.kind === 'applied' && d.next.state).toBe('detained');
    expect(verdictOf(d, 'KP-DET-01')?.ok).toBe(true);
  });
  it('refuses without a legal basis or alternatives considered', () => {
    const w = world();
    const d = w.send('p1', legalOfficer, 'detention', 'DETAIN', detain({ legalBasis: undefined, alternativesConsidered: [] }));
    expect(d.kind === 'refused' && d.failed).toEqual([expect.objectContaining({ rule: 'KP-DET-01', severity: 'block-unless' })]);
  });
  it('holds a child\'s detention pending a supervisor, and records both approvers', () => {
    const w = detainedChild();
    const cx = w.instance('p1', 'detention')?.context as unknown as DetentionContext;
    expect(cx).toMatchObject({ submittedBy: legalOfficer.id, decidedBy: supervisor.id, current: { approvedBy: supervisor.id, childAtStart: true } });
  });
});

describe('KP-DET-02 maximum duration and reviews', () => {
  it('refuses a child detention without maxEnd or with a review beyond the interval', () => {
    const w = world(boy());
    expect(failedRules(w.send('p1', legalOfficer, 'detention', 'DETAIN', childDetain({ maxEnd: undefined })))).toContain('KP-DET-02');
    expect(failedRules(w.send('p1', legalOfficer, 'detention', 'DETAIN', childDetain({ reviewDueAt: '2026-07-01' })))).toContain('KP-DET-02');
  });
  it('refuses child pre-trial detention beyond the jurisdiction\'s limit', () => {
    const w = world(boy());
    const d = w.send('p1', legalOfficer, 'detention', 'DETAIN', childDetain({ legalBasis: { kind: 'pretrial', reference: 'x' }, jurisdiction: 'DE', maxEnd: '2027-06-01' }));
    expect(verdictOf(d, 'KP-DET-02')?.reason).toMatch(/limit of 180 days/);
  });
  it('continues a detention on review within the interval, by someone other than who ordered it', () => {
    const w = detainedChild();
    const same = w.send('p1', legalOfficer, 'detention', 'REVIEW', { continue: true, nextReviewDueAt: '2026-06-12', reason: 'risk persists' });
    expect(failedRules(same)).toEqual(['KP-SYS-03']);
    const d = w.send('p1', legalOfficer2, 'detention', 'REVIEW', { continue: true, nextReviewDueAt: '2026-06-12', reason: 'risk persists' });
    expect(d.kind === 'applied' && d.next.state).toBe('detained');
    expect(verdictOf(d, 'KP-DET-02')?.ok).toBe(true);
  });
  it('refuses continuation past the maximum and reviews set after it', () => {
    const w = detainedChild();
    expect(failedRules(w.send('p1', legalOfficer2, 'detention', 'REVIEW', { continue: true, nextReviewDueAt: '2026-09-05', reason: 'x' }))).toContain('KP-DET-02');
    w.at = '2026-09-02T10:00:00.000Z';
    const d = w.send('p1', legalOfficer2, 'detention', 'REVIEW', { continue: true, nextReviewDueAt: '2026-09-10', reason: 'still a risk' });
    expect(verdictOf(d, 'KP-DET-02')).toMatchObject({ ok: false, reason: expect.stringContaining('release decision') });
    const released = w.send('p1', supervisor2, 'detention', 'REVIEW', { continue: false, reason: 'maximum reached' });
    expect(released.kind === 'applied' && released.next.state).toBe('not_detained');
    expect((w.instance('p1', 'detention')?.context as unknown as DetentionContext).history).toHaveLength(1);
  });
  it('puts reviews on the task list for supervisor and legal officer, escalating when overdue', () => {
    const w = detainedChild();
    const view = w.instance('p1', 'detention') as WorkflowView;
    const due = detention.tasks?.(view, w.get('p1'), DEFAULT_SETTINGS, AT) ?? [];
    expect(due.map((t) => [t.kind, t.role, t.due])).toEqual([['detention_review', 'legal_officer', '2026-06-10'], ['detention_review', 'supervisor', '2026-06-10']]);
    const late = detention.tasks?.(view, w.get('p1'), DEFAULT_SETTINGS, '2026-09-02T00:00:00Z') ?? [];
    expect(late.map((t) => t.kind)).toEqual(['detention_review_overdue', 'detention_review_overdue', 'detention_max_reached']);
  });
  it('asks for a child in a closed camp to be recorded as detention (KP-DET-01)', () => {
    const w = world(boy());
    const tasks = detention.tasks?.(w.instance('p1', 'detention')!, w.get('p1'), DEFAULT_SETTINGS, AT) ?? [];
    expect(tasks).toEqual([expect.objectContaining({ kind: 'record_deprivation_of_liberty', rule: 'KP-DET-01' })]);
  });
});

describe('KP-DET-03 separation from adults; a detained woman\'s children', () => {
  function withMother(bia: boolean) {
    const w = world(boy(), { bia });
    w.add(newCase('m1', woman()));
    w.link('p1', 'm1', 'mother');
    return w;
  }
  it('refuses a child held with adults without a parent link and best-interests basis', () => {
    expect(failedRules(withMother(true).send('p1', legalOfficer, 'detention', 'DETAIN', childDetain({ separateFromAdults: false })))).toContain('KP-DET-03');
    expect(failedRules(withMother(false).send('p1', legalOfficer, 'detention', 'DETAIN', childDetain({ separateFromAdults: false, staysWithParent: { caseId: 'm1' } })))).toContain('KP-DET-03');
  });
  it('allows a child to stay with the mother on a BIA', () => {
    const d = withMother(true).send('p1', legalOfficer, 'detention', 'DETAIN', childDetain({ separateFromAdults: false, staysWithParent: { caseId: 'm1' } }));
    expect(d.kind).toBe('pending');
    expect(verdictOf(d, 'KP-DET-03')?.ok).toBe(true);
  });
  it('flags (WARN) a woman\'s admission with no children recorded and none linked to her case', () => {
    // WORKFLOWS.md's DETAIN has no `children`: with no child linked, the absence is flagged, not refused.
    const d = world().send('p1', legalOfficer, 'detention', 'DETAIN', detain({ children: undefined }));
    expect(d.kind).toBe('applied');
    expect(verdictOf(d, 'KP-DET-03')).toMatchObject({ ok: false, severity: 'warn', reason: expect.stringContaining('no children recorded; none linked') });
  });
  it('refuses a woman\'s admission without her known (linked) children recorded, or missing a child on file', () => {
    const w = world();
    w.add(newCase('k1', boy()));
    w.link('p1', 'k1', 'child');
    const unrecorded = w.send('p1', legalOfficer, 'detention', 'DETAIN', detain({ children: undefined }));
    expect(failedRules(unrecorded)).toEqual(['KP-DET-03']);
    expect(verdictOf(unrecorded, 'KP-DET-03')).toMatchObject({ severity: 'block-unless', reason: expect.stringContaining('her known children K1 must be recorded') });
    expect(failedRules(w.send('p1', legalOfficer, 'detention', 'DETAIN', detain()))).toEqual(['KP-DET-03']);
    const kid = { caseId: 'k1', name: 'Yusuf', age: 15, whereabouts: 'Camp A', carer: 'aunt', staysWithMother: false };
    expect(failedRules(w.send('p1', legalOfficer, 'detention', 'DETAIN', detain({ children: [kid] })))).toEqual(['KP-DET-03']);
    expect(w.send('p1', legalOfficer, 'detention', 'DETAIN', detain({ children: [{ ...kid, bestInterestsBasis: 'BIA: kinship care with the aunt' }] })).kind).toBe('applied');
  });
});

describe('KP-DET-04 prohibited grounds', () => {
  it('refuses a relative\'s conduct for anyone and association for a child', () => {
    expect(failedRules(world().send('p1', legalOfficer, 'detention', 'DETAIN', detain({ grounds: ['relative_conduct'] })))).toEqual(['KP-DET-04']);
    expect(failedRules(world(boy()).send('p1', legalOfficer, 'detention', 'DETAIN', childDetain({ grounds: ['association'] })))).toContain('KP-DET-04');
  });
  it('allows grounds about the person\'s own conduct', () => {
    expect(verdictOf(world().send('p1', legalOfficer, 'detention', 'DETAIN', detain({ grounds: ['suspected_offence', 'membership'] })), 'KP-DET-04')?.ok).toBe(true);
  });
  it('refuses detention resting only on family evidence (KP-SCR-02)', () => {
    expect(failedRules(world().send('p1', legalOfficer, 'detention', 'DETAIN', detain({ evidenceIds: ['ev-family'] })))).toEqual(['KP-SCR-02']);
  });
});

describe('structured verdicts of the detention rules (issue 16.1)', () => {
  it('KP-DET-04 and KP-DET-02 refuse with codes, params and what would allow; lawful grounds pass with a code', () => {
    const d = world(boy()).send('p1', legalOfficer, 'detention', 'DETAIN', childDetain({ grounds: ['association', 'relative_conduct'], maxEnd: undefined }));
    expect(verdictOf(d, 'KP-DET-04')).toMatchObject({
      ok: false,
      code: 'KP-DET-04.relative_conduct',
      more: [{ code: 'KP-DET-04.child_association' }],
      facts: expect.arrayContaining(['command.grounds']),
      toAllow: [{ code: 'KP-DET-04.allow_own_conduct' }],
    });
    expect(verdictOf(d, 'KP-DET-02')).toMatchObject({
      ok: false,
      code: 'KP-DET-02.safeguards',
      more: [{ code: 'KP-DET-02.no_max', params: { field: 'maxEnd' } }],
      toAllow: [{ code: 'KP-DET-02.allow_dates', params: { interval: expect.any(Number) } }],
    });
    expect(verdictOf(world().send('p1', legalOfficer, 'detention', 'DETAIN', detain()), 'KP-DET-04')).toMatchObject({ ok: true, code: 'KP-DET-04.own_conduct' });
  });
});

describe('KP-SCR-02 on DETAIN citing no evidence (WORKFLOWS.md names no evidenceIds)', () => {
  /** A case whose only evidence is `items`, screened, optionally investigated on `investigatedOn`. */
  function detainable(items: ReturnType<typeof evidence>[], investigatedOn?: string) {
    const w = new World({ jurisdictions: [...JURISDICTION_SEED] });
    w.add(newCase('p1', woman(), items));
    w.send('p1', caseworker, 'screening', 'START');
    expect(w.send('p1', caseworker, 'screening', 'RECORD_ASSESSMENT', { victimIndicators: [], referrals: [], affiliation: { level: 'none', evidenceIds: [] }, ageGenderConsiderations: 'considered', outcome: 'victim' }).kind).toBe('applied');
    if (investigatedOn) expect(w.send('p1', legalOfficer, 'legal', 'OPEN_INVESTIGATION', { evidenceIds: [investigatedOn], femaleStaffAvailable: true }).kind).toBe('applied');
    return w;
  }
  it('rests on the evidence of the proceedings when the detention names none', () => {
    const d = detainable([evidence('ev-own', 'own_conduct'), evidence('ev-family', 'family_member')], 'ev-own').send('p1', legalOfficer, 'detention', 'DETAIN', detain({ evidenceIds: [] }));
    expect(d.kind).toBe('applied');
    expect(verdictOf(d, 'KP-SCR-02')).toMatchObject({ ok: true, reason: 'person-specific evidence is cited' });
  });
  it('refuses when the proceedings rest only on family evidence (a record from before the rules, set directly)', () => {
    const w = detainable([evidence('ev-family', 'family_member'), evidence('ev-own', 'own_conduct')]);
    const c = w.get('p1');
    const legal = { ...c.workflows.find((v) => v.kind === 'legal')!, state: 'investigation', context: { ...initialLegalContext(), investigation: { evidenceIds: ['ev-family'], by: legalOfficer.id, at: AT } } };
    w.cases.set('p1', { ...c, workflows: [...c.workflows.filter((v) => v.kind !== 'legal'), legal] });
    const d = w.send('p1', legalOfficer, 'detention', 'DETAIN', detain({ evidenceIds: undefined }));
    expect(failedRules(d)).toEqual(['KP-SCR-02']);
    expect(verdictOf(d, 'KP-SCR-02')?.reason).toContain('only family members');
  });
  it('with no proceedings: the case\'s own evidence decides (person-specific passes; only family, place or general refuses)', () => {
    const own = detainable([evidence('ev-place', 'location_or_residence'), evidence('ev-own', 'own_conduct')]).send('p1', legalOfficer, 'detention', 'DETAIN', detain({ evidenceIds: undefined }));
    expect(own.kind).toBe('applied');
    expect(verdictOf(own, 'KP-SCR-02')?.reason).toContain('the case record holds person-specific evidence');
    const family = detainable([evidence('ev-family', 'family_member'), evidence('ev-place', 'location_or_residence'), evidence('ev-general', 'general')]).send('p1', legalOfficer, 'detention', 'DETAIN', detain({ evidenceIds: undefined }));
    expect(failedRules(family)).toEqual(['KP-SCR-02']);
    expect(verdictOf(family, 'KP-SCR-02')?.reason).toContain('only family members, places or general context');
    // Person-specific evidence under a torture allegation is not usable either (KP-JUS-06).
    expect(failedRules(detainable([evidence('ev-torture', 'own_conduct', 'alleged')]).send('p1', legalOfficer, 'detention', 'DETAIN', detain({ evidenceIds: undefined })))).toEqual(['KP-SCR-02']);
  });
  it('refuses a detention of a person with no evidence on record at all', () => {
    const d = detainable([]).send('p1', legalOfficer, 'detention', 'DETAIN', detain({ evidenceIds: undefined }));
    expect(failedRules(d)).toEqual(['KP-SCR-02']);
    expect(verdictOf(d, 'KP-SCR-02')).toMatchObject({ ok: false, severity: 'block', reason: expect.stringContaining('none on record') });
  });
});

describe('DETAIN shapes WORKFLOWS.md leaves open (plain forms normalised)', () => {
  it('reads a plain facility, legal basis and alternatives; a legal basis in plain words is criminal unless it says otherwise', () => {
    const w = world();
    const d = w.send('p1', legalOfficer, 'detention', 'DETAIN', detain({ facility: 'Fresnes remand unit', legalBasis: 'Administrative detention order 12/2026', alternativesConsidered: ['judicial supervision'] }));
    expect(d.kind).toBe('applied');
    const current = (w.instance('p1', 'detention')!.context as unknown as DetentionContext).current!;
    expect(current.facility).toEqual({ name: 'Fresnes remand unit', kind: 'pretrial_centre' });
    expect(current.legalBasis).toEqual({ kind: 'administrative', reference: 'Administrative detention order 12/2026' });
    expect(current.alternativesConsidered).toEqual([{ alternative: 'judicial supervision' }]);
    const basis = (legalBasis: string) => (detention.commands['DETAIN']!.data.parse(detain({ legalBasis })) as { legalBasis?: unknown }).legalBasis;
    expect(basis('Code of Criminal Procedure art. 144')).toEqual({ kind: 'pretrial', reference: 'Code of Criminal Procedure art. 144' });
    expect(basis('Order 12/2026')).toMatchObject({ kind: 'pretrial' });
    expect(basis('serving the sentence of the Paris criminal court')).toMatchObject({ kind: 'sentence' });
    expect(basis('Immigration Act s. 5, pending removal')).toMatchObject({ kind: 'immigration' });
    // A criminal (pre-trial) basis with no charge on record is refused: KP-AGE-02 cannot check the age at the act.
    expect(failedRules(world().send('p1', legalOfficer, 'detention', 'DETAIN', detain({ legalBasis: 'Code of Criminal Procedure art. 144' })))).toEqual(['KP-AGE-02']);
  });
  it('a child\'s detention on a plain-words basis is checked against the MACR as criminal detention (KP-AGE-02)', () => {
    const w = world(facts({ dob: { exact: '2014-02-01' }, sex: 'male' }));
    const d = w.send('p1', legalOfficer, 'detention', 'DETAIN', childDetain({ legalBasis: 'order of the investigating judge' }));
    expect(failedRules(d)).toContain('KP-AGE-02');
  });
});

describe('RELEASE and KP-SYS-01', () => {
  it('a release as WORKFLOWS.md shows it (no data) is flagged (WARN), not refused; its reasons are recorded when given', () => {
    const w = world();
    expect(w.send('p1', legalOfficer, 'detention', 'DETAIN', detain()).kind).toBe('applied');
    const d = w.send('p1', supervisor, 'detention', 'RELEASE');
    expect(d.kind === 'applied' && d.next.state).toBe('not_detained');
    expect(verdictOf(d, 'KP-SYS-01')).toMatchObject({ ok: false, severity: 'warn' });
    const v = world();
    v.send('p1', legalOfficer, 'detention', 'DETAIN', detain());
    const reasoned = v.send('p1', supervisor, 'detention', 'RELEASE', {}, { justification: 'judicial supervision ordered instead' });
    expect(verdictOf(reasoned, 'KP-SYS-01')?.ok).toBe(true);
    expect((v.instance('p1', 'detention')!.context as unknown as DetentionContext).history.at(-1)?.endReason).toBe('judicial supervision ordered instead');
  });
});

describe('REFERRAL_ANNULLED follow-up (KP-SYS-01)', () => {
  it('releases a prosecution-based detention and leaves an administrative one', () => {
    const w = world();
    w.send('p1', legalOfficer, 'detention', 'DETAIN', detain());
    expect(w.send('p1', legalOfficer, 'detention', 'REFERRAL_ANNULLED', { reason: 'annulled' }).kind).not.toBe('applied');
    expect(w.instance('p1', 'detention')?.state).toBe('detained');
    expect(detention.commands['REFERRAL_ANNULLED']).toBeUndefined();
  });
});

describe('detention machine paths (@xstate/graph)', () => {
  const variants = [
    childDetain(),
    childDetain({ grounds: ['association'] }),
    childDetain({ maxEnd: undefined }),
    childDetain({ reviewDueAt: '2026-08-01' }),
    childDetain({ separateFromAdults: false }),
    childDetain({ legalBasis: undefined }),
  ];
  const steps = [
    ...variants.map((data) => ({ type: 'DETAIN', data })),
    { type: 'REVIEW', data: { continue: true, nextReviewDueAt: '2026-06-12', reason: 'r' } },
    { type: 'REVIEW', data: { continue: true, nextReviewDueAt: '2026-10-01', reason: 'r' } },
    { type: 'REVIEW', data: { continue: false, reason: 'r' } },
    { type: 'RELEASE', data: { reason: 'r' } },
  ];
  function paths(at: string) {
    const w = world(boy());
    w.at = at;
    const events = (snapshot: { value: unknown; context: unknown }) =>
      steps.map((s) => {
        const base = w.context('p1', supervisor2, 'detention', s.type, s.data, { proposedBy: legalOfficer });
        const current: WorkflowView = { ...base.workflow, state: String(snapshot.value), context: snapshot.context as Record<string, unknown> };
        return { type: s.type, data: base.command.data, ctx: { ...base, workflow: current, subject: { ...base.subject, workflows: [...base.subject.workflows.filter((x) => x.kind !== 'detention'), current] } } };
      });
    return getShortestPaths(detention.machine, { events, serializeState: boundedSerialize, limit: 5000 });
  }
  it('reaches detained, and no path detains a child for association, without a maximum, a timely review, separation or a legal basis', () => {
    const all = paths(AT);
    expect(all.some((p) => p.state.value === 'detained')).toBe(true);
    for (const p of all) {
      const d = (p.state.context as DetentionContext).current;
      if (!d) continue;
      expect(d.grounds).not.toContain('association');
      expect(d.maxEnd).toBeDefined();
      expect(d.reviewDueAt <= '2026-06-15').toBe(true);
      expect(d.separateFromAdults).toBe(true);
      expect(d.legalBasis).toBeDefined();
    }
  });
  it('no review sets the next review after the maximum end', () => {
    for (const p of paths(AT)) {
      const d = (p.state.context as DetentionContext).current;
      if (d?.maxEnd) expect(d.reviewDueAt <= d.maxEnd).toBe(true);
    }
  });
});

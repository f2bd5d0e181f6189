// Load the rule registry before any machine: a rule file that imports machine values (rules/detention.ts)
// otherwise meets a half-initialised definition.ts through the import cycle. Harmless once that is fixed.
import '../../workflows/rules/registry.ts';
import { getShortestPaths, getSimplePaths } from '@xstate/graph';
import type { AnyMachineSnapshot } from 'xstate';
import { describe, expect, it } from 'vitest';
import { FORBIDDEN_ELIGIBILITY_FIELDS, validateAssistanceEligibility } from '../../workflows/assistance.ts';
import type { CaseFacts } from '../../workflows/caseFile.ts';
import type { Decision } from '../../workflows/decide.ts';
import { rehabilitation } from '../../workflows/rehabilitation/index.ts';
import type { RehabilitationContext } from '../../workflows/rehabilitation/model.ts';
import type { CaseView, WorkflowView } from '../../workflows/rules/types.ts';
import { DEFAULT_SETTINGS } from '../../workflows/settings.ts';
import { AT, World, caseworker, childFacts, facts, newCase, verdictOf } from '../support/builders.ts';

/** A case whose repatriation workflow recorded an arrival (the repatriation machine's `returned` state). */
function returnedCase(id: string, f: CaseFacts = facts(), arrivedAt = '2026-05-20'): CaseView {
  const c = newCase(id, f);
  const repatriation: WorkflowView = { kind: 'repatriation', instance: '', version: 1, state: 'returned', outcome: 'returned', context: { arrivedAt } };
  return { ...c, workflows: [...c.workflows.filter((w) => w.kind !== 'repatriation'), repatriation] };
}

function world(c: CaseView): World {
  const w = new World();
  w.add(c);
  return w;
}

const svc = (type: string, extra: Record<string, unknown> = {}) => ({ type, provider: 'Provider', setting: 'community', ...extra });
const womanServices = [svc('medical', { setting: 'outpatient' }), svc('mhpss'), svc('legal'), svc('family_tracing')];
const childServices = [svc('medical', { setting: 'outpatient' }), svc('mhpss'), svc('education', { setting: 'school' }), svc('legal'), svc('family_community_reintegration', { setting: 'family' })];
const plan = (services: unknown[], reviewDate = '2026-09-01') => ({ services, reviewDate });

const failedRules = (d: Decision): string[] => (d.kind === 'refused' ? d.failed.map((v) => v.rule) : []);
const rehabOf = (w: World, id = 'c1') => w.instance(id, 'rehabilitation')!;

describe('KP-REH-01 individual, age- and gender-tailored plan (TIMER)', () => {
  it('allows a child\'s plan covering medical, MHPSS, education, legal and family/community', () => {
    const w = world(returnedCase('c1', childFacts()));
    const d = w.send('c1', caseworker, 'rehabilitation', 'CREATE_PLAN', plan(childServices));
    expect(d.kind).toBe('applied');
    expect(verdictOf(d, 'KP-REH-01')).toMatchObject({ ok: true, severity: 'timer' });
    expect(verdictOf(d, 'KP-REH-01')?.reason).toContain('due by 2026-06-19');
    const ctx = rehabOf(w).context as unknown as RehabilitationContext;
    expect(ctx.plan?.services).toHaveLength(5);
    expect(ctx.plan?.createdBy).toBe(caseworker.id);
  });
  it('refuses a child\'s plan without education', () => {
    const w = world(returnedCase('c1', childFacts()));
    const d = w.send('c1', caseworker, 'rehabilitation', 'CREATE_PLAN', plan(childServices.filter((s) => s.type !== 'education')));
    expect(d.kind).toBe('refused');
    expect(failedRules(d)).toEqual(['KP-REH-01']);
    expect(verdictOf(d, 'KP-REH-01')).toMatchObject({ ok: false, severity: 'block', reason: expect.stringContaining('education') });
    expect(rehabOf(w).state).toBe('not_started');
  });
  it('does not demand education of an adult woman, but refuses her plan without MHPSS or family reintegration', () => {
    expect(world(returnedCase('c1')).send('c1', caseworker, 'rehabilitation', 'CREATE_PLAN', plan(womanServices)).kind).toBe('applied');
    const d = world(returnedCase('c1')).send('c1', caseworker, 'rehabilitation', 'CREATE_PLAN', plan([svc('medical'), svc('legal'), svc('education')]));
    expect(failedRules(d)).toEqual(['KP-REH-01']);
    expect(verdictOf(d, 'KP-REH-01')?.reason).toMatch(/mental health and psychosocial support.*family and community reintegration/);
  });
  it('explains a refusal with the domains left out and what would allow it; the allowed plan names its domains and due date (issue 16.1)', () => {
    const refused = world(returnedCase('c1', childFacts())).send('c1', caseworker, 'rehabilitation', 'CREATE_PLAN', plan(childServices.filter((s) => s.type !== 'education')));
    expect(verdictOf(refused, 'KP-REH-01')).toMatchObject({
      ok: false,
      code: 'KP-REH-01.child_plan_gaps',
      params: { domains: ['education'] },
      facts: expect.arrayContaining(['command.services', 'person.dateOfBirth']),
      toAllow: [{ code: 'KP-REH-01.allow_domains', params: { domains: ['education'] } }],
    });
    const allowed = world(returnedCase('c1', childFacts())).send('c1', caseworker, 'rehabilitation', 'CREATE_PLAN', plan(childServices));
    expect(verdictOf(allowed, 'KP-REH-01')).toMatchObject({ ok: true, code: 'KP-REH-01.tailored', params: { domains: ['medical', 'mhpss', 'education', 'legal', 'family_community'] }, more: [{ code: 'KP-REH-01.due_by', params: { due: '2026-06-19' } }] });
    const gated = world(returnedCase('c1')).send('c1', caseworker, 'rehabilitation', 'CREATE_PLAN', plan([svc('medical', { conditions: ['cooperation'] }), ...womanServices.slice(1)]));
    expect(verdictOf(gated, 'KP-REH-02')).toMatchObject({
      code: 'KP-REH-02.gated',
      more: [{ code: 'KP-REH-02.conditional', params: { service: 'medical', condition: 'cooperation', concept: 'cooperation_or_prosecution' } }],
      toAllow: [{ code: 'KP-REH-02.allow_unconditional' }],
    });
  });
  it('counts livelihood support as family and community reintegration', () => {
    const noTracing = womanServices.filter((s) => s.type !== 'family_tracing' && s.type !== 'livelihood');
    const withLivelihood = world(returnedCase('c1')).send('c1', caseworker, 'rehabilitation', 'CREATE_PLAN', plan([...noTracing, svc('livelihood')]));
    expect(withLivelihood.kind).toBe('applied');
    expect(verdictOf(withLivelihood, 'KP-REH-01')?.ok).toBe(true);
    const without = world(returnedCase('c1')).send('c1', caseworker, 'rehabilitation', 'CREATE_PLAN', plan(noTracing));
    expect(verdictOf(without, 'KP-REH-01')).toMatchObject({ ok: false, reason: expect.stringContaining('family and community reintegration') });
  });
  it('refuses an empty plan with its id, not a schema error', () => {
    const d = world(returnedCase('c1')).send('c1', caseworker, 'rehabilitation', 'CREATE_PLAN', plan([]));
    expect(failedRules(d)).toEqual(['KP-REH-01']);
  });
  it('treats a person whose age range straddles 18 as a child (education required)', () => {
    const straddling = facts({ dob: { earliest: '2007-01-01', latest: '2009-12-31', method: 'holistic', confidence: 'medium' }, sex: 'male' });
    const d = world(returnedCase('c1', straddling)).send('c1', caseworker, 'rehabilitation', 'CREATE_PLAN', plan(womanServices));
    expect(verdictOf(d, 'KP-REH-01')?.reason).toContain('education');
  });
  it('tailors a survivor\'s plan: SGBV support, or written reasons for leaving it out (JUSTIFY)', () => {
    const survivor = facts({ vulnerabilities: ['sgbv_survivor'] });
    const bare = world(returnedCase('c1', survivor)).send('c1', caseworker, 'rehabilitation', 'CREATE_PLAN', plan(womanServices));
    expect(bare.kind).toBe('refused');
    expect(verdictOf(bare, 'KP-REH-01')).toMatchObject({ ok: false, severity: 'justify' });
    const withSupport = world(returnedCase('c1', survivor)).send('c1', caseworker, 'rehabilitation', 'CREATE_PLAN', plan([...womanServices, svc('sgbv_support')]));
    expect(withSupport.kind).toBe('applied');
    const justified = world(returnedCase('c1', survivor)).send('c1', caseworker, 'rehabilitation', 'CREATE_PLAN', plan(womanServices), { justification: 'the survivor declined an SGBV referral for now; offer again at review' });
    expect(justified.kind).toBe('applied');
  });
  it('refuses a review date in the past', () => {
    const d = world(returnedCase('c1')).send('c1', caseworker, 'rehabilitation', 'CREATE_PLAN', plan(womanServices, '2026-05-01'));
    expect(verdictOf(d, 'KP-REH-01')).toMatchObject({ ok: false, severity: 'block', reason: expect.stringContaining('in the past') });
  });
  it('records a late plan as a missed deadline without refusing it', () => {
    const d = world(returnedCase('c1', facts(), '2026-04-01')).send('c1', caseworker, 'rehabilitation', 'CREATE_PLAN', plan(womanServices));
    expect(d.kind).toBe('applied');
    expect(verdictOf(d, 'KP-REH-01')).toMatchObject({ ok: false, severity: 'timer', reason: expect.stringContaining('31 days late') });
  });
  it('checks a revised plan on review and keeps the review history', () => {
    const w = world(returnedCase('c1', childFacts()));
    w.send('c1', caseworker, 'rehabilitation', 'CREATE_PLAN', plan(childServices));
    const refused = w.send('c1', caseworker, 'rehabilitation', 'REVIEW_PLAN', { reviewDate: '2026-12-01', services: [svc('medical')] });
    expect(failedRules(refused)).toEqual(['KP-REH-01']);
    const ok = w.send('c1', caseworker, 'rehabilitation', 'REVIEW_PLAN', { reviewDate: '2026-12-01', note: 'attending school' });
    expect(ok.kind).toBe('applied');
    const ctx = rehabOf(w).context as unknown as RehabilitationContext;
    expect(ctx.plan?.reviewDate).toBe('2026-12-01');
    expect(ctx.reviews).toEqual([expect.objectContaining({ previousReviewDate: '2026-09-01', reviewDate: '2026-12-01', servicesChanged: false })]);
  });
});

describe('KP-REH-01 tasks (TIMER): plan due after arrival, review due', () => {
  const settings = DEFAULT_SETTINGS;
  it('puts the plan on the caseworker\'s list, due the SLA after arrival, and escalates when missed', () => {
    const w = world(returnedCase('c1', childFacts(), '2026-05-20'));
    const tasks = rehabilitation.tasks!(rehabOf(w), w.get('c1'), settings, AT);
    expect(tasks).toEqual([expect.objectContaining({ kind: 'rehabilitation_plan_due', role: 'caseworker', due: '2026-06-19', rule: 'KP-REH-01' })]);
    const late = rehabilitation.tasks!(rehabOf(w), w.get('c1'), settings, '2026-07-01T00:00:00.000Z');
    expect(late.map((t) => [t.kind, t.role])).toEqual([['rehabilitation_plan_due', 'caseworker'], ['rehabilitation_plan_overdue', 'supervisor']]);
  });
  it('owes no plan before return', () => {
    const w = world(newCase('c1', childFacts()));
    expect(rehabilitation.tasks!(rehabOf(w), w.get('c1'), settings, AT)).toEqual([]);
  });
  it('puts the review on the list once a plan exists, and escalates an overdue review', () => {
    const w = world(returnedCase('c1'));
    w.send('c1', caseworker, 'rehabilitation', 'CREATE_PLAN', plan(womanServices, '2026-09-01'));
    expect(rehabilitation.tasks!(rehabOf(w), w.get('c1'), settings, AT)).toEqual([expect.objectContaining({ kind: 'rehabilitation_plan_review', due: '2026-09-01' })]);
    const overdue = rehabilitation.tasks!(rehabOf(w), w.get('c1'), settings, '2026-09-05T00:00:00.000Z');
    expect(overdue.map((t) => t.role)).toEqual(['caseworker', 'supervisor']);
  });
});

describe('KP-REH-02 no gating on security, cooperation or prosecution; family and community settings', () => {
  it('allows a service conditional only on informed consent', () => {
    const d = world(returnedCase('c1')).send('c1', caseworker, 'rehabilitation', 'CREATE_PLAN', plan([...womanServices.slice(0, 3), svc('family_tracing', { conditions: ['informed_consent'] })]));
    expect(d.kind).toBe('applied');
    expect(verdictOf(d, 'KP-REH-02')?.ok).toBe(true);
  });
  for (const condition of ['cooperation', 'security_classification', 'prosecution_outcome']) {
    it(`refuses a service conditional on ${condition}`, () => {
      const d = world(returnedCase('c1')).send('c1', caseworker, 'rehabilitation', 'CREATE_PLAN', plan([svc('medical', { conditions: [condition] }), ...womanServices.slice(1)]));
      expect(d.kind).toBe('refused');
      expect(failedRules(d)).toEqual(['KP-REH-02']);
      expect(verdictOf(d, 'KP-REH-02')?.reason).toContain(condition);
    });
  }
  it('refuses eligibility that depends on a security rating (and KP-HUM-01 refuses it too)', () => {
    const d = world(returnedCase('c1')).send('c1', caseworker, 'rehabilitation', 'CREATE_PLAN', plan([svc('medical', { eligibility: [{ field: 'securityRisk', operator: 'eq', value: 'low' }] }), ...womanServices.slice(1)]));
    expect(failedRules(d).sort()).toEqual(['KP-HUM-01', 'KP-REH-02']);
  });
  it('needs a justification for a residential or institutional setting (JUSTIFY), and records it on the plan', () => {
    const services = [...womanServices.slice(0, 3), svc('family_community_reintegration', { setting: 'residential' })];
    const bare = world(returnedCase('c1')).send('c1', caseworker, 'rehabilitation', 'CREATE_PLAN', plan(services));
    expect(bare.kind).toBe('refused');
    expect(verdictOf(bare, 'KP-REH-02')).toMatchObject({ ok: false, severity: 'justify' });
    const w = world(returnedCase('c1'));
    const justified = w.send('c1', caseworker, 'rehabilitation', 'CREATE_PLAN', plan(services), { justification: 'no family placement available yet; shelter for survivors, reviewed monthly' });
    expect(justified.kind).toBe('applied');
    expect((rehabOf(w).context as unknown as RehabilitationContext).plan?.justification).toContain('shelter');
  });
  it('treats a hospital as a health setting for medical care only', () => {
    const ok = world(returnedCase('c1')).send('c1', caseworker, 'rehabilitation', 'CREATE_PLAN', plan([svc('medical', { setting: 'hospital' }), ...womanServices.slice(1)]));
    expect(ok.kind).toBe('applied');
    const d = world(returnedCase('c1')).send('c1', caseworker, 'rehabilitation', 'CREATE_PLAN', plan([...womanServices.slice(0, 2), svc('legal', { setting: 'institutional' }), womanServices[3]]));
    expect(verdictOf(d, 'KP-REH-02')?.severity).toBe('justify');
  });
});

describe('KP-HUM-01 assistance eligibility never refers to affiliation, screening or family links', () => {
  it('allows needs-based eligibility on a service', () => {
    const d = world(returnedCase('c1')).send('c1', caseworker, 'rehabilitation', 'CREATE_PLAN', plan([svc('medical', { eligibility: [{ field: 'person.vulnerabilities', operator: 'in', value: ['pregnant', 'medical'] }] }), ...womanServices.slice(1)]));
    expect(d.kind).toBe('applied');
    expect(verdictOf(d, 'KP-HUM-01')).toMatchObject({ ok: true, reason: expect.stringContaining('needs') });
  });
  for (const field of ['affiliation.level', 'screeningOutcome', 'familyLinks.relation']) {
    it(`refuses a service whose eligibility refers to ${field}`, () => {
      const d = world(returnedCase('c1')).send('c1', caseworker, 'rehabilitation', 'CREATE_PLAN', plan([svc('education', { eligibility: [{ field, operator: 'eq', value: 'none' }] }), ...womanServices]));
      expect(d.kind).toBe('refused');
      // A screening outcome gates the service on a security classification too (KP-REH-02).
      expect(failedRules(d)).toEqual(field === 'screeningOutcome' ? ['KP-REH-02', 'KP-HUM-01'] : ['KP-HUM-01']);
      expect(verdictOf(d, 'KP-HUM-01')?.reason).toContain(field);
    });
  }
  it('explains the refusal with its code, the concept and field, and what would allow it (issue 16.1)', () => {
    const d = world(returnedCase('c1')).send('c1', caseworker, 'rehabilitation', 'CREATE_PLAN', plan([svc('education', { eligibility: [{ field: 'affiliation.level', operator: 'eq', value: 'none' }] }), ...womanServices]));
    expect(verdictOf(d, 'KP-HUM-01')).toMatchObject({
      ok: false,
      code: 'KP-HUM-01.forbidden',
      params: { concept: 'affiliation', field: 'affiliation.level' },
      toAllow: [{ code: 'KP-HUM-01.allow_needs' }],
    });
  });
  it('validates an assistance configuration: needs-based rules pass', () => {
    const v = validateAssistanceEligibility([
      { id: 'food-1', assistance: 'food', criteria: [{ field: 'householdSize', operator: 'gte', value: 1 }] },
      { id: 'health-1', assistance: 'health', criteria: [] },
      { id: 'shelter-1', assistance: 'shelter', criteria: [{ field: 'location.kind', operator: 'in', value: ['camp', 'returned'] }, { field: 'foodSecurityScore', operator: 'lt', value: 3 }] },
    ]);
    expect(v.ok).toBe(true);
  });
  it('blocks a configuration that refers to any forbidden field, naming each', () => {
    for (const field of FORBIDDEN_ELIGIBILITY_FIELDS) {
      const v = validateAssistanceEligibility([{ id: 'r', assistance: 'water_sanitation', criteria: [{ field, operator: 'exists' }] }]);
      expect(v.ok, field).toBe(false);
      expect(!v.ok && v.issues[0]).toMatchObject({ rule: 'KP-HUM-01', field, path: [0, 'criteria', 0, 'field'] });
    }
  });
  it('reports malformed rules and duplicate ids as schema issues', () => {
    const bad = validateAssistanceEligibility([{ id: 'x', assistance: 'weapons', criteria: [] }]);
    expect(!bad.ok && bad.issues[0]?.rule).toBe('schema');
    const dup = validateAssistanceEligibility([{ id: 'x', assistance: 'food', criteria: [] }, { id: 'x', assistance: 'health', criteria: [] }]);
    expect(!dup.ok && dup.issues).toEqual([expect.objectContaining({ rule: 'schema', path: [1, 'id'] })]);
  });
});

describe('rehabilitation lifecycle: every accepted command records something', () => {
  it('plans, starts, records progress, reviews, completes with reasons and reopens', () => {
    const w = world(returnedCase('c1', childFacts()));
    const before = () => JSON.stringify(rehabOf(w).context);
    const steps: Array<[string, Record<string, unknown>, string]> = [
      ['CREATE_PLAN', plan(childServices), 'planned'],
      ['START', {}, 'active'],
      ['RECORD_PROGRESS', { note: 'enrolled in school', serviceType: 'education' }, 'active'],
      ['REVIEW_PLAN', { reviewDate: '2026-12-01' }, 'active'],
      ['COMPLETE', { reason: 'goals met; family reunited' }, 'completed'],
      ['REOPEN', { reason: 'new needs after a move' }, 'active'],
    ];
    for (const [type, data, state] of steps) {
      const prev = before();
      const d = w.send('c1', caseworker, 'rehabilitation', type, data);
      expect(d.kind, type).toBe('applied');
      expect(rehabOf(w).state).toBe(state);
      expect(before(), `${type} assigns to the context`).not.toBe(prev);
    }
    const ctx = rehabOf(w).context as unknown as RehabilitationContext;
    expect(ctx.progress).toEqual([expect.objectContaining({ note: 'enrolled in school', serviceType: 'education', by: caseworker.id, at: AT })]);
    expect(ctx.reopenings).toHaveLength(1);
    expect(rehabOf(w).outcome).toBe('active');
  });
  it('refuses a completion without reasons (KP-SYS-01: it ends the services), an unreasoned reopening and progress before the plan started', () => {
    const w = world(returnedCase('c1'));
    w.send('c1', caseworker, 'rehabilitation', 'CREATE_PLAN', plan(womanServices));
    expect(w.send('c1', caseworker, 'rehabilitation', 'RECORD_PROGRESS', { note: 'x' }).kind).toBe('invalid');
    w.send('c1', caseworker, 'rehabilitation', 'START');
    const unreasoned = w.send('c1', caseworker, 'rehabilitation', 'COMPLETE');
    expect(failedRules(unreasoned)).toEqual(['KP-SYS-01']);
    expect(rehabOf(w).state).toBe('active');
    expect(w.send('c1', caseworker, 'rehabilitation', 'COMPLETE', {}, { justification: 'every planned service delivered' }).kind).toBe('applied');
    expect(rehabOf(w).state).toBe('completed');
    // Reopening (our command, with a reason field) still needs its reasons.
    expect(failedRules(w.send('c1', caseworker, 'rehabilitation', 'REOPEN', { reason: '  ' }))).toEqual(['KP-SYS-01']);
  });
  it('a completion with the envelope\'s justification records it as the reason', () => {
    const w = world(returnedCase('c1'));
    w.send('c1', caseworker, 'rehabilitation', 'CREATE_PLAN', plan(womanServices));
    w.send('c1', caseworker, 'rehabilitation', 'START');
    const d = w.send('c1', caseworker, 'rehabilitation', 'COMPLETE', {}, { justification: 'every planned service was delivered' });
    expect(verdictOf(d, 'KP-SYS-01')).toMatchObject({ ok: true });
    expect((rehabOf(w).context as unknown as RehabilitationContext).completion?.reason).toBe('every planned service was delivered');
  });
});

describe('rehabilitation machine paths (@xstate/graph)', () => {
  const TYPES = ['CREATE_PLAN', 'REVIEW_PLAN', 'START', 'RECORD_PROGRESS', 'COMPLETE', 'REOPEN'] as const;
  function pathsFor(c: CaseView, services: unknown[]) {
    const w = world(c);
    const data: Record<string, Record<string, unknown>> = {
      CREATE_PLAN: plan(services),
      REVIEW_PLAN: { reviewDate: '2026-10-01' },
      RECORD_PROGRESS: { note: 'attended session' },
      COMPLETE: { reason: 'plan goals met' },
      REOPEN: { reason: 'new needs' },
    };
    const events = TYPES.map((type) => ({ type, data: data[type] ?? {}, ctx: w.context('c1', caseworker, 'rehabilitation', type, data[type] ?? {}) }));
    // Context grows with each progress note and review: bound the events tried (STACK-NOTES).
    const bounded = (s: AnyMachineSnapshot) => {
      const cx = s.context as RehabilitationContext;
      return events.filter((e) => !(e.type === 'RECORD_PROGRESS' && cx.progress.length >= 2) && !(e.type === 'REVIEW_PLAN' && cx.reviews.length >= 1) && !(e.type === 'REOPEN' && cx.reopenings.length >= 1));
    };
    return getSimplePaths(rehabilitation.machine, { events: bounded });
  }

  it('starts in not_started and reaches completed only through a plan that covers the required domains', () => {
    expect(getShortestPaths(rehabilitation.machine, { events: [] }).length).toBeGreaterThan(0);
    const paths = pathsFor(returnedCase('c1', childFacts()), childServices);
    const completed = paths.filter((p) => p.state.value === 'completed');
    expect(completed.length).toBeGreaterThan(0);
    expect(new Set(paths.map((p) => String(p.state.value)))).toEqual(new Set(['not_started', 'planned', 'active', 'completed']));
    for (const path of paths) {
      const types = path.steps.map((s) => s.event.type);
      if (path.state.value === 'completed') {
        expect(types.indexOf('CREATE_PLAN')).toBeLessThan(types.indexOf('START'));
        expect(types.indexOf('START')).toBeLessThan(types.lastIndexOf('COMPLETE'));
        const cx = path.state.context as RehabilitationContext;
        expect(new Set(cx.plan?.services.map((s) => s.type))).toEqual(new Set(['medical', 'mhpss', 'education', 'legal', 'family_community_reintegration']));
        expect(cx.completion?.reason).toBe('plan goals met');
      }
      // Property: every accepted event changes the context (nothing is applied without a record).
      for (let i = 1; i < path.steps.length; i++) {
        expect(JSON.stringify(path.steps[i]!.state.context)).not.toBe(JSON.stringify(path.steps[i - 1]!.state.context));
      }
    }
  });
  it('has no path out of not_started when the plan misses a domain or gates on cooperation', () => {
    const noEducation = pathsFor(returnedCase('c1', childFacts()), childServices.filter((s) => s.type !== 'education'));
    expect(noEducation.every((p) => p.state.value === 'not_started')).toBe(true);
    const gated = pathsFor(returnedCase('c1'), [svc('medical', { conditions: ['cooperation'] }), ...womanServices.slice(1)]);
    expect(gated.every((p) => p.state.value === 'not_started')).toBe(true);
  });
});

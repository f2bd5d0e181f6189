// Load the rule registry before any machine: a rule file that imports machine values (rules/detention.ts)
// otherwise meets a half-initialised definition.ts through the import cycle. Harmless once that is fixed.
import '../../workflows/rules/registry.ts';
import { getSimplePaths } from '@xstate/graph';
import type { AnyMachineSnapshot } from 'xstate';
import { describe, expect, it } from 'vitest';
import type { CaseFacts } from '../../workflows/caseFile.ts';
import type { Decision } from '../../workflows/decide.ts';
import { caseWorkflow } from '../../workflows/case/index.ts';
import { leafOf } from '../../workflows/states.ts';
import type { CaseContext } from '../../workflows/case/model.ts';
import { hasRule } from '../../workflows/rules/registry.ts';
import type { CaseView, WorkflowView } from '../../workflows/rules/types.ts';
import { AT, World, actor, caseworker, childFacts, facts, newCase, supervisor, supervisor2, verdictOf } from '../support/builders.ts';

function withWorkflow(c: CaseView, view: Omit<WorkflowView, 'instance' | 'version'>): CaseView {
  return { ...c, workflows: [...c.workflows.filter((w) => w.kind !== view.kind), { instance: '', version: 1, ...view }] };
}
const returned = (id: string, f: CaseFacts) => withWorkflow(newCase(id, f), { kind: 'repatriation', state: 'returned', outcome: 'returned', context: { arrivedAt: '2026-05-20' } });
const world = (c: CaseView) => {
  const w = new World();
  w.add(c);
  return w;
};
const failed = (d: Decision) => (d.kind === 'refused' ? d.failed.map((v) => v.rule) : []);
const close = (w: World, reason = 'durable solution in place; goals met') => w.send('c1', supervisor, 'case', 'CLOSE', { reason });
const fullChildPlan = {
  services: ['medical', 'mhpss', 'education', 'legal', 'family_community_reintegration'].map((type) => ({ type, provider: 'P', setting: 'community' })),
  reviewDate: '2026-09-01',
};

describe('case CLOSE: the closure checks', () => {
  it('names the closure rules: reasons, overdue reviews, reviewed return refusals, rehabilitation plan', () => {
    expect(caseWorkflow.commands['CLOSE']?.rules).toEqual(['KP-CARE-02', 'KP-RET-04', 'KP-REH-01', 'KP-SYS-01']);
    for (const id of caseWorkflow.commands['CLOSE']!.rules) expect(hasRule(id), id).toBe(true);
  });
  it('closes a case with reasons when nothing is owed, and records who closed it', () => {
    const w = world(newCase('c1'));
    const d = close(w);
    expect(d.kind).toBe('applied');
    expect(d.kind === 'applied' && d.next).toMatchObject({ state: 'closed', outcome: 'closed' });
    expect(verdictOf(d, 'KP-REH-01')?.ok).toBe(true);
    expect((w.instance('c1', 'case')!.context as unknown as CaseContext).closures).toEqual([{ reason: 'durable solution in place; goals met', by: supervisor.id, at: AT }]);
  });
  it('refuses a closure without reasons (KP-SYS-01)', () => {
    expect(failed(close(world(newCase('c1')), '   '))).toEqual(['KP-SYS-01']);
  });
});

describe('KP-REH-01 on closure: a returned woman or child has a rehabilitation plan', () => {
  it('refuses to close a returned child\'s case with no plan', () => {
    const w = world(returned('c1', childFacts()));
    const d = close(w);
    expect(d.kind).toBe('refused');
    expect(failed(d)).toEqual(['KP-REH-01']);
    expect(verdictOf(d, 'KP-REH-01')).toMatchObject({ severity: 'block', reason: expect.stringContaining('no rehabilitation and reintegration plan') });
    expect(w.instance('c1', 'case')!.state).toBe('open');
  });
  it('refuses for a returned woman too', () => {
    expect(failed(close(world(returned('c1', facts()))))).toEqual(['KP-REH-01']);
  });
  it('closes once the plan exists', () => {
    const w = world(returned('c1', childFacts()));
    expect(w.send('c1', caseworker, 'rehabilitation', 'CREATE_PLAN', fullChildPlan).kind).toBe('applied');
    const d = close(w);
    expect(d.kind).toBe('applied');
    expect(verdictOf(d, 'KP-REH-01')).toMatchObject({ ok: true, reason: expect.stringContaining('planned') });
  });
  it('owes no plan to an adult man (outside the rule), nor to someone not yet returned', () => {
    expect(close(world(returned('c1', facts({ sex: 'male' })))).kind).toBe('applied');
    expect(close(world(newCase('c1', childFacts()))).kind).toBe('applied');
  });
});

describe('KP-CARE-02 on closure (rule in rules/care.ts)', () => {
  const placement = (reviewDueAt: string) =>
    withWorkflow(newCase('c1', childFacts()), { kind: 'best_interests', state: 'bid_approved', outcome: 'approved', context: { placement: { type: 'kinship', reviewDueAt } } });
  it('refuses to close while a placement review is overdue', () => {
    const d = close(world(placement('2026-05-01')));
    expect(failed(d)).toContain('KP-CARE-02');
  });
  it('closes when the review is not yet due', () => {
    expect(verdictOf(close(world(placement('2026-08-01'))), 'KP-CARE-02')?.ok).toBe(true);
  });
});

describe('case REOPEN and the machine', () => {
  it('reopens with reasons and records it; closes again', () => {
    const w = world(newCase('c1'));
    close(w);
    const d = w.send('c1', supervisor, 'case', 'REOPEN', { reason: 'appeal result received' });
    expect(d.kind === 'applied' && d.next.state).toBe('open');
    expect((w.instance('c1', 'case')!.context as unknown as CaseContext).reopenings).toEqual([{ reason: 'appeal result received', by: supervisor.id, at: AT }]);
    expect(close(w).kind).toBe('applied');
  });
  it('REOPEN as WORKFLOWS.md shows it (no data) is flagged by KP-SYS-01 (WARN), not refused; a closure without reasons stays refused', () => {
    const w = world(newCase('c1'));
    close(w);
    const d = w.send('c1', supervisor, 'case', 'REOPEN');
    expect(d.kind === 'applied' && d.next.state).toBe('open');
    expect(verdictOf(d, 'KP-SYS-01')).toMatchObject({ ok: false, severity: 'warn', reason: expect.stringContaining('no written reasons') });
    expect((w.instance('c1', 'case')!.context as unknown as CaseContext).reopenings).toEqual([{ reason: '', by: supervisor.id, at: AT }]);
    expect(failed(close(w, '   '))).toEqual(['KP-SYS-01']);
    const refused = close(w, '   ');
    expect(verdictOf(refused, 'KP-SYS-01')).toMatchObject({ ok: false, code: 'KP-SYS-01.unreasoned', toAllow: [{ code: 'KP-SYS-01.allow_reasons' }] });
    expect(verdictOf(d, 'KP-SYS-01')).toMatchObject({ code: 'KP-SYS-01.favourable_unreasoned' });
  });
  it('every path changes the context on each accepted command', () => {
    const w = world(newCase('c1'));
    const data = { CLOSE: { reason: 'done' }, REOPEN: { reason: 'new evidence' } } as const;
    const events = (['CLOSE', 'REOPEN'] as const).map((type) => ({ type, data: data[type], ctx: w.context('c1', supervisor, 'case', type, data[type]) }));
    // Closing and reopening grow the context without end: bound the events tried (STACK-NOTES).
    const bounded = (s: AnyMachineSnapshot) => ((s.context as CaseContext).closures.length >= 2 ? [] : events);
    const paths = getSimplePaths(caseWorkflow.machine, { events: bounded });
    expect(paths.some((p) => leafOf(caseWorkflow.machine, p.state.value) === 'closed' && p.steps.map((x) => x.event.type).join() === 'xstate.init,CLOSE,REOPEN,CLOSE')).toBe(true);
    for (const p of paths) {
      for (let i = 1; i < p.steps.length; i++) expect(JSON.stringify(p.steps[i]!.state.context)).not.toBe(JSON.stringify(p.steps[i - 1]!.state.context));
    }
  });
});

describe('KP-DATA-04 case.ERASE: only a closed or sealed record, on a supervisor\'s proposal a DPO confirms', () => {
  const dpo = actor('u-dpo', 'data_protection_officer');
  const erase = { reason: 'retention period over; erasure review concluded', legalBasis: 'data protection policy, retention schedule' };

  it('refuses erasing an open case (the work is not over), naming what would allow it', () => {
    const w = world(newCase('c1'));
    const d = w.send('c1', supervisor, 'case', 'ERASE', erase, { proposedBy: supervisor2 });
    expect(failed(d)).toEqual(['KP-DATA-04']);
    expect(verdictOf(d, 'KP-DATA-04')).toMatchObject({ ok: false, code: 'KP-DATA-04.not_closed', params: { state: 'open' } });
  });

  it('erases a closed case when a DPO confirms a supervisor\'s proposal: the record moves to erased, a final state', () => {
    const w = world(newCase('c1'));
    expect(close(w).kind).toBe('applied');
    const d = w.send('c1', dpo, 'case', 'ERASE', erase, { proposedBy: supervisor });
    expect(d.kind).toBe('applied');
    expect(verdictOf(d, 'KP-DATA-04')).toMatchObject({ ok: true, code: 'KP-DATA-04.confirmed' });
    expect(d.kind === 'applied' && d.next.state).toBe('erased');
  });
});

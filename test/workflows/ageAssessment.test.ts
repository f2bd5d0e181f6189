import { getShortestPaths, getSimplePaths } from '@xstate/graph';
import { describe, expect, it } from 'vitest';
import type { AnyMachineSnapshot } from 'xstate';
import { MEDICAL_AGE_METHODS } from '../../workflows/age.ts';
import type { WorkflowEvent } from '../../workflows/definition.ts';
import { ageAssessment } from '../../workflows/age_assessment/index.ts';
import type { AgeAssessmentContext } from '../../workflows/age_assessment/model.ts';
import { effectiveDateOfBirth, isChildAt } from '../../workflows/rules/facts.ts';
import { AT, World, actor, caseworker, facts, graphEvents, newCase, supervisor, verdictOf } from '../support/builders.ts';

const range = { earliest: '2007-06-01', latest: '2009-06-01', method: 'holistic', confidence: 'medium' };
const assessors = [{ name: 'A', discipline: 'social_work' }, { name: 'B', discipline: 'paediatrics' }];

function world() {
  const w = new World();
  w.add(newCase('p1', facts({ dob: { exact: '2000-01-01' }, sex: 'male' })));
  return w;
}

describe('KP-AGE-04 holistic age assessment', () => {
  it('allows a multidisciplinary assessment with several methods', () => {
    const d = world().send('p1', caseworker, 'age_assessment', 'RECORD_AGE', { methods: ['interview', 'documents', 'dental_xray'], dateOfBirth: range, assessors });
    expect(d.kind).toBe('applied');
    expect(verdictOf(d, 'KP-AGE-04')?.ok).toBe(true);
  });
  it('refuses a single method such as a wrist X-ray', () => {
    const d = world().send('p1', caseworker, 'age_assessment', 'RECORD_AGE', { methods: ['wrist_xray'], dateOfBirth: range, assessors });
    expect(d.kind === 'refused' && d.failed).toEqual([expect.objectContaining({ rule: 'KP-AGE-04', severity: 'block' })]);
    expect(verdictOf(d, 'KP-AGE-04')).toMatchObject({ code: 'KP-AGE-04.single_method', params: { methods: ['wrist_xray'] }, facts: ['command.methods', 'command.assessors'], toAllow: [{ code: 'KP-AGE-04.allow_methods' }] });
  });
  it('refuses medical methods alone, and a single discipline', () => {
    const w = world();
    const medical = w.send('p1', caseworker, 'age_assessment', 'RECORD_AGE', { methods: ['wrist_xray', 'dental_xray'], dateOfBirth: range, assessors });
    expect(medical.kind === 'refused' && medical.failed[0]?.rule).toBe('KP-AGE-04');
    const oneDiscipline = w.send('p1', caseworker, 'age_assessment', 'RECORD_AGE', { methods: ['interview', 'documents'], dateOfBirth: range, assessors: [assessors[0]] });
    expect(oneDiscipline.kind === 'refused' && oneDiscipline.failed[0]?.rule).toBe('KP-AGE-04');
  });
  it('accepts assessors given by name only, whose unknown disciplines never make the assessment multidisciplinary', () => {
    const w = world();
    const names = w.send('p1', caseworker, 'age_assessment', 'RECORD_AGE', { methods: ['interview', 'documents'], dateOfBirth: range, assessors: ['Dr L. Martin', 'S. Benali'] });
    expect(names.kind === 'refused' && names.failed).toEqual([expect.objectContaining({ rule: 'KP-AGE-04', reason: expect.stringContaining('the discipline of 2 assessor(s) is not recorded') })]);
    // An explicit "unknown" counts no more than a missing one.
    const unknown = w.send('p1', caseworker, 'age_assessment', 'RECORD_AGE', { methods: ['interview', 'documents'], dateOfBirth: range, assessors: [assessors[0], { name: 'B', discipline: 'unknown' }] });
    expect(unknown.kind === 'refused' && unknown.failed[0]?.rule).toBe('KP-AGE-04');
    const mixed = w.send('p1', caseworker, 'age_assessment', 'RECORD_AGE', { methods: ['interview', 'documents'], dateOfBirth: range, assessors: [...assessors, 'C. Haddad'] });
    expect(mixed.kind).toBe('applied');
    expect((w.instance('p1', 'age_assessment')!.context as unknown as AgeAssessmentContext).assessors).toEqual([...assessors, { name: 'C. Haddad' }]);
  });
  it('REOPEN as WORKFLOWS.md shows it (no data) is flagged by KP-SYS-01 (WARN), not refused', () => {
    const w = world();
    w.send('p1', caseworker, 'age_assessment', 'RECORD_AGE', { methods: ['interview', 'documents'], dateOfBirth: range, assessors });
    const d = w.send('p1', supervisor, 'age_assessment', 'REOPEN');
    expect(d.kind === 'applied' && d.next.state).toBe('pending');
    expect(verdictOf(d, 'KP-SYS-01')).toMatchObject({ ok: false, severity: 'warn' });
  });
  it('a confirmed range replaces the recorded date of birth, with the benefit of the doubt', () => {
    const w = world();
    expect(isChildAt(w.get('p1'), AT)).toBe(false);
    w.send('p1', caseworker, 'age_assessment', 'RECORD_AGE', { methods: ['interview', 'documents'], dateOfBirth: range, assessors });
    // Recorded but not yet confirmed: the case facts still count.
    expect(effectiveDateOfBirth(w.get('p1'))).toEqual({ exact: '2000-01-01' });
    const self = w.send('p1', { id: caseworker.id, roles: ['supervisor'] }, 'age_assessment', 'CONFIRM');
    expect(self.kind === 'refused' && self.failed[0]?.rule).toBe('KP-SYS-03');
    const confirmed = w.send('p1', supervisor, 'age_assessment', 'CONFIRM');
    expect(confirmed.kind === 'applied' && confirmed.next.outcome).toBe('confirmed');
    // Youngest plausible age on 2026-06-01 with a latest birth date of 2009-06-01 is 17: a child.
    expect(isChildAt(w.get('p1'), AT)).toBe(true);
  });
});

describe('age assessment machine paths (@xstate/graph)', () => {
  /** A user holding both roles: may record an assessment and confirm one, never their own (KP-SYS-03). */
  const both = actor('u-both', 'caseworker', 'supervisor');
  const recordings: Record<string, Record<string, unknown>> = {
    holistic: { methods: ['interview', 'documents', 'dental_xray'], dateOfBirth: range, assessors },
    wristXrayAlone: { methods: ['wrist_xray'], dateOfBirth: range, assessors },
    medicalOnly: { methods: ['wrist_xray', 'dental_xray'], dateOfBirth: range, assessors },
    oneDiscipline: { methods: ['interview', 'documents'], dateOfBirth: range, assessors: [assessors[0]] },
  };
  const steps = [
    ...Object.values(recordings).flatMap((data) => [caseworker, both].map((who) => ({ type: 'RECORD_AGE', who, data }))),
    { type: 'CONFIRM', who: both },
    { type: 'CONFIRM', who: supervisor },
    { type: 'REOPEN', who: supervisor, data: { reason: 'new documents received' } },
  ];
  // RECORD_AGE replaces the recorded assessment, so the whole context is finite: serialise it all
  // (boundedSerialize would cut `methods` and `assessors` to their first item and merge the very
  // recordings this property tells apart).
  const serializeState = (s: AnyMachineSnapshot) => JSON.stringify([s.value, s.context]);
  function paths() {
    const w = world();
    return getSimplePaths(ageAssessment.machine, { events: graphEvents(w, 'p1', 'age_assessment', steps), serializeState, limit: 5000 });
  }
  const holistic = (c: AgeAssessmentContext) =>
    new Set(c.methods).size >= 2 && !c.methods.every((m) => MEDICAL_AGE_METHODS.has(m)) && new Set(c.assessors.map((a) => a.discipline)).size >= 2;

  it('reaches every state, `confirmed` included', () => {
    expect([...new Set(paths().map((p) => String(p.state.value)))].sort()).toEqual(['confirmed', 'pending', 'recorded']);
    expect(getShortestPaths(ageAssessment.machine, { events: [] }).length).toBeGreaterThan(0);
  });

  it('no path reaches `confirmed` on a single method, on medical methods alone or with one discipline (KP-AGE-04)', () => {
    const all = paths();
    const confirmed = all.filter((p) => p.state.value === 'confirmed');
    expect(confirmed.length).toBeGreaterThan(0);
    for (const p of confirmed) expect(holistic(p.state.context as AgeAssessmentContext), JSON.stringify(p.state.context)).toBe(true);
    // The refused recordings are never recorded at all, on any path.
    for (const p of all) {
      const c = p.state.context as AgeAssessmentContext;
      if (c.methods.length) expect(holistic(c)).toBe(true);
    }
  });

  it('no path reaches `confirmed` without a confirmer distinct from who recorded it (KP-SYS-03)', () => {
    for (const p of paths().filter((x) => x.state.value === 'confirmed')) {
      const c = p.state.context as AgeAssessmentContext;
      expect(c.confirmedBy).not.toBeNull();
      expect(c.confirmedBy).not.toBe(c.submittedBy);
      // The last CONFIRM follows the last RECORD_AGE with no REOPEN in between, and is by another user.
      const types = p.steps.map((s) => s.event.type);
      const lastRecord = types.lastIndexOf('RECORD_AGE');
      const lastConfirm = types.lastIndexOf('CONFIRM');
      expect(lastRecord).toBeGreaterThan(-1);
      expect(lastConfirm).toBeGreaterThan(lastRecord);
      expect(types.slice(lastRecord, lastConfirm)).not.toContain('REOPEN');
      const recorder = (p.steps[lastRecord]!.event as WorkflowEvent).ctx.actor.id;
      expect((p.steps[lastConfirm]!.event as WorkflowEvent).ctx.actor.id).not.toBe(recorder);
    }
  });

  it('a reopened assessment is unconfirmed until confirmed again', () => {
    for (const p of paths().filter((x) => x.state.value === 'pending')) expect((p.state.context as AgeAssessmentContext).confirmedBy).toBeNull();
  });
});

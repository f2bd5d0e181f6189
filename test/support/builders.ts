import type { StateValue } from 'xstate';
import { CaseFacts, type EvidenceItem } from '../../workflows/caseFile.ts';
import { initialView, type Decision } from '../../workflows/decide.ts';
import { allLatest, latest } from '../../workflows/index.ts';
import type { Actor, Role } from '../../workflows/roles.ts';
import type { CaseView, WorkflowView } from '../../workflows/rules/types.ts';
import { leafOf } from '../../workflows/states.ts';
import { AT, PureWorld, type WorldOptions } from './pureWorld.ts';

/**
 * Builders for workflow-layer tests: a case as rules see it, and a "world" that applies commands
 * and keeps the resulting instances.
 *
 * Two worlds answer the same surface (add, link, get, instance, family, context, send, at):
 * - `PureWorld` (pureWorld.ts) decides with the pure decide(): no database, no HTTP;
 * - `EngineWorld` (engineWorld.ts) sends every command through the real command service over an
 *   in-memory SQLite database (one transaction per command, audit records, 2ND proposals
 *   confirmed with CONFIRM_PENDING, joint moves, follow-ups) and maps the answer back to a Decision.
 * `World` is the one selected by KP_WORLD (`pure` unless `engine`): vitest.config.ts runs every
 * file under test/workflows once with each, so each rule test is checked both ways.
 */
export { AT, PureWorld, type WorldOptions };
export const WORLD_MODE: 'pure' | 'engine' = process.env['KP_WORLD'] === 'engine' ? 'engine' : 'pure';
export const World: typeof PureWorld = WORLD_MODE === 'engine' ? (await import('./engineWorld.ts')).EngineWorld : PureWorld;
export type World = PureWorld;

export const actor = (id: string, ...roles: Role[]): Actor => ({ id, roles });
export const caseworker = actor('u-caseworker', 'caseworker');
export const caseworker2 = actor('u-caseworker-2', 'caseworker');
export const supervisor = actor('u-supervisor', 'supervisor');
export const supervisor2 = actor('u-supervisor-2', 'supervisor');
export const legalOfficer = actor('u-legal', 'legal_officer');
export const legalOfficer2 = actor('u-legal-2', 'legal_officer');
export const panelist = actor('u-panel', 'bid_panel');

export function facts(overrides: { dob?: CaseFacts['person']['dateOfBirth']; sex?: 'female' | 'male' | 'unknown'; nationalities?: CaseFacts['person']['nationalities']; vulnerabilities?: CaseFacts['person']['vulnerabilities']; location?: Partial<CaseFacts['location']> } = {}): CaseFacts {
  return CaseFacts.parse({
    person: {
      names: [{ given: 'Test', family: 'Person', script: 'latin' }],
      sex: overrides.sex ?? 'female',
      dateOfBirth: overrides.dob ?? { exact: '1995-03-10' },
      nationalities: overrides.nationalities ?? [{ state: 'FR', status: 'claimed' }],
      vulnerabilities: overrides.vulnerabilities ?? [],
    },
    location: { kind: 'camp', name: 'Camp A', state: 'SY', closed: true, ...overrides.location },
  });
}

export const childFacts = (dob = '2016-04-01', sex: 'female' | 'male' = 'male') => facts({ dob: { exact: dob }, sex });

/** A new case: every single-instance workflow in its initial state. */
export function newCase(id: string, f: CaseFacts = facts(), evidence: EvidenceItem[] = []): CaseView {
  return {
    id,
    reference: id.toUpperCase(),
    facts: f,
    evidence,
    workflows: allLatest().filter((d) => d.instances === 'single').map((d) => initialView(d)),
    createdAt: AT,
  };
}

export function evidence(id: string, concerns: EvidenceItem['concerns'], tortureAllegation: EvidenceItem['tortureAllegation'] = 'none'): EvidenceItem {
  return { id, kind: 'statement', summary: 'summary', concerns, tortureAllegation, source: 'source', at: '2025-01-01', recordedAt: AT, recordedBy: 'u-caseworker' };
}

/** The verdict of one rule in a decision, for assertions. */
export function verdictOf(d: Decision, rule: string) {
  return 'verdicts' in d ? d.verdicts.find((v) => v.rule === rule) : undefined;
}

/**
 * Events for @xstate/graph traversals whose rule context follows the traversed snapshot: the
 * subject's instance is replaced by the snapshot being explored, so guards see recorded data.
 */
export function graphEvents(world: World, caseId: string, kind: string, steps: ReadonlyArray<{ type: string; who: Actor; data?: Record<string, unknown>; justification?: string }>) {
  const machine = latest(kind)!.machine;
  return (snapshot: { value: unknown; context: unknown }) =>
    steps.map((s) => {
      const base = world.context(caseId, s.who, kind, s.type, s.data ?? {}, s.justification ? { justification: s.justification } : {});
      const current: WorkflowView = { ...base.workflow, state: leafOf(machine, snapshot.value as StateValue), context: snapshot.context as Record<string, unknown> };
      const subject = { ...base.subject, workflows: [...base.subject.workflows.filter((w) => !(w.kind === kind && w.instance === current.instance)), current] };
      return { type: s.type, data: base.command.data, ctx: { ...base, workflow: current, subject } };
    });
}

/** Serialises a snapshot with arrays cut to their first item, so appending commands cannot grow the graph without end. */
export function boundedSerialize(snapshot: { value: unknown; context: unknown }): string {
  return JSON.stringify({ v: snapshot.value, c: snapshot.context }, (_k, v: unknown) => (Array.isArray(v) ? v.slice(0, 1) : v));
}

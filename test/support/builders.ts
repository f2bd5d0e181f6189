import { CaseFacts, type EvidenceItem } from '../../workflows/caseFile.ts';
import { decide, initialView, type Decision } from '../../workflows/decide.ts';
import { allLatest, latest } from '../../workflows/index.ts';
import type { Jurisdiction } from '../../workflows/jurisdictions.ts';
import type { Actor, Role } from '../../workflows/roles.ts';
import type { CaseView, FamilyMember, RuleContext, WorkflowView } from '../../workflows/rules/types.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../workflows/settings.ts';

/**
 * Pure builders for workflow-layer tests: a case as rules see it, and a pure "world" that applies
 * commands with decide() and keeps the resulting instances — no database, no HTTP.
 */
export const AT = '2026-06-01T10:00:00.000Z';

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

export interface WorldOptions {
  jurisdictions?: Jurisdiction[];
  settings?: Partial<Settings>;
}

/**
 * An in-memory set of cases (a family) with family links by relation. `send` decides a command
 * with the pure decide() and, when applied, stores the next instance on the case.
 */
export class World {
  readonly cases = new Map<string, CaseView>();
  readonly links: Array<{ from: string; to: string; relation: FamilyMember['relation'] }> = [];
  at = AT;
  constructor(private readonly options: WorldOptions = {}) {}

  add(c: CaseView): CaseView {
    this.cases.set(c.id, c);
    return c;
  }

  /** `relation` is what `to` is to `from` (link('child1', 'mother1', 'mother')). Kept symmetric by the caller. */
  link(from: string, to: string, relation: FamilyMember['relation']): void {
    this.links.push({ from, to, relation });
  }

  get(id: string): CaseView {
    const c = this.cases.get(id);
    if (!c) throw new Error(`no case ${id}`);
    return c;
  }

  instance(caseId: string, kind: string, instance = ''): WorkflowView | undefined {
    return this.get(caseId).workflows.find((w) => w.kind === kind && w.instance === instance);
  }

  family(caseId: string): FamilyMember[] {
    return this.links.filter((l) => l.from === caseId).map((l) => ({ ...this.get(l.to), relation: l.relation }));
  }

  context(caseId: string, who: Actor, workflow: string, type: string, data: Record<string, unknown> = {}, opts: { instance?: string; justification?: string; proposedBy?: Actor; preview?: boolean } = {}): RuleContext {
    const def = latest(workflow);
    if (!def) throw new Error(`no workflow ${workflow}`);
    const parsed = def.commands[type]?.data.parse(data) ?? data;
    const instance = opts.instance ?? def.instanceFor?.(type, parsed) ?? '';
    const view = this.instance(caseId, workflow, instance) ?? initialView(def, instance);
    return {
      at: this.at,
      actor: who,
      command: { workflow, instance, type, data: parsed, ...(opts.justification ? { justification: opts.justification } : {}) },
      subject: this.get(caseId),
      workflow: view,
      family: this.family(caseId),
      jurisdictions: this.options.jurisdictions ?? [],
      settings: { ...DEFAULT_SETTINGS, ...this.options.settings },
      ...(opts.proposedBy ? { proposedBy: opts.proposedBy } : {}),
      ...(opts.preview ? { preview: true } : {}),
    };
  }

  send(caseId: string, who: Actor, workflow: string, type: string, data: Record<string, unknown> = {}, opts: { instance?: string; justification?: string; proposedBy?: Actor } = {}): Decision {
    const ctx = this.context(caseId, who, workflow, type, data, opts);
    const def = latest(workflow)!;
    const decision = decide(def, ctx.workflow, ctx);
    if (decision.kind === 'applied') {
      const c = this.get(caseId);
      const others = c.workflows.filter((w) => !(w.kind === workflow && w.instance === ctx.command.instance));
      this.cases.set(caseId, { ...c, workflows: [...others, decision.next] });
    }
    return decision;
  }
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
  return (snapshot: { value: unknown; context: unknown }) =>
    steps.map((s) => {
      const base = world.context(caseId, s.who, kind, s.type, s.data ?? {}, s.justification ? { justification: s.justification } : {});
      const current: WorkflowView = { ...base.workflow, state: String(snapshot.value), context: snapshot.context as Record<string, unknown> };
      const subject = { ...base.subject, workflows: [...base.subject.workflows.filter((w) => !(w.kind === kind && w.instance === current.instance)), current] };
      return { type: s.type, data: base.command.data, ctx: { ...base, workflow: current, subject } };
    });
}

/** Serialises a snapshot with arrays cut to their first item, so appending commands cannot grow the graph without end. */
export function boundedSerialize(snapshot: { value: unknown; context: unknown }): string {
  return JSON.stringify({ v: snapshot.value, c: snapshot.context }, (_k, v: unknown) => (Array.isArray(v) ? v.slice(0, 1) : v));
}

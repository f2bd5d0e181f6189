import { transition, type AnyStateMachine } from 'xstate';
import { z } from 'zod';
import type { AuditRow, Repositories } from '../../db/index.ts';
import { inverseRelation, type CaseFacts, type EvidenceItem, type Relation } from '../../workflows/caseFile.ts';
import { decide, initialView, restore, type Decision } from '../../workflows/decide.ts';
import type { WorkflowDefinition, WorkflowEvent } from '../../workflows/definition.ts';
import { allLatest, definitionOf, latest } from '../../workflows/index.ts';
import { Jurisdiction } from '../../workflows/jurisdictions.ts';
import type { Actor } from '../../workflows/roles.ts';
import { refuses } from '../../workflows/rules/registry.ts';
import type { CaseView, FamilyMember, Rule, RuleContext, Verdict, WorkflowView } from '../../workflows/rules/types.ts';
import { proposedRuleSet, type RuleSet } from '../../workflows/ruleSets.ts';
import { Settings } from '../../workflows/settings.ts';
import { invalid, notFound, zodIssues } from './errors.ts';
import { recordedCommand, ruleContext } from './ruleContext.ts';
import { loadJurisdictions, loadSettings, openRecords } from './views.ts';

/**
 * Impact analysis (policy staff): which recorded decisions would go differently under a proposed
 * law — a settings change, a jurisdiction version, or a proposed rule set. The audit records are
 * read in chain order and every case is rebuilt in memory as it stood before each command; each
 * recorded command is then decided twice with the pure decide(), under the law in force and under
 * the proposed one, and the two decisions are compared. The case then moves on as recorded, so
 * every command is judged against the history that really happened. Nothing is written.
 */

export const ProposedChange = z
  .strictObject({
    /** Settings to change (the rest stay as in force), validated against the principles' floors. */
    settings: z.record(z.string(), z.unknown()).optional(),
    /** A jurisdiction version to add (or to correct, with the `validFrom` of an existing one). */
    jurisdiction: Jurisdiction.optional(),
    /** The id of a proposed rule set (GET /v1/rule-sets). */
    ruleSet: z.string().min(1).max(64).optional(),
  })
  .refine((c) => c.settings !== undefined || c.jurisdiction !== undefined || c.ruleSet !== undefined, { message: 'name a settings change, a jurisdiction version or a rule set' });
export type ProposedChange = z.infer<typeof ProposedChange>;

export const ImpactRequest = z.strictObject({
  change: ProposedChange,
  /** `cases`: the recorded commands of the cases (all, or `cases`); `scenarios`: the scenario files, run first under the law in force. */
  source: z.enum(['cases', 'scenarios']).default('cases'),
  /** Only these cases (ids or references); their family is read, not reported. */
  cases: z.array(z.string().min(1).max(64)).min(1).max(10_000).optional(),
  /** Only commands of this workflow. */
  workflow: z.string().min(1).max(64).optional(),
  /** Only commands recorded at or after / at or before these instants. */
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  /** How many changed commands to list (every change is counted). */
  limit: z.int().min(0).max(5000).default(500),
});
export type ImpactRequest = z.input<typeof ImpactRequest>;

/** The law a decision is taken under. */
export interface Law {
  readonly jurisdictions: readonly Jurisdiction[];
  readonly settings: Settings;
  readonly ruleSet?: RuleSet;
}

export type ImpactResult = 'applied' | 'refused' | 'pending' | 'invalid';

/** One side of a comparison, redacted: rule verdicts without identities. */
export interface ImpactSide {
  result: ImpactResult;
  state: string;
  outcome: string | null;
  /** The rules that refuse (blocking severities). */
  refusedBy: string[];
}

/**
 * One side of a rule's verdict in an impact report: the code and params of a structured verdict
 * (rendered in the reader's language by the API), its English reason redacted.
 */
export type ImpactVerdict = Pick<Verdict, 'rule' | 'ok' | 'severity' | 'reason' | 'code' | 'params' | 'more'>;

export interface RuleChange {
  rule: string;
  current: ImpactVerdict | null;
  proposed: ImpactVerdict | null;
}

export interface ImpactChange {
  seq: number;
  at: string;
  /** The case reference (never its id, never a name). */
  case: string;
  /** For `source: scenarios`: the scenario file and step. */
  scenario?: { file: string; step: number };
  workflow: string;
  instance: string;
  type: string;
  actorRoles: string[];
  /** What the audit recorded. */
  recorded: string;
  current: ImpactSide;
  proposed: ImpactSide;
  /** `result`: the command would be applied, refused, held or invalid differently; `verdict`: the same result with different verdicts. */
  kind: 'result' | 'verdict';
  rules: RuleChange[];
}

export interface RuleImpact {
  rule: string;
  /** Commands whose verdict of this rule changes. */
  changed: number;
  /** The rule would refuse commands it allows now. */
  newlyRefusing: number;
  /** The rule would allow commands it refuses now. */
  newlyAllowing: number;
  /** Same ok/refuse answer, different severity or reason (a deadline, a WARN). */
  otherwise: number;
  cases: number;
}

export interface ImpactReport {
  change: { settings?: Record<string, unknown>; jurisdiction?: { code: string; validFrom: string }; ruleSet?: string };
  source: 'cases' | 'scenarios';
  cases: number;
  commands: number;
  changed: number;
  /** Commands whose result changes, by `current→proposed` (e.g. `applied→refused`). */
  results: Record<string, number>;
  byRule: RuleImpact[];
  changes: ImpactChange[];
  /** Changes not listed because of `limit`. */
  truncated: number;
  /** Commands that could not be re-decided (a machine version no longer registered...). */
  skipped: number;
  /**
   * Commands the law in force already decides otherwise than the record says (the law changed
   * since they were decided): a measure of how far today's law is from the recorded history.
   */
  differFromRecord: number;
}

export interface ImpactOptions {
  /** Called now and then with records read and records in all. */
  onProgress?: (done: number, total: number) => void;
  /** Labels a change (scenario runs map audit seqs to their steps). */
  label?: (seq: number) => { file: string; step: number } | undefined;
}

/** The law as proposed: the law in force with the change; 400 naming the field when the change is not valid, 404 for an unknown rule set. */
export function proposedLaw(current: Law, change: ProposedChange): Law {
  let { jurisdictions, settings } = current;
  let ruleSet: RuleSet | undefined;
  if (change.settings) {
    const parsed = Settings.safeParse({ ...settings, ...change.settings });
    if (!parsed.success) throw invalid(zodIssues(parsed.error, 'change.settings'));
    settings = parsed.data;
  }
  if (change.jurisdiction) {
    const j = change.jurisdiction;
    jurisdictions = [...jurisdictions.filter((v) => !(v.code === j.code && v.validFrom === j.validFrom)), j];
  }
  if (change.ruleSet) {
    ruleSet = proposedRuleSet(change.ruleSet);
    if (!ruleSet) throw notFound(`rule set ${change.ruleSet}`);
  }
  return { jurisdictions, settings, ...(ruleSet ? { ruleSet } : {}) };
}

export const lawInForce = (repos: Repositories): Law => ({ jurisdictions: loadJurisdictions(repos), settings: loadSettings(repos) });

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

interface WorldCase {
  id: string;
  reference: string;
  createdAt: string;
  facts: CaseFacts;
  evidence: EvidenceItem[];
  links: Map<string, Relation>;
  instances: Map<string, WorkflowView>;
}

const key = (kind: string, instance: string) => `${kind}\u0000${instance}`;

// A machine's initial snapshot is costly to build (XState creates an actor) and never changes:
// built once per definition; contexts are never mutated, only replaced.
const initialViews = new WeakMap<WorkflowDefinition, WorkflowView>();
function initialOf(def: WorkflowDefinition, instance: string): WorkflowView {
  let v = initialViews.get(def);
  if (!v) initialViews.set(def, (v = initialView(def, '')));
  return instance === '' ? v : { ...v, instance };
}

const permissiveMachines = new WeakMap<WorkflowDefinition, AnyStateMachine>();
function permissive(def: WorkflowDefinition): AnyStateMachine {
  let m = permissiveMachines.get(def);
  if (!m) permissiveMachines.set(def, (m = def.machine.provide({ guards: { rulesAllow: () => true } })));
  return m;
}

const commandData = (r: AuditRow): Readonly<Record<string, unknown>> => recordedCommand(r).command.data;

function side(decision: Decision, view: WorkflowView): ImpactSide {
  if (decision.kind === 'applied') return { result: 'applied', state: decision.next.state, outcome: decision.next.outcome, refusedBy: [] };
  const refusedBy = decision.kind === 'invalid' ? [] : [...new Set(decision.verdicts.filter(refuses).map((v) => v.rule))];
  return { result: decision.kind, state: view.state, outcome: view.outcome, refusedBy };
}

const verdictsOf = (d: Decision): readonly Verdict[] => (d.kind === 'invalid' ? [] : d.verdicts);

function ruleChanges(a: Decision, b: Decision, redact: (s: string) => string): RuleChange[] {
  const before = new Map(verdictsOf(a).map((v) => [v.rule, v]));
  const after = new Map(verdictsOf(b).map((v) => [v.rule, v]));
  const out: RuleChange[] = [];
  const brief = (v: Verdict | undefined): ImpactVerdict | null =>
    v
      ? {
          rule: v.rule,
          ok: v.ok,
          severity: v.severity,
          ...(v.code ? { code: v.code } : {}),
          ...(v.code && v.params ? { params: v.params } : {}),
          ...(v.code && v.more?.length ? { more: v.more } : {}),
          reason: redact(v.reason),
        }
      : null;
  for (const rule of new Set([...before.keys(), ...after.keys()])) {
    const x = before.get(rule);
    const y = after.get(rule);
    if (x && y && x.ok === y.ok && x.severity === y.severity && x.reason === y.reason && x.secondApprover === y.secondApprover) continue;
    out.push({ rule, current: brief(x), proposed: brief(y) });
  }
  return out;
}

/**
 * Replays the recorded commands of these repositories under the law in force and under `proposed`,
 * and reports every command whose decision differs. Reads only.
 */
export function analyseImpact(repos: Repositories, request: z.output<typeof ImpactRequest>, current: Law, proposed: Law, options: ImpactOptions = {}): ImpactReport {
  const world = new Map<string, WorldCase>();
  const storedVersions = new Map<string, number>();
  for (const i of repos.cases.instancesOfKind()) storedVersions.set(`${i.caseId}\u0000${key(i.kind, i.instance)}`, i.machineVersion);

  // The cases reported, and the cases read (their family) to decide them.
  let reported: Set<string> | undefined;
  let tracked: Set<string> | undefined;
  if (request.cases) {
    reported = new Set();
    for (const ref of request.cases) {
      const row = repos.cases.get(ref) ?? repos.cases.byReference(ref);
      if (!row) throw notFound(`case ${ref}`);
      reported.add(row.id);
    }
    tracked = new Set(reported);
    for (const id of reported) for (const l of repos.cases.links(id)) tracked.add(l.relatedCaseId);
  }

  const references = new Map<string, string>();
  const redact = (s: string) => s.replace(UUID, (id) => references.get(id.toLowerCase()) ?? 'another case');

  const viewOf = (c: WorldCase): CaseView => ({ id: c.id, reference: c.reference, facts: c.facts, evidence: c.evidence, workflows: [...c.instances.values()], createdAt: c.createdAt });
  const familyOf = (c: WorldCase): FamilyMember[] =>
    [...c.links].flatMap(([id, relation]) => {
      const m = world.get(id);
      return m ? [{ ...viewOf(m), relation }] : [];
    });

  function versionFor(c: WorldCase, kind: string, instance: string, migrations: Map<string, number>): number | undefined {
    return migrations.get(`${c.id}\u0000${key(kind, instance)}`) ?? storedVersions.get(`${c.id}\u0000${key(kind, instance)}`) ?? latest(kind)?.version;
  }

  // The first migration of an instance names the version it started on.
  const firstVersion = new Map<string, number>();
  const total = repos.audit.last()?.seq ?? 0;
  const report: ImpactReport = {
    change: {
      ...(request.change.settings ? { settings: request.change.settings } : {}),
      ...(request.change.jurisdiction ? { jurisdiction: { code: request.change.jurisdiction.code, validFrom: request.change.jurisdiction.validFrom } } : {}),
      ...(request.change.ruleSet ? { ruleSet: request.change.ruleSet } : {}),
    },
    source: request.source,
    cases: 0,
    commands: 0,
    changed: 0,
    results: {},
    byRule: [],
    changes: [],
    truncated: 0,
    skipped: 0,
    differFromRecord: 0,
  };
  const byRule = new Map<string, RuleImpact & { caseIds: Set<string> }>();
  const casesSeen = new Set<string>();

  // Migrations are rare: read them first so each instance starts on the version it started on.
  for (const m of repos.audit.migrations()) {
    const k = `${m.caseId}\u0000${key(m.workflow, m.instance)}`;
    if (!firstVersion.has(k)) firstVersion.set(k, m.from);
  }

  function instanceOf(c: WorldCase, kind: string, instance: string): { def: WorkflowDefinition; view: WorkflowView } | undefined {
    const existing = c.instances.get(key(kind, instance));
    if (existing) {
      const def = definitionOf(kind, existing.version);
      return def ? { def, view: existing } : undefined;
    }
    const version = versionFor(c, kind, instance, firstVersion);
    const def = version === undefined ? undefined : definitionOf(kind, version);
    if (!def) return undefined;
    return { def, view: initialOf(def, instance) };
  }

  function register(r: AuditRow): void {
    const d = r.data as { facts: CaseFacts; familyLinks?: Array<{ caseId: string; relation: Relation }> };
    const id = r.caseId!;
    const row = repos.cases.get(id);
    const c: WorldCase = { id, reference: row?.reference ?? id, createdAt: r.at, facts: d.facts, evidence: [], links: new Map(), instances: new Map() };
    references.set(id.toLowerCase(), c.reference);
    world.set(id, c);
    for (const def of allLatest().filter((x) => x.instances === 'single')) {
      const found = instanceOf(c, def.kind, '');
      if (found) c.instances.set(key(def.kind, ''), found.view);
    }
    for (const l of d.familyLinks ?? []) link(c, l.caseId, l.relation);
  }

  function link(c: WorldCase, other: string, relation: Relation): void {
    c.links.set(other, relation);
    world.get(other)?.links.set(c.id, inverseRelation(relation, c.facts.person.sex));
  }

  /** Moves an instance as the record says, re-deriving its context with the rule guards passed (the rules decided it when it was written). */
  function advance(c: WorldCase, r: AuditRow, found: { def: WorkflowDefinition; view: WorkflowView }, decided?: Decision): void {
    const to = r.toState!;
    if (decided?.kind === 'applied' && decided.next.state === to) {
      c.instances.set(key(r.workflow, r.instance), decided.next);
      return;
    }
    const data = commandData(r);
    const view = found.view;
    const ctx = contextFor(c, r, view, current);
    try {
      const [next] = transition(permissive(found.def), restore(permissive(found.def), view), { type: r.type, data, ctx } satisfies WorkflowEvent);
      const context = next.context as Record<string, unknown>;
      c.instances.set(key(r.workflow, r.instance), { ...view, state: to, context, outcome: found.def.outcome(to, context) });
    } catch {
      c.instances.set(key(r.workflow, r.instance), { ...view, state: to, outcome: found.def.outcome(to, view.context) });
    }
  }

  function contextFor(c: WorldCase, r: AuditRow, view: WorkflowView, law: Law): RuleContext {
    const recorded = recordedCommand(r);
    const rules: ReadonlyMap<string, Rule> | undefined = law.ruleSet ? new Map(law.ruleSet.rules.map((x) => [x.id, x])) : undefined;
    return ruleContext({
      at: r.at,
      actor: r.actor as Actor,
      command: recorded.command,
      subject: viewOf(c),
      workflow: view,
      family: () => familyOf(c),
      jurisdictions: law.jurisdictions,
      settings: law.settings,
      extra: { ...recorded.extra, ...(rules ? { rules } : {}) },
    });
  }

  function count(rule: string, change: RuleChange, caseId: string): void {
    let entry = byRule.get(rule);
    if (!entry) byRule.set(rule, (entry = { rule, changed: 0, newlyRefusing: 0, newlyAllowing: 0, otherwise: 0, cases: 0, caseIds: new Set() }));
    entry.changed += 1;
    entry.caseIds.add(caseId);
    const blocking = (v: RuleChange['current']) => v !== null && !v.ok && v.severity !== 'warn' && v.severity !== 'timer';
    if (!blocking(change.current) && blocking(change.proposed)) entry.newlyRefusing += 1;
    else if (blocking(change.current) && !blocking(change.proposed)) entry.newlyAllowing += 1;
    else entry.otherwise += 1;
  }

  function judge(c: WorldCase, r: AuditRow, found: { def: WorkflowDefinition; view: WorkflowView }): Decision | undefined {
    const inScope = (!reported || reported.has(c.id)) && (!request.workflow || request.workflow === r.workflow) && (!request.from || r.at >= request.from) && (!request.to || r.at <= request.to);
    if (!inScope) return undefined;
    const a = decide(found.def, found.view, contextFor(c, r, found.view, current));
    const proposedDef = proposed.ruleSet?.workflows.find((d) => d.kind === r.workflow) ?? found.def;
    const b = decide(proposedDef, found.view, contextFor(c, r, found.view, proposed));
    report.commands += 1;
    casesSeen.add(c.id);
    const asRecorded = a.kind === 'invalid' ? 'refused' : a.kind;
    if (asRecorded !== r.result) report.differFromRecord += 1;
    const x = side(a, found.view);
    const y = side(b, found.view);
    const rules = ruleChanges(a, b, redact);
    const resultChanged = x.result !== y.result || x.state !== y.state || x.outcome !== y.outcome;
    if (!resultChanged && rules.length === 0) return a;
    report.changed += 1;
    if (resultChanged) {
      const k = `${x.result}→${y.result}`;
      report.results[k] = (report.results[k] ?? 0) + 1;
    }
    if (rules.length === 0) count('(machine)', { rule: '(machine)', current: null, proposed: null }, c.id);
    for (const rc of rules) count(rc.rule, rc, c.id);
    if (report.changes.length < request.limit) {
      const label = options.label?.(r.seq);
      report.changes.push({
        seq: r.seq, at: r.at, case: c.reference, ...(label ? { scenario: label } : {}), workflow: r.workflow, instance: redact(r.instance), type: r.type,
        actorRoles: [...((r.actor as Actor).roles ?? [])], recorded: r.result, current: x, proposed: y, kind: resultChanged ? 'result' : 'verdict', rules,
      });
    } else report.truncated += 1;
    return a;
  }

  let done = 0;
  for (const stored of repos.audit.iterate()) {
    done += 1;
    // The law is replayed on the records' words: opened (an erased person's read `[erased]`).
    const [r] = openRecords(repos, [stored]) as [typeof stored];
    if (options.onProgress && done % 500 === 0) options.onProgress(done, total);
    if (!r.caseId || (tracked && !tracked.has(r.caseId))) continue;
    if (r.type === 'CASE_REGISTERED') {
      register(r);
      continue;
    }
    const c = world.get(r.caseId);
    if (!c) continue;
    if (r.workflow === 'case' && r.type === 'FACTS_UPDATED') {
      const patch = r.data as { person?: Partial<CaseFacts['person']>; location?: CaseFacts['location']; familyLinks?: Array<{ caseId: string; relation: Relation }> };
      c.facts = { person: { ...c.facts.person, ...patch.person }, location: patch.location ?? c.facts.location };
      if (patch.familyLinks) {
        const keep = new Set(patch.familyLinks.map((l) => l.caseId));
        for (const other of [...c.links.keys()].filter((id) => !keep.has(id))) {
          c.links.delete(other);
          world.get(other)?.links.delete(c.id);
        }
        for (const l of patch.familyLinks) link(c, l.caseId, l.relation);
      }
      continue;
    }
    if (r.workflow === 'case' && r.type === 'EVIDENCE_ADDED') {
      const { id, ...item } = r.data as Record<string, unknown> & { id: string };
      c.evidence = [...c.evidence, { ...item, id, recordedAt: r.at, recordedBy: (r.actor as Actor).id } as EvidenceItem];
      continue;
    }
    if (r.type === 'WORKFLOW_MIGRATED') {
      const view = c.instances.get(key(r.workflow, r.instance));
      const def = definitionOf(r.workflow, Number((r.data as { to?: unknown }).to));
      if (view && def && r.toState) c.instances.set(key(r.workflow, r.instance), { ...view, version: def.version, state: r.toState, context: { ...initialOf(def, '').context, ...view.context }, outcome: def.outcome(r.toState, view.context) });
      continue;
    }
    const found = instanceOf(c, r.workflow, r.instance);
    if (!found || !found.def.commands[r.type]) {
      // Engine bookkeeping (REJECT_PENDING, FAMILY_LINKS_UPDATED) or a machine no longer registered.
      if (found === undefined && latest(r.workflow)) report.skipped += 1;
      continue;
    }
    const followUp = typeof (r.data as Record<string, unknown> | null)?.['causedBy'] === 'number';
    const decided = followUp ? undefined : judge(c, r, found);
    if (r.result === 'applied' && r.fromState !== null && r.toState !== null) advance(c, r, found, decided);
  }
  options.onProgress?.(total, total);

  report.cases = casesSeen.size;
  report.byRule = [...byRule.values()]
    .map(({ caseIds, ...e }) => ({ ...e, cases: caseIds.size }))
    .sort((a, b) => b.changed - a.changed || a.rule.localeCompare(b.rule));
  return report;
}

import type { AuditRow, Repositories } from '../../db/index.ts';
import { eventsIn, initialView } from '../../workflows/decide.ts';
import type { WorkflowDefinition } from '../../workflows/definition.ts';
import { step } from '../../workflows/step.ts';
import { definitionOf, latest } from '../../workflows/index.ts';
import type { Actor } from '../../workflows/roles.ts';
import { canonical } from '../audit/chain.ts';
import { notFound } from './errors.ts';
import { recordedCommand, ruleContext } from './ruleContext.ts';
import { loadCase, loadFamily, loadJurisdictions, loadSettings, openRecords, type CaseState } from './views.ts';

/**
 * Replay: rebuilds every workflow instance of a case from its audit records alone and compares
 * the result with the stored snapshots. Two checks: the chain of states (each applied record
 * starts where the previous one of that instance ended, and the last one ends in the stored
 * state), and the context, re-derived by running the machine on the recorded events with the rule
 * guards treated as passed (the rules were decided when the record was written).
 */

export interface ReplayDifference {
  workflow: string;
  instance: string;
  seq?: number;
  kind: 'chain' | 'state' | 'context' | 'machine' | 'unknown_workflow' | 'missing_instance';
  message: string;
}

export interface ReplayedInstance {
  workflow: string;
  instance: string;
  version: number;
  replayed: string;
  stored: string | null;
  records: number;
  contextChecked: boolean;
}

export interface ReplayReport {
  caseId: string;
  ok: boolean;
  records: number;
  instances: ReplayedInstance[];
  differences: ReplayDifference[];
}

interface Track {
  workflow: string;
  instance: string;
  def: WorkflowDefinition;
  state: string;
  context: Record<string, unknown>;
  records: number;
  contextKnown: boolean;
}

/** Compares contexts as stored: JSON drops undefined fields. */
const same = (a: unknown, b: unknown): boolean => canonical(JSON.parse(JSON.stringify(a ?? null))) === canonical(JSON.parse(JSON.stringify(b ?? null)));

export function replayCase(repos: Repositories, caseId: string): ReplayReport {
  const c = loadCase(repos, caseId);
  if (!c) throw notFound(`case ${caseId}`);
  const all = openRecords(repos, repos.audit.list({ caseId }));
  const applied = all.filter((r) => r.result === 'applied' && r.fromState !== null && r.toState !== null);
  const differences: ReplayDifference[] = [];
  const tracks = new Map<string, Track>();
  const key = (workflow: string, instance: string) => `${workflow}\u0000${instance}`;

  function track(r: AuditRow): Track | undefined {
    const k = key(r.workflow, r.instance);
    const existing = tracks.get(k);
    if (existing) return existing;
    const migration = applied.find((x) => x.workflow === r.workflow && x.instance === r.instance && x.type === 'WORKFLOW_MIGRATED');
    const stored = c!.workflows.find((w) => w.kind === r.workflow && w.instance === r.instance);
    const version = migration ? Number((migration.data as { from?: unknown }).from) : stored?.version ?? latest(r.workflow)?.version;
    const def = version === undefined ? undefined : definitionOf(r.workflow, version);
    if (!def) {
      differences.push({ workflow: r.workflow, instance: r.instance, seq: r.seq, kind: 'unknown_workflow', message: `no registered definition of ${r.workflow}${version === undefined ? '' : ` v${version}`}` });
      return undefined;
    }
    const start = initialView(def, r.instance);
    const t: Track = { workflow: r.workflow, instance: r.instance, def, state: start.state, context: { ...start.context }, records: 0, contextKnown: true };
    tracks.set(k, t);
    return t;
  }

  for (const r of applied) {
    const t = track(r);
    if (!t) continue;
    t.records += 1;
    const from = r.fromState!;
    const to = r.toState!;
    if (from !== t.state) {
      differences.push({ workflow: t.workflow, instance: t.instance, seq: r.seq, kind: 'chain', message: `record ${r.seq} (${r.type}) starts from ${from} but the replay is in ${t.state}` });
    }
    if (r.type === 'WORKFLOW_MIGRATED') {
      const def = definitionOf(t.workflow, Number((r.data as { to?: unknown }).to));
      if (!def) {
        differences.push({ workflow: t.workflow, instance: t.instance, seq: r.seq, kind: 'unknown_workflow', message: `migration target of record ${r.seq} is not registered` });
        t.contextKnown = false;
      } else {
        t.def = def;
        t.context = { ...initialView(def).context, ...t.context };
      }
      t.state = to;
      continue;
    }
    if (!eventsIn(t.def.machine, t.state).includes(r.type)) {
      // Engine bookkeeping (REJECT_PENDING) moves nothing; anything else is not an event of the machine.
      if (from !== to) {
        differences.push({ workflow: t.workflow, instance: t.instance, seq: r.seq, kind: 'machine', message: `${r.type} is not an event of ${t.workflow} in ${t.state}` });
        t.contextKnown = false;
      }
      t.state = to;
      continue;
    }
    try {
      const next = rerun(repos, c, t, r);
      if (next.state !== to) {
        differences.push({ workflow: t.workflow, instance: t.instance, seq: r.seq, kind: 'machine', message: `re-running record ${r.seq} (${r.type}) reaches ${next.state}, the record says ${to}` });
      }
      t.context = next.context;
    } catch (e) {
      differences.push({ workflow: t.workflow, instance: t.instance, seq: r.seq, kind: 'machine', message: `record ${r.seq} (${r.type}) could not be re-run: ${e instanceof Error ? e.message : String(e)}` });
      t.contextKnown = false;
    }
    t.state = to;
  }

  const instances: ReplayedInstance[] = [];
  for (const w of c.workflows) {
    const t = tracks.get(key(w.kind, w.instance));
    if (!t) {
      // Never moved: it must still be the initial snapshot of its version.
      const def = definitionOf(w.kind, w.version);
      if (!def) {
        differences.push({ workflow: w.kind, instance: w.instance, kind: 'unknown_workflow', message: `no registered definition of ${w.kind} v${w.version}` });
        continue;
      }
      const start = initialView(def, w.instance);
      if (start.state !== w.state) differences.push({ workflow: w.kind, instance: w.instance, kind: 'state', message: `no record moved ${w.kind}, yet it is stored in ${w.state} (initial ${start.state})` });
      else if (same(start.context, w.context) === false) differences.push({ workflow: w.kind, instance: w.instance, kind: 'context', message: `no record moved ${w.kind}, yet its stored context differs from the initial one` });
      instances.push({ workflow: w.kind, instance: w.instance, version: w.version, replayed: start.state, stored: w.state, records: 0, contextChecked: true });
      continue;
    }
    if (t.state !== w.state) differences.push({ workflow: w.kind, instance: w.instance, kind: 'state', message: `the records end in ${t.state}, the stored snapshot is in ${w.state}` });
    if (t.def.version !== w.version) differences.push({ workflow: w.kind, instance: w.instance, kind: 'state', message: `the records end on v${t.def.version}, the stored instance is on v${w.version}` });
    if (t.contextKnown && !same(t.context, w.context)) {
      differences.push({ workflow: w.kind, instance: w.instance, kind: 'context', message: `the re-derived context differs from the stored one` });
    }
    instances.push({ workflow: w.kind, instance: w.instance, version: w.version, replayed: t.state, stored: w.state, records: t.records, contextChecked: t.contextKnown });
  }
  for (const t of tracks.values()) {
    if (!c.workflows.some((w) => w.kind === t.workflow && w.instance === t.instance)) {
      differences.push({ workflow: t.workflow, instance: t.instance, kind: 'missing_instance', message: `the records move ${t.workflow}${t.instance ? `[${t.instance}]` : ''} to ${t.state} but no such instance is stored` });
      instances.push({ workflow: t.workflow, instance: t.instance, version: t.def.version, replayed: t.state, stored: null, records: t.records, contextChecked: t.contextKnown });
    }
  }
  return { caseId, ok: differences.length === 0, records: applied.length, instances, differences };
}

/**
 * Runs the machine on one recorded event with the record's actor, moment and data. The rules were
 * decided when the record was written: the step gets no refusing verdict, so rule guards pass.
 */
function rerun(repos: Repositories, c: CaseState, t: Track, r: AuditRow): { state: string; context: Record<string, unknown> } {
  const recorded = recordedCommand(r);
  const { data } = recorded.command;
  const view = { kind: t.workflow, instance: t.instance, version: t.def.version, state: t.state, outcome: t.def.outcome(t.state, t.context), context: t.context };
  const ctx = ruleContext({
    at: r.at,
    actor: r.actor as Actor,
    command: { ...recorded.command, workflow: t.workflow, instance: t.instance },
    subject: c,
    workflow: view,
    family: () => loadFamily(repos, c),
    jurisdictions: loadJurisdictions(repos),
    settings: loadSettings(repos),
    extra: recorded.extra,
  });
  const next = step(t.def, view, r.type, data, ctx, []);
  if (!next) throw new Error(`the machine did not take ${r.type} from ${t.state}`);
  return { state: next.state, context: next.context };
}

/** Replays every case; the reports with differences first. */
export function replayAll(repos: Repositories): ReplayReport[] {
  return repos.cases.allIds().map((id) => replayCase(repos, id)).sort((a, b) => Number(a.ok) - Number(b.ok));
}

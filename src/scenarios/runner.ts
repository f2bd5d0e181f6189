import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { createRepositories, openDatabase, type Repositories } from '../../db/index.ts';
import { JURISDICTION_SEED } from '../../workflows/jurisdictionSeed.ts';
import { SHARED_CONDITIONS } from '../../workflows/rules/facts.ts';
import { getRule, refuses, RULES } from '../../workflows/rules/registry.ts';
import { AppError, invalid, zodIssues } from '../engine/errors.ts';
import { jsonInputIssues } from '../engine/jsonInput.ts';
import { createPolicyService } from '../engine/policy.ts';
import { SimCaseFile, SimCommand, SimFamilyMember, simulate, type StepResult, type Trace, type TraceStep } from '../engine/simulate.ts';

/**
 * Scenario files: a description, the case files (with family), the commands with the acting role,
 * and what each step must give. A scenario runs through simulate() — the engine's own path, rolled
 * back — so it tests the real rules and machines and writes nothing.
 */

const RESULTS = ['applied', 'refused', 'invalid', 'pending', 'error'] as const;

export const Expectation = z.union([
  z.enum(RESULTS),
  z.strictObject({
    result: z.enum(RESULTS).optional(),
    /** Refused: each of these must be among the refusing rules. Applied: each must have been checked and passed. */
    rules: z.array(z.string().min(1).max(32)).max(30).optional(),
    /** Rules that must have been checked and found wanting without refusing (WARN). */
    warns: z.array(z.string().min(1).max(32)).max(30).optional(),
    /** The state the workflow instance is in after the step. */
    state: z.string().min(1).max(64).optional(),
    outcome: z.string().min(1).max(64).nullable().optional(),
    /** The error code of a step that errs (FORBIDDEN, VALIDATION...). */
    code: z.string().min(1).max(64).optional(),
  }),
]);
export type Expectation = z.infer<typeof Expectation>;

export const ScenarioStep = SimCommand.extend({ expect: Expectation.optional(), note: z.string().max(2000).optional() });
export type ScenarioStep = z.infer<typeof ScenarioStep>;

export const Scenario = z.strictObject({
  name: z.string().min(1).max(200),
  description: z.string().min(1).max(10_000),
  principles: z.array(z.string().max(100)).max(30).optional(),
  at: z.iso.datetime({ offset: true }).optional(),
  caseFile: SimCaseFile,
  family: z.array(SimFamilyMember).max(20).optional(),
  steps: z.array(ScenarioStep).min(1).max(200),
  /** States every named instance must end in. */
  final: z
    .array(z.strictObject({ case: z.string().max(20).default('subject'), workflow: z.string().max(64), instance: z.string().max(64).default(''), state: z.string().max(64).optional(), outcome: z.string().max(64).nullable().optional() }))
    .max(50)
    .optional(),
});
export type Scenario = z.infer<typeof Scenario>;

export interface StepReport {
  index: number;
  case: string;
  workflow: string;
  type: string;
  as: string;
  result: StepResult;
  before: string | null;
  after: string | null;
  failed: string[];
  expected: string;
  ok: boolean;
  problems: string[];
}

export interface ScenarioResult {
  name: string;
  file?: string;
  passed: boolean;
  /** Problems that are not tied to one step (the scenario could not run, final states). */
  errors: string[];
  steps: StepReport[];
  trace?: Trace;
}

/** Parses YAML (or JSON, which YAML reads) into a scenario; 400 naming the fields when it is not one. */
export function parseScenario(source: unknown): Scenario {
  let value = source;
  if (typeof source === 'string') {
    try {
      value = parseYaml(source);
    } catch (e) {
      throw invalid([{ path: 'body', message: `not YAML or JSON: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}` }]);
    }
  }
  const unsafe = jsonInputIssues(value, 'scenario');
  if (unsafe.length > 0) throw invalid(unsafe);
  const parsed = Scenario.safeParse(value);
  if (!parsed.success) throw invalid(zodIssues(parsed.error, 'scenario'));
  return parsed.data;
}

function describeExpectation(e: Expectation | undefined): string {
  if (e === undefined) return '-';
  if (typeof e === 'string') return e;
  const parts = [e.result ?? '', e.rules?.length ? `[${e.rules.join(',')}]` : '', e.state ? `→${e.state}` : '', e.code ?? ''].filter(Boolean);
  return parts.join(' ');
}

function check(step: TraceStep, expect: Expectation | undefined): string[] {
  if (expect === undefined) return [];
  const e = typeof expect === 'string' ? { result: expect } : expect;
  const problems: string[] = [];
  if (e.result && step.result !== e.result) {
    const refusing = step.verdicts.filter(refuses);
    const why = refusing.length ? ` (${refusing.map((v) => `${v.rule}: ${v.reason}`).join('; ')})` : step.error ? ` (${step.error.code}: ${step.error.message})` : '';
    problems.push(`expected ${e.result}, got ${step.result}${why}`);
  }
  for (const rule of e.rules ?? []) {
    if (step.result === 'refused' || e.result === 'refused') {
      if (!step.failed.includes(rule)) problems.push(`expected ${rule} among the refusing rules (${step.failed.join(', ') || 'none'})`);
    } else if (!step.verdicts.some((v) => v.rule === rule && v.ok)) {
      problems.push(`expected ${rule} to be checked and pass`);
    }
  }
  for (const rule of e.warns ?? []) {
    if (!step.verdicts.some((v) => v.rule === rule && !v.ok)) problems.push(`expected a warning from ${rule}`);
  }
  if (e.state && step.after !== e.state) problems.push(`expected state ${e.state}, got ${step.after ?? 'none'}`);
  if (e.outcome !== undefined && step.outcome !== e.outcome) problems.push(`expected outcome ${String(e.outcome)}, got ${String(step.outcome)}`);
  if (e.code && step.error?.code !== e.code) problems.push(`expected error ${e.code}, got ${step.error?.code ?? 'none'}`);
  return problems;
}

/**
 * Runs one scenario through simulate() over these repositories (nothing is written; with `keep`,
 * on a scratch database only, the run is committed so its audit records can be replayed).
 */
export function runScenario(repos: Repositories, scenario: Scenario, file?: string, options: { keep?: boolean } = {}): ScenarioResult {
  const base = { name: scenario.name, ...(file ? { file } : {}) };
  let trace: Trace;
  try {
    trace = simulate(repos, {
      caseFile: scenario.caseFile,
      ...(scenario.family ? { family: scenario.family } : {}),
      ...(scenario.at ? { at: scenario.at } : {}),
      commands: scenario.steps.map(({ expect: _e, note: _n, ...cmd }) => cmd),
    }, undefined, options);
  } catch (e) {
    const message = e instanceof AppError ? `${e.code}: ${e.message}` : e instanceof Error ? e.message : String(e);
    return { ...base, passed: false, errors: [message], steps: [] };
  }
  const steps: StepReport[] = trace.steps.map((s, i) => {
    const expect = scenario.steps[i]?.expect;
    const problems = check(s, expect);
    return {
      index: i + 1,
      case: s.case,
      workflow: s.workflow,
      type: s.type,
      as: s.actor.roles.join('+'),
      result: s.result,
      before: s.before,
      after: s.after,
      failed: s.failed,
      expected: describeExpectation(expect),
      ok: problems.length === 0,
      problems,
    };
  });
  const errors: string[] = [];
  for (const f of scenario.final ?? []) {
    const c = trace.cases.find((x) => x.ref === f.case);
    const w = c?.workflows.find((x) => x.kind === f.workflow && x.instance === f.instance);
    if (!w) {
      errors.push(`final: ${f.case} has no ${f.workflow}${f.instance ? `[${f.instance}]` : ''} instance`);
      continue;
    }
    if (f.state && w.state !== f.state) errors.push(`final: ${f.case} ${f.workflow} is ${w.state}, expected ${f.state}`);
    if (f.outcome !== undefined && w.outcome !== f.outcome) errors.push(`final: ${f.case} ${f.workflow} outcome is ${String(w.outcome)}, expected ${String(f.outcome)}`);
  }
  return { ...base, passed: errors.length === 0 && steps.every((s) => s.ok), errors, steps, trace };
}

/** A private in-memory database with the reference jurisdictions: scenarios never touch a real one. */
export function scenarioRepositories(): Repositories {
  const repos = createRepositories(openDatabase(':memory:'));
  createPolicyService(repos, { now: () => new Date().toISOString() }).seedJurisdictions(JURISDICTION_SEED);
  return repos;
}

export const SCENARIO_DIR = join(import.meta.dirname, '..', '..', 'scenarios');

/** The scenario files of a folder, sorted. */
export function scenarioFiles(dir = SCENARIO_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort()
    .map((f) => join(dir, f));
}

/** Reads and runs scenario files; a file that does not parse is a failed result, never a crash. */
export function runFiles(files: readonly string[], repos: Repositories = scenarioRepositories()): ScenarioResult[] {
  return files.map((file) => {
    try {
      return runScenario(repos, parseScenario(readFileSync(file, 'utf8')), basename(file));
    } catch (e) {
      const message = e instanceof AppError ? `${e.message}` : e instanceof Error ? e.message : String(e);
      return { name: basename(file), file: basename(file), passed: false, errors: [message], steps: [] };
    }
  });
}

export type CoverageMark = 'both' | 'allowing' | 'refusing' | 'never';

/** How often a named condition of a rule held and failed to hold across the scenarios. */
export interface ConditionCoverage {
  condition: string;
  /** What the condition means (declared by the rule or by the shared readers), when known. */
  meaning?: string;
  madeTrue: number;
  madeFalse: number;
}

export interface RuleCoverage {
  rule: string;
  allowing: number;
  refusing: number;
  mark: CoverageMark;
  /** Each condition the rule declares or reported, sorted by name. */
  conditions: ConditionCoverage[];
}

/**
 * For each catalogued rule: how often the scenarios exercised it allowing and refusing (a WARN
 * counts as refusing: the rule found something wanting), and for each of its named conditions
 * how often it was made true and made false. Conditions come from the verdicts (`conditions`)
 * and from the rule's declaration, so a declared condition no scenario reached is listed too.
 */
export function ruleCoverage(results: readonly ScenarioResult[]): RuleCoverage[] {
  const counts = new Map<string, { allowing: number; refusing: number; conditions: Map<string, ConditionCoverage> }>(RULES.map((r) => [r.id, { allowing: 0, refusing: 0, conditions: new Map<string, ConditionCoverage>() }]));
  const meaningOf = (rule: string, name: string) => getRule(rule).conditions?.[name] ?? SHARED_CONDITIONS[name];
  const conditionOf = (rule: string, c: { conditions: Map<string, ConditionCoverage> }, name: string): ConditionCoverage => {
    let entry = c.conditions.get(name);
    if (!entry) {
      const meaning = meaningOf(rule, name);
      entry = { condition: name, ...(meaning ? { meaning } : {}), madeTrue: 0, madeFalse: 0 };
      c.conditions.set(name, entry);
    }
    return entry;
  };
  for (const rule of RULES) for (const name of Object.keys(rule.conditions ?? {})) conditionOf(rule.id, counts.get(rule.id)!, name);
  for (const r of results) {
    for (const s of r.trace?.steps ?? []) {
      for (const v of s.verdicts) {
        if (v.deferred) continue;
        const c = counts.get(v.rule);
        if (!c) continue;
        if (v.ok) c.allowing += 1;
        else c.refusing += 1;
        for (const [name, holds] of Object.entries(v.conditions ?? {})) {
          const entry = conditionOf(v.rule, c, name);
          if (holds) entry.madeTrue += 1;
          else entry.madeFalse += 1;
        }
      }
    }
  }
  return [...counts].map(([rule, c]) => ({
    rule,
    allowing: c.allowing,
    refusing: c.refusing,
    mark: c.allowing && c.refusing ? 'both' : c.allowing ? 'allowing' : c.refusing ? 'refusing' : 'never',
    conditions: [...c.conditions.values()].sort((a, b) => a.condition.localeCompare(b.condition)),
  }));
}

/** What the coverage leaves untested: rules never exercised, and conditions never made true or never made false. */
export function coverageGaps(coverage: readonly RuleCoverage[]) {
  return {
    rulesNever: coverage.filter((c) => c.mark === 'never').map((c) => c.rule),
    conditionsNeverTrue: coverage.flatMap((c) => c.conditions.filter((k) => k.madeTrue === 0).map((k) => `${c.rule} ${k.condition}`)),
    conditionsNeverFalse: coverage.flatMap((c) => c.conditions.filter((k) => k.madeFalse === 0).map((k) => `${c.rule} ${k.condition}`)),
  };
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** The pass/fail table with each failure's reasons underneath. */
export function formatResults(results: readonly ScenarioResult[]): string {
  const rows = results.map((r) => [r.passed ? 'PASS' : 'FAIL', r.file ?? '', r.name, String(r.steps.length), String(r.steps.filter((s) => !s.ok).length + r.errors.length)]);
  const out = [table(['result', 'file', 'scenario', 'steps', 'problems'], rows)];
  for (const r of results.filter((x) => !x.passed)) {
    out.push(`\n${r.file ?? r.name}:`);
    for (const e of r.errors) out.push(`  ${e}`);
    for (const s of r.steps.filter((x) => !x.ok)) out.push(`  step ${s.index} ${s.case} ${s.workflow}.${s.type} as ${s.as}: ${s.problems.join('; ')}`);
  }
  const passed = results.filter((r) => r.passed).length;
  out.push(`\n${passed}/${results.length} scenarios passed`);
  return out.join('\n');
}

export function formatCoverage(coverage: readonly RuleCoverage[]): string {
  const rows = coverage.map((c) => [c.rule, c.allowing ? `yes (${c.allowing})` : 'no', c.refusing ? `yes (${c.refusing})` : 'no', c.mark === 'never' ? 'NEVER' : c.mark]);
  const never = coverage.filter((c) => c.mark === 'never').length;
  return `${table(['rule', 'exercised allowing', 'exercised refusing', 'coverage'], rows)}\n\n${coverage.length - never}/${coverage.length} rules exercised; ${coverage.filter((c) => c.mark === 'both').length} both ways`;
}

/** `--coverage`: per rule, each condition made true and made false, then everything never exercised. */
export function formatConditionCoverage(coverage: readonly RuleCoverage[]): string {
  const rows = coverage.flatMap((c) => {
    const head = [c.rule, c.mark === 'never' ? 'NEVER' : c.mark, String(c.allowing), String(c.refusing), '', '', ''];
    return [head, ...c.conditions.map((k) => ['', '', '', '', k.condition, k.madeTrue ? `yes (${k.madeTrue})` : 'NEVER', k.madeFalse ? `yes (${k.madeFalse})` : 'NEVER'])];
  });
  const gaps = coverageGaps(coverage);
  const list = (title: string, items: readonly string[]) => `${title} (${items.length}):${items.length ? `\n  ${items.join('\n  ')}` : ' none'}`;
  return [
    table(['rule', 'coverage', 'allowing', 'refusing', 'condition', 'made true', 'made false'], rows),
    '',
    list('rules never exercised', gaps.rulesNever),
    list('conditions never made true', gaps.conditionsNeverTrue),
    list('conditions never made false', gaps.conditionsNeverFalse),
  ].join('\n');
}

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { createRepositories, openDatabase, type Repositories } from '../../db/index.ts';
import { analyseImpact, ImpactRequest, lawInForce, proposedLaw, type ImpactOptions, type ImpactReport, type Law } from '../engine/impact.ts';
import { invalid, zodIssues } from '../engine/errors.ts';
import { createPolicyService } from '../engine/policy.ts';
import { parseScenario, runScenario, scenarioFiles, type Scenario, type ScenarioResult } from './runner.ts';

/**
 * Impact analysis over either source (POST /v1/impact, `npm run cli -- impact`): the recorded
 * commands of the cases, or the scenario files. A scenario is first run under the law in force on
 * a private scratch database (so its commands are recorded there, never in the real one), then its
 * records are replayed under both laws like a real case's.
 */
export function impactAnalysis(repos: Repositories, input: unknown, options: ImpactOptions & { files?: readonly string[] } = {}): ImpactReport {
  const parsed = ImpactRequest.safeParse(input);
  if (!parsed.success) throw invalid(zodIssues(parsed.error, 'body'));
  const request = parsed.data;
  const current = lawInForce(repos);
  const proposed = proposedLaw(current, request.change);
  if (request.source === 'cases') return analyseImpact(repos, request, current, proposed, options);

  // One scratch database for every file: the scenarios' cases never meet, and their records are
  // told apart by the audit seq of each step.
  const files = options.files ?? scenarioFiles();
  const scratch = scratchRepositories(current);
  try {
    const steps = new Map<number, { file: string; step: number }>();
    files.forEach((file, i) => {
      const result = runScenario(scratch, parseScenario(readFileSync(file, 'utf8')), basename(file), { keep: true });
      for (const s of result.trace?.steps ?? []) if (s.auditSeq !== undefined) steps.set(s.auditSeq, { file: basename(file), step: s.index + 1 });
      options.onProgress?.(i + 1, files.length);
    });
    return analyseImpact(scratch, { ...request, cases: undefined }, current, proposed, { label: (seq) => steps.get(seq) });
  } finally {
    scratch.db.$client.close();
  }
}

/** A private in-memory database holding the law in force (jurisdictions and settings) and nothing else. */
/**
 * A dry run of one scenario on a private copy of the law in force, thrown away after: the
 * simulation rolls back anyway, but a scenario's own data-sharing agreements are written before
 * it, and must never reach the real database (an agreement is approved by two DPOs, never by a file).
 */
export function runScenarioDry(repos: Repositories, scenario: Scenario): ScenarioResult {
  const scratch = scratchRepositories(lawInForce(repos));
  try {
    return runScenario(scratch, scenario);
  } finally {
    scratch.db.$client.close();
  }
}

export function scratchRepositories(law: Law): Repositories {
  const scratch = createRepositories(openDatabase(':memory:'));
  const at = new Date().toISOString();
  createPolicyService(scratch, { now: () => at }).seedJurisdictions(law.jurisdictions);
  scratch.settings.insert(law.settings, at, 'impact-analysis');
  return scratch;
}

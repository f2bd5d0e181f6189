import { resolve } from 'node:path';
import { coverageGaps, formatConditionCoverage, formatCoverage, formatResults, ruleCoverage, runFiles, scenarioFiles } from './runner.ts';

/**
 * `npm run scenarios [-- [--coverage] files...]`: runs the scenario files (all of scenarios/ by
 * default) on a private in-memory database, prints a pass/fail table and a rule-coverage table,
 * and exits 1 on any failure. `--coverage` prints, per rule, each named condition made true and
 * made false and lists what was never exercised; it also exits 1 when a rule was never exercised
 * (neither allowing nor refusing).
 */
export function main(argv: readonly string[], out: (text: string) => void = (t) => process.stdout.write(`${t}\n`)): number {
  const conditions = argv.includes('--coverage');
  const paths = argv.filter((a) => a !== '--coverage');
  const files = paths.length ? paths.map((f) => resolve(f)) : scenarioFiles();
  if (files.length === 0) {
    out('no scenario files');
    return 2;
  }
  const results = runFiles(files);
  out(formatResults(results));
  out('');
  const coverage = ruleCoverage(results);
  out(conditions ? formatConditionCoverage(coverage) : formatCoverage(coverage));
  const passed = results.every((r) => r.passed);
  if (conditions && coverageGaps(coverage).rulesNever.length > 0) return 1;
  return passed ? 0 : 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = main(process.argv.slice(2).filter((a) => a !== '--'));
}

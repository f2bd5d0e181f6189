import { resolve } from 'node:path';
import { formatCoverage, formatResults, ruleCoverage, runFiles, scenarioFiles } from './runner.ts';

/**
 * `npm run scenarios [-- files...]`: runs the scenario files (all of scenarios/ by default) on a
 * private in-memory database, prints a pass/fail table and a rule-coverage table, and exits 1 on
 * any failure.
 */
export function main(argv: readonly string[], out: (text: string) => void = (t) => process.stdout.write(`${t}\n`)): number {
  const files = argv.length ? argv.map((f) => resolve(f)) : scenarioFiles();
  if (files.length === 0) {
    out('no scenario files');
    return 2;
  }
  const results = runFiles(files);
  out(formatResults(results));
  out('');
  out(formatCoverage(ruleCoverage(results)));
  return results.every((r) => r.passed) ? 0 : 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = main(process.argv.slice(2).filter((a) => a !== '--'));
}

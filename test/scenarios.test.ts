import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/scenarios/main.ts';
import { formatResults, ruleCoverage, runFiles, scenarioFiles } from '../src/scenarios/runner.ts';

/** `npm test` runs every shipped scenario through the same runner as `npm run scenarios`. */
describe('shipped scenarios', () => {
  const files = scenarioFiles();
  const results = runFiles(files);

  it('ships at least 15 scenarios', () => {
    expect(files.length).toBeGreaterThanOrEqual(15);
  });

  it.each(results.map((r) => [r.file ?? r.name, r] as const))('%s passes', (_file, result) => {
    expect(result.passed, formatResults([result])).toBe(true);
  });

  it('exercise rules both ways', () => {
    const both = ruleCoverage(results).filter((c) => c.mark === 'both');
    expect(both.length).toBeGreaterThanOrEqual(15);
  });
});

describe('npm run scenarios', () => {
  it('prints the pass/fail and rule-coverage tables and exits non-zero on a failure', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kp-scenarios-'));
    const failing = join(dir, 'failing.yaml');
    writeFileSync(failing, `name: wrong expectation
description: START cannot be refused
caseFile:
  person: { names: [{ given: A }], sex: female, dateOfBirth: { exact: 1990-01-01 } }
  location: { kind: camp, name: Roj, state: SY }
steps:
  - { as: caseworker, workflow: screening, type: START, expect: refused }
`);
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, 'name: [');
    const lines: string[] = [];
    expect(main([failing, broken], (l) => lines.push(l))).toBe(1);
    const out = lines.join('\n');
    expect(out).toMatch(/FAIL\s+failing\.yaml/);
    expect(out).toMatch(/FAIL\s+broken\.yaml/);
    expect(out).toContain('expected refused, got applied');
    expect(out).toMatch(/KP-SCR-01\s+no\s+no\s+NEVER/);
    expect(main([scenarioFiles()[0]!], () => undefined)).toBe(0);
  });
});

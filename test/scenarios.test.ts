import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../src/scenarios/main.ts';
import { coverageGaps, formatResults, ruleCoverage, runFiles, scenarioFiles } from '../src/scenarios/runner.ts';

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

  it('leave no rule without an allowing or a refusing scenario', () => {
    expect(coverageGaps(ruleCoverage(results)).rulesNever).toEqual([]);
  });

  it('count each named condition made true and made false', () => {
    const child = ruleCoverage(results).find((c) => c.rule === 'KP-CHILD-01')!.conditions.find((k) => k.condition === 'subject_is_child');
    expect(child).toMatchObject({ meaning: expect.stringContaining('child'), madeTrue: expect.any(Number), madeFalse: expect.any(Number) });
    expect(child!.madeTrue).toBeGreaterThan(0);
    expect(child!.madeFalse).toBeGreaterThan(0);
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

  it('--coverage prints each rule\'s conditions made true and false, lists what was never exercised, and fails on a rule never exercised', () => {
    const lines: string[] = [];
    const one = scenarioFiles().find((f) => f.endsWith('05-child-protection-track.yaml'))!;
    expect(main(['--coverage', one], (l) => lines.push(l))).toBe(1);
    const out = lines.join('\n');
    expect(out).toMatch(/KP-SCR-04\s+both/);
    expect(out).toMatch(/subject_is_child\s+yes \(\d+\)\s+(yes \(\d+\)|NEVER)/);
    expect(out).toMatch(/rules never exercised \(\d+\):\n {2}KP-/);
    expect(out).toContain('conditions never made false');
    const all: string[] = [];
    expect(main(['--coverage'], (l) => all.push(l))).toBe(0);
    expect(all.join('\n')).toContain('rules never exercised (0): none');
  });
});

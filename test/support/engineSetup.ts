import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, expect } from 'vitest';
import { RULES } from '../../workflows/rules/registry.ts';
import type { Verdict } from '../../workflows/rules/types.ts';
import { EngineWorld } from './engineWorld.ts';

/**
 * Setup of the `engine` project (vitest.config.ts): after each test, the audit chain of every
 * engine world it used must verify; after each file, the databases are closed (worlds built at
 * describe level live until then). With KP_RULE_COVERAGE_DIR set (engineGlobalSetup.ts), the
 * rules seen allowed and refused in the audit records are written there, one file per test file.
 */
const seen = { allowed: new Set<string>(), refused: new Set<string>() };
const FLAG_ONLY = new Set<string>(RULES.filter((r) => r.severity === 'warn' || r.severity === 'timer').map((r) => r.id));

afterEach(() => {
  for (const w of EngineWorld.opened) w.verifyAudit();
});

afterAll(() => {
  for (const w of [...EngineWorld.opened]) {
    for (const r of w.repos.audit.iterate()) {
      for (const v of r.verdicts as Verdict[]) {
        // Allowed: the rule passed on an applied command. Refused: its finding refused the command or
        // held it for a second approver (2ND); for a rule whose catalogue severity is WARN or TIMER
        // (it never refuses), a flag counts. A blocking rule that has only ever warned does not.
        if (v.ok && r.result === 'applied') seen.allowed.add(v.rule);
        if (!v.ok && (r.result !== 'applied' || FLAG_ONLY.has(v.rule))) seen.refused.add(v.rule);
      }
    }
    w.close();
  }
  const dir = process.env['KP_RULE_COVERAGE_DIR'];
  const file = expect.getState().testPath;
  if (dir && file) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${file.replace(/[^A-Za-z0-9]+/g, '_')}.json`), JSON.stringify({ file, allowed: [...seen.allowed], refused: [...seen.refused] }));
  }
});

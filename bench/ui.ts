/**
 * `npm run bench:ui`: how long the reviewers' case page takes for a case with 1,000 audit records
 * (`RECORDS=5000` for the paged timeline's figures; target: under a second), plus the case list, audit and rules pages. Server-side render time
 * through the full HTTP stack (app.inject), on a temporary file database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildApp } from '../src/app.ts';
import { createUser } from '../src/auth/tokens.ts';
import { RegisterCase } from '../src/engine/cases.ts';
import { signIn } from '../test/support/web.ts';

const RECORDS = Number(process.env['RECORDS'] ?? 1000);
const RUNS = 7;

const dir = mkdtempSync(join(tmpdir(), 'kp-ui-bench-'));
const app = await buildApp({ databasePath: join(dir, 'kp.sqlite'), logLevel: 'silent' });
try {
  const at = new Date().toISOString();
  const cw = createUser(app.services.repos, 'bench caseworker', ['caseworker'], at);
  const reviewer = createUser(app.services.repos, 'bench reviewer', ['reviewer'], at);
  const actor = { id: cw.id, roles: cw.roles };
  const c = app.services.cases.register(
    RegisterCase.parse({
      person: { names: [{ given: 'Amina', family: 'Haddad' }], sex: 'female', dateOfBirth: { exact: '1994-02-11' }, nationalities: [{ state: 'FR', status: 'claimed' }] },
      location: { kind: 'camp', name: 'Al-Hol', state: 'SY', closed: true },
    }),
    actor,
  );
  app.services.commands.apply({ caseId: c.id, actor, workflow: 'screening', type: 'START', data: {}, ifMatch: c.version });
  // Refused submissions are audited without moving the case: each adds one record with verdicts.
  for (let i = app.services.queries.history(c.id).length; i < RECORDS; i += 1) {
    app.services.commands.apply({ caseId: c.id, actor, workflow: 'screening', type: 'SUBMIT', data: {}, ifMatch: c.version + 1 });
  }
  const records = app.services.queries.history(c.id).length;

  // As a browser does: the sign-in form's CSRF token, then a server-side session.
  const cookie = await signIn(app, reviewer.token);

  async function measure(label: string, url: string): Promise<number> {
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < RUNS; i += 1) {
      const start = performance.now();
      const res = await app.inject({ url, headers: { cookie } });
      times.push(performance.now() - start);
      if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode}`);
      bytes = res.body.length;
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)]!;
    console.log(`${label.padEnd(36)} median ${median.toFixed(1).padStart(7)} ms  max ${times.at(-1)!.toFixed(1).padStart(7)} ms  ${(bytes / 1024).toFixed(0)} KiB`);
    return median;
  }

  console.log(`case with ${records} audit records, ${RUNS} runs each (first run includes warm-up)`);
  const casePage = await measure('GET /ui/cases/:id (en)', `/ui/cases/${c.id}`);
  await measure('GET /ui/cases/:id?lang=ar', `/ui/cases/${c.id}?lang=ar`);
  // The timeline is paged (50 records): the oldest page and one from the middle, by keyset.
  await measure('GET /ui/cases/:id?order=oldest', `/ui/cases/${c.id}?order=oldest`);
  await measure('GET /ui/cases/:id?before=<middle>', `/ui/cases/${c.id}?before=${Math.floor(records / 2)}`);
  await measure('GET /ui/cases/:id/print', `/ui/cases/${c.id}/print`);
  await measure('GET /ui/cases/:id/history.json', `/ui/cases/${c.id}/history.json`);
  await measure('GET /ui/cases', '/ui/cases');
  await measure('GET /ui/audit', '/ui/audit');
  await measure('GET /ui/rules', '/ui/rules');
  const ok = casePage < 1000;
  console.log(ok ? `OK: the case page renders in ${casePage.toFixed(0)} ms (< 1000 ms)` : `SLOW: the case page took ${casePage.toFixed(0)} ms (target < 1000 ms)`);
  process.exitCode = ok ? 0 : 1;
} finally {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
}

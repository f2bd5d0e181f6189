/**
 * `npm run bench:impact`: impact analysis (src/engine/impact.ts) over CASES recorded cases
 * (default 10,000), against the ceiling of merely reading the same audit records.
 *
 * - Setup (not measured): CASES cases registered through the engine on a temporary database file,
 *   each screened (START, RECORD_INTERVIEW, RECORD_ASSESSMENT); every fifth one a child whose BID
 *   is approved by a three-member panel (START_BIA, COMPLETE_BIA, PREPARE_BID, SUBMIT_TO_PANEL,
 *   PANEL_DECIDE). Batches of cases share one transaction to keep the setup short.
 * - Measured: the analysis of `bidPanelMinMembers: 4` over every case (each recorded command
 *   decided twice, under the law in force and the proposed one), and the ceiling: one pass of
 *   `audit.iterate()` over the same records (read + JSON parse), which any replay must pay.
 * Not a test: never part of `npm test`. Environment: CASES.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRepositories, openDatabase } from '../db/index.ts';
import { impactAnalysis } from '../src/scenarios/impact.ts';
import { progressBar } from '../src/scenarios/impactText.ts';
import { createServices } from '../src/services.ts';
import { JURISDICTION_SEED } from '../workflows/jurisdictionSeed.ts';
import type { Actor } from '../workflows/roles.ts';

const CASES = Number(process.env['CASES'] ?? 10_000);
const BATCH = 250;
const dir = mkdtempSync(join(tmpdir(), 'kp-bench-impact-'));
const repos = createRepositories(openDatabase(join(dir, 'kp.sqlite'), { key: { kind: 'raw', hex: randomBytes(32).toString('hex') } }));
let clock = Date.parse('2026-05-01T08:00:00.000Z');
const services = createServices(repos, { clock: { now: () => new Date((clock += 1000)).toISOString() } });
services.policy.seedJurisdictions(JURISDICTION_SEED);

const caseworker: Actor = { id: 'bench-caseworker', roles: ['caseworker'] };
const panel: Actor = { id: 'bench-panel', roles: ['bid_panel'] };
const interview = { participants: [{ role: 'screening_officer' }, { role: 'child_protection' }], appropriateAdultPresent: true, femaleInterviewerOffered: true, language: 'fr', interpreter: false };
const assessment = { victimIndicators: [], referrals: ['child_protection'], affiliation: { level: 'none', evidenceIds: [] }, ageGenderConsiderations: 'considered', outcome: 'victim' };
const bid = { childViews: 'wants to go home', childViewsWeight: 'significant', childInformedLanguage: 'fr', familyUnity: 'together', careOptionsConsidered: [], recommendation: { action: 'repatriate_with_family', separationInBestInterests: false }, reviewDate: '2026-12-01' };
const decision = { panel: [{ userId: 'p1', discipline: 'child_protection' }, { userId: 'p2', discipline: 'legal' }, { userId: 'p3', discipline: 'health' }], undertakingsSigned: true, decision: 'approve', reasons: 'with the family', reviewRoute: 'BID review board' };

function send(caseId: string, actor: Actor, workflow: string, type: string, data?: Record<string, unknown>): void {
  const version = repos.cases.get(caseId)!.version;
  const answer = services.commands.apply({ caseId, workflow, type, ...(data ? { data } : {}), actor, ifMatch: version });
  if (answer.kind !== 'applied') throw new Error(`${workflow}.${type}: ${answer.kind} ${JSON.stringify(answer).slice(0, 300)}`);
}

const setupStart = performance.now();
const drawSetup = progressBar('cases registered');
for (let i = 0; i < CASES; i += BATCH) {
  repos.transaction(() => {
    for (let j = i; j < Math.min(CASES, i + BATCH); j += 1) {
      const child = j % 5 === 0;
      const person = { names: [{ given: `P${j}`, family: '', script: 'latin' as const }], sex: 'female' as const, documents: [], vulnerabilities: [], dateOfBirth: { exact: child ? '2016-03-01' : '1992-03-01' }, nationalities: [{ state: 'FR', status: 'claimed' as const }] };
      const id = services.cases.register({ person, location: { kind: 'camp', name: 'Roj', state: 'SY' }, familyLinks: [] }, caseworker).id;
      send(id, caseworker, 'screening', 'START');
      send(id, caseworker, 'screening', 'RECORD_INTERVIEW', interview);
      send(id, caseworker, 'screening', 'RECORD_ASSESSMENT', assessment);
      if (!child) continue;
      send(id, caseworker, 'best_interests', 'START_BIA');
      // No parent is linked: KP-CHILD-08 wants tracing and a guardian before a panel may approve.
      send(id, caseworker, 'best_interests', 'RECORD_TRACING', { status: 'started', agency: 'ICRC', startedOn: '2026-04-01' });
      send(id, caseworker, 'best_interests', 'APPOINT_GUARDIAN', { name: 'Guardian ad litem', kind: 'guardian', appointedBy: 'juvenile judge', appointedOn: '2026-04-02' });
      send(id, caseworker, 'best_interests', 'COMPLETE_BIA', { findings: 'with the mother', bidRequired: true });
      send(id, caseworker, 'best_interests', 'PREPARE_BID', bid);
      send(id, caseworker, 'best_interests', 'SUBMIT_TO_PANEL');
      send(id, panel, 'best_interests', 'PANEL_DECIDE', decision);
    }
  });
  drawSetup(Math.min(CASES, i + BATCH), CASES);
}
process.stderr.write('\n');
const records = repos.audit.last()?.seq ?? 0;
console.log(`setup: ${CASES} cases, ${records} audit records in ${((performance.now() - setupStart) / 1000).toFixed(1)} s`);

const ceilingStart = performance.now();
let read = 0;
for (const r of repos.audit.iterate()) if (r.seq > 0) read += 1;
const ceilingMs = performance.now() - ceilingStart;

const start = performance.now();
const report = impactAnalysis(repos, { change: { settings: { bidPanelMinMembers: 4 } }, limit: 10 }, { onProgress: progressBar('records') });
const ms = performance.now() - start;
process.stderr.write('\n');

console.log(`impact analysis: ${report.cases} cases, ${report.commands} commands decided twice, ${report.changed} changed, in ${(ms / 1000).toFixed(2)} s`);
console.log(`  ${Math.round(report.commands / (ms / 1000))} commands/s, ${(ms / report.cases).toFixed(3)} ms per case`);
console.log(`ceiling (read + parse ${read} audit records): ${(ceilingMs / 1000).toFixed(2)} s, ${Math.round(read / (ceilingMs / 1000))} records/s`);
console.log(`ratio ceiling/impact time: ${(ceilingMs / ms).toFixed(3)}`);
if (report.changed !== CASES / 5) console.log(`UNEXPECTED: ${report.changed} changes, expected ${CASES / 5} (one PANEL_DECIDE per child)`);
repos.db.$client.close();
rmSync(dir, { recursive: true, force: true });

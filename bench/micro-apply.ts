/**
 * In-process micro-timing of the command hot path, without HTTP: 50 screening cases on a temporary
 * file database (synchronous=FULL, the default), then SUBMIT/RETURN, 5 rounds of 2,000 commands:
 * once through `services.commands.apply` (one transaction, one fsync, per command), once through
 * `services.commands.applyBatch` in batches of 50 (one transaction per batch, each command in its
 * SAVEPOINT: what group commit does under load). Prints µs per command (min, median, every round), wall-clock and CPU.
 * Steadier than `npm run bench` on a shared machine. Run: `npx tsx bench/micro-apply.ts`;
 * `ONLY=batch` (or `ONLY=apply`) measures one of the two, e.g. for a CPU profile of the batched path:
 * `ONLY=batch node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx bench/micro-apply.ts`.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRepositories, openDatabase } from '../db/index.ts';
import { createServices } from '../src/services.ts';
import { RegisterCase } from '../src/engine/cases.ts';
import { JURISDICTION_SEED } from '../workflows/jurisdictionSeed.ts';
import type { Outcome } from '../src/engine/outcomes.ts';

const dir = mkdtempSync(join(tmpdir(), 'kp-micro-'));
const repos = createRepositories(openDatabase(join(dir, 'kp.sqlite'), { key: { kind: 'raw', hex: randomBytes(32).toString('hex') } }));
const s = createServices(repos);
s.policy.seedJurisdictions(JURISDICTION_SEED);
const cw = { id: 'u-cw', roles: ['caseworker', 'supervisor'] as any };
const person = (i: number) => ({ person: { names: [{ given: 'Amina', family: `Bench${i}`, script: 'latin' }], sex: 'female', dateOfBirth: { exact: '1994-02-11' }, nationalities: [{ state: 'FR', status: 'claimed' }], documents: [{ type: 'passport', number: `P${String(1_000_000 + i)}`, issuer: 'FR' }] }, location: { kind: 'camp', name: 'Al-Hol', state: 'SY', closed: true } });
const interview = { participants: [{ role: 'screening_officer' }, { role: 'child_protection' }], appropriateAdultPresent: true, femaleInterviewerOffered: true, language: 'fr', interpreter: false };
const assessment = { victimIndicators: [], referrals: ['child_protection'], affiliation: { level: 'none', evidenceIds: [] }, ageGenderConsiderations: 'considered', outcome: 'victim' };
const slots: { id: string; version: number; state: string }[] = [];
for (let i = 0; i < 50; i++) {
  const c = s.cases.register(RegisterCase.parse(person(i)), cw);
  let v = c.version;
  for (const [type, data] of [['START', {}], ['RECORD_INTERVIEW', interview], ['RECORD_ASSESSMENT', assessment]] as const) {
    const a = s.commands.apply({ caseId: c.id, workflow: 'screening', type, data: data as any, actor: cw, ifMatch: v });
    if (a.kind !== 'applied') throw new Error(JSON.stringify(a));
    v = a.version;
  }
  slots.push({ id: c.id, version: v, state: 'in_progress' });
}
const request = (slot: (typeof slots)[number]) => {
  const sub = slot.state === 'in_progress';
  return { caseId: slot.id, workflow: 'screening', type: sub ? 'SUBMIT' : 'RETURN', data: sub ? {} : { reason: 'bench' }, actor: cw, ifMatch: slot.version };
};
const applied = (slot: (typeof slots)[number], a: Outcome) => {
  if (a.kind !== 'applied') throw new Error(JSON.stringify(a));
  slot.version = a.version; slot.state = slot.state === 'in_progress' ? 'submitted' : 'in_progress';
};
function run(n: number) {
  for (let k = 0; k < n; k++) {
    const slot = slots[k % slots.length]!;
    applied(slot, s.commands.apply(request(slot)));
  }
}
/** Batches of 50 (one per case: a case appears once per batch, as one request in flight per case). */
function runBatched(n: number) {
  for (let k = 0; k < n; k += slots.length) {
    const results = s.commands.applyBatch(slots.map(request));
    results.forEach((r, i) => {
      if (!r.ok) throw r.error;
      applied(slots[i]!, r.outcome);
    });
  }
}
/** Wall-clock and CPU (user + system of this process: steadier on a shared machine) µs per command. */
function measure(label: string, fn: (n: number) => void) {
  fn(1000);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < 5; r++) {
    const t = process.hrtime.bigint();
    const c = process.cpuUsage();
    fn(2000);
    const used = process.cpuUsage(c);
    wall.push(Number(process.hrtime.bigint() - t) / 1e3 / 2000);
    cpu.push((used.user + used.system) / 2000);
  }
  const line = (xs: number[]) => { const s = [...xs].sort((a, b) => a - b); return `min ${s[0]!.toFixed(0)} median ${s[2]!.toFixed(0)} all ${xs.map((x) => x.toFixed(0)).join(' ')}`; };
  console.log(`${label} µs/op: ${line(wall)}`);
  console.log(`${label} CPU µs/op: ${line(cpu)}`);
}
const only = process.env['ONLY'];
if (only !== 'batch') measure('apply (one transaction each)', run);
if (only !== 'apply') measure('applyBatch (50 per transaction)', runBatched);
repos.db.$client.close();
rmSync(dir, { recursive: true, force: true });

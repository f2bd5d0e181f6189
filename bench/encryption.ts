/**
 * `npm run bench:encryption` (issue 11): what the encrypted database file costs.
 *
 * Whole-file encryption (SQLCipher 4 via better-sqlite3-multiple-ciphers) works page by page: a
 * page is encrypted when it is written to the WAL and decrypted when it is read into SQLite's page
 * cache. So the cost is measured where it arises, on the same write and read pattern with and
 * without a key, in the same run:
 *
 * - write: one IMMEDIATE transaction per command (UPDATE of a 12 KB case row + INSERT of a 1 KB
 *   audit-sized row), `journal_mode=WAL`, `synchronous=FULL` (the engine's default), as the
 *   engine's command path writes; µs per transaction.
 * - read: SELECT of one 12 KB case row by id, with a page cache of 16 pages so that most reads
 *   fetch (and decrypt) their pages again, the worst case for encryption; µs per read.
 * - engine: the engine's own command (`commands.apply`, screening SUBMIT/RETURN) and case read
 *   (`cases.read`) on its encrypted file, for scale: what share of them the cipher is.
 * - envelopes (issue 11.2, docs/erasure.md): the time the same commands and case reads spend in
 *   the per-person keyring (sealing on write, opening on read: key lookup, unwrap from cache,
 *   AES-256-GCM per string, the classification walk), measured by timing the keyring's calls
 *   inside them; and one seal and one open of a 30-character string alone.
 *
 * Prints min and median of 5 rounds. Not a test. Environment: ROUNDS (default 5), N (operations
 * per round, default 2000).
 */
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRepositories, openDatabase } from '../db/index.ts';
import { applyKey } from '../db/key.ts';
import { RegisterCase } from '../src/engine/cases.ts';
import type { Outcome } from '../src/engine/outcomes.ts';
import { keyringOf, type Keyring } from '../src/engine/personalData.ts';
import { createServices } from '../src/services.ts';
import { JURISDICTION_SEED } from '../workflows/jurisdictionSeed.ts';
import type { Role } from '../workflows/roles.ts';

const ROUNDS = Number(process.env['ROUNDS'] ?? 5);
const N = Number(process.env['N'] ?? 2000);
const ROWS = 2000;
const dir = mkdtempSync(join(tmpdir(), 'kp-bench-enc-'));
const key = { kind: 'raw' as const, hex: randomBytes(32).toString('hex') };

/** min and median µs per operation over ROUNDS rounds of N operations (after one warm-up round). */
function measure(fn: (i: number) => void): { min: number; median: number } {
  for (let i = 0; i < N / 4; i++) fn(i);
  const perOp: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t = process.hrtime.bigint();
    for (let i = 0; i < N; i++) fn(r * N + i);
    perOp.push(Number(process.hrtime.bigint() - t) / 1000 / N);
  }
  perOp.sort((a, b) => a - b);
  return { min: perOp[0]!, median: perOp[Math.floor(perOp.length / 2)]! };
}

function sqliteFile(encrypted: boolean) {
  const db = new Database(join(dir, encrypted ? 'encrypted.sqlite' : 'plain.sqlite'));
  if (encrypted) applyKey(db, key);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`create table cases (id integer primary key, facts text not null, version integer not null);
           create table audit (seq integer primary key, case_id integer not null, body text not null);`);
  const facts = (n: number) => `${n}:`.padEnd(12_000, 'f');
  const seed = db.prepare('insert into cases (id, facts, version) values (?, ?, 1)');
  db.transaction(() => {
    for (let i = 1; i <= ROWS; i++) seed.run(i, facts(i));
  })();
  const update = db.prepare('update cases set facts = ?, version = version + 1 where id = ?');
  const insert = db.prepare('insert into audit (case_id, body) values (?, ?)');
  const write = db.transaction((id: number, n: number) => {
    update.run(facts(n), id);
    insert.run(id, `${n}:`.padEnd(1000, 'a'));
  });
  const select = db.prepare('select facts from cases where id = ?').pluck();
  const writes = measure((i) => write.immediate((i % ROWS) + 1, i));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('cache_size = 16');
  // A stride through the table so that consecutive reads do not share pages.
  const reads = measure((i) => {
    if ((select.get(((i * 7919) % ROWS) + 1) as string).length !== 12_000) throw new Error('short read');
  });
  db.close();
  return { writes, reads };
}

/** Wraps the keyring's calls to add up the time spent in them (µs). */
function timeKeyring(keyring: Keyring): { spent: () => number; reset: () => void } {
  let ns = 0n;
  for (const name of ['seal', 'sealText', 'open'] as const) {
    const original = keyring[name].bind(keyring) as (...args: unknown[]) => unknown;
    (keyring as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
      const t = process.hrtime.bigint();
      try {
        return original(...args);
      } finally {
        ns += process.hrtime.bigint() - t;
      }
    };
  }
  return { spent: () => Number(ns) / 1000, reset: () => void (ns = 0n) };
}

function engine() {
  const repos = createRepositories(openDatabase(join(dir, 'engine.sqlite'), { key }));
  const s = createServices(repos);
  const keyring = keyringOf(repos);
  s.policy.seedJurisdictions(JURISDICTION_SEED);
  const actor = { id: 'u-bench', roles: ['caseworker', 'supervisor'] as Role[] };
  const interview = { participants: [{ role: 'screening_officer' }, { role: 'child_protection' }], appropriateAdultPresent: true, femaleInterviewerOffered: true, language: 'fr', interpreter: false };
  const assessment = { victimIndicators: [], referrals: ['child_protection'], affiliation: { level: 'none', evidenceIds: [] }, ageGenderConsiderations: 'considered', outcome: 'victim' };
  const slots: Array<{ id: string; version: number; submitted: boolean }> = [];
  for (let i = 0; i < 50; i++) {
    const registered = s.cases.register(
      RegisterCase.parse({
        person: { names: [{ given: 'Bench', family: `Person${i}`, script: 'latin' }], sex: 'female', dateOfBirth: { exact: '1994-02-11' }, nationalities: [{ state: 'FR', status: 'claimed' }] },
        location: { kind: 'camp', name: 'Camp', state: 'SY', closed: true },
      }),
      actor,
    );
    let version = registered.version;
    for (const [type, data] of [['START', {}], ['RECORD_INTERVIEW', interview], ['RECORD_ASSESSMENT', assessment]] as const) {
      const out: Outcome = s.commands.apply({ caseId: registered.id, workflow: 'screening', type, data: data as Record<string, unknown>, actor, ifMatch: version });
      if (out.kind !== 'applied') throw new Error(`setup: ${out.kind}`);
      version = out.version;
    }
    slots.push({ id: registered.id, version, submitted: false });
  }
  const timer = timeKeyring(keyring);
  const commands = measure((i) => {
    const slot = slots[i % slots.length]!;
    const out = s.commands.apply({ caseId: slot.id, workflow: 'screening', type: slot.submitted ? 'RETURN' : 'SUBMIT', data: slot.submitted ? { reason: 'bench' } : {}, actor, ifMatch: slot.version });
    if (out.kind !== 'applied') throw new Error(`bench: ${out.kind}`);
    slot.version = out.version;
    slot.submitted = !slot.submitted;
  });
  // measure() runs N / 4 warm-up and ROUNDS × N timed operations.
  const perCall = N / 4 + ROUNDS * N;
  const envelopeCommand = timer.spent() / perCall;
  timer.reset();
  const reads = measure((i) => {
    if (!s.cases.read(slots[i % slots.length]!.id, actor).view.id) throw new Error('no case');
  });
  const envelopeRead = timer.spent() / perCall;
  const caseId = slots[0]!.id;
  let sealed = '';
  // All in one transaction: the seal, not a commit's fsync, is measured.
  const seal = repos.transaction(() => measure(() => {
    sealed = keyring.sealText(caseId, 'a free text naming a person...');
  }));
  const open = measure(() => {
    if (keyring.open(caseId, sealed).length !== 30) throw new Error('open');
  });
  repos.db.$client.close();
  return { commands, reads, envelopeCommand, envelopeRead, seal, open };
}

const fmt = (m: { min: number; median: number }) => `${m.min.toFixed(1)} / ${m.median.toFixed(1)}`;
try {
  process.stdout.write(`machine: ${cpus().length} cores, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}; ${ROUNDS} rounds of ${N}\n`);
  const plain = sqliteFile(false);
  const encrypted = sqliteFile(true);
  const e = engine();
  const pct = (a: number, b: number) => `${(((a - b) / b) * 100).toFixed(0)}%`;
  process.stdout.write(`sqlite write transaction µs (min / median): plaintext ${fmt(plain.writes)}, encrypted ${fmt(encrypted.writes)}; cost ${(encrypted.writes.median - plain.writes.median).toFixed(1)} µs (${pct(encrypted.writes.median, plain.writes.median)})\n`);
  process.stdout.write(`sqlite 12 KB case read µs (min / median): plaintext ${fmt(plain.reads)}, encrypted ${fmt(encrypted.reads)}; cost ${(encrypted.reads.median - plain.reads.median).toFixed(1)} µs (${pct(encrypted.reads.median, plain.reads.median)})\n`);
  process.stdout.write(`engine on its encrypted file µs (min / median): command ${fmt(e.commands)}, case read ${fmt(e.reads)}\n`);
  process.stdout.write(`envelopes (per-person keys) µs, mean inside the engine's operations: ${e.envelopeCommand.toFixed(1)} per command (${((e.envelopeCommand / e.commands.median) * 100).toFixed(1)}%), ${e.envelopeRead.toFixed(1)} per case read (${((e.envelopeRead / e.reads.median) * 100).toFixed(1)}%); one string (min / median): seal ${fmt(e.seal)}, open ${fmt(e.open)}\n`);
  process.stdout.write(`cipher share: ${((encrypted.writes.median - plain.writes.median) / e.commands.median * 100).toFixed(1)}% of a command, ${((encrypted.reads.median - plain.reads.median) / e.reads.median * 100).toFixed(1)}% of a case read\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

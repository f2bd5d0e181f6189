/**
 * `npm run bench`: screening transitions per second through the real server (DURABILITY=full, the
 * default: group commit), against two ceilings this machine allows for one HTTP request doing one
 * SQLite write transaction: with `synchronous=NORMAL` (as before issue 13) and with
 * `synchronous=FULL` and no batching (one fsync per request).
 *
 * - Engine: `src/server.ts` in a child process on a temporary database file. CASES cases are
 *   registered and brought to screening `in_progress` with an interview and an assessment; the
 *   load then alternates SUBMIT (in_progress → submitted) and RETURN (submitted → in_progress) on
 *   each case, a cycle that can repeat forever without the case file growing. Every request
 *   carries the case's current version as If-Match: a case is owned by one in-flight request at a
 *   time and its version is tracked from the responses.
 * - Ceilings: a bare Fastify route in another child process (this file with `--ceiling-server`),
 *   better-sqlite3 on its own temporary file in WAL mode, doing one IMMEDIATE transaction per
 *   request: UPDATE of a 2 KB row + INSERT of a 500-byte row; once with `synchronous=NORMAL`, once
 *   (a third process) with `synchronous=FULL`.
 * - Micro: bench/micro-apply.ts in a child process (µs per command in-process, no HTTP).
 *
 * Both are driven by autocannon from this process with the same connections and duration; only
 * 200 `applied` answers count as transitions. Not a test: never part of `npm test`. The last line
 * is `ratio full/normal-ceiling at 100 connections: 0.NN` (for scripts).
 * Environment: DURATION (seconds per measurement, default 8), CONNECTIONS (default "10,100"),
 * CASES (default 400), CPU_PROF (a folder: the engine server writes a V8 CPU profile there on exit).
 */
import autocannon, { type Request, type RequestContext, type Result } from 'autocannon';
import Database from 'better-sqlite3';
import Fastify from 'fastify';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { spawnSync } from 'node:child_process';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SELF = fileURLToPath(import.meta.url);
const DURATION = Number(process.env['DURATION'] ?? 8);
const CONNECTIONS = (process.env['CONNECTIONS'] ?? '10,100').split(',').map(Number);
const CASES = Number(process.env['CASES'] ?? 400);
const WARMUP = 2;
/** Below this share of 200 applied answers the figures mean nothing: the run fails. */
const MIN_APPLIED_SHARE = 0.95;

// ---------------------------------------------------------------------------------------------
// The ceiling server (child process).

async function ceilingServer(): Promise<void> {
  const path = process.env['DATABASE_PATH'];
  const port = Number(process.env['PORT']);
  if (!path || !port) throw new Error('ceiling server: DATABASE_PATH and PORT are required');
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  const synchronous = process.env['SYNCHRONOUS'] === 'FULL' ? 'FULL' : 'NORMAL';
  db.pragma(`synchronous = ${synchronous}`);
  if (db.pragma('synchronous', { simple: true }) !== (synchronous === 'FULL' ? 2 : 1)) throw new Error(`ceiling server: synchronous=${synchronous} not applied`);
  db.pragma('busy_timeout = 5000');
  db.exec(`create table item (id integer primary key, body text not null, version integer not null, updated_at text not null);
           create table log (seq integer primary key, item_id integer not null, body text not null, at text not null);`);
  const ROWS = 1000;
  const big = (n: number) => `${n}:`.padEnd(2048, 'x');
  const small = (n: number) => `${n}:`.padEnd(500, 'y');
  const seed = db.prepare('insert into item (id, body, version, updated_at) values (?, ?, 1, ?)');
  db.transaction(() => {
    for (let i = 1; i <= ROWS; i += 1) seed.run(i, big(i), new Date().toISOString());
  })();
  const update = db.prepare('update item set body = ?, version = version + 1, updated_at = ? where id = ?');
  const insert = db.prepare('insert into log (item_id, body, at) values (?, ?, ?)');
  const write = db.transaction((id: number, n: number, at: string) => {
    update.run(big(n), at, id);
    insert.run(id, small(n), at);
  });
  let n = 0;
  const app = Fastify({ logger: false });
  app.post('/tx', async () => {
    n += 1;
    const id = (n % ROWS) + 1;
    write.immediate(id, n, new Date().toISOString());
    return { applied: true, id, n };
  });
  app.addHook('onClose', async () => db.close());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void app.close().then(() => process.exit(0)));
  await app.listen({ host: '127.0.0.1', port });
}

// ---------------------------------------------------------------------------------------------
// The driver.

interface CaseSlot {
  id: string;
  version: number;
  state: 'in_progress' | 'submitted';
}

const children = new Set<ChildProcess>();
let dir: string | undefined;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** `node --import tsx FILE` in the project root: one process, so its pid is the one to stop. */
function start(name: string, args: string[], env: Record<string, string>, nodeArgs: string[] = []): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.once('exit', (code, signal) => {
    children.delete(child);
    if (!stopping) {
      process.stderr.write(`\n${name} exited unexpectedly (code ${String(code)}, signal ${String(signal)}):\n${output.slice(-4000)}\n`);
    }
  });
  return { child, output: () => output };
}

let stopping = false;

async function stopAll(): Promise<void> {
  stopping = true;
  await Promise.all(
    [...children].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const force = setTimeout(() => child.kill('SIGKILL'), 3000);
          child.once('exit', () => {
            clearTimeout(force);
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
}

async function waitFor(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited before answering ${url}:\n${output()}`);
    try {
      const res = await fetch(url, { method: url.endsWith('/tx') ? 'POST' : 'GET', ...(url.endsWith('/tx') ? { headers: { 'content-type': 'application/json' }, body: '{}' } : {}) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer within 60 s:\n${output()}`);
}

async function call(base: string, token: string, method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const send = () => fetch(base + path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  // A pooled connection the server closed while idle (the in-process micro run takes longer than
  // its keep-alive timeout) fails once ("other side closed", or a reset on a loaded machine, which
  // lost a whole run's figures on 2026-12-02): a new connection then works.
  const res = await send().catch((e: unknown) => {
    if (/other side closed|ECONNRESET|socket/i.test(String((e as { cause?: unknown }).cause))) return send();
    throw e;
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const person = (i: number) => ({
  person: {
    names: [{ given: 'Amina', family: `Bench${i}`, script: 'latin' }],
    sex: 'female',
    dateOfBirth: { exact: '1994-02-11' },
    nationalities: [{ state: 'FR', status: 'claimed' }],
    documents: [{ type: 'passport', number: `P${String(1_000_000 + i)}`, issuer: 'FR' }],
  },
  location: { kind: 'camp', name: 'Al-Hol', state: 'SY', closed: true },
});
const interview = { participants: [{ role: 'screening_officer' }, { role: 'child_protection' }], appropriateAdultPresent: true, femaleInterviewerOffered: true, language: 'fr', interpreter: false };
const assessment = { victimIndicators: [], referrals: ['child_protection'], affiliation: { level: 'none', evidenceIds: [] }, ageGenderConsiderations: 'considered', outcome: 'victim' };
const SUBMIT = JSON.stringify({ workflow: 'screening', type: 'SUBMIT', data: {} });
const RETURN = JSON.stringify({ workflow: 'screening', type: 'RETURN', data: { reason: 'benchmark: returned for more detail' } });

/** Registers a case and brings its screening to in_progress with an interview and an assessment. */
async function prepareCase(base: string, token: string, i: number): Promise<CaseSlot> {
  const created = await call(base, token, 'POST', '/v1/cases', person(i));
  if (created.status !== 201) throw new Error(`register: ${created.status} ${JSON.stringify(created.body)}`);
  let version = created.body.version as number;
  for (const [type, data] of [['START', {}], ['RECORD_INTERVIEW', interview], ['RECORD_ASSESSMENT', assessment]] as const) {
    const res = await call(base, token, 'POST', `/v1/cases/${created.body.id}/commands`, { workflow: 'screening', type, data }, { 'if-match': String(version) });
    if (res.status !== 200) throw new Error(`${type}: ${res.status} ${JSON.stringify(res.body)}`);
    version = res.body.version as number;
  }
  return { id: created.body.id as string, version, state: 'in_progress' };
}

interface Measurement {
  connections: number;
  perSecond: number;
  p50: number;
  p99: number;
  ok: number;
  other: Record<string, number>;
  errors: number;
  timeouts: number;
}

function summarise(connections: number, result: Result, ok: number, other: Record<string, number>): Measurement {
  return { connections, perSecond: ok / result.duration, p50: result.latency.p50, p99: result.latency.p99, ok, other, errors: result.errors, timeouts: result.timeouts };
}

function check(label: string, m: Measurement): void {
  const bad = Object.values(m.other).reduce((a, b) => a + b, 0) + m.errors + m.timeouts;
  if (bad > 0) process.stdout.write(`  ${label} c=${m.connections}: ${bad} not counted (${JSON.stringify({ ...m.other, errors: m.errors, timeouts: m.timeouts })})\n`);
  if (m.ok === 0 || m.ok / (m.ok + bad) < MIN_APPLIED_SHARE) {
    throw new Error(`${label} at ${m.connections} connections: only ${m.ok} of ${m.ok + bad} requests were applied transitions: the figures are meaningless`);
  }
}

/** Drives SUBMIT/RETURN on the cases; every case is held by at most one request in flight. */
async function driveEngine(base: string, token: string, slots: CaseSlot[], connections: number, duration: number): Promise<Measurement> {
  const idle = [...slots];
  const inFlight = new Set<CaseSlot>();
  let ok = 0;
  const other: Record<string, number> = {};
  const request: Request = {
    method: 'POST',
    setupRequest(req, context) {
      // More cases than connections: an idle case is always there (a lost request's case is resynced after the run).
      const slot = idle.shift() ?? slots[Math.floor(Math.random() * slots.length)]!;
      inFlight.add(slot);
      context['slot'] = slot;
      return {
        ...req,
        path: `/v1/cases/${slot.id}/commands`,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'if-match': String(slot.version) },
        body: slot.state === 'in_progress' ? SUBMIT : RETURN,
      };
    },
    onResponse(status, body, context) {
      const slot = context['slot'] as CaseSlot | undefined;
      if (!slot) return;
      try {
        const answer = JSON.parse(body) as { applied?: boolean; state?: string; version?: number; error?: { code: string; details?: { currentVersion?: number } } };
        if (status === 200 && answer.applied === true && typeof answer.version === 'number') {
          ok += 1;
          slot.version = answer.version;
          slot.state = answer.state === 'submitted' ? 'submitted' : 'in_progress';
        } else {
          const key = `${status} ${answer.error?.code ?? (answer.applied === false ? 'not applied' : '')}`.trim();
          other[key] = (other[key] ?? 0) + 1;
          if (typeof answer.error?.details?.currentVersion === 'number') slot.version = answer.error.details.currentVersion;
        }
      } catch {
        other[`${status} unparsable`] = (other[`${status} unparsable`] ?? 0) + 1;
      }
      inFlight.delete(slot);
      idle.push(slot);
    },
  };
  const result = await autocannon({ url: base, connections, duration, requests: [request], timeout: 30 });
  await resync(base, token, [...inFlight], idle);
  return summarise(connections, result, ok, other);
}

/** Cases whose last request got no answer before the run stopped: read their true version and state. */
async function resync(base: string, token: string, lost: CaseSlot[], idle: CaseSlot[]): Promise<void> {
  for (const slot of lost) {
    const res = await call(base, token, 'GET', `/v1/cases/${slot.id}`);
    if (res.status !== 200) throw new Error(`resync ${slot.id}: ${res.status}`);
    slot.version = res.body.version as number;
    const screening = (res.body.workflows as Array<{ kind: string; state: string }>).find((w) => w.kind === 'screening');
    slot.state = screening?.state === 'submitted' ? 'submitted' : 'in_progress';
    if (!idle.includes(slot)) idle.push(slot);
  }
}

async function driveCeiling(base: string, connections: number, duration: number): Promise<Measurement> {
  let ok = 0;
  const other: Record<string, number> = {};
  const body = SUBMIT;
  const request: Request = {
    method: 'POST',
    path: '/tx',
    headers: { authorization: 'Bearer kp_ceiling', 'content-type': 'application/json', 'if-match': '1' },
    body,
    onResponse(status) {
      if (status === 200) ok += 1;
      else other[String(status)] = (other[String(status)] ?? 0) + 1;
    },
  };
  const result = await autocannon({ url: base, connections, duration, requests: [request], timeout: 30 });
  return summarise(connections, result, ok, other);
}

/** µs per command in-process: bench/micro-apply.ts in a child process, its summary lines joined. */
function microApply(): string {
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', 'micro-apply.ts')], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
  if (run.status !== 0) return `micro-apply failed: ${run.stderr.slice(-500)}`;
  return run.stdout.trim().split('\n').join('; ');
}

async function main(): Promise<void> {
  const startedAt = Date.now();
  dir = mkdtempSync(join(tmpdir(), 'kp-bench-'));
  const [enginePort, ceilingPort, fullPort] = [await freePort(), await freePort(), await freePort()];
  const engine = start('engine server', ['src/server.ts'], { HOST: '127.0.0.1', PORT: String(enginePort), DATABASE_PATH: join(dir, 'engine', 'kp.sqlite'), LOG_LEVEL: 'warn' }, process.env['CPU_PROF'] ? ['--cpu-prof', `--cpu-prof-dir=${process.env['CPU_PROF']}`] : []);
  const ceiling = start('ceiling server', [SELF, '--ceiling-server'], { PORT: String(ceilingPort), DATABASE_PATH: join(dir, 'ceiling.sqlite'), SYNCHRONOUS: 'NORMAL' });
  const full = start('FULL ceiling server', [SELF, '--ceiling-server'], { PORT: String(fullPort), DATABASE_PATH: join(dir, 'ceiling-full.sqlite'), SYNCHRONOUS: 'FULL' });
  const engineBase = `http://127.0.0.1:${enginePort}`;
  const ceilingBase = `http://127.0.0.1:${ceilingPort}`;
  const fullBase = `http://127.0.0.1:${fullPort}`;
  await Promise.all([waitFor(`${engineBase}/health`, engine.child, engine.output), waitFor(`${ceilingBase}/tx`, ceiling.child, ceiling.output), waitFor(`${fullBase}/tx`, full.child, full.output)]);

  // The first start writes the admin's token to a 0600 file beside the database.
  const tokenFile = join(dir, 'engine', 'first-admin-token');
  const adminToken = existsSync(tokenFile) ? readFileSync(tokenFile, 'utf8').trim() : undefined;
  if (!adminToken) throw new Error(`no first-admin-token beside the database (it must be new):\n${engine.output()}`);
  const user = await call(engineBase, adminToken, 'POST', '/v1/users', { name: 'bench caseworker-supervisor', roles: ['caseworker', 'supervisor'] });
  if (user.status !== 201) throw new Error(`create user: ${user.status} ${JSON.stringify(user.body)}`);
  const token = user.body.token as string;

  const maxConnections = Math.max(...CONNECTIONS);
  if (CASES < 2 * maxConnections) throw new Error(`CASES (${CASES}) must be at least twice the connections (${maxConnections})`);
  process.stdout.write(`preparing ${CASES} cases (register, START, RECORD_INTERVIEW, RECORD_ASSESSMENT)…\n`);
  const slots: CaseSlot[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < CASES) {
        const i = next++;
        slots.push(await prepareCase(engineBase, token, i));
      }
    }),
  );

  process.stdout.write(`warming up (${WARMUP} s each)…\n`);
  await driveEngine(engineBase, token, slots, 10, WARMUP);
  await driveCeiling(ceilingBase, 10, WARMUP);
  await driveCeiling(fullBase, 10, WARMUP);

  const rows: Array<{ engine: Measurement; ceiling: Measurement; full: Measurement }> = [];
  for (const connections of CONNECTIONS) {
    process.stdout.write(`measuring ${connections} connections (${DURATION} s engine, ${DURATION} s each ceiling)…\n`);
    const e = await driveEngine(engineBase, token, slots, connections, DURATION);
    check('engine', e);
    const c = await driveCeiling(ceilingBase, connections, DURATION);
    check('ceiling', c);
    const f = await driveCeiling(fullBase, connections, DURATION);
    check('FULL ceiling', f);
    rows.push({ engine: e, ceiling: c, full: f });
  }
  const micro = microApply();

  // The server's own audit chain must still verify after the load (the figures are for correct work).
  const verified = await call(engineBase, adminToken, 'GET', '/v1/audit/verify');

  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  process.stdout.write(`\nScreening transitions (SUBMIT/RETURN over ${CASES} cases, DURABILITY=full, group commit) vs ceilings (bare Fastify + one SQLite transaction per request: synchronous=NORMAL, and synchronous=FULL without batching)\n`);
  process.stdout.write(`${cpus().length} × ${cpu}, Node ${process.version}, ${DURATION} s per measurement\n\n`);
  const header = ['connections', 'transitions/s', 'p50 ms', 'p99 ms', 'NORMAL ceiling req/s', 'p99', 'FULL ceiling req/s', 'p99', 'ratio full/normal-ceiling', 'ratio full/full-ceiling'];
  const table = rows.map(({ engine: e, ceiling: c, full: f }) => [
    String(e.connections), e.perSecond.toFixed(0), String(e.p50), String(e.p99), c.perSecond.toFixed(0), String(c.p99), f.perSecond.toFixed(0), String(f.p99),
    (e.perSecond / c.perSecond).toFixed(2), (e.perSecond / f.perSecond).toFixed(2),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padStart(widths[i]!)).join(' | ')} |\n`;
  process.stdout.write(line(header));
  process.stdout.write(`|${widths.map((w) => '-'.repeat(w + 1) + ':').join('|')}|\n`);
  for (const r of table) process.stdout.write(line(r));
  process.stdout.write(`\ntarget: ratio full/normal-ceiling ≥ 0.60 and p99 < 30 ms at 100 connections; transitions counted: ${rows.map((r) => r.engine.ok).join(' + ')}; audit chain after the run: ${verified.status === 200 ? JSON.stringify(verified.body) : `HTTP ${verified.status}`}\n`);
  process.stdout.write(`in-process (bench/micro-apply.ts, synchronous=FULL): ${micro}\n`);
  process.stdout.write(`load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(' ')}; total ${((Date.now() - startedAt) / 1000).toFixed(0)} s\n`);
  const at100 = rows.find((r) => r.engine.connections === 100);
  process.stdout.write(`ratio full/normal-ceiling at 100 connections: ${at100 ? (at100.engine.perSecond / at100.ceiling.perSecond).toFixed(2) : 'n/a'}\n`);
}

if (process.argv.includes('--ceiling-server')) {
  await ceilingServer();
} else {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void stopAll().then(() => process.exit(130)));
  }
  try {
    await main();
  } catch (error) {
    process.stderr.write(`\nbench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  } finally {
    await stopAll();
  }
}

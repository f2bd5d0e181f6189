/**
 * `npm run bench:scale`: every documented list, filter, search, audit and tasks query on
 * databases of 10k and 100k cases (and 1M with SCALE_MAX=1000000), their median latency, the
 * ratio between the sizes (flat: ≤ 2), bytes per case, start-up time and the server's RSS.
 *
 * - Templates: TEMPLATES cases made through the engine (registered, screened to various states,
 *   some refused attempts, facts patched, evidence added, a return planned), on a private database.
 * - Each size: a fresh encrypted database file (key file beside it, as `npm start` makes) with the
 *   templates replicated to N cases: new ids, references and case numbers, every derived row
 *   (instances, terms, names, tasks) copied, and every audit record re-chained (new seq, caseId,
 *   prevHash and hash), so the chain verifies. The Merkle tree is left to catch up on the next
 *   append (as for rows copied in by a tool).
 * - Measurement: a child process opens the file with buildApp (start-up = until ready), then runs
 *   each query RUNS times through app.inject (server time without the network) and reports the
 *   median, and its RSS at the end. The ceiling is GET /health through the same path.
 *
 * Not a test: never part of `npm test`. Environment: SCALE_SIZES (default "10000,100000"),
 * SCALE_MAX (adds that size), TEMPLATES (default 200), RUNS (default 15), KEEP (keep the files).
 */
import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRepositories, openDatabase, type Db } from '../db/index.ts';
import { buildApp } from '../src/app.ts';
import { canonical, chainHashOf, GENESIS } from '../src/audit/chain.ts';
import { createUser } from '../src/auth/tokens.ts';
import { newDataKey, openString, sealString, unwrapKey, wrapKey } from '../src/crypto/envelope.ts';
import { resolveDatabaseKey, writeKeyFile } from '../src/databaseKey.ts';
import { defaultMasterKeyFile } from '../src/masterKey.ts';
import { RegisterCase } from '../src/engine/cases.ts';
import { createServices } from '../src/services.ts';
import { JURISDICTION_SEED } from '../workflows/jurisdictionSeed.ts';

const SELF = fileURLToPath(import.meta.url);
const SIZES = [...(process.env['SCALE_SIZES'] ?? '10000,100000').split(',').map(Number), ...(process.env['SCALE_MAX'] ? [Number(process.env['SCALE_MAX'])] : [])];
const TEMPLATES = Number(process.env['TEMPLATES'] ?? 200);
const RUNS = Number(process.env['RUNS'] ?? 15);
const NOW = '2026-06-01T09:00:00.000Z';
/** The build's page cache (MiB): the random-keyed primary keys (case ids) stay in memory longer. */
const BUILD_CACHE_MB = Number(process.env['BUILD_CACHE_MB'] ?? 1024);

// ---------------------------------------------------------------------------------------------
// Templates through the engine.

const GIVEN = ['Mohammed', 'Muhammad', 'Fatima', 'Fatimah', 'Aisha', 'Yusuf', 'Amina', 'Khadija', 'Maryam', 'Omar', 'Zainab', 'Ibrahim', 'محمد', 'فاطمة', 'Leila', 'Sara', 'Hamza', 'Noor', 'Emma', 'Lea'];
const FAMILY = ['Haddad', 'Al-Amin', 'Khalil', 'Mansour', 'Rahman', 'Dubois', 'Martin', 'Schmidt', 'حداد', 'Hussein', 'Saleh', 'Nasser'];
const NATIONALITIES = ['FR', 'IQ', 'DE', 'GB', 'NL', 'BE', 'TR', 'TN', 'SE', 'RU', 'MA', 'SY'];
const LOCATIONS = [
  { kind: 'camp', name: 'Al-Hol', state: 'SY', closed: true },
  { kind: 'camp', name: 'Roj', state: 'SY', closed: true },
  { kind: 'detention', name: 'Hasakah', state: 'SY' },
  { kind: 'hospital', name: 'Qamishli', state: 'SY' },
  { kind: 'returned', name: 'Paris', state: 'FR' },
];
const interview = { participants: [{ role: 'screening_officer' }, { role: 'child_protection' }], appropriateAdultPresent: true, femaleInterviewerOffered: true, language: 'ar', interpreter: false };
const assessment = { victimIndicators: [], referrals: ['child_protection'], affiliation: { level: 'none', evidenceIds: [] }, ageGenderConsiderations: 'considered', outcome: 'victim' };

function makeTemplates(masterKey: Buffer): Db {
  const repos = createRepositories(openDatabase(':memory:'));
  const services = createServices(repos, { clock: { now: () => NOW }, masterKey });
  services.policy.seedJurisdictions(JURISDICTION_SEED);
  const cw = { id: 'u-caseworker', roles: ['caseworker' as const] };
  const sup = { id: 'u-supervisor', roles: ['supervisor' as const] };
  const send = (id: string, actor: typeof cw | typeof sup, workflow: string, type: string, data?: Record<string, unknown>) => {
    const version = repos.cases.get(id)!.version;
    return services.commands.apply({ caseId: id, actor, ifMatch: version, workflow, type, ...(data ? { data } : {}) });
  };
  for (let i = 0; i < TEMPLATES; i++) {
    const child = i % 3 === 0;
    const dob = child ? { exact: `${2010 + (i % 12)}-0${1 + (i % 9)}-1${i % 10}` } : i % 7 === 0 ? { earliest: '2004-01-01', latest: '2009-01-01', method: 'interview', confidence: 'low' } : { exact: `${1975 + (i % 25)}-0${1 + (i % 9)}-2${i % 8}` };
    const body = RegisterCase.parse({
      person: {
        names: [{ given: GIVEN[i % GIVEN.length], family: FAMILY[i % FAMILY.length], script: /[\u0600-\u06ff]/.test(GIVEN[i % GIVEN.length]!) ? 'arabic' : 'latin' }],
        sex: i % 4 === 1 ? 'male' : 'female',
        dateOfBirth: dob,
        nationalities: [{ state: NATIONALITIES[i % NATIONALITIES.length], status: i % 2 ? 'claimed' : 'verified' }],
        documents: i % 5 === 0 ? [{ type: 'passport', number: `P${100000 + i}`, issuer: NATIONALITIES[i % NATIONALITIES.length] }] : [],
      },
      location: LOCATIONS[i % LOCATIONS.length],
    });
    const c = services.cases.register(body, cw);
    const stage = i % 6;
    if (stage >= 1) send(c.id, cw, 'screening', 'START');
    if (stage >= 2) send(c.id, cw, 'screening', 'RECORD_INTERVIEW', interview);
    if (stage >= 3) send(c.id, cw, 'screening', 'RECORD_ASSESSMENT', assessment);
    if (stage >= 4) send(c.id, cw, 'screening', 'SUBMIT');
    if (stage >= 4) send(c.id, sup, 'screening', 'APPROVE');
    if (stage >= 5) send(c.id, cw, 'repatriation', 'PLAN', { destination: NATIONALITIES[i % NATIONALITIES.length], withFamily: [] });
    // A refused attempt (out of order) and an update of the facts, as a caseworker's day has.
    send(c.id, sup, 'case', 'CLOSE', { reason: 'duplicate registration' });
    if (i % 2 === 0) services.cases.patch(c.id, { location: LOCATIONS[(i + 1) % LOCATIONS.length] as never }, repos.cases.get(c.id)!.version, cw);
    if (i % 4 === 0) services.cases.addEvidence(c.id, { type: 'document', description: 'registration card', concerns: 'general', tortureAllegation: 'none', at: '2026-05-01' } as never, cw);
  }
  return repos.db;
}

// ---------------------------------------------------------------------------------------------
// Replication.

type Row = Record<string, unknown>;

/** Where a build's time goes (seconds): the JS work per case (sealing, chaining) and SQLite's. */
interface BuildTimes { seconds: number; records: number; seal: number; chain: number; insert: number; indexes: number }

const ENVELOPE = /enc:v1:[A-Za-z0-9_-]+/g;
// Sentinels in a template record's canonical text, replaced per copy (with its envelopes): the
// canonical JSON is computed once per template record instead of once per copy.
const SEQ_SENTINEL = 9007199254740991;
const CASE_SENTINEL = '@@case@@';
const PREV_SENTINEL = '@@prev@@';
const CANONICAL_SLOTS = new RegExp(`${ENVELOPE.source}|"seq":${SEQ_SENTINEL}|${CASE_SENTINEL}|${PREV_SENTINEL}`, 'g');

/** One template case, read once: its rows, its envelopes' plaintexts and its audit records' canonical texts. */
interface TemplateCase {
  row: Row;
  instances: Row[];
  evidence: Row[];
  terms: Row[];
  tasks: Row[];
  name: Row | undefined;
  /** Each envelope of the case (under its data key and id) with its plaintext, to seal again per copy. */
  plaintexts: Map<string, string>;
  audit: Array<{ row: Row; canonical: string; rules: string[] }>;
}

function readTemplates(template: Db, masterKey: Buffer): TemplateCase[] {
  const src = template.$client;
  const byCase = (table: string, order: string) => {
    const out = new Map<string, Row[]>();
    for (const r of src.prepare(`select * from ${table} order by ${order}`).all() as Row[]) {
      const list = out.get(r['case_id'] as string) ?? [];
      list.push(r);
      out.set(r['case_id'] as string, list);
    }
    return out;
  };
  const instances = byCase('workflow_instances', 'case_id');
  const evidence = byCase('evidence', 'rowid');
  const terms = byCase('case_terms', 'case_id');
  const tasks = byCase('tasks', 'case_id, n');
  const audit = byCase('audit', 'seq');
  const keys = new Map((src.prepare('select case_id, wrapped_key from person_keys').all() as Row[]).map((r) => [r['case_id'] as string, r['wrapped_key'] as string]));
  const names = new Map((src.prepare('select rowid, raw, keys from case_names').all() as Row[]).map((r) => [r['rowid'] as number, r]));
  return (src.prepare('select * from cases order by seq').all() as Row[]).map((row) => {
    const id = row['id'] as string;
    const dataKey = unwrapKey(masterKey, id, keys.get(id)!)!;
    const plaintexts = new Map<string, string>();
    const rows = [row, ...(instances.get(id) ?? []), ...(evidence.get(id) ?? []), ...(tasks.get(id) ?? []), ...(audit.get(id) ?? [])];
    for (const r of rows) {
      for (const v of Object.values(r)) {
        if (typeof v !== 'string') continue;
        for (const m of v.match(ENVELOPE) ?? []) if (!plaintexts.has(m)) plaintexts.set(m, openString(dataKey, id, m)!);
      }
    }
    return {
      row, instances: instances.get(id) ?? [], evidence: evidence.get(id) ?? [], terms: terms.get(id) ?? [], tasks: tasks.get(id) ?? [], name: names.get(row['seq'] as number), plaintexts,
      audit: (audit.get(id) ?? []).map((r) => ({
        row: r,
        canonical: canonical(auditRecord(r, SEQ_SENTINEL, CASE_SENTINEL, PREV_SENTINEL, (t) => t)),
        rules: [...new Set((JSON.parse(r['verdicts'] as string) as Array<{ rule: string }>).map((x) => x.rule))],
      })),
    };
  });
}

/** The record the chain hashes (src/audit/chain.ts) for a stored row copied to `caseId` at `seq`. */
function auditRecord(r: Row, seq: number, caseId: string, prevHash: string, reseal: (text: string) => string) {
  return {
    seq, at: r['at'] as string, caseId, workflow: r['workflow'] as string, instance: r['instance'] as string, actor: JSON.parse(r['actor'] as string),
    type: r['type'] as string, data: JSON.parse(reseal(r['data'] as string)), justification: r['justification'] === null ? null : reseal(r['justification'] as string),
    fromState: r['from_state'] as string | null, toState: r['to_state'] as string | null, result: r['result'] as string, verdicts: JSON.parse(r['verdicts'] as string), prevHash,
  };
}

/**
 * Builds a file of `n` cases from the templates. Every copy is a person of its own: a new data key
 * wrapped for its id, and every personal string sealed again under it (the envelopes bind the
 * case id). Build-only settings (the file is thrown away if the build fails): no rollback journal,
 * no syncs, no foreign-key checks, a large page cache, and the secondary indexes dropped during the
 * inserts and created again at the end (one sort each instead of a random B-tree insert per row).
 */
function replicate(templates: readonly TemplateCase[], masterKey: Buffer, path: string, n: number): BuildTimes {
  const started = performance.now();
  const times = { seal: 0, chain: 0, insert: 0, indexes: 0 };
  const key = resolveDatabaseKey({ DATABASE_PATH: path }).key;
  writeKeyFile(defaultMasterKeyFile(path), masterKey.toString('hex'));
  const target = openDatabase(path, { key });
  const dst = target.$client;
  for (const p of ['journal_mode = OFF', 'synchronous = OFF', 'foreign_keys = OFF', 'secure_delete = OFF', `cache_size = -${BUILD_CACHE_MB * 1024}`, 'temp_store = MEMORY']) dst.pragma(p);
  const built = ['cases', 'workflow_instances', 'evidence', 'case_terms', 'tasks', 'audit', 'audit_rules', 'person_keys'];
  const indexes = dst.prepare(`select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${built.map(() => '?').join(', ')})`).all(...built) as Array<{ name: string; sql: string }>;
  for (const ix of indexes) dst.exec(`drop index "${ix.name}"`);
  const insert = (table: string, cols: string[]) => dst.prepare(`insert into ${table} (${cols.join(', ')}) values (${cols.map(() => '?').join(', ')})`);
  const caseCols = ['id', 'reference', 'facts', 'version', 'created_at', 'created_by', 'updated_at', 'seq', 'adult_from', 'index_version'];
  const wiCols = ['case_id', 'kind', 'instance', 'machine_version', 'state', 'outcome', 'snapshot', 'updated_at'];
  const evCols = ['id', 'case_id', 'item', 'recorded_at', 'recorded_by'];
  const termCols = ['field', 'term', 'case_id'];
  const taskCols = ['case_id', 'n', 'kind', 'role', 'workflow', 'instance', 'due', 'due_sort', 'rule', 'summary', 'priority', 'held_since', 'visible_from', 'visible_until', 'listed'];
  const auditCols = ['seq', 'at', 'case_id', 'workflow', 'instance', 'actor', 'type', 'data', 'justification', 'from_state', 'to_state', 'result', 'verdicts', 'prev_hash', 'hash'];
  const ins = { cases: insert('cases', caseCols), wi: insert('workflow_instances', wiCols), ev: insert('evidence', evCols), term: insert('case_terms', termCols), task: insert('tasks', taskCols), audit: insert('audit', auditCols) };
  const insName = dst.prepare('insert into case_names (rowid, raw, keys) values (?, ?, ?)');
  const insRule = dst.prepare('insert or ignore into audit_rules (rule, seq) values (?, ?)');
  const insKey = dst.prepare('insert into person_keys (case_id, wrapped_key, created_at) values (?, ?, ?)');
  const last = dst.prepare('select seq, hash from audit order by seq desc limit 1').get() as { seq: number; hash: string } | undefined;
  let seq = last?.seq ?? 0;
  let prev = last?.hash ?? GENESIS;
  let checked = 0;
  const BATCH = 10_000;
  for (let from = 0; from < n; from += BATCH) {
    dst.transaction(() => {
      for (let i = from; i < Math.min(n, from + BATCH); i++) {
        const t = templates[i % templates.length]!;
        const id = randomUUID();
        const caseSeq = i + 1;
        let tick = performance.now();
        const dataKey = newDataKey();
        const sealed = new Map<string, string>();
        // One envelope per distinct string of the copy (the engine seals each occurrence apart: the same bytes either way).
        const byText = new Map<string, string>();
        for (const [envelope, plain] of t.plaintexts) {
          let e = byText.get(plain);
          if (e === undefined) byText.set(plain, (e = sealString(dataKey, id, plain)));
          sealed.set(envelope, e);
        }
        const reseal = (text: unknown) => (typeof text === 'string' && text.includes('enc:v1:') ? text.replace(ENVELOPE, (m) => sealed.get(m)!) : text);
        const wrapped = wrapKey(masterKey, id, dataKey);
        let now = performance.now();
        times.seal += now - tick;
        tick = now;
        insKey.run(id, wrapped, NOW);
        ins.cases.run(...caseCols.map((c) => (c === 'id' ? id : c === 'seq' ? caseSeq : c === 'reference' ? `KP-2026-${String(caseSeq).padStart(6, '0')}` : reseal(t.row[c]))));
        for (const r of t.instances) ins.wi.run(...wiCols.map((c) => (c === 'case_id' ? id : reseal(r[c]))));
        for (const r of t.evidence) ins.ev.run(...evCols.map((c) => (c === 'case_id' ? id : reseal(r[c]))));
        for (const r of t.terms) ins.term.run(...termCols.map((c) => (c === 'case_id' ? id : r[c])));
        for (const r of t.tasks) ins.task.run(...taskCols.map((c) => (c === 'case_id' ? id : reseal(r[c]))));
        if (t.name) insName.run(caseSeq, t.name['raw'], t.name['keys']);
        now = performance.now();
        times.insert += now - tick;
        for (const a of t.audit) {
          tick = performance.now();
          seq += 1;
          const text = a.canonical.replace(CANONICAL_SLOTS, (m) => (m === CASE_SENTINEL ? id : m === PREV_SENTINEL ? prev : m.startsWith('"seq"') ? `"seq":${seq}` : sealed.get(m)!));
          // The shortcut is checked against the full canonicalisation on the first records of a build.
          if (checked < 200) {
            checked++;
            if (text !== canonical(auditRecord(a.row, seq, id, prev, (x) => reseal(x) as string))) throw new Error(`canonical text of a copied record differs (seq ${seq})`);
          }
          const hash = chainHashOf(prev, text);
          now = performance.now();
          times.chain += now - tick;
          tick = now;
          const r = a.row;
          ins.audit.run(seq, r['at'], id, r['workflow'], r['instance'], r['actor'], r['type'], reseal(r['data']), reseal(r['justification']), r['from_state'], r['to_state'], r['result'], r['verdicts'], prev, hash);
          for (const rule of a.rules) insRule.run(rule, seq);
          prev = hash;
          times.insert += performance.now() - tick;
        }
      }
    })();
  }
  dst.prepare("update counters set value = ? where name = 'case_reference'").run(n);
  const tick = performance.now();
  for (const ix of indexes) dst.exec(ix.sql);
  times.indexes = performance.now() - tick;
  dst.pragma('journal_mode = WAL');
  target.$client.close();
  const s = (ms: number) => ms / 1000;
  return { seconds: s(performance.now() - started), records: seq, seal: s(times.seal), chain: s(times.chain), insert: s(times.insert), indexes: s(times.indexes) };
}

// ---------------------------------------------------------------------------------------------
// Measurement (child process).

interface Measured {
  startupMs: number;
  rssMb: number;
  /** The full chain walk (GET /v1/audit/verify's check from genesis), after the queries. */
  verifyMs: number;
  queries: Array<{ name: string; ms: number; items: number }>;
}

async function measure(path: string): Promise<Measured> {
  const started = performance.now();
  const app = await buildApp({ databasePath: path, databaseKey: resolveDatabaseKey({ DATABASE_PATH: path }).key, logLevel: 'silent', clock: { now: () => NOW } });
  await app.ready();
  const startupMs = performance.now() - started;
  const repos = app.services.repos;
  const reviewer = createUser(repos, 'bench-reviewer', ['reviewer'], NOW, { ttlDays: 3650 }).token;
  const caseworker = createUser(repos, 'bench-caseworker', ['caseworker'], NOW, { ttlDays: 3650 }).token;
  const db = repos.db.$client;
  const some = db.prepare('select id, reference from cases where seq = ?').get(Math.max(1, Math.floor((db.prepare('select max(seq) as m from cases').get() as { m: number }).m / 2))) as { id: string; reference: string };
  const busiest = (db.prepare('select case_id from audit where case_id is not null order by seq desc limit 1').get() as { case_id: string }).case_id;
  const get = async (url: string, token: string) => {
    const r = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body.slice(0, 200)}`);
    return r.json() as { items?: unknown[]; nextCursor?: string | null };
  };
  const queries: Array<[string, string, string]> = [
    ['ceiling: GET /health', '/health', reviewer],
    ['cases: first page', '/v1/cases', reviewer],
    ['cases: workflow=screening&state=in_progress', '/v1/cases?workflow=screening&state=in_progress', reviewer],
    ['cases: workflow=repatriation&state=approved', '/v1/cases?workflow=repatriation&state=approved', reviewer],
    ['cases: state=barrier (none)', '/v1/cases?state=barrier', reviewer],
    ['cases: workflow=screening&outcome=victim', '/v1/cases?workflow=screening&outcome=victim', reviewer],
    ['cases: nationality=FR', '/v1/cases?nationality=FR', reviewer],
    ['cases: nationality=ZZ (none)', '/v1/cases?nationality=ZZ', reviewer],
    ['cases: location=camp', '/v1/cases?location=camp', reviewer],
    ['cases: location=Roj', '/v1/cases?location=Roj', reviewer],
    ['cases: child=true', '/v1/cases?child=true', reviewer],
    ['cases: child=false', '/v1/cases?child=false', reviewer],
    ['cases: FR + child + repatriation/planned', '/v1/cases?nationality=FR&child=true&workflow=repatriation&state=planned', reviewer],
    ['cases: FR + child + camp + screening/pending', '/v1/cases?nationality=FR&child=true&location=camp&workflow=screening&state=pending', reviewer],
    ['cases: IQ + adult + returned (none)', '/v1/cases?nationality=IQ&child=false&location=returned&state=barrier', reviewer],
    ['cases: q=reference', `/v1/cases?q=${some.reference}`, reviewer],
    ['cases: q=id', `/v1/cases?q=${some.id}`, reviewer],
    ['cases: q=Mohamed (common name)', '/v1/cases?q=Mohamed', caseworker],
    ['cases: q=فاطمة Haddad', `/v1/cases?q=${encodeURIComponent('فاطمة Haddad')}`, caseworker],
    ['cases: q=Zzyzx (no match)', '/v1/cases?q=Zzyzx', caseworker],
    ['audit: first page', '/v1/audit', reviewer],
    ['audit: actor=u-supervisor', '/v1/audit?actor=u-supervisor', reviewer],
    ['audit: actor=nobody (none)', '/v1/audit?actor=nobody', reviewer],
    ['audit: rule=KP-SCR-01', '/v1/audit?rule=KP-SCR-01', reviewer],
    ['audit: result=refused', '/v1/audit?result=refused', reviewer],
    ['audit: from/to (one day, none)', '/v1/audit?from=2026-05-01&to=2026-05-01', reviewer],
    ['audit: actor+result+range', '/v1/audit?actor=u-caseworker&result=refused&from=2026-01-01&to=2026-12-31', reviewer],
    ['audit: caseId', `/v1/audit?caseId=${some.id}`, reviewer],
    ['tasks: all', '/v1/tasks?limit=50', reviewer],
    ['tasks: role=supervisor', '/v1/tasks?role=supervisor&limit=50', reviewer],
    ['tasks: role=bid_panel', '/v1/tasks?role=bid_panel&limit=50', reviewer],
    ['case: GET /v1/cases/:id', `/v1/cases/${some.id}`, caseworker],
    ['case: history', `/v1/cases/${busiest}/history`, reviewer],
  ];
  const out: Measured['queries'] = [];
  for (const [name, url, token] of queries) {
    const times: number[] = [];
    let items = 0;
    for (let i = 0; i < RUNS + 2; i++) {
      const t0 = performance.now();
      const body = await get(url, token);
      const ms = performance.now() - t0;
      if (i >= 2) times.push(ms);
      items = Array.isArray(body.items) ? body.items.length : 1;
    }
    times.sort((a, b) => a - b);
    out.push({ name, ms: times[Math.floor(times.length / 2)]!, items });
  }
  // Second pages: the cursor of a filtered list.
  for (const [name, url] of [['cases: child=true page 2', '/v1/cases?child=true'], ['cases: nationality=FR page 2', '/v1/cases?nationality=FR'], ['cases: q=Mohamed page 2', '/v1/cases?q=Mohamed']] as const) {
    const first = await get(url, caseworker);
    const next = `${url}&cursor=${encodeURIComponent(first.nextCursor ?? '')}`;
    if (!first.nextCursor) continue;
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await get(next, caseworker);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    out.push({ name, ms: times[Math.floor(times.length / 2)]!, items: 50 });
  }
  const rssMb = process.memoryUsage().rss / 1024 / 1024;
  // The file is a valid database: a copied person's data opens under its own key, and the whole chain verifies.
  const one = JSON.stringify(await get(`/v1/cases/${some.id}`, caseworker));
  if (one.includes('enc:v1:') || one.includes('[erased]') || !/"given":"[^"]+"/.test(one)) throw new Error(`a copied case does not open: ${one.slice(0, 300)}`);
  const verifyStarted = performance.now();
  const verified = app.services.queries.verify();
  if (!verified.ok) throw new Error(`the audit chain of the built file does not verify: ${JSON.stringify(verified).slice(0, 300)}`);
  const verifyMs = performance.now() - verifyStarted;
  await app.close();
  return { startupMs, rssMb, verifyMs, queries: out };
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  if (process.argv[2] === '--measure') {
    process.stdout.write(`${JSON.stringify(await measure(process.argv[3]!))}\n`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'kp-scale-'));
  console.log(`templates: ${TEMPLATES} engine-made cases; sizes ${SIZES.join(', ')}; ${RUNS} runs per query (median)`);
  const masterKey = randomBytes(32);
  const template = makeTemplates(masterKey);
  const perCase = (template.$client.prepare('select count(*) as n from audit where case_id is not null').get() as { n: number }).n / TEMPLATES;
  const templates = readTemplates(template, masterKey);
  const envelopes = templates.reduce((n, t) => n + t.plaintexts.size, 0) / TEMPLATES;
  const distinct = templates.reduce((n, t) => n + new Set(t.plaintexts.values()).size, 0) / TEMPLATES;
  console.log(`audit records per template case: ${perCase.toFixed(1)}; sealed strings per case: ${envelopes.toFixed(0)} (${distinct.toFixed(0)} distinct)`);
  const results: Array<{ n: number; bytesPerCase: number; build: BuildTimes; m: Measured }> = [];
  try {
    for (const n of SIZES) {
      const path = join(dir, `scale-${n}.sqlite`);
      const build = replicate(templates, masterKey, path, n);
      const bytes = statSync(path).size;
      const child = spawnSync(process.execPath, ['--import', 'tsx', SELF, '--measure', path], { encoding: 'utf8', maxBuffer: 1 << 24 });
      if (child.status !== 0) throw new Error(`measure ${n}: ${child.stderr}`);
      const m = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as Measured;
      results.push({ n, bytesPerCase: bytes / n, build, m });
      console.log(`${n} cases: built in ${build.seconds.toFixed(1)} s (${(n / build.seconds).toFixed(0)} cases/s; sealing ${build.seal.toFixed(1)} s, chaining ${build.chain.toFixed(1)} s, inserts ${build.insert.toFixed(1)} s, indexes ${build.indexes.toFixed(1)} s; ${build.records} audit records), ${(bytes / 1e6).toFixed(0)} MB, ${(bytes / n / 1024).toFixed(1)} KB/case, start-up ${m.startupMs.toFixed(0)} ms, chain verified in ${(m.verifyMs / 1000).toFixed(1)} s, RSS ${m.rssMb.toFixed(0)} MB`);
      if (!process.env['KEEP']) rmSync(path, { force: true });
    }
  } finally {
    if (!process.env['KEEP']) rmSync(dir, { recursive: true, force: true });
  }
  const first = results[0]!;
  const lastR = results.at(-1)!;
  console.log('');
  console.log(`| query | ${results.map((r) => `${r.n.toLocaleString('en')} ms`).join(' | ')} | ratio ${first.n.toLocaleString('en')}→${lastR.n.toLocaleString('en')} |`);
  console.log(`|---|${results.map(() => '---:').join('|')}|---:|`);
  for (let i = 0; i < first.m.queries.length; i++) {
    const name = first.m.queries[i]!.name;
    const row = results.map((r) => r.m.queries.find((q) => q.name === name)?.ms);
    const ratio = row.at(-1)! / row[0]!;
    console.log(`| ${name} | ${row.map((v) => (v === undefined ? '–' : v.toFixed(1))).join(' | ')} | ${ratio.toFixed(2)} |`);
  }
  console.log(`| bytes per case | ${results.map((r) => Math.round(r.bytesPerCase).toLocaleString('en')).join(' | ')} | |`);
  console.log(`| start-up ms | ${results.map((r) => r.m.startupMs.toFixed(0)).join(' | ')} | |`);
  console.log(`| RSS MB | ${results.map((r) => r.m.rssMb.toFixed(0)).join(' | ')} | |`);
}

await main();

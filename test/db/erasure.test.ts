import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, createRepositories, DatabaseOpenError, openDatabase } from '../../db/index.ts';
import { applyKey } from '../../db/key.ts';
import { buildApp } from '../../src/app.ts';
import { run } from '../../src/cli.ts';
import { RegisterCase } from '../../src/engine/cases.ts';
import { keyringOf } from '../../src/engine/personalData.ts';
import { loadCase } from '../../src/engine/views.ts';
import { createServices, type Services } from '../../src/services.ts';
import type { Actor } from '../../workflows/roles.ts';
import { goodInterview } from '../support/app.ts';
import { keyBeside } from '../support/keys.ts';

/**
 * Issue 11.2, the bytes test: a person's name, document number and a free-text reason naming them
 * are nowhere in plaintext, not even to someone holding the database key (every column of every
 * table, the FTS shadow tables included), nor in the raw bytes of the file, its WAL or a backup;
 * after case.ERASE the views show [erased], the chain and the Merkle tree verify, the envelopes no
 * longer open, and the bytes are still absent.
 */
const NAME = 'Xathrunelle';
const FAMILY = 'Obrivantosk';
const DOCUMENT = 'KQ5512098';
const SECRETS = [NAME, FAMILY, DOCUMENT, NAME.toLowerCase(), FAMILY.toLowerCase(), DOCUMENT.toLowerCase()];
const caseworker: Actor = { id: 'u-cw', roles: ['caseworker'] };
const supervisor: Actor = { id: 'u-sv', roles: ['supervisor'] };
const dpo: Actor = { id: 'u-dpo', roles: ['data_protection_officer'] };
const person = {
  person: { names: [{ given: NAME, family: FAMILY, script: 'latin' }], sex: 'female', dateOfBirth: { exact: '1991-07-09' }, placeOfBirth: 'Raqqa', nationalities: [{ state: 'FR', status: 'claimed' }], documents: [{ type: 'passport', number: DOCUMENT, issuer: 'FR' }] },
  location: { kind: 'camp', name: 'Roj', state: 'SY', closed: true },
};

let dir: string;
let file: string;
const savedEnv = { ...process.env };
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kp-erase-'));
  file = join(dir, 'kp.sqlite');
  process.env['DATABASE_PATH'] = file;
  for (const k of ['DATABASE_KEY', 'DATABASE_KEY_FILE', 'MASTER_KEY', 'MASTER_KEY_FILE']) delete process.env[k];
});
afterEach(() => {
  process.env = { ...savedEnv };
  rmSync(dir, { recursive: true, force: true });
});

const cli = async (...argv: string[]) => {
  const lines: string[] = [];
  return { code: await run(argv, (l) => lines.push(l)), text: lines.join('\n') };
};

/** Every value of every column of every table (FTS shadow tables too), opened with the database key. */
function dumpWithDatabaseKey(path: string): string {
  const client = new Database(path, { readonly: true, fileMustExist: true });
  try {
    applyKey(client, keyBeside(file));
    const tables = client.prepare("select name from sqlite_master where type = 'table'").pluck().all() as string[];
    expect(tables).toEqual(expect.arrayContaining(['case_names', 'case_names_data', 'case_names_content', 'person_keys', 'audit', 'idempotency_keys']));
    return tables
      .map((t) => (client.prepare(`select * from "${t}"`).raw().all() as unknown[][]).map((row) => row.map((v) => (Buffer.isBuffer(v) ? v.toString('latin1') : String(v))).join('\u0001')).join('\n'))
      .join('\n');
  } finally {
    client.close();
  }
}

const rawContains = (path: string): string[] => {
  const bytes = readFileSync(path);
  return SECRETS.filter((s) => bytes.includes(s) || bytes.includes(Buffer.from(s, 'utf16le')));
};
const found = (text: string): string[] => SECRETS.filter((s) => text.includes(s));

function populate(services: Services): string {
  const c = services.cases.register(RegisterCase.parse(person), caseworker);
  const version = () => services.cases.get(c.id, caseworker).version;
  services.cases.patch(c.id, { person: { placeOfBirth: `near ${NAME}'s village` } }, version(), caseworker);
  services.cases.addEvidence(c.id, { kind: 'statement', summary: `${NAME} ${FAMILY} describes the journey; passport ${DOCUMENT}`, concerns: 'general', tortureAllegation: 'none', source: `interview of ${NAME}`, at: '2026-05-01' }, caseworker);
  const apply = (actor: Actor, workflow: string, type: string, data: Record<string, unknown>, extra: { justification?: string; idempotencyKey?: string } = {}) =>
    services.commands.apply({ caseId: c.id, workflow, type, data, actor, ifMatch: version(), ...extra });
  expect(apply(caseworker, 'screening', 'START', {}, { idempotencyKey: 'k-1' })).toMatchObject({ kind: 'applied' });
  expect(apply(caseworker, 'screening', 'RECORD_INTERVIEW', goodInterview, { justification: `${NAME} asked for a female interviewer` })).toMatchObject({ kind: 'applied' });
  expect(apply(supervisor, 'case', 'CLOSE', { reason: `${NAME} ${FAMILY} (passport ${DOCUMENT}) was resettled` }, { idempotencyKey: 'k-2' })).toMatchObject({ kind: 'applied' });
  return c.id;
}

function erase(services: Services, caseId: string): void {
  const version = () => services.cases.get(caseId, supervisor).version;
  const proposed = services.commands.apply({ caseId, workflow: 'case', type: 'ERASE', data: { reason: `${NAME} asked to be forgotten`, legalBasis: 'data subject request' }, actor: supervisor, ifMatch: version() });
  expect(proposed).toMatchObject({ kind: 'pending', pending: { requiredRole: 'data_protection_officer' } });
  const pendingId = (proposed as { pending: { id: string } }).pending.id;
  expect(services.commands.apply({ caseId, workflow: 'case', type: 'CONFIRM_PENDING', data: { pendingId }, actor: dpo, ifMatch: version() })).toMatchObject({ kind: 'applied', state: 'erased' });
}

const search = (services: Services, q: string) => services.queries.listCases({ q, limit: 10 }, supervisor).items.map((i) => i.id);

describe('per-person keys: the bytes test', () => {
  it('no plaintext even with the database key; erasure leaves [erased] views, a verifying log and no bytes', async () => {
    const repos = createRepositories(openDatabase(file, { key: keyBeside(file) }));
    const services = createServices(repos);
    const id = populate(services);
    expect(search(services, NAME)).toEqual([id]);
    expect(search(services, FAMILY.slice(0, 4))).toEqual([id]);
    expect(services.queries.listCases({ location: 'Roj', limit: 10 }).items.map((i) => i.id)).toEqual([id]);
    // The engine reads the person as written.
    expect(loadCase(repos, id)!.facts.person.names[0]!.given).toBe(NAME);
    expect(services.queries.history(id, supervisor).at(-1)).toMatchObject({ type: 'CLOSE', data: { reason: `${NAME} ${FAMILY} (passport ${DOCUMENT}) was resettled` } });

    repos.db.$client.pragma('wal_checkpoint(TRUNCATE)');
    expect((await cli('backup', '--out', join(dir, 'before.sqlite'))).code).toBe(0);
    // (a) With the database key: every column of every table holds envelopes or blind terms.
    const dump = dumpWithDatabaseKey(file);
    // The dump does read the rows (the case id, the FTS rows, the envelopes), and finds none of the person's words.
    expect(dump).toContain(id);
    expect(dump).toContain('enc:v1:');
    expect(found(dump)).toEqual([]);
    expect(found(dumpWithDatabaseKey(join(dir, 'before.sqlite')))).toEqual([]);
    // (b) The raw bytes.
    expect(rawContains(file)).toEqual([]);
    expect(rawContains(join(dir, 'before.sqlite'))).toEqual([]);

    const storedRecord = repos.audit.list({ caseId: id }).find((r) => r.type === 'CLOSE')!;
    const envelope = (storedRecord.data as { reason: string }).reason;
    expect(envelope).toMatch(/^enc:v1:/);
    expect(keyringOf(repos).open(id, envelope)).toContain(NAME);

    erase(services, id);
    // After the commit the WAL was checkpointed and truncated.
    expect(statSync(`${file}-wal`).size).toBe(0);
    const c = loadCase(repos, id)!;
    expect(c.facts.person.names).toEqual([{ given: '[erased]', family: '[erased]', script: '[erased]' }]);
    expect(c.facts.person.documents[0]!.number).toBe('[erased]');
    expect(c.evidence[0]!.summary).toBe('[erased]');
    expect(services.queries.history(id, supervisor).find((r) => r.type === 'CLOSE')).toMatchObject({ data: { reason: '[erased]' }, actor: { id: supervisor.id }, result: 'applied' });
    // The stored record did not change: the chain and the Merkle tree verify; its envelope no longer opens.
    expect(repos.audit.list({ caseId: id }).find((r) => r.seq === storedRecord.seq)).toEqual(storedRecord);
    expect(keyringOf(repos).open(id, envelope)).toBe('[erased]');
    expect(repos.personKeys.get(id)).toMatchObject({ wrappedKey: null, erasedAt: expect.any(String) });
    expect(services.queries.verify()).toMatchObject({ ok: true });
    expect(services.verifier.fullSync()).toMatchObject({ ok: true });
    expect(search(services, NAME)).toEqual([]);
    expect(services.queries.listCases({ location: 'Roj', limit: 10 }).items).toEqual([]);
    repos.transaction(() => repos.tasks.listOn('2026-06-01'));
    expect(repos.tasks.list({ today: '2026-06-01', limit: 50 }).filter((t) => t.caseId === id)).toEqual([]);

    closeDatabase(repos.db);
    expect((await cli('backup', '--out', join(dir, 'after.sqlite'))).code).toBe(0);
    expect((await cli('audit', 'verify')).code).toBe(0);
    for (const path of [file, join(dir, 'after.sqlite')]) {
      expect(found(dumpWithDatabaseKey(path))).toEqual([]);
      expect(rawContains(path)).toEqual([]);
    }
    if (existsSync(`${file}-wal`)) expect(rawContains(`${file}-wal`)).toEqual([]);
  });
});

describe('the master key', () => {
  it('is generated beside a new database with mode 0600 and said once; a wrong one is refused at start', async () => {
    const said: string[] = [];
    const app = await buildApp({ databasePath: file, onMasterKeyCreated: (f) => said.push(f), logLevel: 'silent' });
    const masterFile = `${file}.master.key`;
    expect(said).toEqual([masterFile]);
    expect(statSync(masterFile).mode & 0o777).toBe(0o600);
    app.services.cases.register(RegisterCase.parse(person), caseworker);
    await app.close();
    const again = await buildApp({ databasePath: file, onMasterKeyCreated: (f) => said.push(f), logLevel: 'silent' });
    await again.close();
    expect(said).toHaveLength(1);

    // Another master key: refused before anything is served, naming the database.
    const wrong = 'ab'.repeat(32);
    await expect(buildApp({ databasePath: file, masterKey: { MASTER_KEY: wrong }, logLevel: 'silent' })).rejects.toThrow(DatabaseOpenError);
    await expect(buildApp({ databasePath: file, masterKey: { MASTER_KEY: wrong }, logLevel: 'silent' })).rejects.toThrow(/master key does not match/);
    process.env['MASTER_KEY'] = wrong;
    const refused = await cli('users', 'list');
    expect(refused.code).toBe(1);
    expect(refused.text).toMatch(/master key does not match/);
    delete process.env['MASTER_KEY'];
    // The key file missing beside a database that holds people's keys: refused, not replaced.
    rmSync(masterFile);
    await expect(buildApp({ databasePath: file, logLevel: 'silent' })).rejects.toThrow(/MASTER_KEY/);
    expect(existsSync(masterFile)).toBe(false);
  });

  it('rejects a master key that is not 64 hex digits', async () => {
    await expect(buildApp({ databasePath: file, masterKey: { MASTER_KEY: 'short' }, logLevel: 'silent' })).rejects.toThrow(/64 hex digits/);
  });
});

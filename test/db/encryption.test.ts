import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRepositories, DatabaseOpenError, openDatabase, type Repositories } from '../../db/index.ts';
import { attachKeyring } from '../../src/engine/personalData.ts';
import { loadCase } from '../../src/engine/views.ts';
import { parseDatabaseKey } from '../../db/key.ts';
import { run } from '../../src/cli.ts';
import { RegisterCase } from '../../src/engine/cases.ts';
import { createServices } from '../../src/services.ts';
import type { Actor } from '../../workflows/roles.ts';
import { goodInterview } from '../support/app.ts';
import { keyBeside, masterKeyBeside, testDatabaseKey } from '../support/keys.ts';

/** Issue 11.1 and 11.6: the encrypted database file, its key, encrypted backups, rekey, start-up refusals. */
const NAME = 'Zenobiaqxw';
const DOCUMENT = 'QX9876543';
const caseworker: Actor = { id: 'u-cw', roles: ['caseworker'] };
const person = {
  person: { names: [{ given: NAME, family: 'Testfamily', script: 'latin' }], sex: 'female', dateOfBirth: { exact: '1990-03-04' }, nationalities: [{ state: 'FR', status: 'claimed' }], documents: [{ type: 'passport', number: DOCUMENT, issuer: 'FR' }] },
  location: { kind: 'camp', name: 'Al-Hol', state: 'SY', closed: true },
};

let dir: string;
let file: string;
const savedEnv = { ...process.env };
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kp-enc-'));
  file = join(dir, 'kp.sqlite');
  process.env['DATABASE_PATH'] = file;
  delete process.env['DATABASE_KEY'];
  delete process.env['DATABASE_KEY_FILE'];
});
afterEach(() => {
  process.env = { ...savedEnv };
  rmSync(dir, { recursive: true, force: true });
});

async function cli(...argv: string[]) {
  const lines: string[] = [];
  const code = await run(argv, (l) => lines.push(l));
  return { code, text: lines.join('\n') };
}

/** A person registered and a command sent, the connection left open (its WAL not checkpointed). */
function populate(key = keyBeside(file)) {
  const repos = createRepositories(openDatabase(file, { key }));
  const services = createServices(repos);
  const c = services.cases.register(RegisterCase.parse(person), caseworker);
  for (const [type, data] of [['START', {}], ['RECORD_INTERVIEW', goodInterview]] as const) {
    services.commands.apply({ caseId: c.id, workflow: 'screening', type, data, actor: caseworker, ifMatch: services.cases.get(c.id, caseworker).version });
  }
  return { repos, services, caseId: c.id };
}

/** The case's facts as the engine reads them: opened with the master key beside the database the test populated. */
function openedFacts(repos: Repositories, caseId: string) {
  attachKeyring(repos, masterKeyBeside(file), new Date().toISOString());
  return loadCase(repos, caseId)?.facts;
}

const containsSecret = (path: string) => {
  const bytes = readFileSync(path);
  return bytes.includes(NAME) || bytes.includes(DOCUMENT) || bytes.includes(Buffer.from(NAME, 'utf16le'));
};

describe('the database file is encrypted', () => {
  it('no name or document number in the database file, its WAL or a backup; the backup opens with the key', async () => {
    const { repos, caseId } = populate();
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(0);
    expect(containsSecret(`${file}-wal`)).toBe(false);
    repos.db.$client.pragma('wal_checkpoint(TRUNCATE)');
    expect(containsSecret(file)).toBe(false);
    const backup = join(dir, 'backup.sqlite');
    const answer = await cli('backup', '--out', backup);
    expect(answer).toMatchObject({ code: 0 });
    expect(containsSecret(backup)).toBe(false);
    repos.db.$client.close();
    // Without a key, the file is not even recognisable as SQLite.
    expect(readFileSync(backup).subarray(0, 15).toString()).not.toBe('SQLite format 3');
    const restored = createRepositories(openDatabase(backup, { key: keyBeside(file) }));
    expect(openedFacts(restored, caseId)).toMatchObject({ person: { names: [{ given: NAME }] } });
    restored.db.$client.close();
  });

  it('a fresh start generates a key file with mode 0600 beside the database; later opens reuse it', () => {
    const key = keyBeside(file);
    const keyFile = `${file}.key`;
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(keyFile, 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
    openDatabase(file, { key }).$client.close();
    expect(keyBeside(file)).toEqual(key);
  });

  it('a wrong key is refused with a message naming the file and the key settings; nothing is migrated into it', () => {
    populate().repos.db.$client.close();
    const before = readFileSync(file);
    let error: unknown;
    try {
      openDatabase(file, { key: testDatabaseKey() });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DatabaseOpenError);
    expect((error as Error).message).toContain(file);
    expect((error as Error).message).toMatch(/DATABASE_KEY/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('a missing key file is refused (DATABASE_KEY_FILE names a file that does not exist, or the default one is gone)', async () => {
    populate().repos.db.$client.close();
    process.env['DATABASE_KEY_FILE'] = join(dir, 'nope.key');
    const named = await cli('users', 'list');
    expect(named.code).toBe(1);
    expect(named.text).toContain('nope.key');
    delete process.env['DATABASE_KEY_FILE'];
    rmSync(`${file}.key`);
    const gone = await cli('users', 'list');
    expect(gone.code).toBe(1);
    expect(gone.text).toContain(`${file}.key`);
    // No new key was generated over an existing database.
    expect(existsSync(`${file}.key`)).toBe(false);
  });

  it('DATABASE_KEY as a passphrase opens the file; the server refuses to start with a wrong one and never listens', async () => {
    process.env['DATABASE_KEY'] = 'correct horse battery staple';
    expect((await cli('users', 'add', '--name', 'A', '--role', 'admin', '--json')).code).toBe(0);
    expect(existsSync(`${file}.key`)).toBe(false);
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      env: { ...process.env, DATABASE_KEY: 'wrong horse', PORT: '0', LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Were it to start listening, it is stopped rather than left running.
    setTimeout(() => child.kill(), 15_000).unref();
    let output = '';
    child.stdout.on('data', (b: Buffer) => (output += b.toString()));
    child.stderr.on('data', (b: Buffer) => (output += b.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(output).toContain(`cannot open ${file}`);
    expect(output).not.toMatch(/listening|Admin token/);
  });

  it('backup under a named key file: opens with that key only; rekey re-encrypts the database under a new key', async () => {
    const { repos, caseId } = populate();
    repos.db.$client.close();
    const backup = join(dir, 'b.sqlite');
    const backupKey = join(dir, 'backup.key');
    expect((await cli('backup', '--out', backup, '--key-file', backupKey)).code).toBe(0);
    expect(statSync(backupKey).mode & 0o777).toBe(0o600);
    expect(() => openDatabase(backup, { key: keyBeside(file) })).toThrow(DatabaseOpenError);
    const copy = openDatabase(backup, { key: parseDatabaseKey(readFileSync(backupKey, 'utf8')) });
    expect(createRepositories(copy).cases.get(caseId)).toBeDefined();
    copy.$client.close();

    const oldKey = keyBeside(file);
    const rekey = await cli('rekey');
    expect(rekey.code).toBe(0);
    const newKey = keyBeside(file);
    expect(newKey).not.toEqual(oldKey);
    expect(() => openDatabase(file, { key: oldKey })).toThrow(DatabaseOpenError);
    const reopened = createRepositories(openDatabase(file, { key: newKey }));
    expect(openedFacts(reopened, caseId)).toMatchObject({ person: { names: [{ given: NAME }] } });
    reopened.db.$client.close();
    expect((await cli('audit', 'verify')).code).toBe(0);
  });
});

describe('start-up integrity', () => {
  it('a foreign SQLite file is refused, not adopted (no tables or admin added to it)', () => {
    const key = testDatabaseKey();
    const foreign = new Database(file);
    foreign.pragma(`cipher = 'sqlcipher'`);
    foreign.pragma('legacy = 4');
    foreign.pragma(`key = "x'${key.kind === 'raw' ? key.hex : ''}'"`);
    foreign.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)');
    foreign.close();
    expect(() => openDatabase(file, { key })).toThrow(/is not a database of this application/);
    const check = new Database(file);
    check.pragma(`cipher = 'sqlcipher'`);
    check.pragma('legacy = 4');
    check.pragma(`key = "x'${key.kind === 'raw' ? key.hex : ''}'"`);
    expect(check.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all()).toEqual(['invoices']);
    check.close();
  });

  it('an unencrypted database is refused with the way to convert it', () => {
    const plain = new Database(file);
    plain.exec('CREATE TABLE t (x)');
    plain.close();
    expect(() => openDatabase(file, { key: testDatabaseKey() })).toThrow(/unencrypted database: convert it once with `npm run cli -- encrypt`/);
  });

  it('a schema newer than the code is refused (no downgrade); the same schema opens', () => {
    const key = keyBeside(file);
    const db = openDatabase(file, { key });
    db.$client.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('f'.repeat(64), Date.now() + 86_400_000);
    db.$client.close();
    expect(() => openDatabase(file, { key })).toThrow(/schema newer than this code/);
  });

  it('cli check prints integrity_check and the full chain verification', async () => {
    populate().repos.db.$client.close();
    const answer = await cli('check');
    expect(answer.code).toBe(0);
    expect(answer.text).toContain(`integrity_check ${file}: ok`);
    expect(answer.text).toMatch(/audit verify: \{"ok":true,"records":\d+\}/);
  });
});

describe('cli encrypt', () => {
  it('converts an unencrypted database: the file no longer shows the name, its records and chain are intact, the original is kept aside', async () => {
    const memory = createRepositories(openDatabase(':memory:'));
    const c = createServices(memory).cases.register(RegisterCase.parse(person), caseworker);
    // A database from before per-person keys: the facts in clear, no person keys, no master key check.
    memory.db.$client.prepare('update cases set facts = ? where id = ?').run(JSON.stringify(RegisterCase.parse(person)), c.id);
    memory.db.$client.exec('delete from person_keys; delete from master_key_check');
    writeFileSync(file, memory.db.$client.serialize());
    memory.db.$client.close();
    expect(containsSecret(file)).toBe(true);
    expect((await cli('users', 'list')).text).toMatch(/unencrypted database/);

    const answer = await cli('encrypt');
    expect(answer.code).toBe(0);
    expect(answer.text).toMatch(/kept as .*plaintext-.*destroy that file/);
    expect(containsSecret(file)).toBe(false);
    const repos = createRepositories(openDatabase(file, { key: keyBeside(file) }));
    expect(openedFacts(repos, c.id)).toMatchObject({ person: { names: [{ given: NAME }] } });
    repos.db.$client.close();
    expect((await cli('audit', 'verify')).code).toBe(0);
    expect((await cli('encrypt')).text).toContain('already encrypted');
  });
});

import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyKey, type DatabaseKey } from './key.ts';
import * as schema from './schema.ts';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/**
 * `full` (the default): a commit returns once it is on disk (`synchronous=FULL`: the WAL is synced
 * at every commit), so an acknowledged command survives a power loss. `normal`: commits are synced
 * at checkpoints only; a power loss or OS crash can lose the last commits (never corrupts).
 */
export type Durability = 'full' | 'normal';

const SYNCHRONOUS: Record<Durability, { pragma: string; value: number }> = { full: { pragma: 'FULL', value: 2 }, normal: { pragma: 'NORMAL', value: 1 } };

const MIGRATIONS = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

/** `PRAGMA application_id` of this application's databases ("KP01"): a foreign SQLite file has another (or none). */
export const APPLICATION_ID = 0x4b503031;

/** The database cannot be used as it is: the message names the file and what to do. Nothing was served. */
export class DatabaseOpenError extends Error {
  constructor(readonly file: string, message: string) {
    super(message);
    this.name = 'DatabaseOpenError';
  }
}

export interface OpenOptions {
  /** Required for a file: the database file is always encrypted (db/key.ts). */
  key?: DatabaseKey;
  /** `quick` (default) runs PRAGMA quick_check before serving; `none` skips it (restore checks in full itself). */
  check?: 'quick' | 'none';
  /** `full` by default. */
  durability?: Durability;
}

/**
 * Opens the SQLite database with the pragmas the engine relies on and applies every migration,
 * refusing (DatabaseOpenError) a file the key does not open, a database that is not this
 * application's, one whose schema is newer than this code, and one that fails quick_check.
 * `:memory:` gives a private, unencrypted database (tests, dry runs).
 */
export function openDatabase(path: string, options: OpenOptions = {}): Db {
  if (path === ':memory:') {
    const db = configure(new Database(path), options.durability ?? 'full');
    migrate(db, { migrationsFolder: MIGRATIONS });
    stampApplication(db.$client);
    return db;
  }
  if (!options.key) throw new DatabaseOpenError(path, `opening ${path} needs its database key (DATABASE_KEY or DATABASE_KEY_FILE); tests use testDatabaseKey()`);
  mkdirSync(dirname(path), { recursive: true });
  const existed = existsSync(path) && statSync(path).size > 0;
  const client = new Database(path);
  try {
    applyKey(client, options.key);
    assertDecrypts(client, path, existed);
    assertOurs(client, path);
    const db = configure(client, options.durability ?? 'full');
    migrate(db, { migrationsFolder: MIGRATIONS });
    stampApplication(client);
    if ((options.check ?? 'quick') === 'quick') {
      const problems = quickCheck(client);
      if (problems.length) throw new DatabaseOpenError(path, `${path} is damaged (PRAGMA quick_check: ${problems.slice(0, 3).join('; ')}). Stop here: run \`npm run cli -- check\` for the full report and restore the last good backup with \`npm run cli -- restore --from BACKUP\`.`);
    }
    return db;
  } catch (e) {
    client.close();
    throw e;
  }
}

/**
 * A private in-memory copy of an open database (schema, triggers and rows), with the same
 * pragmas: what many short-lived test databases are cloned from instead of each being migrated.
 */
export function copyDatabase(source: Db): Db {
  return configure(new Database(source.$client.serialize()), 'full');
}

/** Closes after a full checkpoint: the WAL is folded into the database file and removed. */
export function closeDatabase(db: Db): void {
  if (!db.$client.open) return;
  db.$client.pragma('wal_checkpoint(TRUNCATE)');
  db.$client.close();
}

/** The durability the connection really has (read back from SQLite). */
export function durabilityOf(db: Db): Durability {
  return db.$client.pragma('synchronous', { simple: true }) === SYNCHRONOUS.full.value ? 'full' : 'normal';
}

/** `PRAGMA quick_check` findings; empty when the file is sound. */
export function quickCheck(client: Database.Database): string[] {
  return findings(client.pragma('quick_check') as Record<string, string>[]);
}

/** `PRAGMA integrity_check` findings (every page, index and constraint); empty when the file is sound. */
export function integrityCheck(client: Database.Database): string[] {
  return findings(client.pragma('integrity_check') as Record<string, string>[]);
}

function findings(rows: Record<string, string>[]): string[] {
  const lines = rows.map((r) => String(Object.values(r)[0]));
  return lines.length === 1 && lines[0] === 'ok' ? [] : lines;
}

function assertDecrypts(client: Database.Database, path: string, existed: boolean): void {
  try {
    client.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (e) {
    if (!existed || (e as { code?: string }).code !== 'SQLITE_NOTADB') throw e;
    throw new DatabaseOpenError(path, isPlainSqlite(path)
      ? `${path} is an unencrypted database: convert it once with \`npm run cli -- encrypt\` (it writes an encrypted copy under the configured key), then start again.`
      : `cannot open ${path}: the database key does not decrypt it (or it is not a database). Set DATABASE_KEY or DATABASE_KEY_FILE to the key this database was created with; the generated key file is ${path}.key.`);
  }
}

/** Whether `path` is an unencrypted SQLite database (readable without a key). */
export function isPlainSqlite(path: string): boolean {
  const plain = new Database(path, { readonly: true, fileMustExist: true });
  try {
    plain.prepare('SELECT count(*) FROM sqlite_master').get();
    return true;
  } catch {
    return false;
  } finally {
    plain.close();
  }
}

/**
 * A foreign SQLite file would otherwise be adopted silently (migrated, a new admin created), and a
 * newer schema migrated by nothing (drizzle only applies what is newer than the last applied).
 */
function assertOurs(client: Database.Database, path: string): void {
  const appId = client.pragma('application_id', { simple: true }) as number;
  const tables = (client.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
  const known = readMigrationFiles({ migrationsFolder: MIGRATIONS });
  const applied = tables.includes('__drizzle_migrations')
    ? (client.prepare('SELECT hash, created_at AS at FROM __drizzle_migrations ORDER BY created_at').all() as { hash: string; at: number }[])
    : [];
  const ours = appId === APPLICATION_ID || (appId === 0 && (tables.length === 0 || applied[0]?.hash === known[0]?.hash));
  if (!ours) {
    throw new DatabaseOpenError(path, `${path} is not a database of this application (application_id ${appId}, tables: ${tables.slice(0, 5).join(', ') || 'none'}). Point DATABASE_PATH at this application's database, or at a new file to start empty.`);
  }
  const knownHashes = new Set(known.map((m) => m.hash));
  const newest = Math.max(0, ...known.map((m) => m.folderMillis));
  const unknown = applied.filter((m) => !knownHashes.has(m.hash) && Number(m.at) > newest);
  if (unknown.length) {
    throw new DatabaseOpenError(path, `${path} has a schema newer than this code (${unknown.length} migration(s) this version does not know). Downgrading is not supported: run the newer version of the application, or restore a backup made by this version.`);
  }
}

function stampApplication(client: Database.Database): void {
  if (client.pragma('application_id', { simple: true }) !== APPLICATION_ID) client.pragma(`application_id = ${APPLICATION_ID}`);
}

function configure(client: Database.Database, durability: Durability): Db {
  client.pragma('journal_mode = WAL');
  // Set explicitly after WAL: the default differs per connection (STACK-NOTES.md).
  client.pragma(`synchronous = ${SYNCHRONOUS[durability].pragma}`);
  client.pragma('foreign_keys = ON');
  client.pragma('busy_timeout = 5000');
  // Deleted content is overwritten, not left in free pages (erasure must leave no bytes behind).
  client.pragma('secure_delete = ON');
  const synchronous = client.pragma('synchronous', { simple: true });
  const foreignKeys = client.pragma('foreign_keys', { simple: true });
  if (synchronous !== SYNCHRONOUS[durability].value || foreignKeys !== 1) throw new Error(`SQLite pragmas not applied (synchronous=${String(synchronous)}, foreign_keys=${String(foreignKeys)})`);
  return drizzle(client, { schema }) as Db;
}

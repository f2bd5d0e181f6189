import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from './schema.ts';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

const MIGRATIONS = join(dirname(fileURLToPath(import.meta.url)), 'migrations');

/**
 * Opens the SQLite database with the pragmas the engine relies on and applies every migration.
 * `:memory:` gives a private database (tests, dry runs).
 */
export function openDatabase(path: string): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = configure(new Database(path));
  migrate(db, { migrationsFolder: MIGRATIONS });
  return db;
}

/**
 * A private in-memory copy of an open database (schema, triggers and rows), with the same
 * pragmas: what many short-lived test databases are cloned from instead of each being migrated.
 */
export function copyDatabase(source: Db): Db {
  return configure(new Database(source.$client.serialize()));
}

function configure(client: Database.Database): Db {
  client.pragma('journal_mode = WAL');
  // Set explicitly after WAL: the default differs per connection (STACK-NOTES.md).
  client.pragma('synchronous = NORMAL');
  client.pragma('foreign_keys = ON');
  client.pragma('busy_timeout = 5000');
  const synchronous = client.pragma('synchronous', { simple: true });
  const foreignKeys = client.pragma('foreign_keys', { simple: true });
  if (synchronous !== 1 || foreignKeys !== 1) throw new Error(`SQLite pragmas not applied (synchronous=${String(synchronous)}, foreign_keys=${String(foreignKeys)})`);
  return drizzle(client, { schema }) as Db;
}


import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseDatabaseKey, type DatabaseKey } from '../db/key.ts';
import { DatabaseOpenError } from '../db/connection.ts';

export interface KeySettings {
  DATABASE_PATH: string;
  DATABASE_KEY?: string | undefined;
  DATABASE_KEY_FILE?: string | undefined;
}

export interface ResolvedKey {
  key: DatabaseKey;
  /** Where it came from (for messages): `DATABASE_KEY` or the key file's path. */
  source: string;
  /** The key file, when the key lives in one (rekey writes the new key there). */
  file?: string;
  /** Set when this call generated the key file (say so once). */
  created?: string;
}

/** The key file used when neither DATABASE_KEY nor DATABASE_KEY_FILE is set: beside the database. */
export function defaultKeyFile(databasePath: string): string {
  return `${databasePath}.key`;
}

/** A new random raw key (64 hex digits). */
export function generateKeyText(): string {
  return randomBytes(32).toString('hex');
}

/** Writes a key file readable by its owner only; refuses to overwrite one. */
export function writeKeyFile(file: string, text: string, overwrite = false): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${text}\n`, { mode: 0o600, flag: overwrite ? 'w' : 'wx' });
}

export function readKeyFile(file: string): DatabaseKey {
  if (!existsSync(file)) throw new DatabaseOpenError(file, `the database key file ${file} does not exist: set DATABASE_KEY_FILE to the file holding this database's key (or DATABASE_KEY to the key itself).`);
  return parseDatabaseKey(readFileSync(file, 'utf8'));
}

/**
 * DATABASE_KEY, else the file named by DATABASE_KEY_FILE, else `<database>.key`. With neither set
 * and no database yet (a fresh machine), a random key is generated into `<database>.key` (mode
 * 0600). An existing database without any key is refused: a new key would not open it.
 */
export function resolveDatabaseKey(settings: KeySettings): ResolvedKey {
  if (settings.DATABASE_KEY) return { key: parseDatabaseKey(settings.DATABASE_KEY), source: 'DATABASE_KEY' };
  if (settings.DATABASE_KEY_FILE) return { key: readKeyFile(settings.DATABASE_KEY_FILE), source: settings.DATABASE_KEY_FILE, file: settings.DATABASE_KEY_FILE };
  const file = defaultKeyFile(settings.DATABASE_PATH);
  if (existsSync(file)) return { key: readKeyFile(file), source: file, file };
  if (settings.DATABASE_PATH !== ':memory:' && existsSync(settings.DATABASE_PATH) && statSync(settings.DATABASE_PATH).size > 0) {
    throw new DatabaseOpenError(settings.DATABASE_PATH, `${settings.DATABASE_PATH} exists but no key is configured and ${file} is missing: set DATABASE_KEY or DATABASE_KEY_FILE to its key (an unencrypted database from an older version: run \`npm run cli -- encrypt\` with a key configured).`);
  }
  const text = generateKeyText();
  writeKeyFile(file, text);
  return { key: parseDatabaseKey(text), source: file, file, created: file };
}

import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { DatabaseOpenError } from '../db/connection.ts';
import { writeKeyFile } from './databaseKey.ts';

/**
 * The master key (docs/erasure.md): it wraps every person's data key and keys the blind name
 * index. 64 hex digits from MASTER_KEY, else the file named by MASTER_KEY_FILE, else
 * `<database>.master.key`, generated (mode 0600) on a fresh machine like the database key.
 */
export interface MasterKeySettings {
  DATABASE_PATH: string;
  MASTER_KEY?: string | undefined;
  MASTER_KEY_FILE?: string | undefined;
}

export interface ResolvedMasterKey {
  key: Buffer;
  source: string;
  /** Set when this call generated the key file (say so once). */
  created?: string;
}

const HEX = /^[0-9a-fA-F]{64}$/;

export function defaultMasterKeyFile(databasePath: string): string {
  return `${databasePath}.master.key`;
}

export function parseMasterKey(text: string, source: string): Buffer {
  const value = text.trim();
  if (!HEX.test(value)) throw new DatabaseOpenError(source, `the master key in ${source} must be 64 hex digits (32 random bytes), e.g. from \`openssl rand -hex 32\``);
  return Buffer.from(value, 'hex');
}

function readMasterKeyFile(file: string): Buffer {
  if (!existsSync(file)) throw new DatabaseOpenError(file, `the master key file ${file} does not exist: set MASTER_KEY_FILE to the file holding this database's master key (or MASTER_KEY to the key itself).`);
  return parseMasterKey(readFileSync(file, 'utf8'), file);
}

/**
 * MASTER_KEY, else MASTER_KEY_FILE, else `<database>.master.key`. A database that already holds
 * people's keys without its master key file is not given a new one (the start-up check refuses a
 * wrong key anyway, but a clear message is better): only a database with no person keys may get
 * a freshly generated master key, which is the case on a fresh machine and for a database from
 * before per-person keys.
 */
export function resolveMasterKey(settings: MasterKeySettings, hasPersonKeys: () => boolean = () => false): ResolvedMasterKey {
  if (settings.MASTER_KEY) return { key: parseMasterKey(settings.MASTER_KEY, 'MASTER_KEY'), source: 'MASTER_KEY' };
  if (settings.MASTER_KEY_FILE) return { key: readMasterKeyFile(settings.MASTER_KEY_FILE), source: settings.MASTER_KEY_FILE };
  const file = defaultMasterKeyFile(settings.DATABASE_PATH);
  if (existsSync(file)) return { key: readMasterKeyFile(file), source: file };
  if (settings.DATABASE_PATH !== ':memory:' && existsSync(settings.DATABASE_PATH) && statSync(settings.DATABASE_PATH).size > 0 && hasPersonKeys()) {
    throw new DatabaseOpenError(settings.DATABASE_PATH, `${settings.DATABASE_PATH} holds personal data sealed under a master key, but no MASTER_KEY or MASTER_KEY_FILE is set and ${file} is missing: set one of them to this database's master key.`);
  }
  const text = randomBytes(32).toString('hex');
  writeKeyFile(file, text);
  return { key: Buffer.from(text, 'hex'), source: file, created: file };
}

import type Database from 'better-sqlite3';

/**
 * The key of the whole database file (SQLCipher 4 format, via better-sqlite3-multiple-ciphers).
 * A raw key (64 hex digits, what a generated key file holds) opens the file without a key
 * derivation; a passphrase goes through SQLCipher's PBKDF2 (about half a second per open).
 */
export type DatabaseKey = { kind: 'raw'; hex: string } | { kind: 'passphrase'; value: string };

const RAW = /^[0-9a-fA-F]{64}$/;

/** A key as written in DATABASE_KEY or a key file: 64 hex digits are a raw key, anything else a passphrase. */
export function parseDatabaseKey(text: string): DatabaseKey {
  const value = text.trim();
  if (value.length === 0) throw new Error('the database key is empty');
  return RAW.test(value) ? { kind: 'raw', hex: value.toLowerCase() } : { kind: 'passphrase', value };
}

/** The key in the form `PRAGMA key` / `PRAGMA rekey` take. */
function keyLiteral(key: DatabaseKey): string {
  return key.kind === 'raw' ? `"x'${key.hex}'"` : `'${key.value.replaceAll("'", "''")}'`;
}

/** Must run before anything else on a new connection: SQLCipher-compatible cipher, then the key. */
export function applyKey(client: Database.Database, key: DatabaseKey): void {
  client.pragma(`cipher = 'sqlcipher'`);
  client.pragma('legacy = 4');
  client.pragma(`key = ${keyLiteral(key)}`);
}

/**
 * Re-encrypts every page under a new key. SQLite3 Multiple Ciphers cannot rekey in WAL mode, so
 * the journal goes to DELETE (checkpointing the WAL) for the rekey and back to WAL after.
 */
export function rekeyDatabase(client: Database.Database, key: DatabaseKey): void {
  client.pragma('journal_mode = DELETE');
  client.pragma(`cipher = 'sqlcipher'`);
  client.pragma('legacy = 4');
  client.pragma(`rekey = ${keyLiteral(key)}`);
  client.pragma('journal_mode = WAL');
}

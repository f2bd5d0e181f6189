import { randomBytes } from 'node:crypto';
import type { DatabaseKey } from '../../db/key.ts';
import { resolveDatabaseKey } from '../../src/databaseKey.ts';
import { resolveMasterKey } from '../../src/masterKey.ts';

/**
 * Database keys for tests. Raw keys (64 hex digits) open an encrypted file without SQLCipher's
 * key derivation, so encrypted test databases cost about what plaintext ones did.
 */
export function testDatabaseKey(): DatabaseKey {
  return { kind: 'raw', hex: randomBytes(32).toString('hex') };
}

/** The key that `npm start` and the CLI use for `path` with no key configured: `<path>.key`, generated when new. */
export function keyBeside(path: string): DatabaseKey {
  return resolveDatabaseKey({ DATABASE_PATH: path }).key;
}

/** The master key `npm start` and the CLI use for `path` with none configured: `<path>.master.key`, generated when new. */
export function masterKeyBeside(path: string): Buffer {
  return resolveMasterKey({ DATABASE_PATH: path }).key;
}

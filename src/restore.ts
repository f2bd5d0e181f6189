import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { createRepositories, DatabaseOpenError, integrityCheck, isPlainSqlite, openDatabase } from '../db/index.ts';
import { rekeyDatabase } from '../db/key.ts';
import { checkpoint, encryptCopy, removeDatabaseFiles, replaceDatabaseFile } from '../db/maintenance.ts';
import { verifyChain } from './audit/chain.ts';
import type { Config } from './config.ts';
import { heldBy } from './databaseLock.ts';
import { defaultKeyFile, generateKeyText, readKeyFile, resolveDatabaseKey, writeKeyFile, type ResolvedKey } from './databaseKey.ts';

/**
 * `cli restore --from BACKUP [--key-file KEYFILE]`: refuses while a server holds the database;
 * checks a copy of the backup in full (PRAGMA integrity_check and the whole audit chain, both
 * printed) under the backup's key, re-encrypts it under the database key when they differ, and
 * only then swaps it in (db/maintenance.ts replaceDatabaseFile), keeping the previous file aside.
 */
export function restoreDatabase(config: Config, from: string, backupKeyFile: string | undefined, out: (line: string) => void, now = new Date()): number {
  const path = config.DATABASE_PATH;
  const holder = heldBy(path);
  if (holder !== undefined) {
    out(`refused: a server (pid ${holder}) holds ${path}; stop it, then restore`);
    return 1;
  }
  if (!existsSync(from)) {
    out(`refused: no backup at ${from}`);
    return 2;
  }
  let target: ResolvedKey;
  const configured = config.DATABASE_KEY || config.DATABASE_KEY_FILE || existsSync(defaultKeyFile(path));
  if (configured) target = resolveDatabaseKey(config);
  else if (backupKeyFile && !existsSync(path)) {
    // A new machine restoring: the backup's key becomes the database key.
    writeKeyFile(defaultKeyFile(path), readFileSync(backupKeyFile, 'utf8').trim());
    target = resolveDatabaseKey(config);
    out(`the database key is now ${defaultKeyFile(path)} (a copy of ${backupKeyFile})`);
  } else {
    out(`refused: no database key is configured for ${path}: name the backup's key with --key-file KEYFILE`);
    return 2;
  }
  const backupKey = backupKeyFile ? readKeyFile(backupKeyFile) : target.key;
  const copy = `${path}.restore-${process.pid}`;
  removeDatabaseFiles(copy);
  copyFileSync(from, copy);
  try {
    let db;
    try {
      db = openDatabase(copy, { key: backupKey, check: 'none' });
    } catch (e) {
      if (!(e instanceof DatabaseOpenError || isSqliteError(e))) throw e;
      out(`refused: ${from} cannot be restored: ${(e as Error).message.replaceAll(copy, from)}; ${path} was not touched`);
      return 1;
    }
    try {
      let problems: string[];
      try {
        problems = integrityCheck(db.$client);
      } catch (e) {
        if (!isSqliteError(e)) throw e;
        problems = [(e as Error).message];
      }
      out(`integrity_check ${from}: ${problems.length ? problems.join('; ') : 'ok'}`);
      const chain = verifyChain(createRepositories(db).audit.iterate());
      out(`audit verify: ${JSON.stringify(chain)}`);
      if (problems.length || !chain.ok) {
        out(`refused: ${from} is not sound; ${path} was not touched`);
        return 1;
      }
      if (JSON.stringify(backupKey) !== JSON.stringify(target.key)) rekeyDatabase(db.$client, target.key);
      checkpoint(db.$client);
    } finally {
      db.$client.close();
    }
    const { previous } = replaceDatabaseFile(path, copy, now);
    // Opened once more as the server will open it (quick_check included).
    openDatabase(path, { key: target.key }).$client.close();
    out(`restored ${path} from ${from}${previous ? `; the previous file is kept as ${previous}` : ''}`);
    return 0;
  } finally {
    removeDatabaseFiles(copy);
  }
}

const isSqliteError = (e: unknown): boolean => e instanceof Error && e.name === 'SqliteError';

/**
 * `cli encrypt`: converts an unencrypted database (from before the file was encrypted) into an
 * encrypted one under the configured key, or a key generated into `<database>.key`. The
 * plaintext original is moved aside, not deleted: the operator checks the result, then destroys it.
 */
export function encryptDatabase(config: Config, out: (line: string) => void, now = new Date()): number {
  const path = config.DATABASE_PATH;
  const holder = heldBy(path);
  if (holder !== undefined) {
    out(`refused: a server (pid ${holder}) holds ${path}; stop it, then encrypt`);
    return 1;
  }
  if (!existsSync(path)) {
    out(`nothing to encrypt: no database at ${path} (a new one is created encrypted)`);
    return 2;
  }
  if (!isPlainSqlite(path)) {
    out(`${path} is already encrypted`);
    return 0;
  }
  const configured = config.DATABASE_KEY || config.DATABASE_KEY_FILE || existsSync(defaultKeyFile(path));
  if (!configured) {
    writeKeyFile(defaultKeyFile(path), generateKeyText());
    out(`generated the database key in ${defaultKeyFile(path)} (mode 0600): keep a copy apart from the database`);
  }
  const key = resolveDatabaseKey(config).key;
  const copy = `${path}.encrypt-${process.pid}`;
  try {
    encryptCopy(path, copy, key);
    const db = openDatabase(copy, { key });
    checkpoint(db.$client);
    db.$client.close();
    const { previous } = replaceDatabaseFile(path, copy, now, 'plaintext');
    out(`encrypted ${path}. The unencrypted original is kept as ${previous}: check the server starts, then destroy that file (it holds every record in clear). Records written before this keep their plaintext inside the audit chain and cannot be crypto-shredded.`);
    return 0;
  } finally {
    removeDatabaseFiles(copy);
  }
}

import Database from 'better-sqlite3';
import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { applyKey, rekeyDatabase, type DatabaseKey } from './key.ts';

/**
 * A consistent online copy of the database, encrypted: `VACUUM INTO` reads one snapshot (writers
 * go on meanwhile) and writes it under the source's key (SQLite's backup API refuses encrypted
 * pages). With `targetKey` the copy is then re-encrypted under that key. Written beside `out` and
 * renamed, so `out` is either complete or absent.
 */
export function backupDatabase(client: Database.Database, out: string, sourceKey: DatabaseKey, targetKey?: DatabaseKey): void {
  if (existsSync(out)) throw new Error(`${out} exists: a backup never overwrites a file`);
  const partial = `${out}.partial-${process.pid}`;
  rmSync(partial, { force: true });
  try {
    client.prepare('VACUUM INTO ?').run(partial);
    if (targetKey) {
      const copy = new Database(partial);
      try {
        applyKey(copy, sourceKey);
        rekeyDatabase(copy, targetKey);
      } finally {
        copy.close();
      }
      for (const suffix of ['-wal', '-shm']) rmSync(`${partial}${suffix}`, { force: true });
    }
    renameSync(partial, out);
  } catch (e) {
    for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${partial}${suffix}`, { force: true });
    throw e;
  }
}

/**
 * Puts a verified copy of a backup in place of the database file. The copy is prepared beside the
 * database (`prepare` opens it under `key`, migrating an older backup, and judges it); only then
 * is the current file moved aside (with its `-wal`: a WAL left by a crash belongs to the old file
 * and, replayed onto the restored one, would corrupt it), the stale `-shm` removed, and the copy
 * renamed into place: each step a rename, so a crash leaves either database whole.
 */
export function replaceDatabaseFile(databasePath: string, preparedCopy: string, at: Date, why = 'before-restore'): { previous?: string } {
  const aside = `${databasePath}.${why}-${at.toISOString().replace(/[:.]/g, '-')}`;
  let previous: string | undefined;
  if (existsSync(databasePath)) {
    renameSync(databasePath, aside);
    previous = aside;
  }
  if (existsSync(`${databasePath}-wal`)) renameSync(`${databasePath}-wal`, `${aside}-wal`);
  rmSync(`${databasePath}-shm`, { force: true });
  rmSync(`${databasePath}-journal`, { force: true });
  renameSync(preparedCopy, databasePath);
  return previous ? { previous } : {};
}

/** Removes a prepared copy and its side files. */
export function removeDatabaseFiles(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
}

/** Checkpoints the WAL into the main file and truncates it: the file alone then holds every commit. */
export function checkpoint(client: Database.Database): void {
  client.pragma('wal_checkpoint(TRUNCATE)');
}

/**
 * Encrypts an unencrypted database file in place of a copy: the plaintext file is checkpointed
 * and copied to `encrypted`, which is then rekeyed (SQLite3 Multiple Ciphers encrypts a plain
 * database by `PRAGMA rekey`). The caller swaps the files.
 */
export function encryptCopy(plainPath: string, encrypted: string, key: DatabaseKey): void {
  const plain = new Database(plainPath, { fileMustExist: true });
  try {
    plain.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    plain.close();
  }
  removeDatabaseFiles(encrypted);
  copyFileSync(plainPath, encrypted);
  const copy = new Database(encrypted);
  try {
    rekeyDatabase(copy, key);
  } finally {
    copy.close();
  }
}

import Database from 'better-sqlite3';
import { existsSync, renameSync, rmSync } from 'node:fs';
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

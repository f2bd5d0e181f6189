import { readFileSync, rmSync, writeFileSync } from 'node:fs';

/**
 * `<database>.lock`: which server process holds the database. A server takes it at start and
 * drops it on close; `cli restore` and `cli rekey` refuse while a live process holds it. A lock
 * left by a process that no longer runs (killed, crashed) is stale and taken over.
 */
export function lockFile(databasePath: string): string {
  return `${databasePath}.lock`;
}

/** The pid of the live process holding the database, if any. */
export function heldBy(databasePath: string): number | undefined {
  let pid: number;
  try {
    pid = (JSON.parse(readFileSync(lockFile(databasePath), 'utf8')) as { pid: number }).pid;
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (e) {
    // EPERM: the process exists but belongs to another user; it still holds the database.
    return (e as NodeJS.ErrnoException).code === 'EPERM' ? pid : undefined;
  }
}

/** Takes the lock for this process; throws when another live process holds it. Returns its release. */
export function acquireLock(databasePath: string): () => void {
  const file = lockFile(databasePath);
  const body = JSON.stringify({ pid: process.pid, since: new Date().toISOString() });
  for (let attempt = 0; ; attempt++) {
    try {
      // 'wx': two servers starting together cannot both create it.
      writeFileSync(file, body, { mode: 0o600, flag: 'wx' });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw e;
      const holder = heldBy(databasePath);
      if (holder !== undefined) throw new Error(`${databasePath} is in use by another server (pid ${holder}, ${file}): stop it first.`);
      rmSync(file, { force: true });
    }
  }
  return () => {
    if (heldBy(databasePath) === process.pid) rmSync(file, { force: true });
  };
}

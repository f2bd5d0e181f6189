import type Database from 'better-sqlite3';

/**
 * Knows when data read earlier over this connection may be stale, so that rarely written
 * reference tables (jurisdictions, settings) can be read and parsed once rather than per command.
 *
 * Two counters together: SQLite's `PRAGMA data_version`, which changes when ANOTHER connection
 * (the CLI, a second server) commits, and a local counter bumped by every write through this
 * connection's repositories, which SQLite's counter does not see. The local counter is bumped
 * when the write is made, not when it commits, so a read later in the same transaction sees it;
 * and again when a transaction rolls back, so a value read inside it is not kept.
 */
export interface ChangeWatch {
  /** A write through this connection (call it before or after the write, inside its transaction). */
  bump(): void;
  /**
   * `derive(read())`, recomputed only when the stamp moved since the last computation for this
   * `derive` function. Pass module-level functions: the cache is keyed by function identity.
   */
  memo<R, T>(read: () => R, derive: (rows: R) => T): T;
  /**
   * A value that differs whenever anything read earlier over this connection may be stale: a
   * commit by another connection, a rollback, or a write to the watched tables. Equal stamps: what
   * this connection read or wrote in between still holds.
   */
  stamp(): string;
}

export function changeWatch(client: Database.Database): ChangeWatch {
  const dataVersion = client.prepare('PRAGMA data_version').pluck();
  let local = 0;
  const entries = new Map<(rows: never) => unknown, { external: number; local: number; value: unknown }>();
  return {
    bump() {
      local++;
    },
    stamp() {
      return `${dataVersion.get() as number}:${local}`;
    },
    memo<R, T>(read: () => R, derive: (rows: R) => T): T {
      // The stamp is taken BEFORE the read: a commit by another connection in between leaves a
      // newer value under an older stamp, which is re-read next time (never the reverse).
      const external = dataVersion.get() as number;
      const hit = entries.get(derive as (rows: never) => unknown);
      if (hit && hit.external === external && hit.local === local) return hit.value as T;
      const stampLocal = local;
      const value = derive(read());
      entries.set(derive as (rows: never) => unknown, { external, local: stampLocal, value });
      return value;
    },
  };
}

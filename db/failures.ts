/**
 * SQLite's failure codes, named for what they mean to the engine. SQLite specifics stay in db/:
 * above it, a failure is one of these reasons, never an SQLite code.
 */
export type DatabaseFailure = 'disk_full' | 'read_only' | 'io_error' | 'busy' | 'corrupt';

/** The failure an error from the driver stands for; `undefined` for anything that is not a database failure. */
export function databaseFailure(error: unknown): DatabaseFailure | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return undefined;
  // Extended codes (SQLITE_IOERR_WRITE, SQLITE_READONLY_DBMOVED, SQLITE_BUSY_SNAPSHOT...) keep their primary code as prefix.
  if (code.startsWith('SQLITE_FULL')) return 'disk_full';
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_PERM') || code.startsWith('SQLITE_CANTOPEN')) return 'read_only';
  if (code.startsWith('SQLITE_IOERR')) return 'io_error';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED') || code.startsWith('SQLITE_PROTOCOL')) return 'busy';
  if (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB')) return 'corrupt';
  return undefined;
}

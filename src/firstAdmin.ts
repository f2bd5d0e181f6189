import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CreatedUser } from './auth/tokens.ts';

/** Where the first start puts the first admin's token: beside the database (`data/first-admin-token`). */
export const firstAdminTokenPath = (databasePath: string): string => join(dirname(databasePath), 'first-admin-token');

/**
 * On a first start (no users), creates the admin and writes its token to `file`, mode 0600,
 * created exclusively: never through the logger or stdout. The file is opened before the admin is
 * created, so a file left from an earlier database refuses the start instead of leaving an admin
 * whose token nobody has; an admin that could not be created leaves no file behind.
 */
export function bootstrapFirstAdmin(file: string, hasUsers: () => boolean, create: () => CreatedUser | undefined): CreatedUser | undefined {
  if (hasUsers()) return undefined;
  mkdirSync(dirname(file), { recursive: true });
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    throw new Error(`${file} exists from an earlier first start, but the database has no users: move it away and start again`);
  }
  try {
    const admin = create();
    if (!admin) {
      closeSync(fd);
      rmSync(file, { force: true });
      return undefined;
    }
    writeSync(fd, `${admin.token}\n`);
    closeSync(fd);
    return admin;
  } catch (e) {
    closeSync(fd);
    rmSync(file, { force: true });
    throw e;
  }
}

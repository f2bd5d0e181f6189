import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRepositories, openDatabase, type Repositories } from '../../db/index.ts';
import { createServices, type Services } from '../../src/services.ts';
import { testDatabaseKey } from './keys.ts';

export interface Connection {
  repos: Repositories;
  services: Services;
}

/**
 * Two connections on one temporary database file, as two servers (or a server and the CLI) would
 * have them; `close()` closes both and removes the file.
 */
export function twoConnections(prefix: string): { a: Connection; b: Connection; close(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const file = join(dir, 'kp.sqlite');
  const key = testDatabaseKey();
  const open = (): Connection => {
    const repos = createRepositories(openDatabase(file, { key }));
    return { repos, services: createServices(repos) };
  };
  const a = open();
  const b = open();
  return {
    a,
    b,
    close() {
      a.repos.db.$client.close();
      b.repos.db.$client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

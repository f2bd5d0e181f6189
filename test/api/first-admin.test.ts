import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { killServers, startServer as start } from '../support/server.ts';

/**
 * Issue 10.5: `npm start` on a fresh machine writes the first admin's token to a 0600 file beside
 * the database, never to stdout or the log; the log and the console say where it is.
 */
let dir: string | undefined;

afterEach(() => {
  killServers();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('the first admin token', () => {
  it('goes to data/first-admin-token (0600) beside the database, works, and is never on stdout or in the log', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kp-first-admin-'));
    const databasePath = join(dir, 'data', 'kp.sqlite');
    const file = join(dir, 'data', 'first-admin-token');
    const server = await start(databasePath);
    if (!server.base) throw new Error(`the server did not start:\n${server.output()}`);

    expect(statSync(file).mode & 0o777).toBe(0o600);
    const token = readFileSync(file, 'utf8').trim();
    expect(token).toMatch(/^kp_[A-Za-z0-9_-]{43}$/);
    const users = await fetch(`${server.base}/v1/users`, { headers: { authorization: `Bearer ${token}` } });
    expect(users.status).toBe(200);
    const body = (await users.json()) as { items: Array<{ name: string; roles: string[] }> };
    expect(body.items).toMatchObject([{ name: 'admin', roles: ['admin'] }]);

    await server.stop();
    const output = server.output();
    expect(output).not.toContain(token);
    expect(output).not.toContain(token.slice(3, 20));
    // The console and the log line say where the token is.
    expect(output).toContain(`Its token is in ${file} (mode 0600)`);
    const logLine = output.split('\n').find((l) => l.includes('first admin created'));
    expect(JSON.parse(logLine!)).toMatchObject({ file });

    // A second start creates nobody and leaves the file as it is.
    const again = await start(databasePath);
    if (!again.base) throw new Error(`the server did not start again:\n${again.output()}`);
    expect(readFileSync(file, 'utf8').trim()).toBe(token);
    await again.stop();
    expect(again.output()).not.toMatch(/first admin created|First start: created/);
  }, 60_000);

  it('a token file left from an earlier database refuses the first start (no admin without a token) and names the file', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kp-first-admin-'));
    const databasePath = join(dir, 'kp.sqlite');
    const file = join(dir, 'first-admin-token');
    writeFileSync(file, 'kp_stale\n', { mode: 0o600 });
    const server = await start(databasePath);
    expect(server.base).toBeUndefined();
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain(`${file} exists`);
    expect(readFileSync(file, 'utf8')).toBe('kp_stale\n');
    expect(existsSync(databasePath)).toBe(true);
  }, 60_000);
});

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * Issue 10.5: `npm start` on a fresh machine writes the first admin's token to a 0600 file beside
 * the database, never to stdout or the log; the log and the console say where it is.
 */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
let dir: string | undefined;
let child: ChildProcess | undefined;

afterEach(() => {
  if (child?.pid && child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
  child = undefined;
});

/** Starts the server as `npm start` does; resolves with its base URL and everything it printed. */
async function start(databasePath: string): Promise<{ base?: string; output: () => string; exited: Promise<number | null> }> {
  child = spawn('npm', ['start', '--silent'], { cwd: ROOT, env: { ...process.env, PORT: '0', DATABASE_PATH: databasePath, LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
  let done = false;
  void exited.then(() => (done = true));
  for (let i = 0; i < 600 && !done; i += 1) {
    const m = /listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
    if (m) return { base: m[1]!, output: () => output, exited };
    await new Promise((r) => setTimeout(r, 100));
  }
  return { output: () => output, exited };
}

async function stop(): Promise<void> {
  const c = child!;
  const closed = new Promise<void>((resolve) => c.once('close', () => resolve()));
  process.kill(-c.pid!, 'SIGTERM');
  await closed;
  child = undefined;
}

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

    await stop();
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
    await stop();
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

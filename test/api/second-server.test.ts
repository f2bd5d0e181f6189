import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireLock, lockFile } from '../../src/databaseLock.ts';

/** One server per database file (issue 13.7): a second one is refused at start with a clear message. */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** A lock as a live server other than this process holds it (this test's parent stands in). */
const heldByOther = (file: string) => writeFileSync(lockFile(file), JSON.stringify({ pid: process.ppid, since: new Date().toISOString() }));

describe('the database lock', () => {
  it('a second lock on the same file is refused naming the holder; released, it can be taken again', () => {
    dir = mkdtempSync(join(tmpdir(), 'kp-lock-'));
    const file = join(dir, 'kp.sqlite');
    const release = acquireLock(file);
    expect(JSON.parse(readFileSync(lockFile(file), 'utf8'))).toMatchObject({ pid: process.pid });
    release();
    expect(existsSync(lockFile(file))).toBe(false);
    heldByOther(file);
    expect(() => acquireLock(file)).toThrow(`in use by another server (pid ${process.ppid}`);
  });

  it('a lock left by a server that is gone (kill -9) is taken over', () => {
    dir = mkdtempSync(join(tmpdir(), 'kp-lock-'));
    const file = join(dir, 'kp.sqlite');
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(lockFile(file), JSON.stringify({ pid: Number(gone.stdout) }));
    const release = acquireLock(file);
    expect(JSON.parse(readFileSync(lockFile(file), 'utf8'))).toMatchObject({ pid: process.pid });
    release();
  });

  it('a second server on the same file exits 1 at start with a clear message, before opening the database', () => {
    dir = mkdtempSync(join(tmpdir(), 'kp-lock-'));
    const file = join(dir, 'kp.sqlite');
    heldByOther(file);
    const second = spawnSync(process.execPath, ['--import', 'tsx', 'src/server.ts'], { cwd: ROOT, env: { ...process.env, PORT: '0', DATABASE_PATH: file }, encoding: 'utf8', timeout: 60_000 });
    expect(second.status).toBe(1);
    expect(second.stderr).toContain(`${file} is in use by another server (pid ${process.ppid}`);
    expect(existsSync(file)).toBe(false);
  });
});

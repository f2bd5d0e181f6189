import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { run } from '../src/cli.ts';

/** `npm run cli -- users add ... --json` (API.md "Authentication and roles"). */
let dir: string;
const saved = process.env['DATABASE_PATH'];
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kp-cli-'));
  process.env['DATABASE_PATH'] = join(dir, 'db', 'kp.sqlite');
});
afterEach(() => {
  if (saved === undefined) delete process.env['DATABASE_PATH'];
  else process.env['DATABASE_PATH'] = saved;
  rmSync(dir, { recursive: true, force: true });
});

async function cli(...argv: string[]) {
  const lines: string[] = [];
  const code = await run(argv, (l) => lines.push(l));
  return { code, lines };
}

describe('users add', () => {
  it('--json prints one JSON line { id, name, roles, token } and the token authenticates', async () => {
    const { code, lines } = await cli('users', 'add', '--name', 'X', '--role', 'caseworker', '--role', 'supervisor', '--json');
    expect(code).toBe(0);
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('\n');
    const user = JSON.parse(lines[0]!) as { id: string; name: string; roles: string[]; token: string };
    expect(Object.keys(user).sort()).toEqual(['id', 'name', 'roles', 'token']);
    expect(user).toMatchObject({ name: 'X', roles: ['caseworker', 'supervisor'] });
    expect(user.id).toEqual(expect.any(String));
    expect(user.token.length).toBeGreaterThanOrEqual(32);

    const app = await buildApp({ databasePath: process.env['DATABASE_PATH']!, logLevel: 'silent' });
    try {
      const ok = await app.inject({ method: 'GET', url: '/v1/cases', headers: { authorization: `Bearer ${user.token}` } });
      expect(ok.statusCode).toBe(200);
      // The token carries its roles, and no others: admin routes stay closed.
      const users = await app.inject({ method: 'GET', url: '/v1/users', headers: { authorization: `Bearer ${user.token}` } });
      expect(users.statusCode).toBe(403);
      const wrong = await app.inject({ method: 'GET', url: '/v1/cases', headers: { authorization: `Bearer ${user.token}x` } });
      expect(wrong.statusCode).toBe(401);
    } finally {
      await app.close();
    }
  });

  it('stores only a hash of the token', async () => {
    const { lines } = await cli('users', 'add', '--name', 'Y', '--role', 'admin', '--json');
    const user = JSON.parse(lines[0]!) as { token: string };
    const list = await cli('users', 'list');
    expect(list.code).toBe(0);
    expect(list.lines.join('\n')).toContain('Y');
    expect(list.lines.join('\n')).not.toContain(user.token);
    const { createRepositories, openDatabase } = await import('../db/index.ts');
    const { keyBeside } = await import('./support/keys.ts');
    const repos = createRepositories(openDatabase(process.env['DATABASE_PATH']!, { key: keyBeside(process.env['DATABASE_PATH']!) }));
    const dump = JSON.stringify(repos.db.$client.prepare('select * from users').all());
    repos.db.$client.close();
    expect(dump).not.toContain(user.token);
  });

  it('without --json prints the token once in a human form', async () => {
    const { code, lines } = await cli('users', 'add', '--name', 'Z', '--role', 'reviewer');
    expect(code).toBe(0);
    expect(lines.join('\n')).toMatch(/token \(shown once\): kp_/);
  });

  it('refuses an unknown role or a missing name with exit 2 and writes nothing', async () => {
    const bad = await cli('users', 'add', '--name', 'X', '--role', 'king', '--json');
    expect(bad.code).toBe(2);
    expect(bad.lines.join('\n')).toContain('king');
    expect((await cli('users', 'add', '--role', 'caseworker')).code).toBe(2);
    expect((await cli('users', 'list')).lines).toEqual([]);
  });
});

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

/** Issue 10.4: the operator's user and token commands, audited in the chain like the API's. */
describe('users lifecycle (CLI)', () => {
  async function withApp<T>(fn: (app: Awaited<ReturnType<typeof buildApp>>) => Promise<T>): Promise<T> {
    const app = await buildApp({ databasePath: process.env['DATABASE_PATH']!, logLevel: 'silent' });
    try {
      return await fn(app);
    } finally {
      await app.close();
    }
  }
  const status = (app: Awaited<ReturnType<typeof buildApp>>, token: string) =>
    app.inject({ method: 'GET', url: '/v1/audit', headers: { authorization: `Bearer ${token}` } }).then((r) => ({ code: r.statusCode, message: (r.json() as { error?: { message: string } }).error?.message }));

  it('refuses admin with a case-working role (exit 1, the error naming roles), writes nothing', async () => {
    const r = await cli('users', 'add', '--name', 'both', '--role', 'admin', '--role', 'caseworker', '--json');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.lines[0]!)).toMatchObject({ error: { code: 'VALIDATION', details: [{ path: 'body.roles' }] } });
    expect((await cli('users', 'list')).lines).toEqual([]);
  });

  it('list shows status and token expiry; disable, enable, revoke, rotate and rotate-admin act at once and are audited', async () => {
    const admin = JSON.parse((await cli('users', 'add', '--name', 'first admin', '--role', 'admin', '--json')).lines[0]!) as { id: string; token: string };
    const rev = JSON.parse((await cli('users', 'add', '--name', 'R', '--role', 'reviewer', '--team', 'team-default', '--json')).lines[0]!) as { id: string; token: string };
    const list = await cli('users', 'list');
    expect(list.lines.find((l) => l.startsWith(rev.id))).toMatch(/\treviewer\ttoken expires \d{4}-/);
    const json = (await cli('users', 'list', '--json')).lines.map((l) => JSON.parse(l) as { id: string; tokens: unknown[] });
    expect(json.find((u) => u.id === rev.id)!.tokens).toHaveLength(1);

    expect((await cli('users', 'disable', '--id', rev.id)).lines).toEqual([`${rev.id} disabled`]);
    expect((await cli('users', 'list')).lines.find((l) => l.startsWith(rev.id))).toContain('\tdisabled');
    await withApp(async (app) => expect(await status(app, rev.token)).toMatchObject({ code: 401, message: expect.stringMatching(/disabled/) }));
    expect((await cli('users', 'enable', '--id', rev.id)).code).toBe(0);
    await withApp(async (app) => expect((await status(app, rev.token)).code).toBe(200));

    expect((await cli('users', 'revoke', '--id', rev.id)).lines).toEqual([`revoked 1 token(s) of ${rev.id}`]);
    await withApp(async (app) => expect(await status(app, rev.token)).toMatchObject({ code: 401, message: expect.stringMatching(/revoked/) }));
    const rotated = JSON.parse((await cli('users', 'rotate', '--id', rev.id, '--json')).lines[0]!) as { token: string; expiresAt: string };
    await withApp(async (app) => expect((await status(app, rotated.token)).code).toBe(200));

    // The first admin's token was lost: the operator replaces it.
    const human = await cli('users', 'rotate-admin');
    expect(human.code).toBe(0);
    const newAdmin = /token \(shown once\): (kp_\S+)/.exec(human.lines.join('\n'))![1]!;
    await withApp(async (app) => {
      expect(await status(app, admin.token)).toMatchObject({ code: 401, message: expect.stringMatching(/revoked/) });
      const users = await app.inject({ method: 'GET', url: '/v1/users', headers: { authorization: `Bearer ${newAdmin}` } });
      expect(users.statusCode).toBe(200);
      // Every change in the chain, as the operator's, with no token in it; the chain verifies.
      const records = app.services.repos.audit.list({}).filter((r) => r.workflow === 'access');
      expect(records.map((r) => r.type)).toEqual([
        'USER_CREATED', 'TOKEN_ISSUED', 'USER_CREATED', 'TOKEN_ISSUED', 'USER_DISABLED', 'USER_ENABLED', 'TOKEN_REVOKED', 'TOKEN_ISSUED', 'TOKEN_REVOKED', 'TOKEN_ISSUED',
      ]);
      expect(records.every((r) => (r.actor as { id: string }).id === 'cli' && r.caseId === null)).toBe(true);
      const text = JSON.stringify(records);
      for (const token of [admin.token, rev.token, rotated.token, newAdmin]) expect(text).not.toContain(token);
      expect(app.services.verifier.fullSync().ok).toBe(true);
    });
    expect((await cli('users', 'disable', '--id', 'u-none')).code).toBe(1);
    expect((await cli('users', 'rotate')).code).toBe(2);
  });

  it('the last active admin cannot be disabled', async () => {
    const admin = JSON.parse((await cli('users', 'add', '--name', 'only admin', '--role', 'admin', '--json')).lines[0]!) as { id: string };
    const r = await cli('users', 'disable', '--id', admin.id);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.lines[0]!)).toMatchObject({ error: { code: 'INVALID_TRANSITION' } });
  });
});

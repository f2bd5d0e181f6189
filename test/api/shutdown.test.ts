import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createRepositories, openDatabase } from '../../db/index.ts';
import { adultWoman, goodInterview } from '../support/app.ts';
import { keyBeside } from '../support/keys.ts';
import { killServers, startServer } from '../support/server.ts';

/**
 * `npm start` under load, then SIGTERM to its process group (what a terminal's Ctrl-C or a service
 * manager sends): the server stops accepting, answers what it has, commits the open batch,
 * checkpoints, closes and exits 0. Every request is answered or refused, nothing is applied
 * without an answer, and no -wal file is left.
 */
let dir: string | undefined;

afterEach(() => {
  killServers();
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

async function call(base: string, token: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(base + path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as any };
}

describe('clean shutdown', () => {
  it('SIGTERM under load: every request answered or refused, nothing applied without an answer, a clean exit, no -wal left', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kp-shutdown-'));
    const file = join(dir, 'kp.sqlite');
    const server = await startServer(file);
    const { base } = server;
    if (!base) throw new Error(`the server did not start:\n${server.output()}`);
    // The first admin's token is in a 0600 file beside the database (never on stdout).
    const admin = readFileSync(join(dir, 'first-admin-token'), 'utf8').trim();
    const user = await call(base, admin, 'POST', '/v1/users', { name: 'load', roles: ['caseworker'] });
    const token = user.body.token as string;
    const ids: string[] = [];
    for (let i = 0; i < 12; i += 1) {
      const c = await call(base, token, 'POST', '/v1/cases', adultWoman);
      await call(base, token, 'POST', `/v1/cases/${c.body.id}/commands`, { workflow: 'screening', type: 'START' }, { 'if-match': '1' });
      ids.push(c.body.id as string);
    }

    // Each case gets interviews one after another, its version taken from the answers.
    const answered: Array<{ status: number; auditSeq?: number }> = [];
    let unanswered = 0;
    const load = ids.map(async (id) => {
      let version = 2;
      for (;;) {
        try {
          const r = await call(base, token, 'POST', `/v1/cases/${id}/commands`, { workflow: 'screening', type: 'RECORD_INTERVIEW', data: goodInterview }, { 'if-match': String(version) });
          answered.push({ status: r.status, ...(r.status === 200 ? { auditSeq: r.body.auditSeq as number } : {}) });
          if (r.status === 200) version = r.body.version as number;
          else if (r.status !== 409) return;
        } catch {
          unanswered += 1;
          return;
        }
      }
    });
    while (answered.length < 60) await new Promise((r) => setTimeout(r, 20));
    const stopped = server.stop('SIGTERM');
    await Promise.all(load);
    await Promise.race([stopped, new Promise((r) => setTimeout(r, 30_000))]);
    const output = server.output();

    // "shutdown complete" is logged just before exit(0); a timed-out shutdown logs otherwise and exits 1.
    expect(output).toMatch(/shutdown complete/);
    expect(output).not.toMatch(/shutdown timed out|shutdown failed/);
    expect(existsSync(`${file}-wal`)).toBe(false);
    expect(existsSync(`${file}.lock`)).toBe(false);
    // Answered: applied, or refused while closing (503); a request the closed server never read has no answer.
    expect(answered.every((a) => a.status === 200 || a.status === 503)).toBe(true);
    expect(unanswered).toBeLessThanOrEqual(ids.length);

    const repos = createRepositories(openDatabase(file, { key: keyBeside(file) }));
    try {
      const applied = repos.audit.list({}).filter((r) => r.type === 'RECORD_INTERVIEW' && r.result === 'applied');
      const acknowledged = new Set(answered.flatMap((a) => (a.auditSeq ? [a.auditSeq] : [])));
      // Nothing applied without an answer, and every acknowledged command is there.
      expect(applied.map((r) => r.seq).sort((a, b) => a - b)).toEqual([...acknowledged].sort((a, b) => a - b));
    } finally {
      repos.db.$client.close();
    }
  }, 60_000);
});

import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRepositories, openDatabase, type Repositories } from '../../db/index.ts';
import { run } from '../../src/cli.ts';
import { lockFile } from '../../src/databaseLock.ts';
import { RegisterCase } from '../../src/engine/cases.ts';
import { createServices, type Services } from '../../src/services.ts';
import type { Actor } from '../../workflows/roles.ts';
import { adultWoman, goodInterview, victimAssessment } from '../support/app.ts';
import { keyBeside } from '../support/keys.ts';

/** Issue 11.4: `cli restore --from BACKUP`. */
const caseworker: Actor = { id: 'u-cw', roles: ['caseworker'] };
let dir: string;
let file: string;
const savedEnv = { ...process.env };
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kp-restore-'));
  file = join(dir, 'kp.sqlite');
  process.env['DATABASE_PATH'] = file;
  delete process.env['DATABASE_KEY'];
  delete process.env['DATABASE_KEY_FILE'];
});
afterEach(() => {
  process.env = { ...savedEnv };
  rmSync(dir, { recursive: true, force: true });
});

async function cli(...argv: string[]) {
  const lines: string[] = [];
  const code = await run(argv, (l) => lines.push(l));
  return { code, text: lines.join('\n') };
}

function open(): { repos: Repositories; services: Services } {
  const repos = createRepositories(openDatabase(file, { key: keyBeside(file) }));
  return { repos, services: createServices(repos) };
}

/** One acknowledged command (a 200 answer): its audit seq. */
function command(services: Services, caseId: string, type: 'START' | 'SUBMIT' | 'RETURN' | 'RECORD_INTERVIEW' | 'RECORD_ASSESSMENT'): number {
  const data = { START: {}, SUBMIT: {}, RETURN: { reason: 'more' }, RECORD_INTERVIEW: goodInterview, RECORD_ASSESSMENT: victimAssessment }[type];
  const answer = services.commands.apply({ caseId, workflow: 'screening', type, data, actor: { id: 'u-sup', roles: ['caseworker', 'supervisor'] }, ifMatch: services.cases.get(caseId, caseworker).version });
  if (answer.kind !== 'applied') throw new Error(JSON.stringify(answer));
  return answer.auditSeq;
}

describe('cli restore', () => {
  it('a backup taken while a server writes restores with every command acknowledged before the backup began', async () => {
    const server = open();
    const c = server.services.cases.register(RegisterCase.parse(adultWoman), caseworker);
    for (const type of ['START', 'RECORD_INTERVIEW', 'RECORD_ASSESSMENT'] as const) command(server.services, c.id, type);
    const backups: { file: string; acknowledged: number[] }[] = [];
    const acknowledged: number[] = [];
    for (let i = 0; i < 12; i++) {
      // The server's commits stay in its WAL (never checkpointed here); the CLI's backup reads them.
      acknowledged.push(command(server.services, c.id, i % 2 === 0 ? 'SUBMIT' : 'RETURN'));
      if (i % 4 === 3) {
        const out = join(dir, `b${i}.sqlite`);
        backups.push({ file: out, acknowledged: [...acknowledged] });
        expect((await cli('backup', '--out', out)).code).toBe(0);
      }
    }
    server.repos.db.$client.close();
    for (const b of backups) {
      const restored = await cli('restore', '--from', b.file);
      expect(restored.code).toBe(0);
      expect(restored.text).toContain(`integrity_check ${b.file}: ok`);
      expect(restored.text).toMatch(/audit verify: \{"ok":true/);
      const after = open();
      const seqs = new Set(after.repos.audit.list().map((r) => r.seq));
      expect(b.acknowledged.filter((s) => !seqs.has(s))).toEqual([]);
      after.repos.db.$client.close();
    }
  });

  it('after a crash left a -wal file, the restored database opens sound (the stale WAL is moved aside, -shm removed)', async () => {
    const server = open();
    const c = server.services.cases.register(RegisterCase.parse(adultWoman), caseworker);
    const backup = join(dir, 'backup.sqlite');
    expect((await cli('backup', '--out', backup)).code).toBe(0);
    for (const type of ['START', 'RECORD_INTERVIEW', 'RECORD_ASSESSMENT', 'SUBMIT', 'RETURN'] as const) command(server.services, c.id, type);
    // A crash image: the WAL as the running server left it, the file without those frames.
    const wal = readFileSync(`${file}-wal`);
    server.repos.db.$client.close();
    writeFileSync(`${file}-wal`, wal);
    writeFileSync(`${file}-shm`, Buffer.alloc(32768));

    const restored = await cli('restore', '--from', backup);
    expect(restored.code).toBe(0);
    expect(existsSync(`${file}-shm`)).toBe(false);
    expect(restored.text).toMatch(/previous file is kept as .*before-restore/);
    const after = open();
    expect(after.repos.db.$client.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(after.services.queries.verify().ok).toBe(true);
    expect(after.services.cases.get(c.id, caseworker).version).toBe(1);
    after.repos.db.$client.close();
  });

  it('refused while a server holds the database; refused for a damaged backup, leaving the database untouched', async () => {
    const server = open();
    server.services.cases.register(RegisterCase.parse(adultWoman), caseworker);
    server.repos.db.$client.close();
    const backup = join(dir, 'backup.sqlite');
    expect((await cli('backup', '--out', backup)).code).toBe(0);

    // A live process (this one) holds the lock, as a running server does.
    writeFileSync(lockFile(file), JSON.stringify({ pid: process.pid }));
    const held = await cli('restore', '--from', backup);
    expect(held.code).toBe(1);
    expect(held.text).toContain(`a server (pid ${process.pid}) holds ${file}`);
    rmSync(lockFile(file));

    const before = readFileSync(file);
    const damaged = join(dir, 'damaged.sqlite');
    copyFileSync(backup, damaged);
    const bytes = readFileSync(damaged);
    bytes.fill(0x41, 4096 + 100, 4096 + 600);
    writeFileSync(damaged, bytes);
    const bad = await cli('restore', '--from', damaged);
    expect(bad.code).toBe(1);
    expect(bad.text).toMatch(/refused/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});

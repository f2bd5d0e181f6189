import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createRepositories, openDatabase } from '../../db/index.ts';
import type { Applied } from '../../src/engine/outcomes.ts';
import { verifyChain } from '../../src/audit/chain.ts';
import { keyBeside } from '../support/keys.ts';

/**
 * A crash in the middle of a batch (kill -9 after two of its commands ran in their savepoints,
 * before its COMMIT): the whole unacknowledged batch is lost, every acknowledged command is kept.
 */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('a crash mid-batch', () => {
  it('loses the whole unacknowledged batch and nothing acknowledged', () => {
    dir = mkdtempSync(join(tmpdir(), 'kp-crash-'));
    const file = join(dir, 'kp.sqlite');
    const child = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'test/support/crashChild.ts'), file], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(child.signal, child.stderr).toBe('SIGKILL');
    const lines = child.stdout.trim().split('\n').map((l) => JSON.parse(l) as { ack?: Applied; queued?: number; error?: string });
    const acked = lines.flatMap((l) => (l.ack ? [l.ack] : []));
    expect(acked).toHaveLength(6);
    expect(acked.every((o) => o.kind === 'applied')).toBe(true);
    expect(lines.some((l) => l.error)).toBe(false);
    expect(lines.find((l) => l.queued)?.queued).toBe(6);

    const repos = createRepositories(openDatabase(file, { key: keyBeside(file) }));
    try {
      const records = repos.audit.list({});
      // Every acknowledged command is on disk, with the audit seq and version it was answered with.
      for (const o of acked) {
        expect(records.find((r) => r.seq === o.auditSeq)).toMatchObject({ caseId: o.caseId, type: 'RECORD_INTERVIEW', result: 'applied' });
        expect(repos.cases.get(o.caseId)?.version).toBe(o.version);
      }
      // Nothing of the second batch: the last record is the last acknowledged one.
      expect(Math.max(...records.map((r) => r.seq))).toBe(Math.max(...acked.map((o) => o.auditSeq)));
      expect(records.filter((r) => r.type === 'RECORD_INTERVIEW')).toHaveLength(6);
      expect(verifyChain(repos.audit.iterate())).toMatchObject({ ok: true });
    } finally {
      repos.db.$client.close();
    }
  });
});

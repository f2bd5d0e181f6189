import type { AuditRow, Repositories } from '../../db/index.ts';
import { leafHash, verifyCheckpoint } from '../../tools/audit-verify.mjs';
import { GENESIS, hashRecord, leafText } from '../audit/chain.ts';
import { Frontier } from '../audit/merkle.ts';
import { treeRoot } from '../audit/tree.ts';
import type { Clock } from './commands.ts';

/**
 * Verification of the audit log (issues 14.5 and 15.7). Each record is re-hashed (chain hash and
 * Merkle leaf), the tree is rebuilt from those leaves in a compact range, and every signed
 * checkpoint on the way must carry the rebuilt root and a valid signature.
 *
 * - incremental (the default): from the last verified checkpoint (its size, the record's hash
 *   there and the compact range, stored when a run passes it), so a run costs O(records since);
 *   records after the last checkpoint are re-checked on every run until one covers them.
 * - full: from the first record; `startFull()` walks in chunks and yields to the event loop
 *   between them, so every other request keeps being answered while it runs, with progress.
 */
export interface VerifyResult {
  ok: boolean;
  records: number;
  firstBroken?: { seq: number; reason: string };
  mode: 'incremental' | 'full';
  /** The record the run started after (0 for a full run). */
  from: number;
  /** Records re-hashed by this run. */
  checked: number;
  /** Signed checkpoints whose root and signature this run checked. */
  checkpoints: number;
}

export interface Progress { running: boolean; checked: number; total: number; startedAt: string | null; result: VerifyResult | null }

interface Point { size: number; hash: string; frontier: { size: number; hashes: string[] } }

interface Walk {
  prev: string;
  frontier: Frontier;
  checked: number;
  checkpoints: number;
  /** Where the run started, and the last checkpoint it passed: where the next incremental run may start. */
  start: Point;
  passed: Point | null;
}

const withoutHash = (r: AuditRow) => {
  const { hash: _hash, ...rest } = r;
  return rest;
};

export function createVerifier(repos: Repositories, clock: Clock, logVkey: string, options: { chunk?: number } = {}) {
  const chunkSize = options.chunk ?? 2000;
  let job: { promise: Promise<VerifyResult>; progress: Progress } | null = null;
  let lastFull: VerifyResult | null = null;

  /** Checks one chunk of records; returns the first broken record, if any. */
  function step(walk: Walk, rows: readonly AuditRow[], checkpointsAt: Map<number, { rootHash: string; note: string }>): { seq: number; reason: string } | null {
    for (const r of rows) {
      const expected = walk.frontier.size + 1;
      if (r.seq !== expected) return { seq: r.seq, reason: `expected record ${expected}: a record is missing or out of order` };
      if (r.prevHash !== walk.prev) return { seq: r.seq, reason: 'prevHash does not match the previous record' };
      const { hash, ...rest } = r;
      if (hashRecord(rest) !== hash) return { seq: r.seq, reason: 'content does not match its hash' };
      const leaf = leafHash(leafText(r));
      let stored: Buffer | null = null;
      try {
        stored = repos.auditTree.node(0, r.seq - 1);
      } catch {
        stored = null;
      }
      if (!stored || !stored.equals(leaf)) return { seq: r.seq, reason: 'the Merkle tree leaf does not match the record' };
      walk.frontier.push(leaf);
      walk.prev = hash;
      walk.checked += 1;
      const cp = checkpointsAt.get(r.seq);
      if (cp) {
        walk.checkpoints += 1;
        if (walk.frontier.root().toString('hex') !== cp.rootHash) return { seq: r.seq, reason: `the signed checkpoint at size ${r.seq} does not have the root of the records` };
        try {
          const signed = verifyCheckpoint(cp.note, logVkey);
          if (signed.size !== r.seq || signed.rootHash.toString('hex') !== cp.rootHash) throw new Error('the signed text names another tree');
        } catch (e) {
          return { seq: r.seq, reason: `the checkpoint at size ${r.seq} is not validly signed: ${(e as Error).message}` };
        }
        walk.passed = { size: r.seq, hash, frontier: walk.frontier.toJSON() };
      }
    }
    return null;
  }

  function start(mode: 'incremental' | 'full'): { walk: Walk; from: number; end: number; broken: { seq: number; reason: string } | null } {
    const end = repos.audit.last()?.seq ?? 0;
    const point = mode === 'incremental' ? repos.transparency.lastVerified() : undefined;
    if (point && point.size > 0 && point.size <= end) {
      const walk: Walk = { prev: point.hash, frontier: Frontier.from(point.frontier), checked: 0, checkpoints: 0, start: { size: point.size, hash: point.hash, frontier: point.frontier }, passed: null };
      const [at] = repos.audit.bySeqs([point.size]);
      // The record the last run stopped at must still be the one it verified.
      const broken = !at || at.hash !== point.hash || hashRecord(withoutHash(at)) !== point.hash ? { seq: point.size, reason: 'the record at the last verified checkpoint has changed since it was verified' } : null;
      return { walk, from: point.size, end, broken };
    }
    return { walk: { prev: GENESIS, frontier: new Frontier(), checked: 0, checkpoints: 0, start: { size: 0, hash: GENESIS, frontier: new Frontier().toJSON() }, passed: null }, from: 0, end, broken: null };
  }

  function finish(mode: 'incremental' | 'full', walk: Walk, from: number, end: number, broken: { seq: number; reason: string } | null): VerifyResult {
    const leaves = repos.auditTree.size();
    if (!broken && leaves > end) broken = { seq: end + 1, reason: `the Merkle tree holds ${leaves} records but the chain ends at ${end}: records were removed from the end` };
    if (!broken && end > 0 && walk.frontier.size === end && !treeRoot(repos, end).equals(walk.frontier.root())) {
      broken = { seq: end, reason: 'the stored Merkle tree does not have the root of the records' };
    }
    const result: VerifyResult = { ok: broken === null, records: end, ...(broken ? { firstBroken: broken } : {}), mode, from, checked: walk.checked, checkpoints: walk.checkpoints };
    // A sound run that passed a checkpoint moves the verified point there; otherwise the point
    // stays where the run started.
    const point = result.ok && walk.passed ? walk.passed : walk.start;
    repos.transaction(() => repos.transparency.insertVerification({ at: clock.now(), mode, ok: result.ok, size: point.size, hash: point.hash, frontier: point.frontier, detail: broken }));
    return result;
  }

  const checkpointMap = (after: number, upTo: number) => new Map(repos.transparency.checkpointsBetween(after, upTo).map((c) => [c.size, c] as const));

  /** A whole run in one go (incremental runs; the CLI's full run, which is off any request path). */
  function runSync(mode: 'incremental' | 'full'): VerifyResult {
    const { walk, from, end, broken: startBroken } = start(mode);
    let broken = startBroken;
    const checkpoints = checkpointMap(from, end);
    while (!broken && walk.frontier.size < end) {
      const rows = repos.audit.chunk(walk.frontier.size, end, chunkSize);
      if (rows.length === 0) {
        broken = { seq: walk.frontier.size + 1, reason: `expected record ${walk.frontier.size + 1}: a record is missing or out of order` };
        break;
      }
      broken = step(walk, rows, checkpoints);
    }
    return finish(mode, walk, from, end, broken);
  }

  return {
    incremental: () => runSync('incremental'),
    fullSync: () => {
      lastFull = runSync('full');
      return lastFull;
    },
    /**
     * Starts (or joins) a full run that yields to the event loop after every chunk. Resolves with
     * the result; `progress()` shows how far it got meanwhile.
     */
    startFull(): Promise<VerifyResult> {
      if (job?.progress.running) return job.promise;
      const progress: Progress = { running: true, checked: 0, total: repos.audit.last()?.seq ?? 0, startedAt: clock.now(), result: null };
      const promise = (async () => {
        const { walk, from, end } = start('full');
        progress.total = end;
        const checkpoints = checkpointMap(from, end);
        let broken: { seq: number; reason: string } | null = null;
        while (!broken && walk.frontier.size < end) {
          await new Promise<void>((resolve) => setImmediate(resolve));
          const rows = repos.audit.chunk(walk.frontier.size, end, chunkSize);
          if (rows.length === 0) {
            broken = { seq: walk.frontier.size + 1, reason: `expected record ${walk.frontier.size + 1}: a record is missing or out of order` };
            break;
          }
          broken = step(walk, rows, checkpoints);
          progress.checked = walk.checked;
        }
        const result = finish('full', walk, from, end, broken);
        lastFull = result;
        return result;
      })().finally(() => {
        progress.running = false;
      });
      void promise.then((r) => {
        progress.result = r;
      }, () => {});
      job = { promise, progress };
      return promise;
    },
    progress(): Progress {
      return job ? { ...job.progress } : { running: false, checked: 0, total: 0, startedAt: null, result: lastFull };
    },
    lastRun: () => repos.transparency.lastVerificationRun(),
  };
}
export type Verifier = ReturnType<typeof createVerifier>;

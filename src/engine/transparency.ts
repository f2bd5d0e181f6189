import type { CheckpointRow, Repositories } from '../../db/index.ts';
import { parseNote, verifyCheckpoint, verifyConsistency, verifyCosignature, parseVerifierKey } from '../../tools/audit-verify.mjs';
import { checkpointBody, signNote, type NoteKey } from '../audit/signer.ts';
import { catchUpTree, treeConsistencyProof, treeInclusionProof, treeInclusionProofs, treeRoot } from '../audit/tree.ts';
import type { Clock } from './commands.ts';
import { invalid } from './errors.ts';

/**
 * The audit log as a transparency log: signed checkpoints over the Merkle tree, inclusion and
 * consistency proofs, witnesses' cosignatures and fork reports (issue 15). Proofs carry hashes
 * only, never record content.
 */
export interface TransparencyOptions {
  /** A checkpoint once this many records were appended since the last one. */
  checkpointEvery: number;
  /** And at most this long after a record arrived (seconds; the app's timer). */
  checkpointSeconds: number;
}

export interface SecurityEventSink {
  (event: { kind: string; detail: Record<string, unknown> }): void;
}

const hex = (b: Buffer) => b.toString('hex');
const bad = (path: string, message: string) => invalid([{ path, message }]);

export function createTransparencyLog(repos: Repositories, clock: Clock, key: NoteKey, options: TransparencyOptions, security: SecurityEventSink = () => {}) {
  const origin = key.name;

  const view = (row: CheckpointRow) => ({
    origin,
    size: row.size,
    rootHash: row.rootHash,
    time: row.at,
    note: row.note,
    cosignatures: repos.transparency.cosignatures(row.size).map((c) => ({ witness: c.witness, vkey: c.vkey, line: c.line, at: c.at })),
  });

  /** A fork: record it, tell the security log. */
  function fork(reportedBy: string, detail: Record<string, unknown>): void {
    repos.transparency.insertFork(clock.now(), reportedBy, detail);
    security({ kind: 'audit_fork', detail: { reportedBy, ...detail } });
  }

  /** The tree's own size, after bringing it up to the chain. */
  function size(): number {
    const chain = repos.audit.last()?.seq ?? 0;
    if (repos.auditTree.size() < chain) catchUpTree(repos, chain);
    return repos.auditTree.size();
  }

  /** Signs a checkpoint of the tree as it is now (or returns the one already at this size). */
  function checkpoint() {
    const row = repos.transaction(() => {
      const n = size();
      const existing = repos.transparency.checkpoint(n);
      if (existing) return existing;
      const root = treeRoot(repos, n);
      // The tree under a cosigned head must not have changed: if it has, this log now shows a
      // history its witnesses never saw.
      const cosigned = repos.transparency.latestCosignedCheckpoint();
      if (cosigned && cosigned.size <= n && hex(treeRoot(repos, cosigned.size)) !== cosigned.rootHash) {
        fork('log', { reason: 'the tree no longer has the root a witness cosigned', size: cosigned.size, cosignedRoot: cosigned.rootHash, root: hex(treeRoot(repos, cosigned.size)) });
      }
      const at = clock.now();
      const created = { size: n, rootHash: hex(root), at, note: signNote(key, checkpointBody(origin, n, root, at)) };
      repos.transparency.insertCheckpoint(created);
      return created;
    });
    return view(row);
  }

  return {
    origin,
    key: () => ({ name: key.name, algorithm: 'Ed25519', keyId: hex(key.keyId), publicKey: key.publicKey.toString('base64'), vkey: key.vkey }),
    checkpoint,
    /** A note signed with the log key (a statement that is not a checkpoint: its second line is not a size). */
    signStatement(body: string): string {
      return signNote(key, body);
    },
    /** The latest checkpoint; the first one is made on demand. */
    latest() {
      const row = repos.transparency.latestCheckpoint();
      return row ? view(row) : checkpoint();
    },
    list(from: number, limit: number) {
      const rows = repos.transparency.checkpoints(from, limit + 1);
      return { items: rows.slice(0, limit).map(view), nextCursor: rows.length > limit ? String(rows[limit]!.size) : null };
    },
    /** Called after writes: a checkpoint once `checkpointEvery` records have accumulated. */
    maybeCheckpoint(): boolean {
      const last = repos.transparency.latestCheckpoint()?.size ?? 0;
      if ((repos.audit.last()?.seq ?? 0) - last < options.checkpointEvery) return false;
      checkpoint();
      return true;
    },
    /** Called by the timer: a checkpoint when anything arrived since the last one. */
    checkpointIfGrown(): boolean {
      const last = repos.transparency.latestCheckpoint()?.size ?? -1;
      if ((repos.audit.last()?.seq ?? 0) === last) return false;
      checkpoint();
      return true;
    },
    options,

    /** RFC 9162 inclusion proof of record `seq` in the tree of `size` (default: the latest checkpoint, made if it does not cover seq). */
    inclusion(seq: number, requestedSize?: number) {
      const n = size();
      if (seq < 1 || seq > n) throw bad('querystring.seq', `no audit record ${seq}: the log holds ${n}`);
      let treeSize = requestedSize;
      if (treeSize === undefined) {
        const latest = repos.transparency.latestCheckpoint();
        treeSize = latest && latest.size >= seq ? latest.size : checkpoint().size;
      }
      if (treeSize < seq || treeSize > n) throw bad('querystring.size', `must be between ${seq} and ${n}`);
      const cp = repos.transparency.checkpoint(treeSize);
      return {
        seq,
        leafIndex: seq - 1,
        treeSize,
        leafHash: hex(repos.auditTree.node(0, seq - 1)),
        rootHash: hex(treeRoot(repos, treeSize)),
        proof: treeInclusionProof(repos, seq - 1, treeSize).map(hex),
        checkpoint: cp ? view(cp) : null,
      };
    },
    /**
     * The inclusion proof paths (hex) of several records in the tree of `treeSize` (a bundle's
     * checkpoint), computed together: what `inclusion` gives per record, without the root and
     * checkpoint each single answer carries.
     */
    inclusionPaths(seqs: readonly number[], treeSize: number): string[][] {
      const n = size();
      if (treeSize > n) throw bad('querystring.size', `at most ${n}: the log holds ${n} records`);
      const out = seqs.find((seq) => seq < 1 || seq > treeSize);
      if (out !== undefined) throw bad('querystring.seq', `no audit record ${out} in a tree of ${treeSize}`);
      return treeInclusionProofs(repos, seqs.map((seq) => seq - 1), treeSize).map((path) => path.map(hex));
    },
    /** RFC 9162 consistency proof between two tree sizes. */
    consistency(from: number, to: number) {
      const n = size();
      if (to > n) throw bad('querystring.to', `at most ${n}: the log holds ${n} records`);
      if (from > to) throw bad('querystring.from', 'must not exceed to');
      return { from, to, fromRoot: hex(treeRoot(repos, from)), toRoot: hex(treeRoot(repos, to)), proof: treeConsistencyProof(repos, from, to).map(hex) };
    },

    /** Stores a witness's cosignature of the checkpoint at `size` after verifying it. */
    addCosignature(input: { size: number; vkey: string; line: string }) {
      const cp = repos.transparency.checkpoint(input.size);
      if (!cp) throw bad('body.size', `no checkpoint at size ${input.size}`);
      let witness: string;
      try {
        witness = parseVerifierKey(input.vkey).name;
        verifyCosignature(parseNote(cp.note).body, input.line, input.vkey);
      } catch (e) {
        throw bad('body.line', (e as Error).message);
      }
      repos.transaction(() => repos.transparency.insertCosignature({ size: cp.size, witness, vkey: input.vkey, line: input.line, at: clock.now() }));
      return view(cp);
    },
    /**
     * A witness reports two checkpoints it holds signed by this log's key. It is a fork when one
     * of them does not match this log's own tree at its size (same key, another history).
     */
    reportFork(reportedBy: string, notes: readonly string[]) {
      const checked = notes.map((note, i) => {
        try {
          return verifyCheckpoint(note, key.vkey);
        } catch (e) {
          throw bad(`body.notes.${i}`, (e as Error).message);
        }
      });
      const n = size();
      const differing = checked.filter((c) => c.size > n || !treeRoot(repos, c.size).equals(c.rootHash));
      const [a, b] = [...checked].sort((x, y) => x.size - y.size);
      const joined = differing.length === 0 && (!b || verifyConsistency(a!.size, b.size, treeConsistencyProof(repos, a!.size, b.size), a!.rootHash, b.rootHash));
      if (joined) throw bad('body.notes', 'these checkpoints are consistent with this log: no fork');
      const detail = { reason: 'a witness holds a checkpoint signed with this log\'s key that this log\'s tree does not match', checkpoints: checked.map((c) => ({ size: c.size, rootHash: hex(c.rootHash), matchesThisLog: !differing.includes(c) })) };
      repos.transaction(() => fork(reportedBy, detail));
      return { fork: true, ...detail };
    },
    forks: (limit?: number) => repos.transparency.forks(limit),
  };
}
export type TransparencyLog = ReturnType<typeof createTransparencyLog>;

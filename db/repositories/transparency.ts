import type { Db } from '../connection.ts';

/** Rows of the transparency log tables (db/transparencySchema.ts). */
export interface CheckpointRow { size: number; rootHash: string; at: string; note: string }
export interface CosignatureRow { size: number; witness: string; vkey: string; line: string; at: string }
export interface VerificationRow { id: number; at: string; mode: string; ok: boolean; size: number; hash: string; frontier: { size: number; hashes: string[] }; detail: unknown }
export interface ForkRow { id: number; at: string; reportedBy: string; detail: unknown }

/** The Merkle tree nodes: read and written inside the command's transaction by appendAudit. */
export function auditTreeRepository(db: Db) {
  const get = db.$client.prepare<[number, number], { hash: Buffer }>('select hash from audit_tree where level = ? and idx = ?');
  const put = db.$client.prepare('insert into audit_tree (level, idx, hash) values (?, ?, ?)');
  const range = db.$client.prepare<[number, number, number], { idx: number; hash: Buffer }>('select idx, hash from audit_tree where level = ? and idx between ? and ?');
  const leaves = db.$client.prepare<[], { n: number | null }>('select max(idx) + 1 as n from audit_tree where level = 0');
  return {
    node(level: number, index: number): Buffer {
      const row = get.get(level, index);
      if (!row) throw new Error(`the audit tree has no node ${level}/${index}`);
      return row.hash;
    },
    /** The stored nodes of one level from index `from` to `to` (inclusive), by index. */
    nodesIn(level: number, from: number, to: number): Map<number, Buffer> {
      return new Map(range.all(level, from, to).map((r) => [r.idx, r.hash] as const));
    },
    put(level: number, index: number, hash: Buffer): void {
      put.run(level, index, hash);
    },
    /** How many leaves the tree holds. */
    size(): number {
      return leaves.get()?.n ?? 0;
    },
  };
}
export type AuditTreeRepository = ReturnType<typeof auditTreeRepository>;

/** Checkpoints, cosignatures, verification points and fork reports. */
export function transparencyRepository(db: Db) {
  const c = db.$client;
  const checkpoint = (r: Record<string, unknown> | undefined): CheckpointRow | undefined =>
    r && { size: r['size'] as number, rootHash: r['root_hash'] as string, at: r['at'] as string, note: r['note'] as string };
  const latest = c.prepare('select * from audit_checkpoints order by size desc limit 1');
  const bySize = c.prepare('select * from audit_checkpoints where size = ?');
  const atOrBelow = c.prepare('select * from audit_checkpoints where size <= ? order by size desc limit 1');
  const page = c.prepare('select * from audit_checkpoints where size >= ? order by size asc limit ?');
  const after = c.prepare('select * from audit_checkpoints where size > ? and size <= ? order by size asc');
  const insertCheckpoint = c.prepare('insert into audit_checkpoints (size, root_hash, at, note) values (?, ?, ?, ?)');
  const cosigs = c.prepare<[number], CosignatureRow>('select size, witness, vkey, line, at from audit_cosignatures where size = ? order by at, witness');
  const latestCosigned = c.prepare('select cp.* from audit_checkpoints cp where exists (select 1 from audit_cosignatures s where s.size = cp.size) order by cp.size desc limit 1');
  const insertCosig = c.prepare('insert or ignore into audit_cosignatures (size, witness, vkey, line, at) values (?, ?, ?, ?, ?)');
  const lastVerified = c.prepare('select * from audit_verifications where ok = 1 order by id desc limit 1');
  const lastRun = c.prepare('select * from audit_verifications order by id desc limit 1');
  const insertVerification = c.prepare('insert into audit_verifications (at, mode, ok, size, hash, frontier, detail) values (?, ?, ?, ?, ?, ?, ?)');
  const forks = c.prepare('select * from audit_forks order by id desc limit ?');
  const insertFork = c.prepare('insert into audit_forks (at, reported_by, detail) values (?, ?, ?)');
  const verification = (r: Record<string, unknown> | undefined): VerificationRow | undefined =>
    r && {
      id: r['id'] as number, at: r['at'] as string, mode: r['mode'] as string, ok: r['ok'] === 1, size: r['size'] as number, hash: r['hash'] as string,
      frontier: JSON.parse(r['frontier'] as string) as VerificationRow['frontier'], detail: r['detail'] === null ? null : JSON.parse(r['detail'] as string),
    };
  type R = Record<string, unknown> | undefined;
  return {
    latestCheckpoint: () => checkpoint(latest.get() as R),
    checkpoint: (size: number) => checkpoint(bySize.get(size) as R),
    /** The newest checkpoint no larger than `size`. */
    checkpointAtOrBelow: (size: number) => checkpoint(atOrBelow.get(size) as R),
    checkpoints: (from: number, limit: number) => (page.all(from, limit) as R[]).map((r) => checkpoint(r)!),
    checkpointsBetween: (afterSize: number, upTo: number) => (after.all(afterSize, upTo) as R[]).map((r) => checkpoint(r)!),
    insertCheckpoint(row: CheckpointRow): void {
      insertCheckpoint.run(row.size, row.rootHash, row.at, row.note);
    },
    cosignatures: (size: number) => cosigs.all(size),
    latestCosignedCheckpoint: () => checkpoint(latestCosigned.get() as R),
    /** Stores a verified cosignature; false when that witness key had already cosigned this size. */
    insertCosignature(row: CosignatureRow): boolean {
      return insertCosig.run(row.size, row.witness, row.vkey, row.line, row.at).changes === 1;
    },
    lastVerified: () => verification(lastVerified.get() as R),
    lastVerificationRun: () => verification(lastRun.get() as R),
    insertVerification(row: Omit<VerificationRow, 'id'>): void {
      insertVerification.run(row.at, row.mode, row.ok ? 1 : 0, row.size, row.hash, JSON.stringify(row.frontier), row.detail === undefined ? null : JSON.stringify(row.detail));
    },
    forks: (limit = 20): ForkRow[] =>
      (forks.all(limit) as Array<Record<string, unknown>>).map((r) => ({ id: r['id'] as number, at: r['at'] as string, reportedBy: r['reported_by'] as string, detail: JSON.parse(r['detail'] as string) })),
    insertFork(at: string, reportedBy: string, detail: unknown): void {
      insertFork.run(at, reportedBy, JSON.stringify(detail));
    },
  };
}
export type TransparencyRepository = ReturnType<typeof transparencyRepository>;

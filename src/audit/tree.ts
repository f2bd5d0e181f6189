import type { Repositories } from '../../db/index.ts';
import { leafHash } from '../../tools/audit-verify.mjs';
import { leafText } from './chain.ts';
import { appendLeaf, consistencyProof, inclusionProof, inclusionProofs, rootHash, type NodeReader } from './merkle.ts';

/** The Merkle tree over the stored audit records (src/audit/merkle.ts over db's audit_tree). */
const reader = (repos: Repositories): NodeReader => (level, index) => repos.auditTree.node(level, index);
const writer = (repos: Repositories) => (level: number, index: number, hash: Buffer) => repos.auditTree.put(level, index, hash);

/**
 * Adds record `seq` (leaf seq-1) to the tree, inside the caller's transaction. A tree that lags
 * the chain (a database from before the tree existed, rows copied in by a tool) is first brought
 * up to date from the stored records, so leaf i is always record i+1.
 */
export function appendToTree(repos: Repositories, seq: number, canonicalText: string): void {
  const size = repos.auditTree.size();
  if (size < seq - 1) catchUpTree(repos, seq - 1);
  else if (size > seq - 1) throw new Error(`the audit tree already holds ${size} leaves; record ${seq} cannot be leaf ${seq - 1}`);
  appendLeaf(seq - 1, leafHash(canonicalText), reader(repos), writer(repos));
}

/** Brings the tree up to `upTo` leaves from the stored records (in chunks; caller holds the transaction). */
export function catchUpTree(repos: Repositories, upTo: number): number {
  let size = repos.auditTree.size();
  const start = size;
  while (size < upTo) {
    const rows = repos.audit.chunk(size, upTo, 5000);
    if (rows.length === 0) break;
    for (const r of rows) {
      if (r.seq !== size + 1) throw new Error(`audit record ${size + 1} is missing: the tree cannot be built past it`);
      appendLeaf(size, leafHash(leafText(r)), reader(repos), writer(repos));
      size += 1;
    }
  }
  return size - start;
}

/** The tree's root at `size` leaves, from stored nodes. */
export const treeRoot = (repos: Repositories, size: number): Buffer => rootHash(size, reader(repos));
export const treeInclusionProof = (repos: Repositories, index: number, size: number): Buffer[] => inclusionProof(index, size, reader(repos));
/** Nodes read a block of one level at a time (the proofs of a case's records read neighbouring nodes). */
const BLOCK = 256;
function blockReader(repos: Repositories): NodeReader {
  const blocks = new Map<string, Map<number, Buffer>>();
  return (level, index) => {
    const start = index - (index % BLOCK);
    const key = `${level}/${start}`;
    let block = blocks.get(key);
    if (!block) {
      block = repos.auditTree.nodesIn(level, start, start + BLOCK - 1);
      blocks.set(key, block);
    }
    return block.get(index) ?? repos.auditTree.node(level, index);
  };
}
/** The inclusion proofs of several leaves in the tree of `size` (a whole case's export). */
export const treeInclusionProofs = (repos: Repositories, indices: readonly number[], size: number): Buffer[][] => inclusionProofs(indices, size, blockReader(repos));
export const treeConsistencyProof = (repos: Repositories, from: number, to: number): Buffer[] => consistencyProof(from, to, reader(repos));

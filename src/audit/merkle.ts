import { EMPTY_ROOT, nodeHash } from '../../tools/audit-verify.mjs';

/**
 * The Merkle tree over the audit records (RFC 9162 §2.1), built from stored subtree hashes.
 *
 * A node is named (level, index): the hash of the perfect subtree over leaves
 * [index·2^level, (index+1)·2^level). Only perfect subtrees are stored (level 0 holds the leaf
 * hashes); the hash of any other range, the root included, is combined from at most log2(n) of
 * them, so appending a leaf writes its own hash plus one node per level it completes (O(log n),
 * amortised O(1)) and a proof reads O(log² n) stored nodes at worst.
 *
 * Verification lives in tools/audit-verify.mjs (dependency-free, also run by outsiders); this
 * module only builds roots and proofs.
 */
export type NodeReader = (level: number, index: number) => Buffer;
export type NodeWriter = (level: number, index: number, hash: Buffer) => void;

const largestPowerOfTwoBelow = (n: number): number => {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
};
const isPowerOfTwo = (n: number): boolean => n === 1 || (n > 1 && largestPowerOfTwoBelow(n) * 2 === n);

/**
 * MTH(D[start:end]) (RFC 9162 §2.1.1) over `read`; with `memo`, each combined (non-stored) range
 * is hashed once however many proofs ask for it.
 */
function rangeHasher(read: NodeReader, memo?: Map<string, Buffer>): (start: number, end: number) => Buffer {
  const range = (start: number, end: number): Buffer => {
    const n = end - start;
    if (n <= 0) throw new RangeError('an empty range has no subtree hash');
    if (isPowerOfTwo(n) && start % n === 0) return read(Math.log2(n), start / n);
    const key = `${start}:${end}`;
    const known = memo?.get(key);
    if (known) return known;
    const k = largestPowerOfTwoBelow(n);
    const hash = nodeHash(range(start, start + k), range(start + k, end));
    memo?.set(key, hash);
    return hash;
  };
  return range;
}

/** MTH(D[start:end]) (RFC 9162 §2.1.1), for the ranges the RFC's recursion produces. */
export const rangeHash = (start: number, end: number, read: NodeReader): Buffer => rangeHasher(read)(start, end);

/** The root hash of the tree of `size` leaves (the empty tree hashes to SHA-256 of nothing). */
export function rootHash(size: number, read: NodeReader): Buffer {
  return size === 0 ? EMPTY_ROOT : rangeHash(0, size, read);
}

/** PATH(index, D[0:size]) with the given range hasher. */
function pathOf(index: number, size: number, range: (start: number, end: number) => Buffer): Buffer[] {
  if (!(index >= 0 && index < size)) throw new RangeError(`leaf ${index} is not in a tree of ${size}`);
  const path = (m: number, start: number, end: number): Buffer[] => {
    const n = end - start;
    if (n === 1) return [];
    const k = largestPowerOfTwoBelow(n);
    return m < k ? [...path(m, start, start + k), range(start + k, end)] : [...path(m - k, start + k, end), range(start, start + k)];
  };
  return path(index, 0, size);
}

/** RFC 9162 §2.1.3.1: PATH(index, D[0:size]), the siblings from the leaf up to the root. */
export function inclusionProof(index: number, size: number, read: NodeReader): Buffer[] {
  return pathOf(index, size, rangeHasher(read));
}

/**
 * The inclusion proofs of several leaves in one tree (an export of a whole case): the stored
 * nodes and combined ranges their paths share are read and hashed once, not once per leaf.
 */
export function inclusionProofs(indices: readonly number[], size: number, read: NodeReader): Buffer[][] {
  const nodes = new Map<string, Buffer>();
  const cached: NodeReader = (level, index) => {
    const key = `${level}/${index}`;
    let hash = nodes.get(key);
    if (!hash) {
      hash = read(level, index);
      nodes.set(key, hash);
    }
    return hash;
  };
  const range = rangeHasher(cached, new Map());
  return indices.map((i) => pathOf(i, size, range));
}

/** RFC 9162 §2.1.4.1: PROOF(from, D[0:to]), showing the tree of `from` is a prefix of `to`'s. */
export function consistencyProof(from: number, to: number, read: NodeReader): Buffer[] {
  if (!(from >= 0 && from <= to)) throw new RangeError(`no consistency proof from ${from} to ${to}`);
  if (from === 0 || from === to) return [];
  const subproof = (m: number, start: number, end: number, whole: boolean): Buffer[] => {
    const n = end - start;
    if (m === n) return whole ? [] : [rangeHash(start, end, read)];
    const k = largestPowerOfTwoBelow(n);
    return m <= k
      ? [...subproof(m, start, start + k, whole), rangeHash(start + k, end, read)]
      : [...subproof(m - k, start + k, end, false), rangeHash(start, start + k, read)];
  };
  return subproof(from, 0, to, true);
}

/**
 * Appends leaf `index` (the tree holds exactly `index` leaves before): writes its hash and every
 * perfect subtree it completes, reading one left sibling per completed level.
 */
export function appendLeaf(index: number, leaf: Buffer, read: NodeReader, write: NodeWriter): void {
  write(0, index, leaf);
  let hash = leaf;
  let level = 0;
  let i = index;
  while (i % 2 === 1) {
    hash = nodeHash(read(level, i - 1), hash);
    i = (i - 1) / 2;
    level += 1;
    write(level, i, hash);
  }
}

/**
 * A compact range over [0, size) (the right-edge frontier): one hash per set bit of `size`,
 * largest subtree first. Enough to extend the tree leaf by leaf and compute its root without
 * any stored node; incremental verification keeps one beside the last verified point.
 */
export class Frontier {
  constructor(public size = 0, public hashes: Buffer[] = []) {}

  push(leaf: Buffer): void {
    let hash = leaf;
    let n = this.size;
    while (n % 2 === 1) {
      hash = nodeHash(this.hashes.pop()!, hash);
      n = (n - 1) / 2;
    }
    this.hashes.push(hash);
    this.size += 1;
  }

  root(): Buffer {
    if (this.hashes.length === 0) return EMPTY_ROOT;
    let hash = this.hashes.at(-1)!;
    for (let i = this.hashes.length - 2; i >= 0; i -= 1) hash = nodeHash(this.hashes[i]!, hash);
    return hash;
  }

  toJSON(): { size: number; hashes: string[] } {
    return { size: this.size, hashes: this.hashes.map((h) => h.toString('hex')) };
  }

  static from(value: { size: number; hashes: readonly string[] }): Frontier {
    return new Frontier(value.size, value.hashes.map((h) => Buffer.from(h, 'hex')));
  }
}

/** A tree held in memory, from its leaf hashes (tests, bundles built off-line). */
export function memoryTree(leaves: readonly Buffer[]): NodeReader {
  const nodes = new Map<string, Buffer>();
  leaves.forEach((leaf, i) => appendLeaf(i, leaf, (l, j) => nodes.get(`${l}/${j}`)!, (l, j, h) => nodes.set(`${l}/${j}`, h)));
  return (level, index) => {
    const hash = nodes.get(`${level}/${index}`);
    if (!hash) throw new RangeError(`no node ${level}/${index}`);
    return hash;
  };
}

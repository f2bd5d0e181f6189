import { describe, expect, it } from 'vitest';
import { consistencyProof, Frontier, inclusionProof, inclusionProofs, memoryTree, rootHash } from '../../src/audit/merkle.ts';
import { EMPTY_ROOT, inclusionProofLength, leafHash, nodeHash, verifyConsistency, verifyInclusion } from '../../tools/audit-verify.mjs';
import vectors from './merkle-vectors.json' with { type: 'json' };

/** RFC 9162 §2.1 over the reference vectors (merkle-vectors.json), then forged proofs. */
const h = (x: string) => Buffer.from(x, 'hex');
const leaves = vectors.leaves.map((l) => leafHash(h(l)));
const tree = memoryTree(leaves);
const root = (size: number) => h(vectors.roots[size - 1]!);
const flip = (proof: Buffer[], i: number, bit: number) => proof.map((p, j) => (j === i ? Buffer.from(p.map((b, k) => (k === 0 ? b ^ bit : b))) : p));
const SOME = h('abacaba000000000000000000000000000000000000000000060061e00123456');

describe('tree hashes (RFC 9162 §2.1.1)', () => {
  it('every root of the reference trees of 1..8 leaves, and the empty tree', () => {
    for (let size = 1; size <= 8; size += 1) expect(rootHash(size, tree).toString('hex'), `size ${size}`).toBe(vectors.roots[size - 1]);
    expect(rootHash(0, tree).toString('hex')).toBe(vectors.emptyRoot);
    expect(EMPTY_ROOT.toString('hex')).toBe(vectors.emptyRoot);
  });

  it('the frontier extended leaf by leaf has the same roots, and survives a JSON round trip', () => {
    let f = new Frontier();
    for (let i = 0; i < leaves.length; i += 1) {
      f.push(leaves[i]!);
      f = Frontier.from(JSON.parse(JSON.stringify(f)) as { size: number; hashes: string[] });
      expect(f.root().toString('hex'), `size ${i + 1}`).toBe(vectors.roots[i]);
    }
  });

  it('leaf and node hashes are domain-separated: a leaf holding two hashes is not their parent', () => {
    expect(leafHash(Buffer.concat([leaves[0]!, leaves[1]!])).equals(nodeHash(leaves[0]!, leaves[1]!))).toBe(false);
  });
});

describe('inclusion proofs (RFC 9162 §2.1.3)', () => {
  it('generates the reference proofs and verifies them', () => {
    for (const v of vectors.inclusion) {
      const proof = inclusionProof(v.leaf - 1, v.size, tree);
      expect(proof.map((p) => p.toString('hex')), `${v.leaf} in ${v.size}`).toEqual(v.proof);
      expect(verifyInclusion(v.leaf - 1, v.size, leaves[v.leaf - 1]!, proof, root(v.size))).toBe(true);
    }
  });

  it('every leaf of trees of 1..70 leaves proves itself, with the length the tree shape demands', () => {
    const big = Array.from({ length: 70 }, (_, i) => leafHash(`record ${i}`));
    const t = memoryTree(big);
    for (let size = 1; size <= 70; size += 1) {
      const r = rootHash(size, t);
      for (let i = 0; i < size; i += 1) {
        const proof = inclusionProof(i, size, t);
        expect(proof).toHaveLength(inclusionProofLength(i, size));
        expect(verifyInclusion(i, size, big[i]!, proof, r), `${i} in ${size}`).toBe(true);
      }
    }
  });

  it('proofs of many leaves at once are the single proofs, each node read once; a leaf outside the tree is refused', () => {
    const big = Array.from({ length: 70 }, (_, i) => leafHash(`record ${i}`));
    const t = memoryTree(big);
    for (const size of [1, 2, 37, 64, 70]) {
      const reads = new Map<string, number>();
      const counted = (level: number, index: number) => {
        reads.set(`${level}/${index}`, (reads.get(`${level}/${index}`) ?? 0) + 1);
        return t(level, index);
      };
      const all = Array.from({ length: size }, (_, i) => i);
      expect(inclusionProofs(all, size, counted), `size ${size}`).toEqual(all.map((i) => inclusionProof(i, size, t)));
      expect([...reads.values()].every((n) => n === 1), `size ${size}`).toBe(true);
    }
    expect(() => inclusionProofs([3, 70], 70, t)).toThrow(RangeError);
  });

  it('refuses forged proofs: wrong sibling, wrong index, wrong size, swapped order, extra or missing hashes', () => {
    for (const v of vectors.inclusion.filter((x) => x.proof.length > 0)) {
      const i = v.leaf - 1;
      const proof = v.proof.map(h);
      const r = root(v.size);
      const leaf = leaves[i]!;
      const forged: Array<[string, number, number, Buffer, Buffer[], Buffer]> = [
        ['index - 1', i - 1, v.size, leaf, proof, r],
        ['index + 1', i + 1, v.size, leaf, proof, r],
        ['index ^ 2', i ^ 2, v.size, leaf, proof, r],
        ['size * 2', i, v.size * 2, leaf, proof, r],
        ['size / 2', i, Math.floor(v.size / 2), leaf, proof, r],
        ['wrong leaf', i, v.size, leafHash('WrongLeaf'), proof, r],
        ['empty root', i, v.size, leaf, proof, EMPTY_ROOT],
        ['random root', i, v.size, leaf, proof, SOME],
        ['trailing root', i, v.size, leaf, [...proof, r], r],
        ['preceding root', i, v.size, leaf, [r, ...proof], r],
        ['removed component', i, v.size, leaf, proof.slice(0, -1), r],
        ['inserted component', i, v.size, leaf, [proof[0]!, SOME, ...proof.slice(1)], r],
        ['short hash', i, v.size, leaf, [proof[0]!.subarray(0, 31), ...proof.slice(1)], r],
        ...proof.map((_, k) => [`modified proof[${k}]`, i, v.size, leaf, flip(proof, k, 8), r] as [string, number, number, Buffer, Buffer[], Buffer]),
      ];
      if (proof.length > 1) forged.push(['swapped order', i, v.size, leaf, [proof[1]!, proof[0]!, ...proof.slice(2)], r]);
      for (const [desc, index, size, l, p, rt] of forged) expect(verifyInclusion(index, size, l, p, rt), `${desc} (${v.leaf} in ${v.size})`).toBe(false);
    }
  });

  it('an interior node does not pass for a leaf with a shortened proof (GO-2022-1117 style)', () => {
    // In the tree of 8, node (level 1, index 0) = hash(leaf0, leaf1). A forger offers the two
    // child hashes as the "record" and the upper part of leaf 0's real proof. The verifier hashes
    // the record itself (0x00 prefix), so the interior node is never reached; and against the
    // signed size 8 the shortened proof has the wrong length.
    const interior = nodeHash(leaves[0]!, leaves[1]!);
    const upper = inclusionProof(0, 8, tree).slice(1);
    const asRecord = leafHash(Buffer.concat([leaves[0]!, leaves[1]!]));
    expect(verifyInclusion(0, 8, interior, upper, root(8))).toBe(false);
    expect(verifyInclusion(0, 4, asRecord, upper, root(8))).toBe(false);
    expect(verifyInclusion(0, 8, asRecord, upper, root(8))).toBe(false);
    // And the root itself is not a leaf of its own tree with an empty proof.
    expect(verifyInclusion(0, 8, root(8), [], root(8))).toBe(false);
    expect(verifyInclusion(0, 1, leaves[0]!, [], leaves[0]!)).toBe(true);
  });

  it('refuses impossible positions', () => {
    for (const [i, size] of [[0, 0], [1, 0], [2, 1], [-1, 4]] as const) expect(verifyInclusion(i, size, SOME, [], EMPTY_ROOT)).toBe(false);
    expect(() => inclusionProof(8, 8, tree)).toThrow(RangeError);
  });
});

describe('consistency proofs (RFC 9162 §2.1.4)', () => {
  it('generates the reference proofs and verifies them', () => {
    for (const v of vectors.consistency) {
      const proof = consistencyProof(v.size1, v.size2, tree);
      expect(proof.map((p) => p.toString('hex')), `${v.size1} to ${v.size2}`).toEqual(v.proof);
      expect(verifyConsistency(v.size1, v.size2, proof, root(v.size1), root(v.size2))).toBe(true);
    }
  });

  it('every pair of sizes up to 40 is consistent', () => {
    const big = Array.from({ length: 40 }, (_, i) => leafHash(`record ${i}`));
    const t = memoryTree(big);
    for (let m = 0; m <= 40; m += 1) {
      for (let n = m; n <= 40; n += 1) expect(verifyConsistency(m, n, consistencyProof(m, n, t), rootHash(m, t), rootHash(n, t)), `${m} to ${n}`).toBe(true);
    }
  });

  it('trivial cases: equal sizes need equal roots and no proof; time does not run backwards', () => {
    expect(verifyConsistency(0, 0, [], EMPTY_ROOT, EMPTY_ROOT)).toBe(true);
    expect(verifyConsistency(3, 3, [], root(3), root(3))).toBe(true);
    expect(verifyConsistency(3, 3, [], root(3), root(4))).toBe(false);
    expect(verifyConsistency(3, 3, [EMPTY_ROOT], root(3), root(3))).toBe(false);
    expect(verifyConsistency(4, 3, [], root(4), root(3))).toBe(false);
    expect(verifyConsistency(1, 2, [], root(1), root(2))).toBe(false);
  });

  it('refuses forged proofs: wrong sizes, wrong or swapped roots, extra, missing, reordered or altered hashes', () => {
    for (const v of vectors.consistency.filter((x) => x.proof.length > 0)) {
      const proof = v.proof.map(h);
      const r1 = root(v.size1);
      const r2 = root(v.size2);
      const forged: Array<[string, number, number, Buffer[], Buffer, Buffer]> = [
        ['size1 - 1', v.size1 - 1, v.size2, proof, r1, r2],
        ['size1 + 1', v.size1 + 1, v.size2, proof, r1, r2],
        ['size1 ^ 2', v.size1 ^ 2, v.size2, proof, r1, r2],
        ['size2 * 2', v.size1, v.size2 * 2, proof, r1, r2],
        ['size2 / 2', v.size1, Math.floor(v.size2 / 2), proof, r1, r2],
        ['wrong root1', v.size1, v.size2, proof, SOME, r2],
        ['wrong root2', v.size1, v.size2, proof, r1, SOME],
        ['swapped roots', v.size1, v.size2, proof, r2, r1],
        ['empty proof', v.size1, v.size2, [], r1, r2],
        ['trailing root1', v.size1, v.size2, [...proof, r1], r1, r2],
        ['preceding root2', v.size1, v.size2, [r2, ...proof], r1, r2],
        ['preceding proof[0]', v.size1, v.size2, [proof[0]!, ...proof], r1, r2],
        ['truncated', v.size1, v.size2, proof.slice(0, -1), r1, r2],
        ...proof.map((_, k) => [`modified proof[${k}]`, v.size1, v.size2, flip(proof, k, 16), r1, r2] as [string, number, number, Buffer[], Buffer, Buffer]),
      ];
      if (proof.length > 1) forged.push(['swapped order', v.size1, v.size2, [proof[1]!, proof[0]!, ...proof.slice(2)], r1, r2]);
      for (const [desc, s1, s2, p, a, b] of forged) expect(verifyConsistency(s1, s2, p, a, b), `${desc} (${v.size1} to ${v.size2})`).toBe(false);
    }
  });
});

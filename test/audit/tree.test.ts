import { describe, expect, it } from 'vitest';
import canonicalize from 'canonicalize';
import { createRepositories, openDatabase } from '../../db/index.ts';
import { leafText } from '../../src/audit/chain.ts';
import { memoryTree, rootHash } from '../../src/audit/merkle.ts';
import { catchUpTree, treeConsistencyProof, treeInclusionProof, treeInclusionProofs, treeRoot } from '../../src/audit/tree.ts';
import { RegisterCase } from '../../src/engine/cases.ts';
import { createServices } from '../../src/services.ts';
import { canonicalJson, chainHash, leafHash, verifyConsistency, verifyInclusion } from '../../tools/audit-verify.mjs';
import type { Actor } from '../../workflows/roles.ts';
import { adultWoman, boy } from '../support/app.ts';

/** The Merkle tree kept beside the audit chain, in the command's transaction (issue 15.1). */
const caseworker: Actor = { id: 'u-cw', roles: ['caseworker'] };

function filled(n = 6) {
  const repos = createRepositories(openDatabase(':memory:'));
  const services = createServices(repos);
  for (let i = 0; i < n; i += 1) services.cases.register(RegisterCase.parse(i % 2 ? adultWoman : boy()), caseworker);
  return { repos, services };
}

describe('the stored audit tree', () => {
  it('holds one leaf per record, the record\'s canonical text: its root is the RFC 9162 root of those leaves', () => {
    const { repos } = filled();
    const records = repos.audit.list();
    expect(repos.auditTree.size()).toBe(records.length);
    const leaves = records.map((r) => leafHash(leafText(r)));
    expect(treeRoot(repos, records.length).equals(rootHash(records.length, memoryTree(leaves)))).toBe(true);
    for (const r of records) {
      const proof = treeInclusionProof(repos, r.seq - 1, records.length);
      expect(verifyInclusion(r.seq - 1, records.length, leaves[r.seq - 1]!, proof, treeRoot(repos, records.length))).toBe(true);
    }
    // All at once (an export's bundle), read from the stored nodes a block at a time: the same proofs.
    expect(treeInclusionProofs(repos, records.map((r) => r.seq - 1), records.length)).toEqual(records.map((r) => treeInclusionProof(repos, r.seq - 1, records.length)));
    for (let m = 1; m <= records.length; m += 1) expect(verifyConsistency(m, records.length, treeConsistencyProof(repos, m, records.length), treeRoot(repos, m), treeRoot(repos, records.length))).toBe(true);
  });

  it('the standalone verifier hashes records exactly as the server does (its canonical JSON is RFC 8785 for audit records)', () => {
    const { repos } = filled(4);
    for (const r of repos.audit.list()) {
      expect(leafText(r)).toBe(canonicalJson(Object.fromEntries(Object.entries(r).filter(([k]) => k !== 'hash'))));
      expect(canonicalJson(r)).toBe(canonicalize(r));
      expect(chainHash(r as unknown as Record<string, unknown>)).toBe(r.hash);
    }
  });

  it('a database whose tree lags its chain is brought up to date before the next leaf, with the same root', () => {
    const { repos, services } = filled(3);
    const size = repos.audit.list().length;
    const root = treeRoot(repos, size);
    const copy = createRepositories(openDatabase(':memory:'));
    // Records copied in without their tree (as from a database made before the tree existed).
    for (const r of repos.audit.list()) copy.audit.insert(r);
    expect(copy.auditTree.size()).toBe(0);
    expect(copy.transaction(() => catchUpTree(copy, size))).toBe(size);
    expect(treeRoot(copy, size).equals(root)).toBe(true);
    // And appending through the engine continues the same tree.
    services.cases.register(RegisterCase.parse(boy()), caseworker);
    const lagging = createRepositories(openDatabase(':memory:'));
    for (const r of repos.audit.list().slice(0, -1)) lagging.audit.insert(r);
    createServices(lagging).cases.register(RegisterCase.parse(boy()), caseworker);
    expect(lagging.auditTree.size()).toBe(size + 1);
  });

  it('tree nodes are append-only', () => {
    const { repos } = filled(1);
    expect(() => repos.db.$client.exec('UPDATE audit_tree SET hash = zeroblob(32)')).toThrow(/append-only/);
    expect(() => repos.db.$client.exec('DELETE FROM audit_tree')).toThrow(/append-only/);
  });
});

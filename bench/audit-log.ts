/**
 * The audit log as a transparency log, measured (issue 15): the cost the Merkle tree adds to each
 * appended record, proof sizes, and verification rates (incremental vs full). In-process on a
 * temporary encrypted file database (raw key) with the engine's pragmas; short (a few seconds). Prints figures only;
 * nothing here is asserted (tests check behaviour, this measures speed).
 *
 *   npm run bench:audit            (RECORDS=20000 by default)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createRepositories, openDatabase } from '../db/index.ts';
import { canonical, chainHashOf, GENESIS } from '../src/audit/chain.ts';
import { inclusionProof, memoryTree } from '../src/audit/merkle.ts';
import { appendAudit } from '../src/engine/audit.ts';
import { createServices } from '../src/services.ts';
import { inclusionProofLength, leafHash } from '../tools/audit-verify.mjs';

const RECORDS = Number(process.env['RECORDS'] ?? 20_000);
const dir = mkdtempSync(join(tmpdir(), 'kp-bench-audit-'));
const actor = { id: 'u-bench', roles: ['caseworker'] as const };
const entry = (i: number) => ({
  at: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(), caseId: `c-${i % 500}`, workflow: 'screening', actor: { id: actor.id, roles: [...actor.roles] },
  type: 'SUBMIT', data: { note: 'x'.repeat(200) }, fromState: 'in_progress', toState: 'submitted', result: 'applied' as const, verdicts: [] as const,
});
const rate = (n: number, ms: number) => Math.round((n / ms) * 1000);

try {
  // 1. Append: the engine's appendAudit (chain + tree + rulesetHash) vs the chain insert alone.
  const withTree = createRepositories(openDatabase(join(dir, 'tree.sqlite'), { key: { kind: 'raw', hex: randomBytes(32).toString('hex') } }));
  const t0 = performance.now();
  for (let i = 0; i < RECORDS; i += 1) withTree.transaction(() => appendAudit(withTree, entry(i)));
  const treeMs = performance.now() - t0;

  const chainOnly = createRepositories(openDatabase(join(dir, 'chain.sqlite'), { key: { kind: 'raw', hex: randomBytes(32).toString('hex') } }));
  let prev = GENESIS;
  const t1 = performance.now();
  for (let i = 0; i < RECORDS; i += 1) {
    chainOnly.transaction(() => {
      const e = entry(i);
      const unhashed = { seq: i + 1, ...e, instance: '', justification: null, prevHash: prev };
      const hash = chainHashOf(prev, canonical(unhashed));
      chainOnly.audit.insert({ ...unhashed, hash });
      prev = hash;
    });
  }
  const chainMs = performance.now() - t1;
  const perTree = (treeMs / RECORDS) * 1000;
  const perChain = (chainMs / RECORDS) * 1000;
  console.log(`append (${RECORDS} records, one transaction each, synchronous=${withTree.db.$client.pragma('synchronous', { simple: true })}):`);
  console.log(`  chain only            ${perChain.toFixed(1)} µs/record`);
  console.log(`  chain + Merkle tree   ${perTree.toFixed(1)} µs/record  (+${(perTree - perChain).toFixed(1)} µs, ${(perTree / perChain).toFixed(2)}x; ceiling = chain only)`);
  const nodes = (withTree.db.$client.prepare('select count(*) as n from audit_tree').get() as { n: number }).n;
  console.log(`  tree rows             ${nodes} (${(nodes / RECORDS).toFixed(2)} per record)`);

  // 2. Proof sizes.
  console.log('proof sizes (32-byte hashes):');
  for (const size of [1_000, 100_000, 1_000_000, 17_600_000]) {
    const worst = Math.max(inclusionProofLength(0, size), inclusionProofLength(size - 1, size));
    console.log(`  log of ${size.toLocaleString('en')} records: inclusion ${worst} hashes (${worst * 32} bytes, ${worst * 65} as hex JSON)`);
  }
  const leaves = Array.from({ length: 4096 }, (_, i) => leafHash(`r${i}`));
  const tree = memoryTree(leaves);
  console.log(`  measured: inclusion of leaf 1234 in 4096 = ${inclusionProof(1234, 4096, tree).length} hashes`);

  // 3. Verification: full (every record) vs incremental (records since the last verified checkpoint).
  const services = createServices(withTree);
  services.transparency.checkpoint();
  const t2 = performance.now();
  const full = services.verifier.fullSync();
  const fullMs = performance.now() - t2;
  const NEW = 200;
  for (let i = RECORDS; i < RECORDS + NEW; i += 1) withTree.transaction(() => appendAudit(withTree, entry(i)));
  const t3 = performance.now();
  const inc = services.verifier.incremental();
  const incMs = performance.now() - t3;
  // 4. A case history's v2 proof bundle (issue 15): records, inclusion proofs, and the signed list of the case's records.
  const caseRows = withTree.audit.bySeqs(withTree.audit.caseSeqs('c-0', 1, RECORDS + NEW));
  const bundle = services.proofs.bundle(caseRows, { caseId: 'c-0', fromSeq: 1, complete: true });
  const bytes = (x: unknown) => Buffer.byteLength(JSON.stringify(x));
  const proofBytes = bundle.records.reduce((n, r) => n + bytes(r.proof), 0);
  console.log(`bundle of one case's history (${caseRows.length} records in a log of ${bundle.checkpoint.size}):`);
  console.log(`  whole bundle          ${bytes(bundle)} bytes as JSON (${Math.round(bytes(bundle) / caseRows.length)} per record)`);
  console.log(`  inclusion proofs      ${proofBytes} bytes (${Math.round(proofBytes / caseRows.length)} per record)`);
  console.log(`  signed list (v2)      ${bytes(bundle.caseRecords)} bytes (${Buffer.byteLength(bundle.caseRecords.note)} of signed note)`);
  console.log('verify:');
  console.log(`  full         ${full.checked} records in ${fullMs.toFixed(0)} ms = ${rate(full.checked, fullMs)} records/s (ok=${full.ok})`);
  console.log(`  incremental  ${inc.checked} new records in ${incMs.toFixed(1)} ms = ${rate(inc.checked, incMs)} records/s (ok=${inc.ok}); ${(fullMs / incMs).toFixed(0)}x less time than the full walk`);
  withTree.db.$client.close();
  chainOnly.db.$client.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}

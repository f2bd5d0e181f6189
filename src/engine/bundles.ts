import type { AuditRow, Repositories } from '../../db/index.ts';
import type { RecordFor } from '../../workflows/privacy.ts';
import type { TransparencyLog } from './transparency.ts';
import { caseRecordsBody } from '../../tools/audit-verify.mjs';

/**
 * Proof bundles (issue 15.5): what lets a recipient of a case history check offline, with the
 * log's public key only, that each record is in the log the operator signed.
 *
 * Each record travels in the exact form the log hashes (`hashed`) beside its readable form. A
 * record redacted for the reader (a child's record read by reviewer, policy or admin) must not
 * reach them unredacted through its hashed form: while records hold personal fields in clear,
 * such a record carries its hashes only (`leafHash`, `hash`, `prevHash`, `withheld: "redacted"`),
 * which still proves that a record with that hash is in the signed log, but not what it says.
 * Once personal fields are stored as ciphertext envelopes, the stored form reveals nothing and
 * can travel in full.
 *
 * v2 bundles also carry the log's signed list of every record of the case in the bundle's range
 * (`caseRecords`), so that a record left out of the bundle is detected from the bundle alone.
 */
export interface BundleRecord {
  seq: number;
  leafIndex: number;
  proof: string[];
  hashed?: AuditRow;
  withheld?: 'redacted';
  leafHash?: string;
  hash?: string;
  prevHash?: string;
}

export interface ProofBundle {
  format: 'kp-audit-proof-bundle/v2';
  verifier: string;
  key: { vkey: string };
  checkpoint: { size: number; rootHash: string; time: string; note: string };
  cosignatures: Array<{ witness: string; vkey: string; line: string }>;
  /** The log's signed statement of the case's records from `from` to `to` (tools/audit-verify.mjs `caseRecordsBody`). */
  caseRecords: { caseId: string; from: number; to: number; note: string };
  records: BundleRecord[];
}

/** What a bundle covers: the case's records from `fromSeq`, to the checkpoint (`complete`) or to the last record given (one page). */
export interface BundleCoverage {
  caseId: string;
  fromSeq: number;
  /** The range ends here (one disclosed record: the dossier); otherwise as `complete` says. */
  toSeq?: number;
  complete: boolean;
}

export const VERIFY_HINT = 'node tools/audit-verify.mjs BUNDLE.json --key VKEY (or npm run cli -- audit verify-proof BUNDLE.json)';

/** The hashed form of records as `reader` may have them: the stored row, or hashes only when redacted. */
export function hashedForms(repos: Repositories, records: ReadonlyArray<RecordFor<AuditRow>>): Array<AuditRow | { seq: number; withheld: 'redacted'; leafHash: string; hash: string; prevHash: string }> {
  const stored = new Map(repos.audit.bySeqs(records.filter((r) => !r.redacted).map((r) => r.seq)).map((r) => [r.seq, r] as const));
  return records.map((r) =>
    r.redacted
      ? { seq: r.seq, withheld: 'redacted' as const, leafHash: repos.auditTree.node(0, r.seq - 1).toString('hex'), hash: r.hash, prevHash: r.prevHash }
      : stored.get(r.seq)!,
  );
}

/** A bundle for these records (as the reader sees them) against a signed checkpoint covering them all. */
export function proofBundle(repos: Repositories, log: TransparencyLog, records: ReadonlyArray<RecordFor<AuditRow>>, coverage: BundleCoverage): ProofBundle {
  const highest = records.reduce((m, r) => Math.max(m, r.seq), 0);
  const latest = log.latest();
  const cp = latest.size >= highest ? latest : log.checkpoint();
  const forms = hashedForms(repos, records);
  const to = coverage.toSeq ?? (coverage.complete ? cp.size : Math.max(highest, coverage.fromSeq - 1));
  const listed = repos.audit.caseSeqs(coverage.caseId, coverage.fromSeq, to);
  const root = Buffer.from(cp.rootHash, 'hex').toString('base64');
  const paths = log.inclusionPaths(forms.map((f) => f.seq), cp.size);
  return {
    format: 'kp-audit-proof-bundle/v2',
    verifier: VERIFY_HINT,
    key: { vkey: log.key().vkey },
    checkpoint: { size: cp.size, rootHash: cp.rootHash, time: cp.time, note: cp.note },
    cosignatures: cp.cosignatures.map((c) => ({ witness: c.witness, vkey: c.vkey, line: c.line })),
    caseRecords: { caseId: coverage.caseId, from: coverage.fromSeq, to, note: log.signStatement(caseRecordsBody(log.origin, coverage.caseId, cp.size, root, coverage.fromSeq, to, listed)) },
    records: forms.map((f, i) => {
      const proof = paths[i]!;
      return 'withheld' in f
        ? { seq: f.seq, leafIndex: f.seq - 1, proof, withheld: f.withheld, leafHash: f.leafHash, hash: f.hash, prevHash: f.prevHash }
        : { seq: f.seq, leafIndex: f.seq - 1, proof, hashed: f };
    }),
  };
}

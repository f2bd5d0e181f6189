/** Types for tools/audit-verify.mjs (the standalone verifier the server also uses). */
export declare function leafHash(leaf: string | Buffer): Buffer;
export declare function nodeHash(left: Buffer, right: Buffer): Buffer;
export declare const EMPTY_ROOT: Buffer;
export declare function canonicalJson(value: unknown): string;
export declare function recordLeaf(hashed: Record<string, unknown>): string;
export declare function chainHash(hashed: Record<string, unknown>): string;
export declare function inclusionProofLength(index: number, size: number): number;
export declare function rootFromInclusionProof(index: number, size: number, leaf: Buffer, proof: readonly Buffer[]): Buffer;
export declare function verifyInclusion(index: number, size: number, leaf: Buffer, proof: readonly Buffer[], root: Buffer): boolean;
export declare function verifyConsistency(size1: number, size2: number, proof: readonly Buffer[], root1: Buffer, root2: Buffer): boolean;
export declare const ALG_ED25519: 1;
export declare const ALG_COSIGNATURE_V1: 4;
export interface VerifierKey { name: string; alg: number; publicKey: Buffer; keyId: Buffer }
export declare function keyId(name: string, alg: number, publicKey: Buffer): Buffer;
export declare function formatVerifierKey(name: string, alg: number, publicKey: Buffer): string;
export declare function parseVerifierKey(vkey: string): VerifierKey;
export interface NoteSignature { name: string; keyId: Buffer; signature: Buffer; line: string }
export declare function parseNote(note: string): { body: string; signatures: NoteSignature[] };
export interface Checkpoint { origin: string; size: number; rootHash: Buffer; extensions: string[] }
export declare function parseCheckpoint(body: string): Checkpoint;
export declare function verifyCheckpoint(note: string, vkey: string | VerifierKey): Checkpoint & { body: string; signatures: NoteSignature[] };
export declare function cosignedMessage(body: string, timestamp: string | number | bigint): string;
export declare function verifyCosignature(body: string, line: string, vkey: string | VerifierKey): number;
export declare const CASE_RECORDS_V1: 'kp-case-records/v1';
export declare function caseRecordsBody(origin: string, caseId: string, size: number, root: string, from: number, to: number, seqs: readonly number[]): string;
export interface CaseRecords { caseId: string; size: number; rootHash: string; from: number; to: number; seqs: number[] }
export declare function verifyCaseRecords(note: string, vkey: string | VerifierKey): CaseRecords;
export interface BundleFailure { seq: number | null; reason: string }
export interface BundleResult {
  ok: boolean; checked: number; withheld?: number; size?: number; origin?: string;
  /** A v2 bundle whose signed list of the case's records matched: no record of the range is missing. */
  complete?: boolean; caseId?: string; range?: { from: number; to: number };
  failures: BundleFailure[];
}
export declare function verifyBundle(bundle: unknown, pinnedKey?: string, options?: { requireComplete?: boolean }): BundleResult;

import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { AuditRow } from '../../db/index.ts';

/**
 * The tamper-evident audit chain: hash = sha256(prevHash + canonical JSON of the record without
 * its hash), RFC 8785 canonical JSON. The first record's prevHash is 64 zeros.
 */
export const GENESIS = '0'.repeat(64);

export type AuditRecord = AuditRow;
export type UnhashedRecord = Omit<AuditRecord, 'hash'>;

export function canonical(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('value cannot be canonicalised');
  return text;
}

export function hashRecord(record: UnhashedRecord): string {
  return chainHashOf(record.prevHash, canonical(record));
}

/** The chain hash from the record's canonical text (computed once, shared with its Merkle leaf). */
export function chainHashOf(prevHash: string, canonicalText: string): string {
  return createHash('sha256').update(prevHash + canonicalText).digest('hex');
}

/**
 * The Merkle leaf of a record (RFC 9162 leaf input): the very text the chain hashes, its
 * canonical JSON without `hash`. Whatever the record holds (ciphertext envelopes, once personal
 * fields are encrypted per person) is what the proofs commit to.
 */
export function leafText(record: AuditRecord | UnhashedRecord): string {
  const { hash: _hash, ...rest } = record as AuditRecord;
  return canonical(rest);
}

export interface ChainStatus {
  ok: boolean;
  records: number;
  firstBroken?: { seq: number; reason: string };
}

/**
 * Walks the chain in order: each record must link to its predecessor's hash, carry the next
 * sequence number, and hash to its stored value. Reports the first record that does not.
 */
export function verifyChain(records: Iterable<AuditRecord>): ChainStatus {
  let prev = GENESIS;
  let expectedSeq = 1;
  let count = 0;
  for (const r of records) {
    count += 1;
    const { hash, ...rest } = r;
    if (r.seq !== expectedSeq) return { ok: false, records: count, firstBroken: { seq: r.seq, reason: `expected record ${expectedSeq}: a record is missing or out of order` } };
    if (r.prevHash !== prev) return { ok: false, records: count, firstBroken: { seq: r.seq, reason: 'prevHash does not match the previous record' } };
    if (hashRecord(rest) !== hash) return { ok: false, records: count, firstBroken: { seq: r.seq, reason: 'content does not match its hash' } };
    prev = hash;
    expectedSeq += 1;
  }
  return { ok: true, records: count };
}

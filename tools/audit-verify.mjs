#!/usr/bin/env node
/**
 * Standalone verifier for the case engine's audit log (a transparency log, RFC 9162 §2.1).
 * One ES module, no dependencies beyond Node's own `node:crypto`, `node:fs` and `node:url`:
 * copy it anywhere and run
 *
 *   node audit-verify.mjs BUNDLE.json [--key VKEY]
 *
 * It checks a proof bundle without the server or the database: each record in the exact form the
 * log hashes → its chain hash and its Merkle leaf hash → its inclusion proof → the root of a
 * checkpoint signed with the operator's Ed25519 key (C2SP signed note). `--key` pins the key
 * you obtained separately (safer than trusting the one inside the bundle). Exit 0 when every
 * check passes, 1 otherwise, with one line per failure.
 *
 * The server imports the same functions (src/audit/), so what it proves and what this checks
 * are one implementation.
 */
import { createHash, createPublicKey, verify as edVerify } from 'node:crypto';

const sha256 = (...parts) => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};

/** RFC 9162 §2.1.1: the hash of a leaf, SHA-256(0x00 ‖ leaf). */
export function leafHash(leaf) {
  return sha256(Buffer.from([0]), typeof leaf === 'string' ? Buffer.from(leaf, 'utf8') : leaf);
}

/** RFC 9162 §2.1.1: the hash of an interior node, SHA-256(0x01 ‖ left ‖ right). */
export function nodeHash(left, right) {
  return sha256(Buffer.from([1]), left, right);
}

/** The root of the empty tree, SHA-256 of nothing. */
export const EMPTY_ROOT = sha256();

/**
 * RFC 8785 canonical JSON for the values audit records hold (strings, finite numbers, booleans,
 * null, arrays, objects): keys sorted by UTF-16 code units, primitives as JSON.stringify writes
 * them, which is how RFC 8785 defines them.
 */
export function canonicalJson(value) {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('non-finite number cannot be canonicalised');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  if (typeof value === 'object') {
    const keys = Object.keys(value).filter((k) => value[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(',')}}`;
  }
  throw new Error(`a ${typeof value} cannot be canonicalised`);
}

/**
 * What the log hashes for one record: the record in its hashed form without `hash`, as
 * canonical JSON. The chain hash is SHA-256(prevHash ‖ leaf); the Merkle leaf is the same text.
 */
export function recordLeaf(hashed) {
  const { hash: _hash, ...rest } = hashed;
  return canonicalJson(rest);
}

/** The chain hash of a record in hashed form (hex). */
export function chainHash(hashed) {
  return sha256(Buffer.from(String(hashed.prevHash), 'utf8'), Buffer.from(recordLeaf(hashed), 'utf8')).toString('hex');
}

const isHash = (h) => Buffer.isBuffer(h) && h.length === 32;
const half = (n) => Math.floor(n / 2);

/**
 * How many hashes an inclusion proof for `index` in a tree of `size` has: the steps the
 * RFC 9162 §2.1.3.2 walk takes from the leaf to the root (arithmetic, not 32-bit bitwise, so
 * any safe integer size works).
 */
export function inclusionProofLength(index, size) {
  let fn = index;
  let sn = size - 1;
  let n = 0;
  while (sn > 0) {
    n += 1;
    if (fn % 2 === 0 && fn === sn) {
      while (fn % 2 === 0 && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    }
    fn = half(fn);
    sn = half(sn);
  }
  return n;
}

/**
 * RFC 9162 §2.1.3.2: recomputes the root from a leaf hash and its inclusion proof. Returns the
 * root, or throws naming why the proof cannot be right. The proof length is checked against the
 * one the tree shape demands first, so an interior node cannot pass for a leaf with a shortened
 * proof (the forgery behind GO-2022-1117).
 */
export function rootFromInclusionProof(index, size, leaf, proof) {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || size < 1) throw new Error('index and size must be whole numbers, size at least 1');
  if (index >= size) throw new Error(`index ${index} is beyond tree size ${size}`);
  if (!isHash(leaf)) throw new Error('the leaf hash must be 32 bytes');
  if (!Array.isArray(proof) || !proof.every(isHash)) throw new Error('every proof hash must be 32 bytes');
  const want = inclusionProofLength(index, size);
  if (proof.length !== want) throw new Error(`an inclusion proof for ${index} in ${size} has ${want} hashes, not ${proof.length}`);
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) throw new Error('the proof is longer than the path to the root');
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) throw new Error('the proof is shorter than the path to the root');
  return r;
}

/** RFC 9162 §2.1.3.2: true when `proof` shows `leaf` at `index` in the tree of `size` with `root`. */
export function verifyInclusion(index, size, leaf, proof, root) {
  try {
    return isHash(root) && rootFromInclusionProof(index, size, leaf, proof).equals(root);
  } catch {
    return false;
  }
}

/**
 * RFC 9162 §2.1.4.2: true when `proof` shows the tree of `size1` with `root1` is a prefix of the
 * tree of `size2` with `root2` (the log only ever appended in between).
 */
export function verifyConsistency(size1, size2, proof, root1, root2) {
  if (!Number.isSafeInteger(size1) || !Number.isSafeInteger(size2) || size1 < 0 || size2 < size1) return false;
  if (!Array.isArray(proof) || !proof.every(isHash) || !isHash(root1) || !isHash(root2)) return false;
  if (size1 === size2) return proof.length === 0 && root1.equals(root2);
  if (size1 === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : [...proof];
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && fr.equals(root1) && sr.equals(root2);
}
function isPowerOfTwo(n) {
  let x = n;
  while (x > 1 && x % 2 === 0) x /= 2;
  return x === 1;
}

// ---- C2SP signed notes (signed-note, tlog-checkpoint, tlog-cosignature) ----

const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
/** Signature types of the C2SP signed-note key ID: 0x01 Ed25519 note signature, 0x04 cosignature/v1. */
export const ALG_ED25519 = 0x01;
export const ALG_COSIGNATURE_V1 = 0x04;

/** The 4-byte key ID: SHA-256(name ‖ "\n" ‖ alg ‖ public key)[:4]. */
export function keyId(name, alg, publicKey) {
  return sha256(Buffer.from(`${name}\n`, 'utf8'), Buffer.from([alg]), publicKey).subarray(0, 4);
}

/** A verifier key as signed-note writes it: `name+hexkeyid+base64(alg ‖ key)`. */
export function formatVerifierKey(name, alg, publicKey) {
  return `${name}+${keyId(name, alg, publicKey).toString('hex')}+${Buffer.concat([Buffer.from([alg]), publicKey]).toString('base64')}`;
}

/** Parses `name+hexkeyid+base64(alg ‖ key)`; throws when the key ID does not match. */
export function parseVerifierKey(vkey) {
  // The base64 key may itself hold '+': the name ends at the first, the key ID is 8 hex digits.
  const m = /^([^+\s]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/]+={0,2})$/.exec(String(vkey).trim());
  if (!m) throw new Error('a verifier key is name+keyid+key');
  const [, name, id, b64] = m;
  const raw = Buffer.from(b64, 'base64');
  if (raw.length !== 33) throw new Error('the verifier key must hold one algorithm byte and a 32-byte Ed25519 key');
  const alg = raw[0];
  const publicKey = raw.subarray(1);
  if (keyId(name, alg, publicKey).toString('hex') !== id) throw new Error('the verifier key ID does not match its name and key');
  return { name, alg, publicKey, keyId: Buffer.from(id, 'hex') };
}

function ed25519Verify(publicKey, message, signature) {
  const key = createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, publicKey]), format: 'der', type: 'spki' });
  return edVerify(null, Buffer.from(message, 'utf8'), key, signature);
}

/** Splits a signed note into its text (ending in a newline) and its signature lines. */
export function parseNote(note) {
  const text = String(note);
  const split = text.lastIndexOf('\n\n');
  if (split < 0 || !text.endsWith('\n')) throw new Error('a signed note is text, a blank line, then signature lines');
  const body = text.slice(0, split + 1);
  const signatures = text.slice(split + 2).split('\n').filter((l) => l !== '').map((line) => {
    const m = /^\u2014 (\S+) (\S+)$/.exec(line);
    if (!m) throw new Error(`not a signature line: ${line.slice(0, 40)}`);
    const raw = Buffer.from(m[2], 'base64');
    if (raw.length < 5) throw new Error('a signature must hold a key ID and a signature');
    return { name: m[1], keyId: raw.subarray(0, 4), signature: raw.subarray(4), line };
  });
  return { body, signatures };
}

/** The checkpoint lines (C2SP tlog-checkpoint): origin, size, base64 root, then extensions. */
export function parseCheckpoint(body) {
  const lines = body.split('\n');
  lines.pop();
  const [origin, sizeText, rootText, ...extensions] = lines;
  if (!origin || !/^(0|[1-9]\d*)$/.test(sizeText ?? '') || !rootText) throw new Error('a checkpoint is origin, size and root hash lines');
  const rootHash = Buffer.from(rootText, 'base64');
  if (rootHash.length !== 32) throw new Error('the checkpoint root must be 32 bytes');
  return { origin, size: Number(sizeText), rootHash, extensions };
}

/** Verifies a signed checkpoint with the log's verifier key; returns the checkpoint or throws. */
export function verifyCheckpoint(note, vkey) {
  const key = typeof vkey === 'string' ? parseVerifierKey(vkey) : vkey;
  if (key.alg !== ALG_ED25519) throw new Error('the log key must be an Ed25519 note key');
  const { body, signatures } = parseNote(note);
  const ok = signatures.some((s) => s.name === key.name && s.keyId.equals(key.keyId) && s.signature.length === 64 && ed25519Verify(key.publicKey, body, s.signature));
  if (!ok) throw new Error(`no valid signature by ${key.name} on the checkpoint`);
  const checkpoint = parseCheckpoint(body);
  if (checkpoint.origin !== key.name) throw new Error('the checkpoint origin is not the key name');
  return { ...checkpoint, body, signatures };
}

/** The message a cosignature/v1 signs: header, time line, then the checkpoint text. */
export function cosignedMessage(body, timestamp) {
  return `cosignature/v1\ntime ${timestamp}\n${body}`;
}

/** Verifies one witness's cosignature line on a checkpoint text; returns its time (seconds) or throws. */
export function verifyCosignature(body, line, vkey) {
  const key = typeof vkey === 'string' ? parseVerifierKey(vkey) : vkey;
  if (key.alg !== ALG_COSIGNATURE_V1) throw new Error('a witness key must be a cosignature/v1 key');
  const { signatures } = parseNote(`x\n\n${line}\n`);
  const s = signatures[0];
  if (!s || s.name !== key.name || !s.keyId.equals(key.keyId) || s.signature.length !== 72) throw new Error(`not a cosignature by ${key.name}`);
  const timestamp = s.signature.readBigUInt64BE(0);
  if (!ed25519Verify(key.publicKey, cosignedMessage(body, timestamp.toString()), s.signature.subarray(8))) throw new Error(`the cosignature by ${key.name} does not verify`);
  return Number(timestamp);
}

// ---- Proof bundles ----

/** The second line of a case-records statement (a checkpoint's second line is a number, so the two never pass for each other). */
export const CASE_RECORDS_V1 = 'kp-case-records/v1';

/**
 * The text of a case-records statement, signed with the log key: every record of `caseId` with a
 * sequence number from `from` to `to`, at the checkpoint of `size` and `root` (base64). A bundle
 * carrying it proves not only that each record it holds is in the log, but that none of the
 * case's records in that range was left out.
 */
export function caseRecordsBody(origin, caseId, size, root, from, to, seqs) {
  if (/\s/.test(String(caseId))) throw new Error('a case id has no white space');
  return `${origin}\n${CASE_RECORDS_V1}\ncase ${caseId}\ncheckpoint ${size} ${root}\nrange ${from} ${to}\nseqs ${seqs.length ? seqs.join(',') : '-'}\n`;
}

/** Verifies a case-records statement with the log's verifier key; returns its fields or throws. */
export function verifyCaseRecords(note, vkey) {
  const key = typeof vkey === 'string' ? parseVerifierKey(vkey) : vkey;
  const { body, signatures } = parseNote(note);
  if (!signatures.some((s) => s.name === key.name && s.keyId.equals(key.keyId) && s.signature.length === 64 && ed25519Verify(key.publicKey, body, s.signature))) {
    throw new Error(`no valid signature by ${key.name} on the list of the case's records`);
  }
  const m = /^(\S+)\nkp-case-records\/v1\ncase (\S+)\ncheckpoint (0|[1-9]\d*) (\S+)\nrange ([1-9]\d*) (0|[1-9]\d*)\nseqs (-|[1-9]\d*(?:,[1-9]\d*)*)\n$/.exec(body);
  if (!m) throw new Error('the list of the case\'s records is not a kp-case-records/v1 statement');
  if (m[1] !== key.name) throw new Error('the list of the case\'s records names another log');
  return { caseId: m[2], size: Number(m[3]), rootHash: m[4], from: Number(m[5]), to: Number(m[6]), seqs: m[7] === '-' ? [] : m[7].split(',').map(Number) };
}

const hex = (h) => Buffer.from(String(h), 'hex');

/**
 * Checks a proof bundle: `{ checkpoint: { note }, key: { vkey }, records: [{ hashed, leafIndex,
 * proof: [hex] }], cosignatures?: [{ vkey, line }] }`. Returns `{ ok, checked, failures }`; each
 * failure names the record (seq) and why. `options.requireComplete`: a bundle without a valid
 * signed list of the case's records (v1, or one relabelled v1 to hide a removal) fails instead of
 * passing with `complete: false`.
 */
export function verifyBundle(bundle, pinnedKey, options = {}) {
  const failures = [];
  let cp;
  try {
    cp = verifyCheckpoint(bundle?.checkpoint?.note, pinnedKey ?? bundle?.key?.vkey);
  } catch (e) {
    return { ok: false, checked: 0, failures: [{ seq: null, reason: e.message }] };
  }
  if (pinnedKey && bundle?.key?.vkey && bundle.key.vkey !== pinnedKey) failures.push({ seq: null, reason: 'the bundle names a different log key than the one given' });
  for (const c of bundle.cosignatures ?? []) {
    try {
      verifyCosignature(cp.body, c.line, c.vkey);
    } catch (e) {
      failures.push({ seq: null, reason: e.message });
    }
  }
  const records = Array.isArray(bundle.records) ? bundle.records : [];
  let withheld = 0;
  for (const r of records) {
    const seq = r?.hashed?.seq ?? r?.seq ?? null;
    try {
      let leaf;
      if (r?.hashed && typeof r.hashed === 'object') {
        if (chainHash(r.hashed) !== r.hashed.hash) throw new Error('the record does not hash to its chain hash');
        if (r.seq !== undefined && r.seq !== r.hashed.seq) throw new Error('the record number does not match its hashed form');
        leaf = leafHash(recordLeaf(r.hashed));
      } else if (r?.withheld && typeof r.leafHash === 'string') {
        // Content withheld from this reader (redacted): only its presence in the log is checked.
        withheld += 1;
        leaf = hex(r.leafHash);
      } else {
        throw new Error('the record is missing its hashed form');
      }
      if (r.leafIndex !== seq - 1) throw new Error('the leaf index is not the record number less one');
      const proof = (r.proof ?? []).map(hex);
      if (!verifyInclusion(r.leafIndex, cp.size, leaf, proof, cp.rootHash)) throw new Error(`the inclusion proof does not lead to the signed root of size ${cp.size}`);
    } catch (e) {
      failures.push({ seq, reason: e.message });
    }
  }
  // Records of one history come in log order, each once.
  const seqs = records.map((r) => r?.hashed?.seq ?? r?.seq);
  const seen = new Set();
  for (let i = 0; i < seqs.length; i += 1) {
    const seq = seqs[i] ?? null;
    if (seen.has(seq)) failures.push({ seq, reason: `record ${seq} appears more than once` });
    else if (i > 0 && !(seqs[i] > seqs[i - 1])) failures.push({ seq, reason: `record ${seq} is out of log order (it comes after record ${seqs[i - 1]})` });
    seen.add(seq);
  }
  // v2: the log's signed list of the case's records in the bundle's range; a record left out, added
  // from elsewhere or not of this case fails here. v1 bundles carry no list: a removed record
  // cannot be told from the bundle alone (`complete: false`).
  let complete = false;
  if (bundle.format !== 'kp-audit-proof-bundle/v1') {
    try {
      const list = verifyCaseRecords(bundle?.caseRecords?.note, pinnedKey ?? bundle?.key?.vkey);
      if (list.size !== cp.size || list.rootHash !== cp.rootHash.toString('base64')) throw new Error('the list of the case\'s records is signed at another checkpoint than the bundle\'s');
      const listed = new Set(list.seqs);
      const present = new Set(seqs);
      for (const seq of list.seqs) if (!present.has(seq)) failures.push({ seq, reason: `record ${seq} of case ${list.caseId} is missing from the bundle` });
      for (const seq of seqs) if (!listed.has(seq)) failures.push({ seq: seq ?? null, reason: `record ${seq} is not one of case ${list.caseId}'s records from ${list.from} to ${list.to}` });
      for (const r of records) if (r?.hashed && r.hashed.caseId !== list.caseId) failures.push({ seq: r.hashed.seq ?? null, reason: `record ${r.hashed.seq} belongs to another case` });
      complete = true;
      return { ok: failures.length === 0, checked: records.length, withheld, size: cp.size, origin: cp.origin, complete, caseId: list.caseId, range: { from: list.from, to: list.to }, failures };
    } catch (e) {
      failures.push({ seq: null, reason: e.message });
    }
  }
  if (options.requireComplete && bundle.format === 'kp-audit-proof-bundle/v1') failures.push({ seq: null, reason: 'the bundle has no signed list of the case\'s records (v1 format): a removed record cannot be ruled out' });
  return { ok: failures.length === 0, checked: records.length, withheld, size: cp.size, origin: cp.origin, complete, failures };
}

async function main(argv) {
  const { readFileSync } = await import('node:fs');
  const keyAt = argv.indexOf('--key');
  const pinned = keyAt >= 0 ? argv[keyAt + 1] : undefined;
  const file = argv.find((a, i) => !a.startsWith('--') && !(keyAt >= 0 && i === keyAt + 1));
  if (!file) {
    process.stderr.write('usage: node audit-verify.mjs BUNDLE.json [--key VKEY] [--complete]\n');
    return 2;
  }
  let bundle;
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8'));
    bundle = parsed.proofs ?? parsed;
  } catch (e) {
    process.stderr.write(`cannot read ${file}: ${e.message}\n`);
    return 2;
  }
  const result = verifyBundle(bundle, pinned, { requireComplete: argv.includes('--complete') });
  for (const f of result.failures) process.stdout.write(`FAIL ${f.seq === null ? 'checkpoint' : `record ${f.seq}`}: ${f.reason}\n`);
  const scope = result.complete ? `; every record of case ${result.caseId} from ${result.range.from} to ${result.range.to} is present` : '; the bundle has no signed list of the case\'s records (v1): a removed record cannot be detected';
  process.stdout.write(result.ok ? `OK ${result.checked} record(s) included in ${result.origin} at size ${result.size}${result.withheld ? ` (${result.withheld} with content withheld: presence only)` : ''}${scope}\n` : `FAILED ${result.failures.length} check(s)\n`);
  return result.ok ? 0 : 1;
}

const { fileURLToPath } = await import('node:url');
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exit(await main(process.argv.slice(2)));
}

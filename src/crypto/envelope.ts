import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Personal data at rest (docs/erasure.md): each person's strings are sealed with AES-256-GCM
 * under that person's data key, which is itself sealed under the master key. Destroying the
 * wrapped data key makes every envelope of the person unreadable (crypto-shredding) while the
 * envelopes themselves, which the audit chain and the Merkle tree hash, stay as they were.
 */

/** The stored form of one sealed string: `enc:v1:` + base64url(iv ‖ ciphertext ‖ tag). */
export const ENVELOPE_PREFIX = 'enc:v1:';
/** What a view shows in place of an envelope whose person was erased (one constant with the redaction's). */
export { ERASED } from '../../workflows/redaction.ts';

const IV_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_BYTES = 32;

export const isEnvelope = (value: unknown): value is string => typeof value === 'string' && value.startsWith(ENVELOPE_PREFIX);

function encrypt(key: Buffer, aad: string, plaintext: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]);
}

/** undefined: the bytes were not sealed under this key and AAD (tampered, or not ours). */
function decrypt(key: Buffer, aad: string, sealed: Buffer): Buffer | undefined {
  if (sealed.length < IV_BYTES + TAG_BYTES) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
  } catch {
    return undefined;
  }
}

/** Seals one string under a person's data key; the AAD binds it to the person (a case id). */
export function sealString(dataKey: Buffer, aad: string, plaintext: string): string {
  return ENVELOPE_PREFIX + encrypt(dataKey, aad, Buffer.from(plaintext, 'utf8')).toString('base64url');
}

/** The plaintext of an envelope, or undefined when it does not open under this key and AAD. */
export function openString(dataKey: Buffer, aad: string, envelope: string): string | undefined {
  return decrypt(dataKey, aad, Buffer.from(envelope.slice(ENVELOPE_PREFIX.length), 'base64url'))?.toString('utf8');
}

export const newDataKey = (): Buffer => randomBytes(KEY_BYTES);

/** A data key sealed under the master key, bound to its person. */
export function wrapKey(masterKey: Buffer, caseId: string, dataKey: Buffer): string {
  return encrypt(masterKey, `person-key:${caseId}`, dataKey).toString('base64url');
}

export function unwrapKey(masterKey: Buffer, caseId: string, wrapped: string): Buffer | undefined {
  return decrypt(masterKey, `person-key:${caseId}`, Buffer.from(wrapped, 'base64url'));
}

/** What the database keeps to recognise its master key (an HMAC: it reveals nothing of the key). */
export const masterKeyCheckValue = (masterKey: Buffer): string => createHmac('sha256', masterKey).update('kp-master-key-check').digest('hex');

/** The blind-index key: derived from the master key, never the same as a data key (HKDF, RFC 5869). */
export const blindIndexKey = (masterKey: Buffer): Buffer => Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'kp-blind-index', KEY_BYTES));

/**
 * A blind index term: a keyed HMAC of a normalised search term, cut to 80 bits (hex, so FTS5
 * reads it as one token). Without the master key the index says nothing about the names.
 */
export const blindTerm = (indexKey: Buffer, purpose: string, term: string): string => `b${createHmac('sha256', indexKey).update(`${purpose}\u0000${term}`).digest('hex').slice(0, 20)}`;

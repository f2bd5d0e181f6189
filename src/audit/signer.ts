import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ALG_COSIGNATURE_V1, ALG_ED25519, cosignedMessage, formatVerifierKey, keyId } from '../../tools/audit-verify.mjs';

/**
 * Ed25519 keys for signed notes (C2SP signed-note): the log's checkpoint key (algorithm 0x01)
 * and a witness's cosignature key (0x04). Private keys live in a PKCS#8 PEM file created 0600 on
 * first use; a `null` path keeps an ephemeral key in memory (`:memory:` databases, tests).
 */
export interface NoteKey {
  name: string;
  alg: number;
  publicKey: Buffer;
  keyId: Buffer;
  /** `name+keyid+base64(alg ‖ key)`, what a verifier pins. */
  vkey: string;
  signRaw(message: string): Buffer;
}

export function loadOrCreateKey(path: string | null, name: string, alg: number = ALG_ED25519): NoteKey {
  if (!/^[^\s+\u2014]+$/.test(name)) throw new Error('a key name has no spaces, plus signs or dashes');
  let privateKey: KeyObject;
  if (path === null) {
    privateKey = generateKeyPairSync('ed25519').privateKey;
  } else if (existsSync(path)) {
    if (process.platform !== 'win32' && (statSync(path).mode & 0o077) !== 0) throw new Error(`signing key ${path} is readable by others: chmod 600 it`);
    privateKey = createPrivateKey(readFileSync(path, 'utf8'));
  } else {
    privateKey = generateKeyPairSync('ed25519').privateKey;
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600, flag: 'wx' });
    chmodSync(path, 0o600);
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('the signing key must be Ed25519');
  const publicKey = createPublicKey(privateKey).export({ format: 'der', type: 'spki' }).subarray(12);
  return {
    name,
    alg,
    publicKey,
    keyId: keyId(name, alg, publicKey),
    vkey: formatVerifierKey(name, alg, publicKey),
    signRaw: (message) => sign(null, Buffer.from(message, 'utf8'), privateKey),
  };
}

/** A signed note: the text, a blank line, and this key's signature line. */
export function signNote(key: NoteKey, body: string): string {
  if (key.alg !== ALG_ED25519) throw new Error('notes are signed with the log key');
  if (!body.endsWith('\n')) throw new Error('a note text ends with a newline');
  return `${body}\n\u2014 ${key.name} ${Buffer.concat([key.keyId, key.signRaw(body)]).toString('base64')}\n`;
}

/** The checkpoint text (C2SP tlog-checkpoint): origin, size, base64 root, and a time extension line. */
export function checkpointBody(origin: string, size: number, root: Buffer, at: string): string {
  return `${origin}\n${size}\n${root.toString('base64')}\ntime ${at}\n`;
}

/** A cosignature/v1 line over a checkpoint text, at `timestamp` (seconds since the epoch). */
export function cosign(key: NoteKey, body: string, timestamp: number): string {
  if (key.alg !== ALG_COSIGNATURE_V1) throw new Error('cosignatures are made with a witness key');
  const ts = Buffer.alloc(8);
  ts.writeBigUInt64BE(BigInt(timestamp));
  return `\u2014 ${key.name} ${Buffer.concat([key.keyId, ts, key.signRaw(cosignedMessage(body, timestamp))]).toString('base64')}`;
}

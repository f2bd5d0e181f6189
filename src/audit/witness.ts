import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { ALG_COSIGNATURE_V1, parseNote, verifyCheckpoint, verifyConsistency } from '../../tools/audit-verify.mjs';
import { cosign, loadOrCreateKey } from './signer.ts';

/**
 * A witness (C2SP tlog-witness, in spirit): an independent party that keeps the last checkpoint it
 * saw of a log, accepts a new one only with a consistency proof from the old, and cosigns it. The
 * log stores and shows the cosignatures; a checkpoint that cannot be joined to the one the witness
 * holds is a fork, reported to the log (and the caller) instead of cosigned.
 */
export interface WitnessOptions {
  /** The case engine's base URL, e.g. http://127.0.0.1:3000 */
  url: string;
  /** A reviewer's (or admin's) bearer token. */
  token: string;
  /** Where the witness keeps the log key it pinned and the last checkpoint it cosigned. */
  statePath: string;
  /** The witness's private key (created 0600 on first use). */
  keyPath: string;
  /** The witness's name, e.g. witness.example.org/w1 */
  name: string;
  now?: () => number;
  fetch?: typeof fetch;
}

interface WitnessState { logKey: string; checkpoint: { size: number; rootHash: string; note: string } | null }

export type WitnessOutcome =
  | { status: 'cosigned'; size: number; rootHash: string; line: string }
  | { status: 'fork'; reason: string; held: { size: number; rootHash: string }; offered: { size: number; rootHash: string } };

export async function runWitness(o: WitnessOptions): Promise<WitnessOutcome> {
  const http = o.fetch ?? fetch;
  const base = o.url.replace(/\/+$/, '');
  const call = async (method: 'GET' | 'POST', path: string, body?: unknown) => {
    const res = await http(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${o.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = (await res.json()) as Record<string, unknown>;
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(json['error'] ?? json)}`);
    return json;
  };
  const key = loadOrCreateKey(o.keyPath, o.name, ALG_COSIGNATURE_V1);
  const state: WitnessState | null = existsSync(o.statePath) ? (JSON.parse(readFileSync(o.statePath, 'utf8')) as WitnessState) : null;
  const served = String((await call('GET', '/v1/audit/key'))['vkey']);
  // The log key is pinned on first contact: a log that changes keys is not the log witnessed.
  const logKey = state?.logKey ?? served;
  if (served !== logKey) throw new Error('the log now presents another key than the one this witness pinned');
  const latest = await call('GET', '/v1/audit/checkpoint');
  const note = String(latest['note']);
  const offered = verifyCheckpoint(note, logKey);
  const held = state?.checkpoint ?? null;
  const view = (c: { size: number; rootHash: Buffer | string }) => ({ size: c.size, rootHash: typeof c.rootHash === 'string' ? c.rootHash : c.rootHash.toString('hex') });
  if (held) {
    const heldRoot = Buffer.from(held.rootHash, 'hex');
    let joined = false;
    let reason = '';
    if (offered.size < held.size) reason = `the log offers size ${offered.size}, smaller than the ${held.size} this witness cosigned`;
    else if (offered.size === held.size) {
      joined = offered.rootHash.equals(heldRoot);
      if (!joined) reason = `two roots for size ${held.size}`;
    } else {
      const proof = await call('GET', `/v1/audit/proof/consistency?from=${held.size}&to=${offered.size}`);
      joined = verifyConsistency(held.size, offered.size, (proof['proof'] as string[]).map((p) => Buffer.from(p, 'hex')), heldRoot, offered.rootHash);
      if (!joined) reason = `no consistency proof joins size ${held.size} to size ${offered.size}`;
    }
    if (!joined) {
      await call('POST', '/v1/audit/forks', { witness: o.name, notes: [held.note, note] }).catch(() => undefined);
      return { status: 'fork', reason, held: view(held), offered: view(offered) };
    }
  }
  const line = cosign(key, parseNote(note).body, Math.floor((o.now?.() ?? Date.now()) / 1000));
  await call('POST', '/v1/audit/cosignatures', { size: offered.size, vkey: key.vkey, line });
  const next: WitnessState = { logKey, checkpoint: { size: offered.size, rootHash: offered.rootHash.toString('hex'), note } };
  writeFileSync(`${o.statePath}.tmp`, JSON.stringify(next, null, 2), { mode: 0o600 });
  renameSync(`${o.statePath}.tmp`, o.statePath);
  return { status: 'cosigned', size: offered.size, rootHash: offered.rootHash.toString('hex'), line };
}

import type { z } from 'zod';
import type { Repositories } from '../../db/index.ts';
import { mapPersonal } from '../../workflows/redaction.ts';
import { blindIndexKey, blindTerm, ERASED, isEnvelope, masterKeyCheckValue, newDataKey, openString, sealString, unwrapKey, wrapKey } from '../crypto/envelope.ts';

/**
 * Per-person keys (docs/erasure.md). Every string of a person that the schemas classify as
 * identifying or free text is written as an envelope under the person's data key (`seal`), once,
 * where the engine writes it; the engine's view layer opens envelopes where it reads
 * (`open`). Repositories keep and return the stored form only, so the audit chain, the Merkle
 * tree, `?form=hashed`, proof bundles and `audit verify` see the envelopes and never need a key.
 */

/** The master key does not match the database's check value: nothing may be served. */
export class MasterKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MasterKeyError';
  }
}

export interface Keyring {
  /** Creates the person's data key (in the registering transaction). */
  create(caseId: string, at: string): void;
  /** `value` with every personal string (by `schema`; every string without one) sealed under the person's key. */
  seal<T>(caseId: string, schema: z.ZodType | undefined, value: T): T;
  /** One free-text string sealed (a justification). */
  sealText(caseId: string, text: string): string;
  /** `value` with every envelope opened; `[erased]` for a person whose key was destroyed. Plain values pass through. */
  open<T>(caseId: string, value: T): T;
  /** Destroys the person's data key (case.ERASE), inside the caller's transaction. */
  erase(caseId: string, at: string): void;
  erased(caseId: string): boolean;
  /** A blind index term of a normalised value (name search, location filter). */
  blind(purpose: string, term: string): string;
  /**
   * Runs `fn` as one operation (a command or a batch of them, one read request): each person's
   * data key is looked up and unwrapped once in it and forgotten when it returns. Nested calls
   * join the outer operation. Outside any, every call looks the key up again.
   */
  within<T>(fn: () => T): T;
}

const keyrings = new WeakMap<Repositories, Keyring>();

export const hasKeyring = (repos: Repositories): boolean => keyrings.has(repos);

/** The keyring the services attached to these repositories (createServices). */
export function keyringOf(repos: Repositories): Keyring {
  const k = keyrings.get(repos);
  if (!k) throw new Error('no master key attached to these repositories: create them through createServices');
  return k;
}

/**
 * Checks `masterKey` against the database (recording its check value on first use), gives every
 * case without a data key one (cases from before per-person keys) and attaches the keyring.
 */
/** Throws MasterKeyError when the database was set up under another master key. */
export function checkMasterKey(repos: Repositories, masterKey: Buffer): void {
  const stored = repos.personKeys.checkValue();
  if (stored !== undefined && stored !== masterKeyCheckValue(masterKey)) {
    throw new MasterKeyError('the master key does not match this database (MASTER_KEY / MASTER_KEY_FILE): set the master key this database was created with; without it no person\'s data can be read.');
  }
}

export function attachKeyring(repos: Repositories, masterKey: Buffer, at: string): Keyring {
  checkMasterKey(repos, masterKey);
  if (repos.personKeys.checkValue() === undefined) repos.transaction(() => repos.personKeys.putCheckValue(masterKeyCheckValue(masterKey), at));
  const keyring = createKeyring(repos, masterKey);
  for (;;) {
    const ids = repos.personKeys.casesWithout(500);
    if (ids.length === 0) break;
    repos.transaction(() => ids.forEach((id) => keyring.create(id, at)));
  }
  keyrings.set(repos, keyring);
  return keyring;
}

/**
 * `service` with each of its methods run as one keyring operation (`Keyring.within`), changed in
 * place: a command, a batch or a read request looks each person's key up once. A method that
 * returns a promise is one operation for its synchronous part (the engine does its I/O there).
 */
export function perOperation<T extends object>(keyring: Keyring, service: T): T {
  const methods = service as Record<string, unknown>;
  for (const [name, value] of Object.entries(methods)) {
    if (typeof value !== 'function') continue;
    const fn = value as (...args: unknown[]) => unknown;
    methods[name] = function (this: unknown, ...args: unknown[]) {
      return keyring.within(() => fn.apply(this, args));
    };
  }
  return service;
}

type OperationKeys = Map<string, { key: Buffer; opened: Map<string, string> }>;

function createKeyring(repos: Repositories, masterKey: Buffer): Keyring {
  // Unwrapped data keys live only for one operation (`within`): no plaintext key outlives the
  // request or command that needed it, so an erasure, on this connection or another, is in force
  // from the next operation on; inside one, `erase` drops the key at once.
  // Per person: the key, and the envelopes already opened in this operation (a command loads its
  // case again before commit to index it: the same envelopes, opened once).
  let operation: OperationKeys | undefined;
  const indexKey = blindIndexKey(masterKey);

  /** The person's data key; null once erased. `create`: a case without one gets one (sealing, in a transaction). */
  function keyOf(caseId: string, create: boolean): Buffer | null {
    const known = operation?.get(caseId);
    if (known !== undefined) return known.key;
    const row = repos.personKeys.get(caseId);
    if (!row && create) {
      // Not remembered: the row may yet be rolled back with its savepoint (a refused command in a batch).
      const key = newDataKey();
      repos.personKeys.insert(caseId, wrapKey(masterKey, caseId, key), new Date().toISOString());
      return key;
    }
    // Erased: not remembered either, an erasure rolled back with its savepoint must not stay in force.
    if (!row?.wrappedKey) return null;
    const key = unwrapKey(masterKey, caseId, row.wrappedKey);
    if (!key) throw new MasterKeyError(`the data key of case ${caseId} does not open under the master key`);
    operation?.set(caseId, { key, opened: new Map() });
    return key;
  }

  /** A sealer that reads the key on the first string it seals. */
  function sealer(caseId: string): (s: string) => string {
    let key: Buffer | null | undefined;
    return (s) => {
      if (key === undefined) key = keyOf(caseId, true);
      // An erased person's words are not written at all.
      return key ? sealString(key, caseId, s) : ERASED;
    };
  }

  function openDeep(value: unknown, open: (s: string) => string): unknown {
    if (typeof value === 'string') return isEnvelope(value) ? open(value) : value;
    if (Array.isArray(value)) {
      let out: unknown[] | undefined;
      value.forEach((v, i) => {
        const o = openDeep(v, open);
        if (o !== v) (out ??= [...value])[i] = o;
      });
      return out ?? value;
    }
    if (value !== null && typeof value === 'object') {
      let out: Record<string, unknown> | undefined;
      for (const [k, v] of Object.entries(value)) {
        const o = openDeep(v, open);
        if (o !== v) (out ??= { ...(value as Record<string, unknown>) })[k] = o;
      }
      return out ?? value;
    }
    return value;
  }

  return {
    create(caseId, at) {
      repos.personKeys.insert(caseId, wrapKey(masterKey, caseId, newDataKey()), at);
    },
    seal(caseId, schema, value) {
      return mapPersonal(schema, value, sealer(caseId)) as typeof value;
    },
    sealText(caseId, text) {
      return sealer(caseId)(text);
    },
    open(caseId, value) {
      let key: Buffer | null | undefined;
      let opened: Map<string, string> | undefined;
      return openDeep(value, (s) => {
        if (key === undefined) {
          key = keyOf(caseId, false);
          opened = operation?.get(caseId)?.opened;
        }
        if (!key) return ERASED;
        const known = opened?.get(s);
        if (known !== undefined) return known;
        // Not sealed under this person's key: not one of ours (a value sent that looks like one).
        const plain = openString(key, caseId, s) ?? s;
        opened?.set(s, plain);
        return plain;
      }) as typeof value;
    },
    erase(caseId, at) {
      repos.personKeys.erase(caseId, at);
      // Forgotten, not marked erased: if the erasure is rolled back, the next use reads the row again.
      operation?.get(caseId)?.key.fill(0);
      operation?.delete(caseId);
    },
    erased(caseId) {
      // A key this operation holds was read from a row that still had it (and erasing drops it).
      if (operation?.has(caseId)) return false;
      return !!repos.personKeys.get(caseId)?.erasedAt;
    },
    blind(purpose, term) {
      return blindTerm(indexKey, purpose, term);
    },
    within(fn) {
      if (operation) return fn();
      const keys: OperationKeys = new Map();
      operation = keys;
      try {
        return fn();
      } finally {
        operation = undefined;
        for (const { key } of keys.values()) key.fill(0);
      }
    },
  };
}

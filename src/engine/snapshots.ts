import type { InstanceRow, Repositories } from '../../db/index.ts';
import { keyringOf } from './personalData.ts';
import { initialView } from '../../workflows/decide.ts';
import { definitionOf } from '../../workflows/index.ts';

/**
 * How an instance's context is stored: only the top-level fields that differ from the machine's
 * initial context (`context`), and the initial fields it no longer has (`unset`). The state is its
 * own column. Most instances of a case never leave their initial state, so most rows hold `{}`;
 * rows written before this (the whole context, and `value`) read the same way.
 */
export interface StoredSnapshot {
  context: Record<string, unknown>;
  unset?: string[];
}

const initial = new Map<string, Record<string, unknown>>();

function initialContext(kind: string, version: number, instance: string): Record<string, unknown> {
  const key = `${kind}\u0000${version}\u0000${instance}`;
  let context = initial.get(key);
  if (!context) {
    const def = definitionOf(kind, version);
    // A JSON copy: what a stored context is compared with and merged onto.
    context = def ? (JSON.parse(JSON.stringify(initialView(def, instance).context)) as Record<string, unknown>) : {};
    initial.set(key, context);
  }
  return context;
}

export function toStored(kind: string, version: number, instance: string, context: Record<string, unknown>): StoredSnapshot {
  const base = initialContext(kind, version, instance);
  const plain = JSON.parse(JSON.stringify(context)) as Record<string, unknown>;
  const changed: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(plain)) if (JSON.stringify(v) !== JSON.stringify(base[k])) changed[k] = v;
  const unset = Object.keys(base).filter((k) => !(k in plain));
  return unset.length ? { context: changed, unset } : { context: changed };
}

/**
 * `toStored` with the context's strings sealed under the person's key: a context has no schema
 * (it holds what commands wrote: reasons, names, ids), so every string is sealed, as the
 * redaction walker treats a value no schema describes (fail closed).
 */
export function toStoredSealed(repos: Repositories, caseId: string, kind: string, version: number, instance: string, context: Record<string, unknown>): StoredSnapshot {
  const stored = toStored(kind, version, instance, context);
  return { ...stored, context: keyringOf(repos).seal(caseId, undefined, stored.context) };
}

/** The whole context of a stored instance row (as stored: the view layer opens it). */
export function contextOf(row: Pick<InstanceRow, 'kind' | 'machineVersion' | 'instance' | 'snapshot'>): Record<string, unknown> {
  const stored = row.snapshot as Partial<StoredSnapshot>;
  const base = initialContext(row.kind, row.machineVersion, row.instance);
  const own = stored.context ?? {};
  // Same keys and order as `{ ...clone(base), ...own }`; only the initial fields the row does not
  // override are copied (a copy per read was the dearest step of loading a case, issue 13).
  const context: Record<string, unknown> = {};
  for (const k of Object.keys(base)) context[k] = k in own ? own[k] : copyJson(base[k]);
  for (const k of Object.keys(own)) if (!(k in base)) context[k] = own[k];
  for (const k of stored.unset ?? []) delete context[k];
  return context;
}

/** A deep copy of JSON data (the initial contexts are JSON copies): callers may mutate what they read. */
function copyJson(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(copyJson);
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) out[k] = copyJson((v as Record<string, unknown>)[k]);
  return out;
}

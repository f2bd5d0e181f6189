import type { z } from 'zod';
import { personalOf, type Personal } from './personal.ts';

/**
 * The redaction walker (KP-DATA-01). Pure: given a schema and a value, it walks them together and
 * replaces every string (or classified part) the reader may not see with `[redacted]`, deciding
 * from the classification the schema carries (workflows/personal.ts) and the reader's `hide`.
 * It fails closed: a string the schema does not classify, a value the schema does not describe
 * (an unknown key, a wrong type, an option no union member fits) or a value with no schema at all
 * is treated as a child's identifying data, hidden from every reader who may not see a child's
 * identity. The value given is never changed.
 */

export const REDACTED = '[redacted]' as const;
/** What a personal value reads once its person was erased (docs/erasure.md): the envelope no longer opens. */
export const ERASED = '[erased]' as const;

/** What decides one value: its classification and whether it is about a child whoever's record it is in. */
export interface Classification {
  readonly personal: Exclude<Personal, 'none'>;
  readonly aboutChild: boolean;
}

/** Whether the reader may not see a value so classified. */
export type Hide = (c: Classification) => boolean;

export interface Walked {
  /** The value with what the reader may not see replaced by `[redacted]`. */
  readonly value: unknown;
  /** Where something was hidden (`assessors.0.name`; a classified part hidden whole is one path). */
  readonly paths: string[];
  /** The strings hidden, to scrub them from text that may quote them (verdict reasons). */
  readonly hidden: string[];
}

/** What an unclassified or undescribed string is taken to be: a child's identifying data. */
export const FAIL_CLOSED: Classification = { personal: 'identifying', aboutChild: true };

type Def = { type: string; [k: string]: unknown };
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

const WRAPPERS: ReadonlySet<string> = new Set(['optional', 'nullable', 'default', 'prefault', 'nonoptional', 'readonly', 'catch']);
const STRING_TYPES: ReadonlySet<string> = new Set(['string', 'template_literal']);
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

interface State {
  paths: string[];
  hidden: string[];
  hide: Hide;
  /** Set by `mapPersonal`: each string of a hidden part is replaced by its image, the structure kept. */
  map?: (value: string) => string;
  /**
   * The person was erased: a part whose every value reads `[erased]` has nothing left to hide and
   * is shown as it is, so the reader is told the value is gone, not that it is withheld.
   */
  erased?: boolean;
}

const join = (path: string, key: string | number): string => (path ? `${path}.${key}` : String(key));

function collectStrings(value: unknown, into: string[]): void {
  if (typeof value === 'string') into.push(value);
  else if (Array.isArray(value)) for (const v of value) collectStrings(v, into);
  else if (isPlainObject(value)) for (const v of Object.values(value)) collectStrings(v, into);
}

/** Every leaf of `value` is the string `[erased]` (an empty part has none: not erased). */
export function onlyErased(value: unknown): boolean {
  if (typeof value === 'string') return value === ERASED;
  if (Array.isArray(value)) return value.length > 0 && value.every(onlyErased);
  if (isPlainObject(value)) return Object.keys(value).length > 0 && Object.values(value).every(onlyErased);
  return false;
}

function hideWhole(value: unknown, path: string, st: State): unknown {
  if (st.erased && !st.map && onlyErased(value)) return value;
  st.paths.push(path);
  collectStrings(value, st.hidden);
  return st.map ? mapStrings(value, st.map) : REDACTED;
}

function mapStrings(value: unknown, map: (value: string) => string): unknown {
  if (typeof value === 'string') return map(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, map));
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, map)]));
  return value;
}

/** No schema describes `value`: every string in it is hidden when a child's identifying data would be; structure stays. */
function failClosed(value: unknown, path: string, st: State, aboutChild: boolean): unknown {
  if (typeof value === 'string') return st.hide({ ...FAIL_CLOSED, aboutChild: aboutChild || FAIL_CLOSED.aboutChild }) ? hideWhole(value, path, st) : value;
  if (Array.isArray(value)) return value.map((v, i) => failClosed(v, join(path, i), st, aboutChild));
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, failClosed(v, join(path, k), st, aboutChild)]));
  return value;
}

/** Whether `value` has the shape `schema` describes, loosely (keys a subset of the object's, the right primitive): union options are chosen by it. */
function fits(schema: z.ZodType, value: unknown, depth = 0): boolean {
  if (depth > 50) return false;
  const def = defOf(schema);
  if (WRAPPERS.has(def.type)) return (value === undefined || value === null) ? true : fits(def['innerType'] as z.ZodType, value, depth + 1);
  switch (def.type) {
    case 'string':
    case 'template_literal':
    case 'enum':
    case 'literal':
      return typeof value === 'string' || (def.type === 'literal' && (def['values'] as unknown[]).includes(value));
    case 'number':
      return typeof value === 'number';
    case 'boolean':
      return typeof value === 'boolean';
    case 'object': {
      if (!isPlainObject(value)) return false;
      const shape = def['shape'] as Record<string, z.ZodType>;
      return Object.entries(value).every(([k, v]) => k in shape && fits(shape[k]!, v, depth + 1));
    }
    case 'array':
      return Array.isArray(value);
    case 'record':
      return isPlainObject(value);
    case 'union':
      return (def['options'] as z.ZodType[]).some((o) => fits(o, value, depth + 1));
    case 'pipe':
      return fits(def['in'] as z.ZodType, value, depth + 1) || (defOf(def['out'] as z.ZodType).type !== 'transform' && fits(def['out'] as z.ZodType, value, depth + 1));
    case 'lazy':
      return fits((def['getter'] as () => z.ZodType)(), value, depth + 1);
    default:
      return false;
  }
}

/**
 * `inherited`: the classification of the nearest classified container. A classified part the
 * reader may not see is hidden whole; one the reader may see is walked on, so that what it holds
 * keeps its own classification (free text inside an identifying date of birth: its method).
 */
function walk(schema: z.ZodType, value: unknown, path: string, st: State, aboutChild: boolean, inherited?: Personal): unknown {
  if (value === undefined || value === null) return value;
  const meta = personalOf(schema);
  const child = aboutChild || !!meta.aboutChild;
  const def = defOf(schema);
  if (meta.personal === 'none' && STRING_TYPES.has(def.type)) {
    // A closed form shows only a value it accepts: anything else is not what the schema says it is.
    return typeof value === 'string' && schema.safeParse(value).success ? value : failClosed(value, path, st, child);
  }
  if (meta.personal && meta.personal !== 'none' && st.hide({ personal: meta.personal, aboutChild: child })) return hideWhole(value, path, st);
  const cls = meta.personal ?? inherited;
  if (WRAPPERS.has(def.type)) return walk(def['innerType'] as z.ZodType, value, path, st, child, cls);
  const next = (s: z.ZodType, v: unknown, p: string) => walk(s, v, p, st, child, cls);
  switch (def.type) {
    case 'string':
    case 'template_literal':
      if (typeof value !== 'string') return failClosed(value, path, st, child);
      // A string nobody classified fails closed; one inside a classified part takes its classification.
      if (cls === 'none') return value;
      if (cls) return st.hide({ personal: cls, aboutChild: child }) ? hideWhole(value, path, st) : value;
      return failClosed(value, path, st, child);
    case 'enum':
    case 'literal':
      // A closed vocabulary cannot carry a name; a value outside it is not what the schema says.
      return schema.safeParse(value).success ? value : failClosed(value, path, st, child);
    case 'number':
    case 'boolean':
    case 'bigint':
    case 'date':
    case 'null':
    case 'undefined':
      return typeof value === 'string' || isPlainObject(value) || Array.isArray(value) ? failClosed(value, path, st, child) : value;
    case 'object': {
      if (!isPlainObject(value)) return failClosed(value, path, st, child);
      const shape = def['shape'] as Record<string, z.ZodType>;
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape[k] ? next(shape[k], v, join(path, k)) : failClosed(v, join(path, k), st, child)]));
    }
    case 'array': {
      if (!Array.isArray(value)) return failClosed(value, path, st, child);
      const element = def['element'] as z.ZodType;
      return value.map((v, i) => next(element, v, join(path, i)));
    }
    case 'record': {
      if (!isPlainObject(value)) return failClosed(value, path, st, child);
      const valueType = def['valueType'] as z.ZodType;
      // Keys are the schema's own vocabulary (state names, codes): the values are walked.
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, next(valueType, v, join(path, k))]));
    }
    case 'union': {
      const fitting = (def['options'] as z.ZodType[]).filter((o) => fits(o, value));
      if (fitting.length === 0) return failClosed(value, path, st, child);
      // The options that accept the value decide; a stored value may be an option's output (a
      // plain form normalised), which only fits its shape. Several: the one that hides most.
      const valid = fitting.filter((o) => o.safeParse(value).success);
      const options = valid.length ? valid : fitting;
      let best: { value: unknown; st: State } | undefined;
      for (const o of options) {
        const trial: State = { paths: [], hidden: [], hide: st.hide, ...(st.map ? { map: st.map } : {}), ...(st.erased ? { erased: true } : {}) };
        const v = walk(o, value, path, trial, child, cls);
        if (!best || trial.paths.length > best.st.paths.length) best = { value: v, st: trial };
      }
      st.paths.push(...best!.st.paths);
      st.hidden.push(...best!.st.hidden);
      return best!.value;
    }
    case 'pipe': {
      const input = def['in'] as z.ZodType;
      const output = def['out'] as z.ZodType;
      if (fits(input, value)) return next(input, value, path);
      if (defOf(output).type !== 'transform' && fits(output, value)) return next(output, value, path);
      return failClosed(value, path, st, child);
    }
    case 'lazy':
      return next((def['getter'] as () => z.ZodType)(), value, path);
    default:
      return failClosed(value, path, st, child);
  }
}

/**
 * `value` as a reader may see it, walked with `schema` (undefined: no schema describes it, every
 * string hidden as a child's identifying data). `hide` says what the reader may not see.
 * `erased`: the person was erased, values reading `[erased]` are shown (nothing is left to hide).
 */
export function redactBySchema(schema: z.ZodType | undefined, value: unknown, hide: Hide, options: { aboutChild?: boolean; erased?: boolean } = {}): Walked {
  const st: State = { paths: [], hidden: [], hide, ...(options.erased ? { erased: true } : {}) };
  const shown = schema ? walk(schema, value, '', st, !!options.aboutChild) : failClosed(value, '', st, !!options.aboutChild);
  return { value: shown, paths: st.paths, hidden: st.hidden };
}

/**
 * `value` with every string the schema classifies `identifying` or `free_text` (and every string it
 * does not describe: fail closed) replaced by `map(string)`, structure, keys and plain values kept.
 * The same walk as the redaction, so what is sealed at rest is exactly what a reader may be denied.
 */
export function mapPersonal(schema: z.ZodType | undefined, value: unknown, map: (value: string) => string): unknown {
  const st: State = { paths: [], hidden: [], hide: () => true, map };
  return schema ? walk(schema, value, '', st, false) : failClosed(value, '', st, false);
}

/** `a.0.b` → `a.b`: a path without list positions, as `redactedFields` lists them. */
export const fieldOf = (path: string): string => path.split('.').filter((p) => !/^\d+$/.test(p)).join('.');

/**
 * The string fields of `schema` that carry no classification, as paths (`[]` marks a list's
 * element, `|n` a union's nth option). Enums and literals are `none` by construction. Used by the
 * classification test: a new string field cannot go unclassified.
 */
export function unclassifiedStrings(schema: z.ZodType, path = '', seen: Set<z.ZodType> = new Set()): string[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  if (personalOf(schema).personal) return [];
  const def = defOf(schema);
  const here = path || '(root)';
  if (WRAPPERS.has(def.type)) return unclassifiedStrings(def['innerType'] as z.ZodType, path, seen);
  switch (def.type) {
    case 'string':
    case 'template_literal':
      return [here];
    case 'object': {
      const out = Object.entries(def['shape'] as Record<string, z.ZodType>).flatMap(([k, s]) => unclassifiedStrings(s, join(path, k), seen));
      const catchall = def['catchall'] as z.ZodType | undefined;
      return catchall ? [...out, ...unclassifiedStrings(catchall, join(path, '*'), seen)] : out;
    }
    case 'array':
      return unclassifiedStrings(def['element'] as z.ZodType, `${path}[]`, seen);
    case 'record':
      return unclassifiedStrings(def['valueType'] as z.ZodType, join(path, '*'), seen);
    case 'union':
      return (def['options'] as z.ZodType[]).flatMap((o, i) => unclassifiedStrings(o, `${path}|${i}`, seen));
    case 'intersection':
      return [...unclassifiedStrings(def['left'] as z.ZodType, path, seen), ...unclassifiedStrings(def['right'] as z.ZodType, path, seen)];
    case 'pipe':
      return [...unclassifiedStrings(def['in'] as z.ZodType, path, seen), ...(defOf(def['out'] as z.ZodType).type === 'transform' ? [] : unclassifiedStrings(def['out'] as z.ZodType, path, seen))];
    case 'lazy':
      return unclassifiedStrings((def['getter'] as () => z.ZodType)(), path, seen);
    case 'unknown':
    case 'any':
      return [`${here} (unknown)`];
    default:
      return [];
  }
}

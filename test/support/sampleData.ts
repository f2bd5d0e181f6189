import type { z } from 'zod';
import { personalOf, type Personal } from '../../workflows/personal.ts';

/**
 * Data generated from a schema (KP-DATA-01 tests): every string classified `identifying` or
 * `free_text` (or left unclassified) holds `mark`; `none` strings, numbers and enums get a value
 * their schema accepts where one of the candidates fits, so that the data is valid where possible.
 * `variant` picks union options and enum values: `first` or `last` (two variants reach every
 * plain form and structured form of a union).
 */
export interface SampleOptions {
  mark: string;
  /** What identifying strings hold instead of `mark` (an adult's own identity, when only her free text should name the child). */
  identifyingMark?: string;
  variant: 'first' | 'last';
  /** Values tried, in order, for a `none` string (ids of existing cases and evidence first). */
  plain: readonly string[];
}

type Def = { type: string; [k: string]: unknown };
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'nonoptional', 'readonly', 'catch']);

export function sample(schema: z.ZodType, o: SampleOptions, inherited?: Personal, depth = 0): unknown {
  if (depth > 30) return undefined;
  const meta = personalOf(schema).personal;
  // A leaf's own `none` wins (a date inside a date of birth); otherwise the nearest classification.
  const isMarked = meta ?? inherited;
  const def = defOf(schema);
  if (WRAPPERS.has(def.type)) return sample(def['innerType'] as z.ZodType, o, isMarked, depth + 1);
  const pick = <T>(xs: readonly T[]): T => (o.variant === 'first' ? xs[0]! : xs[xs.length - 1]!);
  switch (def.type) {
    case 'string':
    case 'template_literal': {
      if (isMarked === 'identifying' && o.identifyingMark !== undefined) return o.identifyingMark;
      if (isMarked !== 'none') return o.mark;
      return o.plain.find((c) => schema.safeParse(c).success) ?? o.plain[0];
    }
    case 'enum':
      return pick(Object.values(def['entries'] as Record<string, string>));
    case 'literal':
      return pick(def['values'] as unknown[]);
    case 'number':
      return [1, 4, 0, 12, 2026].find((n) => schema.safeParse(n).success) ?? 1;
    case 'boolean':
      return true;
    case 'object':
      return Object.fromEntries(Object.entries(def['shape'] as Record<string, z.ZodType>).map(([k, s]) => [k, sample(s, o, isMarked, depth + 1)]).filter(([, v]) => v !== undefined));
    case 'array':
      return [sample(def['element'] as z.ZodType, o, isMarked, depth + 1)];
    case 'record':
      return {};
    case 'union':
      return sample(pick(def['options'] as z.ZodType[]), o, isMarked, depth + 1);
    case 'pipe':
      return sample(def['in'] as z.ZodType, o, isMarked, depth + 1);
    case 'lazy':
      return sample((def['getter'] as () => z.ZodType)(), o, isMarked, depth + 1);
    default:
      return undefined;
  }
}

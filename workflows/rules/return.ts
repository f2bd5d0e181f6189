import type { Rule } from './types.ts';

/** Return and non-refoulement (RULES.md §4.7) — filled in by the Key Principles workflows issue. */
export const returnRules: readonly Rule[] = [];

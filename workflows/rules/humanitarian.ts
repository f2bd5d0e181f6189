import type { Rule } from './types.ts';

/** Humanitarian (RULES.md §4.12) — filled in by the Key Principles workflows issue. */
export const humanitarianRules: readonly Rule[] = [];

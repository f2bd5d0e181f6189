import type { Rule } from './types.ts';

/** Alternative care (RULES.md §4.3) — filled in by the Key Principles workflows issue. */
export const careRules: readonly Rule[] = [];

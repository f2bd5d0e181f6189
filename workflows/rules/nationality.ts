import type { Rule } from './types.ts';

/** Nationality and statelessness (RULES.md §4.8) — filled in by the Key Principles workflows issue. */
export const nationalityRules: readonly Rule[] = [];

import type { Rule } from './types.ts';

/** Data protection (RULES.md §4.9) — filled in by the Key Principles workflows issue. */
export const dataRules: readonly Rule[] = [];

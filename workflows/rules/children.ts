import type { Rule } from './types.ts';

/** Best interests, BID, consent and family unity (RULES.md §4.2) — filled in by the Key Principles workflows issue. */
export const childrenRules: readonly Rule[] = [];

import type { Rule } from './types.ts';

/** Detention (RULES.md §4.4) — filled in by the Key Principles workflows issue. */
export const detentionRules: readonly Rule[] = [];

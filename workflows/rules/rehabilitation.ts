import type { Rule } from './types.ts';

/** Rehabilitation and reintegration (RULES.md §4.11) — filled in by the Key Principles workflows issue. */
export const rehabilitationRules: readonly Rule[] = [];

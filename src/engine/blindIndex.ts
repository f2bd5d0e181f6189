import type { Repositories } from '../../db/index.ts';
import { keyringOf } from './personalData.ts';

/**
 * The blind index (docs/erasure.md): the name index (case_names) and the location terms
 * (case_terms) hold keyed HMACs of the normalised terms (workflows/nameKeys.ts), never the terms:
 * without the master key they say nothing about a person, and an erased person's rows are
 * deleted with the key. Prefix search survives as one term per prefix of each spelling.
 */

/** Shortest prefix of a spelling that is indexed (a full token is always indexed). */
export const MIN_PREFIX = 2;

const prefixes = (token: string): string[] => {
  const chars = [...token];
  const out = new Set<string>([token]);
  for (let n = MIN_PREFIX; n < chars.length; n++) out.add(chars.slice(0, n).join(''));
  return [...out];
};

/** The index terms of a person's names: each spelling's prefixes (`raw`) and the keys, blinded. */
export function blindNames(repos: Repositories, terms: { raw: readonly string[]; keys: readonly string[] }): { raw: string[]; keys: string[] } {
  const k = keyringOf(repos);
  return {
    raw: [...new Set(terms.raw.flatMap(prefixes))].map((p) => k.blind('name-prefix', p)),
    keys: terms.keys.map((key) => k.blind('name-key', key)),
  };
}

/** A search's tokens and keys as the index holds them. */
export function blindQuery(repos: Repositories, terms: ReadonlyArray<{ token: string; key: string }>): Array<{ token: string; key: string }> {
  const k = keyringOf(repos);
  return terms.map((t) => ({ token: k.blind('name-prefix', t.token), key: k.blind('name-key', t.key) }));
}

/** A location term (kind, name, State) as case_terms holds it. */
export const blindLocation = (repos: Repositories, term: string): string => keyringOf(repos).blind('location', term);

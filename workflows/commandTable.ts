import type { CommandSpec } from './definition.ts';
import type { RuleId } from './rules/ids.ts';
import { rulesFor } from './rules/registry.ts';

/** A command as its workflow declares it: roles, data, summary. Its rules declare themselves. */
export type DeclaredCommand = Omit<CommandSpec, 'rules'>;

export type CommandTable<T> = { readonly [C in keyof T]: T[C] & { readonly rules: readonly RuleId[] } };

/**
 * A workflow's command table with each command's rules attached, derived from the rules that
 * declare they guard `<kind>.<COMMAND>` (rules/*.ts): the table never lists them itself.
 */
export function commandTable<T extends Readonly<Record<string, DeclaredCommand>>>(kind: string, table: T): CommandTable<T> {
  return Object.fromEntries(Object.entries(table).map(([type, spec]) => [type, { ...spec, rules: rulesFor(kind, type) }])) as CommandTable<T>;
}

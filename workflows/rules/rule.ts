import type { PrincipleId } from '../principles.ts';
import { commandKey, type CommandKey, type RuleId } from './ids.ts';
import type { Finding, Rule, RuleContext, Severity } from './types.ts';

/** A rule's check on one command it guards. */
export type Check = (ctx: RuleContext) => Finding;

/**
 * What a rule states about itself. `guards` + `check`: the commands it guards with one check for
 * all of them; `.on(command, check)` adds a command with a check of its own.
 */
export interface RuleSpec {
  readonly id: RuleId;
  readonly principles: readonly [PrincipleId, ...PrincipleId[]];
  readonly summary: string;
  readonly severity: Severity;
  readonly previewable?: boolean;
  readonly conditions?: Readonly<Record<string, string>>;
  readonly guards?: readonly CommandKey[];
  check?(ctx: RuleContext): Finding;
}

export interface RuleDeclaration extends Rule {
  /** The rule also guards these commands, with this check. */
  on(commands: CommandKey | readonly CommandKey[], check: Check): RuleDeclaration;
  /** Whether the rule can decide this command: one check reads any command, a per-command rule only its own. */
  canCheck(key: CommandKey): boolean;
}

/**
 * Declares a rule: its id, cites, severity and the commands it guards, each with its check. The
 * registry derives every command's rule list from these declarations (`rulesFor`).
 */
export function rule(spec: RuleSpec): RuleDeclaration {
  const { guards = [], check, ...meta } = spec;
  const checks = new Map<CommandKey, Check>();
  const declaration: RuleDeclaration = {
    ...meta,
    get commands() {
      return [...checks.keys()];
    },
    check(ctx) {
      const key = commandKey(ctx.command.workflow, ctx.command.type);
      // A rule declared with one check reads any command the same way (tests and previews ask it
      // directly); one declared per command knows no other.
      const forCommand = checks.get(key) ?? (check ? (c: RuleContext) => check.call(spec, c) : undefined);
      if (!forCommand) throw new Error(`${spec.id} does not guard ${key}`);
      return forCommand(ctx);
    },
    canCheck(key) {
      return checks.has(key) || check !== undefined;
    },
    on(commands, c) {
      for (const key of typeof commands === 'string' ? [commands] : commands) {
        if (checks.has(key)) throw new Error(`${spec.id} already guards ${key}`);
        checks.set(key, c);
      }
      return declaration;
    },
  };
  if (guards.length) {
    if (!check) throw new Error(`${spec.id} guards ${guards.join(', ')} without a check`);
    declaration.on(guards, (ctx) => check.call(spec, ctx));
  }
  return declaration;
}

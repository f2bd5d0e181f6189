import type { CommandSpec, WorkflowEvent } from './definition.ts';
import type { RuleId } from './rules/ids.ts';
import { allows, evaluate } from './rules/registry.ts';

/** The guard every rule-checked transition uses: all the command's rules allow it. */
export const ruleGuards = {
  rulesAllow: ({ event }: { event: WorkflowEvent }, params: { rules: readonly RuleId[] }): boolean =>
    allows(evaluate(params.rules, event.ctx)),
};

export const guardedBy = (command: CommandSpec) => ({ type: 'rulesAllow', params: { rules: command.rules } }) as const;

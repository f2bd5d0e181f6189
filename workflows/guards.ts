import type { CommandSpec, WorkflowEvent } from './definition.ts';
import type { RuleId } from './rules/ids.ts';
import { allows, evaluate } from './rules/registry.ts';

/**
 * The guard every rule-checked transition uses: the command's rules allow it. The engine evaluates
 * them once, before the step, and passes the verdicts on the event (step.ts): the guard reads them.
 * Only a machine driven directly, with no verdicts (the model-path tests), evaluates them here.
 */
export const ruleGuards = {
  rulesAllow: ({ event }: { event: WorkflowEvent }, params: { rules: readonly RuleId[] }): boolean =>
    allows(event.verdicts ?? evaluate(params.rules, event.ctx)),
};

export const guardedBy = (command: CommandSpec) => ({ type: 'rulesAllow', params: { rules: command.rules } }) as const;

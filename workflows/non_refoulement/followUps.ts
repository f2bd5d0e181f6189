import type { FollowUp } from '../definition.ts';
import { workflowOf } from '../rules/facts.ts';
import { planReversals } from '../rules/return.ts';
import type { RuleContext, WorkflowView } from '../rules/types.ts';
import type { NonRefoulementContext } from './model.ts';

/**
 * A clearance withdrawn (reopened, or concluded with a risk) withdraws any return approval to
 * this destination that relied on it, for every member of the plan (KP-SYS-01, KP-RET-01).
 */
export function nonRefoulementFollowUps(ctx: RuleContext, after: WorkflowView): FollowUp[] {
  if (!(after.state === 'assessing' || after.state === 'risk_identified')) return [];
  const destination = (after.context as unknown as NonRefoulementContext).destination;
  const plan = workflowOf(ctx.subject, 'repatriation');
  if (!plan || plan.state !== 'approved' || plan.context['destination'] !== destination) return [];
  return planReversals(ctx.subject, 'CLEARANCE_WITHDRAWN', `non-refoulement clearance for ${destination ?? '?'} withdrawn (${after.state})`);
}

import type { FollowUp } from '../definition.ts';
import { planReversals } from '../rules/return.ts';
import type { RuleContext, WorkflowView } from '../rules/types.ts';

/**
 * KP-SYS-01 compensating transition: when an approved BID stops being in force (annulled on
 * appeal or review, reopened, or consent withdrawn before departure), a repatriation that is not
 * yet completed goes back to planning, for every member of the child's plan. The repatriation
 * machine handles `BID_ANNULLED`.
 */
export function bestInterestsFollowUps(ctx: RuleContext, after: WorkflowView): FollowUp[] {
  if (ctx.workflow.state !== 'bid_approved' || after.state === 'bid_approved') return [];
  const why = typeof ctx.command.data['reason'] === 'string' ? ctx.command.data['reason'] : ctx.command.type === 'RECORD_CONSENT' ? 'parental consent withdrawn before departure' : 'BID reopened';
  const reason = `${ctx.command.type === 'ANNUL_BID' ? 'BID annulled' : 'BID no longer approved'}: ${why}`;
  // The whole family plan returns to planning, not only the child's own instance.
  return planReversals(ctx.subject, 'BID_ANNULLED', reason);
}

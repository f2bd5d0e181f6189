import type { FollowUp } from '../definition.ts';
import type { RuleContext, WorkflowView } from '../rules/types.ts';

/** KP-SYS-01: an annulled prosecution referral releases detention whose basis was the prosecution. */
export function legalFollowUps(ctx: RuleContext, after: WorkflowView): FollowUp[] {
  if (ctx.command.type !== 'ANNUL_REFERRAL' || after.state !== 'closed') return [];
  const reason = `prosecution referral annulled: ${String(ctx.command.data['reason'] ?? '')}`;
  return [{ caseId: ctx.subject.id, workflow: 'detention', type: 'REFERRAL_ANNULLED', data: { reason }, reason }];
}

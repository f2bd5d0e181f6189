import type { RuleContext } from '../rules/types.ts';
import type { RepatriationContext } from './model.ts';

/** Commands that move every member of the plan together (WORKFLOWS.md "repatriation"). */
const JOINT = new Set(['APPROVE_RETURN', 'CONFIRM_ARRIVAL', 'CANCEL']);

export function repatriationJoint(ctx: RuleContext): string[] {
  if (ctx.command.type === 'PLAN') {
    const withFamily = ctx.command.data['withFamily'];
    return Array.isArray(withFamily) ? withFamily.map(String).filter((id) => id !== ctx.subject.id) : [];
  }
  if (JOINT.has(ctx.command.type)) {
    const members = (ctx.workflow.context as Partial<RepatriationContext>).members ?? [];
    return members.filter((id) => id !== ctx.subject.id);
  }
  return [];
}

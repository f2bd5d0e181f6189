import { data, fail, pass } from './facts.ts';
import type { Rule, RuleContext } from './types.ts';

/** System integrity and separation of duties (RULES.md §4.13, §4.14). */

/** Context keys under which machines record who authored or submitted the work being approved. */
const AUTHOR_KEYS = ['submittedBy', 'authoredBy', 'biaAuthor', 'bidAuthor', 'proposedBy', 'decidedBy'] as const;

/** Everyone whose work the current command would approve. */
export function authorsOf(ctx: RuleContext): Set<string> {
  const c = ctx.workflow.context;
  const authors = new Set<string>();
  for (const key of AUTHOR_KEYS) if (typeof c[key] === 'string') authors.add(c[key]);
  const assessment = c['assessment'] as { by?: unknown } | null | undefined;
  if (assessment && typeof assessment.by === 'string') authors.add(assessment.by);
  if (ctx.proposedBy) authors.add(ctx.proposedBy.id);
  return authors;
}

const REASON_FIELDS = ['reason', 'reasons', 'newInformation'] as const;

export const systemRules: Rule[] = [
  {
    id: 'KP-SYS-01',
    principles: ['B.general.due-process'],
    summary: 'Every decision is reasoned, attributable, versioned and immutable; reversals run compensating transitions and nothing is deleted.',
    severity: 'block',
    previewable: false,
    check(ctx) {
      const d = data(ctx);
      const reasoned = REASON_FIELDS.some((f) => typeof d[f] === 'string' && d[f].trim().length > 0) || (ctx.command.justification?.trim().length ?? 0) > 0;
      return reasoned ? pass('the decision records its reasons') : fail('a decision needs written reasons');
    },
  },
  {
    id: 'KP-SYS-03',
    principles: ['B.general.due-process'],
    summary: 'Four-eyes on every decision of consequence: the approver is never the user who submitted or authored the work approved.',
    severity: 'block',
    check(ctx) {
      if (authorsOf(ctx).has(ctx.actor.id)) return fail('the approver submitted or authored the work being approved: a different user must approve');
      return pass('approved by a user other than the author');
    },
  },
];

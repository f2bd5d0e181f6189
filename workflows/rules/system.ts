import { data, fail, pass } from './facts.ts';
import type { Rule, RuleContext } from './types.ts';
import { rule } from './rule.ts';

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
  // Per-State work (nationality): whoever asked a State to verify the nationality never records
  // that State's answer, whatever was asked of other States since (a dual national's two tracks).
  const state = ctx.command.data['state'];
  const requested = c['requested'];
  if (ctx.command.workflow === 'nationality' && typeof state === 'string' && Array.isArray(requested)) {
    for (const r of requested as Array<{ state?: unknown; by?: unknown }>) if (r.state === state && typeof r.by === 'string') authors.add(r.by);
  }
  return authors;
}

const REASON_FIELDS = ['reason', 'reasons', 'newInformation'] as const;

/**
 * Commands WORKFLOWS.md shows with no reason field that move in the person's favour or protect
 * them (a release, the end of proceedings, a reopening or a review): without written reasons they
 * are flagged (WARN), not refused. Decisions against the person keep requiring reasons (BLOCK) —
 * among them rehabilitation COMPLETE, which ends the services.
 */
export const FAVOURABLE_WITHOUT_REASON_FIELD: ReadonlySet<string> = new Set([
  'detention.RELEASE',
  'legal.CLOSE',
  'case.REOPEN',
  'age_assessment.REOPEN',
  'best_interests.REVIEW',
]);

export const systemRules: Rule[] = [
  rule({
    id: 'KP-SYS-01',
    principles: ['B.general.due-process'],
    summary: 'Every decision is reasoned, attributable, versioned and immutable; reversals run compensating transitions and nothing is deleted.',
    severity: 'block',
    guards: [
      'screening.REOPEN',
      'age_assessment.REOPEN',
      'case.CLOSE',
      'case.REOPEN',
      'best_interests.REVIEW',
      'best_interests.REOPEN',
      'best_interests.ANNUL_BID',
      'rehabilitation.COMPLETE',
      'rehabilitation.REOPEN',
      'non_refoulement.REOPEN',
      'nationality.RESOLVE',
      'repatriation.RECORD_REVIEW_DECISION',
      'repatriation.CANCEL',
      'legal.CLOSE',
      'legal.ANNUL_REFERRAL',
      'legal.REVIEW_WATCHLIST_ENTRY',
      'detention.REVIEW',
      'detention.RELEASE',
    ],
    previewable: false,
    check(ctx) {
      const d = data(ctx);
      const reasoned = REASON_FIELDS.some((f) => typeof d[f] === 'string' && d[f].trim().length > 0) || (ctx.command.justification?.trim().length ?? 0) > 0;
      if (reasoned) return pass('the decision records its reasons');
      if (FAVOURABLE_WITHOUT_REASON_FIELD.has(`${ctx.command.workflow}.${ctx.command.type}`)) {
        return fail('no written reasons are recorded for this move in the person\'s favour: add them (reason or justification)', { severity: 'warn' });
      }
      return fail('a decision needs written reasons');
    },
  }),
  rule({
    id: 'KP-SYS-03',
    principles: ['B.general.due-process'],
    summary: 'Four-eyes on every decision of consequence: the approver is never the user who submitted or authored the work approved.',
    severity: 'block',
    guards: [
      'screening.APPROVE',
      'age_assessment.CONFIRM',
      'best_interests.PANEL_DECIDE',
      'best_interests.ANNUL_BID',
      'non_refoulement.CONCLUDE',
      'nationality.CONFIRM',
      'nationality.RESOLVE',
      'repatriation.APPROVE_RETURN',
      'legal.ANNUL_REFERRAL',
      'detention.REVIEW',
    ],
    check(ctx) {
      if (authorsOf(ctx).has(ctx.actor.id)) return fail('the approver submitted or authored the work being approved: a different user must approve');
      return pass('approved by a user other than the author');
    },
  }),
];

// ---------------------------------------------------------------------------------------------
// KP-SYS-02: the law in force at the relevant date (legal workflow).

import { applicableLaw, chargesInPlay } from './age.ts';
import type { Rule as SystemRule } from './types.ts';

const kpSys02 = rule({
  id: 'KP-SYS-02',
  principles: ['B.prosecution.juvenile-justice', 'B.general.due-process'],
  summary: "Evaluate legal thresholds against the jurisdiction's law in force at the relevant date (the alleged act), applying a later law when it is more favourable; refuse when no version covers the date.",
  severity: 'block',
  guards: ['legal.CHARGE'],
  previewable: false,
  check(ctx) {
    const { charges, jurisdiction } = chargesInPlay(ctx);
    if (!jurisdiction) return fail('no jurisdiction is named: the law in force cannot be determined');
    const used: string[] = [];
    for (const ch of charges) {
      const law = applicableLaw(ctx.jurisdictions, jurisdiction, ch.allegedActDate, ctx.at);
      if (!law) return fail(`no ${jurisdiction} law version is in force on ${ch.allegedActDate.earliest}, the earliest plausible date of "${ch.offence}"`);
      used.push(law.applied === law.atAct ? `${jurisdiction} ${law.atAct.validFrom}` : `${jurisdiction} ${law.applied.validFrom} (more favourable than ${law.atAct.validFrom} in force at the act)`);
    }
    return pass(`law applied: ${[...new Set(used)].join('; ')}`);
  },
});

systemRules.splice(systemRules.findIndex((r) => r.id === 'KP-SYS-01') + 1, 0, kpSys02);

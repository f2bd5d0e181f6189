import { data, fail, pass } from './facts.ts';
import { say } from './system.messages.ts';
import type { Message } from './messages.ts';
import type { Check } from './rule.ts';
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

/** The commands KP-SYS-01 guards, in the order the generated docs list them. */
const SYS01_COMMANDS = [
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
] as const;

const SYS01_FACTS = ['command.reason', 'command.reasons', 'command.newInformation', 'command.justification'];

const reasoned = (ctx: RuleContext): boolean => {
  const d = data(ctx);
  return REASON_FIELDS.some((f) => typeof d[f] === 'string' && d[f].trim().length > 0) || (ctx.command.justification?.trim().length ?? 0) > 0;
};

/** A decision against the person: refused without written reasons. */
const needsReasons: Check = (ctx) =>
  reasoned(ctx) ? pass(say('KP-SYS-01.reasoned'), { facts: SYS01_FACTS }) : fail(say('KP-SYS-01.unreasoned'), { facts: SYS01_FACTS, toAllow: [say('KP-SYS-01.allow_reasons')] });

/** A move in the person's favour: flagged (WARN), not refused, without written reasons. */
const flagsMissingReasons: Check = (ctx) =>
  reasoned(ctx)
    ? pass(say('KP-SYS-01.reasoned'), { facts: SYS01_FACTS })
    : fail(say('KP-SYS-01.favourable_unreasoned'), { severity: 'warn', facts: SYS01_FACTS, toAllow: [say('KP-SYS-01.allow_reasons')] });

const kpSys01 = rule({
  id: 'KP-SYS-01',
  principles: ['B.general.due-process'],
  summary: 'Every decision is reasoned, attributable, versioned and immutable; reversals run compensating transitions and nothing is deleted.',
  severity: 'block',
  previewable: false,
});
for (const key of SYS01_COMMANDS) kpSys01.on(key, FAVOURABLE_WITHOUT_REASON_FIELD.has(key) ? flagsMissingReasons : needsReasons);

export const systemRules: Rule[] = [
  kpSys01,
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
      // The authors are read from the workflow's context (submittedBy, authoredBy, assessment.by…).
      const facts = ['workflow.submittedBy', 'workflow.authoredBy', 'workflow.proposedBy', 'workflow.decidedBy'];
      if (authorsOf(ctx).has(ctx.actor.id)) return fail(say('KP-SYS-03.same_user'), { facts, toAllow: [say('KP-SYS-03.allow_other_user')] });
      return pass(say('KP-SYS-03.other_user'), { facts });
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
    const facts = ['legal.charges', 'legal.jurisdiction'];
    const toAllow = [say('KP-SYS-02.allow_jurisdiction')];
    if (!jurisdiction) return fail(say('KP-SYS-02.no_jurisdiction'), { facts, toAllow });
    // One message per distinct law applied (two charges under the same version name it once).
    const used = new Map<string, { jurisdiction: string; version: string; atAct?: string }>();
    for (const [i, ch] of charges.entries()) {
      const law = applicableLaw(ctx.jurisdictions, jurisdiction, ch.allegedActDate, ctx.at);
      if (!law) return fail(say('KP-SYS-02.no_law_version', { jurisdiction, date: ch.allegedActDate.earliest, charge: i + 1 }), { facts, toAllow });
      const version = law.applied.validFrom;
      const atAct = law.applied === law.atAct ? undefined : law.atAct.validFrom;
      used.set(`${version}|${atAct ?? ''}`, { jurisdiction, version, ...(atAct ? { atAct } : {}) });
    }
    const [first, ...rest] = [...used.values()];
    if (!first) return pass(say('KP-SYS-02.no_charge'), { facts });
    const head: Message = first.atAct ? say('KP-SYS-02.law_more_favourable', { ...first, atAct: first.atAct }) : say('KP-SYS-02.law_at_act', first);
    const more = rest.map((l) => (l.atAct ? say('KP-SYS-02.also_more_favourable', { ...l, atAct: l.atAct }) : say('KP-SYS-02.also_at_act', l)));
    return pass([head, ...more], { facts });
  },
});

systemRules.splice(systemRules.findIndex((r) => r.id === 'KP-SYS-01') + 1, 0, kpSys02);

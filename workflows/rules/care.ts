import { calendarDate, youngestAge } from '../age.ts';
import type { CareType, PanelDecide, PlaceInCare, Review } from '../best_interests/model.ts';
import { bestInterestsContextOf, bidReviewDue } from '../best_interests/model.ts';
import { data, effectiveDateOfBirth, fail, hasJustification, pass, subjectIsChild, workflowOf } from './facts.ts';
import { say } from './care.messages.ts';
import { say as sayShared, type Message } from './messages.ts';
import type { Rule, RuleContext } from './types.ts';
import { rule } from './rule.ts';

/** Alternative care (RULES.md §4.3). */

/** The order of preference (KP B-CH2; UN Alternative Care Guidelines): family-based first, residential last. */
export const CARE_ORDER: readonly CareType[] = ['kinship', 'foster', 'community', 'residential'];

/** A review due on the subject's best-interests instance: the interim placement's (with its care type) or the BID's. */
export type ReviewDue = { readonly what: 'placement'; readonly type: CareType; readonly due: string } | { readonly what: 'bid'; readonly due: string };

/** The placement and BID reviews that fall due on the subject's best-interests instance (KP-CARE-02). */
export function reviewsDue(ctx: RuleContext): ReviewDue[] {
  const view = ctx.command.workflow === 'best_interests' ? ctx.workflow : workflowOf(ctx.subject, 'best_interests');
  if (!view) return [];
  const bi = bestInterestsContextOf(view);
  const due: ReviewDue[] = [];
  if (bi.placement) due.push({ what: 'placement', type: bi.placement.type, due: bi.placement.reviewDueAt });
  if (view.state === 'bid_approved' && bi.bid.reviewDueAt) due.push({ what: 'bid', due: bi.bid.reviewDueAt });
  return due;
}

const wasDue = (r: ReviewDue): Message => (r.what === 'placement' ? say('KP-CARE-02.placement_review_due', { type: r.type, due: r.due }) : say('KP-CARE-02.bid_review_was_due', { due: r.due }));

const overdueReviews = (ctx: RuleContext): ReviewDue[] => {
  const today = calendarDate(ctx.at);
  return reviewsDue(ctx).filter((r) => r.due < today);
};

const CARE02_FACTS = ['best_interests.placement.reviewDueAt', 'best_interests.bid.reviewDueAt', 'best_interests.state'];

export const careRules: readonly Rule[] = [
  rule({
    id: 'KP-CARE-01',
    principles: ['B.children.alternative-care'],
    summary: 'Choose care in the order kinship, foster, community, residential; a lower option needs reasons why each higher one is unavailable or unsuitable; residential care needs a justification and a second approver, and is barred for the youngest children except in emergencies (KP B-CH2).',
    severity: 'justify',
    guards: ['best_interests.PLACE_IN_CARE'],
    previewable: false,
    check(ctx) {
      const d = data(ctx) as Partial<PlaceInCare>;
      const facts = ['command.type', 'command.alternativesConsidered', 'command.emergency', 'command.justification', 'person.dateOfBirth'];
      if (!d.type) return fail(say('KP-CARE-01.no_type'), { facts });
      const type = d.type;
      const rank = CARE_ORDER.indexOf(type);
      const considered = new Set((d.alternativesConsidered ?? []).filter((a) => (a.reason?.trim().length ?? 0) > 0).map((a) => a.type));
      const unexplained = CARE_ORDER.slice(0, rank).filter((t) => !considered.has(t));
      const allowReasons = say('KP-CARE-01.allow_reasons', { preferred: unexplained });
      if (type !== 'residential') {
        if (unexplained.length) return fail(say('KP-CARE-01.unexplained', { type, preferred: unexplained }), { facts, toAllow: [allowReasons] });
        return pass(rank === 0 ? say('KP-CARE-01.kinship_first') : say('KP-CARE-01.with_reasons', { type }), { facts });
      }
      if (subjectIsChild(ctx)) {
        const age = youngestAge(effectiveDateOfBirth(ctx.subject), calendarDate(ctx.at));
        const min = ctx.settings.residentialMinAge;
        if (age < min && !d.emergency) return fail(say('KP-CARE-01.residential_too_young', { min, age }), { severity: 'block', facts, toAllow: [say('KP-CARE-01.allow_emergency')] });
      }
      const gaps: Message[] = [];
      const toAllow: Message[] = [];
      if (unexplained.length) {
        gaps.push(say('KP-CARE-01.residential_unexplained', { preferred: unexplained }));
        toAllow.push(allowReasons);
      }
      if (!hasJustification(ctx)) {
        gaps.push(say('KP-CARE-01.residential_unjustified'));
        toAllow.push(sayShared('justification'));
      }
      const [first, ...rest] = gaps;
      if (first) return fail([first, ...rest], { facts, toAllow });
      return fail(say('KP-CARE-01.residential_last_resort'), { secondApprover: 'supervisor', severity: '2nd', facts });
    },
  }),
  rule({
    id: 'KP-CARE-02',
    principles: ['B.children.alternative-care', 'B.children.best-interests'],
    summary: 'Review every interim care placement and every BID periodically (configured interval) and on material change; the review decides whether to reopen the BID; no closure while a review is overdue (KP B-CH2, B-CH1).',
    severity: 'timer',
  })
    .on('case.CLOSE', (ctx) => {
      const [first, ...rest] = overdueReviews(ctx).map(wasDue);
      if (first) {
        return fail([say('KP-CARE-02.closure_overdue'), first, ...rest], { severity: 'block', facts: CARE02_FACTS, toAllow: [say('KP-CARE-02.allow_review')] });
      }
      return pass(say('KP-CARE-02.none_overdue'), { facts: CARE02_FACTS });
    })
    .on('best_interests.PANEL_DECIDE', (ctx) => {
      const d = data(ctx) as Partial<PanelDecide>;
      const facts = ['command.decision', 'command.reviewDate', 'best_interests.bid.reviewDate'];
      if (d.decision === 'return') return pass(say('KP-CARE-02.no_bid'), { facts });
      const days = ctx.settings.bidReviewMaxDays;
      const chosen = d.reviewDate ?? bestInterestsContextOf(ctx.workflow).bid.reviewDate;
      const due = bidReviewDue(chosen, ctx.at, days);
      if (chosen && chosen > due) return fail(say('KP-CARE-02.review_date_capped', { chosen, days, due }), { facts, toAllow: [say('KP-CARE-02.allow_interval', { days })] });
      return pass(say('KP-CARE-02.review_due', { due }), { facts });
    })
    .on('best_interests.REVIEW', (ctx) => {
      const next = (data(ctx) as Partial<Review>).nextReviewDate;
      const days = ctx.settings.bidReviewMaxDays;
      const cap = bidReviewDue(undefined, ctx.at, days);
      const late: Message[] = overdueReviews(ctx).map(wasDue);
      if (next && next > cap) late.push(say('KP-CARE-02.next_review_capped', { next, days, cap }));
      const facts = [...CARE02_FACTS, 'command.nextReviewDate'];
      return late.length ? fail([say('KP-CARE-02.review_late'), ...late], { facts }) : pass(say('KP-CARE-02.on_time'), { facts });
    }),
];

import { calendarDate, youngestAge } from '../age.ts';
import type { CareType, PanelDecide, PlaceInCare, Review } from '../best_interests/model.ts';
import { bestInterestsContextOf, bidReviewDue } from '../best_interests/model.ts';
import { data, effectiveDateOfBirth, fail, hasJustification, pass, subjectIsChild, workflowOf } from './facts.ts';
import type { Rule, RuleContext } from './types.ts';
import { rule } from './rule.ts';

/** Alternative care (RULES.md §4.3). */

/** The order of preference (KP B-CH2; UN Alternative Care Guidelines): family-based first, residential last. */
export const CARE_ORDER: readonly CareType[] = ['kinship', 'foster', 'community', 'residential'];

/** The placement and BID reviews that fall due on the subject's best-interests instance (KP-CARE-02). */
export function reviewsDue(ctx: RuleContext): Array<{ what: string; due: string }> {
  const view = ctx.command.workflow === 'best_interests' ? ctx.workflow : workflowOf(ctx.subject, 'best_interests');
  if (!view) return [];
  const bi = bestInterestsContextOf(view);
  const due: Array<{ what: string; due: string }> = [];
  if (bi.placement) due.push({ what: `${bi.placement.type} care placement review`, due: bi.placement.reviewDueAt });
  if (view.state === 'bid_approved' && bi.bid.reviewDueAt) due.push({ what: 'BID review', due: bi.bid.reviewDueAt });
  return due;
}

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
      if (!d.type) return fail('the placement type is missing');
      const rank = CARE_ORDER.indexOf(d.type);
      const considered = new Set((d.alternativesConsidered ?? []).filter((a) => (a.reason?.trim().length ?? 0) > 0).map((a) => a.type));
      const unexplained = CARE_ORDER.slice(0, rank).filter((t) => !considered.has(t));
      if (d.type !== 'residential') {
        if (unexplained.length) return fail(`${d.type} care needs reasons why ${unexplained.join(', ')} care is unavailable or unsuitable`);
        return pass(rank === 0 ? 'kinship care is the first choice' : `${d.type} care, with reasons for each preferred option`);
      }
      if (subjectIsChild(ctx)) {
        const age = youngestAge(effectiveDateOfBirth(ctx.subject), calendarDate(ctx.at));
        const min = ctx.settings.residentialMinAge;
        if (age < min && !d.emergency) return fail(`residential care is barred for children under ${min} except in an emergency (youngest plausible age ${age})`, { severity: 'block' });
      }
      const gaps: string[] = [];
      if (unexplained.length) gaps.push(`no reasons why ${unexplained.join(', ')} care is unavailable or unsuitable`);
      if (!hasJustification(ctx)) gaps.push('residential care needs a written justification (last resort, time-limited)');
      if (gaps.length) return fail(gaps.join('; '));
      return fail('residential care is a last resort: a second supervisor must approve it', { secondApprover: 'supervisor', severity: '2nd' });
    },
  }),
  rule({
    id: 'KP-CARE-02',
    principles: ['B.children.alternative-care', 'B.children.best-interests'],
    summary: 'Review every interim care placement and every BID periodically (configured interval) and on material change; the review decides whether to reopen the BID; no closure while a review is overdue (KP B-CH2, B-CH1).',
    severity: 'timer',
    guards: ['case.CLOSE', 'best_interests.PANEL_DECIDE', 'best_interests.REVIEW'],
    check(ctx) {
      const today = calendarDate(ctx.at);
      if (ctx.command.workflow === 'case' && ctx.command.type === 'CLOSE') {
        const overdue = reviewsDue(ctx).filter((r) => r.due < today);
        if (overdue.length) return fail(`closure refused while a review is overdue: ${overdue.map((r) => `${r.what} due ${r.due}`).join('; ')}`, { severity: 'block' });
        return pass('no placement or BID review is overdue');
      }
      if (ctx.command.workflow !== 'best_interests') return pass('no review falls due on this command');
      if (ctx.command.type === 'REVIEW') {
        const next = (data(ctx) as Partial<Review>).nextReviewDate;
        const cap = bidReviewDue(undefined, ctx.at, ctx.settings.bidReviewMaxDays);
        const overdue = reviewsDue(ctx).filter((r) => r.due < today);
        const late: string[] = overdue.map((r) => `${r.what} was due ${r.due}`);
        if (next && next > cap) late.push(`the next BID review (${next}) is past the ${ctx.settings.bidReviewMaxDays}-day interval: it is due ${cap}`);
        return late.length ? fail(`review recorded late or capped: ${late.join('; ')}`) : pass('reviewed on time');
      }
      if (ctx.command.type === 'PANEL_DECIDE') {
        const d = data(ctx) as Partial<PanelDecide>;
        if (d.decision === 'return') return pass('no BID approved: no review date set');
        const chosen = d.reviewDate ?? bestInterestsContextOf(ctx.workflow).bid.reviewDate;
        const due = bidReviewDue(chosen, ctx.at, ctx.settings.bidReviewMaxDays);
        if (chosen && chosen > due) return fail(`the BID review date ${chosen} is past the ${ctx.settings.bidReviewMaxDays}-day interval: the review is due ${due}`);
        return pass(`the BID review is due ${due}`);
      }
      return pass('no review falls due on this command');
    },
  }),
];

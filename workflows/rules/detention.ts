import { addDays, calendarDate } from '../age.ts';
import { inForce } from '../jurisdictions.ts';
import type { Detain, DetentionContext, RecordDetention, Review } from '../machines/detention.ts';
import { data, fail, pass, subjectIsChild, workflowOf } from './facts.ts';
import type { Rule, RuleContext } from './types.ts';

/** Detention (RULES.md §4.4). */

/**
 * A detention ordered by another authority and recorded here (RECORD_DETENTION): the rules flag
 * what breaches them (severity warn) and tasks escalate it; refusing would leave the fact unrecorded.
 */
const isRecord = (ctx: RuleContext): boolean => ctx.command.type === 'RECORD_DETENTION';
const recordedBy = (ctx: RuleContext): string => (data(ctx) as Partial<RecordDetention>).detainingAuthority ?? 'another authority';

/** Relations under which a child may stay with a detained adult on a best-interests basis (KP-DET-03). */
const PARENTAL: ReadonlySet<string> = new Set(['mother', 'father', 'parent', 'caregiver', 'guardian']);

/** The detaining State's law in force today, if any: the command's jurisdiction, else the person's location. */
function detainingLaw(ctx: RuleContext) {
  const code = (data(ctx) as Partial<Detain>).jurisdiction ?? ctx.subject.facts.location.state;
  return inForce(ctx.jurisdictions, code, ctx.at);
}

/** Review interval in days: the stricter of the policy setting and the jurisdiction's (KP-DET-02). */
export function reviewIntervalDays(ctx: RuleContext): number {
  const law = detainingLaw(ctx);
  return Math.min(ctx.settings.detentionReviewIntervalDays, law?.detentionReviewIntervalDays ?? Number.POSITIVE_INFINITY);
}

/** A current BIA or an approved BID on the child's own case (the best-interests justification KP-DET-03 asks for). */
function bestInterestsOnRecord(ctx: RuleContext): boolean {
  const bi = workflowOf(ctx.subject, 'best_interests');
  return bi?.outcome === 'bid_approved' || typeof bi?.context['biaCompletedAt'] === 'string';
}

export const detentionRules: readonly Rule[] = [
  {
    id: 'KP-DET-01',
    principles: ['B.children.detention-last-resort', 'B.general.due-process'],
    summary: 'Approve State-ordered detention only with a legal basis and documented alternatives considered; a child\'s detention (a closed camp counts) needs a legal officer plus a supervisor.',
    severity: '2nd',
    previewable: false,
    check(ctx) {
      const d = data(ctx) as Partial<Detain>;
      if (isRecord(ctx)) {
        if (!d.legalBasis) return fail(`held by ${recordedBy(ctx)} with no known legal basis: recorded as detention; its legality is flagged for review`, { severity: 'warn' });
        return pass(`deprivation of liberty by ${recordedBy(ctx)} recorded as detention (${d.legalBasis.kind} basis)`);
      }
      const missing: string[] = [];
      if (!d.legalBasis) missing.push('a legal basis');
      if (!d.alternativesConsidered?.length) missing.push('the alternatives to detention considered');
      const orderedBy = ctx.proposedBy ?? ctx.actor;
      if (!orderedBy.roles.includes('legal_officer')) missing.push('a legal officer\'s order');
      if (missing.length) return fail(`detention needs ${missing.join(', ')}`, { severity: 'block-unless' });
      if (subjectIsChild(ctx)) return fail('detention of a child needs a supervisor\'s approval besides the legal officer\'s', { secondApprover: 'supervisor' });
      return pass('legal basis and alternatives recorded; ordered by a legal officer');
    },
  },
  {
    id: 'KP-DET-02',
    principles: ['B.children.detention-last-resort'],
    summary: 'Every child detention has a maximum duration and a next review within the configured interval; no continuation past the maximum without a release decision; overdue reviews escalate.',
    severity: 'block',
    previewable: false,
    check(ctx) {
      const today = calendarDate(ctx.at);
      const interval = reviewIntervalDays(ctx);
      const latestReview = addDays(today, interval);
      const child = subjectIsChild(ctx);
      if (ctx.command.type === 'DETAIN') {
        const d = data(ctx) as Partial<Detain>;
        const gaps: string[] = [];
        if (child && !d.maxEnd) gaps.push('no maximum duration (maxEnd)');
        if (child && !d.reviewDueAt) gaps.push('no next review date');
        if (d.maxEnd && d.maxEnd <= today) gaps.push(`the maximum end ${d.maxEnd} is not in the future`);
        if (d.reviewDueAt && d.reviewDueAt > latestReview) gaps.push(`the first review ${d.reviewDueAt} is later than the ${interval}-day interval allows (${latestReview})`);
        if (d.reviewDueAt && d.maxEnd && d.reviewDueAt > d.maxEnd) gaps.push('the first review falls after the maximum end');
        if (child && d.maxEnd && d.legalBasis?.kind === 'pretrial') {
          const law = detainingLaw(ctx);
          if (law && d.maxEnd > addDays(today, law.pretrialMaxDaysChild)) gaps.push(`pre-trial detention of a child beyond ${law.code}'s limit of ${law.pretrialMaxDaysChild} days`);
        }
        return gaps.length ? fail(`detention review safeguards: ${gaps.join('; ')}`) : pass('maximum duration and review date within the interval');
      }
      if (ctx.command.type !== 'REVIEW') return pass('not a detention decision');
      const r = data(ctx) as Partial<Review>;
      if (!r.continue) return pass('the review releases the person');
      const current = (ctx.workflow.context as Partial<DetentionContext>).current ?? null;
      if (current?.maxEnd && current.maxEnd <= today) return fail(`the maximum duration ended on ${current.maxEnd}: continued detention is refused, a release decision is required`);
      const gaps: string[] = [];
      if (child && !r.nextReviewDueAt) gaps.push('continued detention of a child needs the next review date');
      if (r.nextReviewDueAt && r.nextReviewDueAt > latestReview) gaps.push(`the next review ${r.nextReviewDueAt} is later than the ${interval}-day interval allows`);
      if (r.nextReviewDueAt && current?.maxEnd && r.nextReviewDueAt > current.maxEnd) gaps.push(`the next review falls after the maximum end ${current.maxEnd}: the maximum is never extended`);
      return gaps.length ? fail(gaps.join('; ')) : pass('continued within the maximum, next review within the interval');
    },
  },
  {
    id: 'KP-DET-03',
    principles: ['B.children.detention-last-resort', 'B.women.gender-responsive', 'B.children.best-interests'],
    summary: 'Hold children apart from unrelated adults unless a best-interests assessment supports staying with a parent; a detained woman\'s children are recorded and whether each stays with her is decided on a best-interests basis.',
    severity: 'block-unless',
    previewable: false,
    check(ctx) {
      const d = data(ctx) as Partial<Detain>;
      const gaps: string[] = [];
      /** Flagged only (WARN): a woman with no children recorded and none linked to her case. */
      const flags: string[] = [];
      if (subjectIsChild(ctx) && d.separateFromAdults === false) {
        const parent = d.staysWithParent && ctx.family.find((m) => m.id === d.staysWithParent?.caseId && PARENTAL.has(m.relation));
        if (!parent) gaps.push('a child held with adults who are not a recorded parent or caregiver');
        else if (!bestInterestsOnRecord(ctx)) gaps.push('a child held with a parent without a BIA or BID showing it is in the child\'s best interests');
      }
      if (ctx.subject.facts.person.sex === 'female') {
        if (!d.children) {
          // WORKFLOWS.md's DETAIN has no `children`: her known children (family links) must be
          // recorded; with none linked, the absence is flagged rather than refused.
          const linked = ctx.family.filter((m) => m.relation === 'child');
          if (linked.length) gaps.push(`the detained woman's children are not recorded (names, ages, whereabouts, carer): her known children ${linked.map((m) => m.reference).join(', ')} must be recorded`);
          else flags.push('no children recorded; none linked to her case (the detained woman\'s children are not recorded: add them if she has any)');
        } else {
          const recorded = new Set(d.children.map((ch) => ch.caseId).filter(Boolean));
          const unrecorded = ctx.family.filter((m) => m.relation === 'child' && !recorded.has(m.id));
          if (unrecorded.length) gaps.push(`children on file not recorded: ${unrecorded.map((m) => m.reference).join(', ')}`);
          const undecided = d.children.filter((ch) => !ch.bestInterestsBasis?.trim());
          if (undecided.length) gaps.push(`no best-interests basis for whether ${undecided.map((ch) => ch.name).join(', ')} stay${undecided.length === 1 ? 's' : ''} with the mother`);
        }
      }
      if (gaps.length && isRecord(ctx)) return fail(`recorded as it is, flagged and escalated: ${[...gaps, ...flags].join('; ')}`, { severity: 'warn' });
      if (gaps.length) return fail([...gaps, ...flags].join('; '));
      if (flags.length) return fail(flags.join('; '), { severity: 'warn' });
      return pass('separation from adults and children\'s arrangements recorded');
    },
  },
  {
    id: 'KP-DET-04',
    principles: ['B.prosecution.individual-responsibility', 'B.prosecution.children-presumption'],
    summary: 'Never detain anyone for a relative\'s conduct, or a child for mere association with or membership in a group.',
    severity: 'block',
    previewable: false,
    check(ctx) {
      const grounds = (data(ctx) as Partial<Detain>).grounds ?? [];
      const bad: string[] = [];
      if (grounds.includes('relative_conduct')) bad.push('a relative\'s conduct is never a ground for detention');
      if (subjectIsChild(ctx) && (grounds.includes('association') || grounds.includes('membership'))) bad.push('a child may not be detained for mere association or membership');
      if (bad.length && isRecord(ctx)) return fail(`the detaining authority's grounds are prohibited, flagged: ${bad.join('; ')}`, { severity: 'warn' });
      return bad.length ? fail(bad.join('; ')) : pass('the grounds concern the person\'s own conduct');
    },
  },
];

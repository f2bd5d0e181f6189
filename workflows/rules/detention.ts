import { addDays, calendarDate } from '../age.ts';
import { inForce } from '../jurisdictions.ts';
import type { Detain, Detention, DetentionContext, RecordDetention, Review } from '../detention/model.ts';
import { data, fail, pass, recordsAnotherAuthoritysAct, refuseOrFlagMessages, subjectIsChild, workflowOf } from './facts.ts';
import { say } from './detention.messages.ts';
import type { Message } from './messages.ts';
import type { Finding, Rule, RuleContext } from './types.ts';
import { rule } from './rule.ts';

/** Detention (RULES.md §4.4). */

/**
 * A detention ordered by another authority and recorded here (RECORD_DETENTION): the rules flag
 * what breaches them (severity warn) and tasks escalate it; refusing would leave the fact unrecorded.
 */
const isRecord = recordsAnotherAuthoritysAct;
const DETAIN = { detain: 'DETAIN' };
const REVIEW = { review: 'REVIEW' };

/** The detention in force before the command (a REVIEW, or a RECORD_DETENTION recording a move), or null. */
function currentDetention(ctx: RuleContext): Detention | null {
  if (ctx.command.workflow !== 'detention' || ctx.workflow.state !== 'detained') return null;
  return (ctx.workflow.context as Partial<DetentionContext>).current ?? null;
}

/** RECORD_DETENTION while detained: a move, which changes only the place. */
const currentIfMove = (ctx: RuleContext): Detention | null => (isRecord(ctx) ? currentDetention(ctx) : null);

/**
 * The detention the rules judge: the command's data, or for a move the current detention at its
 * new place (the legal basis, grounds and everything but the place are kept; children left out
 * of the move are those recorded).
 */
function heldAs(ctx: RuleContext): Partial<Detain> {
  const d = data(ctx) as Partial<Detain> & Partial<RecordDetention>;
  const current = currentIfMove(ctx);
  if (!current) return d;
  const { staysWithParent: _previous, ...kept } = current;
  return { ...kept, facility: d.facility ?? current.facility, separateFromAdults: d.separateFromAdults ?? current.separateFromAdults, ...(d.staysWithParent ? { staysWithParent: d.staysWithParent } : {}), children: d.children ?? current.children };
}

/** The day the current place was entered: a move's date, a recorded detention's, or the start. */
const placeSince = (d: Detention): string => d.moved?.since ?? d.recorded?.since ?? calendarDate(d.startedAt);

const sameGrounds = (a: readonly string[], b: readonly string[]): boolean => new Set(a).size === new Set(b).size && a.every((g) => b.includes(g));

/**
 * What KP-DET-01 refuses on RECORD_DETENTION: a record that could stand in for this organisation's
 * own order (a refused DETAIN), and a move that would change more than the place.
 */
function recordRefusals(ctx: RuleContext): { refused: Message[]; toAllow: Message[] } {
  const d = data(ctx) as Partial<RecordDetention>;
  const today = calendarDate(ctx.at);
  const refused: Message[] = [];
  const toAllow: Message[] = [];
  const allowDetain = say('KP-DET-01.allow_detain', { ...DETAIN, field: 'orderedBy: other_authority' });
  if (d.orderedBy === 'this_organisation') refused.push(say('KP-DET-01.own_order_recorded', { ...DETAIN, record: 'RECORD_DETENTION' }));
  else if (d.orderedBy !== 'other_authority') refused.push(say('KP-DET-01.orderer_unknown', { ...DETAIN, field: 'orderedBy: other_authority' }));
  if (refused.length) toAllow.push(allowDetain);
  if (d.since && d.since > today) {
    refused.push(say('KP-DET-01.future_since', { ...DETAIN, since: d.since }));
    if (!toAllow.length) toAllow.push(allowDetain);
  }
  const current = currentIfMove(ctx);
  if (current) {
    const kept: string[] = [];
    if (d.legalBasis && (d.legalBasis.kind !== current.legalBasis?.kind || d.legalBasis.reference !== current.legalBasis?.reference)) kept.push('legal_basis_of_detention');
    if (d.grounds?.length && !sameGrounds(d.grounds, current.grounds ?? [])) kept.push('grounds');
    if (d.jurisdiction && d.jurisdiction !== (current.jurisdiction ?? ctx.subject.facts.location.state)) kept.push('jurisdiction');
    if (kept.length) {
      refused.push(say('KP-DET-01.move_changes_more', { kept }));
      toAllow.push(say('KP-DET-01.allow_release_first'));
    }
    if (d.since && d.since < placeSince(current)) refused.push(say('KP-DET-01.move_predates', { since: d.since, placeSince: placeSince(current) }));
  }
  return { refused, toAllow };
}

/** Alternatives to detention named without a reason why they are unsuitable (KP-DET-01: flagged, not refused). */
function unreasonedAlternatives(d: Partial<Detain>): number[] {
  // Numbered (1-based, in the command): the alternatives are free text.
  return (d.alternativesConsidered ?? []).map((a, i) => ({ a, n: i + 1 })).filter(({ a }) => !a.whyUnsuitable?.trim()).map(({ n }) => n);
}

/** A distinct second approver with this role confirms the proposal (as the registry lifts a 2ND finding). */
const confirmedBy = (ctx: RuleContext, role: 'supervisor'): boolean => !!ctx.proposedBy && ctx.proposedBy.id !== ctx.actor.id && ctx.actor.roles.includes(role);

/** Relations under which a child may stay with a detained adult on a best-interests basis (KP-DET-03). */
const PARENTAL: ReadonlySet<string> = new Set(['mother', 'father', 'parent', 'caregiver', 'guardian']);

/** The detaining State's law in force today, if any: the command's jurisdiction, else the current detention's, else the person's location. */
function detainingLaw(ctx: RuleContext) {
  const code = (data(ctx) as Partial<Detain>).jurisdiction ?? currentDetention(ctx)?.jurisdiction ?? ctx.subject.facts.location.state;
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

/**
 * KP-DET-02 on RECORD_DETENTION. A move never extends or resets the maximum or the review chain:
 * only a REVIEW decision can (BLOCK); a maximum may be added where none was known. A new record's
 * review date is this organisation's own and must fall within the interval and the maximum (BLOCK);
 * what the detaining authority left out or overran (no maximum for a child, past the maximum, beyond
 * the pre-trial limit for a child) is flagged (WARN); the review tasks stay due at the interval, and
 * past the maximum the detention_max_reached task asks for a release decision.
 */
function recordedReviewFinding(ctx: RuleContext, { today, interval, latestReview, child }: { today: string; interval: number; latestReview: string; child: boolean }): Finding {
  const d = data(ctx) as Partial<RecordDetention>;
  const facts = ['command.maxEnd', 'command.reviewDueAt', 'command.since', 'command.legalBasis', 'detention.current', 'jurisdiction.detentionReviewIntervalDays', 'jurisdiction.pretrialMaxDaysChild', 'person.dateOfBirth'];
  const current = currentIfMove(ctx);
  if (current) {
    const changed: Message[] = [];
    if (d.maxEnd && current.maxEnd && d.maxEnd !== current.maxEnd) changed.push(say('KP-DET-02.move_resets_max', { from: current.maxEnd, to: d.maxEnd }));
    if (d.reviewDueAt && d.reviewDueAt !== current.reviewDueAt) changed.push(say('KP-DET-02.move_resets_review', { from: current.reviewDueAt, to: d.reviewDueAt }));
    const [first, ...rest] = changed;
    if (first) return fail([first, ...rest, say('KP-DET-02.only_review', REVIEW)], { facts, toAllow: [say('KP-DET-02.allow_review_decision', REVIEW)] });
    const maxEnd = current.maxEnd ?? d.maxEnd;
    if (maxEnd && maxEnd <= today) return fail(say('KP-DET-02.moved_past_max', { maxEnd }), { severity: 'warn', facts, toAllow: [say('KP-DET-02.allow_release')] });
    if (child && !maxEnd) return fail(say('KP-DET-02.moved_child_no_max'), { severity: 'warn', facts });
    return pass(say('KP-DET-02.move_keeps'), { facts });
  }
  const gaps: Message[] = [];
  if (d.reviewDueAt && d.reviewDueAt > latestReview) gaps.push(say('KP-DET-02.first_review_late', { reviewDueAt: d.reviewDueAt, interval, latest: latestReview }));
  if (d.reviewDueAt && d.maxEnd && d.reviewDueAt > d.maxEnd) gaps.push(say('KP-DET-02.first_review_after_max'));
  if (gaps.length) return fail([say('KP-DET-02.own_review'), ...gaps], { facts, toAllow: [say('KP-DET-02.allow_dates', { interval })] });
  const flags: Message[] = [];
  if (child && !d.maxEnd) flags.push(say('KP-DET-02.child_no_max_known'));
  if (d.maxEnd && d.maxEnd <= today) flags.push(say('KP-DET-02.past_max', { maxEnd: d.maxEnd }));
  if (child && d.maxEnd && d.since && d.legalBasis?.kind === 'pretrial') {
    const law = detainingLaw(ctx);
    if (law && d.maxEnd > addDays(d.since, law.pretrialMaxDaysChild)) flags.push(say('KP-DET-02.pretrial_beyond_limit', { jurisdiction: law.code, days: law.pretrialMaxDaysChild, version: law.validFrom }));
  }
  if (flags.length) return fail([say('KP-DET-02.recorded_flagged'), ...flags], { severity: 'warn', facts });
  return pass(say('KP-DET-02.recorded_ok'), { facts });
}

const DETAIN_FACTS = ['command.legalBasis', 'command.alternativesConsidered', 'command.orderedBy', 'command.since', 'actor.roles', 'detention.current', 'person.dateOfBirth'];

/** KP-DET-01 on RECORD_DETENTION: another authority's act, recorded as it is. */
function recordedDetention(ctx: RuleContext): Finding {
  const facts = DETAIN_FACTS;
  const { refused, toAllow } = recordRefusals(ctx);
  const [first, ...rest] = refused;
  if (first) return fail([first, ...rest], { severity: 'block', facts, toAllow });
  const basis = heldAs(ctx).legalBasis;
  if (!basis) return fail(say('KP-DET-01.no_known_basis'), { severity: 'warn', facts });
  return pass(say('KP-DET-01.recorded', { basis: basis.kind }), { facts });
}

/** KP-DET-01 on DETAIN: this organisation's own order. */
function orderedDetention(ctx: RuleContext): Finding {
  const facts = DETAIN_FACTS;
  const d = data(ctx) as Partial<Detain>;
  const missing: string[] = [];
  if (!d.legalBasis) missing.push('a_legal_basis');
  if (!d.alternativesConsidered?.length) missing.push('alternatives_considered');
  const orderedBy = ctx.proposedBy ?? ctx.actor;
  if (!orderedBy.roles.includes('legal_officer')) missing.push('legal_officer_order');
  if (missing.length) return fail(say('KP-DET-01.needs', { missing }), { severity: 'block-unless', facts, toAllow: [say('KP-DET-01.allow_order')] });
  // Alternatives named without why each is unsuitable: documented, but only just (flagged, the block passes).
  const unreasoned = unreasonedAlternatives(d);
  const note = unreasoned.length ? [say('KP-DET-01.unreasoned_alternatives', { alternatives: unreasoned })] : [];
  const reasons = note.length ? [say('KP-DET-01.allow_reasons')] : [];
  if (subjectIsChild(ctx)) {
    if (!note.length || !confirmedBy(ctx, 'supervisor')) return fail([say('KP-DET-01.child_needs_supervisor'), ...note], { secondApprover: 'supervisor', facts, toAllow: reasons });
    return fail([say('KP-DET-01.approved_by_two'), ...note], { severity: 'warn', facts, toAllow: reasons });
  }
  if (note.length) return fail([say('KP-DET-01.ordered'), ...note], { severity: 'warn', facts, toAllow: reasons });
  return pass(say('KP-DET-01.lawful'), { facts });
}

const REVIEW_FACTS = ['command.maxEnd', 'command.reviewDueAt', 'command.nextReviewDueAt', 'command.continue', 'command.legalBasis', 'detention.current', 'jurisdiction.detentionReviewIntervalDays', 'jurisdiction.pretrialMaxDaysChild', 'person.dateOfBirth'];

/** What KP-DET-02 reads of every command: today, the review interval, the latest review date it allows, and whether the person is a child. */
const reviewWindow = (ctx: RuleContext) => {
  const today = calendarDate(ctx.at);
  const interval = reviewIntervalDays(ctx);
  return { today, interval, latestReview: addDays(today, interval), child: subjectIsChild(ctx) };
};

/** KP-DET-03: children apart from unrelated adults; a detained woman's children recorded, each with a best-interests basis. */
function childrenArrangements(ctx: RuleContext): Finding {
  const d = heldAs(ctx);
  const facts = ['command.separateFromAdults', 'command.staysWithParent', 'command.children', 'person.sex', 'person.familyLinks', 'best_interests.state', 'best_interests.biaCompletedAt'];
  const gaps: Message[] = [];
  /** Flagged only (WARN): a woman with no children recorded and none linked to her case. */
  const flags: Message[] = [];
  if (subjectIsChild(ctx) && d.separateFromAdults === false) {
    const parent = d.staysWithParent && ctx.family.find((m) => m.id === d.staysWithParent?.caseId && PARENTAL.has(m.relation));
    if (!parent) gaps.push(say('KP-DET-03.child_with_adults'));
    else if (!bestInterestsOnRecord(ctx)) gaps.push(say('KP-DET-03.child_with_parent_no_bia'));
  }
  if (ctx.subject.facts.person.sex === 'female') {
    if (!d.children) {
      // WORKFLOWS.md's DETAIN has no `children`: her known children (family links) must be
      // recorded; with none linked, the absence is flagged rather than refused.
      const linked = ctx.family.filter((m) => m.relation === 'child');
      if (linked.length) gaps.push(say('KP-DET-03.children_not_recorded', { cases: linked.map((m) => m.reference) }));
      else flags.push(say('KP-DET-03.no_children_linked'));
    } else {
      const recorded = new Set(d.children.map((ch) => ch.caseId).filter(Boolean));
      const unrecorded = ctx.family.filter((m) => m.relation === 'child' && !recorded.has(m.id));
      if (unrecorded.length) gaps.push(say('KP-DET-03.children_on_file_unrecorded', { cases: unrecorded.map((m) => m.reference) }));
      const undecided = d.children.filter((ch) => !ch.bestInterestsBasis?.trim());
      // A child is named by its case reference, or by its number in the command (never by name).
      if (undecided.length) {
        const children = undecided.map((ch) => ctx.family.find((m) => m.id === ch.caseId)?.reference ?? `child ${(d.children ?? []).indexOf(ch) + 1}`);
        gaps.push(undecided.length === 1 ? say('KP-DET-03.no_basis_one', { children }) : say('KP-DET-03.no_basis_many', { children }));
      }
    }
  }
  const toAllow = [say('KP-DET-03.allow_arrangements')];
  const [first, ...rest] = [...gaps, ...flags];
  if (gaps.length && first && isRecord(ctx)) return fail([say('KP-DET-03.recorded_flagged'), first, ...rest], { severity: 'warn', facts, toAllow });
  return refuseOrFlagMessages(gaps, flags, say('KP-DET-03.arranged'), { facts, toAllow }, { facts });
}

/** KP-DET-04: no detention for a relative's conduct, nor of a child for mere association or membership. */
function detentionGrounds(ctx: RuleContext): Finding {
  const grounds = heldAs(ctx).grounds ?? [];
  const facts = ['command.grounds', 'detention.current', 'person.dateOfBirth'];
  const bad: Message[] = [];
  if (grounds.includes('relative_conduct')) bad.push(say('KP-DET-04.relative_conduct'));
  if (subjectIsChild(ctx) && (grounds.includes('association') || grounds.includes('membership'))) bad.push(say('KP-DET-04.child_association'));
  const toAllow = [say('KP-DET-04.allow_own_conduct')];
  const [first, ...rest] = bad;
  if (first && isRecord(ctx)) return fail([say('KP-DET-04.prohibited_recorded'), first, ...rest], { severity: 'warn', facts, toAllow });
  if (first) return fail([first, ...rest], { facts, toAllow });
  return pass(say('KP-DET-04.own_conduct'), { facts });
}

export const detentionRules: readonly Rule[] = [
  rule({
    id: 'KP-DET-01',
    principles: ['B.children.detention-last-resort', 'B.general.due-process'],
    summary: 'Approve State-ordered detention only with a legal basis and documented alternatives considered; a child\'s detention (a closed camp counts) needs a legal officer plus a supervisor.',
    severity: '2nd',
    previewable: false,
  })
    .on('detention.DETAIN', orderedDetention)
    .on('detention.RECORD_DETENTION', recordedDetention),
  rule({
    id: 'KP-DET-02',
    principles: ['B.children.detention-last-resort'],
    summary: 'Every child detention has a maximum duration and a next review within the configured interval; no continuation past the maximum without a release decision; overdue reviews escalate.',
    severity: 'block',
    previewable: false,
  })
    .on('detention.DETAIN', (ctx) => {
      const { today, interval, latestReview, child } = reviewWindow(ctx);
      const d = data(ctx) as Partial<Detain>;
      const gaps: Message[] = [];
      if (child && !d.maxEnd) gaps.push(say('KP-DET-02.no_max', { field: 'maxEnd' }));
      if (child && !d.reviewDueAt) gaps.push(say('KP-DET-02.no_review_date'));
      if (d.maxEnd && d.maxEnd <= today) gaps.push(say('KP-DET-02.max_not_future', { maxEnd: d.maxEnd }));
      if (d.reviewDueAt && d.reviewDueAt > latestReview) gaps.push(say('KP-DET-02.first_review_late', { reviewDueAt: d.reviewDueAt, interval, latest: latestReview }));
      if (d.reviewDueAt && d.maxEnd && d.reviewDueAt > d.maxEnd) gaps.push(say('KP-DET-02.first_review_after_max'));
      if (child && d.maxEnd && d.legalBasis?.kind === 'pretrial') {
        const law = detainingLaw(ctx);
        if (law && d.maxEnd > addDays(today, law.pretrialMaxDaysChild)) gaps.push(say('KP-DET-02.pretrial_beyond_limit', { jurisdiction: law.code, days: law.pretrialMaxDaysChild, version: law.validFrom }));
      }
      if (gaps.length) return fail([say('KP-DET-02.safeguards'), ...gaps], { facts: REVIEW_FACTS, toAllow: [say('KP-DET-02.allow_dates', { interval })] });
      return pass(say('KP-DET-02.within_interval'), { facts: REVIEW_FACTS });
    })
    .on('detention.RECORD_DETENTION', (ctx) => recordedReviewFinding(ctx, reviewWindow(ctx)))
    .on('detention.REVIEW', (ctx) => {
      const { today, interval, latestReview, child } = reviewWindow(ctx);
      const facts = REVIEW_FACTS;
      const r = data(ctx) as Partial<Review>;
      if (!r.continue) return pass(say('KP-DET-02.released'), { facts });
      const current = (ctx.workflow.context as Partial<DetentionContext>).current ?? null;
      if (current?.maxEnd && current.maxEnd <= today) return fail(say('KP-DET-02.max_ended', { maxEnd: current.maxEnd }), { facts, toAllow: [say('KP-DET-02.allow_release')] });
      const gaps: Message[] = [];
      if (child && !r.nextReviewDueAt) gaps.push(say('KP-DET-02.child_needs_next_review'));
      if (r.nextReviewDueAt && r.nextReviewDueAt > latestReview) gaps.push(say('KP-DET-02.next_review_late', { next: r.nextReviewDueAt, interval }));
      if (r.nextReviewDueAt && current?.maxEnd && r.nextReviewDueAt > current.maxEnd) gaps.push(say('KP-DET-02.next_review_after_max', { maxEnd: current.maxEnd }));
      const [first, ...rest] = gaps;
      if (first) return fail([first, ...rest], { facts, toAllow: [say('KP-DET-02.allow_dates', { interval })] });
      return pass(say('KP-DET-02.continued'), { facts });
    }),
  rule({
    id: 'KP-DET-03',
    principles: ['B.children.detention-last-resort', 'B.women.gender-responsive', 'B.children.best-interests'],
    summary: 'Hold children apart from unrelated adults unless a best-interests assessment supports staying with a parent; a detained woman\'s children are recorded and whether each stays with her is decided on a best-interests basis.',
    severity: 'block-unless',
    guards: ['detention.DETAIN', 'detention.RECORD_DETENTION'],
    previewable: false,
    check: childrenArrangements,
  }),
  rule({
    id: 'KP-DET-04',
    principles: ['B.prosecution.individual-responsibility', 'B.prosecution.children-presumption'],
    summary: 'Never detain anyone for a relative\'s conduct, or a child for mere association with or membership in a group.',
    severity: 'block',
    guards: ['detention.DETAIN', 'detention.RECORD_DETENTION'],
    previewable: false,
    check: detentionGrounds,
  }),
];

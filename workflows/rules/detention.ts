import { addDays, calendarDate } from '../age.ts';
import { inForce } from '../jurisdictions.ts';
import type { Detain, Detention, DetentionContext, RecordDetention, Review } from '../detention/model.ts';
import { data, fail, pass, recordsAnotherAuthoritysAct, refuseOrFlag, subjectIsChild, workflowOf } from './facts.ts';
import type { Finding, Rule, RuleContext } from './types.ts';
import { rule } from './rule.ts';

/** Detention (RULES.md §4.4). */

/**
 * A detention ordered by another authority and recorded here (RECORD_DETENTION): the rules flag
 * what breaches them (severity warn) and tasks escalate it; refusing would leave the fact unrecorded.
 */
const isRecord = recordsAnotherAuthoritysAct;
const recordedBy = (ctx: RuleContext): string => (data(ctx) as Partial<RecordDetention>).detainingAuthority ?? 'another authority';

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
function recordRefusals(ctx: RuleContext): string[] {
  const d = data(ctx) as Partial<RecordDetention>;
  const today = calendarDate(ctx.at);
  const out: string[] = [];
  if (d.orderedBy === 'this_organisation') out.push('this organisation\'s own order is a DETAIN, with every safeguard: RECORD_DETENTION records only another authority\'s');
  else if (d.orderedBy !== 'other_authority') out.push('the record does not say that another authority ordered it (orderedBy: other_authority): this organisation\'s own order is a DETAIN');
  if (d.since && d.since > today) out.push(`held since ${d.since}, a date still to come: a detention not yet begun is ordered with DETAIN, not recorded`);
  const current = currentIfMove(ctx);
  if (current) {
    const kept: string[] = [];
    if (d.legalBasis && (d.legalBasis.kind !== current.legalBasis?.kind || d.legalBasis.reference !== current.legalBasis?.reference)) kept.push('legal basis');
    if (d.grounds?.length && !sameGrounds(d.grounds, current.grounds ?? [])) kept.push('grounds');
    if (d.jurisdiction && d.jurisdiction !== (current.jurisdiction ?? ctx.subject.facts.location.state)) kept.push('jurisdiction');
    if (kept.length) out.push(`a move changes only the place: the current detention's ${kept.join(', ')} cannot be changed by it (release it, then record the new detention)`);
    if (d.since && d.since < placeSince(current)) out.push(`the move on ${d.since} predates the current place (held there since ${placeSince(current)})`);
  }
  return out;
}

/** Alternatives to detention named without a reason why they are unsuitable (KP-DET-01: flagged, not refused). */
function unreasonedAlternatives(d: Partial<Detain>): string[] {
  return (d.alternativesConsidered ?? []).filter((a) => !a.whyUnsuitable?.trim()).map((a) => a.alternative);
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
  const current = currentIfMove(ctx);
  if (current) {
    const changed: string[] = [];
    if (d.maxEnd && current.maxEnd && d.maxEnd !== current.maxEnd) changed.push(`the maximum end ${current.maxEnd} (to ${d.maxEnd})`);
    if (d.reviewDueAt && d.reviewDueAt !== current.reviewDueAt) changed.push(`the next review due ${current.reviewDueAt} (to ${d.reviewDueAt})`);
    if (changed.length) return fail(`a move cannot extend or reset ${changed.join(' or ')}: only a review decision (REVIEW) can, within the interval and never past the maximum`);
    const maxEnd = current.maxEnd ?? d.maxEnd;
    if (maxEnd && maxEnd <= today) return fail(`moved while held past the maximum end ${maxEnd}: a release decision is required`, { severity: 'warn' });
    if (child && !maxEnd) return fail('moved; the detention of a child still has no known maximum duration', { severity: 'warn' });
    return pass('the move keeps the maximum, the review date and the reviews');
  }
  const gaps: string[] = [];
  if (d.reviewDueAt && d.reviewDueAt > latestReview) gaps.push(`the first review ${d.reviewDueAt} is later than the ${interval}-day interval allows (${latestReview})`);
  if (d.reviewDueAt && d.maxEnd && d.reviewDueAt > d.maxEnd) gaps.push('the first review falls after the maximum end');
  if (gaps.length) return fail(`this organisation's review of the recorded detention: ${gaps.join('; ')}`);
  const flags: string[] = [];
  if (child && !d.maxEnd) flags.push('the detention of a child has no known maximum duration');
  if (d.maxEnd && d.maxEnd <= today) flags.push(`held past the maximum end ${d.maxEnd}: a release decision is required`);
  if (child && d.maxEnd && d.since && d.legalBasis?.kind === 'pretrial') {
    const law = detainingLaw(ctx);
    if (law && d.maxEnd > addDays(d.since, law.pretrialMaxDaysChild)) flags.push(`pre-trial detention of a child beyond ${law.code}'s limit of ${law.pretrialMaxDaysChild} days`);
  }
  if (flags.length) return fail(`recorded as it is, flagged and escalated: ${flags.join('; ')}`, { severity: 'warn' });
  return pass('the maximum is known and the review falls within the interval');
}

export const detentionRules: readonly Rule[] = [
  rule({
    id: 'KP-DET-01',
    principles: ['B.children.detention-last-resort', 'B.general.due-process'],
    summary: 'Approve State-ordered detention only with a legal basis and documented alternatives considered; a child\'s detention (a closed camp counts) needs a legal officer plus a supervisor.',
    severity: '2nd',
    guards: ['detention.DETAIN', 'detention.RECORD_DETENTION'],
    previewable: false,
    check(ctx) {
      const d = data(ctx) as Partial<Detain>;
      if (isRecord(ctx)) {
        const refused = recordRefusals(ctx);
        if (refused.length) return fail(refused.join('; '), { severity: 'block' });
        const basis = heldAs(ctx).legalBasis;
        if (!basis) return fail(`held by ${recordedBy(ctx)} with no known legal basis: recorded as detention; its legality is flagged for review and escalated`, { severity: 'warn' });
        return pass(`deprivation of liberty by ${recordedBy(ctx)} recorded as detention (${basis.kind} basis)`);
      }
      const missing: string[] = [];
      if (!d.legalBasis) missing.push('a legal basis');
      if (!d.alternativesConsidered?.length) missing.push('the alternatives to detention considered');
      const orderedBy = ctx.proposedBy ?? ctx.actor;
      if (!orderedBy.roles.includes('legal_officer')) missing.push('a legal officer\'s order');
      if (missing.length) return fail(`detention needs ${missing.join(', ')}`, { severity: 'block-unless' });
      // Alternatives named without why each is unsuitable: documented, but only just (flagged, the block passes).
      const unreasoned = unreasonedAlternatives(d);
      const note = unreasoned.length ? `alternatives considered with no reason recorded why they are unsuitable: ${unreasoned.join(', ')}` : '';
      if (subjectIsChild(ctx)) {
        if (!note || !confirmedBy(ctx, 'supervisor')) return fail(`detention of a child needs a supervisor's approval besides the legal officer's${note ? `; ${note}` : ''}`, { secondApprover: 'supervisor' });
        return fail(`approved by a legal officer and a second supervisor; ${note}`, { severity: 'warn' });
      }
      if (note) return fail(`legal basis recorded; ordered by a legal officer; ${note}`, { severity: 'warn' });
      return pass('legal basis and alternatives recorded; ordered by a legal officer');
    },
  }),
  rule({
    id: 'KP-DET-02',
    principles: ['B.children.detention-last-resort'],
    summary: 'Every child detention has a maximum duration and a next review within the configured interval; no continuation past the maximum without a release decision; overdue reviews escalate.',
    severity: 'block',
    guards: ['detention.DETAIN', 'detention.RECORD_DETENTION', 'detention.REVIEW'],
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
      if (isRecord(ctx)) return recordedReviewFinding(ctx, { today, interval, latestReview, child });
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
  }),
  rule({
    id: 'KP-DET-03',
    principles: ['B.children.detention-last-resort', 'B.women.gender-responsive', 'B.children.best-interests'],
    summary: 'Hold children apart from unrelated adults unless a best-interests assessment supports staying with a parent; a detained woman\'s children are recorded and whether each stays with her is decided on a best-interests basis.',
    severity: 'block-unless',
    guards: ['detention.DETAIN', 'detention.RECORD_DETENTION'],
    previewable: false,
    check(ctx) {
      const d = heldAs(ctx);
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
          if (undecided.length) gaps.push(`no best-interests basis for whether ${undecided.map((ch) => ctx.family.find((m) => m.id === ch.caseId)?.reference ?? `child ${(d.children ?? []).indexOf(ch) + 1}`).join(', ')} stay${undecided.length === 1 ? 's' : ''} with the mother`);
        }
      }
      if (gaps.length && isRecord(ctx)) return fail(`recorded as it is, flagged and escalated: ${[...gaps, ...flags].join('; ')}`, { severity: 'warn' });
      return refuseOrFlag(gaps, flags, 'separation from adults and children\'s arrangements recorded');
    },
  }),
  rule({
    id: 'KP-DET-04',
    principles: ['B.prosecution.individual-responsibility', 'B.prosecution.children-presumption'],
    summary: 'Never detain anyone for a relative\'s conduct, or a child for mere association with or membership in a group.',
    severity: 'block',
    guards: ['detention.DETAIN', 'detention.RECORD_DETENTION'],
    previewable: false,
    check(ctx) {
      const grounds = heldAs(ctx).grounds ?? [];
      const bad: string[] = [];
      if (grounds.includes('relative_conduct')) bad.push('a relative\'s conduct is never a ground for detention');
      if (subjectIsChild(ctx) && (grounds.includes('association') || grounds.includes('membership'))) bad.push('a child may not be detained for mere association or membership');
      if (bad.length && isRecord(ctx)) return fail(`the detaining authority's grounds are prohibited, flagged and escalated: ${bad.join('; ')}`, { severity: 'warn' });
      return bad.length ? fail(bad.join('; ')) : pass('the grounds concern the person\'s own conduct');
    },
  }),
];

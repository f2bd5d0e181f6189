import { addDays } from '../age.ts';
import type { Interview, Assessment, ScreeningContext } from '../screening/model.ts';
import { data, evidenceByIds, fail, hasJustification, isPersonSpecific, isUsable, pass, recordsAnotherAuthoritysAct, subjectIsChild, workflowOf } from './facts.ts';
import type { CaseView, Rule, RuleContext } from './types.ts';
import { rule } from './rule.ts';

/** Screening and individual assessment (RULES.md §4.1). */

function screeningContext(ctx: RuleContext): ScreeningContext | undefined {
  return workflowOf(ctx.subject, 'screening')?.context as ScreeningContext | undefined;
}

/** Evidence ids a command cites: an assessment's affiliation evidence, or a decision's own list. */
export function citedEvidenceIds(ctx: RuleContext): string[] {
  const d = data(ctx);
  const affiliation = d['affiliation'] as Assessment['affiliation'] | undefined;
  if (affiliation) return affiliation.evidenceIds;
  const ids = d['evidenceIds'];
  // An empty list cites nothing: fall through to the proceedings' evidence below.
  if (Array.isArray(ids) && ids.length > 0) return ids.map(String);
  // A charge that names no evidence rests on the evidence its investigation was opened on.
  if (ctx.command.workflow === 'legal' && ctx.command.type === 'CHARGE') {
    const investigation = (ctx.workflow.context as { investigation?: { evidenceIds?: unknown } | null }).investigation;
    return Array.isArray(investigation?.evidenceIds) ? investigation.evidenceIds.map(String) : [];
  }
  // A detention that names no evidence rests on the evidence of the proceedings (investigation and charge).
  if (ctx.command.workflow === 'detention' && ctx.command.type === 'DETAIN') return proceedingsEvidenceIds(ctx.subject);
  return [];
}

/** The evidence the person's proceedings rest on: the investigation's and the charge's. */
export function proceedingsEvidenceIds(c: CaseView): string[] {
  const legal = workflowOf(c, 'legal')?.context as { investigation?: { evidenceIds?: unknown } | null; chargeEvidenceIds?: unknown } | undefined;
  const investigation = Array.isArray(legal?.investigation?.evidenceIds) ? legal.investigation.evidenceIds.map(String) : [];
  const charge = Array.isArray(legal?.chargeEvidenceIds) ? legal.chargeEvidenceIds.map(String) : [];
  return [...new Set([...investigation, ...charge])];
}

/** Commands that carry a decision against the person and so need person-specific evidence (KP-SCR-02). */
function isAdverse(ctx: RuleContext): boolean {
  const d = data(ctx);
  const affiliation = d['affiliation'] as Assessment['affiliation'] | undefined;
  if (affiliation) return affiliation.level !== 'none';
  return ['legal', 'detention'].includes(ctx.command.workflow) && ['OPEN_INVESTIGATION', 'CHARGE', 'DETAIN', 'REQUEST_WATCHLIST_ENTRY'].includes(ctx.command.type);
}

/** Why an interview falls short of KP-SCR-05, or an empty list. */
export function interviewShortfalls(interview: Interview, ctx: RuleContext): string[] {
  const gaps: string[] = [];
  if (subjectIsChild(ctx)) {
    if (!interview.appropriateAdultPresent) gaps.push('a child was interviewed without an appropriate adult or guardian present');
    if (!interview.participants.some((p) => p.role === 'child_protection')) gaps.push('a child was interviewed without trained child-protection staff');
  }
  if (ctx.subject.facts.person.sex === 'female' && !interview.femaleInterviewerOffered) gaps.push('a woman or girl was not offered a female interviewer');
  if (!interview.interpreter && !interview.personUnderstandsLanguage) gaps.push(`the interview language (${interview.language}) is not one the person understands and no interpreter was used`);
  return gaps;
}

export const REFERRAL_FOR: Record<Assessment['victimIndicators'][number], readonly Assessment['referrals'][number][]> = {
  trafficking: ['trafficking_support'],
  sgbv: ['sgbv_support'],
  forced_marriage: ['sgbv_support', 'child_protection'],
  coercion: ['mhpss', 'legal', 'child_protection'],
  child_recruitment: ['child_protection'],
  other: ['child_protection', 'sgbv_support', 'medical', 'mhpss', 'legal', 'trafficking_support', 'other'],
};

/**
 * The referrals still owed on a screening record (KP-SCR-03 "every victim indicator must produce a
 * protection referral", KP-GEN-01 "TIMER for referral"): the victim indicators (SGBV aside) with no
 * matching referral in the assessment or recorded since, and whether an SGBV indicator (or a
 * recorded survivor) still lacks an SGBV referral. A referral offered and declined counts as made.
 * `due`: the assessment's date plus the referral SLA. Null when nothing is owed or no assessment exists.
 */
export function outstandingReferrals(s: Partial<ScreeningContext> | undefined, survivor: boolean, slaDays: number, pending?: { referrals: readonly string[] }): { victim: string[]; sgbv: boolean; due: string } | null {
  const assessment = s?.assessment;
  if (!assessment) return null;
  const made = new Set<string>([...assessment.referrals, ...(s?.referrals ?? []).flatMap((r) => r.referrals), ...(pending?.referrals ?? [])]);
  const victim = assessment.victimIndicators.filter((i) => i !== 'sgbv' && !REFERRAL_FOR[i].some((r) => made.has(r)));
  const sgbv = (survivor || assessment.victimIndicators.includes('sgbv')) && !made.has('sgbv_support');
  if (victim.length === 0 && !sgbv) return null;
  return { victim, sgbv, due: addDays(assessment.at, slaDays) };
}

export const screeningRules: readonly Rule[] = [
  rule({
    id: 'KP-SCR-01',
    principles: ['B.general.individual-assessment', 'B.prosecution.individual-responsibility'],
    summary: 'Every person has their own screening record; any decision about a person cites that person\'s record, never a household record.',
    severity: 'block',
    guards: [
      'screening.RECORD_ASSESSMENT',
      'screening.SUBMIT',
      'screening.APPROVE',
      'repatriation.APPROVE_RETURN',
      'legal.OPEN_INVESTIGATION',
      'legal.CHARGE',
      'legal.REQUEST_WATCHLIST_ENTRY',
      'detention.DETAIN',
      'detention.RECORD_DETENTION',
    ],
    check(ctx) {
      const { missing } = evidenceByIds(ctx.subject, citedEvidenceIds(ctx));
      if (missing.length > 0) return fail(`cited evidence ${missing.join(', ')} is not in this person's own record`);
      if (ctx.command.workflow === 'screening' && ctx.command.type === 'RECORD_ASSESSMENT') return pass('the assessment is recorded on this person\'s own case');
      const assessment = screeningContext(ctx)?.assessment;
      // Another authority's detention recorded as it is (RECORD_DETENTION): flagged, never left unrecorded.
      if (!assessment) return fail('this person has no individual assessment of their own', recordsAnotherAuthoritysAct(ctx) ? { severity: 'warn' } : {});
      return pass('this person\'s own assessment is on record');
    },
  }),
  rule({
    id: 'KP-SCR-02',
    principles: ['F.statelessness', 'B.prosecution.individual-responsibility', 'B.children.stigmatisation'],
    summary: 'Family links, birth or residence in group-held territory, or camp residence are never sufficient evidence of affiliation or a basis for detention, prosecution or risk: person-specific evidence is required.',
    severity: 'block',
    guards: ['screening.RECORD_ASSESSMENT', 'legal.OPEN_INVESTIGATION', 'legal.CHARGE', 'legal.REQUEST_WATCHLIST_ENTRY', 'detention.DETAIN'],
    previewable: false,
    check(ctx) {
      if (!isAdverse(ctx)) return pass('no finding against the person');
      const { found } = evidenceByIds(ctx.subject, citedEvidenceIds(ctx));
      if (found.length === 0 && ctx.command.type === 'DETAIN') {
        // A detention citing nothing, with no proceedings to rest on: the case's own evidence decides.
        const all = ctx.subject.evidence;
        // No evidence at all is no better than family-only evidence: person-specific evidence is required.
        if (all.length === 0) return fail('no evidence cited and none on record: a detention needs person-specific evidence');
        if (all.some((e) => isPersonSpecific(e) && isUsable(e))) return pass('no evidence cited; the case record holds person-specific evidence');
        return fail('no evidence cited, and the case\'s evidence concerns only family members, places or general context (or is tainted): person-specific evidence is required');
      }
      if (found.length === 0) return fail('a finding against the person cites no evidence');
      if (!found.some((e) => isPersonSpecific(e) && isUsable(e))) {
        return fail('the cited evidence concerns only family members, places or general context: person-specific evidence is required');
      }
      return pass('person-specific evidence is cited');
    },
  }),
  rule({
    id: 'KP-SCR-03',
    principles: ['B.women.roles', 'B.women.support'],
    summary: 'Record victim indicators independently of alleged offending; every victim indicator produces a protection referral.',
    severity: 'warn',
    guards: ['screening.RECORD_ASSESSMENT', 'screening.RECORD_REFERRAL'],
    previewable: false,
    check(ctx) {
      const sla = ctx.settings.referralSlaDays;
      if (ctx.command.type === 'RECORD_REFERRAL') {
        const owed = outstandingReferrals(screeningContext(ctx), false, sla, data(ctx) as { referrals: string[] });
        if (owed?.victim.length) return fail(`victim indicators still without a protection referral: ${owed.victim.join(', ')} (due ${owed.due})`);
        return pass('every victim indicator has a referral');
      }
      const a = data(ctx) as Partial<Assessment>;
      const missing = (a.victimIndicators ?? []).filter((i) => !REFERRAL_FOR[i].some((r) => a.referrals?.includes(r)));
      // WARN, then TIMER: the referral task (GET /v1/tasks) is due within the SLA and escalates when overdue.
      if (missing.length > 0) return fail(`victim indicators without a protection referral: ${missing.join(', ')}; a referral task is due within ${sla} days`);
      return pass('every victim indicator has a referral');
    },
  }),
  rule({
    id: 'KP-SCR-04',
    principles: ['B.general.children-victims', 'B.prosecution.children-presumption'],
    summary: 'A child\'s case opens on the protection track; moving a child into the justice track needs a current BIA and legal-officer approval.',
    severity: 'block-unless',
    guards: ['screening.RECORD_ASSESSMENT', 'legal.OPEN_INVESTIGATION'],
    check(ctx) {
      if (!subjectIsChild(ctx)) return pass('the person is not a child');
      if (ctx.command.workflow === 'screening') {
        const a = data(ctx) as Partial<Assessment>;
        if (ctx.preview || a.referrals?.includes('child_protection')) return pass('the child is on the protection track');
        return fail('a child\'s assessment must refer the child to child protection (protection track)');
      }
      const bia = workflowOf(ctx.subject, 'best_interests')?.context['biaCompletedAt'];
      const problems: string[] = [];
      if (typeof bia !== 'string') problems.push('no completed best-interests assessment');
      if (!ctx.actor.roles.includes('legal_officer')) problems.push('a legal officer must approve a move into the justice track');
      return problems.length ? fail(problems.join('; ')) : pass('a current BIA and legal-officer approval are present');
    },
  }),
  rule({
    id: 'KP-SCR-05',
    principles: ['B.general.individual-assessment', 'B.women.gender-responsive'],
    summary: 'Interview children only with trained child-protection staff and an appropriate adult; offer women and girls a female interviewer; use a language the person understands.',
    severity: 'block',
    guards: ['screening.RECORD_INTERVIEW', 'screening.SUBMIT', 'screening.APPROVE'],
    check(ctx) {
      const emergency = (gaps: string[], interview: Pick<Interview, 'emergency'>) =>
        interview.emergency && hasJustification(ctx)
          ? pass(`emergency interview, justified: ${gaps.join('; ')}`)
          : fail(gaps.join('; ') + (interview.emergency ? ' (an emergency interview needs a written justification)' : ''), interview.emergency ? { severity: 'justify' } : {});
      if (ctx.command.type === 'RECORD_INTERVIEW') {
        if (ctx.preview) return pass('checked on the interview record');
        const interview = data(ctx) as Interview;
        const gaps = interviewShortfalls(interview, ctx);
        return gaps.length ? emergency(gaps, interview) : pass('the interview meets the safeguards');
      }
      const interviews = screeningContext(ctx)?.interviews ?? [];
      if (interviews.length === 0) return fail('no interview has been recorded');
      const gaps = interviews.flatMap((i) => (i.emergency ? [] : interviewShortfalls(i, ctx)));
      return gaps.length ? fail(gaps.join('; ')) : pass('every recorded interview meets the safeguards');
    },
  }),
];

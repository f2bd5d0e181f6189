import { addDays } from '../age.ts';
import type { Interview, Assessment, ScreeningContext } from '../screening/model.ts';
import { data, evidenceByIds, fail, hasJustification, isPersonSpecific, isUsable, pass, recordsAnotherAuthoritysAct, subjectIsChild, workflowOf } from './facts.ts';
import type { CaseView, Finding, Rule, RuleContext } from './types.ts';
import { rule } from './rule.ts';
import { say } from './screening.messages.ts';
import { say as common, type Message } from './messages.ts';

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
export function interviewShortfalls(interview: Interview, ctx: RuleContext): Message[] {
  const gaps: Message[] = [];
  if (subjectIsChild(ctx)) {
    if (!interview.appropriateAdultPresent) gaps.push(say('KP-SCR-05.no_appropriate_adult'));
    if (!interview.participants.some((p) => p.role === 'child_protection')) gaps.push(say('KP-SCR-05.no_child_protection_staff'));
  }
  if (ctx.subject.facts.person.sex === 'female' && !interview.femaleInterviewerOffered) gaps.push(say('KP-SCR-05.no_female_interviewer'));
  if (!interview.interpreter && !interview.personUnderstandsLanguage) gaps.push(say('KP-SCR-05.language_not_understood'));
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

const EVIDENCE_FACTS = ['command.evidenceIds', 'command.affiliation.evidenceIds', 'legal.investigation.evidenceIds', 'legal.chargeEvidenceIds'];

/** KP-SCR-01: the cited evidence is on this person's own record. */
function ownEvidence(ctx: RuleContext): Finding | null {
  const { missing } = evidenceByIds(ctx.subject, citedEvidenceIds(ctx));
  if (missing.length > 0) return fail(say('KP-SCR-01.evidence_elsewhere', { evidence: missing }), { facts: EVIDENCE_FACTS, toAllow: [say('KP-SCR-01.allow_own_evidence')] });
  return null;
}

/** KP-SCR-02 on a command that may carry a finding against the person. */
function personSpecific(ctx: RuleContext): Finding {
  const facts = [...EVIDENCE_FACTS, 'evidence.concerns', 'evidence.tortureAllegation'];
  const toAllow = [say('KP-SCR-02.allow_specific')];
  if (!isAdverse(ctx)) return pass(say('KP-SCR-02.no_adverse_finding'), { facts: ['command.affiliation.level'] });
  const { found } = evidenceByIds(ctx.subject, citedEvidenceIds(ctx));
  const evidenceIds = found.map((e) => e.id);
  if (found.length === 0 && ctx.command.type === 'DETAIN') {
    // A detention citing nothing, with no proceedings to rest on: the case's own evidence decides.
    const all = ctx.subject.evidence;
    const ids = all.map((e) => e.id);
    // No evidence at all is no better than family-only evidence: person-specific evidence is required.
    if (all.length === 0) return fail(say('KP-SCR-02.detain_no_evidence'), { facts, toAllow });
    if (all.some((e) => isPersonSpecific(e) && isUsable(e))) return pass(say('KP-SCR-02.detain_record_specific'), { facts, evidenceIds: ids });
    return fail(say('KP-SCR-02.detain_record_not_specific'), { facts, evidenceIds: ids, toAllow });
  }
  if (found.length === 0) return fail(say('KP-SCR-02.no_evidence'), { facts, toAllow });
  if (!found.some((e) => isPersonSpecific(e) && isUsable(e))) return fail(say('KP-SCR-02.not_specific'), { facts, evidenceIds, toAllow });
  return pass(say('KP-SCR-02.specific'), { facts, evidenceIds });
}

const INTERVIEW_FACTS = ['screening.interviews', 'person.dateOfBirth', 'person.sex'];

export const screeningRules: readonly Rule[] = [
  rule({
    id: 'KP-SCR-01',
    principles: ['B.general.individual-assessment', 'B.prosecution.individual-responsibility'],
    summary: 'Every person has their own screening record; any decision about a person cites that person\'s record, never a household record.',
    severity: 'block',
  })
    .on('screening.RECORD_ASSESSMENT', (ctx) => ownEvidence(ctx) ?? pass(say('KP-SCR-01.own_case'), { facts: EVIDENCE_FACTS }))
    .on(
      [
        'screening.SUBMIT',
        'screening.APPROVE',
        'repatriation.APPROVE_RETURN',
        'legal.OPEN_INVESTIGATION',
        'legal.CHARGE',
        'legal.REQUEST_WATCHLIST_ENTRY',
        'detention.DETAIN',
        'detention.RECORD_DETENTION',
      ],
      (ctx) => {
        const elsewhere = ownEvidence(ctx);
        if (elsewhere) return elsewhere;
        const facts = [...EVIDENCE_FACTS, 'screening.assessment'];
        const assessment = screeningContext(ctx)?.assessment;
        // Another authority's detention recorded as it is (RECORD_DETENTION): flagged, never left unrecorded.
        if (!assessment) return fail(say('KP-SCR-01.no_assessment'), { ...(recordsAnotherAuthoritysAct(ctx) ? { severity: 'warn' as const } : {}), facts, toAllow: [say('KP-SCR-01.allow_assessment')] });
        return pass(say('KP-SCR-01.own_assessment'), { facts });
      },
    ),
  rule({
    id: 'KP-SCR-02',
    principles: ['F.statelessness', 'B.prosecution.individual-responsibility', 'B.children.stigmatisation'],
    summary: 'Family links, birth or residence in group-held territory, or camp residence are never sufficient evidence of affiliation or a basis for detention, prosecution or risk: person-specific evidence is required.',
    severity: 'block',
    guards: ['screening.RECORD_ASSESSMENT', 'legal.OPEN_INVESTIGATION', 'legal.CHARGE', 'legal.REQUEST_WATCHLIST_ENTRY', 'detention.DETAIN'],
    previewable: false,
    check: personSpecific,
  }),
  rule({
    id: 'KP-SCR-03',
    principles: ['B.women.roles', 'B.women.support'],
    summary: 'Record victim indicators independently of alleged offending; every victim indicator produces a protection referral.',
    severity: 'warn',
    previewable: false,
  })
    .on('screening.RECORD_ASSESSMENT', (ctx) => {
      const sla = ctx.settings.referralSlaDays;
      const facts = ['command.victimIndicators', 'command.referrals'];
      const a = data(ctx) as Partial<Assessment>;
      const missing = (a.victimIndicators ?? []).filter((i) => !REFERRAL_FOR[i].some((r) => a.referrals?.includes(r)));
      // WARN, then TIMER: the referral task (GET /v1/tasks) is due within the SLA and escalates when overdue.
      if (missing.length > 0) return fail(say('KP-SCR-03.missing', { indicators: missing, days: sla }), { facts, toAllow: [say('KP-SCR-03.allow_referral')] });
      return pass(say('KP-SCR-03.all_referred'), { facts });
    })
    .on('screening.RECORD_REFERRAL', (ctx) => {
      const facts = ['screening.assessment.victimIndicators', 'screening.assessment.referrals', 'screening.referrals', 'command.referrals'];
      const owed = outstandingReferrals(screeningContext(ctx), false, ctx.settings.referralSlaDays, data(ctx) as { referrals: string[] });
      if (owed?.victim.length) return fail(say('KP-SCR-03.still_owed', { indicators: owed.victim, due: owed.due }), { facts, toAllow: [say('KP-SCR-03.allow_referral')] });
      return pass(say('KP-SCR-03.all_referred'), { facts });
    }),
  rule({
    id: 'KP-SCR-04',
    principles: ['B.general.children-victims', 'B.prosecution.children-presumption'],
    summary: 'A child\'s case opens on the protection track; moving a child into the justice track needs a current BIA and legal-officer approval.',
    severity: 'block-unless',
  })
    .on('screening.RECORD_ASSESSMENT', (ctx) => {
      const facts = ['person.dateOfBirth', 'command.referrals'];
      if (!subjectIsChild(ctx)) return pass(common('not_a_child'), { facts: ['person.dateOfBirth', 'age_assessment.state'] });
      const a = data(ctx) as Partial<Assessment>;
      if (ctx.preview || a.referrals?.includes('child_protection')) return pass(say('KP-SCR-04.protection_track'), { facts });
      return fail(say('KP-SCR-04.no_protection_referral'), { facts, toAllow: [say('KP-SCR-04.allow_child_protection')] });
    })
    .on('legal.OPEN_INVESTIGATION', (ctx) => {
      const facts = ['person.dateOfBirth', 'best_interests.biaCompletedAt', 'actor.roles'];
      if (!subjectIsChild(ctx)) return pass(common('not_a_child'), { facts: ['person.dateOfBirth', 'age_assessment.state'] });
      const bia = workflowOf(ctx.subject, 'best_interests')?.context['biaCompletedAt'];
      const problems: Message[] = [];
      const toAllow: Message[] = [];
      if (typeof bia !== 'string') {
        problems.push(say('KP-SCR-04.no_bia'));
        toAllow.push(common('current_bia'));
      }
      if (!ctx.actor.roles.includes('legal_officer')) {
        problems.push(say('KP-SCR-04.needs_legal_officer'));
        toAllow.push(say('KP-SCR-04.allow_legal_officer'));
      }
      const [first, ...rest] = problems;
      return first ? fail([first, ...rest], { facts, toAllow }) : pass(say('KP-SCR-04.justice_track'), { facts });
    }),
  rule({
    id: 'KP-SCR-05',
    principles: ['B.general.individual-assessment', 'B.women.gender-responsive'],
    summary: 'Interview children only with trained child-protection staff and an appropriate adult; offer women and girls a female interviewer; use a language the person understands.',
    severity: 'block',
  })
    .on('screening.RECORD_INTERVIEW', (ctx) => {
      const facts = ['command.participants', 'command.appropriateAdultPresent', 'command.femaleInterviewerOffered', 'command.interpreter', 'command.personUnderstandsLanguage', 'command.emergency', 'person.dateOfBirth', 'person.sex'];
      if (ctx.preview) return pass(say('KP-SCR-05.preview'), { facts });
      const interview = data(ctx) as Interview;
      const [first, ...rest] = interviewShortfalls(interview, ctx);
      if (!first) return pass(say('KP-SCR-05.safeguards_met'), { facts });
      if (interview.emergency && hasJustification(ctx)) return pass([say('KP-SCR-05.emergency_justified'), first, ...rest], { facts });
      if (interview.emergency) return fail([first, ...rest, say('KP-SCR-05.emergency_needs_justification')], { severity: 'justify', facts, toAllow: [common('justification')] });
      return fail([first, ...rest], { facts, toAllow: [say('KP-SCR-05.allow_safeguards')] });
    })
    .on(['screening.SUBMIT', 'screening.APPROVE'], (ctx) => {
      const interviews = screeningContext(ctx)?.interviews ?? [];
      if (interviews.length === 0) return fail(say('KP-SCR-05.no_interview'), { facts: INTERVIEW_FACTS, toAllow: [say('KP-SCR-05.allow_interview')] });
      const [first, ...rest] = interviews.flatMap((i) => (i.emergency ? [] : interviewShortfalls(i, ctx)));
      if (first) return fail([first, ...rest], { facts: INTERVIEW_FACTS, toAllow: [say('KP-SCR-05.allow_safeguards')] });
      return pass(say('KP-SCR-05.all_met'), { facts: INTERVIEW_FACTS });
    }),
];

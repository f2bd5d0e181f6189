import { calendarDate, daysBetween } from '../age.ts';
import { inForce } from '../jurisdictions.ts';
import type { FollowUp } from '../definition.ts';
import type { Conclude, NonRefoulementContext, RecordFindings, RiskType } from '../non_refoulement/model.ts';
import type { RepatriationContext, StateRefusal } from '../repatriation/model.ts';
import type { Settings } from '../settings.ts';
import { data, fail, hasJustification, pass, refuseOrFlagMessages, subjectIsChild, workflowOf } from './facts.ts';
import { say } from './return.messages.ts';
import { say as common, type Message } from './messages.ts';
import { nationalityStanding } from './nationality.ts';
import type { CaseView, Finding, Rule, RuleContext } from './types.ts';
import { rule, type Check } from './rule.ts';

/** Return and non-refoulement (RULES.md §4.7). */

/** What every assessment must cover (KP-RET-01): torture/CIDT, the death penalty, onward (chain) removal. */
export const REQUIRED_RISKS: readonly RiskType[] = ['torture', 'cruel_treatment', 'death_penalty', 'onward_removal'];
/** For a child, also life imprisonment without parole (KP B-PR3, KP-JUS-04). */
export const REQUIRED_RISKS_CHILD: readonly RiskType[] = [...REQUIRED_RISKS, 'life_without_parole'];

type Findings = Pick<RecordFindings, 'risks' | 'diplomaticAssurances'>;

export function substantialRisks(f: Findings | null | undefined): RiskType[] {
  return [...new Set((f?.risks ?? []).filter((r) => r.level === 'substantial').map((r) => r.type))];
}

export function missingCoverage(f: Findings | null | undefined, child: boolean): RiskType[] {
  const covered = new Set((f?.risks ?? []).map((r) => r.type));
  return (child ? REQUIRED_RISKS_CHILD : REQUIRED_RISKS).filter((t) => !covered.has(t));
}

/** CONCLUDE's data read defensively (zod has applied defaults on the API path). */
export function readConclude(d: Readonly<Record<string, unknown>>): Conclude {
  return {
    relyOnAssurances: d['relyOnAssurances'] === true,
    ...(d['assuranceReview'] ? { assuranceReview: d['assuranceReview'] as NonNullable<Conclude['assuranceReview']> } : {}),
    ...(d['monitoringPlan'] ? { monitoringPlan: d['monitoringPlan'] as NonNullable<Conclude['monitoringPlan']> } : {}),
  };
}

export const tortureAssurancesForbidden = (f: Findings | null | undefined, settings: Settings): boolean =>
  settings.forbidAssurancesForTorture && substantialRisks(f).includes('torture');

/**
 * What keeps assurances from lifting the substantial risks (KP-RET-03), or [] when only the
 * written reasons and the second legal officer remain. `excluded` are users who may not act as
 * the independent reviewer (the findings' author, the concluder).
 */
export function assuranceGaps(f: Findings | null | undefined, d: Conclude, excluded: readonly (string | null | undefined)[] = []): Message[] {
  const gaps: Message[] = [];
  const assurances = f?.diplomaticAssurances;
  if (!assurances) gaps.push(say('KP-RET-03.no_assurances'));
  else {
    const uncovered = substantialRisks(f).filter((t) => !assurances.covers.includes(t));
    if (uncovered.length) gaps.push(say('KP-RET-03.uncovered', { risks: uncovered }));
  }
  const review = d.assuranceReview;
  if (!review) gaps.push(say('KP-RET-03.no_review'));
  else if (!review.independent || excluded.includes(review.reviewer)) gaps.push(say('KP-RET-03.not_independent'));
  if (!d.monitoringPlan) gaps.push(say('KP-RET-03.no_monitoring'));
  return gaps;
}

/**
 * The machine's branch: a substantial risk stands unless the conclusion relies on assurances that
 * are reviewed, monitored and not forbidden by policy. The rules (KP-RET-03: reasons, second
 * legal officer, independence) must allow the command before either branch is taken.
 */
export function riskStands(f: Findings | null | undefined, d: Readonly<Record<string, unknown>>, settings: Settings): boolean {
  if (substantialRisks(f).length === 0) return false;
  const conclude = readConclude(d);
  if (!conclude.relyOnAssurances || tortureAssurancesForbidden(f, settings)) return true;
  return assuranceGaps(f, conclude).length > 0;
}

const CLEARANCE_FACTS = ['repatriation.destination', 'non_refoulement.state', 'non_refoulement.concludedAt'];

/** A cleared, unexpired assessment of this destination for this person (KP-RET-01). */
export function clearanceFor(c: CaseView, destination: string | null | undefined, at: string, settings: Settings): Finding {
  const facts = CLEARANCE_FACTS;
  if (!destination) return fail(say('KP-RET-01.no_destination'), { facts, toAllow: [say('KP-RET-01.allow_destination')] });
  const toAllow = [say('KP-RET-01.allow_clearance', { destination })];
  const nr = workflowOf(c, 'non_refoulement', destination);
  if (!nr) return fail(say('KP-RET-01.no_assessment', { destination }), { facts, toAllow });
  if (nr.state === 'risk_identified') return fail(say('KP-RET-01.risk_identified', { destination }), { facts, toAllow: [say('KP-RET-01.allow_other_destination')] });
  if (nr.state !== 'cleared') return fail(say('KP-RET-01.not_concluded', { destination, state: nr.state }), { facts, toAllow });
  const concludedAt = (nr.context as unknown as NonRefoulementContext).concludedAt;
  if (!concludedAt) return fail(say('KP-RET-01.no_conclusion_date', { destination }), { facts, toAllow });
  const age = daysBetween(concludedAt, at);
  const valid = settings.nonRefoulementValidityDays;
  const concluded = calendarDate(concludedAt);
  if (age > valid) return fail(say('KP-RET-01.clearance_expired', { destination, concluded, age, valid }), { facts, toAllow: [say('KP-RET-01.allow_reassess', { destination, valid })] });
  return pass(say('KP-RET-01.cleared', { destination, concluded }), { facts });
}

export function planOf(c: CaseView): RepatriationContext | undefined {
  return workflowOf(c, 'repatriation')?.context as RepatriationContext | undefined;
}

/**
 * Compensating moves for a whole family plan (KP-SYS-01): the engine applies `type` to the
 * repatriation instance of the subject and of every member of its plan.
 */
export function planReversals(c: CaseView, type: 'BID_ANNULLED' | 'CLEARANCE_WITHDRAWN', reason: string): FollowUp[] {
  const members = planOf(c)?.members ?? [];
  return [...new Set([c.id, ...members])].map((caseId) => ({ caseId, workflow: 'repatriation', type, data: { reason }, reason }));
}

/** Charges that take a national out of the repatriation default (KP-RET-05): a violent act charged and pending or decided. */
export function seriousCharges(c: CaseView): boolean {
  const legal = workflowOf(c, 'legal');
  if (!legal || !['charged', 'judgment', 'appeal'].includes(legal.state)) return false;
  const charges = legal.context['charges'];
  return Array.isArray(charges) && charges.some((ch) => typeof ch === 'object' && ch !== null && (ch as { category?: unknown }).category === 'violent_act');
}

const NATIONALITY_FACTS = ['nationality.verified', 'person.nationalities'];
const DEFAULT_FACTS = [...NATIONALITY_FACTS, 'legal.state', 'legal.charges', 'command.justification'];

/** The team's own decision not to repatriate a confirmed national (CANCEL). */
const cancelRepatriation: Check = (ctx) => {
  const facts = DEFAULT_FACTS;
  const standing = nationalityStanding(ctx.subject);
  if (standing.verified.length === 0) return pass(say('KP-RET-05.not_national'), { facts });
  if (seriousCharges(ctx.subject)) return pass(say('KP-RET-05.serious_charges'), { facts });
  if (!hasJustification(ctx)) return fail(say('KP-RET-05.cancel_unjustified', { states: standing.verified }), { severity: 'justify', facts, toAllow: [common('justification')] });
  return fail(say('KP-RET-05.cancel_second'), { secondApprover: 'supervisor', facts });
};

/** A return to a State of verified nationality is the default; a third State needs reasons and a second supervisor. */
const approveDestination: Check = (ctx) => {
  const facts = [...NATIONALITY_FACTS, 'repatriation.destination', 'command.justification'];
  const destination = (ctx.workflow.context as unknown as Partial<RepatriationContext>).destination ?? null;
  if (destination && nationalityStanding(ctx.subject).verified.includes(destination)) return pass(say('KP-RET-05.national_return', { destination }), { facts });
  if (!hasJustification(ctx)) {
    return fail(destination ? say('KP-RET-05.third_state_unjustified', { destination }) : say('KP-RET-05.unspecified_unjustified'), { severity: 'justify', facts, toAllow: [common('justification')] });
  }
  return fail(destination ? say('KP-RET-05.third_state_second', { destination }) : say('KP-RET-05.unspecified_second'), { secondApprover: 'supervisor', facts });
};

const planContext = (ctx: RuleContext): Partial<RepatriationContext> => ctx.workflow.context as unknown as Partial<RepatriationContext>;

/** KP-RET-02's first question on every guarded command: a pending review or appeal suspends the transfer. */
function reviewPending(ctx: RuleContext, problems: Message[], toAllow: Message[]): void {
  if (!planContext(ctx).reviewPending) return;
  problems.push(say('KP-RET-02.review_pending'));
  toAllow.push(say('KP-RET-02.allow_review_decided'));
}

const individualDecision = (ctx: RuleContext, problems: Message[], flags: Message[], toAllow: Message[], facts: string[]): Finding =>
  refuseOrFlagMessages(problems, flags, say('KP-RET-02.individual'), { facts, ...(toAllow.length ? { toAllow } : {}) }, { facts });

/** The findings of a non-refoulement assessment cover every required risk (KP-RET-01 on SUBMIT and CONCLUDE). */
const coversEveryRisk: Check = (ctx) => {
  const facts = ['non_refoulement.findings', 'person.dateOfBirth', 'age_assessment.state'];
  const nr = ctx.workflow.context as unknown as Partial<NonRefoulementContext>;
  const child = subjectIsChild(ctx);
  const required = child ? REQUIRED_RISKS_CHILD : REQUIRED_RISKS;
  const toAllow = [say('KP-RET-01.allow_coverage', { required })];
  if (!nr.findings) return fail(say('KP-RET-01.no_findings'), { facts, toAllow });
  let missing = missingCoverage(nr.findings, child);
  // A child's life-without-parole risk left out of the findings is answered by the destination's
  // law in force (jurisdiction data): covered only where it is known not to allow it for minors.
  const destination = nr.destination ?? (ctx.workflow.instance || null);
  const law = child && destination ? inForce(ctx.jurisdictions, destination, ctx.at) : undefined;
  const lawFacts = child ? [...facts, 'jurisdiction.lifeWithoutParoleForMinors'] : facts;
  const lwopByLaw = missing.includes('life_without_parole') && law?.lifeWithoutParoleForMinors === false;
  if (lwopByLaw) missing = missing.filter((t) => t !== 'life_without_parole');
  if (missing.length) {
    const message = child && missing.includes('life_without_parole') && destination
      ? law ? say('KP-RET-01.not_covered_law_allows_lwop', { missing, destination }) : say('KP-RET-01.not_covered_no_law', { missing, destination })
      : say('KP-RET-01.not_covered', { missing });
    return fail(message, { facts: lawFacts, toAllow });
  }
  if (lwopByLaw && destination && law) return pass(say('KP-RET-01.covered_lwop_by_law', { destination, version: law.validFrom }), { facts: lawFacts });
  return pass(say('KP-RET-01.covered'), { facts: lawFacts });
};

const RET03_FACTS = ['non_refoulement.findings', 'non_refoulement.authoredBy', 'command.relyOnAssurances', 'command.assuranceReview', 'command.monitoringPlan', 'command.justification'];

export const returnRules: readonly Rule[] = [
  rule({
    id: 'KP-RET-01',
    principles: ['B.humanitarian.non-refoulement', 'C.repatriation'],
    summary: 'Before any removal or transfer, complete an individual non-refoulement assessment of the destination (torture/CIDT, death penalty, other serious violations, onward removal); substantial grounds block the move.',
    severity: 'block',
  })
    .on(['non_refoulement.SUBMIT', 'non_refoulement.CONCLUDE'], coversEveryRisk)
    .on('repatriation.APPROVE_RETURN', (ctx) => clearanceFor(ctx.subject, planContext(ctx).destination, ctx.at, ctx.settings)),
  rule({
    id: 'KP-RET-02',
    principles: ['B.humanitarian.non-refoulement', 'B.general.due-process'],
    summary: 'Each person gets an individual, notified and reviewable decision; a pending review or appeal suspends the transfer; never a collective decision for a group.',
    severity: 'block',
  })
    .on('repatriation.APPROVE_RETURN', (ctx) => {
      const problems: Message[] = [];
      const toAllow: Message[] = [];
      reviewPending(ctx, problems, toAllow);
      if (workflowOf(ctx.subject, 'screening')?.state !== 'completed') {
        problems.push(say('KP-RET-02.not_individual'));
        toAllow.push(say('KP-RET-02.allow_own_screening'));
      }
      return individualDecision(ctx, problems, [], toAllow, ['repatriation.reviewPending', 'screening.state']);
    })
    .on('repatriation.NOTIFY_DECISION', (ctx) => {
      const problems: Message[] = [];
      const toAllow: Message[] = [];
      reviewPending(ctx, problems, toAllow);
      if (!ctx.preview && data(ctx)['reviewRightsExplained'] !== true) {
        problems.push(say('KP-RET-02.rights_not_explained'));
        toAllow.push(say('KP-RET-02.allow_rights'));
      }
      return individualDecision(ctx, problems, [], toAllow, ['repatriation.reviewPending', 'command.reviewRightsExplained']);
    })
    .on('repatriation.CONFIRM_ARRIVAL', (ctx) => {
      const plan = planContext(ctx);
      const problems: Message[] = [];
      /** Flagged, never refused: an arrival without a recorded notification (the notify task stays). */
      const flags: Message[] = [];
      const toAllow: Message[] = [];
      reviewPending(ctx, problems, toAllow);
      const date = data(ctx)['date'];
      // WORKFLOWS.md has no notification command: a decision never notified is flagged (WARN),
      // while a pending review and a household-only decision still block the transfer.
      if (!plan.notifiedAt) {
        flags.push(say('KP-RET-02.not_notified'));
        toAllow.push(say('KP-RET-02.allow_notify'));
      } else if (!ctx.preview && typeof date === 'string' && plan.notifiedAt > date) {
        problems.push(say('KP-RET-02.notified_late', { notified: plan.notifiedAt, date }));
        toAllow.push(say('KP-RET-02.allow_notify'));
      }
      return individualDecision(ctx, problems, flags, toAllow, ['repatriation.reviewPending', 'repatriation.notifiedAt', 'command.date']);
    }),
  rule({
    id: 'KP-RET-03',
    principles: ['B.humanitarian.non-refoulement'],
    summary: 'Diplomatic assurances are evidence only: they lift a found risk only with an independent legal review, a post-return monitoring plan, written reasons and a second legal officer; policy may forbid them for torture.',
    severity: '2nd',
    guards: ['non_refoulement.CONCLUDE'],
    previewable: false,
    check(ctx) {
      const facts = RET03_FACTS;
      const nr = ctx.workflow.context as unknown as Partial<NonRefoulementContext>;
      const f = nr.findings;
      const risks = substantialRisks(f);
      if (risks.length === 0) return pass(say('KP-RET-03.no_risk'), { facts });
      const d = readConclude(data(ctx));
      if (!d.relyOnAssurances) return pass(say('KP-RET-03.evidence_only'), { facts });
      if (tortureAssurancesForbidden(f, ctx.settings)) return fail(say('KP-RET-03.torture_forbidden'), { severity: 'block', facts, toAllow: [say('KP-RET-03.allow_no_reliance')] });
      const gaps = assuranceGaps(f, d, [nr.authoredBy, ctx.actor.id, ctx.proposedBy?.id]);
      if (gaps.length) return fail([say('KP-RET-03.cannot_lift', { risks }), ...gaps], { severity: 'block', facts, toAllow: [say('KP-RET-03.allow_safeguards')] });
      if (!hasJustification(ctx)) return fail(say('KP-RET-03.unjustified'), { severity: 'justify', facts, toAllow: [common('justification')] });
      return fail(say('KP-RET-03.needs_second', { risks }), { secondApprover: 'legal_officer', facts });
    },
  }),
  rule({
    id: 'KP-RET-04',
    principles: ['B.humanitarian.right-to-return'],
    summary: 'A refusal of a national\'s return needs a recorded legal basis, legitimate aim, necessity and proportionality (and for a child a best-interests analysis), and must be open to independent review.',
    severity: 'justify',
    previewable: false,
  })
    .on('case.CLOSE', (ctx) => {
      // A refused return is never closed as "no solution" (DOMAIN §5.8): the case stays open
      // while the refusal stands, reviewed or not. Giving up the return is a decision of its own
      // (repatriation CANCEL: KP-RET-05 reasons and a second approver), after which it may close.
      const facts = ['repatriation.state', 'repatriation.reviews'];
      const rep = workflowOf(ctx.subject, 'repatriation');
      const plan = rep?.context as Partial<RepatriationContext> | undefined;
      if (rep?.state === 'barrier') {
        const reviewed = (plan?.reviews ?? []).some((r) => !!r.decision);
        return reviewed
          ? fail(say('KP-RET-04.stands_after_review'), { severity: 'block', facts, toAllow: [say('KP-RET-04.allow_cancel')] })
          : fail(say('KP-RET-04.unreviewed'), { severity: 'block', facts, toAllow: [say('KP-RET-04.allow_review_decided'), say('KP-RET-04.allow_cancel')] });
      }
      return pass(say('KP-RET-04.no_refusal'), { facts });
    })
    .on('repatriation.RECORD_STATE_REFUSAL', (ctx) => {
      const facts = ['command.reviewRoute', 'command.legalBasis', 'command.legitimateAim', 'command.necessityAndProportionality', 'command.bestInterests', 'command.justification', 'person.dateOfBirth'];
      const d = data(ctx) as Partial<StateRefusal>;
      const has = (v: unknown) => typeof v === 'string' && v.trim().length > 0;
      if (!has(d.reviewRoute)) return fail(say('KP-RET-04.no_review_route'), { severity: 'block', facts, toAllow: [say('KP-RET-04.allow_review_route')] });
      const missing: string[] = [];
      // WORKFLOWS.md's refusal carries { reason, legalBasis, reviewRoute }: left out, the legitimate
      // aim and the necessity and proportionality are read from the written justification (JUSTIFY).
      const justified = hasJustification(ctx);
      if (!has(d.legalBasis)) missing.push('legal_basis');
      if (!has(d.legitimateAim) && !justified) missing.push('legitimate_aim');
      if (!has(d.necessityAndProportionality) && !justified) missing.push('necessity_and_proportionality');
      if (!justified) missing.push('written_justification');
      const child = subjectIsChild(ctx);
      if (missing.length) {
        if (child && !has(d.bestInterests)) missing.push('best_interests_analysis');
        return fail(say('KP-RET-04.lacks', { missing }), { facts, toAllow: [say('KP-RET-04.allow_reasons')] });
      }
      // The analysis is the State's to give (WORKFLOWS.md's refusal has no field for it): a refusal
      // of a child's return without one is recorded, and flagged as a ground for the review.
      if (child && !has(d.bestInterests)) return fail(say('KP-RET-04.child_no_bia'), { severity: 'warn', facts });
      const inJustification = !has(d.legitimateAim) || !has(d.necessityAndProportionality);
      return pass(inJustification ? say('KP-RET-04.reasoned_in_justification') : say('KP-RET-04.reasoned'), { facts });
    }),
  rule({
    id: 'KP-RET-05',
    principles: ['B.general.nationals', 'B.general.due-process'],
    summary: 'For a confirmed national without serious charges repatriation is the default: not repatriating, or a transfer to a third State, needs written reasons and a second supervisor.',
    severity: '2nd',
    previewable: false,
  })
    .on('repatriation.APPROVE_RETURN', approveDestination)
    .on('repatriation.CANCEL', cancelRepatriation),
  rule({
    id: 'KP-RET-06',
    principles: ['B.general.nationals', 'A.consular-dependence'],
    summary: 'Every confirmed-national case shows consular contact and progress; no progress within the SLA escalates.',
    severity: 'timer',
  })
    .on('repatriation.RECORD_CONSULAR_CONTACT', (ctx) => pass(say('KP-RET-06.contact_recorded', { days: ctx.settings.consularSlaDays }), { facts: ['command.date'] }))
    .on(['repatriation.ISSUE_DOCUMENTS', 'repatriation.APPROVE_RETURN'], (ctx) => {
      const facts = [...NATIONALITY_FACTS, 'repatriation.consularContacts'];
      if (nationalityStanding(ctx.subject).verified.length === 0) return pass(say('KP-RET-06.not_national'), { facts });
      const sla = ctx.settings.consularSlaDays;
      const last = lastConsularProgress(planContext(ctx));
      if (!last) return fail(say('KP-RET-06.no_contact'), { facts, toAllow: [say('KP-RET-06.allow_contact', { sla })] });
      const days = daysBetween(last, ctx.at);
      if (days > sla) return fail(say('KP-RET-06.stalled', { days, sla }), { facts, toAllow: [say('KP-RET-06.allow_contact', { sla })] });
      return pass(say('KP-RET-06.progress', { days }), { facts });
    }),
];

/** The latest consular contact, else the plan date: the start of the consular SLA clock. */
export function lastConsularProgress(plan: Partial<RepatriationContext>): string | null {
  return (plan.consularContacts ?? []).map((c) => c.date).sort().at(-1) ?? null;
}

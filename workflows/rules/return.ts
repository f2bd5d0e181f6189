import { calendarDate, daysBetween } from '../age.ts';
import { inForce } from '../jurisdictions.ts';
import type { FollowUp } from '../definition.ts';
import type { Conclude, NonRefoulementContext, RecordFindings, RiskType } from '../non_refoulement/model.ts';
import type { RepatriationContext, StateRefusal } from '../repatriation/model.ts';
import type { Settings } from '../settings.ts';
import { data, fail, hasJustification, pass, refuseOrFlag, subjectIsChild, workflowOf } from './facts.ts';
import { nationalityStanding } from './nationality.ts';
import type { CaseView, Finding, Rule, RuleContext } from './types.ts';
import { rule } from './rule.ts';

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
export function assuranceGaps(f: Findings | null | undefined, d: Conclude, excluded: readonly (string | null | undefined)[] = []): string[] {
  const gaps: string[] = [];
  const assurances = f?.diplomaticAssurances;
  if (!assurances) gaps.push('no diplomatic assurances are recorded in the findings');
  else {
    const uncovered = substantialRisks(f).filter((t) => !assurances.covers.includes(t));
    if (uncovered.length) gaps.push(`the assurances do not address: ${uncovered.join(', ')}`);
  }
  const review = d.assuranceReview;
  if (!review) gaps.push('no independent legal review of the assurances');
  else if (!review.independent || excluded.includes(review.reviewer)) gaps.push('the legal review of the assurances is not independent of the assessment');
  if (!d.monitoringPlan) gaps.push('no post-return monitoring plan');
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

/** A cleared, unexpired assessment of this destination for this person (KP-RET-01). */
export function clearanceFor(c: CaseView, destination: string | null | undefined, at: string, settings: Settings): Finding {
  if (!destination) return fail('the move names no destination State');
  const nr = workflowOf(c, 'non_refoulement', destination);
  if (!nr) return fail(`no individual non-refoulement assessment of ${destination} for this person`);
  if (nr.state === 'risk_identified') return fail(`the non-refoulement assessment found substantial grounds for believing this person would be at risk in ${destination}: the move is blocked`);
  if (nr.state !== 'cleared') return fail(`the non-refoulement assessment of ${destination} is not concluded (${nr.state})`);
  const concludedAt = (nr.context as unknown as NonRefoulementContext).concludedAt;
  if (!concludedAt) return fail(`the non-refoulement clearance for ${destination} has no conclusion date`);
  const age = daysBetween(concludedAt, at);
  if (age > settings.nonRefoulementValidityDays) {
    return fail(`the non-refoulement clearance for ${destination} of ${calendarDate(concludedAt)} is ${age} days old (valid ${settings.nonRefoulementValidityDays}): reassess before any return`);
  }
  return pass(`non-refoulement assessment of ${destination} cleared on ${calendarDate(concludedAt)}`);
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

/**
 * The team's own decisions not to repatriate. Recording a State's refusal (RECORD_STATE_REFUSAL)
 * is a fact, not such a decision: KP-RET-04 reasons it and keeps it reviewable.
 */
const NON_REPATRIATION = new Set(['CANCEL']);

function repatriationDefault(ctx: RuleContext): Finding {
  const standing = nationalityStanding(ctx.subject);
  const plan = ctx.workflow.context as unknown as Partial<RepatriationContext>;
  if (NON_REPATRIATION.has(ctx.command.type)) {
    if (standing.verified.length === 0) return pass('not a confirmed national: repatriation is not the default here');
    if (seriousCharges(ctx.subject)) return pass('the person faces serious charges: repatriation for proceedings is considered on its own track');
    const what = 'cancelling the repatriation';
    if (!hasJustification(ctx)) return fail(`${what} of a confirmed national (${standing.verified.join(', ')}) without serious charges needs written reasons`, { severity: 'justify' });
    return fail(`${what} of a confirmed national without serious charges needs a second supervisor`, { secondApprover: 'supervisor' });
  }
  if (ctx.command.type === 'APPROVE_RETURN') {
    const destination = plan.destination ?? null;
    if (destination && standing.verified.includes(destination)) return pass(`return to the State of nationality (${destination})`);
    if (!hasJustification(ctx)) return fail(`a transfer to ${destination ?? 'an unspecified State'}, not a State of verified nationality, needs written reasons`, { severity: 'justify' });
    return fail(`a transfer to a third State (${destination ?? '?'}) needs a second supervisor`, { secondApprover: 'supervisor' });
  }
  return pass('repatriation remains the default');
}

export const returnRules: readonly Rule[] = [
  rule({
    id: 'KP-RET-01',
    principles: ['B.humanitarian.non-refoulement', 'C.repatriation'],
    summary: 'Before any removal or transfer, complete an individual non-refoulement assessment of the destination (torture/CIDT, death penalty, other serious violations, onward removal); substantial grounds block the move.',
    severity: 'block',
    guards: ['non_refoulement.SUBMIT', 'non_refoulement.CONCLUDE', 'repatriation.APPROVE_RETURN'],
    check(ctx) {
      if (ctx.command.workflow === 'non_refoulement') {
        const nr = ctx.workflow.context as unknown as Partial<NonRefoulementContext>;
        if (!nr.findings) return fail('no findings are recorded: the assessment is incomplete');
        const child = subjectIsChild(ctx);
        let missing = missingCoverage(nr.findings, child);
        // A child's life-without-parole risk left out of the findings is answered by the destination's
        // law in force (jurisdiction data): covered only where it is known not to allow it for minors.
        const destination = nr.destination ?? (ctx.workflow.instance || null);
        const law = child && destination ? inForce(ctx.jurisdictions, destination, ctx.at) : undefined;
        const lwopByLaw = missing.includes('life_without_parole') && law?.lifeWithoutParoleForMinors === false;
        if (lwopByLaw) missing = missing.filter((t) => t !== 'life_without_parole');
        if (missing.length) {
          const why = child && missing.includes('life_without_parole') && destination
            ? ` (${law ? `${destination} law in force allows life without parole for minors` : `no ${destination} jurisdiction data in force says whether life without parole is possible for minors`})`
            : '';
          return fail(`the assessment does not cover: ${missing.join(', ')}${why}`);
        }
        return pass(lwopByLaw ? `the findings cover every required risk; life without parole for minors is excluded by ${destination} law in force (${law?.validFrom})` : 'the findings cover every required risk');
      }
      if (ctx.command.type === 'APPROVE_RETURN') {
        const plan = ctx.workflow.context as unknown as Partial<RepatriationContext>;
        return clearanceFor(ctx.subject, plan.destination, ctx.at, ctx.settings);
      }
      return pass('no transfer on this command');
    },
  }),
  rule({
    id: 'KP-RET-02',
    principles: ['B.humanitarian.non-refoulement', 'B.general.due-process'],
    summary: 'Each person gets an individual, notified and reviewable decision; a pending review or appeal suspends the transfer; never a collective decision for a group.',
    severity: 'block',
    guards: ['repatriation.APPROVE_RETURN', 'repatriation.NOTIFY_DECISION', 'repatriation.CONFIRM_ARRIVAL'],
    check(ctx) {
      const plan = ctx.workflow.context as unknown as Partial<RepatriationContext>;
      const problems: string[] = [];
      /** Flagged, never refused: an arrival without a recorded notification (the notify task stays). */
      const flags: string[] = [];
      if (plan.reviewPending) problems.push('a review or appeal is pending: the transfer is suspended');
      switch (ctx.command.type) {
        case 'APPROVE_RETURN': {
          const screening = workflowOf(ctx.subject, 'screening');
          if (screening?.state !== 'completed') problems.push('this person\'s own screening is not completed: a return decision must be individual, never a household\'s');
          break;
        }
        case 'NOTIFY_DECISION':
          if (!ctx.preview && data(ctx)['reviewRightsExplained'] !== true) problems.push('the person must be told how to seek review of the decision');
          break;
        case 'CONFIRM_ARRIVAL': {
          const date = data(ctx)['date'];
          // WORKFLOWS.md has no notification command: a decision never notified is flagged (WARN),
          // while a pending review and a household-only decision still block the transfer.
          if (!plan.notifiedAt) flags.push('the decision was not recorded as notified to the person (NOTIFY_DECISION: the decision and how to seek review)');
          else if (!ctx.preview && typeof date === 'string' && plan.notifiedAt > date) problems.push(`the decision was notified (${plan.notifiedAt}) only after the transfer (${date})`);
          break;
        }
        default:
      }
      return refuseOrFlag(problems, flags, 'individual decision; no review pending');
    },
  }),
  rule({
    id: 'KP-RET-03',
    principles: ['B.humanitarian.non-refoulement'],
    summary: 'Diplomatic assurances are evidence only: they lift a found risk only with an independent legal review, a post-return monitoring plan, written reasons and a second legal officer; policy may forbid them for torture.',
    severity: '2nd',
    guards: ['non_refoulement.CONCLUDE'],
    previewable: false,
    check(ctx) {
      const nr = ctx.workflow.context as unknown as Partial<NonRefoulementContext>;
      const f = nr.findings;
      const risks = substantialRisks(f);
      if (risks.length === 0) return pass('no substantial risk: assurances are not needed');
      const d = readConclude(data(ctx));
      if (!d.relyOnAssurances) return pass('assurances, if any, are recorded as evidence only: the risk stands');
      if (tortureAssurancesForbidden(f, ctx.settings)) return fail('policy forbids reliance on diplomatic assurances against a risk of torture', { severity: 'block' });
      const gaps = assuranceGaps(f, d, [nr.authoredBy, ctx.actor.id, ctx.proposedBy?.id]);
      if (gaps.length) return fail(`assurances cannot lift the risk (${risks.join(', ')}): ${gaps.join('; ')}`, { severity: 'block' });
      if (!hasJustification(ctx)) return fail('relying on assurances needs written reasons', { severity: 'justify' });
      return fail(`clearing a substantial risk (${risks.join(', ')}) on assurances needs a second legal officer`, { secondApprover: 'legal_officer' });
    },
  }),
  rule({
    id: 'KP-RET-04',
    principles: ['B.humanitarian.right-to-return'],
    summary: 'A refusal of a national\'s return needs a recorded legal basis, legitimate aim, necessity and proportionality (and for a child a best-interests analysis), and must be open to independent review.',
    severity: 'justify',
    guards: ['case.CLOSE', 'repatriation.RECORD_STATE_REFUSAL'],
    previewable: false,
    check(ctx) {
      if (ctx.command.workflow === 'case' && ctx.command.type === 'CLOSE') {
        // A refused return is never closed as "no solution" (DOMAIN §5.8): the case stays open
        // while the refusal stands, reviewed or not. Giving up the return is a decision of its own
        // (repatriation CANCEL: KP-RET-05 reasons and a second approver), after which it may close.
        const rep = workflowOf(ctx.subject, 'repatriation');
        const plan = rep?.context as Partial<RepatriationContext> | undefined;
        if (rep?.state === 'barrier') {
          const reviewed = (plan?.reviews ?? []).some((r) => !!r.decision);
          return fail(
            reviewed
              ? 'the State\'s refusal of the return stands after review: the case stays open (other nationalities, statelessness checks, assistance); cancel the repatriation with reasons to close'
              : 'the State refused the return and no independent review has decided it: the case stays open',
            { severity: 'block' },
          );
        }
        return pass('no refused return stands');
      }
      if (ctx.command.type !== 'RECORD_STATE_REFUSAL') return pass('no refusal on this command');
      const d = data(ctx) as Partial<StateRefusal>;
      const has = (v: unknown) => typeof v === 'string' && v.trim().length > 0;
      if (!has(d.reviewRoute)) return fail('the refusal names no route of review by an independent body', { severity: 'block' });
      const gaps: string[] = [];
      // WORKFLOWS.md's refusal carries { reason, legalBasis, reviewRoute }: left out, the legitimate
      // aim and the necessity and proportionality are read from the written justification (JUSTIFY).
      const justified = hasJustification(ctx);
      if (!has(d.legalBasis)) gaps.push('legal basis');
      if (!has(d.legitimateAim) && !justified) gaps.push('legitimate aim');
      if (!has(d.necessityAndProportionality) && !justified) gaps.push('necessity and proportionality');
      if (!justified) gaps.push('written justification');
      if (gaps.length) return fail(`the refusal lacks: ${gaps.join(', ')}${subjectIsChild(ctx) && !has(d.bestInterests) ? ', best-interests analysis for the child' : ''}`);
      // The analysis is the State's to give (WORKFLOWS.md's refusal has no field for it): a refusal
      // of a child's return without one is recorded, and flagged as a ground for the review.
      if (subjectIsChild(ctx) && !has(d.bestInterests)) return fail('the State\'s refusal records no best-interests analysis for the child: a ground for the independent review', { severity: 'warn' });
      const inJustification = !has(d.legitimateAim) || !has(d.necessityAndProportionality);
      return pass(`the refusal is reasoned${inJustification ? ' (aim, necessity and proportionality in the justification)' : ''} and reviewable; the case stays open`);
    },
  }),
  rule({
    id: 'KP-RET-05',
    principles: ['B.general.nationals', 'B.general.due-process'],
    summary: 'For a confirmed national without serious charges repatriation is the default: not repatriating, or a transfer to a third State, needs written reasons and a second supervisor.',
    severity: '2nd',
    guards: ['repatriation.APPROVE_RETURN', 'repatriation.CANCEL'],
    previewable: false,
    check: repatriationDefault,
  }),
  rule({
    id: 'KP-RET-06',
    principles: ['B.general.nationals', 'A.consular-dependence'],
    summary: 'Every confirmed-national case shows consular contact and progress; no progress within the SLA escalates.',
    severity: 'timer',
    guards: ['repatriation.RECORD_CONSULAR_CONTACT', 'repatriation.ISSUE_DOCUMENTS', 'repatriation.APPROVE_RETURN'],
    check(ctx) {
      if (ctx.command.type === 'RECORD_CONSULAR_CONTACT') return pass(`consular progress recorded; next follow-up within ${ctx.settings.consularSlaDays} days`);
      if (nationalityStanding(ctx.subject).verified.length === 0) return pass('not a confirmed national');
      const plan = ctx.workflow.context as unknown as Partial<RepatriationContext>;
      const last = lastConsularProgress(plan);
      if (!last) return fail('no consular contact is recorded for a confirmed national');
      const days = daysBetween(last, ctx.at);
      if (days > ctx.settings.consularSlaDays) return fail(`no consular progress for ${days} days (SLA ${ctx.settings.consularSlaDays}): escalate`);
      return pass(`consular progress ${days} days ago`);
    },
  }),
];

/** The latest consular contact, else the plan date: the start of the consular SLA clock. */
export function lastConsularProgress(plan: Partial<RepatriationContext>): string | null {
  return (plan.consularContacts ?? []).map((c) => c.date).sort().at(-1) ?? null;
}

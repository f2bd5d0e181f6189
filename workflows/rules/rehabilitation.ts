import { addDays, calendarDate, daysBetween } from '../age.ts';
import { forbiddenCondition, forbiddenConcept } from '../assistance.ts';
import type { Service, ServiceType } from '../rehabilitation/model.ts';
import { data, fail, hasJustification, isChildAt, pass, workflowOf } from './facts.ts';
import type { CaseView, Rule, RuleContext } from './types.ts';
import { rule, type Check } from './rule.ts';
import { say } from './rehabilitation.messages.ts';
import { say as common, type Message } from './messages.ts';

/** Rehabilitation and reintegration (RULES.md §4.11). */

/** The domains an R&R plan must cover (KP-REH-01; KP B-CH4, B-W3, C7). */
export type PlanDomain = 'medical' | 'mhpss' | 'education' | 'legal' | 'family_community' | 'sgbv_support';

const DOMAIN_OF: Readonly<Record<ServiceType, PlanDomain | null>> = {
  medical: 'medical',
  mhpss: 'mhpss',
  education: 'education',
  legal: 'legal',
  family_tracing: 'family_community',
  family_community_reintegration: 'family_community',
  sgbv_support: 'sgbv_support',
  // Work and income are a path back into the community (KP B-W3: tailored reintegration).
  livelihood: 'family_community',
};

/** States in which the person has a rehabilitation and reintegration plan. */
export const PLAN_STATES: ReadonlySet<string> = new Set(['planned', 'active', 'completed']);

/**
 * The person's arrival after return, read from the repatriation workflow (state `returned`,
 * context `arrivedAt`) or, failing that, from a `returned` location. `date` is null when the
 * arrival is known but undated.
 */
export function arrivalOf(subject: CaseView): { readonly returned: boolean; readonly date: string | null } {
  const since = subject.facts.location.kind === 'returned' ? (subject.facts.location.since ?? null) : null;
  const repatriation = subject.workflows.find((w) => w.kind === 'repatriation' && w.state === 'returned');
  if (repatriation) {
    const at = repatriation.context['arrivedAt'];
    return { returned: true, date: typeof at === 'string' && at.length >= 10 ? calendarDate(at) : since };
  }
  if (subject.facts.location.kind === 'returned') return { returned: true, date: since };
  return { returned: false, date: null };
}

/** KP-REH-01 is owed to every returnee child and woman (unknown sex gets the benefit of the doubt). */
export const owedPlan = (subject: CaseView, at: string): boolean => isChildAt(subject, at) || subject.facts.person.sex !== 'male';

/** The domains this person's plan must cover: age- and gender-tailored. */
export function requiredDomains(subject: CaseView, at: string): PlanDomain[] {
  const domains: PlanDomain[] = ['medical', 'mhpss', 'legal', 'family_community'];
  if (isChildAt(subject, at)) domains.splice(2, 0, 'education');
  const v = subject.facts.person.vulnerabilities;
  if (v.includes('sgbv_survivor') || v.includes('trafficking_survivor') || v.includes('child_marriage')) domains.push('sgbv_support');
  return domains;
}

export const coveredDomains = (services: readonly Pick<Service, 'type'>[]): Set<PlanDomain> =>
  new Set(services.map((s) => DOMAIN_OF[s.type]).filter((d): d is PlanDomain => d !== null));

/** The plan's due date: the configured SLA after arrival (null when not returned or undated). */
export function planDueDate(subject: CaseView, slaDays: number): string | null {
  const arrival = arrivalOf(subject);
  return arrival.date ? addDays(arrival.date, slaDays) : null;
}

/** The services a command proposes (CREATE_PLAN, or REVIEW_PLAN that revises them). */
const servicesOf = (ctx: RuleContext): Service[] | undefined => {
  const s = data(ctx)['services'];
  return Array.isArray(s) ? (s as Service[]) : undefined;
};

const INSTITUTIONAL: ReadonlySet<string> = new Set(['residential', 'institutional']);
/** A hospital is a health setting; for other services it is an institution. */
const isInstitutional = (s: Pick<Service, 'type' | 'setting'>): boolean =>
  INSTITUTIONAL.has(s.setting) || (s.setting === 'hospital' && s.type !== 'medical' && s.type !== 'mhpss');

/**
 * Concepts that may never gate an R&R service (KP-REH-02): security classification, cooperation
 * and the outcome of proceedings — and so any screening, legal or detention outcome, which are
 * those classifications as the engine records them. Consent is KP-CHILD-06's.
 */
const GATING_CONCEPTS: ReadonlySet<string> = new Set(['security_classification', 'cooperation_or_prosecution', 'screening_result', 'detention']);

const PLAN_FACTS = ['command.services', 'command.reviewDate', 'command.justification', 'person.dateOfBirth', 'person.sex', 'person.vulnerabilities', 'repatriation.arrivedAt', 'location.since'];

const checkPlan: Check = (ctx) => {
  const subject = ctx.subject;
  const today = calendarDate(ctx.at);
  const d = data(ctx);
  const facts = PLAN_FACTS;
  const blocking: Message[] = [];
  const blockingHints: Message[] = [];
  const services = servicesOf(ctx);
  const owed = owedPlan(subject, ctx.at);
  let sgbvMissing = false;
  if (services && owed) {
    const covered = coveredDomains(services);
    const missing = requiredDomains(subject, ctx.at).filter((dom) => !covered.has(dom));
    const core = missing.filter((m) => m !== 'sgbv_support');
    if (core.length > 0) {
      blocking.push(isChildAt(subject, ctx.at) ? say('KP-REH-01.child_plan_gaps', { domains: core }) : say('KP-REH-01.woman_plan_gaps', { domains: core }));
      blockingHints.push(say('KP-REH-01.allow_domains', { domains: core }));
    }
    // A survivor may decline an SGBV referral (survivor-centred, KP-GEN-01): leaving it out needs written reasons.
    sgbvMissing = missing.includes('sgbv_support') && !hasJustification(ctx);
  }
  const reviewDate = d['reviewDate'];
  if (typeof reviewDate !== 'string') blocking.push(say('KP-REH-01.no_review_date'));
  else if (reviewDate < today) blocking.push(say('KP-REH-01.review_in_past', { date: reviewDate }));
  if (typeof reviewDate !== 'string' || reviewDate < today) blockingHints.push(say('KP-REH-01.allow_review_date'));
  const [first, ...rest] = blocking;
  if (first) return fail([first, ...rest], { severity: 'block', facts, toAllow: blockingHints });
  if (sgbvMissing) return fail(say('KP-REH-01.sgbv_unjustified'), { severity: 'justify', facts, toAllow: [say('KP-REH-01.allow_sgbv')] });

  const sla = ctx.settings.rehabilitationPlanSlaDays;
  const due = owed ? planDueDate(subject, sla) : null;
  if (ctx.command.type === 'CREATE_PLAN' && due && due < today) return fail(say('KP-REH-01.late', { days: daysBetween(due, today), due, sla }), { facts });
  const review = String(reviewDate);
  const head = owed ? say('KP-REH-01.tailored', { domains: requiredDomains(subject, ctx.at), review }) : say('KP-REH-01.recorded', { review });
  return pass(due ? [head, say('KP-REH-01.due_by', { due })] : head, { facts });
};

const checkClosure: Check = (ctx) => {
  const subject = ctx.subject;
  const facts = ['repatriation.state', 'location.kind', 'rehabilitation.state', 'person.dateOfBirth', 'person.sex'];
  const arrival = arrivalOf(subject);
  if (!arrival.returned) return pass(say('KP-REH-01.not_returned'), { facts });
  if (!owedPlan(subject, ctx.at)) return pass(say('KP-REH-01.not_owed'), { facts });
  const rehab = workflowOf(subject, 'rehabilitation');
  if (!rehab || !PLAN_STATES.has(rehab.state)) return fail(say('KP-REH-01.closure_without_plan'), { severity: 'block', facts, toAllow: [say('KP-REH-01.allow_plan')] });
  return pass(say('KP-REH-01.has_plan', { state: rehab.state }), { facts });
};

export const rehabilitationRules: readonly Rule[] = [
  rule({
    id: 'KP-REH-01',
    principles: ['B.children.rehabilitation', 'B.women.support', 'C.services-privacy'],
    summary:
      'Within the configured SLA after arrival, give every returnee child and woman an individual, age- and gender-tailored rehabilitation and reintegration plan covering medical care, MHPSS, education, legal assistance, and family and community reintegration; review it periodically.',
    severity: 'timer',
    previewable: false,
  })
    .on('case.CLOSE', checkClosure)
    .on(['rehabilitation.CREATE_PLAN', 'rehabilitation.REVIEW_PLAN'], checkPlan),
  rule({
    id: 'KP-REH-02',
    principles: ['B.children.rehabilitation', 'B.humanitarian.non-discrimination', 'B.children.alternative-care'],
    summary:
      'Do not make rehabilitation and reintegration services conditional on security classification, cooperation or the outcome of prosecution; deliver them in family- and community-based settings rather than institutions.',
    severity: 'block',
    guards: ['rehabilitation.CREATE_PLAN', 'rehabilitation.REVIEW_PLAN'],
    previewable: false,
    check(ctx) {
      const facts = ['command.services', 'command.justification'];
      const services = servicesOf(ctx) ?? [];
      const gated: Message[] = [];
      const institutional: Message[] = [];
      for (const s of services) {
        for (const condition of s.conditions ?? []) {
          const concept = forbiddenCondition(condition);
          if (concept && concept !== 'consent') gated.push(say('KP-REH-02.conditional', { service: s.type, condition, concept }));
        }
        for (const criterion of s.eligibility ?? []) {
          const concept = forbiddenConcept(criterion.field);
          if (concept && GATING_CONCEPTS.has(concept)) gated.push(say('KP-REH-02.eligibility', { service: s.type, field: criterion.field }));
        }
        if (isInstitutional(s)) institutional.push(say('KP-REH-02.institutional', { service: s.type, setting: s.setting }));
      }
      if (gated.length > 0) return fail([say('KP-REH-02.gated'), ...gated], { severity: 'block', facts, toAllow: [say('KP-REH-02.allow_unconditional')] });
      if (institutional.length > 0 && !hasJustification(ctx)) {
        return fail([say('KP-REH-02.institutional_unjustified'), ...institutional], { severity: 'justify', facts, toAllow: [common('justification'), say('KP-REH-02.allow_family_setting')] });
      }
      if (institutional.length > 0) return pass([say('KP-REH-02.institutional_justified'), ...institutional], { facts });
      return pass(say('KP-REH-02.unconditional'), { facts });
    },
  }),
];

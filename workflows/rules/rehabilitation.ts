import { addDays, calendarDate, daysBetween } from '../age.ts';
import { forbiddenCondition, forbiddenConcept } from '../assistance.ts';
import type { Service, ServiceType } from '../rehabilitation/model.ts';
import { data, fail, hasJustification, isChildAt, pass, workflowOf } from './facts.ts';
import type { CaseView, Finding, Rule, RuleContext } from './types.ts';
import { rule } from './rule.ts';

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

const DOMAIN_LABEL: Readonly<Record<PlanDomain, string>> = {
  medical: 'medical care',
  mhpss: 'MHPSS',
  education: 'education',
  legal: 'legal assistance',
  family_community: 'family and community reintegration',
  sgbv_support: 'SGBV survivor support',
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

function checkPlan(ctx: RuleContext): Finding {
  const subject = ctx.subject;
  const today = calendarDate(ctx.at);
  const d = data(ctx);
  const blocking: string[] = [];
  const justify: string[] = [];
  const services = servicesOf(ctx);
  const owed = owedPlan(subject, ctx.at);
  if (services && owed) {
    const covered = coveredDomains(services);
    const missing = requiredDomains(subject, ctx.at).filter((dom) => !covered.has(dom));
    const core = missing.filter((m) => m !== 'sgbv_support');
    if (core.length > 0) {
      const who = isChildAt(subject, ctx.at) ? 'a child' : 'a woman';
      blocking.push(`the plan for ${who} must cover ${core.map((m) => DOMAIN_LABEL[m]).join(', ')}`);
    }
    // A survivor may decline an SGBV referral (survivor-centred, KP-GEN-01): leaving it out needs written reasons.
    if (missing.includes('sgbv_support') && !hasJustification(ctx)) justify.push('the person is a survivor: the plan needs SGBV survivor support, or a justification (e.g. the survivor declined)');
  }
  const reviewDate = d['reviewDate'];
  if (typeof reviewDate !== 'string') blocking.push('the plan needs a review date');
  else if (reviewDate < today) blocking.push(`the review date ${reviewDate} is in the past: the plan must be reviewed periodically`);
  if (blocking.length > 0) return fail(blocking.join('; '), { severity: 'block' });
  if (justify.length > 0) return fail(justify.join('; '), { severity: 'justify' });

  const due = owed ? planDueDate(subject, ctx.settings.rehabilitationPlanSlaDays) : null;
  if (ctx.command.type === 'CREATE_PLAN' && due && due < today) {
    return fail(`the plan is ${daysBetween(due, today)} days late: it was due on ${due}, ${ctx.settings.rehabilitationPlanSlaDays} days after arrival`);
  }
  const tailored = owed ? `covers ${requiredDomains(subject, ctx.at).map((m) => DOMAIN_LABEL[m]).join(', ')}` : 'recorded (the rule requires plans for women and children)';
  return pass(`individual plan ${tailored}; next review ${String(reviewDate)}${due ? `; due by ${due}` : ''}`);
}

function checkClosure(ctx: RuleContext): Finding {
  const subject = ctx.subject;
  const arrival = arrivalOf(subject);
  if (!arrival.returned) return pass('the person has not returned: no rehabilitation plan is owed yet');
  if (!owedPlan(subject, ctx.at)) return pass('the rule requires plans for returnee women and children');
  const rehab = workflowOf(subject, 'rehabilitation');
  if (!rehab || !PLAN_STATES.has(rehab.state)) return fail('the person has returned but has no rehabilitation and reintegration plan: the case cannot be closed', { severity: 'block' });
  return pass(`the returnee has a rehabilitation and reintegration plan (${rehab.state})`);
}

export const rehabilitationRules: readonly Rule[] = [
  rule({
    id: 'KP-REH-01',
    principles: ['B.children.rehabilitation', 'B.women.support', 'C.services-privacy'],
    summary:
      'Within the configured SLA after arrival, give every returnee child and woman an individual, age- and gender-tailored rehabilitation and reintegration plan covering medical care, MHPSS, education, legal assistance, and family and community reintegration; review it periodically.',
    severity: 'timer',
    guards: ['case.CLOSE', 'rehabilitation.CREATE_PLAN', 'rehabilitation.REVIEW_PLAN'],
    previewable: false,
    check(ctx) {
      if (ctx.command.workflow === 'rehabilitation' && (ctx.command.type === 'CREATE_PLAN' || ctx.command.type === 'REVIEW_PLAN')) return checkPlan(ctx);
      if (ctx.command.workflow === 'case' && ctx.command.type === 'CLOSE') return checkClosure(ctx);
      const due = owedPlan(ctx.subject, ctx.at) ? planDueDate(ctx.subject, ctx.settings.rehabilitationPlanSlaDays) : null;
      return pass(due ? `rehabilitation plan due by ${due}` : 'no rehabilitation plan deadline');
    },
  }),
  rule({
    id: 'KP-REH-02',
    principles: ['B.children.rehabilitation', 'B.humanitarian.non-discrimination', 'B.children.alternative-care'],
    summary:
      'Do not make rehabilitation and reintegration services conditional on security classification, cooperation or the outcome of prosecution; deliver them in family- and community-based settings rather than institutions.',
    severity: 'block',
    guards: ['rehabilitation.CREATE_PLAN', 'rehabilitation.REVIEW_PLAN'],
    previewable: false,
    check(ctx) {
      const services = servicesOf(ctx) ?? [];
      const gated: string[] = [];
      const institutional: string[] = [];
      for (const s of services) {
        for (const condition of s.conditions ?? []) {
          const concept = forbiddenCondition(condition);
          if (concept && concept !== 'consent') gated.push(`${s.type} is conditional on ${condition} (${concept.replace(/_/g, ' ')})`);
        }
        for (const criterion of s.eligibility ?? []) {
          const concept = forbiddenConcept(criterion.field);
          if (concept && GATING_CONCEPTS.has(concept)) gated.push(`${s.type} eligibility depends on ${criterion.field}`);
        }
        if (isInstitutional(s)) institutional.push(`${s.type} in a ${s.setting} setting`);
      }
      if (gated.length > 0) return fail(`services may not be conditional on security classification, cooperation, prosecution or perceived affiliation: ${gated.join('; ')}`, { severity: 'block' });
      if (institutional.length > 0 && !hasJustification(ctx)) {
        return fail(`family- and community-based settings come first: ${institutional.join('; ')} needs a written justification`, { severity: 'justify' });
      }
      if (institutional.length > 0) return pass(`institutional setting justified: ${institutional.join('; ')}`);
      return pass('services are unconditional and family- or community-based');
    },
  }),
];

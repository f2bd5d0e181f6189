import { addDays, calendarDate, daysBetween } from '../age.ts';
import { inForce } from '../jurisdictions.ts';
import { bestInterestsContextOf, handoverDueAt, SECURITY_SOURCES, type BestInterestsContext, type Bid, type ConsentRecord, type PanelDecide, type PlaceInCare, type RecordConsent, type RecordHandover } from '../best_interests/model.ts';
import type { ScreeningContext } from '../screening/model.ts';
import { consentGating } from './humanitarian.ts';
import { data, fail, hasJustification, isChildAt, pass, subjectIsChild, workflowOf } from './facts.ts';
import type { CaseView, FamilyMember, Finding, Rule, RuleContext, WorkflowView } from './types.ts';
import { rule } from './rule.ts';
import { say } from './children.messages.ts';
import { say as common, type Message } from './messages.ts';

/**
 * Best interests, BID, consent and family unity (RULES.md §4.2). Several rules here also guard
 * other workflows' commands (repatriation PLAN and APPROVE_RETURN): there the instance moved is
 * `ctx.workflow` with context `{ destination, members }` (members: case ids travelling together),
 * and a parent is left behind when a family member related as mother/father/parent/caregiver is
 * not among the members.
 */

/** Relations of a family member that make them the subject's parent or primary caregiver. */
export const PARENT_RELATIONS: ReadonlySet<string> = new Set(['mother', 'father', 'parent', 'caregiver']);
/** Who may give consent for the child (KP-CHILD-06: each parent or legal guardian). */
const CONSENTING_RELATIONS: ReadonlySet<string> = new Set([...PARENT_RELATIONS, 'guardian']);
const REPATRIATION_DECISIONS: ReadonlySet<string> = new Set(['PLAN', 'APPROVE_RETURN']);

/** The subject's best-interests instance: the one moved when the command is on it, else the stored one. */
export function bestInterestsOf(ctx: RuleContext): BestInterestsContext {
  const view = ctx.command.workflow === 'best_interests' ? ctx.workflow : workflowOf(ctx.subject, 'best_interests');
  return bestInterestsContextOf(view);
}

/** An approved BID in force on a case (state bid_approved), or undefined. */
export function approvedBidOf(c: CaseView): Bid | undefined {
  const view = workflowOf(c, 'best_interests');
  if (view?.state !== 'bid_approved') return undefined;
  const bid = bestInterestsContextOf(view).bid;
  return bid.status === 'approved' ? bid : undefined;
}

export const isRepatriationDecision = (ctx: RuleContext): boolean => ctx.command.workflow === 'repatriation' && REPATRIATION_DECISIONS.has(ctx.command.type);

/**
 * The case ids travelling together on a repatriation command: on PLAN the command names them
 * (`withFamily`, the case it is addressed to included); afterwards the instance records them.
 */
export function travellingMembers(ctx: RuleContext): Set<string> {
  const ids = new Set<string>([ctx.subject.id]);
  if (ctx.origin) ids.add(ctx.origin);
  if (ctx.command.type === 'PLAN') {
    const withFamily = data(ctx)['withFamily'];
    if (Array.isArray(withFamily)) for (const id of withFamily) ids.add(String(id));
  } else {
    const members = ctx.workflow.context['members'];
    if (Array.isArray(members)) for (const id of members) ids.add(String(id));
  }
  return ids;
}

/** Parents and primary caregivers of the subject who do not travel with them. */
export function parentsLeftBehind(ctx: RuleContext): FamilyMember[] {
  const members = travellingMembers(ctx);
  return ctx.family.filter((m) => PARENT_RELATIONS.has(m.relation) && !members.has(m.id));
}

/** The latest consent record of each parent, by parent case id. */
export function latestConsents(consents: readonly ConsentRecord[]): Map<string, ConsentRecord> {
  const latest = new Map<string, ConsentRecord>();
  for (const c of consents) latest.set(c.parentCaseId, c);
  return latest;
}

/** Why a consent is not free and informed, or an empty list (KP-CHILD-06). */
export function consentDefects(c: Pick<RecordConsent, 'status' | 'language' | 'consequencesExplained' | 'circumstances' | 'conditionOfAid'>): Message[] {
  const defects: Message[] = [];
  if (c.status === 'refused') defects.push(say('KP-CHILD-06.defect_refused'));
  if (c.status === 'withdrawn') defects.push(say('KP-CHILD-06.defect_withdrawn'));
  if (!c.consequencesExplained) defects.push(say('KP-CHILD-06.defect_consequences'));
  if (!c.language.trim()) defects.push(say('KP-CHILD-06.defect_language'));
  if (c.circumstances.coercionAbsent !== true) defects.push(c.circumstances.coercionAbsent === undefined ? say('KP-CHILD-06.defect_coercion_unrecorded') : say('KP-CHILD-06.defect_coercion'));
  if (c.conditionOfAid) defects.push(say('KP-CHILD-06.defect_condition_of_aid'));
  return defects;
}

/**
 * Who cares for a child (KP-CHILD-02, -08; DOMAIN.md glossary): a parent, legal guardian or
 * customary caregiver. A child with none of them is separated (other relatives present) or
 * unaccompanied (none). A caseworker's recorded `unaccompanied` / `separated` flag wins over the
 * links (a linked mother may be held elsewhere).
 */
export const CARER_RELATIONS: ReadonlySet<string> = new Set([...PARENT_RELATIONS, 'guardian']);

export type AccompanimentStatus = 'accompanied' | 'separated' | 'unaccompanied';
export interface Accompaniment {
  readonly status: AccompanimentStatus;
  /** The linked (or travelling) parents, guardians and caregivers. */
  readonly caregivers: string[];
  readonly reason: string;
}

/**
 * A child's accompaniment derived from the family links (and, for a move, from who travels):
 * null for an adult. `links` are the child's family links; `travelling`, when given, restricts
 * them to the members of the move.
 */
export function accompanimentOf(child: CaseView, links: ReadonlyArray<{ caseId: string; relation: string }>, at: string, travelling?: ReadonlySet<string>): Accompaniment | null {
  if (!isChildAt(child, at)) return null;
  const present = travelling ? links.filter((l) => travelling.has(l.caseId)) : links;
  const caregivers = present.filter((l) => CARER_RELATIONS.has(l.relation)).map((l) => l.caseId);
  const flags = child.facts.person.vulnerabilities;
  const where = travelling ? 'in the move' : 'linked';
  if (flags.includes('unaccompanied')) return { status: 'unaccompanied', caregivers, reason: 'recorded as unaccompanied' };
  if (flags.includes('separated')) return { status: 'separated', caregivers, reason: 'recorded as separated' };
  if (caregivers.length > 0) return { status: 'accompanied', caregivers, reason: `a parent, guardian or caregiver ${where}` };
  if (present.length > 0) return { status: 'separated', caregivers, reason: `no parent, guardian or caregiver ${where}; other relatives are` };
  return { status: 'unaccompanied', caregivers, reason: `no parent, guardian, caregiver or other relative ${where}` };
}

const familyLinksOf = (ctx: RuleContext) => ctx.family.map((m) => ({ caseId: m.id, relation: m.relation }));

/** Unaccompanied or separated (UASC), derived from the links, for every rule that cares. */
const isUasc = (ctx: RuleContext): boolean => (accompanimentOf(ctx.subject, familyLinksOf(ctx), ctx.at)?.status ?? 'accompanied') !== 'accompanied';

/** The BIA is completed and not past its validity (KP-CHILD-01). */
function biaCurrent(bi: BestInterestsContext, at: string): Message | null {
  if (!bi.biaCompletedAt) return say('KP-CHILD-01.no_bia');
  const until = bi.bia?.validUntil;
  if (until && until < calendarDate(at)) return say('KP-CHILD-01.bia_expired', { until });
  return null;
}

const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;

/**
 * Where the language in which the child was informed and heard is recorded (KP-CHILD-05): the
 * BID's own record, else the child's latest screening interview held in a language the child
 * understands (directly or through an interpreter: KP-SCR-05 checks that), or null. The language
 * itself is free text, so a verdict names where it is recorded, not what it says.
 */
export function childLanguage(ctx: RuleContext, bid: Pick<Bid, 'childInformedLanguage'>): Message | null {
  if (nonEmpty(bid.childInformedLanguage)) return say('KP-CHILD-05.heard_bid_language');
  const interviews = (workflowOf(ctx.subject, 'screening')?.context as Partial<ScreeningContext> | undefined)?.interviews ?? [];
  const understood = interviews.filter((i) => nonEmpty(i.language) && (i.interpreter || i.personUnderstandsLanguage !== false)).at(-1);
  if (!understood) return null;
  return understood.interpreter ? say('KP-CHILD-05.heard_screening_language_interpreter') : say('KP-CHILD-05.heard_screening_language');
}

/** What "is a child" reads: the date of birth, or the confirmed age assessment. */
const CHILD_FACTS = ['person.dateOfBirth', 'age_assessment.state'];

/** KP-CHILD-08 for a child: an unaccompanied or separated child needs tracing and a guardian before a durable solution. */
function tracingAndGuardian(ctx: RuleContext): Finding {
  const facts = ['person.vulnerabilities', 'person.familyLinks', 'best_interests.tracing', 'best_interests.guardian'];
  if (!isUasc(ctx)) return pass(say('KP-CHILD-08.accompanied'), { facts });
  const bi = bestInterestsOf(ctx);
  const gaps: Message[] = [];
  const toAllow: Message[] = [];
  if (!bi.tracing) {
    gaps.push(say('KP-CHILD-08.no_tracing'));
    toAllow.push(say('KP-CHILD-08.allow_tracing'));
  }
  if (!bi.guardian) {
    gaps.push(say('KP-CHILD-08.no_guardian'));
    toAllow.push(say('KP-CHILD-08.allow_guardian'));
  }
  const [first, ...rest] = gaps;
  if (first) return fail([first, ...rest], { facts, toAllow });
  return pass(say('KP-CHILD-08.ready', { tracing: bi.tracing?.status ?? 'started', guardian: bi.guardian?.kind ?? 'guardian' }), { facts });
}

/**
 * KP-CHILD-01 on one decision: a current BIA, plus what the command must reason (`more` adds
 * its problems and what would lift them).
 */
function reasonedDecision(ctx: RuleContext, commandFacts: readonly string[], more: (bi: BestInterestsContext, problems: Message[], toAllow: Message[]) => void): Finding {
  if (!subjectIsChild(ctx)) return pass(common('not_a_child'), { facts: CHILD_FACTS });
  const bi = bestInterestsOf(ctx);
  const facts = ['best_interests.biaCompletedAt', 'best_interests.bia.validUntil', ...commandFacts];
  const problems: Message[] = [];
  const toAllow: Message[] = [];
  const stale = biaCurrent(bi, ctx.at);
  if (stale) {
    problems.push(stale);
    toAllow.push(common('current_bia'));
  }
  more(bi, problems, toAllow);
  const [first, ...rest] = problems;
  if (first) return fail([first, ...rest], { facts, toAllow });
  return pass(say('KP-CHILD-01.reasoned'), { facts });
}

/** KP-CHILD-02 on a return: what makes a BID required (separation, UASC, refused consent), and whether one is approved. */
function returnNeedsBid(ctx: RuleContext): Finding {
  if (!subjectIsChild(ctx)) return pass(common('not_a_child'), { facts: CHILD_FACTS });
  const facts = ['repatriation.members', 'person.familyLinks', 'person.vulnerabilities', 'best_interests.consents', 'best_interests.state'];
  const triggers: Message[] = [];
  const left = parentsLeftBehind(ctx);
  for (const m of left) triggers.push(say('KP-CHILD-02.separation', { relation: m.relation, parent: m.id }));
  const uasc = ctx.subject.facts.person.vulnerabilities.filter((v) => v === 'unaccompanied' || v === 'separated' || v === 'orphan');
  if (uasc.length) triggers.push(say('KP-CHILD-02.uasc', { status: uasc }));
  else {
    // Derived from who travels: no parent, legal guardian or caregiver in the move.
    const moving = accompanimentOf(ctx.subject, familyLinksOf(ctx), ctx.at, travellingMembers(ctx));
    if (moving && moving.status !== 'accompanied' && left.length === 0) triggers.push(moving.status === 'separated' ? say('KP-CHILD-02.travels_separated') : say('KP-CHILD-02.travels_unaccompanied'));
  }
  for (const c of latestConsents(bestInterestsOf(ctx).consents).values()) {
    if (c.status === 'refused') triggers.push(say('KP-CHILD-02.consent_refused', { parent: c.parentCaseId }));
    if (c.status === 'withdrawn') triggers.push(say('KP-CHILD-02.consent_withdrawn', { parent: c.parentCaseId }));
  }
  if (triggers.length === 0) return pass(say('KP-CHILD-02.no_trigger'), { facts });
  if (approvedBidOf(ctx.subject)) return pass([say('KP-CHILD-02.bid_covers'), ...triggers], { facts });
  return fail([say('KP-CHILD-02.bid_needed'), ...triggers], { facts, toAllow: [common('approved_bid')] });
}

/** KP-CHILD-06: aid or a service made to depend on consent, refused on any command it guards. */
function consentAsConditionOfAid(ctx: RuleContext): Finding | null {
  const gated = consentGating(ctx);
  if (!gated.length) return null;
  const named = gated.map((g) => ('field' in g ? say('KP-CHILD-06.eligibility_on_consent', { field: g.field }) : say('KP-CHILD-06.service_on_consent', { service: g.service, condition: g.condition })));
  return fail([say('KP-CHILD-06.aid_conditional'), ...named], { facts: ['command.eligibility', 'command.services'], toAllow: [say('KP-CHILD-06.allow_unconditional_aid')] });
}

const NO_AID_GATE = ['command.eligibility', 'command.services'];

/** KP-CHILD-05: the child informed and heard, the views and their weight recorded (`approving`: at the panel's approval). */
function childHeard(ctx: RuleContext, approving: boolean): Finding {
  const d = data(ctx) as Partial<PanelDecide>;
  const flag = approving ? {} : { severity: 'warn' as const };
  const bid = bestInterestsOf(ctx).bid;
  const facts = ['best_interests.bid.childViews', 'best_interests.bid.childInformedLanguage', 'best_interests.bid.childViewsWeight', 'best_interests.bid.childViewsNotHeardReason', 'screening.interviews', ...(approving ? ['command.reasons'] : [])];
  if (nonEmpty(bid.childViews)) {
    const gaps: Message[] = [];
    const toAllow: Message[] = [];
    const language = childLanguage(ctx, bid);
    if (!language) {
      gaps.push(say('KP-CHILD-05.no_language'));
      toAllow.push(say('KP-CHILD-05.allow_language'));
    }
    // The weight: the BID's own statement, else the panel's written reasons at the approval.
    const weight = nonEmpty(bid.childViewsWeight) ? say('KP-CHILD-05.weight_in_bid') : approving && !ctx.preview && nonEmpty(d.reasons) ? say('KP-CHILD-05.weight_in_reasons') : null;
    if (approving && !weight) {
      gaps.push(say('KP-CHILD-05.no_weight'));
      toAllow.push(say('KP-CHILD-05.allow_weight'));
    }
    const [first, ...rest] = gaps;
    if (first) return fail([first, ...rest], { ...flag, facts, toAllow });
    return pass([language ?? say('KP-CHILD-05.heard_bid_language'), weight ?? say('KP-CHILD-05.weight_pending')], { facts });
  }
  if (nonEmpty(bid.childViewsNotHeardReason)) return pass(say('KP-CHILD-05.not_heard_documented'), { facts });
  return fail(say('KP-CHILD-05.no_views'), { ...flag, facts, toAllow: [say('KP-CHILD-05.allow_views')] });
}

/** KP-CHILD-06 on a return: each parent left behind consented freely, or an approved BID concludes separation serves the child. */
function separationConsented(ctx: RuleContext): Finding {
  if (!subjectIsChild(ctx)) return pass(common('not_a_child'), { facts: CHILD_FACTS });
  const facts = ['repatriation.members', 'person.familyLinks', 'best_interests.consents', 'best_interests.bid.recommendation', 'best_interests.bid.approvedAt'];
  const left = parentsLeftBehind(ctx);
  if (left.length === 0) return pass(say('KP-CHILD-06.not_separated'), { facts });
  const latest = latestConsents(bestInterestsOf(ctx).consents);
  const bid = approvedBidOf(ctx.subject);
  const bidSeparates = bid?.recommendation?.separationInBestInterests === true;
  const problems: Message[] = [];
  for (const parent of left) {
    const who = { relation: parent.relation, parent: parent.id };
    const consent = latest.get(parent.id);
    if (!consent) {
      if (!bidSeparates) problems.push(say('KP-CHILD-06.no_consent', who));
      continue;
    }
    if (consent.status === 'withdrawn') {
      // A BID approved after the withdrawal may still decide that separation serves the child.
      if (!(bidSeparates && bid?.approvedAt && bid.approvedAt > consent.at)) problems.push(say('KP-CHILD-06.withdrew', who));
      continue;
    }
    const defects = consentDefects(consent);
    if (defects.length && !bidSeparates) problems.push(say('KP-CHILD-06.invalid_consent', who), ...defects);
  }
  const [first, ...rest] = problems;
  if (first) return fail([first, ...rest, say('KP-CHILD-06.needs_consent_or_bid')], { facts, toAllow: [say('KP-CHILD-06.allow_consent'), say('KP-CHILD-06.allow_bid_separation')] });
  return pass(bidSeparates ? say('KP-CHILD-06.bid_separates') : say('KP-CHILD-06.each_consented'), { facts });
}

export const childrenRules: readonly Rule[] = [
  rule({
    id: 'KP-CHILD-01',
    principles: ['B.children.best-interests', 'B.general.children-victims'],
    summary: 'Every decision concerning a child links a current BIA (or an approved BID where one is required) and records written reasons weighing the child\'s best interests (KP B-CH1, B-GEN5).',
    severity: 'block',
    previewable: false,
  })
    .on(['best_interests.SUBMIT_TO_PANEL', 'best_interests.PANEL_DECIDE'], (ctx) =>
      reasonedDecision(ctx, ['best_interests.bid.recommendation', 'best_interests.bid.familyUnity', 'command.reasons'], (bi, problems, toAllow) => {
        if (!bi.bid.recommendation || !nonEmpty(bi.bid.familyUnity)) {
          problems.push(say('KP-CHILD-01.no_prepared_bid'));
          toAllow.push(say('KP-CHILD-01.allow_prepared_bid'));
        }
        if (ctx.command.type === 'PANEL_DECIDE' && !ctx.preview && !nonEmpty(data(ctx)['reasons'])) {
          problems.push(say('KP-CHILD-01.no_panel_reasons'));
          toAllow.push(say('KP-CHILD-01.allow_panel_reasons'));
        }
      }),
    )
    .on('best_interests.PLACE_IN_CARE', (ctx) =>
      reasonedDecision(ctx, ['command.type', 'command.reasons', 'command.alternativesConsidered', 'command.justification', 'best_interests.bia.findings'], (bi, problems, toAllow) => {
        const p = data(ctx) as Partial<PlaceInCare>;
        // Kinship care (the first choice, KP-CARE-01) on a current BIA is reasoned by the BIA's findings.
        const reasoned = nonEmpty(p.reasons) || hasJustification(ctx) || (p.alternativesConsidered ?? []).some((a) => nonEmpty(a.reason)) || (p.type === 'kinship' && nonEmpty(bi.bia?.findings));
        if (!reasoned) {
          problems.push(say('KP-CHILD-01.placement_unreasoned'));
          toAllow.push(say('KP-CHILD-01.allow_placement_reasons'));
        }
      }),
    )
    .on('repatriation.APPROVE_RETURN', (ctx) =>
      reasonedDecision(ctx, ['best_interests.bia.bidRequired', 'best_interests.state'], (bi, problems, toAllow) => {
        if (bi.bia?.bidRequired && !approvedBidOf(ctx.subject)) {
          problems.push(say('KP-CHILD-01.bid_required'));
          toAllow.push(common('approved_bid'));
        }
      }),
    ),
  rule({
    id: 'KP-CHILD-02',
    principles: ['B.children.best-interests'],
    summary: 'No separation from a parent, no return of an unaccompanied or separated child, no non-kin care and no decision without parental consent until a BID is approved (KP B-CH1).',
    severity: 'block-unless',
    previewable: false,
  })
    .on('best_interests.PLACE_IN_CARE', (ctx) => {
      if (!subjectIsChild(ctx)) return pass(common('not_a_child'), { facts: CHILD_FACTS });
      const facts = ['command.type', 'best_interests.state', 'best_interests.urgentActions', 'best_interests.bid.dueAt'];
      const type = (data(ctx) as Partial<PlaceInCare>).type;
      if (type === undefined || type === 'kinship') return pass(say('KP-CHILD-02.kinship'), { facts });
      if (approvedBidOf(ctx.subject)) return pass(say('KP-CHILD-02.non_kin_on_bid', { type }), { facts });
      const bi = bestInterestsOf(ctx);
      if (bi.urgentActions.length > 0 && bi.bid.dueAt && bi.bid.dueAt >= calendarDate(ctx.at)) {
        return pass(say('KP-CHILD-02.interim', { type, due: bi.bid.dueAt, rule: 'KP-CHILD-03' }), { facts });
      }
      return fail(say('KP-CHILD-02.non_kin_needs_bid', { type }), { facts, toAllow: [common('approved_bid')] });
    })
    .on('repatriation.APPROVE_RETURN', returnNeedsBid),
  rule({
    id: 'KP-CHILD-03',
    principles: ['B.children.best-interests'],
    summary: 'Urgent protective action may precede a BID, on a BIA plus supervisor approval; the BID opens automatically with a deadline (KP B-CH1).',
    severity: '2nd',
  }).on('best_interests.URGENT_ACTION', (ctx) => {
    const bi = bestInterestsOf(ctx);
    const facts = ['best_interests.biaCompletedAt', 'best_interests.bid.status'];
    if (!bi.biaCompletedAt) return fail(say('KP-CHILD-03.needs_bia'), { severity: 'block', facts, toAllow: [common('current_bia')] });
    if (!ctx.actor.roles.includes('supervisor')) return fail(say('KP-CHILD-03.needs_supervisor'), { secondApprover: 'supervisor', facts });
    if (bi.bid.status === 'approved') return pass(say('KP-CHILD-03.under_bid'), { facts });
    return pass(say('KP-CHILD-03.on_bia', { days: ctx.settings.bidAfterUrgentActionDays }), { facts });
  }),
  rule({
    id: 'KP-CHILD-04',
    principles: ['B.children.best-interests'],
    summary: 'A BID is approved only by a multidisciplinary panel of at least the configured size, none of whom authored the BIA, all bound by undertakings, with written reasons and a review date (KP B-CH1).',
    severity: 'block',
    previewable: false,
  }).on('best_interests.PANEL_DECIDE', (ctx) => {
    const d = data(ctx) as Partial<PanelDecide>;
    const bi = bestInterestsOf(ctx);
    const facts = ['command.decision', 'command.panel', 'command.reasons', 'command.undertakingsSigned', 'command.reviewDate', 'best_interests.biaAuthor', 'best_interests.bid.reviewDate'];
    const problems: Message[] = [];
    if (!nonEmpty(d.reasons)) problems.push(say('KP-CHILD-04.no_reasons'));
    if (d.decision !== 'approve') {
      const [first, ...rest] = problems;
      return first ? fail([first, ...rest], { facts }) : pass(say('KP-CHILD-04.returned'), { facts });
    }
    // Disciplines are an open set: compared normalised ("Social work" = "social_work").
    const norm = (discipline: string) => discipline.trim().toLowerCase().replace(/[\s-]+/g, '_');
    const voting = (d.panel ?? []).filter((m) => norm(m.discipline) !== 'interpreter');
    const members = new Set(voting.map((m) => m.userId));
    const disciplines = new Set(voting.map((m) => norm(m.discipline)));
    const codes = [ctx.subject.facts.location.state, ...ctx.subject.facts.person.nationalities.map((n) => n.state)];
    const jurisdictionMin = Math.max(0, ...codes.map((code) => inForce(ctx.jurisdictions, code, ctx.at)?.bidPanelMinMembers ?? 0));
    const min = Math.max(ctx.settings.bidPanelMinMembers, jurisdictionMin);
    if (members.size < min) problems.push(say('KP-CHILD-04.too_few_members', { members: members.size, min }));
    if (disciplines.size < 2) problems.push(say('KP-CHILD-04.not_multidisciplinary'));
    if (bi.biaAuthor && members.has(bi.biaAuthor)) problems.push(say('KP-CHILD-04.bia_author_on_panel'));
    if (d.undertakingsSigned !== true) problems.push(say('KP-CHILD-04.undertakings'));
    if (!(d.reviewDate ?? bi.bid.reviewDate)) problems.push(say('KP-CHILD-04.no_review_date'));
    const [first, ...rest] = problems;
    if (first) return fail([first, ...rest], { facts, toAllow: [say('KP-CHILD-04.allow_panel', { min })] });
    return pass(say('KP-CHILD-04.approved', { members: members.size, disciplines: [...disciplines] }), { facts });
  }),
  rule({
    id: 'KP-CHILD-05',
    principles: ['B.children.best-interests'],
    summary: 'Before a BID is approved the child is informed in a language they understand and heard; the views and their weight, or the documented reason they could not be obtained, are recorded (KP B-CH1; CRC art. 12).',
    severity: 'block',
    previewable: false,
  })
    // RULES.md: "BLOCK BID approval". Before the approval (SUBMIT_TO_PANEL) a gap is only flagged
    // (WARN) so that the panel sees it.
    .on('best_interests.SUBMIT_TO_PANEL', (ctx) => childHeard(ctx, false))
    .on('best_interests.PANEL_DECIDE', (ctx) => {
      if ((data(ctx) as Partial<PanelDecide>).decision !== 'approve') return pass(say('KP-CHILD-05.not_approved'), { facts: ['command.decision'] });
      return childHeard(ctx, true);
    }),
  rule({
    id: 'KP-CHILD-06',
    principles: ['B.children.best-interests', 'B.humanitarian.non-discrimination'],
    summary: 'Separating a child for repatriation needs each parent\'s free and informed consent, or an approved BID concluding separation is in the child\'s best interests; withdrawal reopens the BID; consent is never a condition of aid (KP B-CH1, B-HUM1).',
    severity: 'block-unless',
    previewable: false,
  })
    .on('best_interests.RECORD_CONSENT', (ctx) => {
      const gated = consentAsConditionOfAid(ctx);
      if (gated) return gated;
      const d = data(ctx) as RecordConsent;
      const facts = ['command.parentCaseId', 'command.status', 'command.language', 'command.consequencesExplained', 'command.circumstances', 'command.conditionOfAid', 'person.familyLinks'];
      const parent = ctx.family.find((m) => m.id === d.parentCaseId);
      if (!parent || !CONSENTING_RELATIONS.has(parent.relation)) return fail(say('KP-CHILD-06.not_a_parent', { parent: d.parentCaseId }), { facts, toAllow: [say('KP-CHILD-06.allow_parent')] });
      if (d.status === 'refused') return pass(say('KP-CHILD-06.refused_recorded'), { facts });
      if (d.status === 'withdrawn') return pass(say('KP-CHILD-06.withdrawn_recorded'), { facts });
      const defects = consentDefects(d);
      if (defects.length) return fail([say('KP-CHILD-06.not_free_informed'), ...defects], { facts, toAllow: [say('KP-CHILD-06.allow_free_consent')] });
      return pass(say('KP-CHILD-06.free_informed'), { facts });
    })
    .on('repatriation.APPROVE_RETURN', (ctx) => consentAsConditionOfAid(ctx) ?? separationConsented(ctx))
    .on(['rehabilitation.CREATE_PLAN', 'rehabilitation.REVIEW_PLAN'], (ctx) => consentAsConditionOfAid(ctx) ?? pass(say('KP-CHILD-06.no_separation'), { facts: NO_AID_GATE })),
  rule({
    id: 'KP-CHILD-07',
    principles: ['B.children.best-interests'],
    summary: 'Keep the family together: a plan separating a child from the mother or primary caregiver or from siblings needs an approved BID and a second approval (KP B-CH1).',
    severity: '2nd',
    previewable: false,
  }).on(['repatriation.PLAN', 'repatriation.APPROVE_RETURN'], (ctx) => {
    const members = travellingMembers(ctx);
    const facts = ['command.withFamily', 'repatriation.members', 'person.familyLinks', 'person.dateOfBirth', 'best_interests.bid.recommendation'];
    const splits: Message[] = [];
    const missingBid: string[] = [];
    const covers = (bid: Bid | undefined) => bid !== undefined && (bid.recommendation?.separationInBestInterests === true || bid.recommendation?.action === 'repatriate_separately');
    if (subjectIsChild(ctx)) {
      const left = ctx.family.filter((m) => (PARENT_RELATIONS.has(m.relation) || m.relation === 'sibling') && !members.has(m.id));
      for (const m of left) splits.push(say('KP-CHILD-07.separated_from', { relation: m.relation, member: m.id }));
      if (left.length && !covers(approvedBidOf(ctx.subject))) missingBid.push(ctx.subject.id);
    }
    // A parent's plan that leaves their own children behind separates those children from them:
    // an adult's, and a child's who is herself a mother (DOMAIN.md §5.12: both are children).
    for (const child of ctx.family.filter((m) => m.relation === 'child' && !members.has(m.id) && isChildAt(m, ctx.at))) {
      splits.push(say('KP-CHILD-07.child_left_behind', { child: child.id }));
      if (!covers(approvedBidOf(child))) missingBid.push(child.id);
    }
    const [first, ...rest] = splits;
    if (!first) return pass(say('KP-CHILD-07.together'), { facts });
    if (missingBid.length) {
      return fail([first, ...rest, say('KP-CHILD-07.no_bid', { cases: missingBid })], { severity: 'block-unless', facts, toAllow: [say('KP-CHILD-07.allow_bid_separation'), say('KP-CHILD-07.allow_together')] });
    }
    return fail([first, ...rest, say('KP-CHILD-07.second_needed')], { secondApprover: 'supervisor', facts });
  }),
  rule({
    id: 'KP-CHILD-08',
    principles: ['B.children.best-interests'],
    summary: 'No durable solution for an unaccompanied or separated child until family tracing is started and documented and a guardian or legal representative is appointed (KP B-CH1).',
    severity: 'block',
  })
    .on('best_interests.PANEL_DECIDE', (ctx) => {
      if (!subjectIsChild(ctx)) return pass(common('not_a_child'), { facts: CHILD_FACTS });
      if ((data(ctx) as Partial<PanelDecide>).decision === 'return') return pass(say('KP-CHILD-08.no_durable_solution'), { facts: ['command.decision'] });
      return tracingAndGuardian(ctx);
    })
    .on('repatriation.APPROVE_RETURN', (ctx) => (subjectIsChild(ctx) ? tracingAndGuardian(ctx) : pass(common('not_a_child'), { facts: CHILD_FACTS }))),
  rule({
    id: 'KP-CHILD-09',
    principles: ['B.children.best-interests', 'B.general.international-law'],
    summary: 'A child received from military or security actors is handed over to civilian child protection within the configured time (SC res. 2427 op. 19, cited in KP B-GEN1).',
    severity: 'timer',
    previewable: false,
  }).on('best_interests.RECORD_HANDOVER', (ctx): Finding => {
    if (!subjectIsChild(ctx)) return pass(common('not_a_child'), { facts: CHILD_FACTS });
    const d = data(ctx) as Partial<RecordHandover>;
    const facts = ['command.receivedFrom', 'command.receivedAt', 'command.handedOverAt'];
    if (!d.receivedFrom || !d.receivedAt) return pass(say('KP-CHILD-09.no_handover'), { facts });
    if (!SECURITY_SOURCES.has(d.receivedFrom)) return pass(say('KP-CHILD-09.civilian_source', { source: d.receivedFrom }), { facts });
    const sla = ctx.settings.handoverSlaHours;
    const due = handoverDueAt(d.receivedAt, sla);
    const end = d.handedOverAt ?? ctx.at;
    const hours = (Date.parse(end) - Date.parse(d.receivedAt)) / 3_600_000;
    if (hours > sla) {
      const late = { hours: Math.round(hours), sla, due };
      return fail(d.handedOverAt ? say('KP-CHILD-09.handed_over_late', late) : say('KP-CHILD-09.not_handed_over_late', late), { severity: 'warn', facts, ...(d.handedOverAt ? {} : { toAllow: [say('KP-CHILD-09.allow_handover')] }) });
    }
    return pass(d.handedOverAt ? say('KP-CHILD-09.handed_over', { sla }) : say('KP-CHILD-09.due', { due, days: daysBetween(ctx.at, due) }), { facts });
  }),
];


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

const NOT_A_CHILD = 'the person is not a child';

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
export function consentDefects(c: Pick<RecordConsent, 'status' | 'language' | 'consequencesExplained' | 'circumstances' | 'conditionOfAid'>): string[] {
  const defects: string[] = [];
  if (c.status !== 'given') defects.push(`consent ${c.status}`);
  if (!c.consequencesExplained) defects.push('the consequences were not explained');
  if (!c.language.trim()) defects.push('no language recorded');
  if (c.circumstances.coercionAbsent !== true) defects.push(c.circumstances.coercionAbsent === undefined ? 'the circumstances do not record that coercion was ruled out' : 'coercion was not ruled out');
  if (c.conditionOfAid) defects.push('consent was made a condition of aid or services');
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
function biaCurrent(bi: BestInterestsContext, at: string): string | null {
  if (!bi.biaCompletedAt) return 'no completed best-interests assessment (BIA)';
  const until = bi.bia?.validUntil;
  if (until && until < calendarDate(at)) return `the BIA expired on ${until}`;
  return null;
}

const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;

/**
 * The language in which the child was informed and heard (KP-CHILD-05): the BID's own record,
 * else the language of the child's latest screening interview held in a language the child
 * understands (directly or through an interpreter: KP-SCR-05 checks that), or null.
 */
export function childLanguage(ctx: RuleContext, bid: Pick<Bid, 'childInformedLanguage'>): string | null {
  if (nonEmpty(bid.childInformedLanguage)) return bid.childInformedLanguage;
  const interviews = (workflowOf(ctx.subject, 'screening')?.context as Partial<ScreeningContext> | undefined)?.interviews ?? [];
  const understood = interviews.filter((i) => nonEmpty(i.language) && (i.interpreter || i.personUnderstandsLanguage !== false)).at(-1);
  return understood ? `${understood.language} (the language of the screening interview${understood.interpreter ? ', with an interpreter' : ''})` : null;
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

export const childrenRules: readonly Rule[] = [
  rule({
    id: 'KP-CHILD-01',
    principles: ['B.children.best-interests', 'B.general.children-victims'],
    summary: 'Every decision concerning a child links a current BIA (or an approved BID where one is required) and records written reasons weighing the child\'s best interests (KP B-CH1, B-GEN5).',
    severity: 'block',
    guards: ['best_interests.SUBMIT_TO_PANEL', 'best_interests.PANEL_DECIDE', 'best_interests.PLACE_IN_CARE', 'repatriation.APPROVE_RETURN'],
    previewable: false,
    check(ctx) {
      if (!subjectIsChild(ctx)) return pass(NOT_A_CHILD);
      const bi = bestInterestsOf(ctx);
      const problems: string[] = [];
      const stale = biaCurrent(bi, ctx.at);
      if (stale) problems.push(stale);
      const d = data(ctx);
      if (ctx.command.workflow === 'best_interests') {
        if (ctx.command.type === 'SUBMIT_TO_PANEL' || ctx.command.type === 'PANEL_DECIDE') {
          if (!bi.bid.recommendation || !nonEmpty(bi.bid.familyUnity)) problems.push('no prepared BID with a recommendation and a family-unity analysis');
        }
        if (ctx.command.type === 'PANEL_DECIDE' && !ctx.preview && !nonEmpty(d['reasons'])) problems.push('the panel decision records no reasons');
        if (ctx.command.type === 'PLACE_IN_CARE') {
          const p = d as Partial<PlaceInCare>;
          // Kinship care (the first choice, KP-CARE-01) on a current BIA is reasoned by the BIA's findings.
          const reasoned =
            nonEmpty(p.reasons) || hasJustification(ctx) || (p.alternativesConsidered ?? []).some((a) => nonEmpty(a.reason)) || (p.type === 'kinship' && nonEmpty(bi.bia?.findings));
          if (!reasoned) problems.push('the placement records no reasons weighing the child\'s best interests');
        }
      } else if (isRepatriationDecision(ctx) && ctx.command.type === 'APPROVE_RETURN' && bi.bia?.bidRequired && !approvedBidOf(ctx.subject)) {
        problems.push('the BIA requires a BID and none is approved');
      }
      if (problems.length) return fail(problems.join('; '));
      return pass('a current BIA is linked and the best interests are reasoned');
    },
  }),
  rule({
    id: 'KP-CHILD-02',
    principles: ['B.children.best-interests'],
    summary: 'No separation from a parent, no return of an unaccompanied or separated child, no non-kin care and no decision without parental consent until a BID is approved (KP B-CH1).',
    severity: 'block-unless',
    guards: ['best_interests.PLACE_IN_CARE', 'repatriation.APPROVE_RETURN'],
    previewable: false,
    check(ctx) {
      if (!subjectIsChild(ctx)) return pass(NOT_A_CHILD);
      const approved = approvedBidOf(ctx.subject);
      if (ctx.command.workflow === 'best_interests' && ctx.command.type === 'PLACE_IN_CARE') {
        const type = (data(ctx) as Partial<PlaceInCare>).type;
        if (type === undefined || type === 'kinship') return pass('kinship care needs no BID');
        if (approved) return pass(`${type} care on an approved BID`);
        const bi = bestInterestsOf(ctx);
        if (bi.urgentActions.length > 0 && bi.bid.dueAt && bi.bid.dueAt >= calendarDate(ctx.at)) {
          return pass(`interim ${type} care after an urgent protective action, BID due ${bi.bid.dueAt} (KP-CHILD-03)`);
        }
        return fail(`placement in non-kin (${type}) care needs an approved BID`);
      }
      if (!isRepatriationDecision(ctx)) return pass('no decision that needs a BID');
      const triggers: string[] = [];
      const left = parentsLeftBehind(ctx);
      if (left.length) triggers.push(`separation from ${left.map((m) => `${m.relation} (${m.id})`).join(', ')}`);
      const uasc = ctx.subject.facts.person.vulnerabilities.filter((v) => v === 'unaccompanied' || v === 'separated' || v === 'orphan');
      if (uasc.length) triggers.push(`the child is ${uasc.join(', ')}`);
      else {
        // Derived from who travels: no parent, legal guardian or caregiver in the move.
        const moving = accompanimentOf(ctx.subject, familyLinksOf(ctx), ctx.at, travellingMembers(ctx));
        if (moving && moving.status !== 'accompanied' && left.length === 0) triggers.push(`the child travels ${moving.status} (${moving.reason})`);
      }
      const denied = [...latestConsents(bestInterestsOf(ctx).consents).values()].filter((c) => c.status !== 'given');
      if (denied.length) triggers.push(`parental consent ${denied.map((c) => `${c.status} (${c.parentCaseId})`).join(', ')}`);
      if (triggers.length === 0) return pass('no BID trigger: the child travels with the parents and no consent is refused');
      if (approved) return pass(`approved BID covers: ${triggers.join('; ')}`);
      return fail(`an approved BID is required: ${triggers.join('; ')}`);
    },
  }),
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
    guards: ['best_interests.SUBMIT_TO_PANEL', 'best_interests.PANEL_DECIDE'],
    previewable: false,
    check(ctx) {
      // RULES.md: "BLOCK BID approval". At PANEL_DECIDE { decision: approve } the rule blocks; before
      // (SUBMIT_TO_PANEL) a gap is only flagged (WARN) so that the panel sees it.
      const d = data(ctx) as Partial<PanelDecide>;
      const approving = ctx.command.type === 'PANEL_DECIDE';
      if (approving && d.decision !== 'approve') return pass('the BID is not approved');
      const flag = approving ? {} : { severity: 'warn' as const };
      const bid = bestInterestsOf(ctx).bid;
      if (nonEmpty(bid.childViews)) {
        const gaps: string[] = [];
        const language = childLanguage(ctx, bid);
        if (!language) gaps.push('the language in which the child was informed and heard is not recorded (nor is a screening interview in a language the child understands)');
        // The weight: the BID's own statement, else the panel's written reasons at the approval.
        const weight = nonEmpty(bid.childViewsWeight) ? 'recorded in the BID' : approving && !ctx.preview && nonEmpty(d.reasons) ? 'recorded in the panel\'s reasons' : null;
        if (approving && !weight) gaps.push('the weight given to the child\'s views is not recorded (in the BID or the panel\'s reasons)');
        if (gaps.length) return fail(gaps.join('; '), flag);
        return pass(`the child was informed and heard in ${language}; the weight given to the views is ${weight ?? 'to be recorded in the panel\'s reasons'}`);
      }
      if (nonEmpty(bid.childViewsNotHeardReason)) return pass('the child could not be heard: the reason is documented in the BID');
      return fail('the BID records neither the child\'s views nor a documented reason they could not be obtained', flag);
    },
  }),
  rule({
    id: 'KP-CHILD-06',
    principles: ['B.children.best-interests', 'B.humanitarian.non-discrimination'],
    summary: 'Separating a child for repatriation needs each parent\'s free and informed consent, or an approved BID concluding separation is in the child\'s best interests; withdrawal reopens the BID; consent is never a condition of aid (KP B-CH1, B-HUM1).',
    severity: 'block-unless',
    guards: ['best_interests.RECORD_CONSENT', 'repatriation.APPROVE_RETURN', 'rehabilitation.CREATE_PLAN', 'rehabilitation.REVIEW_PLAN'],
    previewable: false,
    check(ctx) {
      // "Consent may never be a condition of aid or services": BLOCK any service gated on consent.
      const gated = consentGating(ctx);
      if (gated.length) return fail(`consent is never a condition of aid or services: ${gated.join('; ')}`);
      if (ctx.command.workflow === 'best_interests' && ctx.command.type === 'RECORD_CONSENT') {
        const d = data(ctx) as RecordConsent;
        const parent = ctx.family.find((m) => m.id === d.parentCaseId);
        if (!parent || !CONSENTING_RELATIONS.has(parent.relation)) return fail(`case ${d.parentCaseId} is not a parent, caregiver or guardian of this child`);
        if (d.status !== 'given') return pass(`consent ${d.status} is recorded (the parent is not penalised)`);
        const defects = consentDefects(d);
        return defects.length ? fail(`not free and informed consent: ${defects.join('; ')}`) : pass('free and informed consent is recorded');
      }
      if (!isRepatriationDecision(ctx)) return pass('no separation decided');
      if (!subjectIsChild(ctx)) return pass(NOT_A_CHILD);
      const left = parentsLeftBehind(ctx);
      if (left.length === 0) return pass('the child is not separated from a parent');
      const latest = latestConsents(bestInterestsOf(ctx).consents);
      const bid = approvedBidOf(ctx.subject);
      const bidSeparates = bid?.recommendation?.separationInBestInterests === true;
      const problems: string[] = [];
      for (const parent of left) {
        const consent = latest.get(parent.id);
        if (!consent) {
          if (!bidSeparates) problems.push(`no consent from the ${parent.relation} (${parent.id})`);
          continue;
        }
        if (consent.status === 'withdrawn') {
          // A BID approved after the withdrawal may still decide that separation serves the child.
          if (!(bidSeparates && bid?.approvedAt && bid.approvedAt > consent.at)) problems.push(`the ${parent.relation} (${parent.id}) withdrew consent: the BID must be redone`);
          continue;
        }
        const defects = consentDefects(consent);
        if (defects.length && !bidSeparates) problems.push(`the ${parent.relation}'s (${parent.id}) consent is not valid: ${defects.join('; ')}`);
      }
      if (problems.length) return fail(`${problems.join('; ')}; separation needs valid consent or an approved BID concluding it is in the child's best interests`);
      return pass(bidSeparates ? 'an approved BID concludes separation is in the child\'s best interests' : 'each parent left behind gave free and informed consent');
    },
  }),
  rule({
    id: 'KP-CHILD-07',
    principles: ['B.children.best-interests'],
    summary: 'Keep the family together: a plan separating a child from the mother or primary caregiver or from siblings needs an approved BID and a second approval (KP B-CH1).',
    severity: '2nd',
    guards: ['repatriation.PLAN', 'repatriation.APPROVE_RETURN'],
    previewable: false,
    check(ctx) {
      if (!isRepatriationDecision(ctx)) return pass('no family plan decided');
      const members = travellingMembers(ctx);
      const splits: string[] = [];
      const missingBid: string[] = [];
      const covers = (bid: Bid | undefined) => bid !== undefined && (bid.recommendation?.separationInBestInterests === true || bid.recommendation?.action === 'repatriate_separately');
      if (subjectIsChild(ctx)) {
        const left = ctx.family.filter((m) => (PARENT_RELATIONS.has(m.relation) || m.relation === 'sibling') && !members.has(m.id));
        if (left.length) {
          splits.push(`this child is separated from ${left.map((m) => `${m.relation} (${m.id})`).join(', ')}`);
          if (!covers(approvedBidOf(ctx.subject))) missingBid.push(ctx.subject.id);
        }
      }
      // A parent's plan that leaves their own children behind separates those children from them:
      // an adult's, and a child's who is herself a mother (DOMAIN.md §5.12: both are children).
      for (const child of ctx.family.filter((m) => m.relation === 'child' && !members.has(m.id) && isChildAt(m, ctx.at))) {
        splits.push(`the child ${child.id} is left behind`);
        if (!covers(approvedBidOf(child))) missingBid.push(child.id);
      }
      if (splits.length === 0) return pass('the family travels together');
      if (missingBid.length) return fail(`${splits.join('; ')}: no approved BID supports the separation (${missingBid.join(', ')})`, { severity: 'block-unless' });
      return fail(`${splits.join('; ')}: supported by an approved BID; a second supervisor must approve the split`, { secondApprover: 'supervisor' });
    },
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


import type { NationalityContext, ParentLine, Resolve } from '../nationality/model.ts';
import type { RepatriationContext } from '../repatriation/model.ts';
import { data, fail, pass, subjectIsChild, workflowOf } from './facts.ts';
import type { CaseView, Finding, Rule, RuleContext } from './types.ts';
import { rule } from './rule.ts';

/** Nationality and statelessness (RULES.md §4.8). */

/** Grounds on which a State denies that the person is its national. */
export const NATIONALITY_DENIALS: readonly string[] = ['not_a_national', 'nationality_deprived'];

const PENDING_STATES = new Set(['verification_requested', 'disputed', 'statelessness_referral']);

export interface NationalityStanding {
  /** The nationality workflow's state (`unverified` when the case has none). */
  readonly state: string;
  /** States whose nationality is verified (confirmed in the workflow, or verified in the case file) and not disputed since. */
  readonly verified: string[];
  /** States that dispute or deny the person's nationality. */
  readonly disputed: string[];
  /** A determination is open: requested, disputed, referred, or nothing verified yet (KP-NAT-04). */
  readonly pending: boolean;
  readonly statelessProtected: boolean;
}

export function nationalityStanding(c: CaseView): NationalityStanding {
  const w = workflowOf(c, 'nationality');
  const ctx = w?.context as Partial<NationalityContext> | undefined;
  const wfVerified = new Set((ctx?.verified ?? []).map((v) => v.state));
  const wfDisputed = new Set((ctx?.disputed ?? []).map((v) => v.state));
  const facts = c.facts.person.nationalities;
  const verified = new Set([...wfVerified, ...facts.filter((n) => n.status === 'verified').map((n) => n.state)].filter((s) => !wfDisputed.has(s)));
  const disputed = new Set([...wfDisputed, ...facts.filter((n) => n.status === 'disputed').map((n) => n.state)].filter((s) => !wfVerified.has(s)));
  const state = w?.state ?? 'unverified';
  return {
    state,
    verified: [...verified].sort(),
    disputed: [...disputed].sort(),
    pending: PENDING_STATES.has(state) || (state === 'unverified' && verified.size === 0),
    statelessProtected: state === 'stateless_protected',
  };
}

/** Every State a person's nationality is claimed, verified or being checked with: the States a child's parental line leads to. */
export function nationalityStates(c: CaseView): string[] {
  const ctx = workflowOf(c, 'nationality')?.context as Partial<NationalityContext> | undefined;
  return [
    ...new Set([
      ...c.facts.person.nationalities.map((n) => n.state),
      ...(ctx?.verified ?? []).map((v) => v.state),
      ...(ctx?.requested ?? []).map((v) => v.state),
    ]),
  ].sort();
}

/** The destination State agreed, through consular contact, to admit the person. */
export function admissionAgreed(plan: Partial<RepatriationContext> | undefined, destination: string | null | undefined): boolean {
  return !!destination && (plan?.consularContacts ?? []).some((c) => c.state === destination && c.admissionAgreed === true);
}

export function dnaSafeguardGaps(d: Readonly<Record<string, unknown>>): string[] {
  if (d['basis'] !== 'dna') return [];
  const s = (d['dnaSafeguards'] ?? {}) as Partial<Record<'informedConsent' | 'purposeLimited' | 'dataProtected', boolean>>;
  const gaps: string[] = [];
  if (s.informedConsent !== true) gaps.push('informed consent');
  if (s.purposeLimited !== true) gaps.push('purpose limitation');
  if (s.dataProtected !== true) gaps.push('data-protection safeguards');
  return gaps;
}

const NO_DOCUMENTS = /\bno[ _-]documents?\b|\bundocumented\b|\black of (identity )?documents?\b/i;

/** A cancellation or refusal grounded on the lack of documents (KP-NAT-03). */
export const isNoDocumentsGround = (d: Readonly<Record<string, unknown>>): boolean =>
  d['ground'] === 'no_documents' || (typeof d['reason'] === 'string' && NO_DOCUMENTS.test(d['reason']));

const concludesNoNationality = (ctx: RuleContext): boolean => {
  const outcome = data(ctx)['outcome'];
  return ctx.command.type === 'RESOLVE' && (outcome === 'stateless_protected' || outcome === 'no_nationality');
};

function parentalLineGaps(ctx: RuleContext, lines: Extract<Resolve, { outcome: 'stateless_protected' }>['parentalLinesChecked']): string[] {
  if (!lines) return ['the mother\'s and the father\'s lines must both be recorded as checked'];
  const gaps: string[] = [];
  const byLine: Record<'mother' | 'father', ParentLine> = { mother: lines.mother, father: lines.father };
  for (const parent of ['mother', 'father'] as const) {
    const line = byLine[parent];
    if (line.status === 'checked' && line.statesChecked.length === 0) gaps.push(`the ${parent}'s line names no State checked`);
    for (const m of ctx.family.filter((f) => f.relation === parent)) {
      if (line.status === 'parent_unknown') {
        gaps.push(`the ${parent} is known (case ${m.reference}) but the ${parent}'s line is recorded as unknown`);
        continue;
      }
      const unchecked = nationalityStates(m).filter((s) => !line.statesChecked.includes(s));
      if (unchecked.length) gaps.push(`the ${parent}'s State(s) ${unchecked.join(', ')} were not checked`);
    }
  }
  const checkedEither = new Set([...lines.mother.statesChecked, ...lines.father.statesChecked]);
  for (const m of ctx.family.filter((f) => f.relation === 'parent')) {
    const unchecked = nationalityStates(m).filter((s) => !checkedEither.has(s));
    if (unchecked.length) gaps.push(`a parent's State(s) ${unchecked.join(', ')} were not checked (case ${m.reference})`);
  }
  return gaps;
}

function refusalLeavesStateless(ctx: RuleContext): Finding {
  if (!NATIONALITY_DENIALS.includes(String(data(ctx)['ground']))) return pass('the refusal does not deny the person\'s nationality');
  const destination = (ctx.workflow.context as Partial<RepatriationContext>).destination ?? null;
  const standing = nationalityStanding(ctx.subject);
  const others = standing.verified.filter((s) => s !== destination);
  if (others.length) return pass(`the person keeps the nationality of ${others.join(', ')}`);
  if (standing.statelessProtected) return pass('the person is protected as stateless');
  return fail(`${destination ?? 'the State'} denies the person's nationality and no other nationality is verified: accepting the refusal would leave the person stateless; refer for statelessness determination first`);
}

export const nationalityRules: readonly Rule[] = [
  rule({
    id: 'KP-NAT-01',
    principles: ['F.statelessness', 'B.general.nationality'],
    summary: 'Block any action or recommendation (deprivation, refusal to register or document, renunciation, refusal to accept) whose analysis shows the person would become or remain stateless.',
    severity: 'block',
    guards: ['nationality.RESOLVE', 'repatriation.RECORD_STATE_REFUSAL', 'repatriation.APPROVE_RETURN'],
    previewable: false,
    check(ctx) {
      const d = data(ctx);
      switch (ctx.command.type) {
        case 'RESOLVE':
          if (d['outcome'] === 'no_nationality') return fail('concluding "no nationality" without statelessness protection leaves the person stateless');
          if (d['outcome'] === 'stateless_protected' && !(Array.isArray(d['protection']) && d['protection'].length > 0)) {
            return fail('a stateless outcome must record the protection given (statelessness determination, residence, documents, naturalisation ...)');
          }
          return pass('the outcome leaves the person with a nationality or with statelessness protection');
        case 'RECORD_STATE_REFUSAL':
          return refusalLeavesStateless(ctx);
        case 'APPROVE_RETURN': {
          const destination = (ctx.workflow.context as Partial<RepatriationContext>).destination ?? null;
          const standing = nationalityStanding(ctx.subject);
          if (destination && standing.verified.includes(destination)) return pass(`the person is a verified national of ${destination}`);
          if (standing.verified.length) return pass(`the person keeps the nationality of ${standing.verified.join(', ')}`);
          if (standing.statelessProtected && admissionAgreed(ctx.workflow.context as Partial<RepatriationContext>, destination)) {
            return pass(`the person is protected as stateless and ${destination ?? '?'} agreed to admit them`);
          }
          return fail(`no nationality is verified: the return to ${destination ?? 'an unspecified State'} would leave the person stateless`);
        }
        default:
          return pass('no nationality consequence on this command');
      }
    },
  }),
  rule({
    id: 'KP-NAT-02',
    principles: ['B.general.nationality'],
    summary: 'For a child, check both parents\' nationality laws (the mother\'s line counts equally) and the 1961 Convention safeguards before concluding "no nationality".',
    severity: 'block',
    guards: ['nationality.RESOLVE'],
    previewable: false,
    check(ctx) {
      if (!concludesNoNationality(ctx)) return pass('no "no nationality" conclusion');
      if (!subjectIsChild(ctx)) return pass('the person is not a child');
      const d = data(ctx) as Partial<Extract<Resolve, { outcome: 'stateless_protected' }>>;
      const gaps = parentalLineGaps(ctx, d.parentalLinesChecked);
      const unknownParent = d.parentalLinesChecked && (d.parentalLinesChecked.mother.status === 'parent_unknown' || d.parentalLinesChecked.father.status === 'parent_unknown');
      const required = ['art1_born_in_territory', 'art4_born_abroad_to_national', ...(unknownParent ? ['art2_foundling'] : [])];
      const checked: readonly string[] = d.safeguardsChecked ?? [];
      const missing = required.filter((s) => !checked.includes(s));
      if (missing.length) gaps.push(`1961 Convention safeguards not checked: ${missing.join(', ')}`);
      return gaps.length ? fail(gaps.join('; ')) : pass('both parental lines and the 1961 safeguards were checked');
    },
  }),
  rule({
    id: 'KP-NAT-03',
    principles: ['B.general.nationality', 'A.documentation'],
    summary: 'Every child gets a birth-registration/identity task; a lack of documents never makes a person ineligible; alternative evidence is accepted (DNA only with consent, purpose limitation and safeguards).',
    severity: 'block',
    guards: ['nationality.RECORD_REGISTRATION', 'repatriation.RECORD_STATE_REFUSAL', 'repatriation.ISSUE_DOCUMENTS', 'repatriation.CANCEL'],
    previewable: false,
    check(ctx) {
      const d = data(ctx);
      if (['CANCEL', 'RECORD_STATE_REFUSAL'].includes(ctx.command.type) && isNoDocumentsGround(d)) {
        return fail('a lack of documents never makes a person ineligible for assessment or return: pursue alternative evidence (testimony, consular records)');
      }
      const gaps = dnaSafeguardGaps(d);
      if (gaps.length) return fail(`DNA evidence without ${gaps.join(', ')}`);
      return pass('no documentary bar; alternative evidence accepted');
    },
  }),
  rule({
    id: 'KP-NAT-04',
    principles: ['B.general.nationality'],
    summary: 'While nationality or statelessness determination is pending, keep the person protected: no removal to an unspecified or unwilling State; services continue.',
    severity: 'block',
    guards: ['repatriation.PLAN', 'repatriation.APPROVE_RETURN'],
    check(ctx) {
      const standing = nationalityStanding(ctx.subject);
      if (ctx.command.type === 'PLAN') {
        const destination = data(ctx)['destination'];
        if (ctx.preview || typeof destination !== 'string') return pass('decided on the plan\'s destination');
        if (standing.disputed.includes(destination)) return fail(`${destination} disputes the person's nationality: no plan of removal to an unwilling State`);
        return pass('planning may proceed while nationality is determined; removal is checked at approval');
      }
      if (ctx.command.type === 'APPROVE_RETURN') {
        const plan = ctx.workflow.context as Partial<RepatriationContext>;
        const destination = plan.destination ?? null;
        if (!destination) return fail('no removal to an unspecified State');
        if (standing.verified.includes(destination)) return pass(`the nationality of ${destination} is verified`);
        if (standing.disputed.includes(destination)) return fail(`${destination} disputes the person's nationality: no removal to an unwilling State`);
        if (standing.pending) return fail(`the nationality determination is pending (${standing.state}): no removal until it is concluded`);
        if (admissionAgreed(plan, destination)) return pass(`${destination} agreed to admit the person`);
        return fail(`${destination} is neither a verified State of nationality nor has it agreed to admit the person`);
      }
      return pass('no removal on this command');
    },
  }),
];

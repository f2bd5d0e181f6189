import type { NationalityContext, ParentLine, Resolve } from '../nationality/model.ts';
import type { RepatriationContext } from '../repatriation/model.ts';
import { data, fail, pass, subjectIsChild, workflowOf } from './facts.ts';
import type { CaseView, Finding, Rule, RuleContext } from './types.ts';
import { rule, type Check } from './rule.ts';
import { say } from './nationality.messages.ts';
import { say as common, type Message } from './messages.ts';

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

/** The DNA safeguards left out (by their `dnaSafeguards` field), when the basis is DNA evidence (KP-NAT-03). */
export function dnaSafeguardGaps(d: Readonly<Record<string, unknown>>): string[] {
  if (d['basis'] !== 'dna') return [];
  const s = (d['dnaSafeguards'] ?? {}) as Partial<Record<'informedConsent' | 'purposeLimited' | 'dataProtected', boolean>>;
  return (['informedConsent', 'purposeLimited', 'dataProtected'] as const).filter((k) => s[k] !== true);
}

const NO_DOCUMENTS = /\bno[ _-]documents?\b|\bundocumented\b|\black of (identity )?documents?\b/i;

/** A cancellation or refusal grounded on the lack of documents (KP-NAT-03). */
export const isNoDocumentsGround = (d: Readonly<Record<string, unknown>>): boolean =>
  d['ground'] === 'no_documents' || (typeof d['reason'] === 'string' && NO_DOCUMENTS.test(d['reason']));

const concludesNoNationality = (ctx: RuleContext): boolean => {
  const outcome = data(ctx)['outcome'];
  return ctx.command.type === 'RESOLVE' && (outcome === 'stateless_protected' || outcome === 'no_nationality');
};

const PARENT_MESSAGES = {
  mother: { noState: say('KP-NAT-02.mother_no_state'), known: (c: string) => say('KP-NAT-02.mother_known', { case: c }), unchecked: (states: string[]) => say('KP-NAT-02.mother_unchecked', { states }) },
  father: { noState: say('KP-NAT-02.father_no_state'), known: (c: string) => say('KP-NAT-02.father_known', { case: c }), unchecked: (states: string[]) => say('KP-NAT-02.father_unchecked', { states }) },
} as const;

function parentalLineGaps(ctx: RuleContext, lines: Extract<Resolve, { outcome: 'stateless_protected' }>['parentalLinesChecked']): Message[] {
  if (!lines) return [say('KP-NAT-02.lines_not_recorded')];
  const gaps: Message[] = [];
  const byLine: Record<'mother' | 'father', ParentLine> = { mother: lines.mother, father: lines.father };
  for (const parent of ['mother', 'father'] as const) {
    const line = byLine[parent];
    const said = PARENT_MESSAGES[parent];
    if (line.status === 'checked' && line.statesChecked.length === 0) gaps.push(said.noState);
    for (const m of ctx.family.filter((f) => f.relation === parent)) {
      if (line.status === 'parent_unknown') {
        gaps.push(said.known(m.reference));
        continue;
      }
      const unchecked = nationalityStates(m).filter((s) => !line.statesChecked.includes(s));
      if (unchecked.length) gaps.push(said.unchecked(unchecked));
    }
  }
  const checkedEither = new Set([...lines.mother.statesChecked, ...lines.father.statesChecked]);
  for (const m of ctx.family.filter((f) => f.relation === 'parent')) {
    const unchecked = nationalityStates(m).filter((s) => !checkedEither.has(s));
    if (unchecked.length) gaps.push(say('KP-NAT-02.parent_unchecked', { states: unchecked, case: m.reference }));
  }
  return gaps;
}

const STANDING_FACTS = ['nationality.state', 'nationality.verified', 'nationality.disputed', 'person.nationalities'];

const destinationOf = (ctx: RuleContext): string | null => (ctx.workflow.context as Partial<RepatriationContext>).destination ?? null;

const refusalLeavesStateless: Check = (ctx) => {
  const facts = ['command.ground', 'repatriation.destination', ...STANDING_FACTS];
  if (!NATIONALITY_DENIALS.includes(String(data(ctx)['ground']))) return pass(say('KP-NAT-01.not_a_denial'), { facts });
  const destination = destinationOf(ctx);
  const standing = nationalityStanding(ctx.subject);
  const others = standing.verified.filter((s) => s !== destination);
  if (others.length) return pass(say('KP-NAT-01.keeps_nationality', { states: others }), { facts });
  if (standing.statelessProtected) return pass(say('KP-NAT-01.stateless_protected'), { facts });
  const message = destination ? say('KP-NAT-01.refusal_leaves_stateless', { destination }) : say('KP-NAT-01.refusal_leaves_stateless_unnamed');
  return fail(message, { facts, toAllow: [say('KP-NAT-01.allow_statelessness_referral')] });
};

const returnLeavesStateless: Check = (ctx) => {
  const facts = ['repatriation.destination', 'repatriation.consularContacts', ...STANDING_FACTS];
  const destination = destinationOf(ctx);
  const standing = nationalityStanding(ctx.subject);
  if (destination && standing.verified.includes(destination)) return pass(say('KP-NAT-01.verified_national', { destination }), { facts });
  if (standing.verified.length) return pass(say('KP-NAT-01.keeps_nationality', { states: standing.verified }), { facts });
  if (destination && standing.statelessProtected && admissionAgreed(ctx.workflow.context as Partial<RepatriationContext>, destination)) {
    return pass(say('KP-NAT-01.protected_admitted', { destination }), { facts });
  }
  const message = destination ? say('KP-NAT-01.return_leaves_stateless', { destination }) : say('KP-NAT-01.return_leaves_stateless_unnamed');
  return fail(message, { facts, toAllow: [say('KP-NAT-01.allow_nationality_or_admission')] });
};

/** The DNA safeguards (KP-NAT-03), on every command that may carry DNA evidence. */
const dnaSafeguarded: Check = (ctx) => {
  const facts = ['command.basis', 'command.dnaSafeguards'];
  const missing = dnaSafeguardGaps(data(ctx));
  if (missing.length) return fail(say('KP-NAT-03.dna_without', { missing }), { facts, toAllow: [say('KP-NAT-03.allow_dna_safeguards')] });
  return pass(say('KP-NAT-03.no_bar'), { facts });
};

/** A cancellation or refusal never rests on the lack of documents (KP-NAT-03), then the DNA safeguards. */
const notForLackOfDocuments: Check = (ctx) => {
  if (isNoDocumentsGround(data(ctx))) {
    return fail(say('KP-NAT-03.no_documents'), { facts: ['command.ground', 'command.reason'], toAllow: [say('KP-NAT-03.allow_alternative_evidence')] });
  }
  const finding = dnaSafeguarded(ctx);
  return { ...finding, facts: ['command.ground', 'command.reason', ...(finding.facts ?? [])] };
};

const NAT04_FACTS = ['repatriation.destination', 'repatriation.consularContacts', ...STANDING_FACTS];

export const nationalityRules: readonly Rule[] = [
  rule({
    id: 'KP-NAT-01',
    principles: ['F.statelessness', 'B.general.nationality'],
    summary: 'Block any action or recommendation (deprivation, refusal to register or document, renunciation, refusal to accept) whose analysis shows the person would become or remain stateless.',
    severity: 'block',
    previewable: false,
  })
    .on('nationality.RESOLVE', (ctx) => {
      const d = data(ctx);
      const facts = ['command.outcome', 'command.protection'];
      if (d['outcome'] === 'no_nationality') return fail(say('KP-NAT-01.no_nationality'), { facts, toAllow: [say('KP-NAT-01.allow_protection')] });
      if (d['outcome'] === 'stateless_protected' && !(Array.isArray(d['protection']) && d['protection'].length > 0)) {
        return fail(say('KP-NAT-01.no_protection'), { facts, toAllow: [say('KP-NAT-01.allow_protection')] });
      }
      return pass(say('KP-NAT-01.resolved'), { facts });
    })
    .on('repatriation.RECORD_STATE_REFUSAL', refusalLeavesStateless)
    .on('repatriation.APPROVE_RETURN', returnLeavesStateless),
  rule({
    id: 'KP-NAT-02',
    principles: ['B.general.nationality'],
    summary: 'For a child, check both parents\' nationality laws (the mother\'s line counts equally) and the 1961 Convention safeguards before concluding "no nationality".',
    severity: 'block',
    guards: ['nationality.RESOLVE'],
    previewable: false,
    check(ctx) {
      const facts = ['command.outcome', 'command.parentalLinesChecked', 'command.safeguardsChecked', 'person.dateOfBirth', 'family.relation', 'family.nationalities'];
      if (!concludesNoNationality(ctx)) return pass(say('KP-NAT-02.no_conclusion'), { facts });
      if (!subjectIsChild(ctx)) return pass(common('not_a_child'), { facts });
      const d = data(ctx) as Partial<Extract<Resolve, { outcome: 'stateless_protected' }>>;
      const gaps = parentalLineGaps(ctx, d.parentalLinesChecked);
      const unknownParent = d.parentalLinesChecked && (d.parentalLinesChecked.mother.status === 'parent_unknown' || d.parentalLinesChecked.father.status === 'parent_unknown');
      const required = ['art1_born_in_territory', 'art4_born_abroad_to_national', ...(unknownParent ? ['art2_foundling'] : [])];
      const checked: readonly string[] = d.safeguardsChecked ?? [];
      const missing = required.filter((s) => !checked.includes(s));
      if (missing.length) gaps.push(say('KP-NAT-02.safeguards_unchecked', { missing }));
      const [first, ...rest] = gaps;
      return first ? fail([first, ...rest], { facts, toAllow: [say('KP-NAT-02.allow_lines', { required })] }) : pass(say('KP-NAT-02.checked'), { facts });
    },
  }),
  rule({
    id: 'KP-NAT-03',
    principles: ['B.general.nationality', 'A.documentation'],
    summary: 'Every child gets a birth-registration/identity task; a lack of documents never makes a person ineligible; alternative evidence is accepted (DNA only with consent, purpose limitation and safeguards).',
    severity: 'block',
    previewable: false,
  })
    .on('nationality.RECORD_REGISTRATION', dnaSafeguarded)
    .on('repatriation.RECORD_STATE_REFUSAL', notForLackOfDocuments)
    .on('repatriation.ISSUE_DOCUMENTS', dnaSafeguarded)
    .on('repatriation.CANCEL', notForLackOfDocuments),
  rule({
    id: 'KP-NAT-04',
    principles: ['B.general.nationality'],
    summary: 'While nationality or statelessness determination is pending, keep the person protected: no removal to an unspecified or unwilling State; services continue.',
    severity: 'block',
  })
    .on('repatriation.PLAN', (ctx) => {
      const facts = ['command.destination', ...STANDING_FACTS];
      const destination = data(ctx)['destination'];
      if (ctx.preview || typeof destination !== 'string') return pass(say('KP-NAT-04.on_destination'), { facts });
      if (nationalityStanding(ctx.subject).disputed.includes(destination)) {
        return fail(say('KP-NAT-04.disputed_plan', { destination }), { facts, toAllow: [say('KP-NAT-04.allow_willing_destination')] });
      }
      return pass(say('KP-NAT-04.planning'), { facts });
    })
    .on('repatriation.APPROVE_RETURN', (ctx) => {
      const facts = NAT04_FACTS;
      const standing = nationalityStanding(ctx.subject);
      const plan = ctx.workflow.context as Partial<RepatriationContext>;
      const destination = plan.destination ?? null;
      if (!destination) return fail(say('KP-NAT-04.no_destination'), { facts, toAllow: [say('KP-NAT-04.allow_destination')] });
      if (standing.verified.includes(destination)) return pass(say('KP-NAT-04.verified', { destination }), { facts });
      if (standing.disputed.includes(destination)) return fail(say('KP-NAT-04.disputed', { destination }), { facts, toAllow: [say('KP-NAT-04.allow_willing_destination')] });
      if (standing.pending) return fail(say('KP-NAT-04.pending', { state: standing.state }), { facts, toAllow: [say('KP-NAT-04.allow_determination')] });
      if (admissionAgreed(plan, destination)) return pass(say('KP-NAT-04.admitted', { destination }), { facts });
      return fail(say('KP-NAT-04.not_admitted', { destination }), { facts, toAllow: [say('KP-NAT-04.allow_admission', { destination })] });
    }),
];

import { MEDICAL_AGE_METHODS } from '../age.ts';
import type { RecordAge } from '../age_assessment/model.ts';
import { data, fail, pass } from './facts.ts';
import { say } from './age.messages.ts';
import type { Rule } from './types.ts';
import { rule } from './rule.ts';

/** Age and the minimum age of criminal responsibility (RULES.md §4.5). */

export const ageRules: Rule[] = [
  rule({
    id: 'KP-AGE-04',
    principles: ['B.prosecution.juvenile-justice', 'B.general.children-victims'],
    summary: 'When age is unknown or disputed, assess it holistically into a range with method and confidence; never rely on a single medical method; treat the person as a child whenever the range allows.',
    severity: 'block',
    previewable: false,
  }).on('age_assessment.RECORD_AGE', (ctx) => {
    const d = data(ctx) as RecordAge;
    const methods = [...new Set(d.methods)];
    const facts = ['command.methods', 'command.assessors'];
    if (methods.length < 2) return fail(say('KP-AGE-04.single_method', { methods }), { facts, toAllow: [say('KP-AGE-04.allow_methods')] });
    if (methods.every((m) => MEDICAL_AGE_METHODS.has(m))) return fail(say('KP-AGE-04.medical_only'), { facts, toAllow: [say('KP-AGE-04.allow_methods')] });
    const known = d.assessors.map((a) => a.discipline?.trim().toLowerCase()).filter((x): x is string => !!x && x !== 'unknown');
    const unrecorded = d.assessors.length - known.length;
    if (new Set(known).size < 2) {
      return fail(unrecorded ? say('KP-AGE-04.one_discipline_unrecorded', { unrecorded }) : say('KP-AGE-04.one_discipline'), { facts, toAllow: [say('KP-AGE-04.allow_disciplines')] });
    }
    return pass(say('KP-AGE-04.holistic'), { facts });
  }),
];

// ---------------------------------------------------------------------------------------------
// KP-AGE-01..03: age at the alleged act and the MACR (legal and detention workflows).

import { youngestAgeAtAct, type DateRange } from '../age.ts';
import { complianceFlags, inForce, MACR_GC24_RECOMMENDED, MACR_KP_FLOOR, type Jurisdiction } from '../jurisdictions.ts';
import type { Message } from './messages.ts';
import type { Charge, ChargeData } from '../legal/model.ts';
import { effectiveDateOfBirth, recordsAnotherAuthoritysAct, workflowOf } from './facts.ts';
import type { CaseView, Finding, RuleContext } from './types.ts';

/** The youngest plausible age at an alleged act: latest plausible birth date, earliest plausible act date. */
export const ageAtAct = (subject: CaseView, act: DateRange): number => youngestAgeAtAct(effectiveDateOfBirth(subject), act);

/** The act may have been committed under 18: child-justice protections apply, whatever the age now. */
export const chargeIsChildAct = (subject: CaseView, charge: Pick<Charge, 'allegedActDate'>): boolean => ageAtAct(subject, charge.allegedActDate) < 18;

export interface ApplicableLaw {
  /** The version in force at the earliest plausible act date (KP-SYS-02). */
  readonly atAct: Jurisdiction;
  /** The most favourable version between the act and now (lex mitior): the highest MACR. */
  readonly applied: Jurisdiction;
  readonly macr: number;
  /** Every version from the act to now: a penalty is possible only if every one of them allows it. */
  readonly candidates: readonly Jurisdiction[];
}

/**
 * The law that applies to an act (KP-SYS-02): the version in force at the earliest plausible act
 * date, or a later version up to `at` when it is more favourable to the person (higher MACR).
 * Undefined when no version covers the act date — rules then refuse rather than guess.
 */
export function applicableLaw(versions: readonly Jurisdiction[], code: string, act: DateRange, at: string): ApplicableLaw | undefined {
  const atAct = inForce(versions, code, act.earliest);
  if (!atAct) return undefined;
  const today = at.slice(0, 10);
  const later = versions.filter((v) => v.code === code && v.validFrom > atAct.validFrom && v.validFrom <= today);
  const candidates = [atAct, ...later];
  const applied = candidates.reduce((best, v) => (v.macrGeneral > best.macrGeneral ? v : best), atAct);
  return { atAct, applied, macr: applied.macrGeneral, candidates };
}

/** The applicable MACR with the policy's internal hard floor (settings.macrHardFloor). */
export const effectiveMacr = (law: ApplicableLaw, ctx: RuleContext): number => Math.max(law.macr, ctx.settings.macrHardFloor ?? 0);

export interface ChargesInPlay {
  readonly charges: readonly Charge[];
  readonly jurisdiction: string | null;
  readonly forum: string | null;
}

/** The charges a command concerns: the CHARGE command's own data, else the charges recorded on the legal workflow. */
export function chargesInPlay(ctx: RuleContext): ChargesInPlay {
  const d = ctx.command.data as Partial<ChargeData>;
  if (Array.isArray(d.charges)) return { charges: d.charges, jurisdiction: d.jurisdiction ?? null, forum: d.forum ?? null };
  const legal = ctx.command.workflow === 'legal' ? ctx.workflow : workflowOf(ctx.subject, 'legal');
  const cx = legal?.context as { charges?: Charge[]; jurisdiction?: string | null; forum?: string | null } | undefined;
  return { charges: cx?.charges ?? [], jurisdiction: cx?.jurisdiction ?? null, forum: cx?.forum ?? null };
}

const PROSECUTION_BASES = new Set(['pretrial', 'sentence']);

/**
 * Detention whose legal basis is a prosecution (pre-trial) or a sentence: criminal detention. A move
 * while detained (RECORD_DETENTION from `detained`) keeps the current detention's basis.
 */
export function isCriminalDetention(ctx: RuleContext): boolean {
  const current = recordsAnotherAuthoritysAct(ctx) && ctx.workflow.state === 'detained' ? (ctx.workflow.context['current'] as { legalBasis?: { kind?: unknown } } | null | undefined) : undefined;
  const basis = (current?.legalBasis ?? ctx.command.data['legalBasis']) as { kind?: unknown } | undefined;
  return typeof basis?.kind === 'string' && PROSECUTION_BASES.has(basis.kind);
}

/** What the MACR check reads: the charges, the jurisdiction data and the date of birth (or the confirmed age assessment). */
const MACR_FACTS = ['legal.charges', 'legal.jurisdiction', 'person.dateOfBirth', 'age_assessment.state'];

function macrFinding(ctx: RuleContext, { charges, jurisdiction }: ChargesInPlay): Finding {
  const facts = MACR_FACTS;
  if (charges.length === 0) return fail(say('KP-AGE-02.no_charge'), { facts, toAllow: [say('KP-AGE-02.allow_charge')] });
  if (!jurisdiction) return fail(say('KP-AGE-02.no_jurisdiction'), { facts, toAllow: [say('KP-AGE-02.allow_charge')] });
  const below: Message[] = [];
  const flags = new Map<string, Message>();
  for (const [i, ch] of charges.entries()) {
    const law = applicableLaw(ctx.jurisdictions, jurisdiction, ch.allegedActDate, ctx.at);
    if (!law) return fail(say('KP-AGE-02.no_law_version', { jurisdiction, date: ch.allegedActDate.earliest }), { facts });
    const macr = effectiveMacr(law, ctx);
    const age = ageAtAct(ctx.subject, ch.allegedActDate);
    const at = { charge: i + 1, category: ch.category, age, macr, jurisdiction: law.applied.code, version: law.applied.validFrom };
    if (age < macr) below.push(macr > law.macr ? say('KP-AGE-02.below_floor', { ...at, lawMacr: law.macr }) : say('KP-AGE-02.below_macr', at));
    for (const f of complianceFlags(law.applied)) {
      if (f.code === 'below_kp_floor') flags.set(`${law.applied.code}:${f.code}`, say('KP-AGE-02.flag_below_kp_floor', { jurisdiction: law.applied.code, macr: law.applied.macrGeneral, floor: MACR_KP_FLOOR }));
      if (f.code === 'below_gc24') flags.set(`${law.applied.code}:${f.code}`, say('KP-AGE-02.flag_below_gc24', { jurisdiction: law.applied.code, macr: law.applied.macrGeneral, floor: MACR_GC24_RECOMMENDED }));
    }
  }
  const [first, ...rest] = below;
  if (first) return fail([first, ...rest, say('KP-AGE-02.route_to_protection')], { facts, toAllow: [say('KP-AGE-02.allow_child_protection')] });
  const [flag, ...more] = flags.values();
  if (flag) return fail([flag, ...more], { severity: 'warn', facts });
  return pass(say('KP-AGE-02.macr_met'), { facts });
}

ageRules.unshift(
  rule({
    id: 'KP-AGE-01',
    principles: ['B.prosecution.juvenile-justice'],
    summary: 'Compute criminal-responsibility status from the age at the time of the alleged act (DOB range and act-date range), never from current age; child-justice protections continue after 18 for acts under 18.',
    severity: 'block',
    previewable: false,
  }).on('legal.CHARGE', (ctx) => {
    const { charges, forum } = chargesInPlay(ctx);
    const facts = ['command.charges', 'command.forum', 'person.dateOfBirth', 'age_assessment.state'];
    if (charges.length === 0) return fail(say('KP-AGE-01.no_charges'), { facts, toAllow: [say('KP-AGE-01.allow_dates')] });
    const today = ctx.at.slice(0, 10);
    const problems: Message[] = [];
    for (const [i, ch] of charges.entries()) {
      const act = ch.allegedActDate;
      if (act.earliest > act.latest) problems.push(say('KP-AGE-01.inverted', { charge: i + 1, earliest: act.earliest, latest: act.latest }));
      if (act.earliest > today) problems.push(say('KP-AGE-01.future', { charge: i + 1, earliest: act.earliest }));
    }
    const [first, ...rest] = problems;
    if (first) return fail([first, ...rest], { facts, toAllow: [say('KP-AGE-01.allow_dates')] });
    const childActs = charges.map((ch, i) => ({ ch, n: i + 1 })).filter(({ ch }) => chargeIsChildAct(ctx.subject, ch));
    if (childActs.length && forum !== 'juvenile') {
      const age = Math.min(...childActs.map(({ ch }) => ageAtAct(ctx.subject, ch.allegedActDate)));
      return fail(say('KP-AGE-01.child_act_adult_forum', { charges: childActs.map(({ n }) => n), age }), { facts, toAllow: [say('KP-AGE-04.allow_juvenile')] });
    }
    return pass(childActs.length ? say('KP-AGE-01.child_acts_juvenile') : say('KP-AGE-01.adult_acts'), { facts });
  }),
  rule({
    id: 'KP-AGE-02',
    principles: ['B.prosecution.juvenile-justice', 'B.prosecution.children-presumption'],
    summary: "Refuse prosecution or criminal detention when the youngest plausible age at the alleged act is below the jurisdiction's general MACR (or the policy floor); flag jurisdictions below 14 and 12.",
    severity: 'block',
    previewable: false,
  })
    .on('legal.CHARGE', (ctx) => macrFinding(ctx, chargesInPlay(ctx)))
    .on(['detention.DETAIN', 'detention.RECORD_DETENTION'], (ctx) => {
      if (!isCriminalDetention(ctx)) return pass(say('KP-AGE-02.not_criminal'), { facts: ['command.legalBasis', 'detention.state'] });
      const finding = macrFinding(ctx, chargesInPlay(ctx));
      // Another authority's criminal detention, recorded as it is: flagged (WARN) and escalated by the detention tasks.
      if (!finding.ok && finding.message && recordsAnotherAuthoritysAct(ctx)) {
        return fail([say('KP-AGE-02.another_authority'), finding.message, ...(finding.more ?? [])], { severity: 'warn', facts: [...(finding.facts ?? []), 'detention.state'] });
      }
      return finding;
    }),
  rule({
    id: 'KP-AGE-03',
    principles: ['B.prosecution.juvenile-courts', 'B.prosecution.juvenile-justice'],
    summary: 'Never apply an offence-specific lower MACR for terrorism or national-security offences: the general MACR applies and the jurisdiction is flagged.',
    severity: 'block',
    previewable: false,
  }).on('legal.CHARGE', (ctx) => {
    const { charges, jurisdiction } = chargesInPlay(ctx);
    const facts = MACR_FACTS;
    if (!jurisdiction) return pass(say('KP-AGE-03.no_jurisdiction'), { facts });
    const decisive: Message[] = [];
    const configured = new Map<string, { category: string; age: number }>();
    for (const [i, ch] of charges.entries()) {
      const law = applicableLaw(ctx.jurisdictions, jurisdiction, ch.allegedActDate, ctx.at);
      if (!law) continue;
      const macr = effectiveMacr(law, ctx);
      const age = ageAtAct(ctx.subject, ch.allegedActDate);
      for (const o of law.applied.macrOffenceSpecific) {
        if (o.age >= law.applied.macrGeneral) continue;
        configured.set(`${o.offenceCategory} at ${o.age}`, { category: o.offenceCategory, age: o.age });
        if (o.offenceCategory === ch.category && age >= o.age && age < macr) {
          decisive.push(say('KP-AGE-03.decisive', { charge: i + 1, category: ch.category, specificAge: o.age, age, macr }));
        }
      }
    }
    const [first, ...rest] = decisive;
    if (first) return fail([first, ...rest], { facts, toAllow: [say('KP-AGE-03.allow_general')] });
    if (configured.size) {
      const lower = [...configured.values()];
      return fail(say('KP-AGE-03.configured', { jurisdiction, categories: lower.map((l) => l.category), ages: lower.map((l) => l.age) }), { severity: 'warn', facts });
    }
    return pass(say('KP-AGE-03.none_configured'), { facts });
  }),
);

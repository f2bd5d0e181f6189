import { MEDICAL_AGE_METHODS } from '../age.ts';
import type { RecordAge } from '../age_assessment/model.ts';
import { data, fail, pass, subjectIsChild } from './facts.ts';
import type { Rule } from './types.ts';
import { rule } from './rule.ts';

/** Age and the minimum age of criminal responsibility (RULES.md §4.5). */

export const ageRules: Rule[] = [
  rule({
    id: 'KP-AGE-04',
    principles: ['B.prosecution.juvenile-justice', 'B.general.children-victims'],
    summary: 'When age is unknown or disputed, assess it holistically into a range with method and confidence; never rely on a single medical method; treat the person as a child whenever the range allows.',
    severity: 'block',
    guards: ['age_assessment.RECORD_AGE'],
    previewable: false,
    check(ctx) {
      if (ctx.command.workflow === 'age_assessment') {
        const d = data(ctx) as RecordAge;
        const methods = new Set(d.methods);
        if (methods.size < 2) return fail(`a single method (${[...methods].join(', ')}) cannot decide an age: a holistic, multidisciplinary assessment is required`);
        if ([...methods].every((m) => MEDICAL_AGE_METHODS.has(m))) return fail('medical methods alone cannot decide an age: include interview, documents or psychosocial evidence');
        const known = d.assessors.map((a) => a.discipline?.trim().toLowerCase()).filter((x): x is string => !!x && x !== 'unknown');
        const unknown = d.assessors.length - known.length;
        if (new Set(known).size < 2) {
          return fail(`the assessors must come from more than one discipline${unknown ? ` (the discipline of ${unknown} assessor(s) is not recorded)` : ''}`);
        }
        return pass('holistic assessment with several methods and disciplines');
      }
      // Adult-track moves while the range still allows a child (adult court, detention with adults).
      if (!subjectIsChild(ctx)) return pass('the youngest plausible age is 18 or over');
      const d = data(ctx);
      if (typeof d['forum'] === 'string' && d['forum'] !== 'juvenile') return fail('the age range allows a child: an adult, military or special forum is refused');
      if (d['separateFromAdults'] === false) return fail('the age range allows a child: detention with adults is refused');
      return pass('the person is treated as a child');
    },
  }),
];

// ---------------------------------------------------------------------------------------------
// KP-AGE-01..03: age at the alleged act and the MACR (legal and detention workflows).

import { youngestAgeAtAct, type DateRange } from '../age.ts';
import { complianceFlags, inForce, type Jurisdiction } from '../jurisdictions.ts';
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

function macrFinding(ctx: RuleContext, { charges, jurisdiction }: ChargesInPlay): Finding {
  if (charges.length === 0) return fail('no charge with an alleged act date is on record: the age at the act cannot be checked against the MACR');
  if (!jurisdiction) return fail('no jurisdiction is recorded: the applicable MACR cannot be determined');
  const below: string[] = [];
  const flags = new Set<string>();
  for (const ch of charges) {
    const law = applicableLaw(ctx.jurisdictions, jurisdiction, ch.allegedActDate, ctx.at);
    if (!law) return fail(`no ${jurisdiction} law version covers the alleged act date ${ch.allegedActDate.earliest}: the MACR cannot be determined`);
    const macr = effectiveMacr(law, ctx);
    const age = ageAtAct(ctx.subject, ch.allegedActDate);
    if (age < macr) below.push(`${ch.offence}: youngest plausible age at the act ${age} is below the MACR of ${macr}${macr > law.macr ? ' (policy floor)' : ''}`);
    for (const f of complianceFlags(law.applied)) if (f.code !== 'offence_specific_macr') flags.add(`${law.applied.code}: ${f.message}`);
  }
  if (below.length) return fail(`${below.join('; ')}: refuse the prosecution or criminal detention and route to child protection`);
  if (flags.size) return fail(`compliance flag: ${[...flags].join('; ')}`, { severity: 'warn' });
  return pass('the youngest plausible age at every alleged act is at or above the applicable MACR');
}

ageRules.unshift(
  rule({
    id: 'KP-AGE-01',
    principles: ['B.prosecution.juvenile-justice'],
    summary: 'Compute criminal-responsibility status from the age at the time of the alleged act (DOB range and act-date range), never from current age; child-justice protections continue after 18 for acts under 18.',
    severity: 'block',
    guards: ['legal.CHARGE'],
    previewable: false,
    check(ctx) {
      const { charges, forum } = chargesInPlay(ctx);
      if (charges.length === 0) return fail('a justice referral needs charges with an alleged act date range');
      const today = ctx.at.slice(0, 10);
      const problems: string[] = [];
      for (const ch of charges) {
        const act = ch.allegedActDate;
        if (act.earliest > act.latest) problems.push(`${ch.offence}: the act date range is inverted (${act.earliest} after ${act.latest})`);
        if (act.earliest > today) problems.push(`${ch.offence}: the alleged act date ${act.earliest} is in the future`);
      }
      if (problems.length) return fail(problems.join('; '));
      const childActs = charges.filter((ch) => chargeIsChildAct(ctx.subject, ch));
      if (childActs.length && forum !== 'juvenile') {
        return fail(`${childActs.map((ch) => ch.offence).join(', ')}: the act may have been committed under 18 (youngest plausible age ${Math.min(...childActs.map((ch) => ageAtAct(ctx.subject, ch.allegedActDate)))}): an adult, military or special forum is refused`);
      }
      return pass(childActs.length ? 'acts possibly committed under 18 stay in the juvenile forum' : 'every alleged act was committed at 18 or over');
    },
  }),
  rule({
    id: 'KP-AGE-02',
    principles: ['B.prosecution.juvenile-justice', 'B.prosecution.children-presumption'],
    summary: "Refuse prosecution or criminal detention when the youngest plausible age at the alleged act is below the jurisdiction's general MACR (or the policy floor); flag jurisdictions below 14 and 12.",
    severity: 'block',
    guards: ['legal.CHARGE', 'detention.DETAIN', 'detention.RECORD_DETENTION'],
    previewable: false,
    check(ctx) {
      if (ctx.command.workflow === 'detention' && !isCriminalDetention(ctx)) return pass('not a criminal detention');
      const finding = macrFinding(ctx, chargesInPlay(ctx));
      // Another authority's criminal detention, recorded as it is: flagged (WARN) and escalated by the detention tasks.
      if (!finding.ok && recordsAnotherAuthoritysAct(ctx)) return fail(`criminal detention by another authority, flagged and escalated: ${finding.reason}`, { severity: 'warn' });
      return finding;
    },
  }),
  rule({
    id: 'KP-AGE-03',
    principles: ['B.prosecution.juvenile-courts', 'B.prosecution.juvenile-justice'],
    summary: 'Never apply an offence-specific lower MACR for terrorism or national-security offences: the general MACR applies and the jurisdiction is flagged.',
    severity: 'block',
    guards: ['legal.CHARGE'],
    previewable: false,
    check(ctx) {
      const { charges, jurisdiction } = chargesInPlay(ctx);
      if (!jurisdiction) return pass('no jurisdiction named');
      const decisive: string[] = [];
      const configured = new Set<string>();
      for (const ch of charges) {
        const law = applicableLaw(ctx.jurisdictions, jurisdiction, ch.allegedActDate, ctx.at);
        if (!law) continue;
        const macr = effectiveMacr(law, ctx);
        const age = ageAtAct(ctx.subject, ch.allegedActDate);
        for (const o of law.applied.macrOffenceSpecific) {
          if (o.age >= law.applied.macrGeneral) continue;
          configured.add(`${o.offenceCategory} at ${o.age}`);
          if (o.offenceCategory === ch.category && age >= o.age && age < macr) {
            decisive.push(`${ch.offence}: only the prohibited offence-specific age of ${o.age} would make age ${age} responsible; the general MACR of ${macr} applies`);
          }
        }
      }
      if (decisive.length) return fail(decisive.join('; '));
      if (configured.size) return fail(`compliance flag: ${jurisdiction} sets a lower MACR for ${[...configured].join(', ')} (KP B-PR4); ignored, the general MACR applies`, { severity: 'warn' });
      return pass('no offence-specific lower MACR is configured');
    },
  }),
);

import { citedEvidenceIds } from './screening.ts';
import { evidenceByIds, fail, pass } from './facts.ts';
import type { Rule } from './types.ts';
import { rule } from './rule.ts';

/** Justice (RULES.md §4.6). */

export const justiceRules: Rule[] = [
  rule({
    id: 'KP-JUS-06',
    principles: ['B.prosecution.torture'],
    summary: 'Evidence with a torture or ill-treatment allegation is quarantined until investigated, and permanently inadmissible if confirmed.',
    severity: 'block',
    guards: ['screening.RECORD_ASSESSMENT', 'legal.OPEN_INVESTIGATION', 'legal.CHARGE', 'legal.REQUEST_WATCHLIST_ENTRY', 'detention.DETAIN'],
    previewable: false,
    check(ctx) {
      const { found } = evidenceByIds(ctx.subject, citedEvidenceIds(ctx));
      const confirmed = found.filter((e) => e.tortureAllegation === 'confirmed' || e.investigation === 'confirmed');
      const alleged = found.filter((e) => e.tortureAllegation === 'alleged' && e.investigation !== 'cleared' && e.investigation !== 'confirmed');
      if (confirmed.length) return fail(`evidence ${confirmed.map((e) => e.id).join(', ')} is tainted by confirmed torture and permanently inadmissible`);
      if (alleged.length) return fail(`evidence ${alleged.map((e) => e.id).join(', ')} carries a torture allegation and is quarantined until investigated`);
      return pass('no cited evidence is tainted by torture');
    },
  }),
];

// ---------------------------------------------------------------------------------------------
// KP-JUS-01..05 and KP-JUS-07: prosecution of children and women (legal workflow).

import type { ChargeData, LegalContext, RecordJudgment } from '../legal/model.ts';
import type { ScreeningContext } from '../screening/model.ts';
import { applicableLaw, chargeIsChildAct, chargesInPlay } from './age.ts';
import { data, hasJustification, subjectIsChild, workflowOf } from './facts.ts';
import type { Finding, Rule as JusticeRule, RuleContext } from './types.ts';

/** Some charge may concern an act committed under 18. */
const anyChildAct = (ctx: RuleContext): boolean => chargesInPlay(ctx).charges.some((ch) => chargeIsChildAct(ctx.subject, ch));

const legalContext = (ctx: RuleContext): Partial<LegalContext> => (ctx.command.workflow === 'legal' ? ctx.workflow.context : (workflowOf(ctx.subject, 'legal')?.context ?? {})) as Partial<LegalContext>;

/** The recorded fair-trial checklist items KP-JUS-05 reads (a charge's data, or the one recorded with it). */
export type FairTrialRecord = Partial<Pick<ChargeData, 'counsel' | 'informedOfCharges' | 'presumptionOfInnocence' | 'appropriateAdult'>> & {
  interpreter?: { needed?: boolean; provided: boolean; language?: string };
};

export interface FairTrialGaps {
  /** Guarantees recorded as not respected (explicitly `false`), and counsel not appointed: BLOCK. */
  readonly refused: string[];
  /** Guarantees simply not recorded: WARN, naming what is not recorded. */
  readonly unrecorded: string[];
}

/** The person needed an interpreter at the screening interview: one is needed in the proceedings too. */
const interpreterUsedAtScreening = (ctx: RuleContext): boolean =>
  ((workflowOf(ctx.subject, 'screening')?.context as Partial<ScreeningContext> | undefined)?.interviews ?? []).some((i) => i.interpreter);

/**
 * The fair-trial checklist (KP-JUS-05): a guarantee recorded as not respected refuses; one not
 * recorded is flagged. Counsel is required by the schema; recorded as not appointed, it refuses.
 */
export function fairTrialGaps(ctx: RuleContext, d: FairTrialRecord): FairTrialGaps {
  const refused: string[] = [];
  const unrecorded: string[] = [];
  if (d.presumptionOfInnocence === false) refused.push('the presumption of innocence is recorded as not respected');
  else if (d.presumptionOfInnocence === undefined) unrecorded.push('the presumption of innocence');
  if (d.counsel?.appointed !== true) refused.push('no legal counsel appointed');
  const interpreter = d.interpreter;
  if (!interpreter) unrecorded.push('the interpreter');
  else if (!interpreter.provided) {
    if (interpreter.needed === true) refused.push('an interpreter is needed and not provided');
    else if (interpreter.needed === undefined) {
      if (interpreterUsedAtScreening(ctx)) refused.push('no interpreter is provided, yet the person needed one at the screening interview');
      else unrecorded.push('whether an interpreter is needed');
    }
  }
  if (d.informedOfCharges === false) refused.push('the person is recorded as not informed of the charges');
  else if (d.informedOfCharges === undefined) unrecorded.push('that the person was informed of the charges');
  if (subjectIsChild(ctx)) {
    if (d.appropriateAdult === false) refused.push('a child without a parent or appropriate adult');
    else if (d.appropriateAdult === undefined) unrecorded.push('a parent or appropriate adult for the child');
  }
  return { refused, unrecorded };
}

/**
 * Appeal information on a conviction (KP-JUS-05: "a conviction record needs appeal information",
 * "right of appeal and its deadline"): the deadline is in WORKFLOWS.md's RECORD_JUDGMENT, so a
 * conviction without it refuses; `appealInformationGiven`, not recorded, is flagged.
 */
export function appealGaps(ctx: RuleContext, j: Partial<Pick<RecordJudgment, 'outcome' | 'appealDeadline' | 'appealInformationGiven'>>, atRecord: boolean): FairTrialGaps {
  const refused: string[] = [];
  const unrecorded: string[] = [];
  if (j.outcome !== 'convicted') return { refused, unrecorded };
  if (j.appealInformationGiven === false) refused.push('the person is recorded as not informed of the right of appeal');
  // Recording the conviction refuses a missing deadline; closing the proceedings only flags one
  // (a conviction recorded before it was required, or final on appeal, must not keep them open).
  if (!j.appealDeadline) (atRecord ? refused : unrecorded).push(atRecord ? 'the conviction records no appeal deadline' : 'the appeal deadline of the last conviction');
  else if (atRecord && j.appealDeadline < ctx.at.slice(0, 10)) refused.push(`the appeal deadline ${j.appealDeadline} has already passed`);
  return { refused, unrecorded };
}

/** One KP-JUS-05 finding: refusals block, what is not recorded is flagged (WARN). */
function fairTrialFinding(gaps: FairTrialGaps, done: string): Finding {
  if (gaps.refused.length) {
    const also = gaps.unrecorded.length ? `; not recorded: ${gaps.unrecorded.join(', ')}` : '';
    return fail(`fair-trial guarantees not met: ${gaps.refused.join('; ')}${also}`);
  }
  if (gaps.unrecorded.length) return fail(`fair-trial checklist: not recorded: ${gaps.unrecorded.join(', ')}`, { severity: 'warn' });
  return pass(done);
}

const justiceAdditions: JusticeRule[] = [
  rule({
    id: 'KP-JUS-01',
    principles: ['B.prosecution.children-presumption', 'B.general.children-victims'],
    summary: 'Presume against prosecuting a child: diversion by default; a prosecution referral for an act under 18 needs written reasons why non-judicial measures are unsuitable plus legal-officer and supervisor approval.',
    severity: '2nd',
    guards: ['legal.OPEN_INVESTIGATION', 'legal.CHARGE'],
    previewable: false,
    check(ctx) {
      if (ctx.command.type === 'OPEN_INVESTIGATION') {
        if (!subjectIsChild(ctx)) return pass('the person is not a child');
        return hasJustification(ctx)
          ? pass('investigation of a child opened with written reasons why diversion is not enough')
          : fail('investigating a child needs written reasons why diversion or a non-judicial measure is not enough', { severity: 'justify' });
      }
      if (!anyChildAct(ctx)) return pass('no alleged act was committed under 18');
      const d = data(ctx) as Partial<ChargeData>;
      const missing: string[] = [];
      if (!d.nonJudicialMeasuresConsidered?.length) missing.push('the non-judicial measures considered and why each is unsuitable');
      if (!hasJustification(ctx)) missing.push('a written justification for prosecuting a child');
      if (missing.length) return fail(`prosecuting an act committed under 18 needs ${missing.join(' and ')}`, { severity: 'justify' });
      return fail('a prosecution referral for an act committed under 18 needs a supervisor\'s second approval', { secondApprover: 'supervisor' });
    },
  }),
  rule({
    id: 'KP-JUS-02',
    principles: ['B.prosecution.children-presumption'],
    summary: 'Never charge a child solely for association with, membership of or presence in a designated group, or travel with family.',
    severity: 'block',
    guards: ['legal.CHARGE'],
    previewable: false,
    check(ctx) {
      const bad = chargesInPlay(ctx).charges.filter((ch) => ch.category === 'membership_or_association' && chargeIsChildAct(ctx.subject, ch));
      if (bad.length) return fail(`${bad.map((ch) => ch.offence).join(', ')}: a child may not be charged for mere association or membership`);
      return pass('no charge of a child rests on mere association or membership');
    },
  }),
  rule({
    id: 'KP-JUS-03',
    principles: ['B.prosecution.juvenile-courts'],
    summary: 'Try child-at-offence defendants only in juvenile courts; never in military, special security or adult courts.',
    severity: 'block',
    guards: ['legal.CHARGE'],
    previewable: false,
    check(ctx) {
      const { charges, forum, jurisdiction } = chargesInPlay(ctx);
      const childActs = charges.filter((ch) => chargeIsChildAct(ctx.subject, ch));
      if (childActs.length === 0) return pass('no alleged act was committed under 18');
      if (forum !== 'juvenile') return fail(`a defendant who may have been a child at the act may not be tried in a${forum === 'ordinary' ? 'n adult' : ` ${forum ?? 'unnamed'}`} court`);
      const law = jurisdiction ? applicableLaw(ctx.jurisdictions, jurisdiction, childActs[0]!.allegedActDate, ctx.at) : undefined;
      if (law && !law.applied.juvenileCourts) return fail(`${jurisdiction} has no juvenile court: route the child to diversion or a non-judicial measure`);
      if (law?.applied.militaryOrSpecialCourtsForChildren) return fail(`compliance flag: ${jurisdiction} allows military or special courts for children; this case stays juvenile`, { severity: 'warn' });
      return pass('a child-at-offence defendant is tried in the juvenile forum');
    },
  }),
  rule({
    id: 'KP-JUS-04',
    principles: ['B.prosecution.juvenile-justice'],
    summary: 'Never accept or record without alert a death sentence or life without parole for an act committed under 18; flag cases where such a penalty is legally possible.',
    severity: 'block',
    guards: ['legal.CHARGE', 'legal.RECORD_JUDGMENT'],
    previewable: false,
    check(ctx) {
      const { charges, jurisdiction } = chargesInPlay(ctx);
      const childAct = charges.some((ch) => chargeIsChildAct(ctx.subject, ch));
      if (ctx.command.type === 'RECORD_JUDGMENT') {
        const d = data(ctx) as Partial<RecordJudgment>;
        const kind = d.outcome === 'convicted' ? d.sentence?.kind : undefined;
        if ((kind === 'death' || kind === 'life_without_parole') && childAct) return fail(`a ${kind.replace(/_/g, ' ')} sentence for an act committed under 18 is prohibited`);
        if (kind === 'death') return fail('death sentence recorded: alert, and re-check non-refoulement (KP-RET-01) before any transfer', { severity: 'warn' });
        if (kind === 'life' && childAct && d.sentence?.parole !== true) {
          // Life for an act under 18 without parole recorded: life without parole in all but name where the law allows it for minors.
          if (d.sentence?.parole === false) return fail('a life sentence with no possibility of parole for an act committed under 18 is prohibited');
          const lwopPossible = !!jurisdiction && charges.some((ch) => chargeIsChildAct(ctx.subject, ch) && applicableLaw(ctx.jurisdictions, jurisdiction, ch.allegedActDate, ctx.at)?.candidates.every((v) => v.lifeWithoutParoleForMinors));
          if (lwopPossible) return fail(`life imprisonment for an act committed under 18, where ${jurisdiction} law allows life without parole for minors, and no possibility of parole is recorded: record it (sentence.parole) or the sentence is prohibited`);
          return fail('life imprisonment for an act committed under 18: whether parole is possible is not recorded; check it is not life without parole', { severity: 'warn' });
        }
        if (kind === 'other' && childAct) return fail(`the sentence (${d.sentence?.details ?? 'other'}) could not be classified: check it is neither death nor life without parole for an act committed under 18`, { severity: 'warn' });
        return pass('no prohibited penalty');
      }
      if (!jurisdiction) return pass('no jurisdiction named');
      const possible = new Set<string>();
      for (const ch of charges) {
        const law = applicableLaw(ctx.jurisdictions, jurisdiction, ch.allegedActDate, ctx.at);
        if (!law) continue;
        if (law.candidates.every((v) => v.deathPenaltyAvailable)) possible.add('the death penalty');
        if (chargeIsChildAct(ctx.subject, ch) && law.candidates.every((v) => v.lifeWithoutParoleForMinors)) possible.add('life without parole for minors');
      }
      if (possible.size) return fail(`${jurisdiction} law allows ${[...possible].join(' and ')}: flagged, re-check non-refoulement on any transfer`, { severity: 'warn' });
      return pass('no death penalty or life without parole is legally possible here');
    },
  }),
  rule({
    id: 'KP-JUS-05',
    principles: ['B.general.due-process', 'B.prosecution.juvenile-justice'],
    summary: 'Check fair-trial guarantees for every accused: presumption of innocence, counsel, interpreter, information on charges, an appropriate adult for children, and the right of appeal with its deadline.',
    severity: 'block',
    guards: ['legal.CHARGE', 'legal.RECORD_JUDGMENT', 'legal.RECORD_FAIR_TRIAL', 'legal.CLOSE'],
    previewable: false,
    check(ctx) {
      if (ctx.command.type === 'CHARGE') return fairTrialFinding(fairTrialGaps(ctx, data(ctx) as FairTrialRecord), 'the fair-trial checklist is complete');
      if (ctx.command.type === 'RECORD_JUDGMENT') {
        const d = data(ctx) as Partial<RecordJudgment>;
        if (d.outcome !== 'convicted') return pass('acquittal');
        return fairTrialFinding(appealGaps(ctx, d, true), 'the conviction records the appeal route and deadline');
      }
      // Closing proceedings ("proceedings closed"): a guarantee recorded as not respected and never
      // remedied (the latest judgment counts) blocks; one never recorded is flagged.
      const cx = legalContext(ctx);
      if (ctx.command.type === 'RECORD_FAIR_TRIAL') {
        // A record of what was monitored: a breach is recorded (flagged), never refused unrecorded.
        const merged = { ...(cx.fairTrial ?? {}), ...Object.fromEntries(Object.entries(data(ctx)).filter(([, v]) => v !== undefined)) } as FairTrialRecord;
        const gaps = fairTrialGaps(ctx, merged);
        if (gaps.refused.length || gaps.unrecorded.length) return fail(`fair-trial checklist: ${[...gaps.refused, ...gaps.unrecorded.map((u) => `not recorded: ${u}`)].join('; ')}`, { severity: 'warn' });
        return pass('the fair-trial checklist is complete');
      }
      if (!cx.fairTrial) return pass('no charge was brought');
      const trial = fairTrialGaps(ctx, cx.fairTrial);
      const last = cx.judgments?.at(-1);
      const appeal = last ? appealGaps(ctx, last, false) : { refused: [], unrecorded: [] };
      // RULES.md: BLOCK "proceedings monitored/closed" until complete. After a conviction an item
      // never recorded refuses too (RECORD_FAIR_TRIAL completes it); otherwise it is flagged.
      if (last?.outcome === 'convicted') {
        const unrecorded = trial.unrecorded.map((u) => `not recorded after a conviction: ${u} (RECORD_FAIR_TRIAL)`);
        return fairTrialFinding({ refused: [...trial.refused, ...appeal.refused, ...unrecorded], unrecorded: appeal.unrecorded }, 'the fair-trial checklist is complete');
      }
      return fairTrialFinding({ refused: [...trial.refused, ...appeal.refused], unrecorded: [...trial.unrecorded, ...appeal.unrecorded] }, 'the fair-trial checklist is complete');
    },
  }),
];

justiceRules.unshift(...justiceAdditions);

justiceRules.push(rule({
  id: 'KP-JUS-07',
  principles: ['B.women.gender-responsive', 'B.women.roles', 'B.women.support'],
  summary: "Handle women's cases in a gender-responsive way: female staff, SGBV screening, victim-support referral alongside prosecution, and no charge resting on a marital or family link.",
  severity: 'warn',
  guards: ['legal.OPEN_INVESTIGATION', 'legal.CHARGE', 'detention.DETAIN'],
  previewable: false,
  check(ctx) {
    if (ctx.subject.facts.person.sex !== 'female') return pass('not a woman or girl');
    const gaps: string[] = [];
    if (data(ctx)['femaleStaffAvailable'] !== true) gaps.push('female staff for searches and interviews not confirmed');
    const assessment = (workflowOf(ctx.subject, 'screening')?.context as ScreeningContext | undefined)?.assessment;
    if (!assessment) gaps.push('no SGBV and victimisation screening on record');
    else if (assessment.victimIndicators.length > 0 && assessment.referrals.length === 0) gaps.push('victim indicators without a victim-support referral alongside the prosecution');
    const { found } = evidenceByIds(ctx.subject, citedEvidenceIds(ctx));
    if (found.some((e) => e.concerns === 'family_member')) gaps.push('cited evidence rests on a marital or family link');
    return gaps.length ? fail(`gender-responsive safeguards: ${gaps.join('; ')}`) : pass('gender-responsive safeguards in place');
  },
}));


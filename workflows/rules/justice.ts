import { citedEvidenceIds } from './screening.ts';
import { evidenceByIds, fail, pass } from './facts.ts';
import { say } from './justice.messages.ts';
import { say as common, type Message } from './messages.ts';
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
      const facts = ['command.evidenceIds', 'evidence.tortureAllegation', 'evidence.investigation'];
      const evidenceIds = found.map((e) => e.id);
      const confirmed = found.filter((e) => e.tortureAllegation === 'confirmed' || e.investigation === 'confirmed');
      const alleged = found.filter((e) => e.tortureAllegation === 'alleged' && e.investigation !== 'cleared' && e.investigation !== 'confirmed');
      if (confirmed.length) return fail(say('KP-JUS-06.confirmed', { evidence: confirmed.map((e) => e.id) }), { facts, evidenceIds, toAllow: [say('KP-JUS-06.allow_other_evidence')] });
      if (alleged.length) return fail(say('KP-JUS-06.alleged', { evidence: alleged.map((e) => e.id) }), { facts, evidenceIds, toAllow: [say('KP-JUS-06.allow_investigation')] });
      return pass(say('KP-JUS-06.untainted'), { facts, evidenceIds });
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

const legalContext = (ctx: RuleContext): Partial<LegalContext> => (ctx.command.workflow === 'legal' ? ctx.workflow.context : (workflowOf(ctx.subject, 'legal')?.context ?? {})) as Partial<LegalContext>;

/** The recorded fair-trial checklist items KP-JUS-05 reads (a charge's data, or the one recorded with it). */
export type FairTrialRecord = Partial<Pick<ChargeData, 'counsel' | 'informedOfCharges' | 'presumptionOfInnocence' | 'appropriateAdult'>> & {
  interpreter?: { needed?: boolean; provided: boolean; language?: string };
};

export interface FairTrialGaps {
  /** Guarantees recorded as not respected (explicitly `false`), and counsel not appointed: BLOCK. */
  readonly refused: Message[];
  /** Guarantees simply not recorded (item names, rendered as terms): WARN, naming what is not recorded. */
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
  const refused: Message[] = [];
  const unrecorded: string[] = [];
  if (d.presumptionOfInnocence === false) refused.push(say('KP-JUS-05.presumption_breached'));
  else if (d.presumptionOfInnocence === undefined) unrecorded.push('presumption_of_innocence');
  if (d.counsel?.appointed !== true) refused.push(say('KP-JUS-05.no_counsel'));
  const interpreter = d.interpreter;
  if (!interpreter) unrecorded.push('interpreter_provided');
  else if (!interpreter.provided) {
    if (interpreter.needed === true) refused.push(say('KP-JUS-05.interpreter_not_provided'));
    else if (interpreter.needed === undefined) {
      if (interpreterUsedAtScreening(ctx)) refused.push(say('KP-JUS-05.interpreter_needed_at_screening'));
      else unrecorded.push('interpreter_needed');
    }
  }
  if (d.informedOfCharges === false) refused.push(say('KP-JUS-05.not_informed'));
  else if (d.informedOfCharges === undefined) unrecorded.push('informed_of_charges');
  if (subjectIsChild(ctx)) {
    if (d.appropriateAdult === false) refused.push(say('KP-JUS-05.no_appropriate_adult'));
    else if (d.appropriateAdult === undefined) unrecorded.push('appropriate_adult');
  }
  return { refused, unrecorded };
}

/**
 * Appeal information on a conviction (KP-JUS-05: "a conviction record needs appeal information",
 * "right of appeal and its deadline"): the deadline is in WORKFLOWS.md's RECORD_JUDGMENT, so a
 * conviction without it refuses; `appealInformationGiven`, not recorded, is flagged.
 */
export function appealGaps(ctx: RuleContext, j: Partial<Pick<RecordJudgment, 'outcome' | 'appealDeadline' | 'appealInformationGiven'>>, atRecord: boolean): FairTrialGaps {
  const refused: Message[] = [];
  const unrecorded: string[] = [];
  if (j.outcome !== 'convicted') return { refused, unrecorded };
  if (j.appealInformationGiven === false) refused.push(say('KP-JUS-05.appeal_not_informed'));
  // Recording the conviction refuses a missing deadline; closing the proceedings only flags one
  // (a conviction recorded before it was required, or final on appeal, must not keep them open).
  if (!j.appealDeadline) {
    if (atRecord) refused.push(say('KP-JUS-05.no_appeal_deadline'));
    else unrecorded.push('appeal_deadline');
  } else if (atRecord && j.appealDeadline < ctx.at.slice(0, 10)) refused.push(say('KP-JUS-05.appeal_deadline_passed', { deadline: j.appealDeadline }));
  return { refused, unrecorded };
}

const FAIR_TRIAL_FACTS = ['command.presumptionOfInnocence', 'command.counsel', 'command.interpreter', 'command.informedOfCharges', 'command.appropriateAdult', 'legal.fairTrial', 'legal.judgments', 'screening.interviews', 'person.dateOfBirth'];
const RECORD_FAIR_TRIAL = 'RECORD_FAIR_TRIAL';

/** One KP-JUS-05 finding: refusals block, what is not recorded is flagged (WARN). */
function fairTrialFinding(gaps: FairTrialGaps, done: Message, toAllow: readonly Message[] = [say('KP-JUS-05.allow_guarantees', { command: RECORD_FAIR_TRIAL })]): Finding {
  const facts = FAIR_TRIAL_FACTS;
  if (gaps.refused.length) {
    const also = gaps.unrecorded.length ? [say('KP-JUS-05.also_unrecorded', { items: gaps.unrecorded })] : [];
    return fail([say('KP-JUS-05.not_met'), ...gaps.refused, ...also], { facts, toAllow });
  }
  if (gaps.unrecorded.length) return fail(say('KP-JUS-05.unrecorded', { items: gaps.unrecorded }), { severity: 'warn', facts, toAllow });
  return pass(done, { facts });
}

const CHARGE_FACTS = ['command.charges', 'command.forum', 'command.jurisdiction', 'legal.charges', 'person.dateOfBirth', 'age_assessment.state'];

/** The numbers (1-based, in the command or on the legal workflow) of the charges for an act that may have been committed under 18. */
const childActCharges = (ctx: RuleContext): number[] =>
  chargesInPlay(ctx)
    .charges.map((ch, i) => ({ ch, n: i + 1 }))
    .filter(({ ch }) => chargeIsChildAct(ctx.subject, ch))
    .map(({ n }) => n);

const justiceAdditions: JusticeRule[] = [
  rule({
    id: 'KP-JUS-01',
    principles: ['B.prosecution.children-presumption', 'B.general.children-victims'],
    summary: 'Presume against prosecuting a child: diversion by default; a prosecution referral for an act under 18 needs written reasons why non-judicial measures are unsuitable plus legal-officer and supervisor approval.',
    severity: '2nd',
    previewable: false,
  })
    .on('legal.OPEN_INVESTIGATION', (ctx) => {
      if (!subjectIsChild(ctx)) return pass(common('not_a_child'), { facts: ['person.dateOfBirth', 'age_assessment.state'] });
      const facts = ['person.dateOfBirth', 'command.justification'];
      return hasJustification(ctx)
        ? pass(say('KP-JUS-01.investigation_reasoned'), { facts })
        : fail(say('KP-JUS-01.investigation_unjustified'), { severity: 'justify', facts, toAllow: [common('justification')] });
    })
    .on('legal.CHARGE', (ctx) => {
      const facts = [...CHARGE_FACTS, 'command.nonJudicialMeasuresConsidered', 'command.justification'];
      const charges = childActCharges(ctx);
      if (charges.length === 0) return pass(say('KP-JUS-01.no_child_act'), { facts });
      const d = data(ctx) as Partial<ChargeData>;
      const noMeasures = !d.nonJudicialMeasuresConsidered?.length;
      const unjustified = !hasJustification(ctx);
      const toAllow = [...(noMeasures ? [say('KP-JUS-01.allow_measures')] : []), ...(unjustified ? [common('justification')] : [])];
      if (noMeasures) return fail([say('KP-JUS-01.needs_measures', { charges }), ...(unjustified ? [say('KP-JUS-01.also_justification')] : [])], { severity: 'justify', facts, toAllow });
      if (unjustified) return fail(say('KP-JUS-01.needs_justification', { charges }), { severity: 'justify', facts, toAllow });
      return fail(say('KP-JUS-01.needs_second'), { secondApprover: 'supervisor', facts });
    }),
  rule({
    id: 'KP-JUS-02',
    principles: ['B.prosecution.children-presumption'],
    summary: 'Never charge a child solely for association with, membership of or presence in a designated group, or travel with family.',
    severity: 'block',
    previewable: false,
  }).on('legal.CHARGE', (ctx) => {
    const facts = [...CHARGE_FACTS, 'command.charges.category'];
    const bad = chargesInPlay(ctx)
      .charges.map((ch, i) => ({ ch, n: i + 1 }))
      .filter(({ ch }) => ch.category === 'membership_or_association' && chargeIsChildAct(ctx.subject, ch));
    if (bad.length) return fail(say('KP-JUS-02.association_only', { charges: bad.map(({ n }) => n) }), { facts, toAllow: [say('KP-JUS-02.allow_own_conduct')] });
    return pass(say('KP-JUS-02.no_association_charge'), { facts });
  }),
  rule({
    id: 'KP-JUS-03',
    principles: ['B.prosecution.juvenile-courts'],
    summary: 'Try child-at-offence defendants only in juvenile courts; never in military, special security or adult courts.',
    severity: 'block',
    previewable: false,
  }).on('legal.CHARGE', (ctx) => {
    const { charges, forum, jurisdiction } = chargesInPlay(ctx);
    const facts = [...CHARGE_FACTS, 'jurisdiction.juvenileCourts', 'jurisdiction.militaryOrSpecialCourtsForChildren'];
    const childActs = charges.filter((ch) => chargeIsChildAct(ctx.subject, ch));
    if (childActs.length === 0) return pass(say('KP-JUS-03.no_child_act'), { facts });
    if (forum !== 'juvenile') {
      const wrong = forum === 'ordinary' ? say('KP-JUS-03.adult_court') : forum === 'military' ? say('KP-JUS-03.military_court') : forum === 'special_security' ? say('KP-JUS-03.special_court') : say('KP-JUS-03.no_forum');
      return fail(wrong, { facts, toAllow: [say('KP-JUS-03.allow_juvenile'), say('KP-JUS-03.allow_diversion')] });
    }
    const law = jurisdiction ? applicableLaw(ctx.jurisdictions, jurisdiction, childActs[0]!.allegedActDate, ctx.at) : undefined;
    if (jurisdiction && law && !law.applied.juvenileCourts) return fail(say('KP-JUS-03.no_juvenile_court', { jurisdiction, version: law.applied.validFrom }), { facts, toAllow: [say('KP-JUS-03.allow_diversion')] });
    if (jurisdiction && law?.applied.militaryOrSpecialCourtsForChildren) return fail(say('KP-JUS-03.special_courts_flag', { jurisdiction, version: law.applied.validFrom }), { severity: 'warn', facts });
    return pass(say('KP-JUS-03.juvenile'), { facts });
  }),
  rule({
    id: 'KP-JUS-04',
    principles: ['B.prosecution.juvenile-justice'],
    summary: 'Never accept or record without alert a death sentence or life without parole for an act committed under 18; flag cases where such a penalty is legally possible.',
    severity: 'block',
    previewable: false,
  })
    .on('legal.CHARGE', (ctx) => {
      const { charges, jurisdiction } = chargesInPlay(ctx);
      const facts = [...CHARGE_FACTS, 'jurisdiction.deathPenaltyAvailable', 'jurisdiction.lifeWithoutParoleForMinors'];
      if (!jurisdiction) return pass(say('KP-JUS-04.no_jurisdiction'), { facts });
      let death = false;
      let lwop = false;
      for (const ch of charges) {
        const law = applicableLaw(ctx.jurisdictions, jurisdiction, ch.allegedActDate, ctx.at);
        if (!law) continue;
        if (law.candidates.every((v) => v.deathPenaltyAvailable)) death = true;
        if (chargeIsChildAct(ctx.subject, ch) && law.candidates.every((v) => v.lifeWithoutParoleForMinors)) lwop = true;
      }
      const flag = death && lwop ? say('KP-JUS-04.death_and_lwop_possible', { jurisdiction }) : death ? say('KP-JUS-04.death_possible', { jurisdiction }) : lwop ? say('KP-JUS-04.lwop_possible', { jurisdiction }) : null;
      if (flag) return fail(flag, { severity: 'warn', facts });
      return pass(say('KP-JUS-04.no_penalty_possible'), { facts });
    })
    .on('legal.RECORD_JUDGMENT', (ctx) => {
      const { charges, jurisdiction } = chargesInPlay(ctx);
      const facts = ['command.outcome', 'command.sentence', 'legal.charges', 'legal.jurisdiction', 'person.dateOfBirth', 'age_assessment.state'];
      const childAct = charges.some((ch) => chargeIsChildAct(ctx.subject, ch));
      const d = data(ctx) as Partial<RecordJudgment>;
      const kind = d.outcome === 'convicted' ? d.sentence?.kind : undefined;
      const lawful = [say('KP-JUS-04.allow_lawful_sentence')];
      if (kind === 'death' && childAct) return fail(say('KP-JUS-04.death_for_child_act'), { facts, toAllow: lawful });
      if (kind === 'life_without_parole' && childAct) return fail(say('KP-JUS-04.lwop_for_child_act'), { facts, toAllow: lawful });
      if (kind === 'death') return fail(say('KP-JUS-04.death_recorded', { rule: 'KP-RET-01' }), { severity: 'warn', facts });
      if (kind === 'life' && childAct && d.sentence?.parole !== true) {
        // Life for an act under 18 without parole recorded: life without parole in all but name where the law allows it for minors.
        if (d.sentence?.parole === false) return fail(say('KP-JUS-04.life_no_parole'), { facts, toAllow: lawful });
        const lwopPossible = !!jurisdiction && charges.some((ch) => chargeIsChildAct(ctx.subject, ch) && applicableLaw(ctx.jurisdictions, jurisdiction, ch.allegedActDate, ctx.at)?.candidates.every((v) => v.lifeWithoutParoleForMinors));
        const parole = [say('KP-JUS-04.allow_parole', { field: 'sentence.parole' })];
        if (jurisdiction && lwopPossible) return fail(say('KP-JUS-04.life_parole_unrecorded_lwop_law', { jurisdiction, field: 'sentence.parole' }), { facts: [...facts, 'jurisdiction.lifeWithoutParoleForMinors'], toAllow: parole });
        return fail(say('KP-JUS-04.life_parole_unrecorded'), { severity: 'warn', facts, toAllow: parole });
      }
      if (kind === 'other' && childAct) return fail(say('KP-JUS-04.unclassified'), { severity: 'warn', facts });
      return pass(say('KP-JUS-04.no_prohibited_penalty'), { facts });
    }),
  rule({
    id: 'KP-JUS-05',
    principles: ['B.general.due-process', 'B.prosecution.juvenile-justice'],
    summary: 'Check fair-trial guarantees for every accused: presumption of innocence, counsel, interpreter, information on charges, an appropriate adult for children, and the right of appeal with its deadline.',
    severity: 'block',
    previewable: false,
  })
    .on('legal.CHARGE', (ctx) => fairTrialFinding(fairTrialGaps(ctx, data(ctx) as FairTrialRecord), say('KP-JUS-05.complete')))
    .on('legal.RECORD_JUDGMENT', (ctx) => {
      const d = data(ctx) as Partial<RecordJudgment>;
      if (d.outcome !== 'convicted') return pass(say('KP-JUS-05.acquittal'), { facts: ['command.outcome'] });
      return fairTrialFinding(appealGaps(ctx, d, true), say('KP-JUS-05.appeal_recorded'), [say('KP-JUS-05.allow_appeal')]);
    })
    .on('legal.RECORD_FAIR_TRIAL', (ctx) => {
      // A record of what was monitored: a breach is recorded (flagged), never refused unrecorded.
      const merged = { ...(legalContext(ctx).fairTrial ?? {}), ...Object.fromEntries(Object.entries(data(ctx)).filter(([, v]) => v !== undefined)) } as FairTrialRecord;
      const gaps = fairTrialGaps(ctx, merged);
      const unrecorded = gaps.unrecorded.length ? [say('KP-JUS-05.also_unrecorded', { items: gaps.unrecorded })] : [];
      if (gaps.refused.length || unrecorded.length) return fail([say('KP-JUS-05.checklist'), ...gaps.refused, ...unrecorded], { severity: 'warn', facts: FAIR_TRIAL_FACTS, toAllow: [say('KP-JUS-05.allow_guarantees', { command: RECORD_FAIR_TRIAL })] });
      return pass(say('KP-JUS-05.complete'), { facts: FAIR_TRIAL_FACTS });
    })
    .on('legal.CLOSE', (ctx) => {
      // Closing proceedings ("proceedings closed"): a guarantee recorded as not respected and never
      // remedied (the latest judgment counts) blocks; one never recorded is flagged.
      const cx = legalContext(ctx);
      if (!cx.fairTrial) return pass(say('KP-JUS-05.no_charge'), { facts: ['legal.fairTrial'] });
      const trial = fairTrialGaps(ctx, cx.fairTrial);
      const last = cx.judgments?.at(-1);
      const appeal = last ? appealGaps(ctx, last, false) : { refused: [], unrecorded: [] };
      // RULES.md: BLOCK "proceedings monitored/closed" until complete. After a conviction an item
      // never recorded refuses too (RECORD_FAIR_TRIAL completes it); otherwise it is flagged.
      if (last?.outcome === 'convicted') {
        const unrecorded = trial.unrecorded.length ? [say('KP-JUS-05.unrecorded_after_conviction', { items: trial.unrecorded, command: RECORD_FAIR_TRIAL })] : [];
        return fairTrialFinding({ refused: [...trial.refused, ...appeal.refused, ...unrecorded], unrecorded: appeal.unrecorded }, say('KP-JUS-05.complete'));
      }
      return fairTrialFinding({ refused: [...trial.refused, ...appeal.refused], unrecorded: [...trial.unrecorded, ...appeal.unrecorded] }, say('KP-JUS-05.complete'));
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
    const facts = ['person.sex', 'command.femaleStaffAvailable', 'screening.assessment.victimIndicators', 'screening.assessment.referrals', 'command.evidenceIds', 'evidence.concerns'];
    if (ctx.subject.facts.person.sex !== 'female') return pass(say('KP-JUS-07.not_female'), { facts: ['person.sex'] });
    const gaps: Message[] = [];
    if (data(ctx)['femaleStaffAvailable'] !== true) gaps.push(say('KP-JUS-07.no_female_staff'));
    const assessment = (workflowOf(ctx.subject, 'screening')?.context as ScreeningContext | undefined)?.assessment;
    if (!assessment) gaps.push(say('KP-JUS-07.no_sgbv_screening'));
    else if (assessment.victimIndicators.length > 0 && assessment.referrals.length === 0) gaps.push(say('KP-JUS-07.no_victim_referral'));
    const { found } = evidenceByIds(ctx.subject, citedEvidenceIds(ctx));
    const familyLinked = found.filter((e) => e.concerns === 'family_member').map((e) => e.id);
    if (familyLinked.length) gaps.push(say('KP-JUS-07.family_link_evidence', { evidence: familyLinked }));
    const evidenceIds = found.map((e) => e.id);
    if (gaps.length) return fail([say('KP-JUS-07.gaps'), ...gaps], { facts, evidenceIds, toAllow: [say('KP-JUS-07.allow_safeguards')] });
    return pass(say('KP-JUS-07.in_place'), { facts, evidenceIds });
  },
}));


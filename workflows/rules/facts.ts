import { calendarDate, isCalendarDate, isChild, type DateOfBirth } from '../age.ts';
import type { EvidenceItem } from '../caseFile.ts';
import type { CaseView, Finding, RuleContext, WorkflowView } from './types.ts';
import { renderAll, type Message } from './messages.ts';

/** Small readers over the rule context, shared by the rule files. Pure. */

/**
 * Reports a named condition of the rule being checked and returns it unchanged: the registry
 * collects them into the verdict (`conditions`), and scenario coverage counts each one made true
 * and made false.
 */
export function condition(ctx: RuleContext, name: string, holds: boolean): boolean {
  ctx.observe?.(name, holds);
  return holds;
}

/** The conditions the shared readers below report, with what each means. */
export const SHARED_CONDITIONS: Readonly<Record<string, string>> = {
  subject_is_child: 'the person is a child at the moment of the decision (youngest plausible age under 18)',
  justification_given: 'the command carries a written justification (10 characters or more)',
  another_authoritys_act: 'the command records what another authority did (RECORD_DETENTION)',
};

/**
 * What a check says: a message of its family's catalogue (`say(code, params)`), several found at
 * once (the first is the verdict's code, the others its `more`), or — in a family not yet
 * converted to structured verdicts — an English sentence.
 */
export type Said = string | Message | readonly [Message, ...Message[]];

function said(s: Said): { reason: string; message?: Message; more?: readonly Message[] } {
  if (typeof s === 'string') return { reason: s };
  const [first, ...more] = 'code' in s ? [s] : s;
  return { reason: renderAll([first, ...more], 'en'), message: first, ...(more.length ? { more } : {}) };
}

type PassExtra = Omit<Extract<Finding, { ok: true }>, 'ok' | 'reason' | 'message' | 'more'>;
type FailExtra = Omit<Extract<Finding, { ok: false }>, 'ok' | 'reason' | 'message' | 'more'>;

export const pass = (s: Said, extra: PassExtra = {}): Finding => ({ ok: true, ...said(s), ...extra });
export const fail = (s: Said, extra: FailExtra = {}): Finding => ({ ok: false, ...said(s), ...extra });

/** A rule's finding from what refuses (`problems`) and what is only flagged (`flags`, WARN): refusals name both. */
export function refuseOrFlag(problems: readonly string[], flags: readonly string[], passReason: string): Finding {
  if (problems.length) return fail([...problems, ...flags].join('; '));
  if (flags.length) return fail(flags.join('; '), { severity: 'warn' });
  return pass(passReason);
}

/** `refuseOrFlag` for structured messages: the `extra` (facts, evidence, toAllow) goes with a refusal or a flag. */
export function refuseOrFlagMessages(problems: readonly Message[], flags: readonly Message[], passMessage: Message, extra: FailExtra = {}, passExtra: PassExtra = {}): Finding {
  const [first, ...rest] = [...problems, ...flags];
  if (problems.length && first) return fail([first, ...rest], extra);
  if (first) return fail([first, ...rest], { ...extra, severity: 'warn' });
  return pass(passMessage, passExtra);
}

/** The command's data, as a record (zod validated it before any rule runs). */
export const data = (ctx: RuleContext): Readonly<Record<string, unknown>> => ctx.command.data;

export function workflowOf(c: CaseView, kind: string, instance?: string): WorkflowView | undefined {
  return c.workflows.find((w) => w.kind === kind && (instance === undefined || w.instance === instance));
}

/**
 * The date-of-birth range that counts: a confirmed age assessment's range, else the case facts.
 * Either way the youngest plausible age is used by the readers below (KP-AGE-04).
 */
export function effectiveDateOfBirth(c: CaseView): DateOfBirth {
  return chooseDateOfBirth(c.facts.person.dateOfBirth, workflowOf(c, 'age_assessment'));
}

/** `effectiveDateOfBirth` from its two inputs: the recorded date of birth and the age assessment instance. */
export function chooseDateOfBirth(recorded: DateOfBirth, ageAssessment: Pick<WorkflowView, 'state' | 'context'> | undefined): DateOfBirth {
  const assessed = ageAssessment?.state === 'confirmed' ? (ageAssessment.context['dateOfBirth'] as DateOfBirth | undefined) : undefined;
  const chosen = assessed ?? recorded;
  return readable(chosen) ? chosen : UNKNOWN_BIRTH;
}

/**
 * The birth range of a person whose date of birth can no longer be read (erased, docs/erasure.md):
 * any age, so a child by the benefit of the doubt (KP-AGE-04) and hidden as a child's (fail closed).
 */
export const UNKNOWN_BIRTH: DateOfBirth = { earliest: '1900-01-01', latest: '2999-12-31', method: 'unknown (erased)', confidence: 'low' };

/**
 * Whether `dob` (an `effectiveDateOfBirth`) could not be read: the person was erased. What is
 * derived from it (child or adult, age band, accompaniment) is then unknown, not shown as known.
 */
export const birthErased = (dob: DateOfBirth): boolean => dob === UNKNOWN_BIRTH;

const readable = (d: DateOfBirth | undefined): boolean => !!d && ('exact' in d ? isCalendarDate(d.exact) : isCalendarDate(d.earliest) && isCalendarDate(d.latest));

/** Child now: the youngest plausible age at the moment of evaluation is under 18. */
export const isChildAt = (c: CaseView, at: string): boolean => isChild(effectiveDateOfBirth(c), calendarDate(at));

export const subjectIsChild = (ctx: RuleContext): boolean => condition(ctx, 'subject_is_child', isChildAt(ctx.subject, ctx.at));

/** Evidence that may carry a decision: not tainted by an alleged or confirmed torture allegation (KP-JUS-06). */
export const isUsable = (e: EvidenceItem): boolean =>
  e.tortureAllegation === 'none' || (e.tortureAllegation === 'alleged' && e.investigation === 'cleared');

/** Evidence about this person's own conduct (KP-SCR-02): family links and places never suffice. */
export const isPersonSpecific = (e: EvidenceItem): boolean => e.concerns === 'own_conduct';

export function evidenceByIds(c: CaseView, ids: readonly string[]): { found: EvidenceItem[]; missing: string[] } {
  const found: EvidenceItem[] = [];
  const missing: string[] = [];
  for (const id of ids) {
    const item = c.evidence.find((e) => e.id === id);
    if (item) found.push(item);
    else missing.push(id);
  }
  return { found, missing };
}

/**
 * The command records what another authority did (RECORD_DETENTION: a deprivation of liberty this
 * organisation did not order). Refusing would leave the fact unrecorded, so the rules that would
 * refuse such a decision flag it (WARN) and the workflow's tasks escalate it.
 */
export const recordsAnotherAuthoritysAct = (ctx: RuleContext): boolean =>
  condition(ctx, 'another_authoritys_act', ctx.command.workflow === 'detention' && ctx.command.type === 'RECORD_DETENTION');

export const hasJustification = (ctx: RuleContext): boolean => condition(ctx, 'justification_given', (ctx.command.justification?.trim().length ?? 0) >= 10);

import { calendarDate, isChild } from '../age.ts';
import { isChildRecord, isSealed } from '../retention.ts';
import type { LegalContext, WatchlistRequest } from '../legal/model.ts';
import { citedEvidenceIds } from './screening.ts';
import { data, effectiveDateOfBirth, evidenceByIds, fail, isPersonSpecific, isUsable, pass, subjectIsChild, workflowOf } from './facts.ts';
import type { Rule, RuleContext } from './types.ts';
import { agreementGaps, GUILT_BY_ASSOCIATION, type SharingAgreement } from '../agreements.ts';
import { rule } from './rule.ts';
import { IDENTIFYING_FIELDS, type ShareableField } from '../sharing.ts';

/** Data protection (RULES.md §4.9). */

/**
 * Stigmatising labels for children and women (GC24 ¶7; KP B-CH6). A small, policy-owned list:
 * matched case-insensitively as whole words in any free text of a command.
 */
export const STIGMATISING_TERMS: readonly string[] = [
  'terrorist child',
  'terrorist children',
  'child terrorist',
  'little terrorist',
  'cub',
  'cubs',
  'cubs of the caliphate',
  'jihadi bride',
  'jihadi brides',
  'isis bride',
  'isis brides',
  'isis wife',
  'terror baby',
  'terror babies',
  'jihadi kid',
];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const STIGMA = new RegExp(`\\b(${[...STIGMATISING_TERMS].sort((a, b) => b.length - a.length).map(escape).join('|')})\\b`, 'i');

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

/** Stigmatising terms found in the command's free text and justification. */
export function stigmatisingTerms(ctx: RuleContext): string[] {
  const found = new Set<string>();
  for (const s of [...strings(ctx.command.data), ctx.command.justification ?? '']) {
    const m = STIGMA.exec(s);
    if (m?.[1]) found.add(m[1].toLowerCase());
  }
  return [...found];
}

/**
 * Evidence ids of sealed child-justice records (KP-DATA-03): the records of proceedings or
 * measures against a child, sealed at the end of the measure or when the person turns 18; and,
 * once the DPO sealed the case (case.SEAL, docs/retention.md), every item of the child's record.
 */
export function sealedEvidenceIds(ctx: RuleContext): Set<string> {
  if (isSealed(ctx.subject) && isChildRecord(ctx.subject)) return new Set(ctx.subject.evidence.map((e) => e.id));
  const legal = ctx.command.workflow === 'legal' ? ctx.workflow : workflowOf(ctx.subject, 'legal');
  const cj = (legal?.context as Partial<LegalContext> | undefined)?.childJustice;
  if (!cj) return new Set();
  const sealed = cj.endedAt !== null || !isChild(effectiveDateOfBirth(ctx.subject), calendarDate(ctx.at));
  return sealed ? new Set(cj.evidenceIds) : new Set();
}

/** Juvenile proceedings about acts as a child may use the child-justice record; nothing else may. */
const isJuvenileProceeding = (ctx: RuleContext): boolean => ctx.command.type === 'CHARGE' && data(ctx)['forum'] === 'juvenile';

/**
 * KP-DATA-01 on an external share (case SHARE_RECORD): it names a data-sharing agreement in force
 * (approved by a DPO, within its dates), for the agreement's recipient and one of its purposes, and
 * shares only fields the agreement allows, minimised (never the whole record, never a child's
 * identifying data).
 */
function checkSharing(ctx: RuleContext) {
  const d = data(ctx);
  const agreement = d['agreement'] as SharingAgreement | undefined;
  const problems: string[] = [];
  const fields = Array.isArray(d['fields']) ? (d['fields'] as ShareableField[]) : [];
  if (!agreement) problems.push(typeof d['agreementId'] === 'string' ? `no data-sharing agreement ${d['agreementId']} exists` : 'no data-sharing agreement is named (agreementId)');
  else {
    problems.push(...agreementGaps(agreement, calendarDate(ctx.at)));
    const recipient = d['recipient'] as { name?: string; kind?: string } | undefined;
    if (recipient && (recipient.name !== agreement.recipient.name || recipient.kind !== agreement.recipient.kind)) problems.push(`the recipient is not agreement ${agreement.id}'s (${agreement.recipient.name})`);
    const purpose = typeof d['purpose'] === 'string' ? d['purpose'].trim() : '';
    if (!purpose) problems.push('no purpose recorded for the log');
    else if (!agreement.purposes.includes(purpose)) problems.push(`the purpose is not one of agreement ${agreement.id}'s (${agreement.purposes.join('; ')})`);
    const outside = fields.filter((f) => !agreement.fields.includes(f));
    if (outside.length) problems.push(`fields outside agreement ${agreement.id}: ${outside.join(', ')}`);
  }
  if (fields.length === 0) problems.push('data minimisation: list the fields to share');
  if (fields.includes('full_record')) problems.push('data minimisation: the whole record may not be shared');
  const identifying = fields.filter((f) => IDENTIFYING_FIELDS.has(f) && f !== 'full_record');
  if (identifying.length > 0 && subjectIsChild(ctx)) problems.push(`identifying data of a child is never exported (${identifying.join(', ')})`);
  if (problems.length > 0) return fail(`external sharing refused: ${problems.join('; ')}`);
  return pass(`sharing of ${fields.join(', ')} under agreement ${agreement!.id} (${agreement!.legalBasis})`);
}

/**
 * KP-DATA-01 on a transfer (case TRANSFER): within one organisation the record stays where it is
 * held; to another organisation's team it is a disclosure, which needs a legal basis and a purpose.
 */
function checkTransfer(ctx: RuleContext) {
  const d = data(ctx);
  const to = ctx.teams?.find((t) => t.id === d['teamId']);
  const from = ctx.teams?.find((t) => t.id === ctx.subject.teamId);
  if (!to || !from) return fail('the transfer names a team the engine does not know');
  if (to.organisation === from.organisation) return pass(`a transfer within organisation ${to.organisation}`);
  const missing = (['legalBasis', 'purpose'] as const).filter((k) => typeof d[k] !== 'string' || !(d[k] as string).trim());
  if (missing.length) return fail(`a transfer to another organisation (${to.organisation}) discloses the record: name its ${missing.join(' and ')}`);
  return pass(`a transfer to organisation ${to.organisation} with a legal basis and a purpose`);
}

/** KP-DATA-02 on an external share: a child's file never goes to a security body on family or association grounds. */
function checkSecurityShare(ctx: RuleContext) {
  const d = data(ctx);
  const kind = (d['agreement'] as SharingAgreement | undefined)?.recipient.kind ?? (d['recipient'] as { kind?: string } | undefined)?.kind;
  if (kind !== 'security_actor') return pass('the recipient is not a security or intelligence body');
  if (!subjectIsChild(ctx)) return pass('the person is not a child');
  const grounds = typeof d['grounds'] === 'string' ? d['grounds'] : undefined;
  if (!grounds || GUILT_BY_ASSOCIATION.has(grounds)) return fail(`a child's file is never shared with a security or intelligence body on family or association grounds (${grounds ?? 'no grounds stated'})`);
  return pass(`grounds stated: ${grounds}`);
}

export const dataRules: Rule[] = [
  rule({
    id: 'KP-DATA-01',
    principles: ['B.children.privacy', 'C.services-privacy'],
    summary:
      'Restrict child records by role and purpose and log all reads and writes; never publish or export identifying data; share externally only with a legal basis, DPO approval, data minimisation and a logged purpose.',
    severity: 'block',
    guards: ['case.SHARE_RECORD', 'case.TRANSFER'],
    previewable: false,
    check(ctx) {
      if (ctx.command.type === 'SHARE_RECORD') return checkSharing(ctx);
      if (ctx.command.type === 'TRANSFER') return checkTransfer(ctx);
      return pass('no external sharing in this command');
    },
  }),
  rule({
    id: 'KP-DATA-02',
    principles: ['B.children.stigmatisation', 'B.children.privacy'],
    summary: 'A child goes on a watch list or security database only on a child-specific criminal-evidence basis recorded by a legal officer; entries are reviewed periodically and deleted when the basis lapses.',
    severity: 'block',
    guards: ['legal.REQUEST_WATCHLIST_ENTRY', 'legal.REVIEW_WATCHLIST_ENTRY', 'case.SHARE_RECORD'],
    previewable: false,
    check(ctx) {
      if (ctx.command.type === 'SHARE_RECORD') return checkSecurityShare(ctx);
      if (!subjectIsChild(ctx)) return pass('the person is not a child');
      if (ctx.command.type === 'REVIEW_WATCHLIST_ENTRY') {
        if (data(ctx)['keep'] !== true) return pass('the entry is deleted');
        const active = ((ctx.workflow.context as Partial<LegalContext>).watchlist ?? []).filter((e) => e.status === 'active');
        const weak = active.filter((e) => !e.childSpecificBasis);
        return weak.length ? fail('a child\'s watch-list entry without a child-specific criminal-evidence basis must be deleted') : pass('the child-specific basis still stands');
      }
      const d = data(ctx) as Partial<WatchlistRequest>;
      const gaps: string[] = [];
      if (!ctx.actor.roles.includes('legal_officer')) gaps.push('only a legal officer may record the basis');
      if ((d.childSpecificBasis?.trim().length ?? 0) < 10) gaps.push('no child-specific criminal-evidence basis is recorded');
      const { found } = evidenceByIds(ctx.subject, citedEvidenceIds(ctx));
      if (!found.some((e) => isPersonSpecific(e) && isUsable(e))) gaps.push('the cited evidence is not criminal evidence of the child\'s own conduct (family affiliation is never a basis)');
      return gaps.length ? fail(`a child may not be entered on a watch list: ${gaps.join('; ')}`) : pass('child-specific criminal-evidence basis recorded by a legal officer');
    },
  }),
  rule({
    id: 'KP-DATA-03',
    principles: ['B.children.privacy', 'B.children.stigmatisation'],
    summary: 'Seal child-justice records at 18 or at the end of the measure and never use them in adult proceedings; use non-stigmatising language.',
    severity: 'block',
    guards: [
      'legal.OPEN_INVESTIGATION',
      'legal.REFER_DIVERSION',
      'legal.CHARGE',
      'legal.RECORD_JUDGMENT',
      'legal.REQUEST_WATCHLIST_ENTRY',
      'detention.DETAIN',
      'detention.REVIEW',
    ],
    previewable: false,
    check(ctx) {
      const sealed = sealedEvidenceIds(ctx);
      const used = isJuvenileProceeding(ctx) ? [] : citedEvidenceIds(ctx).filter((id) => sealed.has(id));
      const words = stigmatisingTerms(ctx);
      const wordsNote = words.length ? `; stigmatising language: ${words.map((w) => `"${w}"`).join(', ')}` : '';
      if (used.length) return fail(`evidence ${used.join(', ')} belongs to a sealed child-justice record and may not be used in adult proceedings or exported${wordsNote}`);
      if (words.length) return fail(`use non-stigmatising language instead of ${words.map((w) => `"${w}"`).join(', ')}`, { severity: 'warn' });
      return pass('no sealed child-justice record is used; no stigmatising labels');
    },
  }),
];

import { calendarDate, isChild } from '../age.ts';
import { isChildRecord, isSealed } from '../retention.ts';
import type { LegalContext, WatchlistRequest } from '../legal/model.ts';
import { citedEvidenceIds } from './screening.ts';
import { data, effectiveDateOfBirth, evidenceByIds, fail, isPersonSpecific, isUsable, pass, subjectIsChild, workflowOf } from './facts.ts';
import type { Rule, RuleContext } from './types.ts';
import { agreementGaps, GUILT_BY_ASSOCIATION, type SharingAgreement } from '../agreements.ts';
import { rule, type Check } from './rule.ts';
import { say } from './dataProtection.messages.ts';
import { say as common, type Message } from './messages.ts';
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
const checkSharing: Check = (ctx) => {
  const d = data(ctx);
  const agreement = d['agreement'] as SharingAgreement | undefined;
  const problems: Message[] = [];
  const toAllow: Message[] = [];
  const fields = Array.isArray(d['fields']) ? (d['fields'] as ShareableField[]) : [];
  const facts = ['command.agreementId', 'command.recipient', 'command.purpose', 'command.fields', 'agreement.status', 'agreement.validFrom', 'agreement.validTo', 'agreement.fields', 'person.dateOfBirth'];
  if (!agreement) problems.push(typeof d['agreementId'] === 'string' ? say('KP-DATA-01.unknown_agreement', { agreement: d['agreementId'] }) : say('KP-DATA-01.no_agreement'));
  else {
    const at = { agreement: agreement.id };
    for (const gap of agreementGaps(agreement, calendarDate(ctx.at))) {
      if (gap === 'not_approved') problems.push(say('KP-DATA-01.not_approved', at));
      if (gap === 'not_yet_in_force') problems.push(say('KP-DATA-01.not_yet_in_force', { ...at, validFrom: agreement.validFrom }));
      if (gap === 'expired') problems.push(say('KP-DATA-01.expired', { ...at, validTo: agreement.validTo }));
    }
    const recipient = d['recipient'] as { name?: string; kind?: string } | undefined;
    if (recipient && (recipient.name !== agreement.recipient.name || recipient.kind !== agreement.recipient.kind)) problems.push(say('KP-DATA-01.other_recipient', at));
    const purpose = typeof d['purpose'] === 'string' ? d['purpose'].trim() : '';
    if (!purpose) problems.push(say('KP-DATA-01.no_purpose'));
    else if (!agreement.purposes.includes(purpose)) problems.push(say('KP-DATA-01.other_purpose', at));
    const outside = fields.filter((f) => !agreement.fields.includes(f));
    if (outside.length) problems.push(say('KP-DATA-01.fields_outside', { ...at, fields: outside }));
  }
  if (problems.length) toAllow.push(say('KP-DATA-01.allow_agreement'));
  if (fields.length === 0) problems.push(say('KP-DATA-01.no_fields'));
  if (fields.includes('full_record')) problems.push(say('KP-DATA-01.whole_record'));
  const identifying = fields.filter((f) => IDENTIFYING_FIELDS.has(f) && f !== 'full_record');
  if (identifying.length > 0 && subjectIsChild(ctx)) problems.push(say('KP-DATA-01.child_identifying', { fields: identifying }));
  const [first, ...rest] = problems;
  if (first) return fail([first, ...rest], { facts, toAllow: [...toAllow, say('KP-DATA-01.allow_fields')] });
  return pass(say('KP-DATA-01.shared', { fields, agreement: agreement!.id }), { facts });
};

/**
 * KP-DATA-01 on a transfer (case TRANSFER): within one organisation the record stays where it is
 * held; to another organisation's team it is a disclosure, which needs a legal basis and a purpose.
 */
const checkTransfer: Check = (ctx) => {
  const d = data(ctx);
  const facts = ['command.teamId', 'command.legalBasis', 'command.purpose', 'case.teamId'];
  const to = ctx.teams?.find((t) => t.id === d['teamId']);
  const from = ctx.teams?.find((t) => t.id === ctx.subject.teamId);
  if (!to || !from) return fail(say('KP-DATA-01.unknown_team'), { facts, toAllow: [say('KP-DATA-01.allow_known_team')] });
  if (to.organisation === from.organisation) return pass(say('KP-DATA-01.same_organisation', { organisation: to.organisation }), { facts });
  const missing = (['legalBasis', 'purpose'] as const).filter((k) => typeof d[k] !== 'string' || !(d[k] as string).trim());
  if (missing.length) {
    return fail(say('KP-DATA-01.disclosure_unbased', { organisation: to.organisation, missing: missing.map((k) => (k === 'legalBasis' ? 'legal_basis' : k)) }), { facts, toAllow: [say('KP-DATA-01.allow_basis_purpose')] });
  }
  return pass(say('KP-DATA-01.disclosure', { organisation: to.organisation }), { facts });
};

/** KP-DATA-02 on an external share: a child's file never goes to a security body on family or association grounds. */
const checkSecurityShare: Check = (ctx) => {
  const d = data(ctx);
  const facts = ['command.recipient', 'agreement.recipient', 'command.grounds', 'person.dateOfBirth'];
  const kind = (d['agreement'] as SharingAgreement | undefined)?.recipient.kind ?? (d['recipient'] as { kind?: string } | undefined)?.kind;
  if (kind !== 'security_actor') return pass(say('KP-DATA-02.not_security'), { facts });
  if (!subjectIsChild(ctx)) return pass(common('not_a_child'), { facts });
  const grounds = typeof d['grounds'] === 'string' ? d['grounds'] : undefined;
  const toAllow = [say('KP-DATA-02.allow_own_grounds')];
  if (!grounds) return fail(say('KP-DATA-02.no_grounds'), { facts, toAllow });
  if (GUILT_BY_ASSOCIATION.has(grounds)) return fail(say('KP-DATA-02.association_grounds', { grounds }), { facts, toAllow });
  return pass(say('KP-DATA-02.grounds_stated', { grounds }), { facts });
};

export const dataRules: Rule[] = [
  rule({
    id: 'KP-DATA-01',
    principles: ['B.children.privacy', 'C.services-privacy'],
    summary:
      'Restrict child records by role and purpose and log all reads and writes; never publish or export identifying data; share externally only with a legal basis, DPO approval, data minimisation and a logged purpose.',
    severity: 'block',
    previewable: false,
  })
    .on('case.SHARE_RECORD', checkSharing)
    .on('case.TRANSFER', checkTransfer),
  rule({
    id: 'KP-DATA-02',
    principles: ['B.children.stigmatisation', 'B.children.privacy'],
    summary: 'A child goes on a watch list or security database only on a child-specific criminal-evidence basis recorded by a legal officer; entries are reviewed periodically and deleted when the basis lapses.',
    severity: 'block',
    previewable: false,
  })
    .on('legal.REQUEST_WATCHLIST_ENTRY', (ctx) => {
      const facts = ['person.dateOfBirth', 'command.childSpecificBasis', 'command.evidenceIds', 'actor.roles'];
      if (!subjectIsChild(ctx)) return pass(common('not_a_child'), { facts });
      const d = data(ctx) as Partial<WatchlistRequest>;
      const gaps: Message[] = [];
      const toAllow: Message[] = [];
      if (!ctx.actor.roles.includes('legal_officer')) {
        gaps.push(say('KP-DATA-02.not_legal_officer'));
        toAllow.push(say('KP-DATA-02.allow_legal_officer'));
      }
      if ((d.childSpecificBasis?.trim().length ?? 0) < 10) {
        gaps.push(say('KP-DATA-02.no_basis'));
        toAllow.push(say('KP-DATA-02.allow_basis'));
      }
      const cited = citedEvidenceIds(ctx);
      const { found } = evidenceByIds(ctx.subject, cited);
      if (!found.some((e) => isPersonSpecific(e) && isUsable(e))) {
        gaps.push(say('KP-DATA-02.not_own_conduct'));
        toAllow.push(say('KP-DATA-02.allow_own_conduct_evidence'));
      }
      const evidence = cited.length ? { evidenceIds: cited } : {};
      if (gaps.length) return fail([say('KP-DATA-02.watchlist_refused'), ...gaps], { facts, ...evidence, toAllow });
      return pass(say('KP-DATA-02.basis_recorded'), { facts, ...evidence });
    })
    .on('legal.REVIEW_WATCHLIST_ENTRY', (ctx) => {
      const facts = ['person.dateOfBirth', 'command.keep', 'legal.watchlist'];
      if (!subjectIsChild(ctx)) return pass(common('not_a_child'), { facts });
      if (data(ctx)['keep'] !== true) return pass(say('KP-DATA-02.entry_deleted'), { facts });
      const active = ((ctx.workflow.context as Partial<LegalContext>).watchlist ?? []).filter((e) => e.status === 'active');
      const weak = active.filter((e) => !e.childSpecificBasis);
      if (weak.length) return fail(say('KP-DATA-02.weak_entry', { entries: weak.length }), { facts, toAllow: [say('KP-DATA-02.allow_delete')] });
      return pass(say('KP-DATA-02.basis_stands'), { facts });
    })
    .on('case.SHARE_RECORD', checkSecurityShare),
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
      const facts = ['command.evidenceIds', 'command.forum', 'legal.childJustice', 'case.sealed', 'person.dateOfBirth', 'command.text'];
      const sealed = sealedEvidenceIds(ctx);
      const cited = citedEvidenceIds(ctx);
      const used = isJuvenileProceeding(ctx) ? [] : cited.filter((id) => sealed.has(id));
      const words = stigmatisingTerms(ctx);
      const evidence = cited.length ? { evidenceIds: cited } : {};
      if (used.length) {
        const also = words.length ? [say('KP-DATA-03.also_stigmatising', { words })] : [];
        return fail([say('KP-DATA-03.sealed_used', { evidence: used }), ...also], { facts, ...evidence, toAllow: [say('KP-DATA-03.allow_unsealed'), ...(words.length ? [say('KP-DATA-03.allow_neutral')] : [])] });
      }
      if (words.length) return fail(say('KP-DATA-03.stigmatising', { words }), { severity: 'warn', facts, ...evidence, toAllow: [say('KP-DATA-03.allow_neutral')] });
      return pass(say('KP-DATA-03.clean'), { facts, ...evidence });
    },
  }),
];

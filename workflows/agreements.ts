import { z } from 'zod';
import { freeText, plain } from './personal.ts';
import { ageBand, calendarDate, youngestAge } from './age.ts';
import { RECIPIENT_KINDS, SHAREABLE_FIELDS, type ShareableField } from './sharing.ts';
import type { CaseView } from './rules/types.ts';
import { birthErased, chooseDateOfBirth } from './rules/facts.ts';
import { ERASED } from './redaction.ts';

/**
 * Data-sharing agreements (KP-DATA-01; ICRC Handbook on data protection in humanitarian action,
 * international data sharing; UNHCR data protection policy ch. 6). Every disclosure outside the
 * organisation rests on one: who receives (a State's authority or an agency), on which legal
 * basis, for which purposes, which fields, from when until when, approved by a data protection
 * officer other than the one who proposed it (four-eyes). Pure: the engine stores them.
 */
const day = plain(z.iso.date());

export const AgreementInput = z.strictObject({
  recipient: z.strictObject({
    name: z.string().min(1).max(200),
    kind: z.enum(RECIPIENT_KINDS),
    /** ISO 3166-1 alpha-2 of the recipient State, for a State authority. */
    state: z.string().regex(/^[A-Z]{2}$/).optional(),
  }),
  legalBasis: z.string().min(3).max(2000),
  purposes: z.array(z.string().min(3).max(500)).min(1).max(20),
  /** The fields it allows; `full_record` never (data minimisation). */
  fields: z.array(z.enum(SHAREABLE_FIELDS).exclude(['full_record'])).min(1).max(SHAREABLE_FIELDS.length),
  validFrom: day,
  validTo: day,
}).refine((a) => a.validFrom <= a.validTo, { path: ['validTo'], message: 'validTo is before validFrom' });
export type AgreementInput = z.infer<typeof AgreementInput>;

export const AGREEMENT_STATUSES = ['proposed', 'approved'] as const;

/** An agreement as stored and as the engine puts it into a SHARE_RECORD's data for the rules to judge. */
export const SharingAgreement = z.strictObject({
  id: plain(z.string().min(1).max(100)),
  recipient: z.strictObject({ name: freeText(z.string()), kind: z.enum(RECIPIENT_KINDS), state: plain(z.string()).optional() }),
  legalBasis: freeText(z.string()),
  purposes: z.array(freeText(z.string())),
  fields: z.array(z.enum(SHAREABLE_FIELDS)),
  validFrom: day,
  validTo: day,
  status: z.enum(AGREEMENT_STATUSES),
  proposedBy: plain(z.string()),
  approvedBy: plain(z.string()).nullable(),
});
export type SharingAgreement = z.infer<typeof SharingAgreement>;

export type AgreementGap = 'not_approved' | 'not_yet_in_force' | 'expired';

/**
 * Why an agreement does not cover a disclosure on `today` (YYYY-MM-DD); empty when it is in force.
 * KP-DATA-01 names each with the agreement's dates.
 */
export function agreementGaps(a: SharingAgreement, today: string): AgreementGap[] {
  const gaps: AgreementGap[] = [];
  if (a.status !== 'approved' || !a.approvedBy) gaps.push('not_approved');
  if (today < a.validFrom) gaps.push('not_yet_in_force');
  if (today > a.validTo) gaps.push('expired');
  return gaps;
}

/** The grounds a share to a security body states: a child's never rest on family or association (KP-DATA-02). */
export const SHARE_GROUNDS = ['individual_conduct', 'protection', 'repatriation', 'family_links', 'association'] as const;
export const GUILT_BY_ASSOCIATION: ReadonlySet<string> = new Set(['family_links', 'association']);

/** Which workflow a shareable field stands for (its state and outcome are shared, not its working notes). */
const WORKFLOW_FIELDS: Partial<Record<ShareableField, string>> = {
  screening: 'screening',
  bestInterests: 'best_interests',
  legal: 'legal',
  detention: 'detention',
  rehabilitation: 'rehabilitation',
};

/**
 * The content of a dossier: exactly `fields` of the case (data minimisation), each as recorded.
 * Fields the record does not hold (photo, biometrics, contact) are shown as not recorded.
 */
export function dossierContent(c: CaseView, fields: readonly ShareableField[], at: string, familyLinks: ReadonlyArray<{ caseId: string; relation: string }> = []): Partial<Record<ShareableField, unknown>> {
  const p = c.facts.person;
  const out: Partial<Record<ShareableField, unknown>> = {};
  for (const f of fields) {
    const kind = WORKFLOW_FIELDS[f];
    if (kind) out[f] = c.workflows.filter((w) => w.kind === kind).map((w) => ({ instance: w.instance, state: w.state, outcome: w.outcome ?? null }));
    else if (f === 'names') out[f] = p.names;
    else if (f === 'dateOfBirth') out[f] = p.dateOfBirth;
    else if (f === 'placeOfBirth') out[f] = p.placeOfBirth ?? null;
    else if (f === 'documents') out[f] = p.documents;
    else if (f === 'sex') out[f] = p.sex;
    else if (f === 'ageBand') {
      // An erased date of birth gives no band (its any-age range would read "0-4").
      const dob = chooseDateOfBirth(p.dateOfBirth, undefined);
      out[f] = birthErased(dob) ? ERASED : ageBand(youngestAge(dob, calendarDate(at)));
    }
    else if (f === 'nationalities') out[f] = p.nationalities;
    else if (f === 'location') out[f] = c.facts.location;
    else if (f === 'vulnerabilities') out[f] = p.vulnerabilities;
    else if (f === 'familyLinks') out[f] = familyLinks;
    else if (f === 'evidence') out[f] = c.evidence.map((e) => ({ id: e.id, kind: e.kind, concerns: e.concerns }));
    else out[f] = null;
  }
  return out;
}

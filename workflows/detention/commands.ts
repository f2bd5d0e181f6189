import { z } from 'zod';
import { OptionalReason, words } from '../commandFields.ts';
import { commandTable, type DeclaredCommand } from '../commandTable.ts';
import type { CommandEvent } from '../definition.ts';
import type { RuleContext } from '../rules/types.ts';
import { Detain, RecordDetention, Review } from './model.ts';

const reason = z.strictObject({ reason: words() });
/**
 * RELEASE: WORKFLOWS.md shows it with no data. The reasons (or the envelope's justification) are
 * still asked for; a release without them is flagged by KP-SYS-01 (WARN), never refused.
 */
export const detentionCommands = commandTable('detention', {
  DETAIN: {
    roles: ['legal_officer'],
    data: Detain,
    summary: 'order or record detention (a closed camp counts)',
  },
  RECORD_DETENTION: {
    roles: ['legal_officer', 'supervisor'],
    data: RecordDetention,
    summary: 'record a deprivation of liberty (or a move) ordered by another authority; failures are flagged and escalated, never left unrecorded',
  },
  REVIEW: { roles: ['supervisor', 'legal_officer'], data: Review, summary: 'periodic review: continue or release' },
  RELEASE: { roles: ['supervisor', 'legal_officer'], data: OptionalReason, summary: 'release' },
} as const satisfies Record<string, DeclaredCommand>);

/** The engine's follow-up of the legal workflow's ANNUL_REFERRAL (KP-SYS-01); no user sends it. */
export interface ReferralAnnulled {
  readonly type: 'REFERRAL_ANNULLED';
  readonly data: { readonly reason?: string };
  readonly ctx: RuleContext;
}

export type DetentionEvent = CommandEvent<typeof detentionCommands> | ReferralAnnulled;

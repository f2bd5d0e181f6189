import { z } from 'zod';
import { OptionalReason, words } from '../commandFields.ts';
import { commandTable, type DeclaredCommand } from '../commandTable.ts';
import type { CommandEvent } from '../definition.ts';
import { ChargeData, FileAppeal, OpenInvestigation, RecordFairTrial, RecordJudgment, ReferDiversion, WatchlistRequest, WatchlistReview } from './model.ts';

const reason = z.strictObject({ reason: words() });
/** CLOSE: WORKFLOWS.md shows it with no data; closing proceedings without reasons is flagged by KP-SYS-01 (WARN). */
export const legalCommands = commandTable('legal', {
  OPEN_INVESTIGATION: {
    roles: ['legal_officer'],
    data: OpenInvestigation,
    summary: 'open a criminal investigation on person-specific, untainted evidence',
  },
  REFER_DIVERSION: { roles: ['legal_officer'], data: ReferDiversion, summary: 'refer to diversion or a non-judicial measure (the default for children)' },
  CHARGE: {
    roles: ['legal_officer'],
    data: ChargeData,
    summary: 'refer for prosecution: charges, forum and the fair-trial checklist',
  },
  RECORD_JUDGMENT: { roles: ['legal_officer'], data: RecordJudgment, summary: 'record the judgment (external event)' },
  RECORD_FAIR_TRIAL: { roles: ['legal_officer'], data: RecordFairTrial, summary: 'record the fair-trial checklist as monitored (presumption of innocence, information on the charges, counsel, interpreter, appropriate adult)' },
  FILE_APPEAL: { roles: ['legal_officer'], data: FileAppeal, summary: 'record an appeal' },
  CLOSE: { roles: ['legal_officer'], data: OptionalReason, summary: 'close the proceedings' },
  ANNUL_REFERRAL: { roles: ['legal_officer'], data: reason, summary: 'record that an appeal or review annulled the prosecution referral (releases prosecution-based detention)' },
  REQUEST_WATCHLIST_ENTRY: {
    roles: ['legal_officer'],
    data: WatchlistRequest,
    summary: 'enter the person on a watch list or security database',
  },
  REVIEW_WATCHLIST_ENTRY: { roles: ['legal_officer'], data: WatchlistReview, summary: 'periodic review of a watch-list entry: keep or delete' },
} as const satisfies Record<string, DeclaredCommand>);

export type LegalEvent = CommandEvent<typeof legalCommands>;

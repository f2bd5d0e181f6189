import { z } from 'zod';
import { OptionalReason, text } from '../commandFields.ts';
import type { CommandEvent, CommandSpec } from '../definition.ts';
import { ChargeData, FileAppeal, OpenInvestigation, RecordJudgment, ReferDiversion, WatchlistRequest, WatchlistReview } from './model.ts';

const reason = z.strictObject({ reason: text() });
/** CLOSE: WORKFLOWS.md shows it with no data; closing proceedings without reasons is flagged by KP-SYS-01 (WARN). */
export const legalCommands = {
  OPEN_INVESTIGATION: {
    roles: ['legal_officer'],
    data: OpenInvestigation,
    rules: ['KP-SCR-01', 'KP-SCR-02', 'KP-SCR-04', 'KP-JUS-06', 'KP-JUS-01', 'KP-JUS-07', 'KP-DATA-03'],
    summary: 'open a criminal investigation on person-specific, untainted evidence',
  },
  REFER_DIVERSION: { roles: ['legal_officer'], data: ReferDiversion, rules: ['KP-DATA-03'], summary: 'refer to diversion or a non-judicial measure (the default for children)' },
  CHARGE: {
    roles: ['legal_officer'],
    data: ChargeData,
    rules: ['KP-SCR-01', 'KP-SCR-02', 'KP-JUS-06', 'KP-SYS-02', 'KP-AGE-01', 'KP-AGE-02', 'KP-AGE-03', 'KP-JUS-01', 'KP-JUS-02', 'KP-JUS-03', 'KP-JUS-04', 'KP-JUS-05', 'KP-JUS-07', 'KP-DATA-03'],
    summary: 'refer for prosecution: charges, forum and the fair-trial checklist',
  },
  RECORD_JUDGMENT: { roles: ['legal_officer'], data: RecordJudgment, rules: ['KP-JUS-04', 'KP-JUS-05', 'KP-DATA-03'], summary: 'record the judgment (external event)' },
  FILE_APPEAL: { roles: ['legal_officer'], data: FileAppeal, rules: [], summary: 'record an appeal' },
  CLOSE: { roles: ['legal_officer'], data: OptionalReason, rules: ['KP-SYS-01', 'KP-JUS-05'], summary: 'close the proceedings' },
  ANNUL_REFERRAL: { roles: ['legal_officer'], data: reason, rules: ['KP-SYS-01', 'KP-SYS-03'], summary: 'record that an appeal or review annulled the prosecution referral (releases prosecution-based detention)' },
  REQUEST_WATCHLIST_ENTRY: {
    roles: ['legal_officer'],
    data: WatchlistRequest,
    rules: ['KP-SCR-01', 'KP-SCR-02', 'KP-JUS-06', 'KP-DATA-02', 'KP-DATA-03'],
    summary: 'enter the person on a watch list or security database',
  },
  REVIEW_WATCHLIST_ENTRY: { roles: ['legal_officer'], data: WatchlistReview, rules: ['KP-SYS-01', 'KP-DATA-02'], summary: 'periodic review of a watch-list entry: keep or delete' },
} as const satisfies Record<string, CommandSpec>;

export type LegalEvent = CommandEvent<typeof legalCommands>;

import { z } from 'zod';
import { OptionalReason } from '../commandFields.ts';
import { freeText } from '../personal.ts';
import { commandTable, type DeclaredCommand } from '../commandTable.ts';
import type { CommandEvent } from '../definition.ts';
import { AssignCase, EraseCase, ShareRecord, TransferCase } from './model.ts';

const reason = z.strictObject({ reason: freeText(z.string().min(1).max(5000)) });

/** REOPEN: WORKFLOWS.md shows it with no data; a reopening without reasons is flagged by KP-SYS-01 (WARN). */
export const caseCommands = commandTable('case', {
  CLOSE: { roles: ['supervisor'], data: reason, summary: 'close the case' },
  REOPEN: { roles: ['supervisor'], data: OptionalReason, summary: 'reopen a closed case' },
  SHARE_RECORD: { roles: ['supervisor', 'data_protection_officer'], data: ShareRecord, summary: 'share fields of the record outside the organisation under a data-sharing agreement in force (logged)' },
  ASSIGN: { roles: ['supervisor'], data: AssignCase, summary: 'assign the case to users of the owning team (or a team of the same organisation); they then see and work it' },
  SEAL: { roles: ['data_protection_officer'], data: reason, summary: 'seal the record (KP-DATA-03): afterwards only the data protection officer and break-glass read it; a seal is never lifted' },
  ERASE: { roles: ['supervisor'], data: EraseCase, summary: "erase the person's record by destroying their data key (crypto-shredding): a data protection officer confirms; the audit trail keeps who, when and the verdicts" },
  TRANSFER: { roles: ['supervisor'], data: TransferCase, summary: 'move the case to another team, which then owns it; the old team and the assigned users lose access' },
} as const satisfies Record<string, DeclaredCommand>);

export type CaseEvent = CommandEvent<typeof caseCommands>;

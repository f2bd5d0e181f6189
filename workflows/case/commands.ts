import { z } from 'zod';
import { OptionalReason } from '../commandFields.ts';
import { freeText } from '../personal.ts';
import { commandTable, type DeclaredCommand } from '../commandTable.ts';
import type { CommandEvent } from '../definition.ts';
import { ShareRecord } from './model.ts';

const reason = z.strictObject({ reason: freeText(z.string().min(1).max(5000)) });

/** REOPEN: WORKFLOWS.md shows it with no data; a reopening without reasons is flagged by KP-SYS-01 (WARN). */
export const caseCommands = commandTable('case', {
  CLOSE: { roles: ['supervisor'], data: reason, summary: 'close the case' },
  REOPEN: { roles: ['supervisor'], data: OptionalReason, summary: 'reopen a closed case' },
  SHARE_RECORD: { roles: ['supervisor', 'data_protection_officer'], data: ShareRecord, summary: 'share fields of the record outside the organisation under a data-sharing agreement in force (logged)' },
} as const satisfies Record<string, DeclaredCommand>);

export type CaseEvent = CommandEvent<typeof caseCommands>;

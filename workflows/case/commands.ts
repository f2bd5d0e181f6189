import { z } from 'zod';
import { OptionalReason } from '../commandFields.ts';
import type { CommandEvent, CommandSpec } from '../definition.ts';
import { ShareRecord } from './model.ts';

const reason = z.strictObject({ reason: z.string().min(1).max(5000) });

/** REOPEN: WORKFLOWS.md shows it with no data; a reopening without reasons is flagged by KP-SYS-01 (WARN). */
export const caseCommands = {
  CLOSE: {
    roles: ['supervisor'],
    data: reason,
    // KP-CARE-02: no closure while a review is overdue; KP-RET-04: a refused return is reviewed first;
    // KP-REH-01: a returned woman or child has a rehabilitation and reintegration plan.
    rules: ['KP-SYS-01', 'KP-CARE-02', 'KP-RET-04', 'KP-REH-01'],
    summary: 'close the case',
  },
  REOPEN: { roles: ['supervisor'], data: OptionalReason, rules: ['KP-SYS-01'], summary: 'reopen a closed case' },
  SHARE_RECORD: { roles: ['supervisor'], data: ShareRecord, rules: ['KP-DATA-01'], summary: 'share part of the record outside the organisation (logged)' },
} as const satisfies Record<string, CommandSpec>;

export type CaseEvent = CommandEvent<typeof caseCommands>;

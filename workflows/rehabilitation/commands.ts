import { z } from 'zod';
import { OptionalReason } from '../commandFields.ts';
import { freeText } from '../personal.ts';
import { commandTable, type DeclaredCommand } from '../commandTable.ts';
import type { CommandEvent } from '../definition.ts';
import { CreatePlan, RecordProgress, ReviewPlan } from './model.ts';

const reason = z.strictObject({ reason: freeText(z.string().min(1).max(5000)) });
/** COMPLETE: WORKFLOWS.md shows it with no data; a completion without reasons is flagged by KP-SYS-01 (WARN). */
const empty = z.strictObject({});


export const rehabilitationCommands = commandTable('rehabilitation', {
  CREATE_PLAN: { roles: ['caseworker'], data: CreatePlan, summary: 'create the individual rehabilitation and reintegration plan' },
  REVIEW_PLAN: { roles: ['caseworker'], data: ReviewPlan, summary: 'review the plan and set the next review date' },
  START: { roles: ['caseworker'], data: empty, summary: 'start delivering the planned services' },
  RECORD_PROGRESS: { roles: ['caseworker'], data: RecordProgress, summary: 'record progress on the plan' },
  COMPLETE: { roles: ['caseworker'], data: OptionalReason, summary: 'complete the plan' },
  REOPEN: { roles: ['caseworker'], data: reason, summary: 'resume services after completion' },
} as const satisfies Record<string, DeclaredCommand>);

export type RehabilitationEvent = CommandEvent<typeof rehabilitationCommands>;

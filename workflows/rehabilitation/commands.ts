import { z } from 'zod';
import { OptionalReason } from '../commandFields.ts';
import type { CommandEvent, CommandSpec } from '../definition.ts';
import { CreatePlan, RecordProgress, ReviewPlan } from './model.ts';

const reason = z.strictObject({ reason: z.string().min(1).max(5000) });
/** COMPLETE: WORKFLOWS.md shows it with no data; a completion without reasons is flagged by KP-SYS-01 (WARN). */
const empty = z.strictObject({});

const PLAN_RULES = ['KP-REH-01', 'KP-REH-02', 'KP-HUM-01'] as const;

export const rehabilitationCommands = {
  CREATE_PLAN: { roles: ['caseworker'], data: CreatePlan, rules: PLAN_RULES, summary: 'create the individual rehabilitation and reintegration plan' },
  REVIEW_PLAN: { roles: ['caseworker'], data: ReviewPlan, rules: PLAN_RULES, summary: 'review the plan and set the next review date' },
  START: { roles: ['caseworker'], data: empty, rules: [], summary: 'start delivering the planned services' },
  RECORD_PROGRESS: { roles: ['caseworker'], data: RecordProgress, rules: [], summary: 'record progress on the plan' },
  COMPLETE: { roles: ['caseworker'], data: OptionalReason, rules: ['KP-SYS-01'], summary: 'complete the plan' },
  REOPEN: { roles: ['caseworker'], data: reason, rules: ['KP-SYS-01'], summary: 'resume services after completion' },
} as const satisfies Record<string, CommandSpec>;

export type RehabilitationEvent = CommandEvent<typeof rehabilitationCommands>;

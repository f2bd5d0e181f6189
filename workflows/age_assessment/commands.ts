import { z } from 'zod';
import { OptionalReason } from '../commandFields.ts';
import type { CommandEvent, CommandSpec } from '../definition.ts';
import { RecordAge } from './model.ts';

/** REOPEN: WORKFLOWS.md shows it with no data; a reopening without reasons is flagged by KP-SYS-01 (WARN). */
export const ageAssessmentCommands = {
  RECORD_AGE: { roles: ['caseworker'], data: RecordAge, rules: ['KP-AGE-04'], summary: 'record a holistic age assessment' },
  CONFIRM: { roles: ['supervisor'], data: z.strictObject({}), rules: ['KP-SYS-03'], summary: 'confirm the assessed age range (four-eyes)' },
  REOPEN: { roles: ['supervisor'], data: OptionalReason, rules: ['KP-SYS-01'], summary: 'reopen the age assessment' },
} as const satisfies Record<string, CommandSpec>;

export type AgeAssessmentEvent = CommandEvent<typeof ageAssessmentCommands>;

import { z } from 'zod';
import { OptionalReason } from '../commandFields.ts';
import { commandTable, type DeclaredCommand } from '../commandTable.ts';
import type { CommandEvent } from '../definition.ts';
import { RecordAge } from './model.ts';

/** REOPEN: WORKFLOWS.md shows it with no data; a reopening without reasons is flagged by KP-SYS-01 (WARN). */
export const ageAssessmentCommands = commandTable('age_assessment', {
  RECORD_AGE: { roles: ['caseworker'], data: RecordAge, summary: 'record a holistic age assessment' },
  CONFIRM: { roles: ['supervisor'], data: z.strictObject({}), summary: 'confirm the assessed age range (four-eyes)' },
  REOPEN: { roles: ['supervisor'], data: OptionalReason, summary: 'reopen the age assessment' },
} as const satisfies Record<string, DeclaredCommand>);

export type AgeAssessmentEvent = CommandEvent<typeof ageAssessmentCommands>;

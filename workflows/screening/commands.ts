import { z } from 'zod';
import { commandTable, type DeclaredCommand } from '../commandTable.ts';
import { freeText } from '../personal.ts';
import type { CommandEvent } from '../definition.ts';
import { Assessment, Interview, RecordReferral } from './model.ts';

const reason = z.strictObject({ reason: freeText(z.string().min(1).max(5000)) });
const empty = z.strictObject({});

export const screeningCommands = commandTable('screening', {
  START: { roles: ['caseworker'], data: empty, summary: 'open the individual screening' },
  RECORD_INTERVIEW: { roles: ['caseworker'], data: Interview, summary: 'record an interview' },
  RECORD_ASSESSMENT: {
    roles: ['caseworker'],
    data: Assessment,
    summary: 'record the individual assessment',
  },
  RECORD_REFERRAL: { roles: ['caseworker'], data: RecordReferral, summary: 'record a protection referral made after the assessment (closes its referral task)' },
  SUBMIT: { roles: ['caseworker'], data: empty, summary: 'submit for supervisor approval' },
  RETURN: { roles: ['supervisor'], data: reason, summary: 'return to the caseworker' },
  APPROVE: { roles: ['supervisor'], data: empty, summary: 'approve the screening (four-eyes)' },
  REOPEN: { roles: ['supervisor'], data: reason, summary: 'reopen a completed screening' },
} as const satisfies Record<string, DeclaredCommand>);

export type ScreeningEvent = CommandEvent<typeof screeningCommands>;

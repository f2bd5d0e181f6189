import { z } from 'zod';
import type { CommandEvent, CommandSpec } from '../definition.ts';
import { Assessment, Interview } from './model.ts';

const reason = z.strictObject({ reason: z.string().min(1).max(5000) });
const empty = z.strictObject({});

export const screeningCommands = {
  START: { roles: ['caseworker'], data: empty, rules: [], summary: 'open the individual screening' },
  RECORD_INTERVIEW: { roles: ['caseworker'], data: Interview, rules: ['KP-SCR-05', 'KP-GEN-01'], summary: 'record an interview' },
  RECORD_ASSESSMENT: {
    roles: ['caseworker'],
    data: Assessment,
    rules: ['KP-SCR-01', 'KP-SCR-02', 'KP-SCR-03', 'KP-SCR-04', 'KP-GEN-01', 'KP-JUS-06'],
    summary: 'record the individual assessment',
  },
  SUBMIT: { roles: ['caseworker'], data: empty, rules: ['KP-SCR-01', 'KP-SCR-05'], summary: 'submit for supervisor approval' },
  RETURN: { roles: ['supervisor'], data: reason, rules: [], summary: 'return to the caseworker' },
  APPROVE: { roles: ['supervisor'], data: empty, rules: ['KP-SYS-03', 'KP-SCR-01', 'KP-SCR-05'], summary: 'approve the screening (four-eyes)' },
  REOPEN: { roles: ['supervisor'], data: reason, rules: ['KP-SYS-01'], summary: 'reopen a completed screening' },
} as const satisfies Record<string, CommandSpec>;

export type ScreeningEvent = CommandEvent<typeof screeningCommands>;

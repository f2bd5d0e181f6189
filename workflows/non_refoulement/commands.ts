import { z } from 'zod';
import { StateCode } from '../caseFile.ts';
import type { CommandEvent, CommandSpec } from '../definition.ts';
import { Conclude, RecordFindings } from './model.ts';

const Start = z.strictObject({ destination: StateCode });
const Reopen = z.strictObject({ newInformation: z.string().min(1).max(5000) });
const empty = z.strictObject({});

export const nonRefoulementCommands = {
  START: { roles: ['legal_officer'], data: Start, rules: [], summary: 'open the non-refoulement assessment for a destination State' },
  RECORD_FINDINGS: { roles: ['legal_officer'], data: RecordFindings, rules: [], summary: 'record the risk findings (assurances as evidence only)' },
  SUBMIT: { roles: ['legal_officer'], data: empty, rules: ['KP-RET-01'], summary: 'submit the assessment for conclusion' },
  CONCLUDE: {
    roles: ['legal_officer'],
    data: Conclude,
    rules: ['KP-SYS-03', 'KP-RET-01', 'KP-RET-03'],
    summary: 'conclude: the findings decide cleared or risk identified (four-eyes)',
  },
  REOPEN: { roles: ['legal_officer'], data: Reopen, rules: ['KP-SYS-01'], summary: 'reopen on new information' },
} as const satisfies Record<string, CommandSpec>;

export type NonRefoulementEvent = CommandEvent<typeof nonRefoulementCommands>;

import { z } from 'zod';
import { StateCode } from '../caseFile.ts';
import { freeText } from '../personal.ts';
import { commandTable, type DeclaredCommand } from '../commandTable.ts';
import type { CommandEvent } from '../definition.ts';
import { Conclude, RecordFindings } from './model.ts';

const Start = z.strictObject({ destination: StateCode });
const Reopen = z.strictObject({ newInformation: freeText(z.string().min(1).max(5000)) });
const empty = z.strictObject({});

export const nonRefoulementCommands = commandTable('non_refoulement', {
  START: { roles: ['legal_officer'], data: Start, summary: 'open the non-refoulement assessment for a destination State' },
  RECORD_FINDINGS: { roles: ['legal_officer'], data: RecordFindings, summary: 'record the risk findings (assurances as evidence only)' },
  SUBMIT: { roles: ['legal_officer'], data: empty, summary: 'submit the assessment for conclusion' },
  CONCLUDE: {
    roles: ['legal_officer'],
    data: Conclude,
    summary: 'conclude: the findings decide cleared or risk identified (four-eyes)',
  },
  REOPEN: { roles: ['legal_officer'], data: Reopen, summary: 'reopen on new information' },
} as const satisfies Record<string, DeclaredCommand>);

export type NonRefoulementEvent = CommandEvent<typeof nonRefoulementCommands>;

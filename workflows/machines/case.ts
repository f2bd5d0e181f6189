import { assign, setup } from 'xstate';
import { z } from 'zod';
import { guardedBy, ruleGuards, stamp, type CommandSpec, type WorkflowDefinition, type WorkflowEvent } from '../definition.ts';
import { RECIPIENT_KINDS, SHAREABLE_FIELDS, type RecipientKind, type ShareableField } from '../privacy.ts';
import { OptionalReason, reasonOf } from './commandData.ts';

/** The case as a whole: closure, reopening and external sharing (WORKFLOWS.md "case"). A case is never deleted. */

const reason = z.strictObject({ reason: z.string().min(1).max(5000) });
/** REOPEN: WORKFLOWS.md shows it with no data; a reopening without reasons is flagged by KP-SYS-01 (WARN). */

/**
 * An external share of the record (KP-DATA-01). `legalBasis`, `dpoApproved` and `purpose` may be
 * left out so that the rule, not the schema, refuses the share with its id (WORKFLOWS.md).
 */
export const ShareRecord = z.strictObject({
  recipient: z.strictObject({ name: z.string().min(1).max(200), kind: z.enum(RECIPIENT_KINDS) }),
  legalBasis: z.string().max(2000).optional(),
  dpoApproved: z.boolean().default(false),
  purpose: z.string().max(2000).optional(),
  fields: z.array(z.enum(SHAREABLE_FIELDS)).max(SHAREABLE_FIELDS.length),
});
export type ShareRecord = z.infer<typeof ShareRecord>;

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

export interface CaseContext {
  closures: Array<{ reason: string; by: string; at: string }>;
  reopenings: Array<{ reason: string; by: string; at: string }>;
  /** The sharing log (KP-DATA-01): recipient, basis, purpose and the fields shared. Never the data itself. */
  sharings: Array<{ recipient: { name: string; kind: RecipientKind }; legalBasis: string; purpose: string; fields: ShareableField[]; dpoApproved: boolean; by: string; at: string }>;
}

export const caseMachine = setup({
  types: { context: {} as CaseContext, events: {} as WorkflowEvent },
  guards: ruleGuards,
  actions: {
    recordClosure: assign({
      closures: ({ context, event }) => [...context.closures, { reason: String(event.data['reason']), ...stamp(event) }],
    }),
    recordReopening: assign({
      reopenings: ({ context, event }) => [...(context.reopenings ?? []), { reason: reasonOf(event), ...stamp(event) }],
    }),
    recordSharing: assign({
      sharings: ({ context, event }) => {
        const d = event.data as ShareRecord;
        return [...(context.sharings ?? []), { recipient: d.recipient, legalBasis: d.legalBasis ?? '', purpose: d.purpose ?? '', fields: d.fields, dpoApproved: d.dpoApproved, ...stamp(event) }];
      },
    }),
  },
}).createMachine({
  id: 'case',
  initial: 'open',
  context: { closures: [], reopenings: [], sharings: [] },
  on: { SHARE_RECORD: { guard: guardedBy(caseCommands.SHARE_RECORD), actions: 'recordSharing' } },
  states: {
    open: { on: { CLOSE: { target: 'closed', guard: guardedBy(caseCommands.CLOSE), actions: 'recordClosure' } } },
    closed: { on: { REOPEN: { target: 'open', guard: guardedBy(caseCommands.REOPEN), actions: 'recordReopening' } } },
  },
});

export const caseWorkflow: WorkflowDefinition = {
  kind: 'case',
  version: 1,
  title: 'Case',
  machine: caseMachine,
  commands: caseCommands,
  instances: 'single',
  outcome: (state) => (state === 'closed' ? 'closed' : null),
};

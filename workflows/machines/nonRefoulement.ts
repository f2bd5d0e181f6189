import { and, assign, setup } from 'xstate';
import { z } from 'zod';
import { IsoDate, StateCode } from '../caseFile.ts';
import { guardedBy, ruleGuards, stamp, type CommandSpec, type WorkflowDefinition, type WorkflowEvent } from '../definition.ts';
import { addDays } from '../age.ts';
import { RISK_LEVELS, RISK_TYPES, planReversals, readConclude, riskStands } from '../rules/return.ts';
import { workflowOf } from '../rules/facts.ts';

/**
 * Individual non-refoulement assessment, one instance per destination State (KP B-HUM4, C6;
 * WORKFLOWS.md "non_refoulement"). The findings decide the conclusion, never the user: any
 * substantial risk concludes `risk_identified`, and diplomatic assurances can lift it only with an
 * independent legal review, a monitoring plan, written reasons and a second legal officer (KP-RET-03).
 */

export const Risk = z.strictObject({
  type: z.enum(RISK_TYPES),
  level: z.enum(RISK_LEVELS),
  sources: z.array(z.string().min(1).max(500)).min(1).max(50),
  notes: z.string().max(5000).optional(),
});
export type Risk = z.infer<typeof Risk>;

/** Diplomatic assurances are recorded as evidence only (KP-RET-03). */
export const DiplomaticAssurances = z.strictObject({
  from: z.string().min(1).max(200),
  summary: z.string().min(1).max(5000),
  date: IsoDate,
  covers: z.array(z.enum(RISK_TYPES)).min(1).max(RISK_TYPES.length),
});
export type DiplomaticAssurances = z.infer<typeof DiplomaticAssurances>;

export const RecordFindings = z.strictObject({
  risks: z.array(Risk).min(1).max(30),
  diplomaticAssurances: DiplomaticAssurances.optional(),
});
export type RecordFindings = z.infer<typeof RecordFindings>;

/**
 * CONCLUDE carries no verdict of its own: the machine reads the findings. `relyOnAssurances`
 * asks to clear a substantial risk on the strength of assurances, which KP-RET-03 guards.
 */
export const Conclude = z.strictObject({
  relyOnAssurances: z.boolean().default(false),
  assuranceReview: z
    .strictObject({
      reviewer: z.string().min(1).max(200),
      independent: z.boolean(),
      conclusion: z.string().min(1).max(5000),
      date: IsoDate,
    })
    .optional(),
  monitoringPlan: z
    .strictObject({
      monitor: z.string().min(1).max(200),
      schedule: z.string().min(1).max(1000),
      contactArrangements: z.string().min(1).max(2000),
    })
    .optional(),
});
export type Conclude = z.infer<typeof Conclude>;

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

export type NonRefoulementResult = 'cleared' | 'risk_identified';

export interface NonRefoulementContext {
  destination: string | null;
  findings: (RecordFindings & { by: string; at: string }) | null;
  /** Author of the standing findings (KP-SYS-03: never the concluder). */
  authoredBy: string | null;
  submittedBy: string | null;
  concludedBy: string | null;
  /** The second legal officer who confirmed a conclusion relying on assurances (KP-RET-03). */
  confirmedBy: string | null;
  concludedAt: string | null;
  result: NonRefoulementResult | null;
  conclusion: Conclude | null;
  /** Every conclusion and reopening, oldest first: nothing is deleted (KP-SYS-01). */
  history: Array<{ event: 'concluded' | 'reopened'; result?: NonRefoulementResult; newInformation?: string; by: string; at: string }>;
}

const c = nonRefoulementCommands;

export const nonRefoulementMachine = setup({
  types: { context: {} as NonRefoulementContext, events: {} as WorkflowEvent },
  guards: {
    ...ruleGuards,
    /** A substantial risk stands: no assurance route was asked for, or it does not lift the risk. */
    riskStands: ({ context, event }) => riskStands(context.findings, event.data, event.ctx.settings),
  },
  actions: {
    start: assign({ destination: ({ event }) => String(event.data['destination']) }),
    recordFindings: assign(({ event }) => ({ findings: { ...(event.data as RecordFindings), ...stamp(event) }, authoredBy: event.ctx.actor.id })),
    recordSubmission: assign({ submittedBy: ({ event }) => event.ctx.actor.id }),
    conclude: assign(({ context, event }, params: { result: NonRefoulementResult }) => {
      const s = stamp(event);
      const proposer = event.ctx.proposedBy?.id;
      const by = proposer ?? s.by;
      return {
        result: params.result,
        concludedAt: s.at,
        concludedBy: by,
        confirmedBy: proposer ? s.by : null,
        conclusion: readConclude(event.data),
        history: [...context.history, { event: 'concluded' as const, result: params.result, by, at: s.at }],
      };
    }),
    reopen: assign(({ context, event }) => ({
      result: null,
      concludedAt: null,
      concludedBy: null,
      confirmedBy: null,
      submittedBy: null,
      conclusion: null,
      history: [...context.history, { event: 'reopened' as const, newInformation: String(event.data['newInformation']), ...stamp(event) }],
    })),
  },
}).createMachine({
  id: 'non_refoulement',
  initial: 'not_started',
  context: {
    destination: null,
    findings: null,
    authoredBy: null,
    submittedBy: null,
    concludedBy: null,
    confirmedBy: null,
    concludedAt: null,
    result: null,
    conclusion: null,
    history: [],
  },
  states: {
    not_started: { on: { START: { target: 'assessing', guard: guardedBy(c.START), actions: 'start' } } },
    assessing: {
      on: {
        RECORD_FINDINGS: { guard: guardedBy(c.RECORD_FINDINGS), actions: 'recordFindings' },
        SUBMIT: { target: 'submitted', guard: guardedBy(c.SUBMIT), actions: 'recordSubmission' },
      },
    },
    submitted: {
      on: {
        CONCLUDE: [
          { target: 'risk_identified', guard: and([guardedBy(c.CONCLUDE), 'riskStands'] as const), actions: { type: 'conclude', params: { result: 'risk_identified' } } },
          { target: 'cleared', guard: guardedBy(c.CONCLUDE), actions: { type: 'conclude', params: { result: 'cleared' } } },
        ],
        REOPEN: { target: 'assessing', guard: guardedBy(c.REOPEN), actions: 'reopen' },
      },
    },
    cleared: { on: { REOPEN: { target: 'assessing', guard: guardedBy(c.REOPEN), actions: 'reopen' } } },
    risk_identified: { on: { REOPEN: { target: 'assessing', guard: guardedBy(c.REOPEN), actions: 'reopen' } } },
  },
});

export const nonRefoulement: WorkflowDefinition = {
  kind: 'non_refoulement',
  version: 1,
  title: 'Non-refoulement assessment (per destination)',
  machine: nonRefoulementMachine,
  commands: nonRefoulementCommands,
  instances: 'per_destination',
  instanceFor: (type, data) => (type === 'START' && typeof data['destination'] === 'string' ? data['destination'] : undefined),
  outcome: (state, context) =>
    state === 'cleared' || state === 'risk_identified' ? ((context as unknown as NonRefoulementContext).result ?? state) : null,
  /**
   * A clearance withdrawn (reopened, or concluded with a risk) withdraws any return approval to
   * this destination that relied on it, for every member of the plan (KP-SYS-01, KP-RET-01).
   */
  followUps: (ctx, after) => {
    if (!(after.state === 'assessing' || after.state === 'risk_identified')) return [];
    const destination = (after.context as unknown as NonRefoulementContext).destination;
    const plan = workflowOf(ctx.subject, 'repatriation');
    if (!plan || plan.state !== 'approved' || plan.context['destination'] !== destination) return [];
    return planReversals(ctx.subject, 'CLEARANCE_WITHDRAWN', `non-refoulement clearance for ${destination ?? '?'} withdrawn (${after.state})`);
  },
  tasks: (w, subject, settings) => {
    const ctx = w.context as unknown as NonRefoulementContext;
    const base = { caseId: subject.id, workflow: w.kind, instance: w.instance };
    if (w.state === 'submitted') {
      return [{ ...base, kind: 'conclude_non_refoulement', role: 'legal_officer', due: null, rule: 'KP-RET-01', summary: `non-refoulement assessment for ${ctx.destination ?? '?'} awaiting conclusion by a second legal officer` }];
    }
    if (w.state === 'cleared' && ctx.concludedAt) {
      return [{ ...base, kind: 'reassess_non_refoulement', role: 'legal_officer', due: addDays(ctx.concludedAt, settings.nonRefoulementValidityDays), rule: 'KP-RET-01', summary: `non-refoulement clearance for ${ctx.destination ?? '?'} expires: reassess before any return` }];
    }
    return [];
  },
};

import { assign, setup } from 'xstate';
import { z } from 'zod';
import { guardedBy, ruleGuards, stamp, type CommandSpec, type WorkflowDefinition, type WorkflowEvent } from '../definition.ts';

/** Individual screening and assessment, every case (KP B-GEN4; WORKFLOWS.md "screening"). */

const reason = z.strictObject({ reason: z.string().min(1).max(5000) });

export const Interview = z.strictObject({
  participants: z.array(z.strictObject({ role: z.string().min(1).max(100), female: z.boolean().optional() })).min(1).max(20),
  appropriateAdultPresent: z.boolean(),
  femaleInterviewerOffered: z.boolean(),
  language: z.string().min(1).max(100),
  interpreter: z.boolean(),
  /** Language the person understands, when it differs from the interview language without an interpreter. */
  personUnderstandsLanguage: z.boolean().default(true),
  emergency: z.boolean().default(false),
});
export type Interview = z.infer<typeof Interview>;

export const Assessment = z.strictObject({
  victimIndicators: z.array(z.enum(['trafficking', 'sgbv', 'forced_marriage', 'coercion', 'child_recruitment', 'other'])).max(20),
  referrals: z.array(z.enum(['child_protection', 'sgbv_support', 'medical', 'mhpss', 'legal', 'trafficking_support', 'other'])).max(20),
  affiliation: z.strictObject({
    level: z.enum(['none', 'suspected', 'established']),
    evidenceIds: z.array(z.string().min(1).max(64)).max(100),
  }),
  ageGenderConsiderations: z.string().min(1).max(5000),
  outcome: z.enum(['victim', 'victim_and_suspect', 'no_concern']),
  /** Survivor consent to SGBV referral (KP-GEN-01); required when an SGBV referral is made. */
  sgbvReferralConsent: z.boolean().optional(),
});
export type Assessment = z.infer<typeof Assessment>;

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

export interface ScreeningContext {
  interviews: Array<Interview & { by: string; at: string }>;
  assessment: (Assessment & { by: string; at: string }) | null;
  submittedBy: string | null;
  approvedBy: string | null;
}

const c = screeningCommands;

export const screeningMachine = setup({
  types: { context: {} as ScreeningContext, events: {} as WorkflowEvent },
  guards: ruleGuards,
  actions: {
    recordInterview: assign({ interviews: ({ context, event }) => [...context.interviews, { ...(event.data as Interview), ...stamp(event) }] }),
    recordAssessment: assign({ assessment: ({ event }) => ({ ...(event.data as Assessment), ...stamp(event) }) }),
    recordSubmission: assign({ submittedBy: ({ event }) => event.ctx.actor.id }),
    recordApproval: assign({ approvedBy: ({ event }) => event.ctx.actor.id }),
    clearApproval: assign({ submittedBy: null, approvedBy: null }),
  },
}).createMachine({
  id: 'screening',
  initial: 'pending',
  context: { interviews: [], assessment: null, submittedBy: null, approvedBy: null },
  states: {
    pending: { on: { START: { target: 'in_progress', guard: guardedBy(c.START) } } },
    in_progress: {
      on: {
        RECORD_INTERVIEW: { guard: guardedBy(c.RECORD_INTERVIEW), actions: 'recordInterview' },
        RECORD_ASSESSMENT: { guard: guardedBy(c.RECORD_ASSESSMENT), actions: 'recordAssessment' },
        SUBMIT: { target: 'submitted', guard: guardedBy(c.SUBMIT), actions: 'recordSubmission' },
      },
    },
    submitted: {
      on: {
        RETURN: { target: 'in_progress', guard: guardedBy(c.RETURN), actions: 'clearApproval' },
        APPROVE: { target: 'completed', guard: guardedBy(c.APPROVE), actions: 'recordApproval' },
      },
    },
    completed: { on: { REOPEN: { target: 'in_progress', guard: guardedBy(c.REOPEN), actions: 'clearApproval' } } },
  },
});

export const screening: WorkflowDefinition = {
  kind: 'screening',
  version: 1,
  title: 'Individual screening and assessment',
  machine: screeningMachine,
  commands: screeningCommands,
  instances: 'single',
  outcome: (state, context) => (state === 'completed' ? ((context as unknown as ScreeningContext).assessment?.outcome ?? null) : null),
  tasks: (w, subject) =>
    w.state === 'submitted'
      ? [{ kind: 'approve_screening', role: 'supervisor', caseId: subject.id, workflow: w.kind, instance: w.instance, due: null, summary: 'screening submitted for approval' }]
      : [],
};

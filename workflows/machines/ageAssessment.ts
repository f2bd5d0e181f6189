import { assign, setup } from 'xstate';
import { z } from 'zod';
import { AGE_METHODS } from '../age.ts';
import { DateOfBirth } from '../caseFile.ts';
import { guardedBy, ruleGuards, stamp, type CommandSpec, type WorkflowDefinition, type WorkflowEvent } from '../definition.ts';
import { OptionalReason } from './commandData.ts';

/** Holistic, multidisciplinary age assessment with the benefit of the doubt (KP-AGE-04). */

/**
 * An assessor: `{ name, discipline }`, or a plain name whose discipline is then unknown — and an
 * unknown discipline never counts towards the multidisciplinary assessment KP-AGE-04 requires.
 */
export const Assessor = z.union([
  z.strictObject({ name: z.string().min(1).max(200), discipline: z.string().min(1).max(100) }),
  z.string().trim().min(1).max(200).transform((name): { name: string; discipline?: string } => ({ name })),
]);

export const RecordAge = z.strictObject({
  methods: z.array(z.enum(AGE_METHODS)).min(1).max(10),
  dateOfBirth: DateOfBirth,
  assessors: z.array(Assessor).min(1).max(10),
});
export type RecordAge = z.infer<typeof RecordAge>;

/** REOPEN: WORKFLOWS.md shows it with no data; a reopening without reasons is flagged by KP-SYS-01 (WARN). */

export const ageAssessmentCommands = {
  RECORD_AGE: { roles: ['caseworker'], data: RecordAge, rules: ['KP-AGE-04'], summary: 'record a holistic age assessment' },
  CONFIRM: { roles: ['supervisor'], data: z.strictObject({}), rules: ['KP-SYS-03'], summary: 'confirm the assessed age range (four-eyes)' },
  REOPEN: { roles: ['supervisor'], data: OptionalReason, rules: ['KP-SYS-01'], summary: 'reopen the age assessment' },
} as const satisfies Record<string, CommandSpec>;

export interface AgeAssessmentContext {
  methods: string[];
  dateOfBirth: DateOfBirth | null;
  assessors: RecordAge['assessors'];
  submittedBy: string | null;
  recordedAt: string | null;
  confirmedBy: string | null;
}

const c = ageAssessmentCommands;

export const ageAssessmentMachine = setup({
  types: { context: {} as AgeAssessmentContext, events: {} as WorkflowEvent },
  guards: ruleGuards,
  actions: {
    recordAge: assign(({ event }) => {
      const d = event.data as RecordAge;
      const s = stamp(event);
      return { methods: [...d.methods], dateOfBirth: d.dateOfBirth, assessors: d.assessors, submittedBy: s.by, recordedAt: s.at, confirmedBy: null };
    }),
    recordConfirmation: assign({ confirmedBy: ({ event }) => event.ctx.actor.id }),
    clearConfirmation: assign({ confirmedBy: null }),
  },
}).createMachine({
  id: 'age_assessment',
  initial: 'pending',
  context: { methods: [], dateOfBirth: null, assessors: [], submittedBy: null, recordedAt: null, confirmedBy: null },
  states: {
    pending: { on: { RECORD_AGE: { target: 'recorded', guard: guardedBy(c.RECORD_AGE), actions: 'recordAge' } } },
    recorded: {
      on: {
        RECORD_AGE: { target: 'recorded', guard: guardedBy(c.RECORD_AGE), actions: 'recordAge' },
        CONFIRM: { target: 'confirmed', guard: guardedBy(c.CONFIRM), actions: 'recordConfirmation' },
        REOPEN: { target: 'pending', guard: guardedBy(c.REOPEN), actions: 'clearConfirmation' },
      },
    },
    confirmed: { on: { REOPEN: { target: 'pending', guard: guardedBy(c.REOPEN), actions: 'clearConfirmation' } } },
  },
});

export const ageAssessment: WorkflowDefinition = {
  kind: 'age_assessment',
  version: 1,
  title: 'Age assessment',
  machine: ageAssessmentMachine,
  commands: ageAssessmentCommands,
  instances: 'single',
  outcome: (state) => (state === 'confirmed' ? 'confirmed' : null),
  tasks: (w, subject) =>
    w.state === 'recorded'
      ? [{ kind: 'confirm_age', role: 'supervisor', caseId: subject.id, workflow: w.kind, instance: w.instance, due: null, summary: 'age assessment awaiting confirmation' }]
      : [],
};

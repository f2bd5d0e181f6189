import { assign, setup } from 'xstate';
import { z } from 'zod';
import { calendarDate } from '../age.ts';
import { EligibilityCriterion } from '../assistance.ts';
import { IsoDate } from '../caseFile.ts';
import { guardedBy, ruleGuards, stamp, type CommandSpec, type Task, type WorkflowDefinition, type WorkflowEvent } from '../definition.ts';
import { arrivalOf, owedPlan, planDueDate } from '../rules/rehabilitation.ts';
import type { CaseView, WorkflowView } from '../rules/types.ts';
import type { Settings } from '../settings.ts';
import { OptionalReason, reasonOf } from './commandData.ts';

/**
 * Rehabilitation and reintegration (WORKFLOWS.md "rehabilitation"; RULES.md §4.11; DOMAIN.md S9).
 * An individual, age- and gender-tailored plan (KP-REH-01), never conditional on security
 * classification, cooperation or prosecution, delivered in family and community settings
 * (KP-REH-02), with eligibility that never depends on affiliation (KP-HUM-01).
 */

export const SERVICE_TYPES = [
  'medical',
  'mhpss',
  'education',
  'legal',
  'livelihood',
  'family_tracing',
  'sgbv_support',
  /** Family and community reintegration support (added: the domain KP-REH-01 names). */
  'family_community_reintegration',
] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

/** Where a service is delivered. `residential` and `institutional` need a justification (KP-REH-02). */
export const SERVICE_SETTINGS = ['family', 'community', 'school', 'outpatient', 'hospital', 'remote', 'residential', 'institutional'] as const;
export type ServiceSetting = (typeof SERVICE_SETTINGS)[number];

export const Service = z.strictObject({
  type: z.enum(SERVICE_TYPES),
  provider: z.string().min(1).max(200),
  setting: z.enum(SERVICE_SETTINGS),
  /**
   * Conditions the service is made subject to, as codes (`informed_consent`, `school_enrolment`).
   * Security classification, cooperation and prosecution outcome are refused (KP-REH-02).
   */
  conditions: z.array(z.string().min(1).max(100).regex(/^[a-z][a-z0-9_]*$/, 'a condition is a lower-case code')).max(20).default([]),
  /** Who may receive the service; criteria on affiliation, screening or family links are refused (KP-HUM-01). */
  eligibility: z.array(EligibilityCriterion).max(20).default([]),
});
export type Service = z.infer<typeof Service>;

export const CreatePlan = z.strictObject({
  services: z.array(Service).max(30),
  reviewDate: IsoDate,
  /** Needs assessment and age/gender considerations behind the plan. */
  notes: z.string().max(5000).optional(),
});
export type CreatePlan = z.infer<typeof CreatePlan>;

export const ReviewPlan = z.strictObject({
  reviewDate: IsoDate,
  /** The revised services; when left out, the services stay as they are. */
  services: z.array(Service).max(30).optional(),
  note: z.string().max(5000).optional(),
});
export type ReviewPlan = z.infer<typeof ReviewPlan>;

export const RecordProgress = z.strictObject({
  /** Optional: WORKFLOWS.md shows `RECORD_PROGRESS` with no data (the justification, if any, is kept as the note). */
  note: z.string().min(1).max(5000).optional(),
  serviceType: z.enum(SERVICE_TYPES).optional(),
});
export type RecordProgress = z.infer<typeof RecordProgress>;

const reason = z.strictObject({ reason: z.string().min(1).max(5000) });
/** COMPLETE: WORKFLOWS.md shows it with no data; a completion without reasons is flagged by KP-SYS-01 (WARN). */
const empty = z.strictObject({});

const PLAN_RULES = ['KP-REH-01', 'KP-REH-02', 'KP-HUM-01'] as const;

export const rehabilitationCommands = {
  CREATE_PLAN: { roles: ['caseworker'], data: CreatePlan, rules: PLAN_RULES, summary: 'create the individual rehabilitation and reintegration plan' },
  REVIEW_PLAN: { roles: ['caseworker'], data: ReviewPlan, rules: PLAN_RULES, summary: 'review the plan and set the next review date' },
  START: { roles: ['caseworker'], data: empty, rules: [], summary: 'start delivering the planned services' },
  RECORD_PROGRESS: { roles: ['caseworker'], data: RecordProgress, rules: [], summary: 'record progress on the plan' },
  COMPLETE: { roles: ['caseworker'], data: OptionalReason, rules: ['KP-SYS-01'], summary: 'complete the plan' },
  REOPEN: { roles: ['caseworker'], data: reason, rules: ['KP-SYS-01'], summary: 'resume services after completion' },
} as const satisfies Record<string, CommandSpec>;

type Stamp = { by: string; at: string };

export interface RehabilitationPlan {
  services: Service[];
  reviewDate: string;
  notes?: string;
  /** The justification given with the plan (e.g. for a residential setting, KP-REH-02). */
  justification?: string;
  createdBy: string;
  createdAt: string;
}

export interface RehabilitationContext {
  plan: RehabilitationPlan | null;
  reviews: Array<Stamp & { reviewDate: string; previousReviewDate: string; servicesChanged: boolean; note?: string }>;
  progress: Array<Stamp & { note: string; serviceType?: ServiceType }>;
  started: Stamp | null;
  completion: (Stamp & { reason: string }) | null;
  reopenings: Array<Stamp & { reason: string }>;
}

const c = rehabilitationCommands;

export const rehabilitationMachine = setup({
  types: { context: {} as RehabilitationContext, events: {} as WorkflowEvent },
  guards: ruleGuards,
  actions: {
    createPlan: assign({
      plan: ({ event }) => {
        const d = event.data as CreatePlan;
        const s = stamp(event);
        const justification = event.ctx.command.justification;
        return { services: d.services, reviewDate: d.reviewDate, ...(d.notes ? { notes: d.notes } : {}), ...(justification ? { justification } : {}), createdBy: s.by, createdAt: s.at };
      },
    }),
    reviewPlan: assign(({ context, event }) => {
      const d = event.data as ReviewPlan;
      const plan = context.plan;
      const previousReviewDate = plan?.reviewDate ?? '';
      const justification = event.ctx.command.justification;
      return {
        plan: plan ? { ...plan, reviewDate: d.reviewDate, ...(d.services ? { services: d.services } : {}), ...(d.services && justification ? { justification } : {}) } : plan,
        reviews: [...context.reviews, { reviewDate: d.reviewDate, previousReviewDate, servicesChanged: d.services !== undefined, ...(d.note ? { note: d.note } : {}), ...stamp(event) }],
      };
    }),
    recordStart: assign({ started: ({ event }) => stamp(event) }),
    recordProgress: assign({
      progress: ({ context, event }) => {
        const d = event.data as RecordProgress;
        return [...context.progress, { note: d.note ?? event.ctx.command.justification ?? '', ...(d.serviceType ? { serviceType: d.serviceType } : {}), ...stamp(event) }];
      },
    }),
    recordCompletion: assign({ completion: ({ event }) => ({ reason: reasonOf(event), ...stamp(event) }) }),
    recordReopening: assign({
      completion: null,
      reopenings: ({ context, event }) => [...context.reopenings, { reason: String(event.data['reason']), ...stamp(event) }],
    }),
  },
}).createMachine({
  id: 'rehabilitation',
  initial: 'not_started',
  context: { plan: null, reviews: [], progress: [], started: null, completion: null, reopenings: [] },
  states: {
    not_started: { on: { CREATE_PLAN: { target: 'planned', guard: guardedBy(c.CREATE_PLAN), actions: 'createPlan' } } },
    planned: {
      on: {
        REVIEW_PLAN: { guard: guardedBy(c.REVIEW_PLAN), actions: 'reviewPlan' },
        START: { target: 'active', guard: guardedBy(c.START), actions: 'recordStart' },
      },
    },
    active: {
      on: {
        RECORD_PROGRESS: { guard: guardedBy(c.RECORD_PROGRESS), actions: 'recordProgress' },
        REVIEW_PLAN: { guard: guardedBy(c.REVIEW_PLAN), actions: 'reviewPlan' },
        COMPLETE: { target: 'completed', guard: guardedBy(c.COMPLETE), actions: 'recordCompletion' },
      },
    },
    completed: { on: { REOPEN: { target: 'active', guard: guardedBy(c.REOPEN), actions: 'recordReopening' } } },
  },
});

/** KP-REH-01 TIMER: the plan due after arrival, then each review date; missed dates escalate to a supervisor. */
function rehabilitationTasks(w: WorkflowView, subject: CaseView, settings: Settings, at: string): Task[] {
  const today = calendarDate(at);
  const base = { caseId: subject.id, workflow: w.kind, instance: w.instance, rule: 'KP-REH-01' } as const;
  const tasks: Task[] = [];
  if (w.state === 'not_started') {
    if (!arrivalOf(subject).returned || !owedPlan(subject, at)) return [];
    const due = planDueDate(subject, settings.rehabilitationPlanSlaDays);
    tasks.push({ ...base, kind: 'rehabilitation_plan_due', role: 'caseworker', due, summary: `rehabilitation and reintegration plan due within ${settings.rehabilitationPlanSlaDays} days of arrival` });
    if (due && due < today) tasks.push({ ...base, kind: 'rehabilitation_plan_overdue', role: 'supervisor', due, summary: 'escalation: the rehabilitation and reintegration plan is overdue' });
    return tasks;
  }
  if (w.state === 'planned' || w.state === 'active') {
    const due = (w.context as unknown as RehabilitationContext).plan?.reviewDate ?? null;
    tasks.push({ ...base, kind: 'rehabilitation_plan_review', role: 'caseworker', due, summary: 'rehabilitation and reintegration plan review due' });
    if (due && due < today) tasks.push({ ...base, kind: 'rehabilitation_review_overdue', role: 'supervisor', due, summary: 'escalation: the rehabilitation and reintegration plan review is overdue' });
  }
  return tasks;
}

export const rehabilitation: WorkflowDefinition = {
  kind: 'rehabilitation',
  version: 1,
  title: 'Rehabilitation and reintegration',
  machine: rehabilitationMachine,
  commands: rehabilitationCommands,
  instances: 'single',
  outcome: (state) => (state === 'not_started' ? null : state),
  tasks: rehabilitationTasks,
};

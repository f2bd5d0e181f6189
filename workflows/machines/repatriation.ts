import { and, assign, setup } from 'xstate';
import { z } from 'zod';
import { addDays, calendarDate, daysBetween } from '../age.ts';
import { IsoDate, StateCode } from '../caseFile.ts';
import { guardedBy, ruleGuards, stamp, type CommandSpec, type Task, type WorkflowDefinition, type WorkflowEvent } from '../definition.ts';
import { EVIDENCE_BASIS } from '../rules/nationality.ts';
import { lastConsularProgress } from '../rules/return.ts';
import type { RuleContext } from '../rules/types.ts';
import { DnaSafeguards } from './nationality.ts';

/**
 * Repatriation of a person and the family members who travel with them (KP B-GEN2, B-HUM3, C6;
 * WORKFLOWS.md "repatriation"). A plan names its members; PLAN, APPROVE_RETURN, CONFIRM_ARRIVAL
 * and CANCEL move every member's instance together (`joint`), each member's rules checked as
 * its own subject. A State's refusal keeps the case open (`barrier`, KP-RET-04); a pending review
 * suspends the transfer (KP-RET-02); reversals elsewhere return the plan to an earlier state
 * through engine-applied events (BID_ANNULLED, CLEARANCE_WITHDRAWN: KP-SYS-01).
 */

const CaseId = z.string().min(1).max(64);
const text = (max = 5000) => z.string().min(1).max(max);

export const Plan = z.strictObject({ destination: StateCode, withFamily: z.array(CaseId).max(30).default([]) });
export const ConsularContact = z.strictObject({
  state: StateCode,
  date: IsoDate,
  notes: text(),
  /** The State agreed to admit the person (needed for anyone not its verified national: KP-NAT-04). */
  admissionAgreed: z.boolean().optional(),
});
export type ConsularContact = z.infer<typeof ConsularContact>;

export const REFUSAL_GROUNDS = ['security', 'not_a_national', 'nationality_deprived', 'no_documents', 'pending_prosecution', 'capacity', 'other'] as const;
/** Every reason except `reason` is optional in the schema so that KP-RET-04 refuses with its id. */
export const StateRefusal = z.strictObject({
  reason: text(),
  ground: z.enum(REFUSAL_GROUNDS).default('other'),
  legalBasis: text().optional(),
  reviewRoute: text(1000).optional(),
  legitimateAim: text().optional(),
  necessityAndProportionality: text().optional(),
  bestInterests: text().optional(),
});
export type StateRefusal = z.infer<typeof StateRefusal>;

export const IssueDocuments = z.strictObject({
  type: z.enum(['passport', 'laissez_passer', 'emergency_travel_document', 'birth_certificate', 'identity_card', 'other']),
  basis: z.enum(EVIDENCE_BASIS).default('documents'),
  dnaSafeguards: DnaSafeguards.optional(),
  reference: z.string().max(200).optional(),
});
export type IssueDocuments = z.infer<typeof IssueDocuments>;

export const NotifyDecision = z.strictObject({ notifiedAt: IsoDate, language: text(100), reviewRightsExplained: z.boolean() });
export const ReviewRequest = z.strictObject({ body: text(500), date: IsoDate, against: z.enum(['state_refusal', 'return_decision', 'other']) });
export const ReviewDecision = z.strictObject({ outcome: z.enum(['upheld', 'annulled', 'withdrawn']), date: IsoDate, reasons: text() });
export const ConfirmArrival = z.strictObject({ date: IsoDate, receivingAgency: text(500) });
export const CANCEL_GROUNDS = ['family_request', 'person_declined', 'risk_identified', 'state_refusal', 'no_documents', 'replanning', 'other'] as const;
export const Cancel = z.strictObject({ reason: text(), ground: z.enum(CANCEL_GROUNDS).default('other') });

const CHILD_RULES = ['KP-CHILD-01', 'KP-CHILD-02', 'KP-CHILD-06', 'KP-CHILD-07', 'KP-CHILD-08'] as const;

export const repatriationCommands = {
  PLAN: { roles: ['caseworker'], data: Plan, rules: ['KP-CHILD-07', 'KP-NAT-04'], summary: 'plan the return of this person and the family members travelling with them' },
  RECORD_CONSULAR_CONTACT: { roles: ['caseworker'], data: ConsularContact, rules: ['KP-RET-06'], summary: 'record consular contact and progress' },
  RECORD_STATE_REFUSAL: {
    roles: ['caseworker'],
    data: StateRefusal,
    // Not KP-RET-05: the State's refusal is a fact recorded, not the team's decision not to repatriate.
    rules: ['KP-RET-04', 'KP-NAT-01', 'KP-NAT-03'],
    summary: 'record a State\'s refusal: reasoned and reviewable; the case stays open',
  },
  ISSUE_DOCUMENTS: { roles: ['caseworker'], data: IssueDocuments, rules: ['KP-NAT-03', 'KP-RET-06'], summary: 'record travel or identity documents issued' },
  APPROVE_RETURN: {
    roles: ['supervisor'],
    data: z.strictObject({}),
    rules: ['KP-SYS-03', 'KP-SCR-01', 'KP-RET-01', 'KP-RET-02', 'KP-RET-05', 'KP-RET-06', 'KP-NAT-01', 'KP-NAT-04', ...CHILD_RULES],
    summary: 'approve the return (four-eyes): every member\'s rules are checked',
  },
  NOTIFY_DECISION: { roles: ['caseworker'], data: NotifyDecision, rules: ['KP-RET-02'], summary: 'record that the person was told of the individual decision and how to seek review' },
  RECORD_REVIEW_REQUEST: { roles: ['caseworker', 'legal_officer'], data: ReviewRequest, rules: [], summary: 'record a request for review or an appeal: the transfer is suspended' },
  RECORD_REVIEW_DECISION: { roles: ['legal_officer'], data: ReviewDecision, rules: ['KP-SYS-01'], summary: 'record the review body\'s decision (an annulled refusal restarts planning)' },
  CONFIRM_ARRIVAL: { roles: ['caseworker'], data: ConfirmArrival, rules: ['KP-RET-02'], summary: 'record the arrival and the receiving agency' },
  CANCEL: { roles: ['caseworker'], data: Cancel, rules: ['KP-SYS-01', 'KP-RET-05', 'KP-NAT-03'], summary: 'cancel the plan (repatriation stays the default for nationals)' },
} as const satisfies Record<string, CommandSpec>;

type Stamped<T> = T & { by: string; at: string };

export interface RepatriationContext {
  destination: string | null;
  /** Every case on the plan, the subject included, sorted: the same list on every member's instance. */
  members: string[];
  /** The plan's priority date: kept when an annulled refusal restarts planning (DOMAIN.md §5.16). */
  plannedAt: string | null;
  /** Who drew up the plan, and who last readied it for approval (KP-SYS-03: neither approves it). */
  authoredBy: string | null;
  submittedBy: string | null;
  consularContacts: Array<Stamped<ConsularContact>>;
  refusals: Array<Stamped<StateRefusal>>;
  documents: Array<Stamped<IssueDocuments>>;
  reviews: Array<Stamped<z.infer<typeof ReviewRequest>> & { decision?: Stamped<z.infer<typeof ReviewDecision>> }>;
  /** A review or appeal is pending: the transfer is suspended (KP-RET-02). */
  reviewPending: boolean;
  approvedBy: string | null;
  approvedAt: string | null;
  /** When the person was told of the individual return decision (KP-RET-02). */
  notifiedAt: string | null;
  arrivedAt: string | null;
  receivingAgency: string | null;
  cancellations: Array<Stamped<{ reason: string; ground: string }>>;
  /** Compensating moves applied to this plan (KP-SYS-01), oldest first. */
  reversals: Array<{ cause: string; reason: string; from: string; at: string }>;
}

const INITIAL: RepatriationContext = {
  destination: null,
  members: [],
  plannedAt: null,
  authoredBy: null,
  submittedBy: null,
  consularContacts: [],
  refusals: [],
  documents: [],
  reviews: [],
  reviewPending: false,
  approvedBy: null,
  approvedAt: null,
  notifiedAt: null,
  arrivedAt: null,
  receivingAgency: null,
  cancellations: [],
  reversals: [],
};

/**
 * The plan's members, identical on every member's instance: the subject, the case the command was
 * addressed to (`origin`, on a joint move) and everyone it named.
 */
export function planMembers(ctx: Pick<RuleContext, 'subject' | 'origin'>, withFamily: readonly string[]): string[] {
  return [...new Set([ctx.subject.id, ...(ctx.origin ? [ctx.origin] : []), ...withFamily])].sort();
}

const c = repatriationCommands;

function reversal(context: RepatriationContext, event: WorkflowEvent, from: string, cause: string) {
  return {
    approvedBy: null,
    approvedAt: null,
    notifiedAt: null,
    reversals: [...context.reversals, { cause, reason: String(event.data['reason'] ?? cause), from, at: event.ctx.at }],
  };
}

export const repatriationMachine = setup({
  types: { context: {} as RepatriationContext, events: {} as WorkflowEvent },
  guards: {
    ...ruleGuards,
    refusalAnnulled: ({ context, event }) => event.data['outcome'] === 'annulled' && context.refusals.length > 0,
  },
  actions: {
    plan: assign(({ context, event }) => {
      const d = event.data as z.infer<typeof Plan>;
      const s = stamp(event);
      return {
        ...INITIAL,
        // A new plan keeps the history of earlier ones: nothing is deleted (KP-SYS-01).
        cancellations: context.cancellations,
        reversals: context.reversals,
        destination: d.destination,
        members: planMembers(event.ctx, d.withFamily ?? []),
        plannedAt: s.at,
        authoredBy: event.ctx.proposedBy?.id ?? s.by,
        submittedBy: event.ctx.proposedBy?.id ?? s.by,
      };
    }),
    consularContact: assign({ consularContacts: ({ context, event }) => [...context.consularContacts, { ...(event.data as ConsularContact), ...stamp(event) }] }),
    refusal: assign(({ context, event }) => ({
      refusals: [...context.refusals, { ...(event.data as StateRefusal), ...stamp(event) }],
      approvedBy: null,
      approvedAt: null,
      notifiedAt: null,
    })),
    documents: assign(({ context, event }) => ({
      documents: [...context.documents, { ...(event.data as IssueDocuments), ...stamp(event) }],
      submittedBy: event.ctx.proposedBy?.id ?? event.ctx.actor.id,
    })),
    approve: assign(({ event }) => ({ approvedBy: event.ctx.proposedBy?.id ?? event.ctx.actor.id, approvedAt: event.ctx.at, notifiedAt: null })),
    notify: assign({ notifiedAt: ({ event }) => String(event.data['notifiedAt']) }),
    reviewRequested: assign(({ context, event }) => ({
      reviews: [...context.reviews, { ...(event.data as z.infer<typeof ReviewRequest>), ...stamp(event) }],
      reviewPending: true,
    })),
    suspendApproval: assign(({ context, event }) => reversal(context, event, 'approved', 'review_requested')),
    reviewDecided: assign(({ context, event }) => {
      const decision = { ...(event.data as z.infer<typeof ReviewDecision>), ...stamp(event) };
      let open = -1;
      context.reviews.forEach((r, i) => {
        if (!r.decision) open = i;
      });
      const reviews = open < 0 ? context.reviews : context.reviews.map((r, i) => (i === open ? { ...r, decision } : r));
      return { reviews, reviewPending: reviews.some((r) => !r.decision) };
    }),
    refusalLifted: assign(({ context, event }) => reversal(context, event, 'barrier', 'refusal_annulled')),
    arrive: assign(({ event }) => ({ arrivedAt: String(event.data['date']), receivingAgency: String(event.data['receivingAgency']) })),
    cancel: assign(({ context, event }) => ({
      ...INITIAL,
      cancellations: [...context.cancellations, { reason: String(event.data['reason']), ground: String(event.data['ground'] ?? 'other'), ...stamp(event) }],
      reversals: context.reversals,
    })),
    reversed: assign(({ context, event }, params: { from: string; cause: string }) => reversal(context, event, params.from, params.cause)),
  },
}).createMachine({
  id: 'repatriation',
  initial: 'not_planned',
  context: INITIAL,
  states: {
    not_planned: { on: { PLAN: { target: 'planning', guard: guardedBy(c.PLAN), actions: 'plan' } } },
    planning: {
      on: {
        RECORD_CONSULAR_CONTACT: { target: 'consular_engaged', guard: guardedBy(c.RECORD_CONSULAR_CONTACT), actions: 'consularContact' },
        RECORD_STATE_REFUSAL: { target: 'barrier', guard: guardedBy(c.RECORD_STATE_REFUSAL), actions: 'refusal' },
        ISSUE_DOCUMENTS: { target: 'documents_ready', guard: guardedBy(c.ISSUE_DOCUMENTS), actions: 'documents' },
        // A lack of documents never makes a person ineligible for return (KP-NAT-03): a return may be
        // approved before documents are recorded (the person's own, or a joint member's).
        APPROVE_RETURN: { target: 'approved', guard: guardedBy(c.APPROVE_RETURN), actions: 'approve' },
        RECORD_REVIEW_REQUEST: { guard: guardedBy(c.RECORD_REVIEW_REQUEST), actions: 'reviewRequested' },
        RECORD_REVIEW_DECISION: { guard: guardedBy(c.RECORD_REVIEW_DECISION), actions: 'reviewDecided' },
        CANCEL: { target: 'not_planned', guard: guardedBy(c.CANCEL), actions: 'cancel' },
        BID_ANNULLED: { actions: { type: 'reversed', params: { from: 'planning', cause: 'bid_annulled' } } },
      },
    },
    consular_engaged: {
      on: {
        RECORD_CONSULAR_CONTACT: { guard: guardedBy(c.RECORD_CONSULAR_CONTACT), actions: 'consularContact' },
        RECORD_STATE_REFUSAL: { target: 'barrier', guard: guardedBy(c.RECORD_STATE_REFUSAL), actions: 'refusal' },
        ISSUE_DOCUMENTS: { target: 'documents_ready', guard: guardedBy(c.ISSUE_DOCUMENTS), actions: 'documents' },
        APPROVE_RETURN: { target: 'approved', guard: guardedBy(c.APPROVE_RETURN), actions: 'approve' },
        RECORD_REVIEW_REQUEST: { guard: guardedBy(c.RECORD_REVIEW_REQUEST), actions: 'reviewRequested' },
        RECORD_REVIEW_DECISION: { guard: guardedBy(c.RECORD_REVIEW_DECISION), actions: 'reviewDecided' },
        CANCEL: { target: 'not_planned', guard: guardedBy(c.CANCEL), actions: 'cancel' },
        BID_ANNULLED: { target: 'planning', actions: { type: 'reversed', params: { from: 'consular_engaged', cause: 'bid_annulled' } } },
      },
    },
    /** A State refused: the case stays open, the refusal is reviewable (KP-RET-04). */
    barrier: {
      on: {
        RECORD_CONSULAR_CONTACT: { guard: guardedBy(c.RECORD_CONSULAR_CONTACT), actions: 'consularContact' },
        RECORD_REVIEW_REQUEST: { guard: guardedBy(c.RECORD_REVIEW_REQUEST), actions: 'reviewRequested' },
        RECORD_REVIEW_DECISION: [
          { target: 'planning', guard: and([guardedBy(c.RECORD_REVIEW_DECISION), 'refusalAnnulled'] as const), actions: ['reviewDecided', 'refusalLifted'] },
          { guard: guardedBy(c.RECORD_REVIEW_DECISION), actions: 'reviewDecided' },
        ],
        CANCEL: { target: 'not_planned', guard: guardedBy(c.CANCEL), actions: 'cancel' },
        // The refusal still stands: the annulment is recorded, the barrier stays.
        BID_ANNULLED: { actions: { type: 'reversed', params: { from: 'barrier', cause: 'bid_annulled' } } },
      },
    },
    documents_ready: {
      on: {
        RECORD_CONSULAR_CONTACT: { guard: guardedBy(c.RECORD_CONSULAR_CONTACT), actions: 'consularContact' },
        ISSUE_DOCUMENTS: { guard: guardedBy(c.ISSUE_DOCUMENTS), actions: 'documents' },
        RECORD_STATE_REFUSAL: { target: 'barrier', guard: guardedBy(c.RECORD_STATE_REFUSAL), actions: 'refusal' },
        APPROVE_RETURN: { target: 'approved', guard: guardedBy(c.APPROVE_RETURN), actions: 'approve' },
        RECORD_REVIEW_REQUEST: { guard: guardedBy(c.RECORD_REVIEW_REQUEST), actions: 'reviewRequested' },
        RECORD_REVIEW_DECISION: { guard: guardedBy(c.RECORD_REVIEW_DECISION), actions: 'reviewDecided' },
        CANCEL: { target: 'not_planned', guard: guardedBy(c.CANCEL), actions: 'cancel' },
        BID_ANNULLED: { target: 'planning', actions: { type: 'reversed', params: { from: 'documents_ready', cause: 'bid_annulled' } } },
      },
    },
    approved: {
      on: {
        NOTIFY_DECISION: { guard: guardedBy(c.NOTIFY_DECISION), actions: 'notify' },
        CONFIRM_ARRIVAL: { target: 'returned', guard: guardedBy(c.CONFIRM_ARRIVAL), actions: 'arrive' },
        // A review or appeal suspends the transfer: back to awaiting approval (KP-RET-02).
        RECORD_REVIEW_REQUEST: { target: 'documents_ready', guard: guardedBy(c.RECORD_REVIEW_REQUEST), actions: ['reviewRequested', 'suspendApproval'] },
        RECORD_STATE_REFUSAL: { target: 'barrier', guard: guardedBy(c.RECORD_STATE_REFUSAL), actions: 'refusal' },
        CANCEL: { target: 'not_planned', guard: guardedBy(c.CANCEL), actions: 'cancel' },
        BID_ANNULLED: { target: 'planning', actions: { type: 'reversed', params: { from: 'approved', cause: 'bid_annulled' } } },
        CLEARANCE_WITHDRAWN: { target: 'documents_ready', actions: { type: 'reversed', params: { from: 'approved', cause: 'clearance_withdrawn' } } },
      },
    },
    returned: {},
  },
});

/** Commands that move every member of the plan together (WORKFLOWS.md "repatriation"). */
const JOINT = new Set(['APPROVE_RETURN', 'CONFIRM_ARRIVAL', 'CANCEL']);

export const repatriation: WorkflowDefinition = {
  kind: 'repatriation',
  version: 1,
  title: 'Repatriation (joint family moves)',
  machine: repatriationMachine,
  commands: repatriationCommands,
  instances: 'single',
  outcome: (state) => (state === 'returned' ? 'returned' : state === 'approved' ? 'approved' : state === 'barrier' ? 'refused' : null),
  joint: (ctx) => {
    if (ctx.command.type === 'PLAN') {
      const withFamily = ctx.command.data['withFamily'];
      return Array.isArray(withFamily) ? withFamily.map(String).filter((id) => id !== ctx.subject.id) : [];
    }
    if (JOINT.has(ctx.command.type)) {
      const members = (ctx.workflow.context as Partial<RepatriationContext>).members ?? [];
      return members.filter((id) => id !== ctx.subject.id);
    }
    return [];
  },
  tasks: (w, subject, settings, at) => {
    const ctx = w.context as unknown as RepatriationContext;
    const base = { caseId: subject.id, workflow: w.kind, instance: w.instance };
    const tasks: Task[] = [];
    const today = calendarDate(at);
    if (['planning', 'consular_engaged', 'barrier', 'documents_ready'].includes(w.state)) {
      const from = lastConsularProgress(ctx) ?? ctx.plannedAt;
      if (from) {
        const due = addDays(from, settings.consularSlaDays);
        const loc = subject.facts.location;
        const camp = loc.closed && loc.since ? `; ${daysBetween(loc.since, at)} days in a closed ${loc.kind}` : '';
        tasks.push({
          ...base,
          kind: 'consular_follow_up',
          // No progress within the SLA escalates to the supervisor (KP-RET-06).
          role: due < today ? 'supervisor' : 'caseworker',
          due,
          rule: 'KP-RET-06',
          summary: `${due < today ? 'overdue: ' : ''}consular follow-up with ${ctx.destination ?? '?'}${camp}`,
        });
      }
    }
    if (w.state === 'barrier' && !ctx.reviews.length) {
      const refusal = ctx.refusals.at(-1);
      tasks.push({ ...base, kind: 'review_refusal', role: 'legal_officer', due: refusal ? addDays(refusal.at, settings.consularSlaDays) : null, rule: 'KP-RET-04', summary: `seek independent review of the refusal (${refusal?.reviewRoute ?? 'route recorded'})` });
    }
    if (w.state === 'documents_ready' && !ctx.reviewPending) {
      tasks.push({ ...base, kind: 'approve_return', role: 'supervisor', due: null, summary: `return to ${ctx.destination ?? '?'} awaiting approval` });
    }
    if (w.state === 'approved' && !ctx.notifiedAt) {
      tasks.push({ ...base, kind: 'notify_decision', role: 'caseworker', due: null, rule: 'KP-RET-02', summary: 'tell the person of the individual return decision and how to seek review' });
    }
    return tasks;
  },
};

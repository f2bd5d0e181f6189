import { z } from 'zod';
import type { CommandEvent, CommandSpec } from '../definition.ts';
import type { RuleContext } from '../rules/types.ts';
import { Cancel, ConfirmArrival, ConsularContact, IssueDocuments, NotifyDecision, Plan, ReviewDecision, ReviewRequest, StateRefusal } from './model.ts';

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

/**
 * Events no user sends: the engine applies them to every member's plan when a BID stops being in
 * force or a non-refoulement clearance is withdrawn (KP-SYS-01 compensating moves).
 */
export interface RepatriationReversal {
  readonly type: 'BID_ANNULLED' | 'CLEARANCE_WITHDRAWN';
  readonly data: { readonly reason?: string };
  readonly ctx: RuleContext;
}

export type RepatriationEvent = CommandEvent<typeof repatriationCommands> | RepatriationReversal;

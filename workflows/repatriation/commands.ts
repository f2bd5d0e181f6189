import { z } from 'zod';
import { commandTable, type DeclaredCommand } from '../commandTable.ts';
import type { CommandEvent } from '../definition.ts';
import type { RuleContext } from '../rules/types.ts';
import { Cancel, ConfirmArrival, ConsularContact, IssueDocuments, NotifyDecision, Plan, ReviewDecision, ReviewRequest, StateRefusal } from './model.ts';


export const repatriationCommands = commandTable('repatriation', {
  PLAN: { roles: ['caseworker'], data: Plan, summary: 'plan the return of this person and the family members travelling with them' },
  RECORD_CONSULAR_CONTACT: { roles: ['caseworker'], data: ConsularContact, summary: 'record consular contact and progress' },
  RECORD_STATE_REFUSAL: {
    roles: ['caseworker'],
    data: StateRefusal,
    summary: 'record a State\'s refusal: reasoned and reviewable; the case stays open',
  },
  ISSUE_DOCUMENTS: { roles: ['caseworker'], data: IssueDocuments, summary: 'record travel or identity documents issued' },
  APPROVE_RETURN: {
    roles: ['supervisor'],
    data: z.strictObject({}),
    summary: 'approve the return (four-eyes): every member\'s rules are checked',
  },
  NOTIFY_DECISION: { roles: ['caseworker'], data: NotifyDecision, summary: 'record that the person was told of the individual decision and how to seek review' },
  RECORD_REVIEW_REQUEST: { roles: ['caseworker', 'legal_officer'], data: ReviewRequest, summary: 'record a request for review or an appeal: the transfer is suspended' },
  RECORD_REVIEW_DECISION: { roles: ['legal_officer'], data: ReviewDecision, summary: 'record the review body\'s decision (an annulled refusal restarts planning)' },
  CONFIRM_ARRIVAL: { roles: ['caseworker'], data: ConfirmArrival, summary: 'record the arrival and the receiving agency' },
  CANCEL: { roles: ['caseworker'], data: Cancel, summary: 'cancel the plan (repatriation stays the default for nationals)' },
} as const satisfies Record<string, DeclaredCommand>);

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

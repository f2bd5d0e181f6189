import { z } from 'zod';
import { words } from '../commandFields.ts';
import { commandTable, type DeclaredCommand } from '../commandTable.ts';
import type { CommandEvent } from '../definition.ts';
import { AppointGuardian, CompleteBia, PanelDecide, PlaceInCare, PrepareBid, RecordConsent, RecordHandover, RecordTracing, Review, UrgentAction } from './model.ts';

const reason = z.strictObject({ reason: words() });
const empty = z.strictObject({});

export const bestInterestsCommands = commandTable('best_interests', {
  START_BIA: { roles: ['caseworker'], data: empty, summary: 'start a best-interests assessment' },
  COMPLETE_BIA: { roles: ['caseworker'], data: CompleteBia, summary: 'complete the BIA; say whether a BID is required' },
  // KP-CHILD-03 is 2ND: a caseworker may propose the urgent action, which waits for a supervisor's
  // CONFIRM_PENDING; a supervisor's own command (the usual sender, listed first) needs no second
  // approver. Were only supervisors allowed to send it, the rule's pending branch could never be
  // reached through the engine.
  URGENT_ACTION: { roles: ['supervisor', 'caseworker'], data: UrgentAction, summary: 'urgent protective action before a BID; opens the BID with a deadline (a caseworker\'s waits for a supervisor)' },
  RECORD_CONSENT: { roles: ['caseworker'], data: RecordConsent, summary: 'record a parent\'s or guardian\'s consent, refusal or withdrawal' },
  PREPARE_BID: { roles: ['caseworker'], data: PrepareBid, summary: 'prepare the best-interests determination file' },
  SUBMIT_TO_PANEL: { roles: ['caseworker'], data: empty, summary: 'submit the BID to the panel' },
  PANEL_DECIDE: {
    roles: ['bid_panel'],
    data: PanelDecide,
    summary: 'the multidisciplinary panel approves or returns the BID',
  },
  PLACE_IN_CARE: { roles: ['caseworker'], data: PlaceInCare, summary: 'place the child in alternative care' },
  REVIEW: { roles: ['supervisor'], data: Review, summary: 'periodic review of the placement and BID; may reopen the BID' },
  REOPEN: { roles: ['supervisor'], data: reason, summary: 'reopen the BID' },
  ANNUL_BID: { roles: ['supervisor'], data: reason, summary: 'record that an appeal or review annulled the approved BID' },
  RECORD_TRACING: { roles: ['caseworker'], data: RecordTracing, summary: 'record family tracing for an unaccompanied or separated child' },
  APPOINT_GUARDIAN: { roles: ['caseworker', 'supervisor'], data: AppointGuardian, summary: 'record the appointment of a guardian or legal representative' },
  RECORD_HANDOVER: { roles: ['caseworker'], data: RecordHandover, summary: 'record custody received from military or security actors and the hand-over' },
} as const satisfies Record<string, DeclaredCommand>);

export type BestInterestsEvent = CommandEvent<typeof bestInterestsCommands>;

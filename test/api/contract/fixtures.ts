import { afterEach, expect } from 'vitest';
import { testApp } from '../../support/app.ts';
import type { T } from '../../support/flows.ts';

/**
 * What the contract tests share: the names and shapes API.md and WORKFLOWS.md give (verdict and
 * audit-record keys, each workflow kind's states and commands, who sends what), a command sent with
 * an explicit If-Match, and an app per test.
 */

export const NOW = '2026-06-01T10:00:00.000Z';

/** Call once at the top of a file: each test's apps (`app()`) are closed after it. */
export function appsPerTest(): (now?: () => string) => Promise<T> {
  let apps: T[] = [];
  afterEach(async () => {
    for (const t of apps) await t.close();
    apps = [];
  });
  return async (now = () => NOW) => {
    const t = await testApp({ now });
    apps.push(t);
    return t;
  };
}

const VERDICT_KEYS = ['rule', 'ok', 'severity', 'reason', 'principle'];
export const AUDIT_KEYS = ['seq', 'at', 'caseId', 'workflow', 'actor', 'type', 'data', 'justification', 'fromState', 'toState', 'result', 'verdicts', 'prevHash', 'hash'];

export function expectVerdict(v: Record<string, unknown>): void {
  for (const k of VERDICT_KEYS) expect(v, JSON.stringify(v)).toHaveProperty(k);
  expect(v['rule']).toMatch(/^KP-[A-Z]+-\d{2}$/);
  expect(typeof v['ok']).toBe('boolean');
  expect(typeof v['severity']).toBe('string');
  expect(typeof v['reason']).toBe('string');
  expect(typeof v['principle']).toBe('string');
}

/** Sends a command with an explicit If-Match (the version the client last read). */
export async function send(t: T, as: Parameters<T['request']>[0], caseId: string, body: Record<string, unknown>) {
  const version = (await t.request('caseworker', 'GET', `/v1/cases/${caseId}`)).body.version as number;
  return t.request(as, 'POST', `/v1/cases/${caseId}/commands`, body, { 'if-match': String(version) });
}

// WORKFLOWS.md "Workflow kinds and their commands": each kind's initial state, its states and its commands.
export const KINDS: Record<string, { initial: string; states: string[]; commands: string[] }> = {
  screening: { initial: 'pending', states: ['pending', 'in_progress', 'submitted', 'completed'], commands: ['START', 'RECORD_INTERVIEW', 'RECORD_ASSESSMENT', 'SUBMIT', 'RETURN', 'APPROVE', 'REOPEN'] },
  age_assessment: { initial: 'pending', states: ['pending', 'recorded', 'confirmed'], commands: ['RECORD_AGE', 'CONFIRM', 'REOPEN'] },
  best_interests: {
    initial: 'not_started',
    states: ['not_started', 'bia', 'bia_completed', 'bid_preparation', 'panel_review', 'bid_approved'],
    commands: ['START_BIA', 'COMPLETE_BIA', 'URGENT_ACTION', 'RECORD_CONSENT', 'PREPARE_BID', 'SUBMIT_TO_PANEL', 'PANEL_DECIDE', 'PLACE_IN_CARE', 'REVIEW', 'REOPEN'],
  },
  non_refoulement: { initial: 'not_started', states: ['not_started', 'assessing', 'submitted', 'cleared', 'risk_identified'], commands: ['START', 'RECORD_FINDINGS', 'SUBMIT', 'CONCLUDE', 'REOPEN'] },
  nationality: {
    initial: 'unverified',
    states: ['unverified', 'verification_requested', 'verified', 'disputed', 'statelessness_referral', 'stateless_protected'],
    commands: ['REQUEST_VERIFICATION', 'CONFIRM', 'RECORD_DISPUTE', 'REFER_STATELESSNESS', 'RESOLVE'],
  },
  repatriation: {
    initial: 'not_planned',
    states: ['not_planned', 'planning', 'consular_engaged', 'barrier', 'documents_ready', 'approved', 'returned'],
    commands: ['PLAN', 'RECORD_CONSULAR_CONTACT', 'RECORD_STATE_REFUSAL', 'ISSUE_DOCUMENTS', 'APPROVE_RETURN', 'CONFIRM_ARRIVAL', 'CANCEL'],
  },
  legal: {
    initial: 'no_proceedings',
    states: ['no_proceedings', 'investigation', 'diversion', 'charged', 'judgment', 'appeal', 'closed'],
    commands: ['OPEN_INVESTIGATION', 'REFER_DIVERSION', 'CHARGE', 'RECORD_JUDGMENT', 'FILE_APPEAL', 'CLOSE', 'REQUEST_WATCHLIST_ENTRY'],
  },
  detention: { initial: 'not_detained', states: ['not_detained', 'detained'], commands: ['DETAIN', 'REVIEW', 'RELEASE'] },
  rehabilitation: { initial: 'not_started', states: ['not_started', 'planned', 'active', 'completed'], commands: ['CREATE_PLAN', 'START', 'RECORD_PROGRESS', 'COMPLETE'] },
  case: { initial: 'open', states: ['open', 'closed'], commands: ['CLOSE', 'REOPEN'] },
};

// WORKFLOWS.md "Who sends what".
export const SENDERS: Array<[string, string, string]> = [
  ['screening', 'START', 'caseworker'], ['screening', 'SUBMIT', 'caseworker'], ['screening', 'RETURN', 'supervisor'], ['screening', 'APPROVE', 'supervisor'], ['screening', 'REOPEN', 'supervisor'],
  ['age_assessment', 'RECORD_AGE', 'caseworker'], ['age_assessment', 'CONFIRM', 'supervisor'], ['age_assessment', 'REOPEN', 'supervisor'],
  ['best_interests', 'START_BIA', 'caseworker'], ['best_interests', 'PLACE_IN_CARE', 'caseworker'], ['best_interests', 'URGENT_ACTION', 'supervisor'],
  ['best_interests', 'REVIEW', 'supervisor'], ['best_interests', 'PANEL_DECIDE', 'bid_panel'],
  ['non_refoulement', 'START', 'legal_officer'], ['non_refoulement', 'CONCLUDE', 'legal_officer'], ['non_refoulement', 'REOPEN', 'legal_officer'],
  ['nationality', 'REQUEST_VERIFICATION', 'caseworker'], ['nationality', 'REFER_STATELESSNESS', 'caseworker'],
  ['nationality', 'CONFIRM', 'supervisor'], ['nationality', 'CONFIRM', 'legal_officer'], ['nationality', 'RESOLVE', 'supervisor'], ['nationality', 'RESOLVE', 'legal_officer'],
  ['repatriation', 'PLAN', 'caseworker'], ['repatriation', 'CANCEL', 'caseworker'], ['repatriation', 'APPROVE_RETURN', 'supervisor'],
  ['legal', 'CHARGE', 'legal_officer'], ['legal', 'FILE_APPEAL', 'legal_officer'],
  ['detention', 'DETAIN', 'legal_officer'], ['detention', 'REVIEW', 'supervisor'], ['detention', 'RELEASE', 'supervisor'], ['detention', 'RELEASE', 'legal_officer'],
  ['rehabilitation', 'CREATE_PLAN', 'caseworker'], ['rehabilitation', 'COMPLETE', 'caseworker'],
  ['case', 'CLOSE', 'supervisor'], ['case', 'REOPEN', 'supervisor'],
];

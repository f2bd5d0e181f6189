import { commandTable, type DeclaredCommand } from '../commandTable.ts';
import type { CommandEvent, Completion } from '../definition.ts';
import type { CaseView } from '../rules/types.ts';
import { Confirm, outstandingRequests, RecordDispute, RecordRegistration, ReferStatelessness, RequestVerification, Resolve, type NationalityContext } from './model.ts';

/**
 * RESOLVE's data completed from the record (WORKFLOWS.md: `RESOLVE { outcome }`):
 * - `verified` without `state`: the one State still asked to verify the nationality, else the
 *   only nationality claimed in the case file (not yet verified); ambiguous → an issue on data.state;
 * - `stateless_protected` without protection, after a statelessness referral: the statelessness
 *   determination procedure is the protection (KP-NAT-01).
 * `state` is the workflow's state when the command is decided.
 */
export function resolveDefaults(context: Pick<NationalityContext, 'log' | 'verified'>, subject: Pick<CaseView, 'facts'>, d: Readonly<Record<string, unknown>>, state: string): Completion {
  if (d['outcome'] === 'verified' && typeof d['state'] !== 'string') {
    const asked = outstandingRequests(context).map((r) => r.state);
    if (asked.length === 1) return { data: { ...d, state: asked[0] } };
    if (asked.length > 1) return { issues: [{ path: 'data.state', message: `several States are asked to verify the nationality (${asked.join(', ')}): name the one that did` }] };
    const verified = new Set((context.verified ?? []).map((v) => v.state));
    const claimed = [...new Set(subject.facts.person.nationalities.filter((n) => n.status === 'claimed' && !verified.has(n.state)).map((n) => n.state))];
    if (claimed.length === 1) return { data: { ...d, state: claimed[0] } };
    return { issues: [{ path: 'data.state', message: claimed.length ? `several nationalities are claimed (${claimed.join(', ')}): name the State that verified it` : 'no verification request is outstanding and no nationality is claimed: name the State that verified it' }] };
  }
  if (d['outcome'] === 'stateless_protected' && state === 'statelessness_referral' && !(Array.isArray(d['protection']) && d['protection'].length > 0)) {
    return { data: { ...d, protection: ['statelessness_determination'] } };
  }
  return { data: d };
}

export const nationalityCommands = commandTable('nationality', {
  REQUEST_VERIFICATION: { roles: ['caseworker'], data: RequestVerification, summary: 'ask a State to confirm nationality' },
  CONFIRM: { roles: ['supervisor', 'legal_officer'], data: Confirm, summary: 'record a State\'s confirmation of nationality (four-eyes)' },
  RECORD_DISPUTE: { roles: ['caseworker'], data: RecordDispute, summary: 'record that a State disputes or denies the nationality' },
  REFER_STATELESSNESS: { roles: ['caseworker'], data: ReferStatelessness, summary: 'refer for statelessness determination' },
  RESOLVE: {
    roles: ['supervisor', 'legal_officer'],
    data: Resolve,
    summary: 'conclude: verified nationality or protection as stateless (four-eyes)',
    complete: (ctx) => resolveDefaults(ctx.workflow.context as unknown as NationalityContext, ctx.subject, ctx.command.data, ctx.workflow.state),
  },
  RECORD_REGISTRATION: { roles: ['caseworker'], data: RecordRegistration, summary: 'record a birth registration or identity document (alternative evidence accepted)' },
} as const satisfies Record<string, DeclaredCommand>);

export type NationalityEvent = CommandEvent<typeof nationalityCommands>;

import { and, assign, setup } from 'xstate';
import { z } from 'zod';
import { addDays, calendarDate } from '../age.ts';
import { StateCode } from '../caseFile.ts';
import { guardedBy, ruleGuards, stamp, type CommandSpec, type Completion, type Task, type WorkflowDefinition, type WorkflowEvent } from '../definition.ts';
import type { CaseView } from '../rules/types.ts';
import { isChildAt } from '../rules/facts.ts';
import { EVIDENCE_BASIS, SAFEGUARDS_1961, STATELESS_PROTECTION } from '../rules/nationality.ts';

/**
 * Nationality and documentation (KP F¶2, B-GEN3; WORKFLOWS.md "nationality"). Statelessness is to
 * be avoided: a "no nationality" conclusion must leave the person protected (KP-NAT-01), and for a
 * child both parental lines and the 1961 Convention safeguards come first (KP-NAT-02).
 */

/** DNA is accepted only with informed consent, purpose limitation and data protection (KP-NAT-03). */
export const DnaSafeguards = z.strictObject({ informedConsent: z.boolean(), purposeLimited: z.boolean(), dataProtected: z.boolean() });

export const ParentLine = z.strictObject({
  status: z.enum(['checked', 'parent_unknown']),
  /** The States whose nationality law was checked for transmission through this parent. */
  statesChecked: z.array(StateCode).max(10).default([]),
  transmits: z.boolean().optional(),
  note: z.string().max(2000).optional(),
});
export type ParentLine = z.infer<typeof ParentLine>;

const ParentalLines = z.strictObject({ mother: ParentLine, father: ParentLine });
const reasons = z.string().min(1).max(5000).optional();

/**
 * WORKFLOWS.md shows `RESOLVE { outcome }`: left out, `state` (verified) is the one State still asked
 * to verify, else the only nationality claimed (`resolveDefaults`), `documentRef` stays unrecorded,
 * and after a statelessness referral `protection` is the statelessness determination procedure.
 */
export const Resolve = z.discriminatedUnion('outcome', [
  z.strictObject({ outcome: z.literal('verified'), state: StateCode.optional(), documentRef: z.string().min(1).max(200).optional(), reasons }),
  z.strictObject({
    outcome: z.literal('stateless_protected'),
    protection: z.array(z.enum(STATELESS_PROTECTION)).max(STATELESS_PROTECTION.length).default([]),
    parentalLinesChecked: ParentalLines.optional(),
    safeguardsChecked: z.array(z.enum(SAFEGUARDS_1961)).max(3).default([]),
    reasons,
  }),
  /** Always refused (KP-NAT-01): accepted by the schema so the refusal names its rule. */
  z.strictObject({
    outcome: z.literal('no_nationality'),
    parentalLinesChecked: ParentalLines.optional(),
    safeguardsChecked: z.array(z.enum(SAFEGUARDS_1961)).max(3).default([]),
    reasons,
  }),
]);
export type Resolve = z.infer<typeof Resolve>;

export const RequestVerification = z.strictObject({ state: StateCode, basis: z.string().max(2000).optional() });
export const Confirm = z.strictObject({ state: StateCode, documentRef: z.string().min(1).max(200) });
export const RecordDispute = z.strictObject({
  state: StateCode,
  reason: z.string().min(1).max(5000),
  ground: z.enum(['not_a_national', 'nationality_deprived', 'no_response', 'conflicting_evidence', 'other']).default('not_a_national'),
});
export const ReferStatelessness = z.strictObject({ reason: z.string().min(1).max(5000).optional() });
export const RecordRegistration = z.strictObject({
  kind: z.enum(['birth_registration', 'identity_document']),
  reference: z.string().min(1).max(200),
  issuer: z.string().min(1).max(200),
  basis: z.enum(EVIDENCE_BASIS).default('documents'),
  dnaSafeguards: DnaSafeguards.optional(),
});
export type RecordRegistration = z.infer<typeof RecordRegistration>;

export const nationalityCommands = {
  REQUEST_VERIFICATION: { roles: ['caseworker'], data: RequestVerification, rules: [], summary: 'ask a State to confirm nationality' },
  CONFIRM: { roles: ['supervisor', 'legal_officer'], data: Confirm, rules: ['KP-SYS-03'], summary: 'record a State\'s confirmation of nationality (four-eyes)' },
  RECORD_DISPUTE: { roles: ['caseworker'], data: RecordDispute, rules: [], summary: 'record that a State disputes or denies the nationality' },
  REFER_STATELESSNESS: { roles: ['caseworker'], data: ReferStatelessness, rules: [], summary: 'refer for statelessness determination' },
  RESOLVE: {
    roles: ['supervisor', 'legal_officer'],
    data: Resolve,
    rules: ['KP-SYS-03', 'KP-SYS-01', 'KP-NAT-01', 'KP-NAT-02'],
    summary: 'conclude: verified nationality or protection as stateless (four-eyes)',
    complete: (ctx) => resolveDefaults(ctx.workflow.context as unknown as NationalityContext, ctx.subject, ctx.command.data, ctx.workflow.state),
  },
  RECORD_REGISTRATION: { roles: ['caseworker'], data: RecordRegistration, rules: ['KP-NAT-03'], summary: 'record a birth registration or identity document (alternative evidence accepted)' },
} as const satisfies Record<string, CommandSpec>;

type Stamped<T> = T & { by: string; at: string };

export interface NationalityContext {
  requested: Array<Stamped<{ state: string; basis?: string }>>;
  /** Current verified nationalities (a later dispute of the same State removes it); `documentRef` when one was recorded. */
  verified: Array<Stamped<{ state: string; documentRef?: string }>>;
  /** Current disputes (a later confirmation of the same State removes it). */
  disputed: Array<Stamped<{ state: string; reason: string; ground: string }>>;
  referral: Stamped<{ reason: string | null }> | null;
  resolution: Stamped<Resolve> | null;
  registrations: Array<Stamped<RecordRegistration>>;
  /** Who asked for the work now being concluded (KP-SYS-03: never the one who concludes it). */
  submittedBy: string | null;
  concludedBy: string | null;
  /** Everything that happened, oldest first: nothing is deleted (KP-SYS-01). */
  log: Array<Stamped<{ event: string; state?: string }>>;
}

const c = nationalityCommands;
const str = (event: WorkflowEvent, key: string): string => String(event.data[key]);
const logged = (context: NationalityContext, event: WorkflowEvent, state?: string) => [...context.log, { event: event.type, ...(state ? { state } : {}), ...stamp(event) }];

function verify(context: NationalityContext, event: WorkflowEvent, state: string, documentRef: string | undefined) {
  return {
    verified: [...context.verified.filter((v) => v.state !== state), { state, ...(documentRef ? { documentRef } : {}), ...stamp(event) }],
    disputed: context.disputed.filter((d) => d.state !== state),
    concludedBy: event.ctx.actor.id,
    log: logged(context, event, state),
  };
}

/**
 * The States asked to verify the nationality whose answer is still awaited, with the latest
 * request for each, oldest first: a later confirmation, dispute or verified resolution of that
 * State answers it; a statelessness referral or a stateless outcome closes every track (a new
 * request opens a new one). Read from the log, so commands at the same instant keep their order.
 */
export function outstandingRequests(context: Pick<NationalityContext, 'log'>): Array<{ state: string; at: string }> {
  const open = new Map<string, string>();
  for (const entry of context.log ?? []) {
    if (entry.event === 'REFER_STATELESSNESS' || (entry.event === 'RESOLVE' && !entry.state)) open.clear();
    else if (!entry.state) continue;
    else if (entry.event === 'REQUEST_VERIFICATION') {
      open.delete(entry.state);
      open.set(entry.state, entry.at);
    } else if (entry.event === 'CONFIRM' || entry.event === 'RECORD_DISPUTE' || entry.event === 'RESOLVE') open.delete(entry.state);
  }
  return [...open].map(([state, at]) => ({ state, at }));
}

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

export const nationalityMachine = setup({
  types: { context: {} as NationalityContext, events: {} as WorkflowEvent },
  guards: {
    ...ruleGuards,
    outcomeIs: ({ event }, params: { outcome: Resolve['outcome'] }) => event.data['outcome'] === params.outcome,
    /** A dual national whose other nationality stays verified after this State's dispute (DOMAIN.md §5.5). */
    keepsAnotherNationality: ({ context, event }) => context.verified.some((v) => v.state !== event.data['state']),
  },
  actions: {
    request: assign(({ context, event }) => ({
      requested: [...context.requested, { state: str(event, 'state'), ...(typeof event.data['basis'] === 'string' ? { basis: event.data['basis'] } : {}), ...stamp(event) }],
      submittedBy: event.ctx.actor.id,
      log: logged(context, event, str(event, 'state')),
    })),
    confirm: assign(({ context, event }) => verify(context, event, str(event, 'state'), str(event, 'documentRef'))),
    dispute: assign(({ context, event }) => {
      const state = str(event, 'state');
      return {
        disputed: [...context.disputed.filter((d) => d.state !== state), { state, reason: str(event, 'reason'), ground: String(event.data['ground'] ?? 'not_a_national'), ...stamp(event) }],
        verified: context.verified.filter((v) => v.state !== state),
        submittedBy: event.ctx.actor.id,
        log: logged(context, event, state),
      };
    }),
    refer: assign(({ context, event }) => ({
      referral: { reason: typeof event.data['reason'] === 'string' ? event.data['reason'] : null, ...stamp(event) },
      submittedBy: event.ctx.actor.id,
      log: logged(context, event),
    })),
    resolveVerified: assign(({ context, event }) => {
      // The defaults are re-derived here too (replay runs the machine on the recorded data).
      const completed = resolveDefaults(context, event.ctx.subject, event.data, 'verified');
      const d = ('data' in completed ? completed.data : event.data) as Extract<Resolve, { outcome: 'verified' }>;
      return { ...verify(context, event, String(d.state), d.documentRef), resolution: { ...d, ...stamp(event) } };
    }),
    resolveProtected: assign(({ context, event }) => {
      const completed = resolveDefaults(context, event.ctx.subject, event.data, 'statelessness_referral');
      const d = ('data' in completed ? completed.data : event.data) as Resolve;
      return { resolution: { ...d, ...stamp(event) }, concludedBy: event.ctx.actor.id, log: logged(context, event) };
    }),
    register: assign(({ context, event }) => ({
      registrations: [...context.registrations, { ...(event.data as RecordRegistration), ...stamp(event) }],
      log: logged(context, event),
    })),
  },
}).createMachine({
  id: 'nationality',
  initial: 'unverified',
  context: { requested: [], verified: [], disputed: [], referral: null, resolution: null, registrations: [], submittedBy: null, concludedBy: null, log: [] },
  on: { RECORD_REGISTRATION: { guard: guardedBy(c.RECORD_REGISTRATION), actions: 'register' } },
  states: {
    unverified: { on: { REQUEST_VERIFICATION: { target: 'verification_requested', guard: guardedBy(c.REQUEST_VERIFICATION), actions: 'request' } } },
    verification_requested: {
      on: {
        REQUEST_VERIFICATION: { guard: guardedBy(c.REQUEST_VERIFICATION), actions: 'request' },
        CONFIRM: { target: 'verified', guard: guardedBy(c.CONFIRM), actions: 'confirm' },
        RECORD_DISPUTE: { target: 'disputed', guard: guardedBy(c.RECORD_DISPUTE), actions: 'dispute' },
        REFER_STATELESSNESS: { target: 'statelessness_referral', guard: guardedBy(c.REFER_STATELESSNESS), actions: 'refer' },
      },
    },
    disputed: {
      on: {
        REQUEST_VERIFICATION: { target: 'verification_requested', guard: guardedBy(c.REQUEST_VERIFICATION), actions: 'request' },
        CONFIRM: { target: 'verified', guard: guardedBy(c.CONFIRM), actions: 'confirm' },
        RECORD_DISPUTE: { guard: guardedBy(c.RECORD_DISPUTE), actions: 'dispute' },
        REFER_STATELESSNESS: { target: 'statelessness_referral', guard: guardedBy(c.REFER_STATELESSNESS), actions: 'refer' },
        RESOLVE: [
          { target: 'verified', guard: and([guardedBy(c.RESOLVE), { type: 'outcomeIs', params: { outcome: 'verified' } }] as const), actions: 'resolveVerified' },
          { target: 'stateless_protected', guard: and([guardedBy(c.RESOLVE), { type: 'outcomeIs', params: { outcome: 'stateless_protected' } }] as const), actions: 'resolveProtected' },
        ],
      },
    },
    statelessness_referral: {
      on: {
        REQUEST_VERIFICATION: { target: 'verification_requested', guard: guardedBy(c.REQUEST_VERIFICATION), actions: 'request' },
        RESOLVE: [
          { target: 'verified', guard: and([guardedBy(c.RESOLVE), { type: 'outcomeIs', params: { outcome: 'verified' } }] as const), actions: 'resolveVerified' },
          { target: 'stateless_protected', guard: and([guardedBy(c.RESOLVE), { type: 'outcomeIs', params: { outcome: 'stateless_protected' } }] as const), actions: 'resolveProtected' },
        ],
      },
    },
    /**
     * One or more nationalities verified. A dual national's other State is asked and confirmed from
     * here, each State's confirmation recorded on its own (DOMAIN.md §5.5: consular tracks with both
     * States); a dispute by one State leaves the person `verified` while another nationality stands.
     */
    verified: {
      on: {
        REQUEST_VERIFICATION: { guard: guardedBy(c.REQUEST_VERIFICATION), actions: 'request' },
        CONFIRM: { guard: guardedBy(c.CONFIRM), actions: 'confirm' },
        RECORD_DISPUTE: [
          { guard: and([guardedBy(c.RECORD_DISPUTE), 'keepsAnotherNationality'] as const), actions: 'dispute' },
          { target: 'disputed', guard: guardedBy(c.RECORD_DISPUTE), actions: 'dispute' },
        ],
      },
    },
    stateless_protected: { on: { REQUEST_VERIFICATION: { target: 'verification_requested', guard: guardedBy(c.REQUEST_VERIFICATION), actions: 'request' } } },
  },
});

export const nationality: WorkflowDefinition = {
  kind: 'nationality',
  version: 1,
  title: 'Nationality and documentation',
  machine: nationalityMachine,
  commands: nationalityCommands,
  instances: 'single',
  outcome: (state) => (state === 'verified' || state === 'stateless_protected' ? state : null),
  tasks: (w, subject, settings, at) => {
    const ctx = w.context as unknown as NationalityContext;
    const base = { caseId: subject.id, workflow: w.kind, instance: w.instance };
    const tasks: Task[] = [];
    const registered = ctx.registrations.some((r) => r.kind === 'birth_registration') || subject.facts.person.documents.some((d) => /birth/i.test(d.type));
    if (isChildAt(subject, at) && !registered) {
      tasks.push({ ...base, kind: 'birth_registration', role: 'caseworker', due: null, rule: 'KP-NAT-03', summary: 'register the child\'s birth and identity (testimony and other alternative evidence accepted)' });
    }
    if (w.state === 'verification_requested' || w.state === 'verified') {
      // One consular track per State asked (a dual national's too); no answer within the SLA escalates (KP-RET-06).
      const today = calendarDate(at);
      for (const r of outstandingRequests(ctx)) {
        const due = addDays(r.at, settings.consularSlaDays);
        const overdue = due < today;
        tasks.push({ ...base, kind: 'nationality_follow_up', role: overdue ? 'supervisor' : 'caseworker', due, rule: 'KP-RET-06', summary: `${overdue ? 'overdue: ' : ''}follow up the nationality verification with ${r.state}` });
      }
    }
    if (w.state === 'disputed' || w.state === 'statelessness_referral') {
      tasks.push({ ...base, kind: 'resolve_nationality', role: 'legal_officer', due: null, rule: 'KP-NAT-04', summary: 'nationality disputed or referred: determine it; no removal and services continue meanwhile' });
    }
    return tasks;
  },
};

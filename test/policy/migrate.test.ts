import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assign, setup } from 'xstate';
// The registry first: it loads the rules and machines in their own order (definition.ts is part of a cycle).
import { definitionOf, latest, register, versionsOf } from '../../workflows/index.ts';
import { guardedBy, ruleGuards } from '../../workflows/guards.ts';
import { stamp } from '../../workflows/eventReaders.ts';
import type { WorkflowDefinition, WorkflowEvent } from '../../workflows/definition.ts';
import { screening } from '../../workflows/screening/index.ts';
import { screeningCommands } from '../../workflows/screening/commands.ts';
import type { ScreeningContext } from '../../workflows/screening/model.ts';
import { migrateWorkflow } from '../../src/engine/migrate.ts';
import { replayCase } from '../../src/engine/replay.ts';
import { adultWoman, goodInterview, testApp, victimAssessment } from '../support/app.ts';
import { register as registerCase } from '../support/flows.ts';

/** Screening v2 for the test: `in_progress` is renamed `assessing`, and there is a new `quality_check` step. */
const c = screeningCommands;
const v2Machine = setup({
  types: { context: {} as ScreeningContext & { qualityCheckedBy: string | null }, events: {} as WorkflowEvent },
  guards: ruleGuards,
  actions: {
    recordInterview: assign({ interviews: ({ context, event }) => [...context.interviews, { ...(event.data as ScreeningContext['interviews'][number]), ...stamp(event) }] }),
    recordAssessment: assign({ assessment: ({ event }) => ({ ...(event.data as NonNullable<ScreeningContext['assessment']>), ...stamp(event) }) }),
    recordSubmission: assign({ submittedBy: ({ event }) => event.ctx.actor.id }),
    recordApproval: assign({ approvedBy: ({ event }) => event.ctx.actor.id }),
    clearApproval: assign({ submittedBy: null, approvedBy: null }),
  },
}).createMachine({
  id: 'screening',
  initial: 'pending',
  context: { interviews: [], assessment: null, submittedBy: null, approvedBy: null, qualityCheckedBy: null },
  states: {
    pending: { on: { START: { target: 'assessing', guard: guardedBy(c.START) } } },
    assessing: {
      on: {
        RECORD_INTERVIEW: { guard: guardedBy(c.RECORD_INTERVIEW), actions: 'recordInterview' },
        RECORD_ASSESSMENT: { guard: guardedBy(c.RECORD_ASSESSMENT), actions: 'recordAssessment' },
        SUBMIT: { target: 'submitted', guard: guardedBy(c.SUBMIT), actions: 'recordSubmission' },
      },
    },
    submitted: {
      on: {
        RETURN: { target: 'assessing', guard: guardedBy(c.RETURN), actions: 'clearApproval' },
        APPROVE: { target: 'completed', guard: guardedBy(c.APPROVE), actions: 'recordApproval' },
      },
    },
    completed: { on: { REOPEN: { target: 'assessing', guard: guardedBy(c.REOPEN), actions: 'clearApproval' } } },
  },
});
const screeningV2: WorkflowDefinition = { ...screening, version: 2, title: 'Individual screening and assessment (v2)', machine: v2Machine };

describe('versioned workflows and migration', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  const ids: Record<string, string> = {};
  const stateOf = async (id: string) => {
    const res = await t.request('caseworker', 'GET', `/v1/cases/${id}`);
    return res.body.workflows.find((w: { kind: string }) => w.kind === 'screening') as { state: string; version: number };
  };
  const migrate = (mapping: Record<string, string>, dryRun = false) =>
    migrateWorkflow(t.app.services.repos, t.app.services.clock, { kind: 'screening', from: 1, to: 2, mapping, actor: { id: 'cli', roles: ['admin'] }, dryRun });

  beforeAll(async () => {
    t = await testApp();
    // Three cases on v1 in different states, registered before v2 exists.
    for (const name of ['pending', 'inProgress', 'submitted']) ids[name] = await registerCase(t, adultWoman);
    await t.command('caseworker', ids['inProgress']!, 'screening', 'START');
    await t.command('caseworker', ids['submitted']!, 'screening', 'START');
    await t.command('caseworker', ids['submitted']!, 'screening', 'RECORD_INTERVIEW', goodInterview);
    await t.command('caseworker', ids['submitted']!, 'screening', 'RECORD_ASSESSMENT', victimAssessment);
    await t.command('caseworker', ids['submitted']!, 'screening', 'SUBMIT');
    register(screeningV2);
  });
  afterAll(async () => t.close());

  it('lists the versions; new cases start on the latest', async () => {
    expect(versionsOf('screening').map((d) => d.version)).toEqual([1, 2]);
    expect(latest('screening')).toBe(screeningV2);
    const res = await t.request('policy', 'GET', '/v1/workflows/screening');
    expect(res.body).toMatchObject({ version: 2, versions: [1, 2] });
    expect(res.body.states).toContain('assessing');
    const fresh = await registerCase(t, adultWoman);
    expect((await stateOf(fresh)).version).toBe(2);
    expect((await t.command('caseworker', fresh, 'screening', 'START')).body.state).toBe('assessing');
    const v1 = await t.request('policy', 'GET', '/v1/workflows/screening/diagram?format=json&version=1');
    expect(v1.body.nodes.map((n: { id: string }) => n.id)).toContain('in_progress');
  });

  it('a case on v1 keeps working on v1 after v2 is registered', async () => {
    const res = await t.command('caseworker', ids['inProgress']!, 'screening', 'RECORD_INTERVIEW', goodInterview);
    expect(res.status).toBe(200);
    expect(res.body.state).toBe('in_progress');
    expect(await stateOf(ids['inProgress']!)).toMatchObject({ state: 'in_progress', version: 1 });
  });

  it('an unmapped state refuses the whole migration and writes nothing', async () => {
    const before = t.app.services.repos.audit.list().length;
    const versionBefore = (await t.request('caseworker', 'GET', `/v1/cases/${ids['pending']}`)).body.version;
    expect(() => migrate({ pending: 'pending', submitted: 'submitted' })).toThrow(/no mapping for state\(s\) in_progress/);
    expect(() => migrate({ pending: 'pending', in_progress: 'no_such_state', submitted: 'submitted' })).toThrow(/has no state no_such_state/);
    expect(t.app.services.repos.audit.list().length).toBe(before);
    expect(await stateOf(ids['pending']!)).toMatchObject({ state: 'pending', version: 1 });
    expect((await t.request('caseworker', 'GET', `/v1/cases/${ids['pending']}`)).body.version).toBe(versionBefore);
  });

  it('moves every v1 instance with the mapping, audits each move, and the cases go on on v2', async () => {
    const dry = migrate({ pending: 'pending', in_progress: 'assessing', submitted: 'submitted', completed: 'completed' }, true);
    expect(dry.moved).toHaveLength(3);
    expect(await stateOf(ids['inProgress']!)).toMatchObject({ state: 'in_progress', version: 1 });

    const report = migrate({ pending: 'pending', in_progress: 'assessing', submitted: 'submitted', completed: 'completed' });
    expect(report.moved.map((m) => `${m.fromState}->${m.toState}`).sort()).toEqual(['in_progress->assessing', 'pending->pending', 'submitted->submitted']);
    expect(await stateOf(ids['inProgress']!)).toMatchObject({ state: 'assessing', version: 2 });
    const history = await t.request('reviewer', 'GET', `/v1/cases/${ids['inProgress']}/history`);
    const moved = history.body.items.find((r: { type: string }) => r.type === 'WORKFLOW_MIGRATED');
    expect(moved).toMatchObject({ workflow: 'screening', fromState: 'in_progress', toState: 'assessing', actor: { id: 'cli' }, result: 'applied' });
    expect((await t.request('reviewer', 'GET', '/v1/audit/verify')).body.ok).toBe(true);

    // The migrated instance keeps its context (the interview) and continues on v2.
    await t.command('caseworker', ids['inProgress']!, 'screening', 'RECORD_ASSESSMENT', victimAssessment);
    expect((await t.command('caseworker', ids['inProgress']!, 'screening', 'SUBMIT')).body.state).toBe('submitted');
    expect((await t.command('supervisor', ids['submitted']!, 'screening', 'RETURN', { reason: 'more detail' })).body.state).toBe('assessing');
    expect(definitionOf('screening', 1)).toBe(screening);

    // Replay follows the migration record across versions.
    for (const id of Object.values(ids)) expect(replayCase(t.app.services.repos, id).differences).toEqual([]);
  });
});

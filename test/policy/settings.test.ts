import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adultWoman, boy, testApp } from '../support/app.ts';
import { register } from '../support/flows.ts';

/** Policy settings are data: validated against the principles' floors, audited, applied to new decisions only. */
describe('policy settings', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(async () => t.close());

  const panel = (n: number) => ['child_protection', 'legal', 'health', 'mhpss', 'education'].slice(0, n).map((discipline, i) => ({ userId: `u-panel-${i}`, discipline }));

  /** A child's BID up to the panel. */
  async function bidAtPanel(): Promise<string> {
    // The boy lives with his mother (linked): not an unaccompanied child (KP-CHILD-08 asks nothing more).
    const mother = await register(t, adultWoman);
    const id = await register(t, { ...boy(), familyLinks: [{ caseId: mother, relation: 'mother' }] });
    const steps: Array<[string, Record<string, unknown>?]> = [
      ['START_BIA'],
      ['COMPLETE_BIA', { findings: 'lives with his mother', bidRequired: true }],
      ['PREPARE_BID', {
        childViews: 'wants to stay with his mother', childViewsWeight: 'significant', childInformedLanguage: 'fr',
        familyUnity: 'return together with the mother', careOptionsConsidered: ['kinship'],
        recommendation: { action: 'repatriate_with_family', separationInBestInterests: false }, reviewDate: '2026-12-01',
      }],
      ['SUBMIT_TO_PANEL'],
    ];
    for (const [type, data] of steps) expect((await t.command('caseworker', id, 'best_interests', type, data)).status, type).toBe(200);
    return id;
  }
  const decide = (id: string, members: number) =>
    t.command('bid_panel', id, 'best_interests', 'PANEL_DECIDE', { panel: panel(members), undertakingsSigned: true, decision: 'approve', reasons: 'in his best interests', reviewRoute: 'BID review board' });

  it('refuses a panel of one with 400 naming the field, and other values below the floors', async () => {
    const one = await t.request('policy', 'PUT', '/v1/settings', { bidPanelMinMembers: 1 });
    expect(one.status).toBe(400);
    expect(one.body.error.code).toBe('VALIDATION');
    expect(JSON.stringify(one.body.error.details)).toContain('bidPanelMinMembers');
    const zero = await t.request('policy', 'PUT', '/v1/settings', { detentionReviewIntervalDays: 0 });
    expect(zero.status).toBe(400);
    expect(JSON.stringify(zero.body.error.details)).toContain('detentionReviewIntervalDays');
    expect((await t.request('policy', 'PUT', '/v1/settings', { macrHardFloor: 10 })).status).toBe(400);
    expect((await t.request('policy', 'PUT', '/v1/settings', { noSuchSetting: true })).status).toBe(400);
    expect((await t.request('policy', 'GET', '/v1/settings')).body.bidPanelMinMembers).toBe(3);
  });

  it('only policy staff change settings', async () => {
    for (const role of ['caseworker', 'supervisor', 'admin', 'reviewer'] as const) {
      expect((await t.request(role, 'PUT', '/v1/settings', { bidPanelMinMembers: 5 })).status, role).toBe(403);
    }
  });

  it('a change is audited and applies to new decisions only', async () => {
    const earlier = await bidAtPanel();
    const approved = await decide(earlier, 3);
    expect(approved.status).toBe(200);
    expect(approved.body.state).toBe('bid_approved');
    const waiting = await bidAtPanel();

    const change = await t.request('policy', 'PUT', '/v1/settings', { bidPanelMinMembers: 4 });
    expect(change.status).toBe(200);
    expect(change.body.bidPanelMinMembers).toBe(4);
    expect((await t.request('caseworker', 'GET', '/v1/settings')).body.bidPanelMinMembers).toBe(4);
    const audit = await t.request('reviewer', 'GET', `/v1/audit?actor=${t.users.policy.id}`);
    const record = audit.body.items.find((r: { type: string }) => r.type === 'SETTINGS_CHANGED');
    expect(record).toMatchObject({ seq: change.body.auditSeq, workflow: 'settings', data: { bidPanelMinMembers: 4 }, actor: { id: t.users.policy.id }, result: 'applied' });

    // A new decision is taken under the new setting...
    const refused = await decide(waiting, 3);
    expect(refused.status).toBe(422);
    const verdict = refused.body.error.details.verdicts.find((v: { rule: string }) => v.rule === 'KP-CHILD-04');
    expect(verdict.reason).toMatch(/at least 4/);
    expect((await decide(waiting, 4)).body.state).toBe('bid_approved');

    // ...while the decision already taken stands as recorded.
    const before = await t.request('reviewer', 'GET', `/v1/cases/${earlier}`);
    expect(before.body.workflows.find((w: { kind: string }) => w.kind === 'best_interests').state).toBe('bid_approved');
    const history = await t.request('reviewer', 'GET', `/v1/cases/${earlier}/history`);
    const decided = history.body.items.find((r: { type: string; result: string }) => r.type === 'PANEL_DECIDE' && r.result === 'applied');
    expect(decided.verdicts.find((v: { rule: string }) => v.rule === 'KP-CHILD-04').ok).toBe(true);
    expect((await t.request('reviewer', 'GET', '/v1/audit/verify')).body.ok).toBe(true);
  });
});

import { afterEach, expect } from 'vitest';
import { replayAll } from '../../../src/engine/replay.ts';
import { testApp } from '../../support/app.ts';
import { loadCase } from '../../../src/engine/views.ts';
import type { T } from '../../support/flows.ts';

/** Pieces the DOMAIN.md §5 edge-case tests share (each file keeps its own app and clock). */

export const fairTrial = { counsel: { appointed: true }, interpreter: { needed: false, provided: false }, informedOfCharges: true, presumptionOfInnocence: true, appropriateAdult: true };

export const refusal = {
  reason: 'the returnee is considered a security risk',
  ground: 'security',
  legalBasis: 'Internal Security Code art. 12',
  reviewRoute: 'Conseil d\'Etat (independent judicial review)',
  legitimateAim: 'national security',
  necessityAndProportionality: 'temporary measure, reviewed every three months',
};
export const verdictsOf = (res: { body: any }) => (res.body.verdicts ?? res.body.error?.details?.verdicts ?? []) as Array<{ rule: string; ok: boolean; severity: string; reason: string; case?: string }>;
export const verdict = (res: { body: any }, rule: string) => verdictsOf(res).find((v) => v.rule === rule);

export const secondLegal = (t: T) => t.extra('legal-2', 'legal_officer');
export const panelOf = (t: T) => [t.users.bid_panel, t.extra('panel-legal', 'bid_panel'), t.extra('panel-health', 'bid_panel')];
export const repatriationContext = (t: T, id: string) => loadCase(t.app.services.repos, id)!.workflows.find((w) => w.kind === 'repatriation')!.context as Record<string, any>;
export const tasksFor = async (t: T, caseId: string) => ((await t.request('reviewer', 'GET', '/v1/tasks')).body.items as Array<Record<string, any>>).filter((x) => x.caseId === caseId);

/** A panel decision by three distinct users of three disciplines (none the BIA author). */
export const panelDecide = (t: T, id: string, decision: 'approve' | 'return' = 'approve') =>
  t.command('bid_panel', id, 'best_interests', 'PANEL_DECIDE', {
    panel: panelOf(t).map((m, i) => ({ userId: m.id, discipline: ['child_protection', 'legal', 'health'][i] })),
    undertakingsSigned: true,
    decision,
    reasons: 'the recommendation serves the child\'s best interests',
    reviewRoute: 'BID review board',
  });

/**
 * Each test's in-memory apps on a clock the test moves (`clock.now = …`). After each test, every
 * case's stored state is explained by its audit records and the chain verifies; then the apps close.
 */
export function edgeCaseApps(clock: { now: string }): (start?: string) => Promise<T> {
  let apps: T[] = [];
  afterEach(async () => {
    for (const t of apps) {
      for (const r of replayAll(t.app.services.repos)) expect(r.differences, r.caseId).toEqual([]);
      expect((await t.request('reviewer', 'GET', '/v1/audit/verify')).body).toMatchObject({ ok: true });
      await t.close();
    }
    apps = [];
  });
  return async (start = '2026-06-01T10:00:00.000Z') => {
    clock.now = start;
    const t = await testApp({ now: () => clock.now });
    apps.push(t);
    return t;
  };
}

import { afterEach, describe, expect, it } from 'vitest';
import { replayAll } from '../../src/engine/replay.ts';
import { adultWoman, boy, testApp } from '../support/app.ts';
import { approveBid, ok, prepareBid, refused, register, type T } from '../support/flows.ts';

/**
 * A joint move that needs a second approver (WORKFLOWS.md "Second approval", "repatriation"): once
 * confirmed, every member's audit record names the proposer as the addressed case's does, so each
 * record is attributable on its own (KP-SYS-01) and replay re-derives what the proposer authored.
 */
let t: T;
afterEach(async () => t.close());

const verified = [{ state: 'FR', status: 'verified' }];
const auditOf = (caseId: string, type: string) => t.app.services.repos.audit.list({ caseId }).filter((r) => r.type === type && r.result === 'applied');

describe('a confirmed joint 2ND command', () => {
  it('records the proposer on the member\'s record too (joint CANCEL of nationals, KP-RET-05)', async () => {
    t = await testApp();
    const mother = await register(t, { ...adultWoman, person: { ...adultWoman.person, nationalities: verified } });
    const child = await register(t, { ...boy(), person: { ...boy().person, nationalities: verified }, familyLinks: [{ caseId: mother, relation: 'mother' }] });
    ok(await t.command('caseworker', mother, 'repatriation', 'PLAN', { destination: 'FR', withFamily: [child] }));
    const proposed = await t.command('caseworker', mother, 'repatriation', 'CANCEL', { reason: 'the family asked to wait for the school year', ground: 'family_request' }, { justification: 'written request of the mother' });
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(202);
    const confirmed = ok(await t.command('supervisor', mother, 'repatriation', 'CONFIRM_PENDING', { pendingId: proposed.body.pending.id }));
    expect(confirmed.state).toBe('not_planned');

    const [own] = auditOf(mother, 'CANCEL');
    const [member] = auditOf(child, 'CANCEL');
    expect(own).toMatchObject({ actor: { id: t.users.supervisor.id }, data: expect.objectContaining({ proposedBy: t.users.caseworker.id }) });
    expect(member).toMatchObject({ actor: { id: t.users.supervisor.id }, fromState: 'planning', toState: 'not_planned', data: expect.objectContaining({ jointWith: mother, proposedBy: t.users.caseworker.id }) });
    for (const r of replayAll(t.app.services.repos)) expect(r.differences, r.caseId).toEqual([]);
  });

  it('replays a second-approved joint PLAN on every member: the plan\'s author is the proposer there too', async () => {
    t = await testApp();
    const panel = [t.users.bid_panel, t.extra('panel-2', 'bid_panel'), t.extra('panel-3', 'bid_panel')];
    const mother = await register(t, adultWoman);
    const older = await register(t, { ...boy('2014-04-04'), familyLinks: [{ caseId: mother, relation: 'mother' }] });
    const younger = await register(t, { ...boy('2019-04-04'), familyLinks: [{ caseId: mother, relation: 'mother' }, { caseId: older, relation: 'sibling' }] });
    // The older boy's BID supports his separation from his brother; the younger one's supports his staying behind.
    const { consent } = await import('../support/flows.ts');
    await approveBid(t, younger, panel, prepareBid({ recommendation: { action: 'repatriate_separately', care: 'kinship', separationInBestInterests: true } }), async () =>
      void ok(await t.command('caseworker', younger, 'best_interests', 'RECORD_CONSENT', consent(mother))),
    );
    await approveBid(t, older, panel, prepareBid({ recommendation: { action: 'repatriate_with_family', separationInBestInterests: true } }));
    const proposed = await t.command('caseworker', mother, 'repatriation', 'PLAN', { destination: 'FR', withFamily: [older] });
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(202);
    ok(await t.command('supervisor', mother, 'repatriation', 'CONFIRM_PENDING', { pendingId: proposed.body.pending.id }));

    const [member] = auditOf(older, 'PLAN');
    expect(member!.data).toMatchObject({ jointWith: mother, proposedBy: t.users.caseworker.id });
    const reports = replayAll(t.app.services.repos);
    for (const r of reports) expect(r.differences, r.caseId).toEqual([]);
  });

  /** Mother, son and the son's father left behind; the son's BID supports the separation from his father. */
  async function family(motherNationality = verified) {
    t = await testApp();
    const panel = [t.users.bid_panel, t.extra('panel-2', 'bid_panel'), t.extra('panel-3', 'bid_panel')];
    const father = await register(t, { ...boy('1985-01-01'), person: { ...boy('1985-01-01').person, nationalities: verified } });
    const mother = await register(t, { ...adultWoman, person: { ...adultWoman.person, nationalities: motherNationality } });
    const son = await register(t, { ...boy(), person: { ...boy().person, nationalities: verified }, familyLinks: [{ caseId: mother, relation: 'mother' }, { caseId: father, relation: 'father' }] });
    await approveBid(t, son, panel, prepareBid({ recommendation: { action: 'repatriate_with_family', separationInBestInterests: true } }));
    return { father, mother, son };
  }

  it('is held pending when only a member needs the second approver, whichever member it is addressed to', async () => {
    const { mother, son } = await family();
    // Addressed to the mother, whose own rules pass: the son's KP-CHILD-07 (2ND) holds the whole move pending.
    const proposed = await t.command('caseworker', mother, 'repatriation', 'PLAN', { destination: 'FR', withFamily: [son] });
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(202);
    expect(proposed.body.pending.requiredRole).toBe('supervisor');
    expect(proposed.body.verdicts).toContainEqual(expect.objectContaining({ rule: 'KP-CHILD-07', ok: false, severity: '2nd', case: son }));
    const pendingRecord = t.app.services.repos.audit.list({ caseId: mother }).at(-1)!;
    expect(pendingRecord).toMatchObject({ type: 'PLAN', result: 'pending', verdicts: expect.arrayContaining([expect.objectContaining({ rule: 'KP-CHILD-07', case: son })]) });
    for (const id of [mother, son]) expect(t.app.services.repos.cases.instances(id).find((w) => w.kind === 'repatriation')?.state ?? 'not_planned').toBe('not_planned');
    // Only the named role may confirm; a supervisor does, and both members move.
    expect((await t.command('caseworker', mother, 'repatriation', 'CONFIRM_PENDING', { pendingId: proposed.body.pending.id })).status).toBe(403);
    const confirmed = ok(await t.command('supervisor', mother, 'repatriation', 'CONFIRM_PENDING', { pendingId: proposed.body.pending.id }));
    expect(confirmed.state).toBe('planning');
    expect(confirmed.members).toEqual([son]);
    expect(auditOf(son, 'PLAN')).toEqual([expect.objectContaining({ data: expect.objectContaining({ jointWith: mother, proposedBy: t.users.caseworker.id }) })]);
    for (const r of replayAll(t.app.services.repos)) expect(r.differences, r.caseId).toEqual([]);
  });

  it('is refused at once when a member is refused, even though the addressed case only needs a second approver', async () => {
    // The mother's State disputes her nationality: no plan of removal there for her (KP-NAT-04).
    const { mother, son } = await family([{ state: 'FR', status: 'disputed' }]);
    const res = await t.command('caseworker', son, 'repatriation', 'PLAN', { destination: 'FR', withFamily: [mother] });
    const failed = refused(res);
    expect(failed).toContainEqual(expect.objectContaining({ rule: 'KP-NAT-04', severity: 'block', case: mother }));
    expect(t.app.services.repos.pending.open()).toEqual([]);
    expect(t.app.services.repos.audit.list({ caseId: son }).at(-1)).toMatchObject({ type: 'PLAN', result: 'refused' });
  });
});

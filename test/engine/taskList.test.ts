import { describe, expect, it } from 'vitest';
import { createRepositories, openDatabase } from '../../db/index.ts';
import { RegisterCase } from '../../src/engine/cases.ts';
import { createServices } from '../../src/services.ts';
import { adultWoman } from '../support/app.ts';

/**
 * GET /v1/tasks reads the rows flagged as visible on the list's date; the engine moves that date on
 * the first list of a day. A task that appears or lapses on a later date without any write must
 * still be listed right on that date, whichever way the clock moved.
 */
const actor = { id: 'u-cw', roles: ['caseworker' as const, 'supervisor' as const] };
const interview = { participants: [{ role: 'screening_officer' }, { role: 'child_protection' }], appropriateAdultPresent: true, femaleInterviewerOffered: true, language: 'fr', interpreter: false };
// A victim indicator with no referral: a caseworker task due within the SLA, a supervisor escalation once overdue (KP-SCR-03).
const assessment = { victimIndicators: ['coercion'], referrals: [], affiliation: { level: 'none', evidenceIds: [] }, ageGenderConsiderations: 'considered', outcome: 'victim' };

function setup() {
  let now = '2026-03-01T10:00:00.000Z';
  const repos = createRepositories(openDatabase(':memory:'));
  const services = createServices(repos, { clock: { now: () => now } });
  const submit = (): string => {
    const c = services.cases.register(RegisterCase.parse(adultWoman), actor);
    let v = 1;
    for (const [type, data] of [['START', {}], ['RECORD_INTERVIEW', interview], ['RECORD_ASSESSMENT', assessment]] as const) {
      const a = services.commands.apply({ caseId: c.id, workflow: 'screening', type, data: data as Record<string, unknown>, actor, ifMatch: v });
      if (a.kind !== 'applied') throw new Error(`${type}: ${a.kind}`);
      v = a.version;
    }
    return c.id;
  };
  const referrals = () => services.queries.tasks('caseworker').items.filter((t) => t.kind === 'protection_referral');
  const escalations = () => services.queries.tasks('supervisor').items.filter((t) => t.kind === 'protection_referral_overdue');
  return { repos, services, assess: submit, referrals, escalations, at: (iso: string) => { now = iso; } };
}

describe('tasks listed on the day', () => {
  it('an escalation that appears the day after the referral was due, with no write, is listed on that day', () => {
    const { repos, assess, referrals, escalations, at } = setup();
    const id = assess();
    const [task] = referrals();
    expect(task).toMatchObject({ caseId: id, overdue: false, due: expect.any(String) });
    expect(escalations()).toEqual([]);
    const audit = () => repos.db.$client.prepare('select count(*) as n from audit').get();
    const records = audit();
    // The day after the due date: the caseworker's task is overdue and the supervisor's escalation appears.
    const dayAfter = new Date(Date.parse(`${task!.due}T12:00:00.000Z`) + 86_400_000).toISOString();
    at(dayAfter);
    expect(escalations()).toMatchObject([{ caseId: id, due: task!.due, overdue: true, rule: 'KP-SCR-03' }]);
    expect(referrals()).toEqual([{ ...task, overdue: true }]);
    expect(repos.tasks.listedOn()).toBe(dayAfter.slice(0, 10));
    // No command ran: the change came from the date alone.
    expect(audit()).toEqual(records);
    // The due date itself: not yet overdue, no escalation.
    at(`${task!.due}T23:00:00.000Z`);
    expect(escalations()).toEqual([]);
    expect(referrals()).toEqual([task]);
    // The clock set back further (an injected clock, a corrected server time): the first view again.
    at('2026-03-01T11:00:00.000Z');
    expect(referrals()).toEqual([task]);
    expect(escalations()).toEqual([]);
  });

  it('rows written on a new day before that day\'s first list are flagged for the old date and list right', () => {
    const { repos, assess, escalations, at } = setup();
    const first = assess();
    expect(escalations()).toEqual([]);
    // Weeks later another case is assessed before anyone lists: the list date is still the old one.
    at('2026-05-15T10:00:00.000Z');
    const second = assess();
    expect(repos.tasks.listedOn()).toBe('2026-03-01');
    expect(escalations().map((t) => t.caseId)).toEqual([first]);
    // And once its own referral is overdue, with no write since.
    at('2026-07-15T10:00:00.000Z');
    expect(escalations().map((t) => t.caseId).sort()).toEqual([first, second].sort());
  });

  it('a fresh database has no list date; the first list flags every row', () => {
    const { repos, assess, referrals } = setup();
    const id = assess();
    expect(repos.tasks.listedOn()).toBeUndefined();
    expect(repos.db.$client.prepare('select count(*) as n from tasks where listed = 1').get()).toEqual({ n: 0 });
    expect(referrals().map((t) => t.caseId)).toEqual([id]);
    expect(repos.tasks.listedOn()).toBe('2026-03-01');
  });

  it('a list for another day than the flags hold on is refused by the repository (the engine moves the date first)', () => {
    const { repos, assess, referrals } = setup();
    assess();
    referrals();
    expect(() => repos.tasks.list({ today: '2026-03-02', limit: 10 })).toThrow(/listed on 2026-03-01/);
  });
});

import { describe, expect, it } from 'vitest';
import { createRepositories, openDatabase } from '../../db/index.ts';
import { RegisterCase } from '../../src/engine/cases.ts';
import { createServices } from '../../src/services.ts';
import { loadCase } from '../../src/engine/views.ts';
import { blindLocation } from '../../src/engine/blindIndex.ts';
import { adultWoman } from '../support/app.ts';

const caseworker = { id: 'u-cw', roles: ['caseworker' as const] };

describe('derived case columns', () => {
  it('are kept in the registering and patching transaction, and derived again at start-up when stale', () => {
    const repos = createRepositories(openDatabase(':memory:'));
    const services = createServices(repos, { clock: { now: () => '2026-03-01T10:00:00.000Z' } });
    const c = services.cases.register(RegisterCase.parse(adultWoman), caseworker);
    const db = repos.db.$client;
    const terms = () => db.prepare('select field, term from case_terms where case_id = ? order by field, term').all(c.id);
    // Location terms are blind index terms (keyed HMACs, docs/erasure.md); State codes stay as they are.
    const location = ['Al-Hol', 'SY', 'camp'].map((term) => ({ field: 'location', term: blindLocation(repos, term) }));
    expect(terms()).toEqual([...location.sort((a, b) => a.term.localeCompare(b.term)), { field: 'nationality', term: 'FR' }]);
    expect(JSON.stringify(terms())).not.toContain('Al-Hol');
    // The youngest plausible age reaches 18 on the 18th birthday of the latest plausible birth date.
    expect(repos.cases.adultFrom(c.id)).toBe('2012-02-11');
    services.cases.patch(c.id, { person: { nationalities: [{ state: 'IQ', status: 'claimed' }] } }, 1, caseworker);
    expect(terms()).toContainEqual({ field: 'nationality', term: 'IQ' });
    expect(terms()).not.toContainEqual({ field: 'nationality', term: 'FR' });

    // A database from before the index: the rows are derived again when the services start.
    db.prepare('delete from case_terms').run();
    db.prepare("update cases set index_version = 0, adult_from = null").run();
    createServices(repos, { clock: { now: () => '2026-03-01T10:00:00.000Z' } });
    expect(terms()).toContainEqual({ field: 'nationality', term: 'IQ' });
    expect(repos.cases.adultFrom(c.id)).toBe('2012-02-11');
  });

  it('a rolled-back registration takes no case number: the counter moves with the committed cases only', () => {
    const repos = createRepositories(openDatabase(':memory:'));
    const services = createServices(repos, { clock: { now: () => '2026-03-01T10:00:00.000Z' } });
    const first = services.cases.register(RegisterCase.parse(adultWoman), caseworker);
    expect(() => services.cases.register(RegisterCase.parse({ ...adultWoman, familyLinks: [{ caseId: 'nope', relation: 'child' }] }), caseworker)).toThrow();
    const second = services.cases.register(RegisterCase.parse(adultWoman), caseworker);
    expect([first.reference, second.reference]).toEqual(['KP-2026-000001', 'KP-2026-000002']);
  });
});

describe('stored snapshots', () => {
  it('hold only the context that differs from the initial one, and load as the whole context', () => {
    const repos = createRepositories(openDatabase(':memory:'));
    const services = createServices(repos, { clock: { now: () => '2026-03-01T10:00:00.000Z' } });
    const c = services.cases.register(RegisterCase.parse(adultWoman), caseworker);
    const stored = repos.db.$client.prepare('select kind, snapshot from workflow_instances where case_id = ?').all(c.id) as Array<{ kind: string; snapshot: string }>;
    expect(stored.length).toBeGreaterThan(3);
    for (const r of stored) expect(JSON.parse(r.snapshot), r.kind).toEqual({ context: {} });
    const before = loadCase(repos, c.id)!.workflows.find((w) => w.kind === 'screening')!.context;
    expect(Object.keys(before).length).toBeGreaterThan(0);
    const answer = services.commands.apply({ caseId: c.id, actor: caseworker, ifMatch: 1, workflow: 'screening', type: 'START' });
    expect(answer.kind).toBe('applied');
    const after = loadCase(repos, c.id)!.workflows.find((w) => w.kind === 'screening')!;
    expect(after.state).toBe('in_progress');
    expect(Object.keys(after.context).sort()).toEqual(Object.keys(before).sort());
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import { createRepositories, openDatabase, type Repositories } from '../../db/index.ts';
import { RegisterCase } from '../../src/engine/cases.ts';
import { loadCase } from '../../src/engine/views.ts';
import { createServices, type Services } from '../../src/services.ts';
import type { Actor } from '../../workflows/roles.ts';
import { adultWoman, goodInterview, testApp } from '../support/app.ts';
import { register as registerCase } from '../support/flows.ts';

/**
 * One transaction per command (DESIGN.md): a failure anywhere between the snapshot write and the
 * audit insert leaves neither the new snapshot nor the version bump behind.
 */
const caseworker: Actor = { id: 'u-cw', roles: ['caseworker'] };
const supervisor: Actor = { id: 'u-sup', roles: ['supervisor'] };

let repos: Repositories;
let services: Services;
let tick = 0;

beforeEach(() => {
  repos = createRepositories(openDatabase(':memory:'));
  tick = 0;
  services = createServices(repos, { clock: { now: () => new Date(Date.UTC(2026, 5, 1, 10, 0, tick++)).toISOString() } });
});

/** Everything a command could change, as stored. */
function everything(caseId: string) {
  const row = repos.cases.get(caseId);
  const c = loadCase(repos, caseId);
  return {
    row,
    instances: repos.cases.instances(caseId),
    evidence: repos.cases.evidence(caseId),
    links: repos.cases.links(caseId),
    audit: repos.audit.list(),
    pending: repos.pending.open(),
    workflows: c?.workflows,
  };
}

/** Makes `obj[key]` throw on its next call only. */
function failOnce<T extends object, K extends keyof T>(obj: T, key: K, message = 'disk on fire'): { calls: () => number } {
  const original = obj[key] as unknown as (...args: unknown[]) => unknown;
  let calls = 0;
  (obj as Record<K, unknown>)[key] = (...args: unknown[]) => {
    calls += 1;
    if (calls === 1) throw new Error(message);
    return original.apply(obj, args);
  };
  return { calls: () => calls };
}

function register() {
  return services.cases.register(RegisterCase.parse(adultWoman), caseworker);
}

describe('a command is all or nothing', () => {
  it('the audit insert fails after the snapshot write: no snapshot, no version bump, no audit record', () => {
    const c = register();
    const before = everything(c.id);
    const spy = failOnce(repos.audit, 'insert');
    expect(() => services.commands.apply({ caseId: c.id, workflow: 'screening', type: 'START', actor: caseworker, ifMatch: 1 })).toThrow('disk on fire');
    expect(spy.calls()).toBe(1);
    const after = everything(c.id);
    expect(after).toEqual(before);
    expect(after.row?.version).toBe(1);
    expect(after.workflows?.find((w) => w.kind === 'screening')?.state).toBe('pending');
    expect(services.queries.verify()).toMatchObject({ ok: true });

    // The same command succeeds afterwards, on the same version.
    const ok = services.commands.apply({ caseId: c.id, workflow: 'screening', type: 'START', actor: caseworker, ifMatch: 1 });
    expect(ok).toMatchObject({ kind: 'applied', state: 'in_progress', version: 2 });
    expect(services.queries.verify()).toMatchObject({ ok: true, records: before.audit.length + 1 });
  });

  it('a failure after the audit insert (storing the idempotency answer) rolls back the audit record too', () => {
    const c = register();
    const before = everything(c.id);
    failOnce(repos.idempotency, 'put');
    expect(() => services.commands.apply({ caseId: c.id, workflow: 'screening', type: 'START', actor: caseworker, ifMatch: 1, idempotencyKey: 'k' })).toThrow('disk on fire');
    expect(everything(c.id)).toEqual(before);
    expect(repos.idempotency.get(caseworker.id, 'k')).toBeUndefined();
    const ok = services.commands.apply({ caseId: c.id, workflow: 'screening', type: 'START', actor: caseworker, ifMatch: 1, idempotencyKey: 'k' });
    expect(ok.kind).toBe('applied');
  });

  it('a failure while bumping the version leaves the snapshot unwritten', () => {
    const c = register();
    const before = everything(c.id);
    failOnce(repos.cases, 'bumpVersion');
    expect(() => services.commands.apply({ caseId: c.id, workflow: 'screening', type: 'START', actor: caseworker, ifMatch: 1 })).toThrow('disk on fire');
    expect(everything(c.id)).toEqual(before);
  });

  it('a refused command whose audit insert fails leaves nothing either', () => {
    const c = register();
    services.commands.apply({ caseId: c.id, workflow: 'screening', type: 'START', actor: caseworker, ifMatch: 1 });
    const before = everything(c.id);
    failOnce(repos.audit, 'insert');
    expect(() => services.commands.apply({ caseId: c.id, workflow: 'screening', type: 'SUBMIT', actor: caseworker, ifMatch: 2 })).toThrow('disk on fire');
    expect(everything(c.id)).toEqual(before);
    const refused = services.commands.apply({ caseId: c.id, workflow: 'screening', type: 'SUBMIT', actor: caseworker, ifMatch: 2 });
    expect(refused.kind).toBe('refused');
    expect(everything(c.id).audit.length).toBe(before.audit.length + 1);
    expect(everything(c.id).row?.version).toBe(2);
  });

  it('a decision made on a stale read is refused by the version compare-and-set, and its snapshot write rolled back', () => {
    const c = register();
    services.commands.apply({ caseId: c.id, workflow: 'screening', type: 'START', actor: caseworker, ifMatch: 1 });
    const before = everything(c.id);
    // The next read of the case row returns the version it had before START: the engine decides on version 1.
    const get = repos.cases.get.bind(repos.cases);
    let stale = true;
    repos.cases.get = (id: string) => {
      const row = get(id);
      if (stale && row) {
        stale = false;
        return { ...row, version: 1 };
      }
      return row;
    };
    const outcome = services.commands.apply({ caseId: c.id, workflow: 'case', type: 'CLOSE', data: { reason: 'duplicate registration' }, actor: supervisor, ifMatch: 1 });
    expect(outcome).toEqual({ kind: 'conflict', code: 'VERSION_CONFLICT', message: 'the case changed since it was read', currentVersion: 2 });
    repos.cases.get = get;
    expect(everything(c.id)).toEqual(before);
    expect(before.workflows?.find((w) => w.kind === 'case')?.state).toBe('open');
  });
});

describe('the other writes are atomic too', () => {
  it('registering a case: an audit failure leaves no case, no instances, no links', () => {
    const mother = register();
    const count = repos.cases.allIds().length;
    const auditBefore = repos.audit.list().length;
    const motherBefore = everything(mother.id);
    failOnce(repos.audit, 'insert');
    expect(() =>
      services.cases.register(RegisterCase.parse({ ...adultWoman, person: { ...adultWoman.person, sex: 'male' }, familyLinks: [{ caseId: mother.id, relation: 'mother' }] }), caseworker),
    ).toThrow('disk on fire');
    expect(repos.cases.allIds().length).toBe(count);
    expect(repos.cases.instancesOfKind().every((i) => i.caseId === mother.id)).toBe(true);
    expect(repos.audit.list().length).toBe(auditBefore);
    expect(everything(mother.id)).toEqual(motherBefore);
  });

  it('a family-link audit failure (the second write of a registration) rolls back the whole registration', () => {
    const mother = register();
    const count = repos.cases.allIds().length;
    const motherBefore = everything(mother.id);
    const insert = repos.audit.insert.bind(repos.audit);
    let n = 0;
    repos.audit.insert = (row) => {
      n += 1;
      if (n === 2) throw new Error('disk on fire');
      insert(row);
    };
    expect(() =>
      services.cases.register(RegisterCase.parse({ ...adultWoman, familyLinks: [{ caseId: mother.id, relation: 'sibling' }] }), caseworker),
    ).toThrow('disk on fire');
    repos.audit.insert = insert;
    expect(repos.cases.allIds().length).toBe(count);
    expect(everything(mother.id)).toEqual(motherBefore);
  });

  it('PATCH: an audit failure leaves the facts and version unchanged', () => {
    const c = register();
    const before = everything(c.id);
    failOnce(repos.audit, 'insert');
    expect(() => services.cases.patch(c.id, { location: { kind: 'community', name: 'Lyon', state: 'FR' } }, 1, caseworker)).toThrow('disk on fire');
    expect(everything(c.id)).toEqual(before);
  });

  it('evidence: an audit failure leaves no evidence item', () => {
    const c = register();
    const before = everything(c.id);
    failOnce(repos.audit, 'insert');
    expect(() => services.cases.addEvidence(c.id, { kind: 'statement', summary: 's', concerns: 'general', tortureAllegation: 'none', source: 'x', at: '2024-01-01' }, caseworker)).toThrow('disk on fire');
    expect(everything(c.id)).toEqual(before);
  });
});

describe('through the API', () => {
  it('a storage failure is a 500 in the one error shape, changes nothing, and logs no personal data', async () => {
    const t = await testApp();
    const id = await registerCase(t, adultWoman);
    const repo = t.app.services.repos;
    const versionBefore = repo.cases.get(id)?.version;
    const auditBefore = repo.audit.list().length;
    failOnce(repo.audit, 'insert');
    const failed = await t.request('caseworker', 'POST', `/v1/cases/${id}/commands`, { workflow: 'screening', type: 'RECORD_INTERVIEW', data: goodInterview }, { 'if-match': '1' });
    expect(failed.status).toBe(500);
    expect(failed.body).toEqual({ error: { code: 'INTERNAL', message: 'internal error' } });
    expect(repo.cases.get(id)?.version).toBe(versionBefore);
    expect(repo.audit.list().length).toBe(auditBefore);
    const logs = t.logs.join('');
    expect(logs).toContain('request failed');
    for (const secret of ['Amina', 'Haddad', '1994-02-11', 'P1234567']) expect(logs).not.toContain(secret);
    await t.close();
  });
});

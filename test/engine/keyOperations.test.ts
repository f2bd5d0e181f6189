import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRepositories, openDatabase, type Repositories } from '../../db/index.ts';
import { RegisterCase } from '../../src/engine/cases.ts';
import { keyringOf } from '../../src/engine/personalData.ts';
import { createServices, type Services } from '../../src/services.ts';
import type { Actor } from '../../workflows/roles.ts';
import { twoConnections } from '../support/twoConnections.ts';

/**
 * The keyring unwraps a person's data key once per operation (a command, a batch, a read request)
 * and forgets it after (docs/erasure.md): no plaintext key outlives the operation, and an erasure
 * is in force for the next operation on any connection, and at once inside its own.
 */
const caseworker: Actor = { id: 'u-cw', roles: ['caseworker'] };
const supervisor: Actor = { id: 'u-sv', roles: ['supervisor'] };
const dpo: Actor = { id: 'u-dpo', roles: ['data_protection_officer'] };
const GIVEN = 'Zelvaronique';
const person = {
  person: { names: [{ given: GIVEN, family: 'Tarnibel', script: 'latin' }], sex: 'female', dateOfBirth: { exact: '1990-01-02' }, nationalities: [{ state: 'FR', status: 'claimed' }] },
  location: { kind: 'camp', name: 'Roj', state: 'SY', closed: true },
};

function closedCase(services: Services): string {
  const c = services.cases.register(RegisterCase.parse(person), caseworker);
  const out = services.commands.apply({ caseId: c.id, workflow: 'case', type: 'CLOSE', data: { reason: 'resettled' }, actor: supervisor, ifMatch: c.version });
  expect(out).toMatchObject({ kind: 'applied' });
  return c.id;
}

function erase(services: Services, caseId: string): void {
  const version = () => services.cases.get(caseId, supervisor).version;
  const proposed = services.commands.apply({ caseId, workflow: 'case', type: 'ERASE', data: { reason: 'asked', legalBasis: 'data subject request' }, actor: supervisor, ifMatch: version() });
  const pendingId = (proposed as { pending: { id: string } }).pending.id;
  expect(services.commands.apply({ caseId, workflow: 'case', type: 'CONFIRM_PENDING', data: { pendingId }, actor: dpo, ifMatch: version() })).toMatchObject({ kind: 'applied', state: 'erased' });
}

const givenName = (services: Services, id: string) => services.cases.read(id, supervisor).view.person.names[0]?.given;

describe('one key lookup per operation', () => {
  let repos: Repositories;
  let services: Services;
  beforeEach(() => {
    repos = createRepositories(openDatabase(':memory:'));
    services = createServices(repos);
  });
  afterEach(() => repos.db.$client.close());

  it('a case read looks the person\'s key up once; outside an operation every open looks it up', () => {
    const id = closedCase(services);
    const lookups = vi.spyOn(repos.personKeys, 'get');
    expect(givenName(services, id)).toBe(GIVEN);
    expect(lookups.mock.calls.filter(([c]) => c === id)).toHaveLength(1);
    lookups.mockClear();
    const keyring = keyringOf(repos);
    const sealed = repos.transaction(() => keyring.sealText(id, 'a note'));
    keyring.open(id, sealed);
    keyring.open(id, sealed);
    expect(lookups).toHaveBeenCalledTimes(3);
    lookups.mockClear();
    keyring.within(() => [1, 2, 3].forEach(() => expect(keyring.open(id, sealed)).toBe('a note')));
    expect(lookups).toHaveBeenCalledTimes(1);
  });

  it('an erasure inside an operation closes the envelopes at once; rolled back, the key is read again', () => {
    const id = closedCase(services);
    const keyring = keyringOf(repos);
    const sealed = repos.transaction(() => keyring.sealText(id, 'a note'));
    keyring.within(() => {
      expect(keyring.open(id, sealed)).toBe('a note');
      expect(() => repos.transaction(() => {
        keyring.erase(id, new Date().toISOString());
        expect(keyring.open(id, sealed)).toBe('[erased]');
        throw new Error('roll back');
      })).toThrow('roll back');
      // The erasure did not happen: the key is still there, read again, not lost for the operation.
      expect(keyring.open(id, sealed)).toBe('a note');
      repos.transaction(() => keyring.erase(id, new Date().toISOString()));
      expect(keyring.open(id, sealed)).toBe('[erased]');
      // Nothing new is sealed for an erased person.
      expect(repos.transaction(() => keyring.sealText(id, 'more'))).toBe('[erased]');
    });
    expect(keyring.open(id, sealed)).toBe('[erased]');
  });

  it('an erase followed by a read in the same process cannot open the fields', () => {
    const id = closedCase(services);
    expect(givenName(services, id)).toBe(GIVEN);
    erase(services, id);
    expect(givenName(services, id)).toBe('[erased]');
    expect(JSON.stringify(services.queries.history(id, supervisor))).not.toContain(GIVEN);
  });

  it('a batch of commands is one operation: a refused command\'s rollback leaves the others sealing under the stored key', () => {
    const id = closedCase(services);
    const version = services.cases.get(id, supervisor).version;
    const results = services.commands.applyBatch([
      { caseId: id, workflow: 'case', type: 'REOPEN', data: { reason: `${GIVEN} came back` }, actor: supervisor, ifMatch: version },
      { caseId: id, workflow: 'case', type: 'REOPEN', data: { reason: 'stale version' }, actor: supervisor, ifMatch: version },
      { caseId: id, workflow: 'case', type: 'CLOSE', data: { reason: `${GIVEN} resettled again` }, actor: supervisor, ifMatch: version + 1 },
    ]);
    expect(results.map((r) => (r.ok ? r.outcome.kind : 'error'))).toEqual(['applied', 'conflict', 'applied']);
    const reasons = services.queries.history(id, supervisor).map((r) => (r.data as { reason?: string }).reason);
    expect(reasons).toEqual(expect.arrayContaining([`${GIVEN} came back`, `${GIVEN} resettled again`]));
  });
});

describe('an erasure on another connection', () => {
  let two: ReturnType<typeof twoConnections>;
  beforeEach(() => {
    two = twoConnections('kp-keyops-');
  });
  afterEach(() => two.close());

  it('is in force for the next read on this one: no key is kept between operations', () => {
    const id = closedCase(two.a.services);
    expect(givenName(two.a.services, id)).toBe(GIVEN);
    expect(givenName(two.b.services, id)).toBe(GIVEN);
    erase(two.b.services, id);
    expect(givenName(two.a.services, id)).toBe('[erased]');
    expect(JSON.stringify(two.a.services.queries.history(id, supervisor))).not.toContain(GIVEN);
  });
});

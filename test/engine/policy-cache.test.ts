import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RegisterCase } from '../../src/engine/cases.ts';
import { loadCase, loadJurisdictions, loadSettings } from '../../src/engine/views.ts';
import type { Services } from '../../src/services.ts';
import { JURISDICTION_SEED } from '../../workflows/jurisdictionSeed.ts';
import type { Actor } from '../../workflows/roles.ts';
import { twoConnections, type Connection } from '../support/twoConnections.ts';
import { adultWoman } from '../support/app.ts';

/**
 * Jurisdictions and settings are parsed once and cached per connection (db/repositories/changes.ts).
 * A write must still be seen by the next read: through the same services (also inside the same
 * transaction), and through another connection on the same file (a second server, the CLI).
 */
const admin: Actor = { id: 'u-admin', roles: ['admin'] };
const caseworker: Actor = { id: 'u-cw', roles: ['caseworker'] };
const DE = JURISDICTION_SEED.find((j) => j.code === 'DE')!;

let a: Connection;
let b: Connection;
let close: () => void;

beforeEach(() => {
  ({ a, b, close } = twoConnections('kp-policy-cache-'));
  a.services.policy.seedJurisdictions(JURISDICTION_SEED);
});
afterEach(() => close());

const versionsOf = (s: Services, code: string) => s.policy.jurisdictions('2099-01-01').find((j) => j.code === code)!.versions.map((v) => v.validFrom);

describe('cached jurisdictions and settings', () => {
  it('a jurisdiction PUT through one service is seen by a second service on the same file, in its rules context too', () => {
    const c = b.services.cases.register(RegisterCase.parse(adultWoman), caseworker);
    // b reads (and caches) the jurisdictions first.
    expect(versionsOf(b.services, 'DE')).toEqual([DE.validFrom]);
    const ctxBefore = b.services.commands.context(loadCase(b.repos, c.id)!, caseworker, { workflow: 'screening', instance: '', type: 'START', data: {} }, loadCase(b.repos, c.id)!.workflows[0]!, '2099-01-01T00:00:00.000Z');
    expect(ctxBefore.jurisdictions.filter((j) => j.code === 'DE')).toHaveLength(1);

    a.services.policy.putJurisdiction('DE', { ...DE, validFrom: '2030-01-01', macrGeneral: 16 }, admin);

    expect(versionsOf(b.services, 'DE')).toEqual([DE.validFrom, '2030-01-01']);
    const ctxAfter = b.services.commands.context(loadCase(b.repos, c.id)!, caseworker, { workflow: 'screening', instance: '', type: 'START', data: {} }, loadCase(b.repos, c.id)!.workflows[0]!, '2099-01-01T00:00:00.000Z');
    expect(ctxAfter.jurisdictions.filter((j) => j.code === 'DE').map((j) => j.macrGeneral)).toEqual([DE.macrGeneral, 16]);
    // And through the writing service itself.
    expect(versionsOf(a.services, 'DE')).toEqual([DE.validFrom, '2030-01-01']);
  });

  it('a settings change through one service is seen by a second service on the same file', () => {
    expect(b.services.policy.settings().bidPanelMinMembers).toBe(3);
    a.services.policy.putSettings({ bidPanelMinMembers: 5 }, admin);
    expect(b.services.policy.settings().bidPanelMinMembers).toBe(5);
    expect(a.services.policy.settings().bidPanelMinMembers).toBe(5);
    b.services.policy.putSettings({ bidPanelMinMembers: 4 }, admin);
    expect(a.services.policy.settings().bidPanelMinMembers).toBe(4);
    expect(b.services.policy.settings().bidPanelMinMembers).toBe(4);
  });

  it('a write is visible later in the same transaction, and forgotten when the transaction rolls back', () => {
    const before = loadJurisdictions(a.repos);
    const at = new Date().toISOString();
    expect(() =>
      a.repos.transaction(() => {
        a.repos.jurisdictions.insert({ code: 'DE', validFrom: '2031-01-01', data: { ...DE, validFrom: '2031-01-01' }, recordedAt: at, recordedBy: admin.id });
        a.repos.settings.insert({ ...loadSettings(a.repos), bidPanelMinMembers: 7 }, at, admin.id);
        expect(loadJurisdictions(a.repos).map((j) => j.validFrom)).toContain('2031-01-01');
        expect(loadSettings(a.repos).bidPanelMinMembers).toBe(7);
        throw new Error('roll back');
      }),
    ).toThrow('roll back');
    expect(loadJurisdictions(a.repos)).toEqual(before);
    expect(loadJurisdictions(a.repos).map((j) => j.validFrom)).not.toContain('2031-01-01');
    expect(loadSettings(a.repos).bidPanelMinMembers).toBe(3);
  });

  it('reads are cached until a write, and the shared value cannot be mutated', () => {
    const first = loadJurisdictions(a.repos);
    expect(loadJurisdictions(a.repos)).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first[0])).toBe(true);
    b.services.policy.putJurisdiction('DE', { ...DE, validFrom: '2032-01-01' }, admin);
    const second = loadJurisdictions(a.repos);
    expect(second).not.toBe(first);
    expect(second).toHaveLength(first.length + 1);
  });
});

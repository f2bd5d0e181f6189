import { describe, expect, it } from 'vitest';
import { adultWoman, boy } from '../../support/app.ts';
import { getCase, register, screen } from '../../support/flows.ts';
import { appsPerTest, expectVerdict, KINDS } from './fixtures.ts';

/**
 * The case file as WORKFLOWS.md "The case file" gives it, and reading it (GET /v1/cases/:id, GET
 * /v1/cases).
 *
 * A conformance test written as an outside client would write it from /work/shared/API.md and
 * WORKFLOWS.md alone: the names, shapes and codes those pages give, nothing the implementation adds.
 * Behaviour asserted elsewhere (roles per route, error codes per cause, filters already covered) is
 * not repeated here.
 */

const app = appsPerTest();

describe('the case file (WORKFLOWS.md "The case file")', () => {
  it('POST /v1/cases answers 201 with the case: id, version 1 and every workflow at its initial state, named `workflow`', async () => {
    const t = await app();
    const r = await t.request('caseworker', 'POST', '/v1/cases', {
      person: {
        names: [{ given: 'Amina', family: 'Haddad', script: 'latin' }, { given: 'أمينة', family: 'حداد', script: 'arabic' }],
        sex: 'female',
        dateOfBirth: { earliest: '1990-01-01', latest: '1994-12-31', method: 'interview and documents', confidence: 'medium' },
        placeOfBirth: 'Lyon',
        nationalities: [{ state: 'FR', status: 'claimed' }, { state: 'DZ', status: 'disputed' }],
        documents: [{ type: 'passport', number: 'P1234567', issuer: 'FR', expires: '2030-01-01' }],
        vulnerabilities: ['sgbv_survivor', 'pregnant'],
      },
      location: { kind: 'camp', name: 'Al-Hol', state: 'SY' },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(typeof r.body.id).toBe('string');
    expect(r.body.version).toBe(1);
    expect(r.body.person.dateOfBirth).toEqual({ earliest: '1990-01-01', latest: '1994-12-31', method: 'interview and documents', confidence: 'medium' });
    expect(r.body.familyLinks).toEqual([]);
    for (const [kind, spec] of Object.entries(KINDS)) {
      if (kind === 'non_refoulement') continue; // one instance per destination, opened by START { destination }
      const w = r.body.workflows.find((x: { workflow: string }) => x.workflow === kind);
      expect(w, kind).toBeDefined();
      expect(w).toMatchObject({ workflow: kind, state: spec.initial, outcome: null });
    }
  });

  it('accepts every location kind and family relation the page names', async () => {
    const t = await app();
    const other = await register(t, adultWoman);
    for (const kind of ['camp', 'detention', 'hospital', 'community', 'returned']) {
      const r = await t.request('caseworker', 'POST', '/v1/cases', { ...adultWoman, location: { kind, name: 'a place', state: 'IQ' } });
      expect(r.status, `${kind}: ${JSON.stringify(r.body)}`).toBe(201);
      expect(r.body.location).toMatchObject({ kind, name: 'a place', state: 'IQ' });
    }
    for (const relation of ['mother', 'father', 'child', 'sibling', 'caregiver', 'spouse', 'guardian']) {
      const r = await t.request('caseworker', 'POST', '/v1/cases', { ...boy(), familyLinks: [{ caseId: other, relation }] });
      expect(r.status, `${relation}: ${JSON.stringify(r.body)}`).toBe(201);
      expect(r.body.familyLinks).toEqual([{ caseId: other, relation }]);
    }
  });

  it('evidence: every `concerns` and `tortureAllegation` value, `at` as a date or an instant; appended to the case with its id', async () => {
    const t = await app();
    const id = await register(t, adultWoman);
    const concerns = ['own_conduct', 'family_member', 'location_or_residence', 'general'];
    const torture = ['none', 'alleged', 'confirmed'];
    const ids: string[] = [];
    for (const [i, c] of concerns.entries()) {
      const item = { kind: 'statement', summary: 'a statement', concerns: c, tortureAllegation: torture[i % 3], source: 'field team', at: i % 2 ? '2025-03-01T08:30:00Z' : '2025-03-01' };
      const r = await t.request(i % 2 ? 'legal_officer' : 'caseworker', 'POST', `/v1/cases/${id}/evidence`, item);
      expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
      expect(r.body).toMatchObject(item);
      ids.push(r.body.id);
    }
    const c = await getCase(t, id);
    expect(c.evidence.map((e: { id: string }) => e.id)).toEqual(ids);
    for (const e of c.evidence) for (const k of ['id', 'kind', 'summary', 'concerns', 'tortureAllegation', 'source', 'at']) expect(e).toHaveProperty(k);
  });
});

describe('GET /v1/cases/:id and GET /v1/cases', () => {
  it('the case: file, version, each workflow\'s state and outcome, and `next` with `allowed` and verdicts', async () => {
    const t = await app();
    const id = await register(t, adultWoman);
    await screen(t, id);
    const c = await getCase(t, id);
    for (const k of ['id', 'version', 'person', 'location', 'familyLinks', 'evidence', 'workflows', 'next']) expect(c).toHaveProperty(k);
    for (const w of c.workflows) {
      expect(w.workflow).toBe(w.kind);
      expect(typeof w.state).toBe('string');
      expect(w).toHaveProperty('outcome');
    }
    expect(c.workflows.find((w: { workflow: string }) => w.workflow === 'screening')).toMatchObject({ state: 'completed', outcome: 'victim' });
    expect(c.next.length).toBeGreaterThan(0);
    for (const n of c.next) {
      expect(typeof n.workflow).toBe('string');
      expect(typeof n.type).toBe('string');
      expect(typeof n.allowed).toBe('boolean');
      for (const v of n.verdicts) expectVerdict(v);
    }
  });

  it('list items name each workflow; `q` finds a person by name; `nationality` takes any case', async () => {
    const t = await app();
    const id = await register(t, adultWoman);
    await register(t, boy());
    const list = await t.request('caseworker', 'GET', '/v1/cases?q=Haddad');
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: { id: string }) => i.id).sort()).toHaveLength(2);
    const amina = await t.request('caseworker', 'GET', '/v1/cases?q=amina');
    expect(amina.body.items.map((i: { id: string }) => i.id)).toEqual([id]);
    expect(amina.body.items[0].workflows.find((w: { workflow: string }) => w.workflow === 'screening')).toMatchObject({ state: 'pending' });
    expect(amina.body).toHaveProperty('nextCursor', null);
    expect((await t.request('caseworker', 'GET', '/v1/cases?nationality=fr')).body.items).toHaveLength(2);
  });
});

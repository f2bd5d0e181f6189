import { describe, it, expect } from 'vitest';
import { testApp, adultWoman, goodInterview, victimAssessment } from '../support/app.ts';
import { register } from '../support/flows.ts';
describe('screening through the API', () => {
  it('screening end to end', async () => {
    const t = await testApp();
    const id = await register(t, adultWoman);
    for (const [type, data] of [['START'], ['RECORD_INTERVIEW', goodInterview], ['RECORD_ASSESSMENT', victimAssessment], ['SUBMIT']] as const) {
      const a = await t.command('caseworker', id, 'screening', type, data as any);
      expect(a.status, JSON.stringify(a.body)).toBe(200);
    }
    const ap = await t.command('supervisor', id, 'screening', 'APPROVE');
    expect(ap.body).toMatchObject({ applied: true, state: 'completed', outcome: 'victim' });
    const g = await t.request('reviewer', 'GET', `/v1/cases/${id}`);
    expect(g.status).toBe(200);
    const h = await t.request('reviewer', 'GET', `/v1/cases/${id}/history`);
    expect(h.body.items.length).toBe(6);
    const v = await t.request('reviewer', 'GET', `/v1/audit/verify`);
    expect(v.body).toMatchObject({ ok: true });
    const o = await t.request(null, 'GET', '/openapi.json');
    expect(o.status).toBe(200);
    expect(t.logs.join('')).not.toContain('Amina');
    await t.close();
  });
});

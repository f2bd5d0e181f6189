import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.ts';
import { signIn } from '../support/web.ts';

/** No browser or proxy keeps a copy of an answer, and none is sniffed into another type (issue 10.6). */
describe('security headers on every answer', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(async () => t.close());

  const expectHardened = (res: { headers: Record<string, unknown> }) => {
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  };

  it('/v1 answers: 200, 400, 401 (no token, a wrong token), 403, 404 (route and case), a path the router refuses', async () => {
    const answers = [
      await t.request('caseworker', 'GET', '/v1/cases'),
      await t.request('caseworker', 'POST', '/v1/cases', { person: {} }),
      await t.request(null, 'GET', '/v1/cases'),
      await t.request({ token: 'kp_wrong' }, 'GET', '/v1/cases'),
      await t.request('policy', 'GET', '/v1/audit'),
      await t.request('caseworker', 'GET', '/v1/no-such-route'),
      await t.request('caseworker', 'GET', '/v1/cases/no-such-case'),
      // Refused by the router before any hook runs.
      await t.request(null, 'GET', '/v1/%E0%A4%A'),
    ];
    for (const a of answers.slice(0, 7)) expect(a.raw.headers['content-security-policy']).toContain("default-src 'self'");
    expect(answers.map((a) => a.status)).toEqual([200, 400, 401, 401, 403, 404, 404, answers[7]!.status]);
    expect(answers[7]!.status).toBeGreaterThanOrEqual(400);
    for (const a of answers) {
      expectHardened(a.raw);
      expect(a.raw.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('/ui pages, redirects and errors; static assets stay cacheable', async () => {
    const cookie = await signIn(t.app, t.users.reviewer.token);
    for (const url of ['/ui/sign-in', '/ui/cases', '/ui/rules', '/ui/no-such-page']) {
      const res = await t.app.inject({ url, headers: { cookie } });
      expectHardened(res);
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
    }
    expectHardened(await t.app.inject({ url: '/ui/cases' }));
    const css = await t.app.inject({ url: '/ui/assets/ui.css' });
    expect(css.statusCode).toBe(200);
    expect(css.headers['cache-control']).toMatch(/max-age/);
    expect(css.headers['x-content-type-options']).toBe('nosniff');
  });

  it('/docs (Swagger UI) and /openapi.json still load', async () => {
    const docs = await t.app.inject({ url: '/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger-ui');
    // Its scripts are files (script-src 'self' allows them), no inline script.
    expect(docs.body).not.toMatch(/<script>(?!\s*<\/script>)/);
    expect((await t.app.inject({ url: '/docs/static/swagger-initializer.js' })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/openapi.json' })).statusCode).toBe(200);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.ts';

describe('GET /', () => {
  let t: Awaited<ReturnType<typeof testApp>>;
  beforeEach(async () => {
    t = await testApp();
  });
  afterEach(async () => t.close());

  it('points a newcomer to the reviewers\' pages and the API reference, without a token', async () => {
    const res = await t.request(null, 'GET', '/');
    expect(res.status).toBe(200);
    expect(res.raw.headers['content-type']).toMatch(/^text\/html/);
    expect(res.raw.body).toContain('href="/ui"');
    expect(res.raw.body).toContain('href="/docs"');
  });
});

import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { createUser } from '../../src/auth/tokens.ts';
import { openBrowser } from '../support/browser.ts';
import { appendAudit } from '../../src/engine/audit.ts';
import { RegisterCase } from '../../src/engine/cases.ts';

/**
 * The reviewers' pages in a real browser: Debian's Chromium, headless, driven by playwright-core.
 * Without Chromium this file fails (npm test skips it with a message, see scripts/e2e-if-chromium.mjs).
 */
const RESULTS = 'test-results';

describe('reviewers web page in Chromium', () => {
  let dir: string;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let browser: Browser;
  let page: Page;
  let base: string;
  let reviewerToken: string;
  let caseId: string;
  let cspViolations: string[] = [];
  let sessionCookie: Awaited<ReturnType<ReturnType<Page['context']>['cookies']>>[number] | undefined;

  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'kp-ui-e2e-'));
    app = await buildApp({ databasePath: join(dir, 'kp.sqlite'), logLevel: 'silent' });
    const at = new Date().toISOString();
    const caseworker = createUser(app.services.repos, 'Carla Caseworker', ['caseworker'], at);
    reviewerToken = createUser(app.services.repos, 'Rami Reviewer', ['reviewer'], at).token;
    const actor = { id: caseworker.id, roles: caseworker.roles };
    const registered = app.services.cases.register(
      RegisterCase.parse({
        person: { names: [{ given: 'Amina', family: 'Haddad' }], sex: 'female', dateOfBirth: { exact: '1994-02-11' }, nationalities: [{ state: 'FR', status: 'claimed' }] },
        location: { kind: 'camp', name: 'Al-Hol', state: 'SY', closed: true },
      }),
      actor,
    );
    caseId = registered.id;
    const started = app.services.commands.apply({ caseId, actor, workflow: 'screening', type: 'START', data: {}, ifMatch: registered.version });
    expect(started.kind).toBe('applied');
    // A long history (the timeline is paged 50 at a time), older than the refusal below.
    app.services.repos.transaction(() => {
      for (let i = 0; i < 120; i++) appendAudit(app.services.repos, { at: new Date().toISOString(), caseId, workflow: 'screening', actor, type: 'RECORD_NOTE', data: { i }, fromState: 'in_progress', toState: 'in_progress', result: 'applied', verdicts: [] });
    });
    // Submitting before any interview or assessment: refused by KP-SCR-01 and KP-SCR-05.
    const refused = app.services.commands.apply({ caseId, actor, workflow: 'screening', type: 'SUBMIT', data: {}, ifMatch: registered.version + 1 });
    expect(refused.kind).toBe('refused');
    // A page the Content-Security-Policy breaks shows it in cspViolations: every test below fails on one.
    ({ base, browser, page, cspViolations } = await openBrowser(app, { width: 1280, height: 900 }));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('signs in with a token and lands on the case list', async () => {
    await page.goto(`${base}/ui/cases`);
    expect(new URL(page.url()).pathname).toBe('/ui/sign-in');
    await page.getByLabel('API token').fill(reviewerToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/ui/cases`);
    await expect.poll(() => page.getByRole('link', { name: /KP-\d{4}-\d{6}/ }).count()).toBe(1);
    // The session cookie is not readable from scripts, and holds a random id, not the token.
    expect(await page.evaluate(() => document.cookie)).not.toContain('kp_session');
    sessionCookie = (await page.context().cookies()).find((c) => c.name === 'kp_session');
    expect(sessionCookie?.value).toMatch(/^[\w-]{43}$/);
    expect(sessionCookie?.httpOnly).toBe(true);
    expect(sessionCookie?.sameSite).toBe('Strict');
    expect(sessionCookie?.value).not.toBe(reviewerToken);
  });

  it('opens the case: the refusal and its rule id are visible, the diagrams render', async () => {
    await page.getByRole('link', { name: /KP-\d{4}-\d{6}/ }).click();
    await page.waitForURL(`${base}/ui/cases/${caseId}`);
    const refused = page.locator('ol.timeline > li.refused');
    await expect.poll(() => refused.count()).toBe(1);
    expect(await refused.isVisible()).toBe(true);
    expect(await refused.textContent()).toContain('screening.SUBMIT');
    const rule = refused.getByRole('link', { name: 'KP-SCR-01' });
    expect(await rule.isVisible()).toBe(true);
    expect(await rule.getAttribute('href')).toBe('/ui/rules#KP-SCR-01');
    await page.waitForSelector('figure.diagram svg', { timeout: 20_000 });
    expect(await page.locator('figure.diagram svg').count()).toBeGreaterThan(0);
    expect(await page.locator('figure.diagram svg .current').count()).toBeGreaterThan(0);
    // Under test-results/ only: `npm run docs:picture` copies it over the README's picture.
    await page.screenshot({ path: `${RESULTS}/case-page.png`, fullPage: true });
  });

  it('follows the rule link to the rules page anchor', async () => {
    await page.locator('ol.timeline > li.refused').getByRole('link', { name: 'KP-SCR-01' }).click();
    await page.waitForURL(`${base}/ui/rules#KP-SCR-01`);
    expect(await page.locator('tr#KP-SCR-01 [data-refusals]').textContent()).toBe('1');
  });

  it('switches to Arabic: right-to-left, translated, diagrams still render', async () => {
    await page.goto(`${base}/ui/cases/${caseId}`);
    await page.locator('#lang-switch').click();
    await page.waitForFunction(() => document.documentElement.getAttribute('dir') === 'rtl');
    expect(await page.locator('html').getAttribute('lang')).toBe('ar');
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await page.locator('h2#tl-h').textContent()).toBe('سجل القرارات');
    await page.waitForSelector('figure.diagram svg', { timeout: 20_000 });
    await page.screenshot({ path: `${RESULTS}/case-page-ar.png`, fullPage: true });
    // The choice is remembered without ?lang=
    await page.goto(`${base}/ui/rules`);
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
  });

  const horizontalOverflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  const firstSeq = async () => Number((await page.locator('ol.timeline > li').first().getAttribute('id'))!.slice('rec-'.length));

  it('at laptop width (1366 px) the case page has no horizontal scroll, in English and Arabic, diagrams drawn', async () => {
    await page.setViewportSize({ width: 1366, height: 900 });
    for (const lang of ['en', 'ar']) {
      await page.goto(`${base}/ui/cases/${caseId}?lang=${lang}`);
      await page.waitForSelector('figure.diagram svg', { timeout: 20_000 });
      expect(await page.locator('html').getAttribute('dir')).toBe(lang === 'ar' ? 'rtl' : 'ltr');
      expect(await horizontalOverflow(), lang).toBeLessThanOrEqual(0);
      // The summary comes first and names the refusal.
      expect(await page.locator('#attention [data-attention="refused"] li').count()).toBe(1);
    }
    await page.screenshot({ path: `${RESULTS}/case-page-1366-ar.png`, fullPage: true });
  });

  it('pages through the timeline: next, previous, oldest first', async () => {
    await page.goto(`${base}/ui/cases/${caseId}?lang=en`);
    expect(await page.locator('ol.timeline > li').count()).toBe(50);
    const top = await firstSeq();
    expect(await page.locator('ol.timeline > li.refused').count()).toBe(1);
    await page.locator('nav.pager').first().getByRole('link', { name: 'Next page' }).click();
    await page.waitForURL(/before=/);
    expect(await firstSeq()).toBe(top - 50);
    await page.locator('nav.pager').first().getByRole('link', { name: 'Previous page' }).click();
    await page.waitForURL(/after=/);
    expect(await firstSeq()).toBe(top);
    await page.getByRole('link', { name: 'Oldest first' }).click();
    await page.waitForURL(/order=oldest/);
    expect(await firstSeq()).toBeLessThan(top - 100);
    const seqs = await page.locator('ol.timeline > li').evaluateAll((els) => els.map((e) => Number(e.id.slice(4))));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    // The summary's link opens the page holding the refused record.
    await page.locator('#attention [data-attention="refused"] a').first().click();
    await page.waitForURL(/before=\d+#rec-\d+/);
    expect(await page.locator('ol.timeline > li').first().getAttribute('class')).toBe('refused');
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('is readable on a tablet and the audit page shows an intact chain', async () => {
    await page.setViewportSize({ width: 820, height: 1180 });
    await page.goto(`${base}/ui/audit?lang=en`);
    expect(await page.locator('#chain-status').getAttribute('data-ok')).toBe('true');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${RESULTS}/audit-tablet.png`, fullPage: true });
  });

  it('signs out: the session ends server-side, so a copy of the old cookie opens nothing', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${base}/ui/sign-in`);
    await page.goto(`${base}/ui/cases`);
    expect(new URL(page.url()).pathname).toBe('/ui/sign-in');
    // Another browser holding the old cookie (stolen before sign-out).
    const thief = await browser.newContext();
    await thief.addCookies([{ name: 'kp_session', value: sessionCookie!.value, url: `${base}/ui` }]);
    const stolen = await thief.newPage();
    await stolen.goto(`${base}/ui/cases`);
    expect(new URL(stolen.url()).pathname).toBe('/ui/sign-in');
    await thief.close();
  });

  it('the API reference (/docs) still renders under the security headers', async () => {
    await page.goto(`${base}/docs`);
    await page.waitForSelector('.swagger-ui .info .title', { timeout: 20_000 });
    expect(await page.locator('.swagger-ui .info .title').textContent()).toContain('Key Principles case engine');
    await expect.poll(() => page.locator('.opblock').count()).toBeGreaterThan(10);
  });

  it('no page broke the Content-Security-Policy', () => {
    expect(cspViolations).toEqual([]);
  });
});

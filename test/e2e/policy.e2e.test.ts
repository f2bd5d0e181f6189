import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.ts';
import { createUser } from '../../src/auth/tokens.ts';
import { openBrowser } from '../support/browser.ts';

/**
 * The policy staff's page in a real browser (Debian's Chromium, headless, playwright-core): sign
 * in as policy, run the example scenario (a child's return refused for want of a BID), read the
 * refusal's explanation in English and in Arabic, and the page stays within a 1366 px laptop screen.
 */
const RESULTS = 'test-results';

describe('policy staff page in Chromium', () => {
  let dir: string;
  let app: Awaited<ReturnType<typeof buildApp>>;
  let browser: Browser;
  let page: Page;
  let base: string;
  let policyToken: string;
  let cspViolations: string[] = [];

  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'kp-policy-e2e-'));
    app = await buildApp({ databasePath: join(dir, 'kp.sqlite'), logLevel: 'silent' });
    policyToken = createUser(app.services.repos, 'Pia Policy', ['policy'], new Date().toISOString()).token;
    ({ base, browser, page, cspViolations } = await openBrowser(app, { width: 1366, height: 900 }));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

  it('signs in as policy and lands on the scenario form', async () => {
    await page.goto(`${base}/ui/policy`);
    expect(new URL(page.url()).pathname).toBe('/ui/sign-in');
    await page.getByLabel('API token').fill(policyToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${base}/ui/policy`);
    expect(await page.getByRole('link', { name: 'Policy', exact: true }).getAttribute('aria-current')).toBe('page');
    expect(await page.locator('textarea#scenario').inputValue()).toContain('APPROVE_RETURN');
  });

  it('runs the scenario: the refused step shows its verdicts and what would let it pass', async () => {
    await page.getByRole('button', { name: 'Run the dry run' }).click();
    await page.waitForURL(`${base}/ui/policy/scenario`);
    expect(await page.locator('#scenario-result').getAttribute('data-passed')).toBe('true');
    const refused = page.locator('li#step-4');
    expect(await refused.getAttribute('data-result')).toBe('refused');
    const verdict = refused.locator('li[data-rule="KP-CHILD-08"]');
    expect(await verdict.isVisible()).toBe(true);
    expect(await verdict.locator('.reason').getAttribute('lang')).toBe('en');
    expect(await verdict.locator('dt', { hasText: 'Would pass with' }).isVisible()).toBe(true);
    expect(await refused.getByRole('link', { name: 'KP-CHILD-02' }).isVisible()).toBe(true);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${RESULTS}/policy-scenario.png`, fullPage: true });
  });

  it('in Arabic: right to left, the refusal explained in Arabic', async () => {
    await page.goto(`${base}/ui/policy?lang=ar`);
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    await page.getByRole('button', { name: 'شغّل التشغيل التجريبي' }).click();
    await page.waitForURL(`${base}/ui/policy/scenario`);
    expect(await page.locator('html').getAttribute('lang')).toBe('ar');
    const verdict = page.locator('li#step-4 li[data-rule="KP-CHILD-08"]');
    const reason = verdict.locator('.reason');
    expect(await reason.getAttribute('lang')).toBe('ar');
    expect(await reason.textContent()).toMatch(/[\u0600-\u06FF]/);
    expect(await verdict.locator('dt', { hasText: 'يُستوفى بتوفّر' }).isVisible()).toBe(true);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `${RESULTS}/policy-scenario-ar.png`, fullPage: true });
  });

  it('loads a YAML file into the scenario form', async () => {
    await page.goto(`${base}/ui/policy?lang=en`);
    await page.locator('#scenario-file').setInputFiles({ name: 'mine.yaml', mimeType: 'application/yaml', buffer: Buffer.from('name: from a file\n') });
    await expect.poll(() => page.locator('textarea#scenario').inputValue()).toBe('name: from a file\n');
    await page.getByRole('button', { name: 'Run the dry run' }).click();
    await page.waitForURL(`${base}/ui/policy/scenario`);
    expect(await page.locator('#problems').textContent()).toContain('scenario.description');
  });

  it('impact analysis and coverage pages fit a laptop screen', async () => {
    await page.goto(`${base}/ui/policy/impact`);
    await page.locator('#settings').fill('bidPanelMinMembers: 4');
    await page.locator('#source').selectOption('scenarios');
    await page.getByRole('button', { name: 'Run the analysis' }).click({ timeout: 60_000 });
    await page.waitForSelector('#impact-result', { timeout: 60_000 });
    expect(await page.locator('#impact-by-rule tr[data-rule="KP-CHILD-04"]').isVisible()).toBe(true);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.goto(`${base}/ui/policy/coverage`);
    expect(await page.locator('#coverage-table tbody[data-rule="KP-SCR-01"]').count()).toBe(1);
    expect(await overflow()).toBeLessThanOrEqual(0);
  }, 90_000);

  it('no page broke the Content-Security-Policy', () => {
    expect(cspViolations).toEqual([]);
  });
});

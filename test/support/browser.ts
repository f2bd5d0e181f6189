import { existsSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium (never a downloaded browser); CHROMIUM_PATH overrides. */
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/**
 * Serves the app on a free port and opens one headless Chromium page on it. Console errors from
 * the Content-Security-Policy are collected in `cspViolations`: a page the CSP breaks shows there.
 */
export async function openBrowser(app: FastifyInstance, viewport: { width: number; height: number }): Promise<{ base: string; browser: Browser; page: Page; cspViolations: string[] }> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is required for the browser tests and was not found at ${CHROMIUM}`);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no TCP address');
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
  const page = await browser.newPage({ viewport, locale: 'en-GB' });
  const cspViolations: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  return { base: `http://127.0.0.1:${address.port}`, browser, page, cspViolations };
}

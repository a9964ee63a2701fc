/**
 * Screenshots for the README, at 1280 px wide, written to docs/screenshots/. Runs only when asked, so an
 * ordinary test run does not rewrite them: npm run screenshots (builds first).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { launchBrowser, openPage, repoRoot, signInToPlan, startServer, type RunningServer } from './helpers';

const outDir = path.join(repoRoot, 'docs', 'screenshots');

describe('screenshots', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
    fs.mkdirSync(outDir, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('takes the sign-in, plan, action and recommendations pages', async () => {
    const { page, close } = await openPage(browser, server.baseUrl, {
      width: 1280,
      height: 900,
      clockStart: server.clockStart,
    });
    try {
      await page.goto('/sign-in');
      await page.locator('h1').waitFor();
      await page.getByText('Northshire County Council').first().waitFor();
      await page.screenshot({ path: path.join(outDir, 'sign-in.png'), fullPage: true });

      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.locator('.govuk-error-summary').waitFor();
      await page.screenshot({ path: path.join(outDir, 'sign-in-errors.png'), fullPage: true });

      await signInToPlan(page, 'chair@example.org');
      await page.mouse.move(0, 0);
      await page.screenshot({ path: path.join(outDir, 'plan.png'), fullPage: true });

      await page.locator('main a.app-action-link', { hasText: '2.8' }).click();
      await page.locator('ol.app-timeline').waitFor();
      await page.screenshot({ path: path.join(outDir, 'action.png'), fullPage: true });

      await page.goto('/recommendations');
      await page.locator('article.app-recommendation').first().waitFor();
      await page.screenshot({ path: path.join(outDir, 'recommendations.png'), fullPage: true });

      await page.setViewportSize({ width: 375, height: 800 });
      await page.goto('/');
      await page.locator('table.app-actions-table').first().waitFor();
      await page.screenshot({ path: path.join(outDir, 'plan-mobile.png'), fullPage: false });
    } finally {
      await close();
    }
  });
});

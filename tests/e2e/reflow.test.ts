/**
 * WCAG 2.2 reflow (1.4.10): at 320 CSS pixels wide — 400% zoom of a 1280px window — no page scrolls
 * sideways. Wide data (the RAG history grid) scrolls inside its own labelled region instead.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, signInThroughForm } from './helpers';

const { withPage } = browserSuite();

/** Opens a page at 320 × 800 and answers how wide the document is once its data has loaded. */
async function documentWidth(page: Page, path: string): Promise<number> {
  await page.goto(path);
  await page.waitForLoadState('networkidle');
  await page.locator('main h1').waitFor();
  return page.evaluate(() => document.documentElement.scrollWidth);
}

async function signIn(page: Page, email: string): Promise<void> {
  await page.setViewportSize({ width: 320, height: 800 });
  await signInThroughForm(page, email);
  await page.waitForURL((url) => url.pathname !== '/sign-in');
}

/** The action's page link from the plan (its id is the demo's business, not the test's). */
async function actionPath(page: Page, ref: string): Promise<string> {
  await page.goto('/');
  const link = page.locator('main a.app-action-link', { hasText: ref }).first();
  await link.waitFor();
  return (await link.getAttribute('href')) ?? '';
}

describe('at 320 CSS pixels wide, nothing scrolls sideways', () => {
  it('for the chair: overview, an action with timeframe requests, meetings, recommendations, history, export, scorecard', async () => {
    await withPage(async ({ page }) => {
      await signIn(page, 'chair@example.org');
      const action = await actionPath(page, '1.9');
      await page.goto('/meetings');
      await page.locator('main a[href^="/meetings/"]').first().waitFor();
      const meetingLinks = await page
        .locator('main a[href^="/meetings/"]')
        .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
      expect(meetingLinks.length).toBeGreaterThan(1);
      const pages = [
        '/overview',
        action,
        ...new Set(meetingLinks),
        '/recommendations',
        '/history',
        '/export',
        '/scorecard',
        '/risks',
        '/risks/1',
      ];
      const widths: Record<string, number> = {};
      for (const path of pages) widths[path] = await documentWidth(page, path);
      for (const path of pages)
        expect(widths[path], `${path} is ${widths[path]}px wide`).toBeLessThanOrEqual(320);
      // The RAG history grid is wider than the screen, and scrolls inside its own region.
      await page.goto('/history');
      const grid = page.getByTestId('history-scroll');
      await grid.waitFor();
      expect(await grid.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    });
  });

  it('for a lead: My actions and the update form', async () => {
    await withPage(async ({ page }) => {
      await signIn(page, 'head.of.quality.assurance@example.org');
      const action = await actionPath(page, '1.9');
      for (const path of ['/my-actions', `${action}/update`]) {
        expect(await documentWidth(page, path), path).toBeLessThanOrEqual(320);
      }
    });
  });
});

describe('the navigation on a narrow screen', () => {
  it('folds behind a Menu button that opens it, and closes again on the next page', async () => {
    await withPage(async ({ page }) => {
      await signIn(page, 'chair@example.org');
      await page.locator('main h1').waitFor();
      const menu = page.getByRole('button', { name: 'Menu' });
      const nav = page.getByRole('navigation', { name: 'Menu' });
      const overview = nav.getByRole('link', { name: 'Overview' });
      expect(await menu.getAttribute('aria-expanded')).toBe('false');
      expect(await overview.isVisible()).toBe(false);

      await menu.focus();
      await page.keyboard.press('Enter');
      expect(await menu.getAttribute('aria-expanded')).toBe('true');
      expect(await overview.isVisible()).toBe(true);

      await nav.getByRole('link', { name: 'Meetings' }).click();
      await page.waitForURL((url) => url.pathname === '/meetings');
      await expect.poll(() => menu.getAttribute('aria-expanded')).toBe('false');
      expect(await overview.isVisible()).toBe(false);

      // On a wide screen every link shows and there is no Menu button.
      await page.setViewportSize({ width: 1280, height: 800 });
      await expect.poll(() => overview.isVisible()).toBe(true);
      // The links show as soon as the media query matches; the button goes when the page next renders.
      await expect.poll(() => menu.count()).toBe(0);
    });
  });
});

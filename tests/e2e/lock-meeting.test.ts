/**
 * Locking a meeting in the browser when the API refuses (an earlier meeting still open): its reason is in the
 * error summary. A lock that succeeds, with its banner taking focus, is in the chair's journey
 * (journeys.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { browserSuite, signInThroughForm } from './helpers';

const { withPage } = browserSuite();

describe('locking a meeting', () => {
  it('shows the API’s reason when an earlier meeting is still open, in the error summary', async () => {
    await withPage(
      async ({ page }) => {
        await signInThroughForm(page, 'admin@example.org');
        await page.waitForURL((url) => url.pathname !== '/sign-in');
        await page.goto('/meetings');
        await page.getByRole('heading', { name: 'Schedule a meeting' }).waitFor();
        for (const day of ['19', '20']) {
          const date = page.getByRole('group', { name: 'Date of the meeting' });
          await date.getByLabel('Day').fill(day);
          await date.getByLabel('Month').fill('11');
          await date.getByLabel('Year').fill('2026');
          await page.getByRole('button', { name: 'Schedule meeting' }).click();
          await page
            .locator('.govuk-notification-banner--success', { hasText: `${day} November 2026` })
            .waitFor();
        }
        const later = page.locator('tr[data-meeting-id]', { hasText: '20 November 2026' }).first();
        await later.getByRole('link').first().click();
        await page.getByRole('button', { name: 'Lock this meeting' }).click();
        // A confirmation step first, with focus on its question.
        await expect
          .poll(() => page.evaluate(() => document.activeElement?.textContent?.trim()))
          .toBe('Are you sure you want to lock this meeting?');
        await page.getByRole('button', { name: 'Yes, lock this meeting' }).click();
        const summary = page.locator('.govuk-error-summary');
        await summary.waitFor();
        expect(await summary.textContent()).toContain('The meeting could not be locked');
        expect(await summary.textContent()).toContain('Lock the earlier meeting first');
        await expect
          .poll(() => page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary')))
          .toBe(true);
      },
      { expectedErrors: /status of 409 \(Conflict\)/ },
    );
  });
});

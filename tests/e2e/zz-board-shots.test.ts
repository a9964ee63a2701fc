import { describe, it } from 'vitest';
import { browserSuite, signInThroughForm } from './helpers';

const { withPage } = browserSuite();

describe('shots', () => {
  it('takes', async () => {
    await withPage(async ({ page }) => {
      await signInThroughForm(page, 'admin@example.org');
      await page.waitForURL((url) => url.pathname !== '/sign-in');
      await page.goto('/meetings');
      await page.locator('tr[data-meeting-id]', { hasText: '3 November 2026' }).first().getByRole('link').first().click();
      await page.getByTestId('meeting-risks').waitFor();
      const sec = page.locator('.app-meeting-record');
      await sec.screenshot({ path: '/tmp/b14-meeting-locked.png' });
      await page.goto('/meetings');
      await page.locator('tr[data-meeting-id]', { hasText: '15 December 2026' }).first().getByRole('link').first().click();
      await page.getByTestId('meeting-risks').waitFor();
      await page.locator('.app-meeting-record').screenshot({ path: '/tmp/b14-meeting-next.png' });
      await page.goto('/risks');
      await page.getByTestId('risk-register').waitFor();
      await page.screenshot({ path: '/tmp/b14-risks.png', fullPage: true });
      await page.getByRole('link', { name: 'Reliance on agency social workers' }).click();
      await page.getByTestId('score-history').waitFor();
      await page.screenshot({ path: '/tmp/b14-risk.png', fullPage: true });
    });
  });
});

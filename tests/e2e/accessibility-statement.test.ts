/**
 * The accessibility statement a council must publish: linked from every page's footer, readable before
 * signing in, and itself free of serious accessibility issues.
 */
import { describe, expect, it } from 'vitest';
import { browserSuite, describeViolations, seriousViolations, signInToPlan } from './helpers';

const { withPage } = browserSuite();

describe('the accessibility statement', () => {
  it('is linked from the footer before signing in, and passes axe', async () => {
    await withPage(
      async ({ page }) => {
        await page.goto('/sign-in');
        await page.locator('h1').waitFor();
        await page.locator('footer').getByRole('link', { name: 'Accessibility statement' }).click();
        await page.waitForURL((url) => url.pathname === '/accessibility');
        await expect
          .poll(() => page.locator('main h1').textContent())
          .toMatch(/^Accessibility statement for /);
        expect(await page.title()).toBe('Accessibility statement – Improvement Plan Tracker');
        const headings = (await page.locator('main h2').allTextContents()).map((t) => t.trim());
        expect(headings).toEqual([
          'How accessible this service is',
          'Feedback and contact information',
          'Enforcement procedure',
          "Technical information about this service's accessibility",
          'How we tested this service',
        ]);
        // It names the council that runs the service and says how to report a problem.
        await expect.poll(() => page.locator('main').textContent()).toContain('Northshire County Council');
        const violations = await seriousViolations(page);
        expect(violations, describeViolations(violations)).toEqual([]);
      },
      { bypassCSP: true },
    );
  });

  it('is linked from the footer of a signed-in page too', async () => {
    await withPage(async ({ page }) => {
      await signInToPlan(page, 'chair@example.org');
      const link = page.locator('footer').getByRole('link', { name: 'Accessibility statement' });
      expect(await link.getAttribute('href')).toBe('/accessibility');
    });
  });
});

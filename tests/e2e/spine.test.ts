/**
 * The spine of the client, end to end: sign in as each kind of user, read the plan, an action and the
 * recommendations, reload a deep link. Signing in with the keyboard alone and axe on these pages are in the
 * journeys (journeys.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, browserSuite, signInThroughForm, signInToPlan } from './helpers';

const THEMES = ['Practice', 'Performance', 'People', 'Partnerships'];
const DEMO_ACTION_COUNT = 21;

const suite = browserSuite();
const { withPage } = suite;

describe('signing in', () => {
  it.each([
    'admin@example.org',
    'chair@example.org',
    'adviser@example.org',
    'viewer@example.org',
    'head.of.quality.assurance@example.org',
  ])('%s signs in through the form and sees every demo action under its theme', async (email) => {
    await withPage(async ({ page }) => {
      await signInToPlan(page, email);
      expect(await page.title()).toBe('Plan – Improvement Plan Tracker');
      await expect.poll(() => page.locator('h1').count()).toBe(1);

      const themeHeadings = await page.locator('main h2.app-theme__heading').allTextContents();
      expect(themeHeadings.map((t) => t.trim())).toEqual(THEMES);
      expect(await page.locator('main a.app-action-link').count()).toBe(DEMO_ACTION_COUNT);
      await expect.poll(() => page.locator('.app-results-summary').textContent()).toContain('21 actions');

      // Each action sits under its own theme: 1.x under Practice … 4.x under Partnerships.
      const refsByTheme = await page.$$eval('main section.app-theme', (sections) =>
        sections.map((s) => ({
          theme: s.querySelector('h2')?.textContent?.trim(),
          refs: [...s.querySelectorAll('tr[data-action-ref]')].map((r) => r.getAttribute('data-action-ref')),
        })),
      );
      for (const { theme, refs } of refsByTheme) {
        const prefix = String(THEMES.indexOf(theme ?? '') + 1);
        for (const ref of refs) expect(ref?.split('.')[0], `${ref} under ${theme}`).toBe(prefix);
      }

      // A demo instance says so on every page.
      await expect
        .poll(() => page.getByTestId('demo-banner').textContent())
        .toMatch(/Demo\s*This is a demonstration: its accounts share a published password/);

      // The signed-in person's name and a way out are in the navigation.
      const nav = page.getByRole('navigation', { name: 'Menu' });
      await expect.poll(() => nav.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);
    });
  });

  it('shows the error summary, linked to the field, when the password is wrong', async () => {
    await withPage(async ({ page }) => {
      await signInThroughForm(page, 'viewer@example.org', 'not-the-password');
      const summary = page.locator('.govuk-error-summary');
      await summary.waitFor();
      expect(await summary.locator('h2').textContent()).toContain('There is a problem');
      const link = summary.locator('a[href="#email"]');
      expect(await link.textContent()).toMatch(/email address or password is not right/i);
      // The summary takes focus so a screen reader reads it out; the title says there is an error.
      expect(
        await page.evaluate(() => document.activeElement?.classList.contains('govuk-error-summary')),
      ).toBe(true);
      expect(await page.title()).toBe('Error: Sign in – Improvement Plan Tracker');
      expect(await page.locator('#email-error').textContent()).toMatch(/not right/);
      expect(new URL(page.url()).pathname).toBe('/sign-in');
    });
  });

  it('asks for both fields before sending anything', async () => {
    await withPage(async ({ page }) => {
      await page.goto('/sign-in');
      await page.getByRole('button', { name: 'Sign in' }).click();
      const items = await page.locator('.govuk-error-summary__list a').allTextContents();
      expect(items.map((t) => t.trim())).toEqual(['Enter your email address', 'Enter your password']);
    });
  });

  it('sends a signed-out visitor to sign in, then back to the page they asked for', async () => {
    await withPage(async ({ page }) => {
      await page.goto('/recommendations');
      await page.waitForURL((url) => url.pathname === '/sign-in');
      expect(new URL(page.url()).searchParams.get('next')).toBe('/recommendations');
      await page.getByLabel('Email address').fill('adviser@example.org');
      await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL((url) => url.pathname === '/recommendations');
      await page.getByRole('heading', { level: 1, name: 'Recommendations' }).waitFor();
    });
  });
  it('asks to sign in again when the session ends, and comes back to the page', async () => {
    await withPage(async ({ page, context }) => {
      await signInToPlan(page, 'chair@example.org');
      await context.clearCookies(); // as if the session had expired on the server
      await page.locator('main a.app-action-link', { hasText: '1.3' }).click();
      await page.waitForURL((url) => url.pathname === '/sign-in');
      const next = new URL(page.url()).searchParams.get('next') ?? '';
      expect(next).toMatch(/^\/actions\/\d+$/);
      await page.getByLabel('Email address').fill('chair@example.org');
      await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL((url) => url.pathname === next);
      await page.locator('ol.app-timeline').waitFor();
      expect(await page.title()).toBe('Action 1.3 – Improvement Plan Tracker');
      expect(await page.locator('main h1').count()).toBe(1);
    });
  });

  it('signs out, and the pages ask for sign-in again', async () => {
    await withPage(async ({ page }) => {
      await signInToPlan(page, 'viewer@example.org');
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL((url) => url.pathname === '/sign-in');
      await page.goto('/');
      await page.waitForURL((url) => url.pathname === '/sign-in');
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    });
  });
});

describe('pages', () => {
  it('reloads a deep link to an action', async () => {
    await withPage(async ({ page }) => {
      await signInToPlan(page, 'chair@example.org');
      const href = await page.locator('main a.app-action-link', { hasText: '2.8' }).getAttribute('href');
      expect(href).toMatch(/^\/actions\/\d+$/);
      await page.goto(href ?? '/');
      await page.reload();
      await page.locator('main h1').waitFor();
      expect(new URL(page.url()).pathname).toBe(href);
      expect(await page.title()).toBe('Action 2.8 – Improvement Plan Tracker');
      expect(await page.locator('main h1').textContent()).toContain('performance data');
      // Timeframe history: one change, agreed by the chair.
      const history = page.locator('table', { hasText: 'Requests to change the due date' });
      expect(await history.locator('tbody tr').count()).toBe(1);
      expect(await history.textContent()).toContain('30 September 2026');
      expect(await history.textContent()).toContain('Dr Margaret Ellis');
      // The update history names who, when, and the RAG in words.
      const timeline = page.locator('ol.app-timeline > li');
      expect(await timeline.count()).toBeGreaterThan(1);
      expect(await timeline.first().textContent()).toMatch(/Helen Marsh[\s\S]*\d{1,2} [A-Z][a-z]+ \d{4} at/);
      expect(await timeline.first().locator('.app-rag-tag').textContent()).toMatch(/Amber|Green|Red/);
    });
  });

  it('filters the plan through the URL and pages nothing when all fit', async () => {
    await withPage(async ({ page }) => {
      await signInToPlan(page, 'chair@example.org');
      const listRequest = page.waitForRequest((r) => /\/api\/plans\/\d+\/actions\?/.test(r.url()));
      await page.getByLabel('RAG').selectOption('red');
      await page.getByRole('button', { name: 'Apply filters' }).click();
      // A plan can have 2,000 actions: the page asks for 100 at a time, never all of them.
      const listUrl = new URL((await listRequest).url());
      expect(listUrl.searchParams.get('pageSize')).toBe('100');
      expect(listUrl.searchParams.get('rag')).toBe('red');
      await page.waitForURL((url) => url.searchParams.get('rag') === 'red');
      // The summary says so once the filtered list is shown (the unfiltered one stays until it arrives).
      await page.locator('.app-results-summary', { hasText: 'match your filters' }).waitFor();
      const tags = await page.locator('main table .app-rag-tag').allTextContents();
      expect(tags.length).toBeGreaterThan(0);
      for (const tag of tags) expect(tag.trim()).toBe('Red');
      expect(await page.locator('.govuk-pagination').count()).toBe(0);
      // Overdue actions say so in words.
      expect(await page.locator('main').textContent()).toMatch(/Overdue by \d+ days/);
    });
  });

  it('shows the recommendations, and warns where no action answers one', async () => {
    await withPage(async ({ page }) => {
      // The council's own look: nothing of GOV.UK's fonts or images (crown, crest) is ever asked for.
      const assetRequests: string[] = [];
      page.on('request', (r) => {
        if (/\/assets\/(fonts|images)\/|GDS|crest|crown/i.test(r.url())) assetRequests.push(r.url());
      });
      await signInToPlan(page, 'adviser@example.org');
      const fontFamily = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
      expect(fontFamily).toMatch(/^arial/i);
      expect(await page.locator('.govuk-generic-header').textContent()).toContain(
        'Northshire County Council',
      );
      await page
        .getByRole('navigation', { name: 'Menu' })
        .getByRole('link', { name: 'Recommendations' })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Recommendations' }).waitFor();
      expect(await page.title()).toBe('Recommendations – Improvement Plan Tracker');
      expect(await page.locator('article.app-recommendation').count()).toBe(17);
      const gaps = page.locator('article.app-recommendation', {
        hasText: 'No live action answers this recommendation',
      });
      expect(await gaps.count()).toBe(2);
      const rec3 = page.locator('article.app-recommendation', { hasText: 'Ofsted recommendation 3' }).first();
      expect(await rec3.getByRole('link', { name: 'Action 1.1' }).count()).toBe(1);
      expect(assetRequests).toEqual([]);
    });
  });
});

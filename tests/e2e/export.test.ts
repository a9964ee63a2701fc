/**
 * The export page, as the DfE adviser uses it: it is where they land after signing in; the preview of the
 * progress summary for a locked meeting; the four download links carrying the chosen meeting and filters;
 * leads are kept out. Downloading each file and reading it back, and axe, are in the adviser's journey
 * (journeys.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { formatDate } from '@ipt/shared';
import type { Meeting, ProgressSummary } from '@ipt/shared/schemas';
import { browserSuite, signInThroughForm, signInToPlan, type TestPage } from './helpers';

const FORMATS = ['docx', 'pdf', 'xlsx', 'csv'] as const;
const LINK_TEXTS = {
  docx: 'Download as Word (.docx)',
  pdf: 'Download as PDF',
  xlsx: 'Download as Excel (.xlsx)',
  csv: 'Download as CSV',
};

const suite = browserSuite();
const { withPage } = suite;

/** The adviser signs in through the form and lands on the export page, with the preview shown. */
async function signInAsAdviser(page: TestPage['page']): Promise<void> {
  await signInThroughForm(page, 'adviser@example.org');
  await page.waitForURL((url) => url.pathname === '/export');
  await page.getByTestId('summary-preview').waitFor();
}

describe('the export page', () => {
  it('is the adviser’s landing page, and previews the summary for the latest locked meeting', async () => {
    await withPage(async ({ page }) => {
      await signInAsAdviser(page);
      expect(await page.title()).toBe('Export a progress summary – Improvement Plan Tracker');
      await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1');

      const plans = (await (await page.request.get('/api/plans')).json()) as { items: { id: number }[] };
      const planId = plans.items[0]?.id;
      const meetings = (
        (await (await page.request.get(`/api/plans/${planId}/meetings`)).json()) as { items: Meeting[] }
      ).items;
      const latest = meetings.filter((m) => m.status === 'locked').at(-1);
      expect(await page.getByLabel('As at', { exact: true }).inputValue()).toBe(String(latest?.id));

      const summary = (await (
        await page.request.get(`/api/plans/${planId}/export?format=json&meeting=${latest?.id}`)
      ).json()) as ProgressSummary;
      const preview = page.getByTestId('summary-preview');
      expect(await preview.getByTestId('cover-line').textContent()).toContain(summary.councilName);
      expect(await preview.getByTestId('cover-line').textContent()).toContain(summary.plan.title);
      expect(await preview.textContent()).toContain(
        `Progress summary as at the board meeting of ${formatDate(latest?.meetingDate ?? '')}`,
      );
      expect(await preview.getByTestId('headline-words').textContent()).toContain(
        `${summary.headline.total} actions, ${summary.headline.percentComplete}% complete (Blue)`,
      );
      expect(await preview.locator('[data-recommendation-id]').count()).toBe(summary.recommendations.length);
      expect(await preview.getByTestId('overdue-table').locator('tbody tr').count()).toBe(
        summary.overdue.length,
      );
      for (const heading of [
        'Headline',
        'Progress against each recommendation',
        'Overdue actions',
        'Changes since the previous meeting',
        'Timeframe changes',
        'Evidence',
      ]) {
        await preview.getByRole('heading', { name: heading, exact: true }).waitFor();
      }

      for (const format of FORMATS) {
        const href = await page.getByRole('link', { name: LINK_TEXTS[format] }).getAttribute('href');
        const url = new URL(href ?? '', suite.server.baseUrl);
        expect(url.pathname).toBe(`/api/plans/${planId}/export`);
        expect(url.searchParams.get('format')).toBe(format);
        expect(url.searchParams.get('meeting')).toBe(String(latest?.id));
      }
    });
  });

  it('puts the chosen meeting and filters in the URL, the preview and all four download links', async () => {
    await withPage(async ({ page }) => {
      await signInAsAdviser(page);
      const meetingOptions = await page
        .getByLabel('As at', { exact: true })
        .locator('option')
        .allTextContents();
      // Locked meetings and now: never a meeting still scheduled.
      expect(meetingOptions.at(-1)).toBe('Now (live)');
      expect(meetingOptions.some((t) => t.includes('15 December 2026'))).toBe(false);

      await page
        .getByLabel('As at', { exact: true })
        .selectOption({ label: 'Improvement board, 29 September 2026 (locked)' });
      const meetingId = await page.getByLabel('As at', { exact: true }).inputValue();
      await page.getByLabel('Theme (optional)').selectOption({ label: 'Practice' });
      const themeId = await page.getByLabel('Theme (optional)').inputValue();
      await page.getByLabel('Lead (optional)').selectOption({ label: 'Head of Safeguarding' });
      const leadId = await page.getByLabel('Lead (optional)').inputValue();
      const previewRequest = page.waitForRequest((r) => r.url().includes('format=json'));
      await page.getByRole('button', { name: 'Show summary' }).click();

      const requested = new URL((await previewRequest).url());
      expect(requested.searchParams.get('meeting')).toBe(meetingId);
      expect(requested.searchParams.get('theme')).toBe(themeId);
      expect(requested.searchParams.get('lead')).toBe(leadId);
      await page.waitForURL((url) => url.searchParams.get('lead') === leadId);
      const preview = page.getByTestId('summary-preview');
      await expect
        .poll(() => preview.textContent())
        .toContain('Progress summary as at the board meeting of 29 September 2026');
      expect(await preview.getByTestId('filter-words').textContent()).toContain(
        'the Practice theme and actions led by Head of Safeguarding',
      );

      for (const format of FORMATS) {
        const href = await page.getByRole('link', { name: LINK_TEXTS[format] }).getAttribute('href');
        const url = new URL(href ?? '', suite.server.baseUrl);
        expect(url.searchParams.get('format')).toBe(format);
        expect(url.searchParams.get('meeting')).toBe(meetingId);
        expect(url.searchParams.get('theme')).toBe(themeId);
        expect(url.searchParams.get('lead')).toBe(leadId);
        expect(url.searchParams.has('recommendation')).toBe(false);
      }

      // Now (live): the links ask for no meeting.
      await page.getByLabel('As at', { exact: true }).selectOption('now');
      await page.getByRole('button', { name: 'Show summary' }).click();
      await expect.poll(() => preview.textContent()).toContain('Progress summary as of now');
      const href = await page.getByRole('link', { name: LINK_TEXTS.csv }).getAttribute('href');
      expect(new URL(href ?? '', suite.server.baseUrl).searchParams.has('meeting')).toBe(false);
    });
  });

  it('is not offered to action leads', async () => {
    await withPage(async ({ page }) => {
      await signInToPlan(page, 'head.of.quality.assurance@example.org');
      const nav = page.getByRole('navigation', { name: 'Menu' });
      await nav.getByRole('link', { name: 'Meetings' }).waitFor();
      expect(await nav.getByRole('link', { name: 'Export' }).count()).toBe(0);
      await page.goto('/export');
      await page.waitForURL((url) => url.pathname === '/forbidden');
      await page.getByRole('heading', { level: 1, name: 'You cannot see this page' }).waitFor();
    });
  });
});

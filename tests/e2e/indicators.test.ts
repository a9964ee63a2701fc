/**
 * Performance indicators in the browser: the programme office enters a month's values with the keyboard
 * alone; the chair sees the scorecard, an indicator's chart and table, and the frozen scorecard at a locked
 * meeting; recommendations list their indicators; the programme office imports a performance return with the
 * keyboard alone (a malformed one names its problems and imports nothing); the adviser downloads the PDF and
 * it has the Performance section; axe finds nothing serious on any of these pages.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FileChooser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatPeriod } from '@ipt/shared';
import type { Indicator, Meeting, Scorecard } from '@ipt/shared/schemas';
import {
  browserSuite,
  describeViolations,
  repoRoot,
  seriousViolations,
  signInThroughForm,
  signInToPlan,
} from './helpers';
import { tabTo } from './helpers/keyboard';

const suite = browserSuite();
const { withPage } = suite;
const shotDir = process.env.UPDATE_SCREENSHOTS
  ? path.join(repoRoot, 'docs', 'screenshots')
  : process.env.INDICATOR_SHOTS;

beforeAll(() => {
  if (shotDir) fs.mkdirSync(shotDir, { recursive: true });
});

async function shot(page: Page, name: string): Promise<void> {
  if (!shotDir) return;
  await page.mouse.move(0, 0);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.screenshot({ path: path.join(shotDir, name), fullPage: true });
}

async function expectNoSeriousViolations(page: Page, name: string): Promise<void> {
  const violations = await seriousViolations(page);
  expect(violations, `${name}:\n${describeViolations(violations)}`).toEqual([]);
}

async function api<T>(page: Page, url: string): Promise<T> {
  const response = await page.request.get(url);
  expect(response.status(), url).toBe(200);
  return (await response.json()) as T;
}

describe('performance indicators', () => {
  let enteredPeriod = '';

  it('the programme office enters a month’s values with the keyboard alone', async () => {
    await withPage(
      async ({ page }) => {
        await signInToPlan(page, 'admin@example.org');
        await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Scorecard' }).click();
        await page.getByRole('heading', { level: 1, name: 'Scorecard' }).waitFor();
        await tabTo(page, 'a[href="/scorecard/values"]');
        await page.keyboard.press('Enter');
        await page.getByRole('heading', { level: 1, name: 'Enter a month’s values' }).waitFor();
        await expectNoSeriousViolations(page, 'entry form');
        await shot(page, 'indicator-values.png');

        enteredPeriod = await page.locator('#period').inputValue();
        const ids = await page
          .locator('fieldset[data-indicator-id]')
          .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.indicatorId ?? ''));
        expect(ids.length).toBeGreaterThanOrEqual(12);

        // A mistake first: the error summary names it and links to the field.
        await tabTo(page, `#value-${ids[0]}`);
        await page.keyboard.type('ninety');
        await tabTo(page, 'button[type="submit"]');
        await page.keyboard.press('Enter');
        const summary = page.locator('.govuk-error-summary');
        await summary.waitFor();
        await expect.poll(() => summary.evaluate((el) => el === document.activeElement)).toBe(true);
        expect(await summary.textContent()).toMatch(/enter a number/);
        await expectNoSeriousViolations(page, 'entry form with errors');

        // Follow the summary's link with the keyboard, correct the value, then enter two more.
        await page.keyboard.press('Tab');
        await page.keyboard.press('Enter');
        await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(`value-${ids[0]}`);
        await page.keyboard.press('Control+A');
        await page.keyboard.type('93.5');
        await page.keyboard.press('Tab'); // status
        await page.keyboard.press('ArrowDown'); // Validated
        await tabTo(page, `#value-${ids[1]}`);
        await page.keyboard.type('418');
        await tabTo(page, `#value-${ids[2]}`);
        await page.keyboard.type('20.9');
        await tabTo(page, `#note-${ids[2]}`);
        await page.keyboard.type('Lowest since the plan began');
        await tabTo(page, 'button[type="submit"]');
        await page.keyboard.press('Enter');

        await page.waitForURL((url) => url.pathname === '/scorecard');
        await page.getByText(`3 values recorded for ${formatPeriod(enteredPeriod)}`).waitFor();
        const row = page.locator(`tr[data-indicator-id="${ids[0]}"]`);
        expect(await row.textContent()).toContain('93.5%');
        expect(await row.textContent()).toContain(formatPeriod(enteredPeriod));
        await expectNoSeriousViolations(page, 'scorecard after entry');
      },
      { bypassCSP: true },
    );
  });

  it('the chair reads the scorecard: RAG words, movement in words, a trend line with a text alternative', async () => {
    await withPage(
      async ({ page }) => {
        await signInToPlan(page, 'chair@example.org');
        await page.goto('/scorecard');
        await page.getByRole('heading', { level: 1, name: 'Scorecard' }).waitFor();
        await page.locator('table.app-scorecard-table').first().waitFor();
        const groups = await page
          .locator('[data-group]')
          .evaluateAll((els) => els.map((e) => e.getAttribute('data-group')));
        expect(groups).toEqual(expect.arrayContaining(['Practice', 'People']));
        const text = (await page.locator('main').textContent()) ?? '';
        expect(text).toMatch(/Improved: (up|down) /);
        expect(text).toMatch(/Red|Amber|Green/);
        const trend = page.locator('svg.app-trend-line').first();
        expect(await trend.getAttribute('aria-label')).toMatch(/^Trend over \d+ periods: from /);
        await expectNoSeriousViolations(page, 'scorecard');
        await shot(page, 'scorecard.png');

        // One indicator: its chart names itself, and the same data is a table.
        await page.getByRole('link', { name: 'Repeat child protection plans' }).click();
        await page.getByRole('heading', { level: 1, name: 'Repeat child protection plans' }).waitFor();
        const chart = page.getByRole('img', { name: /Chart of Repeat child protection plans/ });
        await chart.waitFor();
        const rows = await page.locator('[data-values-table] tbody tr').count();
        expect(rows).toBeGreaterThanOrEqual(18);
        expect(await page.locator('main').textContent()).toContain('England');
        await expectNoSeriousViolations(page, 'indicator');
        await shot(page, 'indicator.png');
      },
      { bypassCSP: true },
    );
  });

  it('the chair sees the frozen scorecard at the last locked meeting; recommendations list their indicators', async () => {
    await withPage(
      async ({ page }) => {
        await signInToPlan(page, 'chair@example.org');
        const plans = await api<{ items: { id: number }[] }>(page, '/api/plans');
        const meetings = (await api<{ items: Meeting[] }>(page, `/api/plans/${plans.items[0]?.id}/meetings`))
          .items;
        const locked = meetings.filter((m) => m.status === 'locked').at(-1);
        expect(locked).toBeDefined();
        const frozen = await api<Scorecard>(page, `/api/meetings/${locked?.id}/scorecard`);
        expect(frozen.frozen).toBe(true);

        await page.goto(`/meetings/${locked?.id}`);
        const section = page.locator('[data-meeting-scorecard]');
        await section.locator('table.app-scorecard-table').first().waitFor();
        expect(await section.textContent()).toContain('frozen when the meeting was locked');
        const first = frozen.rows[0];
        const row = section.locator(`tr[data-indicator-id="${first?.indicatorId}"]`);
        expect(await row.textContent()).toContain(formatPeriod(first?.latest?.periodEnd ?? '2000-01-31'));
        expect(await section.locator('tr[data-indicator-id]').count()).toBe(frozen.rows.length);
        await expectNoSeriousViolations(page, 'meeting with scorecard');
        if (shotDir) await section.screenshot({ path: path.join(shotDir, 'meeting-scorecard.png') });

        await page.goto('/recommendations');
        await page.locator('[data-linked-indicators]').first().waitFor();
        expect(await page.locator('[data-linked-indicators]').first().textContent()).toMatch(
          /Impact evidence/,
        );
        await expectNoSeriousViolations(page, 'recommendations');
      },
      { bypassCSP: true },
    );
  });

  it('the programme office imports a performance return with the keyboard alone; a malformed one imports nothing', async () => {
    await withPage(
      async ({ page }) => {
        await signInToPlan(page, 'admin@example.org');
        const plans = await api<{ items: { id: number }[] }>(page, '/api/plans');
        const planId = plans.items[0]?.id;
        const indicators = (await api<{ items: Indicator[] }>(page, `/api/plans/${planId}/indicators`)).items;
        // The latest values as the return confirms them: validated, with a note.
        const confirmed = indicators
          .filter((i) => i.frequency === 'monthly' && i.series.length)
          .slice(0, 3)
          .map((i) => ({ ind: i, point: i.series.at(-1)! }));
        expect(confirmed).toHaveLength(3);
        const good = [
          'Indicator,Period,Value,Status,Note',
          ...confirmed.map(
            ({ ind, point }) =>
              `"${ind.name}",${point.periodEnd},${point.value},validated,Validated in the return`,
          ),
        ].join('\r\n');
        const bad = [
          'Indicator,Period,Value,Status,Note',
          `"${confirmed[0]!.ind.name}",${confirmed[0]!.point.periodEnd},ninety,validated,`,
          `"Referrals from the moon",${confirmed[0]!.point.periodEnd},12,validated,`,
        ].join('\r\n');
        const valuesBefore = indicators.reduce((n, i) => n + i.values.length, 0);

        // The file chooser is intercepted from the start: a listener added just before the key press turns
        // interception on asynchronously, and under load the dialog could open before it was on (no event).
        let chosen: ((chooser: FileChooser) => void) | null = null;
        page.on('filechooser', (chooser) => chosen?.(chooser));

        /** Tabs to the file input and opens it with the space bar, as a keyboard user would. */
        async function chooseWithKeyboard(name: string, content: string): Promise<void> {
          await tabTo(page, '#file');
          const chooser = new Promise<FileChooser>((resolve) => (chosen = resolve));
          await page.keyboard.press('Space');
          await (await chooser).setFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(content) });
          await tabTo(page, 'button[type="submit"]');
          await page.keyboard.press('Enter');
        }

        await page.goto('/scorecard');
        await page.getByRole('heading', { level: 1, name: 'Scorecard' }).waitFor();
        await tabTo(page, 'a[href="/scorecard/import"]');
        await page.keyboard.press('Enter');
        await page.getByRole('heading', { level: 1, name: 'Import a performance return' }).waitFor();
        await expectNoSeriousViolations(page, 'import a return');

        await chooseWithKeyboard('return-with-mistakes.csv', bad);
        const summary = page.locator('.govuk-error-summary');
        await summary.waitFor();
        await expect.poll(() => summary.evaluate((el) => el === document.activeElement)).toBe(true);
        const summaryText = (await summary.textContent()) ?? '';
        expect(summaryText).toContain('nothing will be imported');
        expect(summaryText).toMatch(/Row 2, column C \(Value\): "ninety" is not a number/);
        expect(summaryText).toMatch(
          /Row 3, column A \(Indicator\): "Referrals from the moon" is not an indicator/,
        );
        expect(await page.getByRole('button', { name: /^Import / }).count()).toBe(0);
        await expectNoSeriousViolations(page, 'return with problems');
        await shot(page, 'import-return-problems.png');
        // The summary's link takes focus to the problem's row.
        await page.keyboard.press('Tab');
        await page.keyboard.press('Enter');
        await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('problem-0');
        const afterBad = (await api<{ items: Indicator[] }>(page, `/api/plans/${planId}/indicators`)).items;
        expect(afterBad.reduce((n, i) => n + i.values.length, 0)).toBe(valuesBefore);

        await tabTo(page, 'button.govuk-button--secondary');
        await page.keyboard.press('Enter');
        await page.getByRole('heading', { level: 1, name: 'Import a performance return' }).waitFor();
        await chooseWithKeyboard('return.csv', good);
        await page.getByRole('heading', { level: 1, name: 'Check the performance return' }).waitFor();
        const values = page.getByTestId('return-values');
        expect(await values.locator('tbody tr').count()).toBe(3);
        expect(await values.textContent()).toContain(confirmed[0]!.ind.name);
        await expectNoSeriousViolations(page, 'return preview');
        await shot(page, 'import-return-preview.png');
        await tabTo(page, 'button.govuk-button:not(.govuk-button--secondary)');
        await page.keyboard.press('Enter');
        const banner = page.locator('.govuk-notification-banner--success');
        await banner.waitFor();
        expect(await banner.textContent()).toContain('3 values imported from return.csv');
        await expect.poll(() => banner.evaluate((el) => el === document.activeElement)).toBe(true);
        await expectNoSeriousViolations(page, 'return imported');
        const after = (await api<{ items: Indicator[] }>(page, `/api/plans/${planId}/indicators`)).items;
        expect(after.reduce((n, i) => n + i.values.length, 0)).toBe(valuesBefore + 3);
        const first = after.find((i) => i.id === confirmed[0]!.ind.id)!;
        expect(first.series.at(-1)).toMatchObject({ status: 'validated', note: 'Validated in the return' });
      },
      { bypassCSP: true },
    );
  });

  it('the adviser downloads the PDF of the last locked meeting, and it has the Performance section', async () => {
    await withPage(
      async ({ page }) => {
        await signInThroughForm(page, 'adviser@example.org');
        await page.waitForURL((url) => url.pathname === '/export');
        const preview = page.getByTestId('summary-preview');
        await preview.waitFor();
        await preview.getByRole('heading', { level: 3, name: 'Performance' }).waitFor();
        const previewText = (await preview.textContent()) ?? '';
        expect(previewText).toContain('Repeat child protection plans');
        await expectNoSeriousViolations(page, 'export with performance');
        const groups = preview.locator('table[data-testid^="performance-"]');
        expect(await groups.count()).toBeGreaterThanOrEqual(3);
        if (shotDir) await groups.nth(1).screenshot({ path: path.join(shotDir, 'export-performance.png') });

        await tabTo(page, 'a[data-format="pdf"]');
        const download = page.waitForEvent('download');
        await page.keyboard.press('Enter');
        const file = await (await download).path();
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ipt-pdf-'));
        try {
          const pdf = path.join(dir, 'summary.pdf');
          fs.copyFileSync(file, pdf);
          const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
          const flat = text.replace(/\s+/g, ' ');
          expect(flat).toMatch(/\bPerformance\b/);
          expect(flat).toMatch(/Improved|No significant change|Deteriorated/);
          // Table cells wrap, so names are checked by a word or two that fit on a line.
          expect(flat).toContain('Frozen as the meeting reported it.');
          expect(flat).toMatch(/Repeat child/);
          expect(flat).toMatch(/Improved: (up|down) /);
          expect(flat).toContain('No significant change');
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      },
      { bypassCSP: true },
    );
  });

  it('the programme office adds an indicator, sets a new target and records a comparator, with the keyboard alone', async () => {
    await withPage(
      async ({ page }) => {
        await signInToPlan(page, 'admin@example.org');
        await page.goto('/scorecard');
        await page.getByRole('heading', { level: 1, name: 'Scorecard' }).waitFor();
        await tabTo(page, 'a[href="/admin/indicators/new"]');
        await page.keyboard.press('Enter');
        await page.getByRole('heading', { level: 1, name: 'Add a performance indicator' }).waitFor();
        await expectNoSeriousViolations(page, 'add an indicator');

        // Nothing filled in: the summary names what is missing.
        await tabTo(page, 'button[type="submit"]');
        await page.keyboard.press('Enter');
        const summary = page.locator('.govuk-error-summary');
        await summary.waitFor();
        expect(await summary.textContent()).toContain('Enter the indicator’s name');
        expect(await summary.textContent()).toContain('Select the unit it is measured in');
        expect(await page.title()).toBe('Error: Add a performance indicator – Improvement Plan Tracker');
        await expectNoSeriousViolations(page, 'add an indicator with errors');

        await tabTo(page, '#ind-name');
        await page.keyboard.type('Children seen within 10 working days');
        await tabTo(page, '#ind-unit');
        await page.keyboard.press('Space'); // Per cent
        await tabTo(page, '#ind-polarity');
        await page.keyboard.press('Space'); // Higher is better
        await tabTo(page, '#ind-target');
        await page.keyboard.type('75');
        await tabTo(page, '#ind-tolerance');
        await page.keyboard.type('5');
        await tabTo(page, '#ind-from-day');
        await page.keyboard.type('1');
        await page.keyboard.press('Tab');
        await page.keyboard.type('4');
        await page.keyboard.press('Tab');
        await page.keyboard.type('2026');
        await tabTo(page, '#ind-recs');
        await page.keyboard.press('Space');
        await shot(page, 'indicator-add.png');
        await tabTo(page, 'button[type="submit"]');
        await page.keyboard.press('Enter');

        await page.waitForURL((url) => /^\/indicators\/\d+$/.test(url.pathname));
        await page.getByText('Children seen within 10 working days added to the scorecard').waitFor();
        const main = page.locator('main');
        expect(await main.textContent()).toMatch(/75% from 1 April 2026,\s*Amber within\s*5%/);
        await expectNoSeriousViolations(page, 'new indicator');

        await tabTo(page, 'a[href$="/target"]');
        await page.keyboard.press('Enter');
        await page.getByRole('heading', { level: 1, name: 'Set a target' }).waitFor();
        await expectNoSeriousViolations(page, 'set a target');
        await tabTo(page, '#fig-value');
        await page.keyboard.type('80');
        await tabTo(page, '#fig-from-day');
        await page.keyboard.type('1');
        await page.keyboard.press('Tab');
        await page.keyboard.type('10');
        await page.keyboard.press('Tab');
        await page.keyboard.type('2026');
        await tabTo(page, 'button[type="submit"]');
        await page.keyboard.press('Enter');
        await page.getByText('Target of 80% set for Children seen within 10 working days').waitFor();
        expect(await main.textContent()).toMatch(/80% from 1 October 2026/);

        await tabTo(page, 'a[href$="/comparator"]');
        await page.keyboard.press('Enter');
        await page.getByRole('heading', { level: 1, name: 'Record a comparator' }).waitFor();
        await tabTo(page, '#fig-kind');
        await page.keyboard.press('Space'); // Statistical neighbours
        await tabTo(page, '#fig-value');
        await page.keyboard.type('71.4');
        await tabTo(page, '#fig-period');
        await page.keyboard.type('2024-25');
        await expectNoSeriousViolations(page, 'record a comparator');
        await shot(page, 'indicator-comparator.png');
        await tabTo(page, 'button[type="submit"]');
        await page.keyboard.press('Enter');
        await page
          .getByText('Statistical neighbours figure recorded for Children seen within 10 working days')
          .waitFor();
        expect(await main.textContent()).toContain('Statistical neighbours: 71.4% (2024-25)');

        await tabTo(page, 'a[href$="/edit"]');
        await page.keyboard.press('Enter');
        await page
          .getByRole('heading', { level: 1, name: 'Change Children seen within 10 working days' })
          .waitFor();
        await expectNoSeriousViolations(page, 'change an indicator');
        await tabTo(page, '#ind-owner');
        await page.keyboard.type('Head of First Response');
        await tabTo(page, 'button[type="submit"]');
        await page.keyboard.press('Enter');
        await page.getByText('Children seen within 10 working days changed').waitFor();
        expect(await main.textContent()).toContain('Head of First Response');
      },
      { bypassCSP: true },
    );
  });
});

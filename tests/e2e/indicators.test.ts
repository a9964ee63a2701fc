/**
 * Performance indicators in the browser: the programme office enters a month's values with the keyboard
 * alone; the chair sees the scorecard, an indicator's chart and table, and the frozen scorecard at a locked
 * meeting; recommendations list their indicators; axe finds nothing serious on any of these pages.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatPeriod } from '@ipt/shared';
import type { Meeting, Scorecard } from '@ipt/shared/schemas';
import { browserSuite, describeViolations, repoRoot, seriousViolations, signInToPlan } from './helpers';

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

/** Presses Tab until the focused element matches `selector` (keyboard only, as a person would). */
async function tabTo(page: Page, selector: string, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
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
});

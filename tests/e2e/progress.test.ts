/**
 * The lead's and the chair's daily work in the browser: a lead records an update with the keyboard alone in
 * under ten interactions; the plan and the chair's overview show the new RAG; overdue days match the API
 * everywhere; an update made meanwhile by someone else is shown, never overwritten.
 */
import { describe, expect, it } from 'vitest';
import { ACTION_STATUSES } from '@ipt/shared';
import type { ActionDetail, ChairOverview, MyActions, Session } from '@ipt/shared/schemas';
import { browserSuite, describeViolations, seriousViolations, signInAndLand } from './helpers';
import { apiGet } from './helpers/daily-work';
import { focused, keyboard } from './helpers/keyboard';
import type { Page } from 'playwright-core';

const FIRST_RESPONSE = 'head.of.first.response@example.org';
const HR = 'head.of.hr.business.partnering@example.org';
const CHAIR = 'chair@example.org';

const suite = browserSuite();
const { withPage } = suite;

const headingHasFocus = (page: Page) =>
  page.evaluate(() => document.activeElement === document.querySelector('main h1'));

const overdueWords = (days: number) => `Overdue by ${days} day${days === 1 ? '' : 's'}`;

describe('a lead records an update with the keyboard alone', () => {
  it('takes fewer than ten interactions, and the plan and the chair’s overview show the new RAG', async () => {
    await withPage(async ({ page }) => {
      await signInAndLand(page, FIRST_RESPONSE, '/my-actions');
      await page.locator('.app-my-action').first().waitFor();
      await expect.poll(() => headingHasFocus(page)).toBe(true);
      const mine = await apiGet<MyActions>(page, '/api/me/actions');
      const action = mine.items[0];
      if (!action) throw new Error('the demo lead has no actions');
      expect(action.canUpdate).toBe(true);
      const nextStatus = ACTION_STATUSES[ACTION_STATUSES.indexOf(action.status) + 1];
      expect(nextStatus, 'the first action’s status has a next one (at risk after on track)').toBe('at_risk');
      const commentary =
        'Education comments are late again, so the launch may slip a fortnight. Chased through the partnership.';

      // From the heading of My actions, sign-in excluded: each key press is one interaction, the text one.
      const keys = keyboard(page);
      await keys.press('Tab');
      expect((await focused(page)).text).toBe(`Update ${action.ref}`);
      await keys.press('Enter');
      await page.waitForURL((url) => url.pathname === `/actions/${action.id}/update`);
      await page.locator('#commentary').waitFor();
      await expect.poll(() => headingHasFocus(page)).toBe(true);
      expect(await page.title()).toBe(`Update action ${action.ref} – Improvement Plan Tracker`);

      await keys.press('Tab'); // the status radios, on the action's current status
      expect(await focused(page)).toMatchObject({ name: 'status', value: action.status, checked: true });
      await keys.press('ArrowDown'); // At risk
      expect(await focused(page)).toMatchObject({ name: 'status', value: 'at_risk', checked: true });
      await keys.press('Tab'); // the lead's RAG: optional, left to follow the status
      expect(await focused(page)).toMatchObject({ name: 'reported-rag', checked: true });
      await keys.press('Tab');
      expect((await focused(page)).id).toBe('commentary');
      await keys.type(commentary);
      await keys.press('Tab');
      expect((await focused(page)).text).toBe('Save update');
      await keys.press('Enter');

      await page.waitForURL((url) => url.pathname === '/my-actions');
      const banner = page.locator('.govuk-notification-banner--success');
      await banner.waitFor();
      expect(await banner.textContent()).toContain(`Update recorded for action ${action.ref}`);
      // The banner is announced and has focus, so the lead hears that it worked.
      await expect
        .poll(() =>
          page.evaluate(() => document.activeElement?.classList.contains('govuk-notification-banner')),
        )
        .toBe(true);
      expect(keys.count).toBe(9);
      expect(keys.count).toBeLessThan(10);

      const saved = await apiGet<ActionDetail>(page, `/api/actions/${action.id}`);
      expect(saved.status).toBe('at_risk');
      expect(saved.updates[0]?.commentary).toBe(commentary);
      expect(saved.assessment.rag).toBe('amber');
      const card = page.locator(`.app-my-action[data-action-ref="${action.ref}"]`);
      expect(await card.locator('.app-rag-tag').first().textContent()).toBe('Amber');

      // The plan shows the new RAG in words.
      await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Plan' }).click();
      const row = page.locator(`tr[data-action-ref="${action.ref}"]`);
      await row.waitFor();
      expect(await row.locator('.app-rag-tag').textContent()).toBe('Amber');

      // So does the chair's overview, signed in elsewhere: the counts, and the list of what got worse.
      const chair = await suite.openPage();
      try {
        await signInAndLand(chair.page, CHAIR, '/overview');
        await chair.page.locator('.app-rag-counts').waitFor();
        const overview = await apiGet<ChairOverview>(chair.page, `/api/plans/${saved.planId}/overview`);
        const amber = await chair.page.locator('.app-rag-counts__item[data-rag="amber"]').textContent();
        expect(amber?.replace(/\s+/g, ' ').trim()).toBe(`Amber ${overview.counts.amber} actions`);
        const worsened = overview.worsened.find((w) => w.action.id === action.id);
        expect(worsened?.previousRag).toBe('green');
        const worseRow = chair.page.locator(
          `section[aria-labelledby="worsened-heading"] tr[data-action-ref="${action.ref}"]`,
        );
        expect(await worseRow.locator('.app-rag-tag').allTextContents()).toEqual(['Green', 'Amber']);
        expect(chair.errors, chair.errors.join('\n')).toEqual([]);
      } finally {
        await chair.close();
      }
    });
  });
});

describe('overdue actions', () => {
  it('shows action 3.3 overdue by the days the API counts, on the plan, My actions and the overview', async () => {
    await withPage(async ({ page }) => {
      await signInAndLand(page, HR, '/my-actions');
      const mine = await apiGet<MyActions>(page, '/api/me/actions');
      const summary = mine.items.find((a) => a.ref === '3.3');
      if (!summary) throw new Error('action 3.3 is not the HR lead’s');
      const detail = await apiGet<ActionDetail>(page, `/api/actions/${summary.id}`);
      const days = detail.assessment.flags.daysOverdue ?? 0;
      expect(days).toBeGreaterThan(0);
      const words = overdueWords(days);

      // My actions: 3.3 needs an update, so it comes first, with its days overdue.
      const card = page.locator('.app-my-action[data-action-ref="3.3"]');
      await card.waitFor();
      expect(await card.textContent()).toContain(words);
      expect(await page.locator('.app-my-action').first().getAttribute('data-action-ref')).toBe('3.3');

      await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Plan' }).click();
      const row = page.locator('tr[data-action-ref="3.3"]');
      await row.waitFor();
      expect(await row.textContent()).toContain(words);

      const chair = await suite.openPage();
      try {
        await signInAndLand(chair.page, CHAIR, '/overview');
        const overdue = chair.page.locator('section[aria-labelledby="overdue-heading"]');
        await overdue.locator('tr[data-action-ref="3.3"]').waitFor();
        expect(await overdue.locator('tr[data-action-ref="3.3"]').textContent()).toContain(words);
        // Most overdue first, by default.
        const overview = await apiGet<ChairOverview>(chair.page, `/api/plans/${detail.planId}/overview`);
        const expected = [...overview.overdue]
          .sort((a, b) => (b.assessment.flags.daysOverdue ?? 0) - (a.assessment.flags.daysOverdue ?? 0))
          .map((a) => a.ref);
        expect(
          await overdue
            .locator('tbody tr')
            .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action-ref'))),
        ).toEqual(expected);

        // The order and filters live in the URL.
        await chair.page.getByLabel('Order').selectOption('plan');
        await chair.page.getByLabel('Theme').selectOption({ label: 'People' });
        await chair.page.getByRole('button', { name: 'Apply filters' }).click();
        await chair.page.waitForURL(
          (url) => url.searchParams.get('sort') === 'plan' && url.searchParams.has('theme'),
        );
        // The summary says so once the filtered overview is shown (the unfiltered one stays until it arrives).
        await chair.page.locator('.app-results-summary', { hasText: 'match your filters' }).waitFor();
        expect(await overdue.locator('tbody tr').count()).toBe(1);
        expect(await overdue.locator('tbody tr').getAttribute('data-action-ref')).toBe('3.3');
        expect(chair.errors, chair.errors.join('\n')).toEqual([]);
      } finally {
        await chair.close();
      }
    });
  });
});

// The update form's and the due date form's errors, the chair's decisions on the overview and axe on those
// pages are in the journeys (journeys.test.ts).

describe('the chair’s Red actions', () => {
  it('lists every Red action in no other list (1.3), and each count box links to its actions', async () => {
    await withPage(
      async ({ page }) => {
        await signInAndLand(page, CHAIR, '/overview');
        const red = page.locator('section[aria-labelledby="other-red-heading"]');
        await red.locator('tr[data-action-ref="1.3"]').waitFor();
        const plan = await apiGet<{ items: { id: number }[] }>(page, '/api/plans');
        const overview = await apiGet<ChairOverview>(page, `/api/plans/${plan.items[0]!.id}/overview`);
        expect(
          await red
            .locator('tbody tr')
            .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action-ref'))),
        ).toEqual(overview.otherRed.map((a) => a.ref));
        expect(await red.locator('tr[data-action-ref="1.3"] .app-rag-tag').textContent()).toBe('Red');
        const violations = await seriousViolations(page);
        expect(violations, describeViolations(violations)).toEqual([]);

        // The Red box is a link to the plan's Red actions, and lists as many as it counts.
        const box = page.getByRole('link', { name: `Red ${overview.counts.red} actions` });
        await box.focus();
        await page.keyboard.press('Enter');
        await page.waitForURL((url) => url.pathname === '/' && url.searchParams.get('rag') === 'red');
        await page.locator('.app-results-summary', { hasText: 'match your filters' }).waitFor();
        expect(await page.locator('tr[data-action-ref]').count()).toBe(overview.counts.red);
        expect(await page.locator('tr[data-action-ref="1.3"]').count()).toBe(1);
      },
      { bypassCSP: true },
    );
  });
});

describe('forms and their errors', () => {
  it('shows what someone else recorded meanwhile, and saves the lead’s as a further update', async () => {
    await withPage(
      async ({ page }) => {
        await signInAndLand(page, FIRST_RESPONSE, '/my-actions');
        const mine = await apiGet<MyActions>(page, '/api/me/actions');
        const action = mine.items.find((a) => a.ref === '1.2');
        if (!action) throw new Error('no action 1.2');
        await page.goto(`/actions/${action.id}/update`);
        await page.locator('#commentary').waitFor();

        // Someone records an update while the form is open.
        const session = await apiGet<Session>(page, '/api/auth/me');
        const current = await page.request.get(`/api/actions/${action.id}`);
        const meanwhile = await page.request.post(`/api/actions/${action.id}/updates`, {
          headers: { 'x-csrf-token': session.csrfToken, 'if-match': current.headers()['etag'] ?? '' },
          data: { status: 'on_track', commentary: 'Recorded in another tab.' },
        });
        expect(meanwhile.status()).toBe(201);

        await page.getByLabel('Commentary').fill('Decision timeliness held at 90%.');
        await page.getByRole('button', { name: 'Save update' }).click();
        // The other update is shown beside what the lead typed; no silent second save.
        const conflict = page.getByTestId('conflict');
        await conflict.waitFor();
        expect((await page.getByTestId('their-commentary').textContent())?.trim()).toBe(
          'Recorded in another tab.',
        );
        expect((await page.getByTestId('my-commentary').textContent())?.trim()).toBe(
          'Decision timeliness held at 90%.',
        );
        await page.getByRole('button', { name: 'Save mine as a further update' }).click();
        await page.waitForURL((url) => url.pathname === '/my-actions');
        const saved = await apiGet<ActionDetail>(page, `/api/actions/${action.id}`);
        expect(saved.updates[0]?.commentary).toBe('Decision timeliness held at 90%.');
      },
      { expectedErrors: /status of 412/ },
    );
  });
});

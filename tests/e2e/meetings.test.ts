/**
 * Improvement-board meetings in the browser: the list, a locked meeting exactly as the API reports it,
 * the RAG history grid and its keyboard, the recommendations roll-up as of a meeting, a meeting not yet held,
 * a meeting scheduled. Agreeing a RAG, locking, and axe on those pages are in the chair's journey
 * (journeys.test.ts).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { MOVEMENT_LABELS, RAG_LABELS, formatDate } from '@ipt/shared';
import type { Meeting, MeetingView, RagHistory } from '@ipt/shared/schemas';
import { browserSuite, describeViolations, seriousViolations, signInToPlan } from './helpers';

const DEMO_ACTION_COUNT = 21;
const DEMO_MEETING_COUNT = 5;

const suite = browserSuite();
const { withPage } = suite;

/** Reads the API with the page's own session cookie. */
async function api<T>(page: Page, url: string): Promise<T> {
  const response = await page.request.get(url);
  expect(response.status(), url).toBe(200);
  return (await response.json()) as T;
}

async function meetingsOf(page: Page): Promise<Meeting[]> {
  const plans = await api<{ items: { id: number }[] }>(page, '/api/plans');
  return (await api<{ items: Meeting[] }>(page, `/api/plans/${plans.items[0]?.id}/meetings`)).items;
}

/** The movement words the page must show, written out here rather than taken from the client. */
function expectedMovement(a: MeetingView['actions'][number]): string {
  if (a.previousRag === 'not_started' && a.rag !== 'not_started')
    return `Rated ${RAG_LABELS[a.rag]} (was Not started)`;
  if (a.movement === 'improved' || a.movement === 'worsened') {
    return `${MOVEMENT_LABELS[a.movement]} from ${RAG_LABELS[a.previousRag ?? 'green']} to ${RAG_LABELS[a.rag]}`;
  }
  if (a.movement === 'new') return 'New since the previous meeting';
  return 'No change';
}

describe('meetings', () => {
  it('lists every meeting with its date, papers cut-off and status in words', async () => {
    await withPage(async ({ page }) => {
      await signInToPlan(page, 'chair@example.org');
      await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Meetings' }).click();
      await page.getByRole('heading', { level: 1, name: 'Board meetings' }).waitFor();
      expect(await page.title()).toBe('Board meetings – Improvement Plan Tracker');

      const meetings = await meetingsOf(page);
      expect(meetings).toHaveLength(DEMO_MEETING_COUNT);
      for (const meeting of meetings) {
        const row = page.locator(`tr[data-meeting-id="${meeting.id}"]`);
        const text = (await row.textContent()) ?? '';
        expect(text).toContain(meeting.title);
        expect(text).toContain(formatDate(meeting.meetingDate));
        expect(text).toContain(formatDate(meeting.papersCutoff));
        expect(text).toContain(meeting.status === 'locked' ? 'Locked' : 'Scheduled');
      }
      // The chair can schedule one.
      await page.getByRole('heading', { name: 'Schedule a meeting' }).waitFor();
    });
  });

  it('shows the latest locked meeting exactly as the API reports it: RAG, previous RAG and movement in words', async () => {
    await withPage(async ({ page }) => {
      await signInToPlan(page, 'viewer@example.org');
      const meetings = await meetingsOf(page);
      const latest = meetings.filter((m) => m.status === 'locked').at(-1);
      expect(latest).toBeDefined();
      const view = await api<MeetingView>(page, `/api/meetings/${latest?.id}`);
      expect(view.frozen).toBe(true);
      expect(view.actions).toHaveLength(DEMO_ACTION_COUNT);

      await page.goto('/meetings');
      await page.getByRole('link', { name: latest?.title }).click();
      await page.waitForURL((url) => url.pathname === `/meetings/${latest?.id}`);
      await page.locator('tr[data-action-id]').first().waitFor();
      expect(await page.title()).toBe(`${latest?.title} – Improvement Plan Tracker`);
      expect(await page.getByTestId('meeting-state').textContent()).toMatch(
        /Locked on \d{1,2} [A-Z][a-z]+ \d{4} at .+ by Dr Margaret Ellis/,
      );
      expect(await page.locator('.govuk-inset-text').first().textContent()).toContain(
        'recorded when it was locked',
      );

      expect(await page.locator('tr[data-action-id]').count()).toBe(DEMO_ACTION_COUNT);
      for (const action of view.actions) {
        const row = page.locator(`tr[data-action-id="${action.actionId}"]`);
        const rag = (await row.locator('[data-field="rag"] .app-rag-tag').first().textContent())?.trim();
        expect(rag, `RAG of ${action.ref}`).toBe(RAG_LABELS[action.rag]);
        const previous = (await row.locator('[data-field="previous"]').textContent())?.trim();
        expect(previous, `previous RAG of ${action.ref}`).toBe(
          action.previousRag ? RAG_LABELS[action.previousRag] : 'Not in the plan',
        );
        const movement = (await row.locator('[data-field="movement"]').textContent()) ?? '';
        expect(movement, `movement of ${action.ref}`).toContain(expectedMovement(action));
        // The arrow is decoration only.
        expect(await row.locator('.app-movement-text__arrow').getAttribute('aria-hidden')).toBe('true');
        if (action.agreed) {
          const agreed = (await row.locator('[data-field="agreed"]').textContent()) ?? '';
          expect(agreed).toContain(`Board agreed: ${RAG_LABELS[action.agreed.rag]}`);
          expect(agreed).toContain(action.agreed.reason);
        }
      }

      // The counts in the chart are stated as numbers in text, now and at the previous meeting.
      const chart = page.locator('table.app-rag-chart').first();
      for (const [rag, label] of Object.entries(RAG_LABELS)) {
        const cells = await chart.locator(`tr[data-rag="${rag}"] td`).allTextContents();
        expect(cells[0]?.trim(), `${label} now`).toBe(String(view.counts[rag as keyof typeof view.counts]));
        expect(cells[1]?.trim(), `${label} before`).toBe(
          String(view.previousCounts?.[rag as keyof typeof view.counts]),
        );
      }
      // A viewer can neither lock nor agree RAGs.
      expect(await page.getByRole('button', { name: /Lock this meeting|agreed RAG/ }).count()).toBe(0);
    });
  });

  it('compares the meeting with another one of the plan', async () => {
    await withPage(async ({ page }) => {
      await signInToPlan(page, 'chair@example.org');
      const meetings = await meetingsOf(page);
      const locked = meetings.filter((m) => m.status === 'locked');
      const [earlier, later] = [locked.at(-3), locked.at(-1)];
      await page.goto(`/meetings/${later?.id}`);
      await page.locator('tr[data-action-id]').first().waitFor();
      await page.getByLabel('Compare with', { exact: true }).selectOption(String(earlier?.id));
      await page.getByRole('button', { name: 'Compare', exact: true }).click();
      const result = page.getByTestId('comparison');
      await result.waitFor();
      expect(await result.locator('h3').textContent()).toContain(
        `From ${formatDate(earlier?.meetingDate ?? '')} to ${formatDate(later?.meetingDate ?? '')}`,
      );
      const compared = await api<{ rows: { ref: string; movement: string }[] }>(
        page,
        `/api/meetings/${earlier?.id}/compare/${later?.id}`,
      );
      const changed = compared.rows.filter((r) => r.movement !== 'unchanged');
      expect(await result.locator('tbody tr[data-action-ref]').count()).toBe(changed.length);
    });
  });
});

describe('the RAG history grid', () => {
  it('has a column for every meeting and a row for every action, and moves by arrow keys', async () => {
    await withPage(async ({ page }) => {
      await signInToPlan(page, 'chair@example.org');
      await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'RAG history' }).click();
      const grid = page.getByRole('grid');
      await grid.waitFor();
      expect(await page.title()).toBe('RAG history – Improvement Plan Tracker');
      const history = await api<RagHistory>(
        page,
        `/api/plans/${(await api<{ items: { id: number }[] }>(page, '/api/plans')).items[0]?.id}/rag-history`,
      );
      expect(history.meetings).toHaveLength(DEMO_MEETING_COUNT);

      const headers = (await grid.locator('thead th').allTextContents()).map((t) => t.trim());
      expect(headers).toHaveLength(DEMO_MEETING_COUNT + 1);
      history.meetings.forEach((m, i) => expect(headers[i + 1]).toContain(formatDate(m.meetingDate)));
      expect(await grid.locator('tbody tr').count()).toBe(DEMO_ACTION_COUNT);
      // Inside a labelled region that scrolls and can take focus.
      const region = page.getByRole('region', { name: 'RAG of each action at each meeting' });
      expect(await region.getAttribute('tabindex')).toBe('0');

      // Tab reaches the one cell in the tab order: the first action at the first meeting.
      await region.focus();
      await page.keyboard.press('Tab');
      const activeText = () =>
        page.evaluate(() => document.activeElement?.textContent?.replace(/\s+/g, ' ').trim());
      const first = history.actions[0];
      const second = history.actions[1];
      const ragWord = (rag: keyof typeof RAG_LABELS | null | undefined) =>
        rag ? RAG_LABELS[rag] : 'Not in the plan';
      expect(await activeText()).toContain(
        `Action ${first?.ref}, ${formatDate(history.meetings[0]?.meetingDate ?? '')}`,
      );
      expect(await activeText()).toContain(ragWord(first?.rags[0]));

      await page.keyboard.press('ArrowRight');
      expect(await activeText()).toContain(
        `Action ${first?.ref}, ${formatDate(history.meetings[1]?.meetingDate ?? '')}: ${ragWord(first?.rags[1])}`,
      );
      await page.keyboard.press('ArrowDown');
      expect(await activeText()).toContain(
        `Action ${second?.ref}, ${formatDate(history.meetings[1]?.meetingDate ?? '')}: ${ragWord(second?.rags[1])}`,
      );
      await page.keyboard.press('End');
      expect(await activeText()).toContain(formatDate(history.meetings.at(-1)?.meetingDate ?? ''));
      await page.keyboard.press('Home');
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('A');
      expect(await activeText()).toContain(second?.ref ?? '');
      // The agreed RAG is marked where it differs from the one reported.
      expect(await grid.locator('.app-history__agreed').count()).toBeGreaterThan(0);

      // The text alternative: the same history as a list.
      await page.getByRole('button', { name: 'Show as a list' }).click();
      const list = page.locator('.app-history-list');
      await list.waitFor();
      expect(await list.locator('li.app-history-list__item').count()).toBe(DEMO_ACTION_COUNT);
      expect(await list.textContent()).toContain('board agreed Amber');
    });
  });
});

describe('the recommendations roll-up', () => {
  it('shows progress against each recommendation as of a chosen meeting, with coverage warnings in words', async () => {
    await withPage(async ({ page }) => {
      await signInToPlan(page, 'chair@example.org');
      const meetings = await meetingsOf(page);
      const latest = meetings.filter((m) => m.status === 'locked').at(-1);
      await page.goto('/recommendations');
      await page.locator('article.app-recommendation').first().waitFor();
      await page.getByLabel('As of', { exact: true }).selectOption(String(latest?.id));
      await page.getByRole('button', { name: 'Show progress' }).click();
      await page.waitForURL((url) => url.searchParams.get('meeting') === String(latest?.id));
      await expect.poll(() => page.getByTestId('as-of-line').textContent()).toContain(latest?.title ?? '');
      await page.getByTestId('rollup-summary').first().waitFor();

      expect(await page.locator('article.app-recommendation').count()).toBe(17);
      const rec1 = page.locator('article.app-recommendation', { hasText: 'Ofsted recommendation 1' }).first();
      expect(await rec1.getByTestId('rollup-summary').textContent()).toMatch(/Worst RAG\s*Red/);
      expect(await rec1.getByTestId('rollup-summary').textContent()).toContain(
        '2 actions: 1 Red and 1 Amber',
      );
      expect(await rec1.textContent()).toContain('Board agreed: Amber');
      expect(await page.locator('[data-coverage="no-live-action"]').count()).toBe(2);
      expect(await page.locator('[data-coverage="no-impact-evidence"]').first().textContent()).toContain(
        'All actions complete but no accepted evidence of impact',
      );
    });
  });
});

describe('what the chair does at a meeting', () => {
  it('says, before offering to lock it, why a meeting not yet held cannot be locked', async () => {
    await withPage(
      async ({ page }) => {
        await signInToPlan(page, 'chair@example.org');
        const scheduled = (await meetingsOf(page)).find((m) => m.status === 'scheduled');
        await page.goto(`/meetings/${scheduled?.id}`);
        await page.locator('tr[data-action-id]').first().waitFor();
        expect(await page.getByTestId('meeting-state').textContent()).toContain(
          'Scheduled: figures computed as of the papers cut-off',
        );
        expect(await page.getByTestId('lock-not-yet').textContent()).toMatch(
          /can be locked once it has been held on \d{1,2} [A-Z][a-z]+ \d{4} and its\s+papers cut-off/,
        );
        expect(await page.getByRole('button', { name: 'Lock this meeting' }).count()).toBe(0);
        // The board has not met yet: no agreed RAG can be recorded.
        expect(await page.getByRole('button', { name: /agreed RAG/ }).count()).toBe(0);
        // The other meeting pages' axe checks are in the chair's journey (journeys.test.ts).
        const violations = await seriousViolations(page);
        expect(violations, describeViolations(violations)).toEqual([]);
      },
      { bypassCSP: true },
    );
  });

  it('schedules a meeting with the GOV.UK date input', async () => {
    await withPage(async ({ page }) => {
      await signInToPlan(page, 'admin@example.org');
      await page.goto('/meetings');
      await page.getByRole('heading', { name: 'Schedule a meeting' }).waitFor();
      await page.getByRole('button', { name: 'Schedule meeting' }).click();
      const summary = page.locator('.govuk-error-summary');
      await summary.waitFor();
      expect(await summary.locator('a[href="#meeting-date-day"]').textContent()).toContain(
        'Enter the date of the meeting',
      );

      const date = page.getByRole('group', { name: 'Date of the meeting' });
      await date.getByLabel('Day').fill('26');
      await date.getByLabel('Month').fill('1');
      await date.getByLabel('Year').fill('2027');
      await page.getByRole('button', { name: 'Schedule meeting' }).click();
      const banner = page.locator('.govuk-notification-banner--success');
      await banner.waitFor();
      expect(await banner.textContent()).toContain('26 January 2027');
      expect(await page.locator('tr[data-meeting-id]').count()).toBe(DEMO_MEETING_COUNT + 1);
      expect(await page.locator('tr[data-meeting-id]').first().textContent()).toContain('19 January 2027');
    });
  });
});

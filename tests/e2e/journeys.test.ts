/**
 * Each role's work from sign-in to done, in Chromium against the built app, with the keyboard alone (Tab,
 * Shift+Tab, Enter, Space, arrow keys and typing; never a mouse click or element.click()). On every page
 * a journey passes through — error and empty states included — axe finds nothing serious or critical and
 * no id is used twice. The journeys take the README's screenshots (with UPDATE_SCREENSHOTS=1, as
 * `npm run screenshots` sets it).
 *
 * - the lead: My actions → the action → an update (its error first) → evidence → a new due date → complete;
 * - the chair: the overview's decisions (a due-date request, evidence and sign-off) → a meeting held last
 *   week → an agreed RAG → lock (the banner takes focus) → compare → the RAG history; and a cold load of a
 *   meeting page, printed;
 * - the adviser: the plan → the recommendations roll-up → export, each file downloaded and read back.
 *
 * The administrator's set-up journey is in plan-setup.test.ts.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import type { Page, Request } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { RAG_LABELS, formatDate } from '@ipt/shared';
import type { ActionDetail, Meeting, MyActions, ProgressSummary } from '@ipt/shared/schemas';
import { DEMO_PASSWORD, browserSuite, repoRoot } from './helpers';
import { apiGet, screenshot } from './helpers/daily-work';
import { focusedClass, headingHasFocus, navLink, pageChecks } from './helpers/journey';
import { chooseOption, press, tabTo, typeDate, typeInto } from './helpers/keyboard';

const LEAD = 'head.of.first.response@example.org';
const CHAIR = 'chair@example.org';
const ADVISER = 'adviser@example.org';

/** A whole journey, with axe on each of its pages: longer than one ordinary browser test. */
const JOURNEY_TIMEOUT = 180_000;

const downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'ipt-journeys-'));
afterAll(() => fs.rmSync(downloads, { recursive: true, force: true }));

const banner = (page: Page) => page.locator('.govuk-notification-banner--success');
const errorSummary = (page: Page) => page.locator('.govuk-error-summary');

/** Signs in with the keyboard alone: Tab to each field, type, Enter. */
async function signInByKeyboard(page: Page, email: string): Promise<void> {
  await page.goto('/sign-in');
  await typeInto(page, page.getByLabel('Email address'), email);
  await typeInto(page, page.getByLabel('Password', { exact: true }), DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.pathname !== '/sign-in');
  await page.locator('main h1').waitFor();
}

/** The demo's day, as the page's clock has it. */
async function today(page: Page): Promise<Date> {
  return new Date(await page.evaluate(() => Date.now()));
}

describe('the lead’s journey, keyboard only', () => {
  // Its own server and demo plan: each journey stands alone.
  const suite = browserSuite();

  it(
    'updates an action (after an error), adds evidence, asks for a new date and marks it complete',
    async () => {
      await suite.withPage(
        async ({ page }) => {
          const checks = pageChecks(page);
          await signInByKeyboard(page, LEAD);
          await page.waitForURL((url) => url.pathname === '/my-actions');
          await page.locator('.app-my-action').first().waitFor();
          await expect.poll(() => headingHasFocus(page)).toBe(true);
          await checks.check('my actions');
          await screenshot(page, 'my-actions.png');

          const mine = await apiGet<MyActions>(page, '/api/me/actions');
          const summary = mine.items.find((a) => a.ref === '1.2');
          if (!summary) throw new Error('the demo lead has no action 1.2');
          const before = await apiGet<ActionDetail>(page, `/api/actions/${summary.id}`);

          // The action's page.
          await press(page, page.getByRole('link', { name: 'View action 1.2' }));
          await page.waitForURL((url) => url.pathname === `/actions/${summary.id}`);
          await page.locator('ol.app-timeline').waitFor();
          await expect.poll(() => headingHasFocus(page)).toBe(true);
          await checks.check('action');

          // An update: the form starts at the action's status and at the RAG last reported, and says so.
          await press(page, page.getByRole('link', { name: 'Record an update' }));
          await page.waitForURL((url) => url.pathname === `/actions/${summary.id}/update`);
          await page.locator('#commentary').waitFor();
          await checks.check('update form');
          const lastRag = before.updates[0]?.reportedRag;
          expect(lastRag, 'the demo’s last update on 1.2 gave a RAG').toBeTruthy();
          if (!lastRag) return;
          expect(await page.locator('input[name="reported-rag"]:checked').inputValue()).toBe(lastRag);
          expect(await page.locator('#reported-rag-hint').textContent()).toContain(
            `It starts at ${RAG_LABELS[lastRag]}, the rating given with the last update on ${formatDate(before.updates[0]?.createdAt ?? '')}`,
          );

          // Saved without commentary: GOV.UK's error summary takes focus, and its link leads to the field.
          await press(page, page.getByRole('button', { name: 'Save update' }));
          await errorSummary(page).waitFor();
          await expect.poll(() => focusedClass(page, 'govuk-error-summary')).toBe(true);
          expect(await page.title()).toBe('Error: Update action 1.2 – Improvement Plan Tracker');
          await checks.check('update form with an error');
          await screenshot(page, 'update-errors.png');
          await press(
            page,
            errorSummary(page).getByRole('link', {
              name: 'Enter your commentary: what was done, what is next, any blocker',
            }),
          );
          await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('commentary');
          await page.keyboard.type('Decision timeliness held at 90%; the audit of step-downs is booked.');
          await press(page, page.getByRole('button', { name: 'Save update' }));
          await page.waitForURL((url) => url.pathname === '/my-actions');
          expect(await banner(page).textContent()).toContain('Update recorded for action 1.2');
          await expect.poll(() => focusedClass(page, 'govuk-notification-banner')).toBe(true);
          await checks.check('my actions with a success banner');
          const updated = await apiGet<ActionDetail>(page, `/api/actions/${summary.id}`);
          expect(updated.updates[0]?.reportedRag).toBe(lastRag);

          // Evidence: a link to the report, as evidence of completion (its errors first).
          await press(page, page.getByRole('link', { name: 'View action 1.2' }));
          await page.locator('#evidence').waitFor();
          await press(page, page.locator('#evidence').getByRole('link', { name: 'Add evidence' }));
          await page.getByRole('heading', { level: 1, name: 'Add evidence' }).waitFor();
          await checks.check('add evidence');
          await tabTo(page, page.getByLabel('A file'));
          await page.keyboard.press('ArrowDown'); // A link
          expect(await page.getByLabel('A link').isChecked()).toBe(true);
          await press(page, page.getByRole('button', { name: 'Add evidence' }));
          await errorSummary(page).waitFor();
          await checks.check('add evidence with errors');
          await typeInto(
            page,
            page.getByLabel('Web address'),
            'https://intranet.example.org/mash/timeliness.pdf',
          );
          await typeInto(page, page.getByLabel('Title'), 'MASH timeliness report, October');
          await tabTo(page, page.getByLabel('Evidence of completion'));
          await page.keyboard.press('Space');
          expect(await page.getByLabel('Evidence of completion').isChecked()).toBe(true);
          const shown = new Date((await today(page)).getTime() - 3 * 86_400_000);
          await typeDate(page, page.getByRole('group', { name: 'Date it shows' }).getByLabel('Day'), shown);
          await press(page, page.getByRole('button', { name: 'Add evidence' }));
          await page.waitForURL((url) => url.pathname === `/actions/${summary.id}`);
          await expect.poll(() => banner(page).textContent()).toContain('Evidence added to action 1.2');
          await page
            .locator('article.app-evidence[data-evidence-title="MASH timeliness report, October"]')
            .waitFor();
          await checks.check('action with new evidence');

          // A new due date: the date's errors first, then the request.
          await press(page, page.getByRole('link', { name: 'Ask for a new due date' }));
          await page.locator('#to-date-day').waitFor();
          await checks.check('new due date form');
          await typeDate(
            page,
            page.getByRole('group', { name: 'New due date' }).getByLabel('Day'),
            [31, 2, 2027],
          );
          await press(page, page.getByRole('button', { name: 'Send the request' }));
          await errorSummary(page).waitFor();
          expect(await errorSummary(page).locator('a').allTextContents()).toEqual([
            'The new due date must be a real date',
            'Enter why you need a new due date',
          ]);
          await checks.check('new due date form with errors');
          // The day box has the wrong 31: correct it with the keyboard (Shift+Tab back from the month).
          await tabTo(page, page.getByLabel('Day'), { backwards: true });
          await page.keyboard.press('Backspace');
          await page.keyboard.press('Backspace');
          await page.keyboard.type('28');
          await typeInto(
            page,
            page.getByLabel('Why do you need more time?'),
            'The audit of step-downs moves to February with the new MASH manager.',
          );
          await press(page, page.getByRole('button', { name: 'Send the request' }));
          await page.waitForURL((url) => url.pathname !== `/actions/${summary.id}/due-date`);
          expect(await banner(page).textContent()).toContain('New due date asked for action 1.2');

          // Marked complete, from the action's page.
          await page.goto(`/actions/${summary.id}`);
          await page.locator('ol.app-timeline').waitFor();
          expect(await page.locator('main').textContent()).toContain('28 February 2027');
          await checks.check('action with a due date request');
          await screenshot(page, 'action.png');
          await press(page, page.getByRole('link', { name: 'Mark complete' }));
          await page.getByRole('heading', { level: 1, name: 'Mark action 1.2 complete' }).waitFor();
          await checks.check('mark complete form');
          await typeInto(
            page,
            page.getByLabel('What was delivered'),
            'Decision timeliness at 90% for three months; the report is attached as evidence.',
          );
          await press(page, page.getByRole('button', { name: 'Mark complete' }));
          await page.waitForURL((url) => url.pathname === `/actions/${summary.id}`);
          await expect.poll(() => banner(page).textContent()).toContain('Action 1.2 marked complete');
          await checks.check('action marked complete');
          const done = await apiGet<ActionDetail>(page, `/api/actions/${summary.id}`);
          expect(done.status).toBe('complete');
          expect(done.assessment.flags.awaitingSignOff).toBe(true);

          expect(checks.visited.length).toBeGreaterThanOrEqual(12);
          checks.assertClean();
        },
        { bypassCSP: true },
      );
    },
    JOURNEY_TIMEOUT,
  );
});

/**
 * Records, from the start of the document's life, when a `main h1` holding `title` is first in the page: a
 * navigation's start to its heading, as performance.now() counts it.
 */
async function watchForHeading(page: Page, title: string): Promise<void> {
  await page.addInitScript((wanted) => {
    const w = window as unknown as { __headingAt?: number };
    const shown = () =>
      [...document.querySelectorAll('main h1')].some((h) => (h.textContent ?? '').includes(wanted));
    new MutationObserver(() => {
      if (w.__headingAt === undefined && shown()) w.__headingAt = performance.now();
    }).observe(document, { childList: true, subtree: true, characterData: true });
  }, title);
}

async function headingAt(page: Page): Promise<number> {
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { __headingAt?: number }).__headingAt ?? null), {
      timeout: 15_000,
    })
    .not.toBeNull();
  return page.evaluate(() => (window as unknown as { __headingAt: number }).__headingAt);
}

describe('the chair’s journey, keyboard only', () => {
  // Its own server and demo plan: each journey stands alone.
  const suite = browserSuite();

  it(
    'decides the overview’s requests, agrees a RAG at last week’s meeting, locks it and reads the history',
    async () => {
      await suite.withPage(
        async ({ page, context }) => {
          const checks = pageChecks(page);
          await signInByKeyboard(page, CHAIR);
          await page.waitForURL((url) => url.pathname === '/overview');
          const request = page.locator('article.app-timeframe-request[data-action-ref="1.9"]');
          await request.waitFor();
          await checks.check('overview');
          await screenshot(page, 'overview.png');

          // A due-date request: rejecting without a comment is refused, in the error summary; then approved.
          await press(page, request.getByRole('button', { name: 'Reject the new due date for action 1.9' }));
          await errorSummary(page).waitFor();
          expect(await errorSummary(page).textContent()).toContain(
            'Enter a comment to say why the request for action 1.9 is rejected',
          );
          expect(await page.title()).toBe('Error: Overview – Improvement Plan Tracker');
          await checks.check('overview with an error');
          await press(page, request.getByRole('button', { name: 'Approve the new due date for action 1.9' }));
          await expect.poll(() => banner(page).textContent()).toContain('New due date agreed for action 1.9');
          await expect.poll(() => request.count()).toBe(0);
          // The empty state, and 1.9 no longer overdue once its date moved.
          await expect
            .poll(() => page.locator('main').textContent())
            .toContain('No request waits for a decision.');
          expect(
            await page
              .locator('section[aria-labelledby="overdue-heading"] tr[data-action-ref="1.9"]')
              .count(),
          ).toBe(0);
          await checks.check('overview with no request left');

          // A completion: the evidence accepted, sending back refused without a reason, then signed off.
          await press(page, page.getByRole('link', { name: 'Review evidence and sign off action 1.5' }));
          await page.waitForURL((url) => /^\/actions\/\d+$/.test(url.pathname));
          await page.locator('#sign-off').waitFor();
          await checks.check('action awaiting sign-off');
          await press(page, page.getByRole('button', { name: /^Accept evidence: / }).first());
          await expect.poll(() => banner(page).textContent()).toContain('Evidence accepted');
          await press(page, page.getByRole('button', { name: 'Send back action 1.5' }));
          await errorSummary(page).waitFor();
          await checks.check('action with an error');
          await press(page, page.getByRole('button', { name: 'Sign off action 1.5' }));
          await expect.poll(() => banner(page).textContent()).toContain('Action 1.5 signed off');
          await expect
            .poll(() => page.locator('main .app-tag-row .app-rag-tag').first().textContent())
            .toBe('Blue');
          await checks.check('action signed off');

          // The board met last week: the chair schedules that meeting (its error first) and opens it.
          await press(page, navLink(page, 'Meetings'));
          await page.getByRole('heading', { level: 1, name: 'Board meetings' }).waitFor();
          await checks.check('meetings');
          await press(page, page.getByRole('button', { name: 'Schedule meeting' }));
          await errorSummary(page).waitFor();
          await checks.check('meetings with an error');
          const held = new Date((await today(page)).getTime() - 6 * 86_400_000);
          const heldText = formatDate(held.toISOString().slice(0, 10));
          await typeDate(
            page,
            page.getByRole('group', { name: 'Date of the meeting' }).getByLabel('Day'),
            held,
          );
          await press(page, page.getByRole('button', { name: 'Schedule meeting' }));
          await expect.poll(() => banner(page).textContent()).toContain(heldText);
          const row = page.locator('tr[data-meeting-id]', { hasText: heldText }).first();
          const meetingTitle = (await row.getByRole('link').first().textContent())?.trim() ?? '';
          await press(page, row.getByRole('link').first());
          await page.waitForURL((url) => /^\/meetings\/\d+$/.test(url.pathname));
          const meetingPath = new URL(page.url()).pathname;
          await page.locator('tr[data-action-id]').first().waitFor();
          await checks.check('meeting held, not locked');

          // The RAG the board agreed for 1.1: both fields asked for first.
          const actionRow = page.locator('tr[data-action-ref="1.1"]');
          await press(page, actionRow.getByRole('button', { name: /^Record agreed RAG\s+for action 1\.1$/ }));
          const form = page.getByRole('form', { name: 'Record the RAG the board agreed for action 1.1' });
          await press(page, form.getByRole('button', { name: 'Save agreed RAG' }));
          await form.locator('.govuk-error-summary').waitFor();
          await checks.check('agreed RAG form with errors');
          await tabTo(page, form.getByLabel(RAG_LABELS.blue, { exact: true }));
          await page.keyboard.press('ArrowDown'); // Green
          await page.keyboard.press('ArrowDown'); // Amber
          expect(await form.getByLabel(RAG_LABELS.amber, { exact: true }).isChecked()).toBe(true);
          await typeInto(
            page,
            form.getByLabel('Why the board agreed it'),
            'Live, but not yet used by the night team.',
          );
          await press(page, form.getByRole('button', { name: 'Save agreed RAG' }));
          await expect.poll(() => banner(page).textContent()).toContain('action 1.1');
          expect(await actionRow.locator('[data-field="agreed"]').textContent()).toContain(
            'Board agreed: Amber',
          );

          // Locked after a confirmation; the success banner takes focus.
          await press(page, page.getByRole('button', { name: 'Lock this meeting' }));
          await expect
            .poll(() => page.evaluate(() => document.activeElement?.textContent?.trim()))
            .toBe('Are you sure you want to lock this meeting?');
          await checks.check('lock confirmation');
          await press(page, page.getByRole('button', { name: 'Yes, lock this meeting' }));
          await expect.poll(() => banner(page).textContent()).toContain('The meeting is locked');
          await expect.poll(() => focusedClass(page, 'govuk-notification-banner')).toBe(true);
          expect(await page.getByTestId('meeting-state').getAttribute('data-status')).toBe('locked');
          await checks.check('meeting locked');
          // The changes since the meeting before (newly overdue, worsened…) lead to the actions' pages.
          const changeLinks = await page
            .locator('.app-change-list a')
            .evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
          expect(changeLinks.length).toBeGreaterThan(0);
          for (const href of changeLinks) expect(href).toMatch(/^\/actions\/\d+$/);
          // 2.1 started since the meeting before: rated, neither better nor worse than Not started.
          expect(
            await page.locator('tr[data-action-ref="2.1"] [data-field="movement"]').textContent(),
          ).toContain('Rated Amber (was Not started)');

          // Compared with the meeting before: its references lead to the actions (the choice is asked for first).
          await press(page, page.getByRole('button', { name: 'Compare', exact: true }));
          await page.locator('#compare-with-error').waitFor();
          await checks.check('meeting with the comparison’s error');
          const meetings = (
            await apiGet<{ items: Meeting[] }>(
              page,
              `/api/plans/${(await apiGet<{ items: { id: number }[] }>(page, '/api/plans')).items[0]?.id}/meetings`,
            )
          ).items;
          const previous = meetings
            .filter((m) => m.status === 'locked' && m.meetingDate < held.toISOString())
            .at(-2);
          if (!previous) throw new Error('no locked meeting before last week’s');
          await chooseOption(
            page,
            page.getByLabel('Compare with', { exact: true }),
            new RegExp(formatDate(previous.meetingDate)),
          );
          await press(page, page.getByRole('button', { name: 'Compare', exact: true }));
          const comparison = page.getByTestId('comparison');
          await comparison.waitFor();
          const changed = comparison.locator('tbody tr[data-action-ref]');
          expect(await changed.count()).toBeGreaterThan(0);
          const firstRef = await changed.first().getAttribute('data-action-ref');
          expect(
            await changed
              .first()
              .getByRole('link', { name: `Action ${firstRef}` })
              .getAttribute('href'),
          ).toMatch(/^\/actions\/\d+$/);
          await checks.check('meeting with a comparison');
          await screenshot(page, 'meeting.png');

          // The RAG history: the meeting just locked is the column before the one scheduled; arrow keys move.
          await press(page, navLink(page, 'RAG history'));
          const grid = page.getByRole('grid');
          await grid.waitFor();
          const headers = await grid.locator('thead th').allTextContents();
          expect(headers.at(-2)).toContain(heldText);
          await tabTo(page, page.getByRole('region', { name: 'RAG of each action at each meeting' }));
          await page.keyboard.press('Tab');
          await page.keyboard.press('End');
          await page.keyboard.press('ArrowLeft');
          await page.keyboard.press('ArrowDown');
          const active = () =>
            page.evaluate(() => document.activeElement?.textContent?.replace(/\s+/g, ' ').trim());
          await expect.poll(active).toContain(`, ${heldText}: `);
          await expect.poll(active).toMatch(/^Action 1\.2,/);
          await checks.check('RAG history');
          await screenshot(page, 'history.png', { keepFocus: true });
          checks.assertClean();

          // A cold load of the meeting page once signed in: a fresh context (nothing cached), the session's
          // cookie, navigation start to the meeting's heading. Printed, not asserted: the machine is shared.
          const fresh = await suite.openPage({ realClock: true });
          try {
            await fresh.context.addCookies(await context.cookies());
            await watchForHeading(fresh.page, meetingTitle);
            await fresh.page.goto(meetingPath);
            const cold = await headingAt(fresh.page);
            console.log(
              `Cold load of ${meetingPath} (fresh context, signed in): heading after ${Math.round(cold)} ms`,
            );
            expect(fresh.errors, fresh.errors.join('\n')).toEqual([]);
          } finally {
            await fresh.close();
          }
          // And the first visit to it after signing in, in another fresh context: the meeting's code was
          // fetched in idle time after sign-in, so only its data is waited for.
          const after = await suite.openPage({ realClock: true });
          try {
            await watchForHeading(after.page, meetingTitle);
            await signInByKeyboard(after.page, CHAIR);
            await after.page.waitForURL((url) => url.pathname === '/overview');
            await after.page.waitForLoadState('networkidle');
            await press(after.page, navLink(after.page, 'Meetings'));
            const link = after.page.locator(`main a[href="${meetingPath}"]`).first();
            await tabTo(after.page, link);
            const start = await after.page.evaluate(() => {
              delete (window as unknown as { __headingAt?: number }).__headingAt;
              return performance.now();
            });
            await after.page.keyboard.press('Enter');
            const shown = await headingAt(after.page);
            console.log(
              `First visit to ${meetingPath} after sign-in (in the app): heading after ${Math.round(shown - start)} ms`,
            );
            expect(after.errors, after.errors.join('\n')).toEqual([]);
          } finally {
            await after.close();
          }
        },
        { bypassCSP: true },
      );
    },
    JOURNEY_TIMEOUT,
  );
});

describe('the adviser’s journey, keyboard only', () => {
  // Its own server and demo plan: each journey stands alone.
  const suite = browserSuite();

  it(
    'reads the plan and the roll-up as of a meeting, then downloads each format and reads the files back',
    async () => {
      await suite.withPage(
        async ({ page }) => {
          const checks = pageChecks(page);
          // Signing in with nothing entered: the error summary first.
          await page.goto('/sign-in');
          await page.locator('main h1').waitFor();
          await checks.check('sign-in');
          await press(page, page.getByRole('button', { name: 'Sign in' }));
          await errorSummary(page).waitFor();
          await checks.check('sign-in with errors');
          await typeInto(page, page.getByLabel('Email address'), ADVISER);
          await typeInto(page, page.getByLabel('Password', { exact: true }), DEMO_PASSWORD);
          await page.keyboard.press('Enter');
          await page.waitForURL((url) => url.pathname === '/export');
          await page.getByTestId('summary-preview').waitFor();
          await checks.check('export (landing)');

          const plans = await apiGet<{ items: { id: number; title: string }[] }>(page, '/api/plans');
          const plan = plans.items[0];
          if (!plan) throw new Error('no plan');
          const meetings = (await apiGet<{ items: Meeting[] }>(page, `/api/plans/${plan.id}/meetings`)).items;
          const latest = meetings.filter((m) => m.status === 'locked').at(-1);
          if (!latest) throw new Error('no locked meeting');

          await press(page, navLink(page, 'Plan'));
          await page.locator('table.app-actions-table').first().waitFor();
          await checks.check('plan');
          await screenshot(page, 'plan.png');

          // Loaded afresh, the plan page asks for its themes and its actions together, once it knows the plan.
          const waves = await apiWaves(page, async () => {
            await page.reload();
            await page.locator('table.app-actions-table').first().waitFor();
          });
          const wave = (pattern: RegExp) => waves.find((w) => pattern.test(w.path))?.wave;
          expect(wave(/^\/api\/plans\/\d+\/actions$/)).toBe(wave(/^\/api\/plans\/\d+\/themes$/));
          console.log(
            `The plan page's API requests, by round trip in sequence: ${waves.map((w) => `${w.wave}: ${w.path}`).join(', ')}`,
          );

          // The roll-up as of the latest locked meeting.
          await press(page, navLink(page, 'Recommendations'));
          await page.locator('article.app-recommendation').first().waitFor();
          await checks.check('recommendations');
          await chooseOption(
            page,
            page.getByLabel('As of', { exact: true }),
            new RegExp(formatDate(latest.meetingDate)),
          );
          await press(page, page.getByRole('button', { name: 'Show progress' }));
          await page.waitForURL((url) => url.searchParams.get('meeting') === String(latest.id));
          await expect.poll(() => page.getByTestId('as-of-line').textContent()).toContain(latest.title);
          await page.getByTestId('rollup-summary').first().waitFor();
          await checks.check('recommendations as of a meeting');
          await screenshot(page, 'recommendations-rollup.png');

          // Export: a choice that holds no action first (the empty state), then the whole plan at the meeting.
          await press(page, navLink(page, 'Export'));
          const preview = page.getByTestId('summary-preview');
          await preview.waitFor();
          await chooseOption(page, page.getByLabel('Theme (optional)'), 'People');
          await chooseOption(page, page.getByLabel('Lead (optional)'), 'Head of First Response');
          await press(page, page.getByRole('button', { name: 'Show summary' }));
          await expect.poll(() => preview.textContent()).toContain('No recommendation is in this summary.');
          await checks.check('export with nothing chosen');
          await chooseOption(page, page.getByLabel('Theme (optional)'), /^All|^Any|^Every/);
          await chooseOption(page, page.getByLabel('Lead (optional)'), /^All|^Any|^Every/);
          await chooseOption(
            page,
            page.getByLabel('As at', { exact: true }),
            new RegExp(formatDate(latest.meetingDate)),
          );
          await press(page, page.getByRole('button', { name: 'Show summary' }));
          await expect
            .poll(() => preview.textContent())
            .toContain(`Progress summary as at the board meeting of ${formatDate(latest.meetingDate)}`);
          await checks.check('export as at a meeting');
          await screenshot(page, 'export.png');
          checks.assertClean();

          const summary = await apiGet<ProgressSummary>(
            page,
            `/api/plans/${plan.id}/export?format=json&meeting=${latest.id}`,
          );
          const refs = summary.actions.map((a) => a.ref);
          expect(refs.length).toBeGreaterThan(0);

          /** Tabs to a download link, presses Enter, and keeps the file. */
          const download = async (name: string): Promise<string> => {
            const link = page.getByRole('link', { name });
            await tabTo(page, link);
            const [file] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
            const saved = path.join(downloads, file.suggestedFilename());
            await file.saveAs(saved);
            return saved;
          };

          // Word: the document's XML names the plan and every action.
          const docx = await download('Download as Word (.docx)');
          expect(docx).toMatch(/\.docx$/);
          const documentXml = await (
            await JSZip.loadAsync(fs.readFileSync(docx))
          )
            .file('word/document.xml')
            ?.async('string');
          const docText = xmlText(documentXml ?? '');
          for (const words of [summary.plan.title, formatDate(latest.meetingDate), 'Overdue actions']) {
            expect(docText.includes(words), `“${words}” in the Word document`).toBe(true);
          }
          for (const a of summary.actions) {
            expect(docText.includes(a.objective), `action ${a.ref} in the Word document`).toBe(true);
          }

          // PDF: its text, as pdftotext reads it, names the plan and the meeting.
          const pdf = await download('Download as PDF');
          expect(pdf).toMatch(/\.pdf$/);
          const pdfText = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
          for (const words of [formatDate(latest.meetingDate), 'Overdue actions', summary.councilName]) {
            expect(pdfText.includes(words), `“${words}” in the PDF`).toBe(true);
          }
          if (process.env.UPDATE_SCREENSHOTS) {
            const prefix = path.join(downloads, 'export-pdf');
            execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '2', '-l', '2', '-singlefile', pdf, prefix]);
            fs.copyFileSync(`${prefix}.png`, path.join(repoRoot, 'docs', 'screenshots', 'export-pdf.png'));
          }

          // Excel: the shared strings hold every action's reference.
          const xlsx = await download('Download as Excel (.xlsx)');
          expect(xlsx).toMatch(/\.xlsx$/);
          const book = await JSZip.loadAsync(fs.readFileSync(xlsx));
          const sheets = Object.keys(book.files).filter((f) => f.startsWith('xl/worksheets/'));
          expect(sheets.length).toBeGreaterThan(0);
          const strings = (await book.file('xl/sharedStrings.xml')?.async('string')) ?? '';
          const cells = [...strings.matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((m) => xmlText(m[1] ?? ''));
          for (const ref of refs) expect(cells, `action ${ref} in the workbook`).toContain(ref);

          // CSV: a header, then one row per action, in the summary's order, then the board's record
          // (narrative, risks, decisions and board actions), each row named by its Ref.
          const csv = await download('Download as CSV');
          expect(csv).toMatch(/\.csv$/);
          const rows = parseCsv(fs.readFileSync(csv, 'utf8').replace(/^\uFEFF/, ''));
          const header = rows[0] ?? [];
          const refColumn = header.indexOf('Ref');
          expect(refColumn, `a Ref column in ${header.join(', ')}`).toBeGreaterThanOrEqual(0);
          const csvRefs = rows.slice(1).map((r) => r[refColumn]);
          expect(csvRefs.slice(0, refs.length)).toEqual(refs);
          for (const ref of csvRefs.slice(refs.length)) {
            expect(ref, 'a row after the actions is the board record').toMatch(
              /^(Narrative|Risk \d+|Decision|Board action)$/,
            );
          }
        },
        { bypassCSP: true },
      );
    },
    JOURNEY_TIMEOUT,
  );
});

/**
 * The API requests made while `act` runs, each with its round trip in sequence: 1 for a request sent before
 * any answer arrived, else one more than the latest round trip that had finished when it was sent.
 */
async function apiWaves(page: Page, act: () => Promise<void>): Promise<{ path: string; wave: number }[]> {
  let tick = 0;
  const sent = new Map<Request, number>();
  const finished: { request: Request; at: number }[] = [];
  const isApi = (r: Request) => new URL(r.url()).pathname.startsWith('/api/');
  const onRequest = (r: Request) => void (isApi(r) && sent.set(r, (tick += 1)));
  const onFinished = (r: Request) => void (isApi(r) && finished.push({ request: r, at: (tick += 1) }));
  page.on('request', onRequest);
  page.on('requestfinished', onFinished);
  try {
    await act();
    await page.waitForLoadState('networkidle');
  } finally {
    page.off('request', onRequest);
    page.off('requestfinished', onFinished);
  }
  const waves = new Map<Request, number>();
  const ordered = [...sent].sort((a, b) => a[1] - b[1]);
  for (const [request, at] of ordered) {
    const before = finished.filter((f) => f.at < at).map((f) => waves.get(f.request) ?? 0);
    waves.set(request, 1 + Math.max(0, ...before));
  }
  return ordered.map(([request]) => ({
    path: new URL(request.url()).pathname,
    wave: waves.get(request) ?? 0,
  }));
}

/** The text of some XML: its tags as spaces, its entities decoded, its white space collapsed. */
function xmlText(xml: string): string {
  return xml
    .replace(/<[^>]+>/g, ' ')
    .replace(
      /&(apos|quot|lt|gt|amp);/g,
      (_, e: string) => ({ apos: "'", quot: '"', lt: '<', gt: '>', amp: '&' })[e] ?? '',
    )
    .replace(/\s+/g, ' ')
    .trim();
}

/** RFC 4180 CSV: quoted fields, doubled quotes, newlines inside quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

/**
 * A lead's words are never lost: the session ends mid-update (its cookie deleted, or revoked on the server),
 * the lead saves, signs in again and finds the text still there, and saves it; and when someone else recorded
 * an update first, the lead sees it beside their own text and saves theirs as a further update, or starts
 * again.
 */
import { describe, expect, it } from 'vitest';
import type { ActionDetail, MyActions, Session } from '@ipt/shared/schemas';
import type { Page } from 'playwright-core';
import {
  browserSuite,
  DEMO_PASSWORD,
  describeViolations,
  seriousViolations,
  signInAndLand,
  signInThroughForm,
} from './helpers';
import { apiGet } from './helpers/daily-work';

const LEAD = 'head.of.first.response@example.org';
const SAFEGUARDING = 'head.of.safeguarding@example.org'; // leads 1.3–1.5
const CHAIR = 'chair@example.org';

const suite = browserSuite();
const { withPage } = suite;

async function myActions(page: Page) {
  const mine = await apiGet<MyActions>(page, '/api/me/actions');
  return mine.items;
}

async function openUpdateForm(page: Page, actionId: number): Promise<void> {
  await page.goto(`/actions/${actionId}/update`);
  await page.locator('#commentary').waitFor();
}

describe('a session that ends mid-update', () => {
  it.each(['the cookie is deleted', 'the session is revoked on the server'])(
    'when %s: the lead saves, signs in again, finds the text and saves it',
    async (how) => {
      await withPage(async ({ page, context }) => {
        await signInAndLand(page, LEAD, '/my-actions');
        const action = (await myActions(page))[how.includes('cookie') ? 0 : 1];
        if (!action) throw new Error('the demo lead has too few actions');
        await openUpdateForm(page, action.id);
        const words = `Panel met twice; the audit found ${how.length} gaps and each has an owner.\nNext: re-audit in March.`;
        await page.locator('#commentary').fill(words);

        if (how.includes('cookie')) {
          await context.clearCookies();
        } else {
          const cookies = await context.cookies();
          const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
          const me = (await apiGet<Session>(page, '/api/auth/me')) as Session;
          const out = await fetch(`${suite.server.baseUrl}/api/auth/sign-out`, {
            method: 'POST',
            headers: { cookie, 'x-csrf-token': me.csrfToken },
          });
          expect(out.status).toBe(204);
          expect((await context.cookies()).length).toBeGreaterThan(0); // the browser still holds it
        }

        await page.getByRole('button', { name: 'Save update' }).click();
        await page.waitForURL((url) => url.pathname === '/sign-in');
        const notice = page.getByTestId('session-ended');
        await notice.waitFor();
        expect(await notice.textContent()).toContain(
          'Your session ended — sign in and your update will still be here.',
        );

        await page.getByLabel('Email address').fill(LEAD);
        await page.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.waitForURL((url) => url.pathname === `/actions/${action.id}/update`);
        await page.locator('#commentary').waitFor();
        expect(await page.locator('#commentary').inputValue()).toBe(words);
        await page.getByTestId('draft-restored').waitFor();

        await page.getByRole('button', { name: 'Save update' }).click();
        await page.waitForURL((url) => url.pathname === '/my-actions');
        await page.locator('.govuk-notification-banner--success').waitFor();
        const saved = await apiGet<ActionDetail>(page, `/api/actions/${action.id}`);
        expect(saved.updates[0]?.commentary).toBe(words);
        // Saved, so no longer kept: the form starts empty next time.
        await openUpdateForm(page, action.id);
        expect(await page.locator('#commentary').inputValue()).toBe('');
        expect(await page.getByTestId('draft-restored').count()).toBe(0);
      });
    },
  );
});

/** The chair records an update on the action through the API, as if on another computer. */
async function chairRecords(chairPage: Page, actionId: number, commentary: string): Promise<void> {
  const me = await apiGet<Session>(chairPage, '/api/auth/me');
  const current = await chairPage.request.get(`/api/actions/${actionId}`);
  const res = await chairPage.request.post(`/api/actions/${actionId}/updates`, {
    headers: { 'x-csrf-token': me.csrfToken, 'if-match': current.headers().etag ?? '' },
    data: { status: 'off_track', commentary },
  });
  expect(res.status()).toBe(201);
}

describe('someone else recorded an update first', () => {
  it('shows theirs beside the kept text; the lead saves theirs as a further update', async () => {
    const chair = await suite.openPage();
    try {
      await signInThroughForm(chair.page, CHAIR);
      await chair.page.waitForURL((url) => url.pathname !== '/sign-in');
      await withPage(
        async ({ page }) => {
          await signInAndLand(page, SAFEGUARDING, '/my-actions');
          const action = (await myActions(page))[0];
          if (!action) throw new Error('the demo lead has too few actions');
          await openUpdateForm(page, action.id);
          const mine = 'Recruitment is on plan: four of six posts filled, two interviews next week.';
          await page.locator('#commentary').fill(mine);
          const theirs = 'Board view: the two vacant posts put the deadline at risk; escalated to HR.';
          await chairRecords(chair.page, action.id, theirs);

          await page.getByRole('button', { name: 'Save update' }).click();
          const conflict = page.getByTestId('conflict');
          await conflict.waitFor();
          expect(await conflict.textContent()).toContain('Someone else changed action');
          expect(await conflict.textContent()).toContain('What Dr Margaret Ellis recorded at');
          expect((await page.getByTestId('their-commentary').textContent())?.trim()).toBe(theirs);
          expect((await page.getByTestId('my-commentary').textContent())?.trim()).toBe(mine);
          // No form, so no silent second save.
          expect(await page.getByRole('button', { name: 'Save update' }).count()).toBe(0);
          const violations = await seriousViolations(page);
          expect(violations, describeViolations(violations)).toEqual([]);
          if (process.env.E2E_SHOTS) await page.screenshot({ path: process.env.E2E_SHOTS, fullPage: true });

          await page.getByRole('button', { name: 'Save mine as a further update' }).click();
          await page.waitForURL((url) => url.pathname === '/my-actions');
          const saved = await apiGet<ActionDetail>(page, `/api/actions/${action.id}`);
          expect(saved.updates.slice(0, 2).map((u) => u.commentary)).toEqual([mine, theirs]);
        },
        { bypassCSP: true, expectedErrors: /status of 412/ },
      );
    } finally {
      await chair.close();
    }
  });

  it('or starts again: the kept text is dropped and the form starts from the action as it now stands', async () => {
    const chair = await suite.openPage();
    try {
      await signInThroughForm(chair.page, CHAIR);
      await chair.page.waitForURL((url) => url.pathname !== '/sign-in');
      await withPage(
        async ({ page }) => {
          await signInAndLand(page, SAFEGUARDING, '/my-actions');
          const action = (await myActions(page))[1];
          if (!action) throw new Error('the demo lead has too few actions');
          await openUpdateForm(page, action.id);
          await page.locator('#commentary').fill('Written before I knew.');
          await chairRecords(chair.page, action.id, 'Recorded by the chair first.');
          const before = await apiGet<ActionDetail>(page, `/api/actions/${action.id}`);

          await page.getByRole('button', { name: 'Save update' }).click();
          await page.getByTestId('conflict').waitFor();
          await page.getByRole('button', { name: 'Start again' }).click();
          await page.locator('#commentary').waitFor();
          expect(await page.locator('#commentary').inputValue()).toBe('');
          expect(await page.locator('input[name="status"]:checked').inputValue()).toBe('off_track');
          const after = await apiGet<ActionDetail>(page, `/api/actions/${action.id}`);
          expect(after.updates.length).toBe(before.updates.length);
          // And nothing is kept for next time.
          await page.reload();
          await page.locator('#commentary').waitFor();
          expect(await page.locator('#commentary').inputValue()).toBe('');
        },
        { expectedErrors: /status of 412/ },
      );
    } finally {
      await chair.close();
    }
  });
});

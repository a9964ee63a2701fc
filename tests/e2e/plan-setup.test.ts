/**
 * From an empty database (DEMO=false, the first administrator from the environment) to a first live plan,
 * through the screens alone: the administrator starts a plan (checking it before creating it), adds a source
 * with three recommendations, two themes with their areas (reordered), four actions with leads and links
 * answering recommendations in full or in part (the first by keyboard only, its timeframe read as typed),
 * schedules a meeting and makes the plan live; the chair then sees it. axe on every screen, errors included.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ActionDetail, Plan } from '@ipt/shared/schemas';
import { browserSuite, describeViolations, repoRoot, seriousViolations, signInThroughForm } from './helpers';
import { apiGet, focused, keyboard } from './helpers/daily-work';

const ADMIN = {
  email: 'programme.office@example.org',
  name: 'Pat Office',
  password: 'first-admin-password-2026',
};
const CHAIR = { email: 'board.chair@example.org', password: 'chair-password-2026' };
const LEAD = { email: 'head.of.service@example.org', password: 'lead-password-2026' };

const suite = browserSuite({
  DEMO: 'false',
  ADMIN_EMAIL: ADMIN.email,
  ADMIN_NAME: ADMIN.name,
  ADMIN_PASSWORD: ADMIN.password,
});
const { withPage } = suite;

const shotDir = process.env.SETUP_SHOTS ? path.join(repoRoot, '.tmp', 'shots') : null;
async function look(page: Page, name: string): Promise<void> {
  if (!shotDir) return;
  fs.mkdirSync(shotDir, { recursive: true });
  await page.screenshot({ path: path.join(shotDir, `${name}.png`), fullPage: true });
}

async function expectAxeClean(page: Page, where: string): Promise<void> {
  const violations = await seriousViolations(page);
  expect(violations, `${where}:\n${describeViolations(violations)}`).toEqual([]);
}

/** POSTs as the page's session (for the accounts, which are another screen's work). */
async function apiPost<T>(page: Page, url: string, body: unknown): Promise<T> {
  const me = await apiGet<{ csrfToken: string }>(page, '/api/auth/me');
  const res = await page.request.post(url, { data: body, headers: { 'x-csrf-token': me.csrfToken } });
  if (!res.ok()) throw new Error(`POST ${url} answered ${res.status()}: ${await res.text()}`);
  return (await res.json()) as T;
}

async function submitAndExpectErrors(page: Page, button: string, where: string): Promise<string> {
  await page.getByRole('button', { name: button, exact: true }).click();
  const summary = page.locator('.govuk-error-summary');
  await summary.waitFor();
  await expectAxeClean(page, `${where} (errors)`);
  return (await summary.textContent()) ?? '';
}

describe('setting up a first plan from an empty database', () => {
  it('takes the administrator from nothing to a live plan the chair sees, by the screens alone', async () => {
    await withPage(
      async ({ page }) => {
        await signInThroughForm(page, ADMIN.email, ADMIN.password);
        await page.waitForURL((url) => url.pathname !== '/sign-in');
        await page.locator('main h1').waitFor();

        // Two accounts, by the API (opening accounts is another screen's work): a lead and the chair.
        const leadUser = await apiPost<{ id: number }>(page, '/api/users', {
          email: LEAD.email,
          name: 'Sam Lead',
          jobTitle: 'Head of Service',
          role: 'lead',
          password: LEAD.password,
        });
        await apiPost(page, '/api/leads', { name: 'Head of Service', kind: 'person', userId: leadUser.id });
        await apiPost(page, '/api/leads', { name: 'NHS commissioner', kind: 'partner' });
        await apiPost(page, '/api/users', {
          email: CHAIR.email,
          name: 'Chris Chair',
          role: 'chair',
          password: CHAIR.password,
        });

        // Plan set-up, from the menu.
        await page
          .getByRole('navigation', { name: 'Menu' })
          .getByRole('link', { name: 'Plan set-up' })
          .click();
        await page.getByRole('heading', { level: 1, name: 'Plan set-up' }).waitFor();
        expect(await page.locator('main').textContent()).toContain('There are no plans yet');
        await expectAxeClean(page, 'plans list');
        await look(page, '01-plans');

        // Start a plan: an empty name is refused, then check answers, then create.
        await page.getByRole('button', { name: 'Start a plan' }).click();
        await page.getByRole('heading', { level: 1, name: 'Start a plan' }).waitFor();
        await page.getByLabel('Papers cut-off, in days before each meeting (optional)').fill('99');
        const planErrors = await submitAndExpectErrors(page, 'Continue', 'start a plan');
        expect(planErrors).toContain('Enter the plan’s name');
        expect(planErrors).toContain('whole number of days from 0 to 60');
        expect(await page.title()).toMatch(/^Error: /);
        await look(page, '02-plan-errors');
        await page.getByLabel('Name of the plan').fill('Children’s Services Improvement Plan');
        await page.getByLabel('Phase (optional)').fill('Phase 1');
        await page.getByLabel('Papers cut-off, in days before each meeting (optional)').fill('5');
        await page.getByRole('button', { name: 'Continue' }).click();
        await page.getByRole('heading', { level: 1, name: 'Check the plan before you create it' }).waitFor();
        const check = (await page.locator('.govuk-summary-list').textContent()) ?? '';
        expect(check).toContain('Children’s Services Improvement Plan');
        expect(check).toContain('5 days before each meeting');
        await expectAxeClean(page, 'check the plan');
        await look(page, '03-plan-check');
        await page.getByRole('button', { name: 'Create the plan' }).click();
        await page.getByRole('heading', { level: 1, name: 'Children’s Services Improvement Plan' }).waitFor();
        expect(await page.locator('.govuk-notification-banner--success').textContent()).toContain(
          'created as a draft',
        );
        const planId = Number(new URL(page.url()).pathname.split('/').at(-1));
        expect((await apiGet<Plan>(page, `/api/plans/${planId}`)).status).toBe('draft');
        await expectAxeClean(page, 'set-up page');

        // A source, with an error first.
        const sourceErrors = await submitAndExpectErrors(page, 'Add source', 'add a source');
        expect(sourceErrors).toContain('Choose what kind of source it is');
        expect(sourceErrors).toContain('Enter the date it was issued');
        await page.getByLabel('Kind').selectOption({ label: 'Ofsted inspection' });
        await page.getByLabel('Title', { exact: true }).fill('Inspection of children’s social care services');
        await page.getByLabel('Day').fill('27');
        await page.getByLabel('Month').fill('3');
        await page.getByLabel('Year').fill('2026');
        await page.getByRole('button', { name: 'Add source' }).click();
        const source = page.locator('.app-setup-source');
        await source.waitFor();
        expect(await source.textContent()).toContain('27 March 2026');

        // Three recommendations.
        const recTexts = [
          'Improve the quality of assessments',
          'Strengthen management oversight',
          'Reduce caseloads',
        ];
        for (const [i, text] of recTexts.entries()) {
          await source.getByLabel('Number', { exact: true }).fill(String(i + 1));
          await source.getByLabel('Recommendation', { exact: true }).fill(text);
          await source.getByRole('button', { name: /Add recommendation/ }).click();
          await page.locator(`.app-setup-recs li`).nth(i).waitFor();
        }
        expect(await page.locator('.app-setup-recs li').count()).toBe(3);

        // Two themes, an area in each; then the second theme moved up.
        for (const theme of ['Practice', 'People']) {
          await page.getByLabel('New theme', { exact: true }).fill(theme);
          await page.getByRole('button', { name: 'Add theme' }).click();
          await page.locator('.app-setup-theme h3', { hasText: theme }).waitFor();
        }
        for (const [theme, area] of [
          ['Practice', 'Front door'],
          ['People', 'Workforce'],
        ] as const) {
          await page.getByLabel(`New area in ${theme}`).fill(area);
          await page.getByRole('button', { name: `Add area to ${theme}` }).click();
          await page.locator('.app-setup-theme li', { hasText: area }).waitFor();
        }
        // A theme added by mistake is archived, with a reason (nothing is deleted).
        await page.getByLabel('New theme', { exact: true }).fill('Spare');
        await page.getByRole('button', { name: 'Add theme' }).click();
        await page.locator('.app-setup-theme h3', { hasText: 'Spare' }).waitFor();
        await page.getByRole('button', { name: 'Archive the theme Spare' }).click();
        await page.getByRole('button', { name: 'Archive the theme Spare' }).click();
        await page.getByText('Say why the theme Spare is being archived').waitFor();
        await expectAxeClean(page, 'archive a theme (error)');
        await page.getByLabel('Why is the theme Spare being archived?').fill('Added by mistake');
        await page.getByRole('button', { name: 'Archive the theme Spare' }).click();
        await page.locator('.govuk-notification-banner--success', { hasText: 'Spare archived' }).waitFor();
        expect(await page.locator('.app-setup-theme h3').allTextContents()).toHaveLength(2);
        await look(page, '04a-before-move');
        await page.getByRole('button', { name: /Move up\W+theme People/ }).click();
        await expect
          .poll(() => page.locator('.app-setup-theme h3').allTextContents())
          .toEqual(['People', 'Practice'].map((t) => expect.stringContaining(t)));
        await expectAxeClean(page, 'set-up page with sources and themes');
        await look(page, '04-setup');

        // Action 1, keyboard only: the form, its errors, check answers, create.
        await page.getByRole('button', { name: 'Add an action' }).click();
        await page.getByRole('heading', { level: 1, name: 'Add an action' }).waitFor();
        await expectAxeClean(page, 'add an action');
        const keys = keyboard(page);
        await page.locator('main h1').focus();
        await keys.press('Tab');
        expect((await focused(page)).id).toBe('action-ref');
        // Submitting empty shows every error, in the summary and beside its field.
        await page.keyboard.press('Enter');
        const actionErrors = (await page.locator('.govuk-error-summary').textContent()) ?? '';
        expect(actionErrors).toContain('Enter what we want to achieve');
        expect(actionErrors).toContain('Choose at least one lead');
        await expectAxeClean(page, 'add an action (errors)');
        await look(page, '05-action-errors');
        // The summary's first link takes the keyboard to the reference.
        await page.locator('.govuk-error-summary a').first().focus();
        await keys.press('Enter');
        expect((await focused(page)).id).toBe('action-ref');
        await keys.type('1.1');
        await keys.press('Tab'); // theme and area
        expect((await focused(page)).id).toBe('action-area');
        await keys.press('ArrowDown');
        await keys.press('ArrowDown'); // People: Workforce, then Practice: Front door
        await keys.press('Tab');
        expect((await focused(page)).id).toBe('action-objective');
        await keys.type('Every child is seen by a social worker who knows them');
        await keys.press('Tab');
        await keys.type('Recruit and keep permanent social workers.');
        await keys.press('Tab'); // first lead (alphabetical: Head of Service)
        expect((await focused(page)).id).toBe('action-leads');
        await keys.press('Space');
        await keys.press('Tab'); // NHS commissioner
        await keys.press('Tab');
        expect((await focused(page)).id).toBe('action-timeframe');
        await keys.type('by summer');
        const reading = page.locator('#action-timeframe-reading');
        await expect.poll(() => reading.textContent()).toContain('write a month');
        await look(page, '06-timeframe-message');
        await page.keyboard.press('Control+A');
        await keys.type('Apr 2026 – Mar 2027');
        await expect.poll(() => reading.textContent()).toContain('due 31 March 2027, starting 1 April 2026');
        await keys.press('Tab'); // the first recommendation
        expect((await focused(page)).id).toBe('action-recs');
        await keys.press('Space');
        await keys.press('Tab'); // in full (checked)
        expect(await focused(page)).toMatchObject({ value: 'full', checked: true });
        await keys.press('ArrowRight'); // in part
        expect(await focused(page)).toMatchObject({ value: 'part', checked: true });
        await keys.press('Tab');
        await keys.type('children in care only');
        await look(page, '07-action-form');
        // On to the submit button, past the other two recommendations.
        for (let i = 0; i < 3 && (await focused(page)).text !== 'Continue'; i += 1) await keys.press('Tab');
        expect((await focused(page)).text).toBe('Continue');
        await keys.press('Enter');
        await page.getByRole('heading', { level: 1, name: 'Check the action before you add it' }).waitFor();
        const checkAction = (await page.locator('.app-check-action').textContent()) ?? '';
        expect(checkAction).toContain('Practice: Front door');
        expect(checkAction).toContain('Head of Service');
        expect(checkAction).toContain('in part (children in care only)');
        await expectAxeClean(page, 'check the action');
        await look(page, '08-action-check');
        for (let i = 0; i < 20 && (await focused(page)).text !== 'Add the action'; i += 1)
          await keys.press('Tab');
        await keys.press('Enter');
        await page.getByRole('heading', { level: 1, name: 'Children’s Services Improvement Plan' }).waitFor();
        expect(await page.locator('.govuk-notification-banner--success').textContent()).toContain(
          'Action 1.1 added',
        );

        // Three more actions, by pointer.
        const more = [
          {
            ref: '1.2',
            area: 'Practice: Front door',
            timeframe: 'Sep 2026',
            rec: 1,
            lead: 'Head of Service',
          },
          { ref: '2.1', area: 'People: Workforce', timeframe: 'Dec 2026', rec: 2, lead: 'NHS commissioner' },
          { ref: '2.2', area: 'People: Workforce', timeframe: 'Ongoing', rec: 2, lead: 'Head of Service' },
        ];
        for (const a of more) {
          await page.getByRole('button', { name: 'Add an action' }).click();
          await page.getByLabel('Reference').waitFor();
          await page.getByLabel('Reference').fill(a.ref);
          await page.getByLabel('Theme and area').selectOption({ label: a.area });
          await page.getByLabel('What we want to achieve').fill(`Outcome of action ${a.ref}`);
          await page.getByLabel(a.lead).check();
          await page.getByLabel('Timeframe', { exact: true }).fill(a.timeframe);
          await page.locator('.app-setup-link input[type="checkbox"]').nth(a.rec).check();
          await page.getByRole('button', { name: 'Continue' }).click();
          await page.getByRole('button', { name: 'Add the action' }).click();
          await page.locator(`tr[data-action-ref="${a.ref}"]`).waitFor();
        }
        expect(await page.locator('.app-setup-actions tbody tr').count()).toBe(4);
        const first = (await page.locator('tr[data-action-ref="1.1"]').textContent()) ?? '';
        expect(first).toContain('31 March 2027');
        const detail = await apiGet<{ items: { id: number; ref: string }[] }>(
          page,
          `/api/plans/${planId}/actions`,
        );
        const a11 = detail.items.find((a) => a.ref === '1.1');
        const a11Detail = await apiGet<ActionDetail>(page, `/api/actions/${a11?.id}`);
        expect(a11Detail.recommendations).toEqual([
          expect.objectContaining({ coverage: 'part', scopeNote: 'children in care only' }),
        ]);

        // Schedule a meeting, from the set-up page.
        await page.getByRole('button', { name: 'See and schedule this plan’s board meetings' }).click();
        await page.getByRole('heading', { level: 1, name: 'Board meetings' }).waitFor();
        const form = page.locator('.app-schedule-form');
        await form.getByRole('group', { name: 'Date of the meeting' }).getByLabel('Day').fill('15');
        await form.getByRole('group', { name: 'Date of the meeting' }).getByLabel('Month').fill('1');
        await form.getByRole('group', { name: 'Date of the meeting' }).getByLabel('Year').fill('2027');
        await page.getByRole('button', { name: 'Schedule meeting' }).click();
        await page.locator('tr[data-meeting-id]').waitFor();
        // The plan's own cut-off: five days before, at 5pm.
        expect(await page.locator('tr[data-meeting-id]').textContent()).toContain('10 January 2027');

        // Make the plan live.
        await page.goto(`/admin/plans/${planId}`);
        await page.getByRole('button', { name: 'Make the plan live' }).click();
        await expectAxeClean(page, 'make live (confirm)');
        await page.getByRole('button', { name: 'Yes, make it live' }).click();
        await page.locator('.govuk-notification-banner--success', { hasText: 'is live' }).waitFor();
        expect((await apiGet<Plan>(page, `/api/plans/${planId}`)).status).toBe('active');
        await look(page, '09-live');

        // The other set-up screens, axe-checked too: the plans list, the plan's details, changing an action
        // (its timeframe now fixed: the plan is live), with an error.
        await page.goto('/admin/plans');
        await page.locator(`tr[data-plan-id="${planId}"]`).waitFor();
        expect(await page.locator(`tr[data-plan-id="${planId}"]`).textContent()).toContain('Live');
        await expectAxeClean(page, 'plans list with a plan');
        await page.goto(`/admin/plans/${planId}/edit`);
        await page.getByRole('heading', { level: 1, name: 'Change the plan’s details' }).waitFor();
        await page.getByLabel('Name of the plan').fill('');
        expect(await submitAndExpectErrors(page, 'Save changes', 'change the plan')).toContain(
          'Enter the plan’s name',
        );
        await page.goto(`/admin/actions/${a11?.id}/edit`);
        await page.getByRole('heading', { level: 1, name: 'Change action 1.1' }).waitFor();
        expect(await page.locator('main').textContent()).toContain('The plan is live, so the due date moves');
        await page.getByLabel('What we want to achieve').fill('Every child is seen by a known social worker');
        await page.getByRole('button', { name: 'Save changes' }).click();
        await page.locator('.govuk-notification-banner--success', { hasText: 'Action 1.1 saved' }).waitFor();
        await page.goto(`/admin/actions/${a11?.id}/edit`);
        await page.getByRole('heading', { level: 1, name: 'Change action 1.1' }).waitFor();
        expect(await submitAndExpectErrors(page, 'Archive action', 'archive an action')).toContain(
          'Say why the action is being archived',
        );
        await look(page, '12-action-edit');
      },
      { bypassCSP: true },
    );

    // The chair sees the plan, with its four actions.
    await withPage(async ({ page }) => {
      await signInThroughForm(page, CHAIR.email, CHAIR.password);
      // The account was opened with a one-time password: the chair chooses their own first.
      await page.getByLabel('One-time password').fill(CHAIR.password);
      await page.getByLabel('New password', { exact: true }).fill('chair-own-password-2026');
      await page.getByLabel('Confirm new password').fill('chair-own-password-2026');
      await page.getByRole('button', { name: 'Save and continue' }).click();
      await page.waitForURL((url) => url.pathname === '/overview');
      await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
      expect(await page.locator('main').textContent()).toContain('Children’s Services Improvement Plan');
      await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Plan' }).click();
      // The plan page itself (the overview's tables have action rows too).
      await page.getByRole('heading', { level: 1, name: 'Children’s Services Improvement Plan' }).waitFor();
      await page.locator('table.app-actions-table tr[data-action-ref="2.2"]').waitFor();
      await look(page, '13-chair-plan');
      expect(
        await page
          .locator('tr[data-action-ref]')
          .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action-ref'))),
      ).toEqual(['2.1', '2.2', '1.1', '1.2']);
    });

    // The lead signs in with the one-time password the account was opened with, must choose their own, and
    // records an update on action 1.1 that the chair then reads.
    const COMMENTARY = 'Practice standards agreed with team managers; the first audit is booked.';
    await withPage(async ({ page }) => {
      await signInThroughForm(page, LEAD.email, LEAD.password);
      await page.waitForURL((url) => url.pathname === '/account/password');
      await page.getByLabel('One-time password').fill(LEAD.password);
      await page.getByLabel('New password', { exact: true }).fill('lead-own-password-2026');
      await page.getByLabel('Confirm new password').fill('lead-own-password-2026');
      await page.getByRole('button', { name: 'Save and continue' }).click();
      await page.waitForURL((url) => url.pathname === '/my-actions');
      await page.getByRole('link', { name: 'Update 1.1' }).click();
      await page.locator('#commentary').waitFor();
      await page.getByLabel('On track').check();
      await page.getByLabel('Commentary').fill(COMMENTARY);
      await page.getByRole('button', { name: 'Save update' }).click();
      await page.locator('.govuk-notification-banner--success').waitFor();
      expect(await page.locator('.govuk-notification-banner--success').textContent()).toContain('1.1');
    });
    await withPage(async ({ page }) => {
      await signInThroughForm(page, CHAIR.email, 'chair-own-password-2026');
      await page.waitForURL((url) => url.pathname === '/overview');
      await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Plan' }).click();
      await page.getByRole('heading', { level: 1, name: 'Children’s Services Improvement Plan' }).waitFor();
      const link = page
        .locator('table.app-actions-table tr[data-action-ref="1.1"] a[href^="/actions/"]')
        .first();
      await page.goto((await link.getAttribute('href')) ?? '');
      await page.locator('ol.app-timeline').waitFor();
      expect(await page.locator('ol.app-timeline').textContent()).toContain(COMMENTARY);
    });
  });
});

/**
 * From an empty database (DEMO=false, the first administrator from the environment) to a first live plan,
 * through the screens alone and by the keyboard alone (Tab, Enter, Space, arrows, typing; no pointer): the
 * administrator adds two leads and opens the lead's and the chair's accounts with one-time passwords, starts a
 * plan (checking it before creating it), adds a source with three recommendations (changing the source, one
 * recommendation's wording and their order), two themes with their areas (one renamed, one moved), four
 * actions with leads and links answering recommendations in full or in part, schedules a meeting and makes
 * the plan live. The lead then signs in with the one-time password, must choose their own, and records an
 * update that the chair sees. axe on every screen, errors included. With SCREENSHOTS=1 it takes the README's
 * administrator screenshots (docs/screenshots/admin-*.png).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ActionDetail, Plan } from '@ipt/shared/schemas';
import { browserSuite, describeViolations, repoRoot, seriousViolations } from './helpers';
import { duplicateIds } from './helpers/journey';
import { apiGet } from './helpers/daily-work';
import {
  chooseOption,
  chooseRadio,
  focused,
  keyboard,
  press,
  tabTo,
  typeDate,
  typeInto,
} from './helpers/keyboard';

const ADMIN = {
  email: 'programme.office@example.org',
  name: 'Pat Office',
  password: 'first-admin-password-2026',
};
const CHAIR = { email: 'board.chair@example.org', name: 'Chris Chair' };
const LEAD = { email: 'head.of.service@example.org', name: 'Sam Lead' };

const suite = browserSuite({
  DEMO: 'false',
  ADMIN_EMAIL: ADMIN.email,
  ADMIN_NAME: ADMIN.name,
  ADMIN_PASSWORD: ADMIN.password,
});
const { withPage } = suite;

/** With SCREENSHOTS=1, the README's administrator screenshots, at 1280 px wide: docs/screenshots/admin-*.png. */
const shotDir = process.env.SCREENSHOTS === '1' ? path.join(repoRoot, 'docs', 'screenshots') : null;
async function look(page: Page, name: string): Promise<void> {
  if (!shotDir) return;
  fs.mkdirSync(shotDir, { recursive: true });
  await page.screenshot({ path: path.join(shotDir, `admin-${name}.png`), fullPage: true });
}

async function expectAxeClean(page: Page, where: string): Promise<void> {
  const violations = await seriousViolations(page);
  expect(violations, `${where}:\n${describeViolations(violations)}`).toEqual([]);
  expect(await duplicateIds(page), `${where}: ids used twice`).toEqual([]);
}

/** Signs in through the form by the keyboard alone. */
async function signInByKeyboard(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/sign-in');
  await typeInto(page, { label: 'Email address' }, email);
  await typeInto(page, { label: 'Password' }, password);
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.pathname !== '/sign-in');
}

/** The first sign-in's page: the one-time password, then one's own, twice; by the keyboard alone. */
async function chooseOwnPassword(page: Page, oneTime: string, own: string): Promise<void> {
  await page.waitForURL((url) => url.pathname === '/account/password');
  await typeInto(page, { label: 'One-time password' }, oneTime);
  await typeInto(page, { label: 'New password' }, own);
  await typeInto(page, { label: 'Confirm new password' }, own);
  await press(page, { text: 'Save and continue' });
}

/** Presses a submit button by the keyboard and waits for the error summary; axe-checks the error state. */
async function submitAndExpectErrors(page: Page, button: string, where: string): Promise<string> {
  await press(page, { text: button });
  const summary = page.locator('.govuk-error-summary');
  await summary.waitFor();
  await expectAxeClean(page, `${where} (errors)`);
  return (await summary.textContent()) ?? '';
}

/** The menu's Administration page, then one of its sections. */
async function administration(page: Page, section: string): Promise<void> {
  await press(page, { text: 'Administration' });
  await page.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
  await expectAxeClean(page, 'administration');
  await press(page, { text: section });
  await page.getByRole('heading', { level: 1, name: section }).waitFor();
}

/** Opens an account on the Accounts screen and reads the one-time password it shows once. */
async function openAccount(
  page: Page,
  who: { name: string; email: string; jobTitle: string; roleIndex: number; leadSteps: number },
): Promise<string> {
  await press(page, { text: 'Open an account' });
  await page.getByRole('heading', { level: 1, name: 'Open an account' }).waitFor();
  await typeInto(page, { id: 'name' }, who.name);
  await typeInto(page, { id: 'email' }, who.email);
  await typeInto(page, { id: 'job-title' }, who.jobTitle);
  await chooseRadio(page, 'role', who.roleIndex);
  if (who.leadSteps) {
    // The leads to choose from arrive after the form is drawn.
    await page.locator('#lead option').nth(who.leadSteps).waitFor({ state: 'attached' });
    await chooseOption(page, { id: 'lead' }, who.leadSteps);
  }
  await press(page, { text: 'Open the account' });
  const code = page.getByTestId('one-time-password');
  await code.waitFor();
  await expectAxeClean(page, `the account of ${who.name} with its one-time password`);
  return ((await code.textContent()) ?? '').trim();
}

describe('setting up a first plan from an empty database', () => {
  it('takes the administrator from nothing to a live plan, the lead to an update and the chair to reading it, by the keyboard alone', async () => {
    let leadPassword = '';
    let chairPassword = '';
    await withPage(
      async ({ page }) => {
        // Sign in, by the keyboard.
        await page.goto('/sign-in');
        await typeInto(page, { label: 'Email address' }, ADMIN.email);
        await typeInto(page, { label: 'Password' }, ADMIN.password);
        await page.keyboard.press('Enter');
        await page.waitForURL((url) => url.pathname !== '/sign-in');
        await page.locator('main h1').waitFor();

        // The menu keeps to one line at 1280 px: Administration holds the programme office's pages.
        const items = page.locator('.govuk-service-navigation__item:not(.app-service-navigation__user)');
        const tops = await items.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().top));
        expect(new Set(tops).size).toBe(1);

        // Two leads: the lead's job title, and a partner no one signs in for.
        await administration(page, 'Leads');
        await expectAxeClean(page, 'leads');
        for (const [name, kindIndex] of [
          ['Head of Service', 0],
          ['NHS commissioner', 2],
        ] as const) {
          await typeInto(page, { id: 'lead-name' }, name);
          await chooseRadio(page, 'lead-kind', kindIndex);
          await press(page, { text: 'Add the lead' });
          await page.locator('.govuk-notification-banner--success', { hasText: name }).waitFor();
        }

        // Accounts: an error first, then the lead's (holding Head of Service) and the chair's.
        await administration(page, 'Accounts');
        await expectAxeClean(page, 'accounts');
        await look(page, 'accounts');
        await press(page, { text: 'Open an account' });
        await page.getByRole('heading', { level: 1, name: 'Open an account' }).waitFor();
        const accountErrors = await submitAndExpectErrors(page, 'Open the account', 'open an account');
        expect(accountErrors).toContain('Enter the person’s full name');
        await press(page, { text: 'Back to accounts' });
        await page.getByRole('heading', { level: 1, name: 'Accounts' }).waitFor();
        leadPassword = await openAccount(page, {
          ...LEAD,
          jobTitle: 'Head of Service',
          roleIndex: 2,
          leadSteps: 1,
        });
        await look(page, 'one-time-password');
        expect(await page.locator('main').textContent()).toContain('Head of Service');
        await press(page, { text: 'Back to accounts' });
        await page.getByRole('heading', { level: 1, name: 'Accounts' }).waitFor();
        chairPassword = await openAccount(page, {
          ...CHAIR,
          jobTitle: 'Independent chair',
          roleIndex: 1,
          leadSteps: 0,
        });
        expect(leadPassword).not.toBe('');
        expect(chairPassword).not.toBe('');

        // Plan set-up.
        await administration(page, 'Plan set-up');
        expect(await page.locator('main').textContent()).toContain('There are no plans yet');
        await expectAxeClean(page, 'plans list');

        // Start a plan: an empty name is refused, then check answers, then create.
        await press(page, { text: 'Start a plan' });
        await page.getByRole('heading', { level: 1, name: 'Start a plan' }).waitFor();
        await typeInto(page, { id: 'plan-cutoff-days' }, '99');
        const planErrors = await submitAndExpectErrors(page, 'Continue', 'start a plan');
        expect(planErrors).toContain('Enter the plan’s name');
        expect(planErrors).toContain('whole number of days from 0 to 60');
        expect(await page.title()).toMatch(/^Error: /);
        await typeInto(page, { id: 'plan-title' }, 'Children’s Services Improvement Plan');
        await typeInto(page, { id: 'plan-phase' }, 'Phase 1');
        await typeInto(page, { id: 'plan-cutoff-days' }, '5');
        await press(page, { text: 'Continue' });
        await page.getByRole('heading', { level: 1, name: 'Check the plan before you create it' }).waitFor();
        const check = (await page.locator('.govuk-summary-list').textContent()) ?? '';
        expect(check).toContain('Children’s Services Improvement Plan');
        expect(check).toContain('5 days before each meeting');
        await expectAxeClean(page, 'check the plan');
        await press(page, { text: 'Create the plan' });
        await page.getByRole('heading', { level: 1, name: 'Children’s Services Improvement Plan' }).waitFor();
        expect(await page.locator('.govuk-notification-banner--success').textContent()).toContain(
          'created as a draft',
        );
        const planId = Number(new URL(page.url()).pathname.split('/').at(-1));
        expect((await apiGet<Plan>(page, `/api/plans/${planId}`)).status).toBe('draft');
        await expectAxeClean(page, 'set-up page');

        // A source, with an error first; its kind chosen with the arrow keys (Ofsted inspection is first).
        const sourceErrors = await submitAndExpectErrors(page, 'Add source', 'add a source');
        expect(sourceErrors).toContain('Choose what kind of source it is');
        expect(sourceErrors).toContain('Enter the date it was issued');
        await chooseOption(page, { id: 'source-kind' }, 1);
        await typeInto(page, { id: 'source-title' }, 'Inspection of children’s social care');
        await typeDate(page, { id: 'source-date-day' }, ['27', '3', '2026']);
        await press(page, { text: 'Add source' });
        const source = page.locator('.app-setup-source');
        await source.waitFor();
        expect(await source.textContent()).toContain('27 March 2026');
        const sourceId = Number(await source.getAttribute('data-source-id'));

        // Three recommendations.
        const recTexts = [
          'Improve the quality of assessments',
          'Strengthen management oversight',
          'Reduce caseloads',
        ];
        for (const [i, text] of recTexts.entries()) {
          await typeInto(page, { id: `rec-number-${sourceId}` }, String(i + 1));
          await typeInto(page, { id: `rec-text-${sourceId}` }, text);
          await press(page, { text: /^Add recommendation/ });
          await page.locator(`.app-setup-recs li`).nth(i).waitFor();
        }
        expect(await page.locator('.app-setup-recs li').count()).toBe(3);

        // Change the source: its title (an empty one refused first), kind and date.
        await press(page, { text: /^Change the source/ });
        await page.getByRole('heading', { level: 1, name: 'Change the source' }).waitFor();
        await typeInto(page, { id: 'record-title' }, '');
        expect(await submitAndExpectErrors(page, 'Save', 'change a source')).toContain(
          'Enter the source’s name',
        );
        await look(page, 'change-source-errors');
        await typeInto(page, { id: 'record-title' }, 'Inspection of children’s social care services, 2026');
        await typeDate(page, { id: 'record-date-day' }, ['28', '3', '2026']);
        await press(page, { text: 'Save' });
        await page
          .locator('.govuk-notification-banner--success', {
            hasText: 'Inspection of children’s social care services, 2026 saved',
          })
          .waitFor();
        expect(await source.textContent()).toContain('28 March 2026');
        await expectAxeClean(page, 'set-up page after a change');

        // Change a recommendation's wording, then move the last one up.
        const recs = await apiGet<{ items: { id: number; label: string }[] }>(
          page,
          `/api/recommendations?sourceId=${sourceId}`,
        );
        const rec2 = recs.items[1]!;
        await press(page, { text: `Change ${rec2.label}` });
        await page.getByRole('heading', { level: 1, name: 'Change the recommendation' }).waitFor();
        await expectAxeClean(page, 'change a recommendation');
        await typeInto(page, { id: 'record-text' }, 'Strengthen management oversight of casework');
        await press(page, { text: 'Save' });
        await page
          .locator('.govuk-notification-banner--success', { hasText: `${rec2.label} saved` })
          .waitFor();
        const rec3 = recs.items[2]!;
        await press(page, { text: `Move up: ${rec3.label}` });
        // Each move is said in the banner once the page has read the new order back.
        const banner = page.locator('.govuk-notification-banner--success');
        await banner.filter({ hasText: `${rec3.label} moved up` }).waitFor();
        expect(await page.locator('.app-setup-recs li').allTextContents()).toEqual(
          ['Improve the quality', 'Reduce caseloads', 'management oversight of casework'].map((t) =>
            expect.stringContaining(t),
          ),
        );
        // Put it back, so the recommendations read 1, 2, 3 below.
        await press(page, { text: `Move down: ${rec3.label}` });
        await banner.filter({ hasText: `${rec3.label} moved down` }).waitFor();
        expect(await page.locator('.app-setup-recs li').last().textContent()).toContain('Reduce caseloads');

        // Two themes, an area in each; a theme added by mistake archived; one renamed; the second moved up.
        for (const theme of ['Practise', 'People']) {
          await typeInto(page, { id: 'theme-title' }, theme);
          await press(page, { text: 'Add theme' });
          await page.locator('.app-setup-theme h3', { hasText: theme }).waitFor();
        }
        await press(page, { text: 'Rename the theme Practise' });
        await page.getByRole('heading', { level: 1, name: 'Change the theme' }).waitFor();
        await typeInto(page, { id: 'record-title' }, 'Practice');
        await press(page, { text: 'Save' });
        await page
          .locator('.govuk-notification-banner--success', { hasText: 'Theme renamed Practice' })
          .waitFor();
        const themes = (
          await apiGet<{ items: { id: number; title: string }[] }>(page, `/api/plans/${planId}/themes`)
        ).items;
        for (const [theme, area] of [
          ['Practice', 'Front door'],
          ['People', 'Workforce'],
        ] as const) {
          const id = themes.find((t) => t.title === theme)!.id;
          await typeInto(page, { id: `area-title-${id}` }, area);
          await press(page, { text: `Add area to ${theme}` });
          await page.locator('.app-setup-theme li', { hasText: area }).waitFor();
        }
        await typeInto(page, { id: 'theme-title' }, 'Spare');
        await press(page, { text: 'Add theme' });
        await page.locator('.app-setup-theme h3', { hasText: 'Spare' }).waitFor();
        await press(page, { text: 'Archive the theme Spare' });
        await press(page, { text: 'Archive the theme Spare' });
        await page.getByText('Say why the theme Spare is being archived').waitFor();
        await expectAxeClean(page, 'archive a theme (error)');
        await page.keyboard.type('Added by mistake');
        await page.keyboard.press('Enter');
        await page.locator('.govuk-notification-banner--success', { hasText: 'Spare archived' }).waitFor();
        expect(await page.locator('.app-setup-theme h3').allTextContents()).toHaveLength(2);
        await press(page, { text: 'Move up: theme People' });
        await banner.filter({ hasText: 'People moved up' }).waitFor();
        expect(await page.locator('.app-setup-theme h3').allTextContents()).toEqual(
          ['People', 'Practice'].map((t) => expect.stringContaining(t)),
        );
        await expectAxeClean(page, 'set-up page with sources and themes');

        // Action 1.1: the form, its errors, check answers, create.
        await press(page, { text: 'Add an action' });
        await page.getByRole('heading', { level: 1, name: 'Add an action' }).waitFor();
        await expectAxeClean(page, 'add an action');
        const keys = keyboard(page);
        await tabTo(page, { id: 'action-ref' });
        // Submitting empty shows every error, in the summary and beside its field.
        await page.keyboard.press('Enter');
        const actionErrors = (await page.locator('.govuk-error-summary').textContent()) ?? '';
        expect(actionErrors).toContain('Enter what we want to achieve');
        expect(actionErrors).toContain('Choose at least one lead');
        await expectAxeClean(page, 'add an action (errors)');
        // The summary's first link takes the keyboard to the reference.
        await press(page, { text: 'Enter the action’s reference, like 1.2' });
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
        await look(page, 'action-form');
        await press(page, { text: 'Continue' });
        await page.getByRole('heading', { level: 1, name: 'Check the action before you add it' }).waitFor();
        const checkAction = (await page.locator('.app-check-action').textContent()) ?? '';
        expect(checkAction).toContain('Practice: Front door');
        expect(checkAction).toContain('Head of Service');
        expect(checkAction).toContain('in part (children in care only)');
        await expectAxeClean(page, 'check the action');
        await press(page, { text: 'Add the action' });
        await page.getByRole('heading', { level: 1, name: 'Children’s Services Improvement Plan' }).waitFor();
        expect(await page.locator('.govuk-notification-banner--success').textContent()).toContain(
          'Action 1.1 added',
        );

        // Three more actions. Areas in the list: People: Workforce (1), Practice: Front door (2).
        const more = [
          { ref: '1.2', areaSteps: 2, timeframe: 'Sep 2026', rec: 1, lead: 'Head of Service' },
          { ref: '2.1', areaSteps: 1, timeframe: 'Dec 2026', rec: 2, lead: 'NHS commissioner' },
          { ref: '2.2', areaSteps: 1, timeframe: 'Ongoing', rec: 2, lead: 'Head of Service' },
        ];
        for (const a of more) {
          await press(page, { text: 'Add an action' });
          await page.getByRole('heading', { level: 1, name: 'Add an action' }).waitFor();
          await typeInto(page, { id: 'action-ref' }, a.ref);
          await chooseOption(page, { id: 'action-area' }, a.areaSteps);
          await typeInto(page, { id: 'action-objective' }, `Outcome of action ${a.ref}`);
          await press(page, { label: new RegExp(`^${a.lead}`) }, 'Space');
          await typeInto(page, { id: 'action-timeframe' }, a.timeframe);
          await press(page, { label: new RegExp(recTexts[a.rec]!.slice(0, 20)) }, 'Space');
          await press(page, { text: 'Continue' });
          await page.getByRole('heading', { level: 1, name: 'Check the action before you add it' }).waitFor();
          await press(page, { text: 'Add the action' });
          await page.locator(`tr[data-action-ref="${a.ref}"]`).waitFor();
        }
        expect(await page.locator('.app-setup-actions tbody tr').count()).toBe(4);
        const first = (await page.locator('tr[data-action-ref="1.1"]').textContent()) ?? '';
        expect(first).toContain('31 March 2027');
        const listed = await apiGet<{ items: { id: number; ref: string }[] }>(
          page,
          `/api/plans/${planId}/actions`,
        );
        const a11 = listed.items.find((a) => a.ref === '1.1');
        const a11Detail = await apiGet<ActionDetail>(page, `/api/actions/${a11?.id}`);
        expect(a11Detail.recommendations).toEqual([
          expect.objectContaining({ coverage: 'part', scopeNote: 'children in care only' }),
        ]);
        const a21 = await apiGet<ActionDetail>(
          page,
          `/api/actions/${listed.items.find((a) => a.ref === '2.1')?.id}`,
        );
        expect(a21.leads.map((l) => l.name)).toEqual(['NHS commissioner']);
        await look(page, 'setup');

        // Schedule a meeting, from the set-up page.
        await press(page, { text: 'See and schedule this plan’s board meetings' });
        await page.getByRole('heading', { level: 1, name: 'Board meetings' }).waitFor();
        await typeDate(page, { id: 'meeting-date-day' }, ['15', '1', '2027']);
        await press(page, { text: 'Schedule meeting' });
        await page.locator('tr[data-meeting-id]').waitFor();
        // The plan's own cut-off: five days before, at 5pm.
        expect(await page.locator('tr[data-meeting-id]').textContent()).toContain('10 January 2027');

        // Make the plan live, back on its set-up page.
        await administration(page, 'Plan set-up');
        await look(page, 'plans');
        await press(page, { text: 'Children’s Services Improvement Plan' });
        await page.getByRole('heading', { level: 1, name: 'Children’s Services Improvement Plan' }).waitFor();
        await press(page, { text: 'Make the plan live' });
        await expectAxeClean(page, 'make live (confirm)');
        await press(page, { text: 'Yes, make it live' });
        await page.locator('.govuk-notification-banner--success', { hasText: 'is live' }).waitFor();
        expect((await apiGet<Plan>(page, `/api/plans/${planId}`)).status).toBe('active');

        // Changing an action once live: its timeframe is fixed; an archive without a reason is refused.
        await press(page, { text: 'Change action 1.1' });
        await page.getByRole('heading', { level: 1, name: 'Change action 1.1' }).waitFor();
        expect(await page.locator('main').textContent()).toContain('The plan is live, so the due date moves');
        await typeInto(page, { id: 'action-objective' }, 'Every child is seen by a known social worker');
        await press(page, { text: 'Save changes' });
        await page.locator('.govuk-notification-banner--success', { hasText: 'Action 1.1 saved' }).waitFor();
        await press(page, { text: 'Change action 1.1' });
        await page.getByRole('heading', { level: 1, name: 'Change action 1.1' }).waitFor();
        expect(await submitAndExpectErrors(page, 'Archive action', 'archive an action')).toContain(
          'Say why the action is being archived',
        );
      },
      { bypassCSP: true },
    );

    // The chair sees the plan, with its four actions.
    await withPage(
      async ({ page }) => {
        await signInByKeyboard(page, CHAIR.email, chairPassword);
        // The account was opened with a one-time password: the chair chooses their own first.
        await chooseOwnPassword(page, chairPassword, 'chair-own-password-2026');
        await page.waitForURL((url) => url.pathname === '/overview');
        await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
        expect(await page.locator('main').textContent()).toContain('Children’s Services Improvement Plan');
        await expectAxeClean(page, 'the chair’s first overview');
        await press(page, { text: 'Plan' });
        // The plan page itself (the overview's tables have action rows too).
        await page.getByRole('heading', { level: 1, name: 'Children’s Services Improvement Plan' }).waitFor();
        await page.locator('table.app-actions-table tr[data-action-ref="2.2"]').waitFor();
        expect(
          await page
            .locator('tr[data-action-ref]')
            .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action-ref'))),
        ).toEqual(['2.1', '2.2', '1.1', '1.2']);
      },
      { bypassCSP: true },
    );

    // The lead signs in with the one-time password the account was opened with, must choose their own, and
    // records an update on action 1.1 that the chair then reads.
    const COMMENTARY = 'Practice standards agreed with team managers; the first audit is booked.';
    await withPage(
      async ({ page }) => {
        await signInByKeyboard(page, LEAD.email, leadPassword);
        await page.waitForURL((url) => url.pathname === '/account/password');
        await expectAxeClean(page, 'choose your own password');
        await chooseOwnPassword(page, leadPassword, 'lead-own-password-2026');
        await page.waitForURL((url) => url.pathname === '/my-actions');
        await expectAxeClean(page, 'the lead’s first My actions');
        await press(page, { text: 'Update 1.1' });
        await page.locator('#commentary').waitFor();
        await expectAxeClean(page, 'the lead’s update form');
        await typeInto(page, { id: 'commentary' }, COMMENTARY);
        await press(page, { text: 'Save update' });
        await page.locator('.govuk-notification-banner--success').waitFor();
        expect(await page.locator('.govuk-notification-banner--success').textContent()).toContain('1.1');
      },
      { bypassCSP: true },
    );
    await withPage(
      async ({ page }) => {
        await signInByKeyboard(page, CHAIR.email, 'chair-own-password-2026');
        await page.waitForURL((url) => url.pathname === '/overview');
        await press(page, { text: 'Plan' });
        await page.getByRole('heading', { level: 1, name: 'Children’s Services Improvement Plan' }).waitFor();
        const row = page.locator('table.app-actions-table tr[data-action-ref="1.1"]');
        await row.waitFor();
        // The row's link to the action, reached by Tab.
        const words = ((await row.locator('a[href^="/actions/"]').first().textContent()) ?? '')
          .replace(/\s+/g, ' ')
          .trim();
        await press(page, { text: words });
        await page.locator('ol.app-timeline').waitFor();
        expect(await page.locator('ol.app-timeline').textContent()).toContain(COMMENTARY);
        await expectAxeClean(page, 'the action as the chair reads it');
      },
      { bypassCSP: true },
    );
  }, 240_000);
});

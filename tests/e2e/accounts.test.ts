/**
 * Accounts in the browser: an administrator opens an account for a lead with the keyboard alone; the lead
 * signs in with the one-time password, must choose their own, then reaches My actions; the administrator
 * resets, deactivates and reactivates the account; leads without sign-in are added; every new screen, its
 * error states included, passes axe. And the API documentation's "Try it out" sends the CSRF token itself.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Lead } from '@ipt/shared/schemas';
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
import { focused, keyboard, tabTo } from './helpers/keyboard';

const ADMIN = 'admin@example.org';
const NEW_EMAIL = 'nadia.hussain@example.org';
const OWN_PASSWORD = 'kestrel harbour lantern 7';

// The sign-in delay test below makes a dozen sign-in attempts in a few seconds: above the default limit of
// ten a minute from one address, which would answer 429 before the password is checked.
const suite = browserSuite({ SIGN_IN_RATE_LIMIT: '100' });

/** With LOOK=<folder>, keeps a full-page screenshot of each screen checked, for a person to look at. */
async function expectAxeClean(page: Page, where: string): Promise<void> {
  if (process.env.LOOK) {
    fs.mkdirSync(process.env.LOOK, { recursive: true });
    await page.screenshot({
      path: path.join(process.env.LOOK, `${where.replace(/\W+/g, '-')}.png`),
      fullPage: true,
    });
  }
  const violations = await seriousViolations(page);
  expect(violations, `${where}\n${describeViolations(violations)}`).toEqual([]);
}

describe('accounts', () => {
  it('an administrator opens an account with the keyboard alone; the lead must choose a password, then reaches My actions; reset, deactivate, reactivate', async () => {
    const lead = await suite.openPage();
    try {
      await suite.withPage(
        async ({ page }) => {
          await signInAndLand(page, ADMIN, '/overview');
          const leads = (await apiGet<{ items: Lead[] }>(page, '/api/leads')).items;
          const team = leads.find((l) => l.kind === 'team' && l.userId === null);
          if (!team) throw new Error('the demo has a team that no one signs in for');

          // The header leads to the accounts; from there, the keyboard alone.
          await page.getByRole('link', { name: 'Administration', exact: true }).click();
          await page.getByRole('link', { name: 'Accounts', exact: true }).click();
          await page.waitForURL((url) => url.pathname === '/admin/accounts');
          await page.locator('table.govuk-table').waitFor();
          expect(await page.locator('table.govuk-table').textContent()).toContain('chair@example.org');
          await expectAxeClean(page, 'the accounts list');

          const keys = keyboard(page);
          await tabTo(page, { text: 'Open an account' }, { keys });
          await keys.press('Enter');
          await page.waitForURL((url) => url.pathname === '/admin/accounts/new');
          await page.locator('#name').waitFor();
          await expectAxeClean(page, 'the empty new-account form');

          // Nothing filled in: the error summary, linked to each field, and the title says Error.
          await tabTo(page, { text: 'Open the account' }, { keys });
          await keys.press('Enter');
          const summary = page.locator('.govuk-error-summary');
          await summary.waitFor();
          expect(await summary.textContent()).toContain('Enter the person’s full name');
          expect(await summary.textContent()).toContain('Select what they do');
          expect(await page.title()).toMatch(/^Error: Open an account/);
          await expectAxeClean(page, 'the new-account form with errors');

          await page.locator('#name').focus();
          await keys.type('Nadia Hussain');
          await tabTo(page, { id: 'email' }, { keys });
          await keys.type(NEW_EMAIL);
          await tabTo(page, { id: 'job-title' }, { keys });
          await keys.type('Head of Improvement');
          await tabTo(page, { name: 'role' }, { keys });
          // Radios: the arrow keys move to and choose Action lead (admin, chair, lead).
          await keys.press('ArrowDown');
          await keys.press('ArrowDown');
          expect(await focused(page)).toMatchObject({ name: 'role', value: 'lead', checked: true });
          // The leads to choose from arrive after the form is drawn.
          await page.locator('#lead option', { hasText: team.name }).waitFor({ state: 'attached' });
          await tabTo(page, { id: 'lead' }, { keys });
          await keys.type(team.name.slice(0, 8));
          expect(await page.locator('#lead').inputValue()).toBe(String(team.id));
          await tabTo(page, { name: 'password-choice' }, { keys });
          expect(await focused(page)).toMatchObject({ value: 'make', checked: true });
          await tabTo(page, { text: 'Open the account' }, { keys });
          await keys.press('Enter');

          await page.waitForURL((url) => /^\/admin\/accounts\/\d+$/.test(url.pathname));
          const shown = page.getByTestId('one-time-password');
          await shown.waitFor();
          const oneTime = (await shown.textContent())?.trim() ?? '';
          expect(oneTime).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
          expect(await page.locator('.govuk-summary-list').textContent()).toContain(team.name);
          expect(await page.locator('.govuk-summary-list').textContent()).toContain(
            'Has not chosen a password yet',
          );
          await expectAxeClean(page, 'the account page with its one-time password');
          const accountUrl = new URL(page.url()).pathname;
          // Shown once: reading the page again does not show it.
          await page.reload();
          await page.locator('.govuk-summary-list').waitFor();
          expect(await page.getByTestId('one-time-password').count()).toBe(0);

          // Its details change on a form of their own, with If-Match behind it.
          await page.getByRole('link', { name: 'Change job title' }).click();
          await page.waitForURL((url) => url.pathname === `${accountUrl}/change`);
          await page.getByLabel('Full name').fill('');
          await page.getByRole('button', { name: 'Save changes' }).click();
          await page.locator('.govuk-error-summary').waitFor();
          await expectAxeClean(page, 'the change-account form with an error');
          await page.getByLabel('Full name').fill('Nadia Hussain');
          await page.getByLabel('Job title (optional)').fill('Head of Improvement and Quality');
          await page.getByRole('button', { name: 'Save changes' }).click();
          await page.waitForURL((url) => url.pathname === accountUrl);
          await page.getByText('Nadia Hussain’s account is changed').waitFor();
          expect(await page.locator('.govuk-summary-list').textContent()).toContain(
            'Head of Improvement and Quality',
          );

          // The lead signs in with it and can go nowhere but choosing their own password.
          await signInThroughForm(lead.page, NEW_EMAIL, oneTime);
          await lead.page.waitForURL((url) => url.pathname === '/account/password');
          await lead.page.getByRole('heading', { name: 'Choose your own password' }).waitFor();
          expect(await lead.page.locator('.govuk-service-navigation__list').textContent()).not.toContain(
            'My actions',
          );
          await lead.page.goto('/my-actions');
          await lead.page.waitForURL((url) => url.pathname === '/account/password');
          await lead.page.getByRole('heading', { name: 'Choose your own password' }).waitFor();
          await lead.page.getByLabel('One-time password').fill(oneTime);
          await lead.page.getByLabel('New password', { exact: true }).fill('qwertyuiop123');
          await lead.page.getByLabel('Confirm new password').fill('qwertyuiop123');
          await lead.page.getByRole('button', { name: 'Save and continue' }).click();
          await lead.page.locator('.govuk-error-summary').waitFor();
          expect(await lead.page.locator('.govuk-error-summary').textContent()).toContain(
            'most common passwords',
          );
          await lead.page.getByLabel('One-time password').fill(oneTime);
          await lead.page.getByLabel('New password', { exact: true }).fill(OWN_PASSWORD);
          await lead.page.getByLabel('Confirm new password').fill(OWN_PASSWORD);
          await lead.page.getByRole('button', { name: 'Save and continue' }).click();
          await lead.page.waitForURL((url) => url.pathname === '/my-actions');
          await lead.page.locator('.app-my-action').first().waitFor();
          expect(await lead.page.locator('.govuk-notification-banner--success').textContent()).toContain(
            'Your password has been changed',
          );

          // The administrator resets the password: the lead is signed out; a new one-time password is shown.
          await page.getByRole('button', { name: 'Reset password' }).click();
          await page.waitForURL((url) => url.pathname === `${accountUrl}/reset-password`);
          await page.getByRole('radio', { name: 'I will type one' }).check();
          await page.getByLabel('Type the one-time password').fill('short');
          await page.getByRole('button', { name: 'Reset the password' }).click();
          await page.locator('.govuk-error-summary').waitFor();
          await expectAxeClean(page, 'the reset form with an error');
          await page.getByRole('radio', { name: 'Make one for me' }).check();
          await page.getByRole('button', { name: 'Reset the password' }).click();
          await page.waitForURL((url) => url.pathname === accountUrl);
          const second = (await page.getByTestId('one-time-password').textContent())?.trim() ?? '';
          expect(second).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
          expect(second).not.toBe(oneTime);
          expect((await lead.page.request.get('/api/auth/me')).status()).toBe(401);

          // Deactivate: the lead cannot sign in. Reactivate: they can, with the one-time password.
          await page.getByRole('button', { name: 'Deactivate the account' }).click();
          await page.getByText('Nadia Hussain’s account is deactivated').waitFor();
          expect(await page.locator('.govuk-summary-list').textContent()).toContain('Deactivated');
          await expectAxeClean(page, 'the deactivated account');
          await signInThroughForm(lead.page, NEW_EMAIL, second);
          await lead.page.locator('.govuk-error-summary').waitFor();
          expect(await lead.page.locator('.govuk-error-summary').textContent()).toMatch(/deactivated/);
          await page.getByRole('button', { name: 'Reactivate the account' }).click();
          await page.getByText('Nadia Hussain’s account is active again').waitFor();
          await signInThroughForm(lead.page, NEW_EMAIL, second);
          await lead.page.waitForURL((url) => url.pathname === '/account/password');
        },
        { bypassCSP: true },
      );
      // The refusals the test provokes: a common password (400), a deactivated account (401).
      expect(lead.errors.filter((e) => !/status of (400|401)/.test(e))).toEqual([]);
    } finally {
      await lead.close();
    }
  });

  it('leads without sign-in: added, renamed and archived; the screens and their errors pass axe', async () => {
    await suite.withPage(
      async ({ page }) => {
        await signInAndLand(page, ADMIN, '/overview');
        await page.goto('/admin/leads');
        await page.getByRole('heading', { name: 'Leads' }).waitFor();
        await expectAxeClean(page, 'the leads page');
        await page.getByRole('button', { name: 'Add the lead' }).click();
        await page.locator('.govuk-error-summary').waitFor();
        expect(await page.locator('.govuk-error-summary').textContent()).toContain(
          'Enter the name of the lead',
        );
        await expectAxeClean(page, 'the leads page with errors');

        await page.getByLabel('Name').fill('Youth Offending Partnership');
        await page.getByRole('radio', { name: 'Team' }).check();
        await page.getByRole('button', { name: 'Add the lead' }).click();
        await page.getByText('Youth Offending Partnership added as a lead').waitFor();
        await page.getByRole('link', { name: 'Youth Offending Partnership' }).click();
        await page.getByRole('heading', { name: 'Youth Offending Partnership' }).waitFor();
        await expectAxeClean(page, 'a lead');
        await page.getByLabel('Name').fill('Youth Justice Partnership');
        await page.getByRole('button', { name: 'Save changes' }).click();
        await page.getByText('Youth Justice Partnership saved').waitFor();
        await page.getByRole('link', { name: 'Youth Justice Partnership' }).click();
        await page.getByRole('button', { name: 'Archive the lead' }).click();
        await page.locator('.govuk-error-summary').waitFor();
        await expectAxeClean(page, 'a lead with an error');
        await page.getByLabel('Why is it archived?').fill('Merged into the youth justice service.');
        await page.getByRole('button', { name: 'Archive the lead' }).click();
        await page.getByText('Youth Justice Partnership archived').waitFor();
        await page.getByRole('heading', { name: 'Archived leads' }).waitFor();
        expect(await page.locator('ul.govuk-list').last().textContent()).toContain(
          'Youth Justice Partnership',
        );
      },
      { bypassCSP: true },
    );
  });

  it('shows an account whose sign-in wrong passwords have delayed, and clears the delay', async () => {
    await suite.withPage(
      async ({ page }) => {
        await signInAndLand(page, ADMIN, '/overview');
        // Wrong passwords until the delay is long enough to read on the account's page however slow the machine:
        // five are free, then each one doubles the wait (1, 2, 4, 8 s). An attempt made while a wait is in force
        // is answered 429 with Retry-After and not checked, so the next one is made after that wait.
        let attempts = 0;
        let failures = 0;
        while (failures < 9) {
          attempts += 1;
          expect(attempts).toBeLessThan(20);
          const wrong = await page.request.post('/api/auth/sign-in', {
            data: { email: 'head.of.finance@example.org', password: 'not the password' },
          });
          expect([401, 429]).toContain(wrong.status());
          if (wrong.status() === 401) failures += 1;
          else await page.waitForTimeout(Number(wrong.headers()['retry-after']) * 1000);
        }
        await page.goto('/admin/accounts');
        await page.getByRole('link', { name: 'Rachel Ogunleye' }).click();
        await page.getByRole('heading', { name: 'Rachel Ogunleye' }).waitFor();
        expect(await page.locator('.govuk-summary-list').textContent()).toContain('Sign-in delayed until');
        await expectAxeClean(page, 'an account whose sign-in is delayed');
        await page.getByRole('button', { name: 'Clear the sign-in delay' }).click();
        await page.getByText('Sign-in delay cleared for Rachel Ogunleye').waitFor();
        expect(await page.locator('.govuk-summary-list').textContent()).not.toContain('Sign-in delayed');
        const right = await page.request.post('/api/auth/sign-in', {
          data: { email: 'head.of.finance@example.org', password: DEMO_PASSWORD },
        });
        expect(right.status()).toBe(200);
      },
      { bypassCSP: true },
    );
  });

  it('every signed-in person changes their own password from the header', async () => {
    await suite.withPage(
      async ({ page }) => {
        await signInAndLand(page, 'viewer@example.org', '/');
        await page.getByRole('link', { name: 'Change password' }).click();
        await page.waitForURL((url) => url.pathname === '/account/password');
        await page.getByRole('heading', { name: 'Change your password' }).waitFor();
        await expectAxeClean(page, 'the change-password page');
        await page.getByLabel('Current password').fill('not my password');
        await page.getByLabel('New password', { exact: true }).fill(OWN_PASSWORD);
        await page.getByLabel('Confirm new password').fill(OWN_PASSWORD);
        await page.getByRole('button', { name: 'Change password' }).click();
        await page.locator('.govuk-error-summary').waitFor();
        expect(await page.locator('.govuk-error-summary').textContent()).toContain(
          'Your current password is not right',
        );
        await expectAxeClean(page, 'the change-password page with an error');
      },
      { bypassCSP: true, expectedErrors: /status of 400/ },
    );
  });
});

describe('the API documentation', () => {
  it('"Try it out" sends the session’s CSRF token itself', async () => {
    await suite.withPage(
      async ({ page }) => {
        await signInAndLand(page, 'chair@example.org', '/overview');
        await page.goto('/docs');
        const op = page.locator('.opblock-post', { has: page.locator('[data-path="/api/auth/sign-out"]') });
        // swagger-ui 5.x (in @fastify/swagger-ui 6.1.3) opens an operation from the summary's own button.
        await op.locator('.opblock-summary-control').click();
        await op.getByRole('button', { name: 'Try it out' }).click();
        const sent = page.waitForRequest(
          (r) => r.url().endsWith('/api/auth/sign-out') && r.method() === 'POST',
        );
        await op.getByRole('button', { name: 'Execute' }).click();
        const request = await sent;
        expect(request.headers()['x-csrf-token']).toMatch(/^[A-Za-z0-9_-]{40,}$/);
        const status = op.locator('.live-responses-table .response .response-col_status').first();
        await status.waitFor();
        expect((await status.textContent())?.trim()).toBe('204');
        // It worked: the sign-out ended the session.
        expect((await page.request.get('/api/auth/me')).status()).toBe(401);
        // swagger-ui colours the response with an inline style, which the docs page's CSP refuses (harmless).
      },
      { expectedErrors: /Content Security Policy directive 'style-src/ },
    );
    // Swagger UI renders the whole API (over a hundred operations): slow on a busy machine.
  }, 120_000);
});

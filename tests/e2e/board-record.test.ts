/**
 * The board's record in the browser: the chair records a decision and an ACTION at a meeting, finds the
 * action as a matter arising at the next meeting and closes it there; a risk is rescored and its movement is
 * shown on the meeting page. Keyboard only for the forms, and axe clean on each page, error states too.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserSuite, describeViolations, seriousViolations, signInThroughForm } from './helpers';

const { withPage } = browserSuite();

async function axeClean(page: Page, what: string): Promise<void> {
  const found = await seriousViolations(page);
  expect(found, `${what}: ${describeViolations(found)}`).toEqual([]);
}

/** Fills a field found by its label and moves on with Tab, as a keyboard user would. */
async function type(page: Page, label: string, text: string, scope = page.locator('body')): Promise<void> {
  await scope.getByLabel(label, { exact: true }).focus();
  await page.keyboard.type(text);
}

async function press(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name, exact: true }).focus();
  await page.keyboard.press('Enter');
}

describe('the board’s record', () => {
  it('the chair records a decision and an ACTION, sees it as a matter arising at the next meeting and closes it', async () => {
    await withPage(
      async ({ page }) => {
        await signInThroughForm(page, 'chair@example.org');
        await page.waitForURL((url) => url.pathname !== '/sign-in');
        await page.goto('/meetings');
        const upcoming = page.locator('tr[data-meeting-id]', { hasText: '15 December 2026' }).first();
        await upcoming.getByRole('link').first().click();
        await page.getByRole('heading', { name: 'Record a decision or board action' }).waitFor();
        // The carried action from the last meeting is here already.
        await page.getByTestId('board-items-matters-arising').waitFor();
        await axeClean(page, 'meeting page');

        // Nothing chosen: the error summary says what to fix.
        await press(page, 'Record');
        const summary = page.locator('.govuk-error-summary');
        await summary.waitFor();
        expect(await summary.textContent()).toContain('Select whether this is a decision or a board action');
        await axeClean(page, 'record form with errors');

        await page.getByLabel('Decision', { exact: true }).focus();
        await page.keyboard.press('Space');
        await type(page, 'The decision', 'The board agreed the market supplement for safeguarding teams.');
        await press(page, 'Record');
        await page
          .locator('.govuk-notification-banner--success', { hasText: 'decision has been recorded' })
          .waitFor();
        expect(await page.getByTestId('board-items-decisions').textContent()).toContain(
          'The board agreed the market supplement',
        );

        await page.getByLabel('Board action', { exact: true }).focus();
        await page.keyboard.press('Space');
        const text = 'ACTION: Head of Finance to bring the costed supplement by 31 January';
        await type(page, 'The board action', text);
        await type(page, 'Owner', 'Head of Finance');
        const due = page.getByRole('group', { name: 'Due by' });
        await type(page, 'Day', '31', due);
        await type(page, 'Month', '1', due);
        await type(page, 'Year', '2027', due);
        await press(page, 'Record');
        await page
          .locator('.govuk-notification-banner--success', { hasText: 'board action has been recorded' })
          .waitFor();
        const actions = page.getByTestId('board-items-board-actions');
        expect(await actions.textContent()).toContain(text);
        expect(await actions.textContent()).toContain('31 January 2027');

        // The decision was recorded in error: withdrawn with a reason, kept on the page as withdrawn.
        const decisions = page.getByTestId('board-items-decisions');
        await decisions.getByRole('button', { name: /^Withdraw/ }).focus();
        await page.keyboard.press('Enter');
        await press(page, 'Withdraw decision');
        await summary.waitFor();
        expect(await summary.textContent()).toContain('Enter why the decision is withdrawn');
        await axeClean(page, 'withdrawing with errors');
        await type(page, 'Why the decision is withdrawn', 'Recorded at the wrong meeting');
        await press(page, 'Withdraw decision');
        await page
          .locator('.govuk-notification-banner--success', { hasText: 'Withdrawn as recorded in error' })
          .waitFor();
        const withdrawn = page.getByTestId('withdrawn-items');
        expect(await withdrawn.textContent()).toContain('The board agreed the market supplement');
        expect(await withdrawn.textContent()).toMatch(
          /Withdrawn by Dr Margaret Ellis on \d{1,2} [A-Z][a-z]+ \d{4}: Recorded at the wrong meeting/,
        );
        expect(await decisions.count()).toBe(0);
        await page.getByText('No decision stands at this meeting: each one recorded was withdrawn').waitFor();
        await axeClean(page, 'withdrawn');

        // The next meeting: scheduled by the chair, where the action comes back as a matter arising.
        await page.goto('/meetings');
        await page.getByRole('heading', { name: 'Schedule a meeting' }).waitFor();
        const date = page.getByRole('group', { name: 'Date of the meeting' });
        await date.getByLabel('Day').fill('19');
        await date.getByLabel('Month').fill('1');
        await date.getByLabel('Year').fill('2027');
        await page.getByRole('button', { name: 'Schedule meeting' }).click();
        await page.locator('.govuk-notification-banner--success').waitFor();
        await page
          .locator('tr[data-meeting-id]', { hasText: '19 January 2027' })
          .first()
          .getByRole('link')
          .first()
          .click();
        const arising = page.getByTestId('board-items-matters-arising');
        await arising.waitFor();
        const row = arising.locator('tr', { hasText: text });
        expect(await row.textContent()).toContain('Open');
        await row.getByRole('button', { name: /^Close/ }).focus();
        await page.keyboard.press('Enter');
        await page.getByLabel('How it was closed (optional)').focus();
        await page.keyboard.type('Costed options paper received');
        await axeClean(page, 'closing a board action');
        await press(page, 'Close board action');
        await page
          .locator('.govuk-notification-banner--success', { hasText: 'closed at this meeting' })
          .waitFor();
        expect(await arising.locator('tr', { hasText: text }).textContent()).toMatch(
          /Closed.*by Dr Margaret Ellis/,
        );
        await axeClean(page, 'closed');
      },
      { bypassCSP: true },
    );
  });

  it('a risk is rescored, its history kept, and its movement shown at the meeting', async () => {
    await withPage(
      async ({ page }) => {
        await signInThroughForm(page, 'chair@example.org');
        await page.waitForURL((url) => url.pathname !== '/sign-in');
        await page.goto('/risks');
        const register = page.getByTestId('risk-register');
        await register.waitFor();
        expect(await register.locator('tbody tr').first().textContent()).toContain(
          'Reliance on agency social workers',
        );
        expect(await register.locator('tbody tr').first().textContent()).toContain('Red');
        await axeClean(page, 'risk register');

        // Raising one: the new risk is listed by its score.
        await type(page, 'The risk', 'Court delays hold up care proceedings');
        await type(page, 'Owner', 'Head of Legal Services');
        await page.getByRole('group', { name: 'Likelihood' }).getByLabel('3 – Possible').focus();
        await page.keyboard.press('Space');
        await page.getByRole('group', { name: 'Impact' }).getByLabel('3 – Significant').focus();
        await page.keyboard.press('Space');
        await press(page, 'Raise the risk');
        await page.locator('.govuk-notification-banner--success', { hasText: 'Risk raised' }).waitFor();
        expect(await register.locator('tr', { hasText: 'Court delays' }).textContent()).toContain('Amber');

        await register.getByRole('link', { name: 'Demand at the front door outstrips capacity' }).click();
        await page.getByRole('heading', { name: 'Rescore this risk' }).waitFor();
        await press(page, 'Save the new score');
        await page.locator('.govuk-error-summary').waitFor();
        expect(await page.locator('.govuk-error-summary').textContent()).toContain('Select the likelihood');
        await axeClean(page, 'rescoring with errors');

        await page.getByRole('group', { name: 'Likelihood' }).getByLabel('4 – Likely').focus();
        await page.keyboard.press('Space');
        await page.getByRole('group', { name: 'Impact' }).getByLabel('4 – Major').focus();
        await page.keyboard.press('Space');
        await type(
          page,
          'Why it is scored this way now',
          'Contacts up a quarter since the schools returned.',
        );
        await press(page, 'Save the new score');
        const banner = page.locator('.govuk-notification-banner--success');
        await banner.waitFor();
        expect(await banner.textContent()).toContain('rescored: 16 (Red), was 6');
        const history = page.getByTestId('score-history');
        expect(await history.locator('tbody tr').first().textContent()).toContain('Contacts up a quarter');
        expect(await history.locator('tbody tr').count()).toBe(5);
        await axeClean(page, 'risk page');

        await page.goto('/meetings');
        await page
          .locator('tr[data-meeting-id]', { hasText: '15 December 2026' })
          .first()
          .getByRole('link')
          .first()
          .click();
        const risks = page.getByTestId('meeting-risks');
        await risks.waitFor();
        const front = risks.locator('tr', { hasText: 'Demand at the front door' });
        expect(await front.textContent()).toContain('Up from 9');
        expect(await front.textContent()).toContain('Red');
      },
      { bypassCSP: true },
    );
  });

  it('the chair changes a risk’s wording and links; a change refused by the service is shown in the error summary', async () => {
    await withPage(
      async ({ page }) => {
        await signInThroughForm(page, 'chair@example.org');
        await page.waitForURL((url) => url.pathname !== '/sign-in');
        await page.goto('/risks');
        await page.getByRole('link', { name: /^Case recording/ }).focus();
        await page.keyboard.press('Enter');
        await page.getByRole('link', { name: /^Change the wording/ }).focus();
        await page.keyboard.press('Enter');
        await page.getByRole('heading', { name: 'Change the risk' }).waitFor();
        await axeClean(page, 'change a risk');

        // An empty wording: the error summary says what to fix and links to the field.
        await page.getByLabel('The risk', { exact: true }).focus();
        await page.keyboard.press('Control+A');
        await page.keyboard.press('Delete');
        await press(page, 'Save changes');
        const summary = page.locator('.govuk-error-summary');
        await summary.waitFor();
        expect(await summary.textContent()).toContain('Enter the risk');
        await axeClean(page, 'change a risk with errors');

        await type(page, 'The risk', 'Case recording falls behind in the assessment teams');
        const action = page.getByRole('group', { name: 'Actions' }).getByRole('checkbox').first();
        const actionLabel = (await page
          .locator(`label[for="${await action.getAttribute('id')}"]`)
          .textContent())!
          .trim()
          .split(' ')[0]!;
        if (!(await action.isChecked())) {
          await action.focus();
          await page.keyboard.press('Space');
        }
        await press(page, 'Save changes');
        const banner = page.locator('.govuk-notification-banner--success', { hasText: 'Risk changed' });
        await banner.waitFor();
        await page
          .getByRole('heading', { name: 'Case recording falls behind in the assessment teams' })
          .waitFor();
        expect(await page.locator('.govuk-summary-list').textContent()).toContain(actionLabel);
        await axeClean(page, 'risk changed');

        // Closed meanwhile (another tab): the service refuses the change, and the page says why.
        await page.getByRole('link', { name: /^Change the wording/ }).focus();
        await page.keyboard.press('Enter');
        await page.getByRole('heading', { name: 'Change the risk' }).waitFor();
        const riskId = Number(/\/risks\/(\d+)\/change/.exec(page.url())![1]);
        const closed = await page.evaluate(async (id) => {
          const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
          const etag = (await fetch(`/api/risks/${id}`)).headers.get('etag') ?? '';
          const res = await fetch(`/api/risks/${id}`, {
            method: 'PATCH',
            headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken, 'if-match': etag },
            body: JSON.stringify({ status: 'closed' }),
          });
          return res.status;
        }, riskId);
        expect(closed).toBe(200);
        await type(page, 'Owner', ' (interim)');
        await press(page, 'Save changes');
        await summary.waitFor();
        expect(await summary.textContent()).toMatch(/This risk was closed on .*Reopen it/);
        await axeClean(page, 'change refused');

        // Reopening it, as the message says, from the risk's page, by keyboard: it can be rescored again.
        await page.goto(`/risks/${riskId}`);
        await page.getByRole('heading', { name: 'Reopen this risk' }).waitFor();
        expect(await page.getByRole('heading', { name: 'Rescore this risk' }).count()).toBe(0);
        await axeClean(page, 'closed risk');
        await press(page, 'Reopen this risk');
        const reopened = page.locator('.govuk-notification-banner--success', { hasText: 'reopened' });
        await reopened.waitFor();
        expect(await page.locator('.govuk-summary-list').textContent()).toMatch(/Status\s*Open/);
        await page.getByRole('heading', { name: 'Rescore this risk' }).waitFor();
        expect(await page.getByRole('heading', { name: 'Reopen this risk' }).count()).toBe(0);
        await axeClean(page, 'risk reopened');

        // And closed again from the page, after a confirmation.
        await press(page, 'Close this risk');
        await press(page, 'Yes, close this risk');
        await page
          .locator('.govuk-notification-banner--success', { hasText: 'The risk is closed' })
          .waitFor();
        expect(await page.locator('.govuk-summary-list').textContent()).toMatch(/Status\s*Closed on/);
        await page.getByRole('heading', { name: 'Reopen this risk' }).waitFor();
      },
      { bypassCSP: true, expectedErrors: /status of 409/ },
    );
  });

  it('the programme office writes the executive summary before the cut-off; the meeting page shows it', async () => {
    await withPage(
      async ({ page }) => {
        await signInThroughForm(page, 'admin@example.org');
        await page.waitForURL((url) => url.pathname !== '/sign-in');
        await page.goto('/meetings');
        await page
          .locator('tr[data-meeting-id]', { hasText: '15 December 2026' })
          .first()
          .getByRole('link')
          .first()
          .click();
        const summary = page.getByTestId('narrative-summary');
        await summary.getByRole('button', { name: /^Write/ }).focus();
        await page.keyboard.press('Enter');
        await page.keyboard.type('Recruitment is turning: four permanent social workers start in January.');
        await axeClean(page, 'writing the summary');
        await summary.getByRole('button', { name: 'Save' }).focus();
        await page.keyboard.press('Enter');
        await page
          .locator('.govuk-notification-banner--success', { hasText: 'Executive summary saved' })
          .waitFor();
        expect(await summary.textContent()).toContain('four permanent social workers');
        expect(await summary.textContent()).toContain('Written by Sam Taylor');
      },
      { bypassCSP: true },
    );
  });
});

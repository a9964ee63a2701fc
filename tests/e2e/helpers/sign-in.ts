/** Signs in the way a person does: through the sign-in form. */
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from './server';

export async function signInThroughForm(
  page: Page,
  email: string,
  password: string = DEMO_PASSWORD,
  path = '/sign-in',
): Promise<void> {
  await page.goto(path);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Signs in and waits for the plan page (the home for every role). */
export async function signInToPlan(
  page: Page,
  email: string,
  password: string = DEMO_PASSWORD,
): Promise<void> {
  await signInThroughForm(page, email, password);
  await page.waitForURL((url) => url.pathname === '/');
  await page.locator('table.app-actions-table').first().waitFor();
}

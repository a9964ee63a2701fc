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

/**
 * Signs in and goes to the plan page. Some roles land elsewhere after signing in (the adviser on the
 * export page); this waits for the landing page, then opens the plan.
 */
export async function signInToPlan(
  page: Page,
  email: string,
  password: string = DEMO_PASSWORD,
): Promise<void> {
  await signInThroughForm(page, email, password);
  await page.waitForURL((url) => url.pathname !== '/sign-in');
  if (new URL(page.url()).pathname !== '/') await page.goto('/');
  await page.waitForURL((url) => url.pathname === '/');
  await page.locator('table.app-actions-table').first().waitFor();
}

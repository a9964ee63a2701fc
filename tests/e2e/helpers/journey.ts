/**
 * Helpers for the keyboard-only journeys: moving with Tab alone, and the checks every page a journey passes
 * through must meet (axe finds nothing serious or critical; no id is used twice).
 */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { describeViolations, seriousViolations } from './axe';

/** Ids that more than one element on the page carries, each once. */
export async function duplicateIds(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const seen = new Map<string, number>();
    for (const el of document.querySelectorAll('[id]')) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
    return [...seen].filter(([, n]) => n > 1).map(([id, n]) => `${id} (${n} times)`);
  });
}

/**
 * The checks for each page a journey passes through; what fails is collected and asserted at the end, so one
 * run names every page with a problem. The page must have bypassCSP (axe is injected).
 */
export function pageChecks(page: Page) {
  const problems: string[] = [];
  const visited: string[] = [];
  return {
    async check(name: string): Promise<void> {
      visited.push(name);
      const violations = await seriousViolations(page);
      if (violations.length > 0) problems.push(`${name} — axe:\n${describeViolations(violations)}`);
      const duplicates = await duplicateIds(page);
      if (duplicates.length > 0) problems.push(`${name} — duplicate ids: ${duplicates.join(', ')}`);
    },
    /** The pages checked, in order. */
    visited,
    assertClean(): void {
      expect(problems, problems.join('\n\n')).toEqual([]);
    },
  };
}

/** Whether the element the locator finds has focus. */
export function hasFocus(target: Locator): Promise<boolean> {
  return target.evaluate((el) => el === document.activeElement).catch(() => false);
}

/**
 * Presses Tab (or Shift+Tab) until the target has focus, as a keyboard user moves through the page; fails
 * if it is not reached within `limit` presses.
 */
export async function tabTo(
  page: Page,
  target: Locator,
  options: { limit?: number; backwards?: boolean } = {},
): Promise<void> {
  const limit = options.limit ?? 200;
  await target.waitFor();
  for (let i = 0; i < limit; i += 1) {
    if (await hasFocus(target)) return;
    await page.keyboard.press(options.backwards ? 'Shift+Tab' : 'Tab');
  }
  if (await hasFocus(target)) return;
  const where = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 200) ?? 'nothing');
  throw new Error(`${limit} presses of Tab did not reach ${target.toString()}; focus is on ${where}`);
}

/** Tabs to a link or button and presses Enter on it. */
export async function activate(page: Page, target: Locator, options: { limit?: number } = {}): Promise<void> {
  await tabTo(page, target, options);
  await page.keyboard.press('Enter');
}

/** Types into the field after tabbing to it. */
export async function typeInto(page: Page, field: Locator, text: string): Promise<void> {
  await tabTo(page, field);
  await page.keyboard.type(text);
}

/** The header's navigation link with this name. */
export function navLink(page: Page, name: string): Locator {
  return page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name, exact: true });
}

/**
 * Tabs to the three boxes of a GOV.UK date input in turn and types the day, month and year: of a date, or
 * as given (which may be no real date, such as 31 2 2027).
 */
export async function typeDate(
  page: Page,
  group: Locator,
  date: Date | readonly [day: number, month: number, year: number],
): Promise<void> {
  const [day, month, year] =
    date instanceof Date ? [date.getUTCDate(), date.getUTCMonth() + 1, date.getUTCFullYear()] : date;
  await typeInto(page, group.getByLabel('Day'), String(day));
  await typeInto(page, group.getByLabel('Month'), String(month));
  await typeInto(page, group.getByLabel('Year'), String(year));
}

/** Whether the main heading has focus (after a change of page). */
export function headingHasFocus(page: Page): Promise<boolean> {
  return page.evaluate(() => document.activeElement === document.querySelector('main h1'));
}

/** Whether a GOV.UK success banner or error summary has focus. */
export function focusedClass(page: Page, className: string): Promise<boolean> {
  return page.evaluate((c) => document.activeElement?.classList.contains(c) ?? false, className);
}

/** Chooses an option of a select as a keyboard user does: Tab to it, then arrow keys until it shows. */
export async function chooseOption(page: Page, select: Locator, label: string | RegExp): Promise<void> {
  await tabTo(page, select);
  const { options, current } = await select.evaluate((el: HTMLSelectElement) => ({
    options: [...el.options].map((o) => o.text.trim()),
    current: el.selectedIndex,
  }));
  const wanted = options.findIndex((text) => (typeof label === 'string' ? text === label : label.test(text)));
  if (wanted < 0) throw new Error(`No option ${String(label)} in ${options.join(' | ')}`);
  const key = wanted > current ? 'ArrowDown' : 'ArrowUp';
  for (let i = 0; i < Math.abs(wanted - current); i += 1) await page.keyboard.press(key);
  expect(await select.evaluate((el: HTMLSelectElement) => el.selectedIndex)).toBe(wanted);
}

/**
 * Driving a page with the keyboard alone, as someone who uses no pointer: Tab (and Shift+Tab) to a control,
 * then Enter, Space, the arrow keys or typing. Nothing here clicks or focuses by script. Every keyboard-only
 * browser test moves with these.
 */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

/** A control described by what the focused element shows: its id, its words, its label's words, its name. */
export interface KeyDescription {
  id?: string;
  text?: string | RegExp;
  label?: string | RegExp;
  name?: string;
}

/** A control to reach: a Playwright locator, a CSS selector, or a description of it. */
export type KeyTarget = Locator | string | KeyDescription;

/** Each key press is one interaction; typing a text into a field is one. */
export function keyboard(page: Page) {
  let count = 0;
  return {
    async press(key: string): Promise<void> {
      count += 1;
      await page.keyboard.press(key);
    },
    async type(text: string): Promise<void> {
      count += 1;
      await page.keyboard.type(text);
    },
    get count(): number {
      return count;
    },
  };
}

/** Counts key presses (see `keyboard`). */
export type KeyCounter = ReturnType<typeof keyboard>;

/** What has focus: enough to say where the keyboard is. */
export async function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
    const labelledBy = el?.getAttribute('aria-labelledby');
    return {
      tag: el?.tagName ?? '',
      id: el?.id ?? '',
      type: el?.getAttribute('type') ?? '',
      name: el?.getAttribute('name') ?? '',
      value: el?.value ?? '',
      checked: Boolean(el?.checked),
      text: squash(el?.textContent),
      label:
        squash(el?.labels?.[0]?.textContent) ||
        squash(el?.getAttribute('aria-label')) ||
        squash(labelledBy ? document.getElementById(labelledBy)?.textContent : ''),
    };
  });
}

/** Where the keyboard is (see `focused`). */
export type Focused = Awaited<ReturnType<typeof focused>>;

function isLocator(target: KeyTarget): target is Locator {
  return typeof target === 'object' && typeof (target as Locator).evaluate === 'function';
}

function describes(f: Focused, t: KeyDescription): boolean {
  const like = (value: string, want: string | RegExp) =>
    typeof want === 'string' ? value === want : want.test(value);
  if (t.id !== undefined && f.id !== t.id) return false;
  if (t.text !== undefined && !like(f.text, t.text)) return false;
  if (t.label !== undefined && !like(f.label, t.label)) return false;
  if (t.name !== undefined && f.name !== t.name) return false;
  return true;
}

/** Whether the target has focus. */
export async function hasFocus(page: Page, target: KeyTarget): Promise<boolean> {
  if (typeof target === 'string')
    return page.evaluate((s) => document.activeElement?.matches(s) ?? false, target);
  if (isLocator(target)) return target.evaluate((el) => el === document.activeElement).catch(() => false);
  return describes(await focused(page), target);
}

function show(target: KeyTarget): string {
  if (typeof target === 'string' || isLocator(target)) return target.toString();
  return JSON.stringify(target, (_, v: unknown) => (v instanceof RegExp ? String(v) : v));
}

export interface TabOptions {
  /** Presses in each direction before giving up (200). */
  limit?: number;
  /** Shift+Tab only: the target lies behind. */
  backwards?: boolean;
  /** Count the presses here (see `keyboard`). */
  keys?: KeyCounter;
}

/**
 * Presses Tab until the target has focus — then Shift+Tab, if Tab never reached it (or Shift+Tab alone with
 * `backwards`) — and returns the number of presses; fails, naming the target and where focus is, when the
 * keyboard cannot reach it.
 */
export async function tabTo(page: Page, target: KeyTarget, options: TabOptions = {}): Promise<number> {
  const limit = options.limit ?? 200;
  if (isLocator(target)) await target.waitFor();
  if (await hasFocus(page, target)) return 0;
  const press = (key: string) => (options.keys ? options.keys.press(key) : page.keyboard.press(key));
  let presses = 0;
  for (const key of options.backwards ? ['Shift+Tab'] : ['Tab', 'Shift+Tab']) {
    for (let i = 0; i < limit; i += 1) {
      await press(key);
      presses += 1;
      if (await hasFocus(page, target)) return presses;
    }
  }
  if (process.env.KEYBOARD_DEBUG) await page.screenshot({ path: process.env.KEYBOARD_DEBUG, fullPage: true });
  throw new Error(
    `The keyboard cannot reach ${show(target)} in ${limit} presses; focus is on ${JSON.stringify(await focused(page))}`,
  );
}

/** Tabs to a link, button or control and presses a key on it (Enter unless told). */
export async function press(
  page: Page,
  target: KeyTarget,
  key = 'Enter',
  options: TabOptions = {},
): Promise<void> {
  await tabTo(page, target, options);
  await (options.keys ? options.keys.press(key) : page.keyboard.press(key));
}

/** Tabs to a field and types into it, replacing what it held. */
export async function typeInto(page: Page, target: KeyTarget, text: string): Promise<void> {
  await tabTo(page, target);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  if (text) await page.keyboard.type(text);
}

/**
 * Tabs to the day box of a GOV.UK date input and types the day, month and year, tabbing between the boxes:
 * of a date, or as given (which may be no real date, such as 31 2 2027).
 */
export async function typeDate(
  page: Page,
  dayBox: KeyTarget,
  date: Date | readonly [day: number | string, month: number | string, year: number | string],
): Promise<void> {
  const [day, month, year] =
    date instanceof Date ? [date.getUTCDate(), date.getUTCMonth() + 1, date.getUTCFullYear()] : date;
  await typeInto(page, dayBox, String(day));
  await page.keyboard.press('Tab');
  await page.keyboard.type(String(month));
  await page.keyboard.press('Tab');
  await page.keyboard.type(String(year));
}

/** Tabs to a radio group's first radio (by id) and moves with ArrowDown to the option at `index`. */
export async function chooseRadio(page: Page, firstId: string, index: number): Promise<void> {
  await tabTo(page, { id: firstId });
  if (index === 0) await page.keyboard.press('Space');
  for (let i = 0; i < index; i += 1) await page.keyboard.press('ArrowDown');
}

/**
 * Chooses an option of a select as a keyboard user does: Tab to it, then arrow keys until it shows. The
 * option by its words, or by its place (0 the first).
 */
export async function chooseOption(
  page: Page,
  select: KeyTarget,
  option: string | RegExp | number,
): Promise<void> {
  await tabTo(page, select);
  const { options, current } = await page.evaluate(() => {
    const el = document.activeElement as HTMLSelectElement;
    return { options: [...el.options].map((o) => o.text.trim()), current: el.selectedIndex };
  });
  const wanted =
    typeof option === 'number'
      ? option
      : options.findIndex((text) => (typeof option === 'string' ? text === option : option.test(text)));
  if (wanted < 0 || wanted >= options.length)
    throw new Error(`No option ${String(option)} in ${options.join(' | ')}`);
  const key = wanted > current ? 'ArrowDown' : 'ArrowUp';
  for (let i = 0; i < Math.abs(wanted - current); i += 1) await page.keyboard.press(key);
  expect(await page.evaluate(() => (document.activeElement as HTMLSelectElement).selectedIndex)).toBe(wanted);
}

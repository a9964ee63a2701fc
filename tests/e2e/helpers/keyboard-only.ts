/**
 * Driving a page by the keyboard alone, as someone who uses no pointer: Tab (and Shift+Tab) to a control,
 * then Enter, Space, the arrow keys or typing. Nothing here clicks or focuses by script.
 */
import type { Page } from 'playwright-core';

/** A control to reach: by id, by its text (a button's or link's words), or by its label's words. */
export interface KeyTarget {
  id?: string;
  text?: string | RegExp;
  label?: string | RegExp;
}

interface Focused {
  id: string;
  text: string;
  label: string;
}

async function focusedControl(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    const squash = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
    const labelled = el?.getAttribute('aria-labelledby');
    const label =
      squash(el?.labels?.[0]?.textContent) ||
      squash(el?.getAttribute('aria-label')) ||
      squash(labelled ? document.getElementById(labelled)?.textContent : '');
    return { id: el?.id ?? '', text: squash(el?.textContent), label };
  });
}

function matches(f: Focused, t: KeyTarget): boolean {
  const like = (value: string, want: string | RegExp) =>
    typeof want === 'string' ? value === want : want.test(value);
  if (t.id !== undefined && f.id !== t.id) return false;
  if (t.text !== undefined && !like(f.text, t.text)) return false;
  if (t.label !== undefined && !like(f.label, t.label)) return false;
  return true;
}

/**
 * Presses Tab until the target has focus (or Shift+Tab, when it lies behind); fails, naming the target, when
 * it cannot be reached. Returns the number of key presses it took.
 */
export async function tabTo(page: Page, target: KeyTarget, max = 150): Promise<number> {
  if (matches(await focusedControl(page), target)) return 0;
  const seen: string[] = [];
  for (const key of ['Tab', 'Shift+Tab']) {
    for (let i = 1; i <= max; i += 1) {
      await page.keyboard.press(key);
      const now = await focusedControl(page);
      if (matches(now, target)) return i;
      if (key === 'Tab') seen.push(now.id || now.text || now.label);
    }
  }
  if (process.env.KEYBOARD_DEBUG) await page.screenshot({ path: process.env.KEYBOARD_DEBUG, fullPage: true });
  throw new Error(
    `Tabbing met ${JSON.stringify([...new Set(seen)])}; the keyboard cannot reach ${JSON.stringify(target, (_, v) => (v instanceof RegExp ? String(v) : v))}`,
  );
}

/** Tabs to a link or button and presses Enter. */
export async function press(page: Page, target: KeyTarget, key = 'Enter'): Promise<void> {
  await tabTo(page, target);
  await page.keyboard.press(key);
}

/** Tabs to a field and types into it, replacing what it held. */
export async function typeInto(page: Page, target: KeyTarget, text: string): Promise<void> {
  await tabTo(page, target);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  if (text) await page.keyboard.type(text);
}

/** Tabs to a GOV.UK date input (its day box by id) and types the day, month and year. */
export async function typeDate(page: Page, dayId: string, [day, month, year]: [string, string, string]) {
  await typeInto(page, { id: dayId }, day);
  await page.keyboard.press('Tab');
  await page.keyboard.type(month);
  await page.keyboard.press('Tab');
  await page.keyboard.type(year);
}

/** Tabs to a radio group's first radio (by id) and moves with ArrowDown to the option at `index`. */
export async function chooseRadio(page: Page, firstId: string, index: number): Promise<void> {
  await tabTo(page, { id: firstId });
  if (index === 0) await page.keyboard.press('Space');
  for (let i = 0; i < index; i += 1) await page.keyboard.press('ArrowDown');
}

/** Tabs to a select and moves ArrowDown `steps` times from its first option. */
export async function chooseOption(page: Page, target: KeyTarget, steps: number): Promise<void> {
  await tabTo(page, target);
  await page.keyboard.press('Home');
  for (let i = 0; i < steps; i += 1) await page.keyboard.press('ArrowDown');
}

/** Which element has focus (its id, and its words), for assertions. */
export async function whereIsFocus(page: Page): Promise<Focused> {
  return focusedControl(page);
}

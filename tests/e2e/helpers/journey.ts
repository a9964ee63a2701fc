/**
 * Helpers for the keyboard-only journeys: the checks every page a journey passes through must meet (axe finds
 * nothing serious or critical; no id is used twice) and where focus lands. Moving by keyboard: `./keyboard`.
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

/** The header's navigation link with this name. */
export function navLink(page: Page, name: string): Locator {
  return page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name, exact: true });
}

/** Whether the main heading has focus (after a change of page). */
export function headingHasFocus(page: Page): Promise<boolean> {
  return page.evaluate(() => document.activeElement === document.querySelector('main h1'));
}

/** Whether a GOV.UK success banner or error summary has focus. */
export function focusedClass(page: Page, className: string): Promise<boolean> {
  return page.evaluate((c) => document.activeElement?.classList.contains(c) ?? false, className);
}

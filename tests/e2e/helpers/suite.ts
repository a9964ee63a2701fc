/**
 * One browser suite: the built app started on loopback (with any extra environment), Debian's chromium, and
 * a fresh page per test whose uncaught and console errors fail that test unless it expects them.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { launchBrowser, openPage, type TestPage } from './browser';
import { startServer, type RunningServer } from './server';
import { signInThroughForm } from './sign-in';

export interface PageOptions {
  /** Lets a test inject axe-core: the app's CSP rightly refuses scripts it did not serve. */
  bypassCSP?: boolean;
  /** Console errors the test provokes on purpose (a refused upload's status line, say). */
  expectedErrors?: RegExp;
}

export interface BrowserSuite {
  /** The running server (set once the suite has started). */
  readonly server: RunningServer;
  withPage<T>(fn: (t: TestPage) => Promise<T>, options?: PageOptions): Promise<T>;
  /**
   * Another page (a second person at the same time, or a fresh context); the caller closes it and checks
   * its errors. `realClock` leaves the page's clock alone (for timing it), rather than on the demo's day.
   */
  openPage(options?: { realClock?: boolean; bypassCSP?: boolean }): Promise<TestPage>;
}

export function browserSuite(env: Record<string, string> = {}): BrowserSuite {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    server = await startServer(env);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  return {
    get server() {
      if (!server) throw new Error('The suite’s server has not started');
      return server;
    },
    async openPage(options = {}) {
      if (!browser || !server) throw new Error('The suite has not started');
      return openPage(browser, server.baseUrl, {
        width: 1280,
        clockStart: options.realClock ? null : server.clockStart,
        bypassCSP: options.bypassCSP,
      });
    },
    async withPage(fn, options = {}) {
      if (!browser || !server) throw new Error('The suite has not started');
      const t = await openPage(browser, server.baseUrl, {
        bypassCSP: options.bypassCSP,
        width: 1280,
        clockStart: server.clockStart,
      });
      try {
        const result = await fn(t);
        const errors = t.errors.filter((e) => !options.expectedErrors?.test(e));
        expect(errors, errors.join('\n')).toEqual([]);
        return result;
      } finally {
        await t.close();
      }
    },
  };
}

/** Signs in through the form and waits for the page the role lands on. */
export async function signInAndLand(page: Page, email: string, landing: string): Promise<void> {
  await signInThroughForm(page, email);
  await page.waitForURL((url) => url.pathname === landing);
  await page.locator('main h1').waitFor();
}

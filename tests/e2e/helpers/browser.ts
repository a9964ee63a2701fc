/** Debian's Chromium driven by playwright-core: headless, no sandbox, nothing fetched from the internet. */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export interface TestPage {
  context: BrowserContext;
  page: Page;
  /** Uncaught errors and console errors the page produced (a CSP violation shows up here too). */
  errors: string[];
  close: () => Promise<void>;
}

export async function openPage(
  browser: Browser,
  baseUrl: string,
  options: {
    width?: number;
    height?: number;
    /** Lets a test inject axe-core: the app's CSP rightly refuses scripts it did not serve. */
    bypassCSP?: boolean;
    /** The instant the page's clock starts from (the server's demo clock), running on from there. */
    clockStart?: string | null;
  } = {},
): Promise<TestPage> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    bypassCSP: options.bypassCSP ?? false,
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
    locale: 'en-GB',
    timezoneId: 'Europe/London',
  });
  // E2E_API_DELAY_MS=<ms> holds back every API response that long: the timing of a slow or loaded machine,
  // made repeatable, to find the steps that act before the page has drawn what they act on.
  const apiDelay = Number(process.env.E2E_API_DELAY_MS ?? 0);
  if (apiDelay > 0) {
    await context.route(
      (url) => url.pathname.startsWith('/api/'),
      async (route) => {
        await new Promise((resolve) => setTimeout(resolve, apiDelay));
        await route.continue();
      },
    );
  }
  if (options.clockStart) await context.clock.install({ time: new Date(options.clockStart) });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    // A failed sign-in or a 401 from /api/auth/me is expected; the browser logs the status line.
    if (/Failed to load resource: the server responded with a status of 40[13]/.test(text)) return;
    errors.push(`console error: ${text}`);
  });
  return { context, page, errors, close: () => context.close() };
}

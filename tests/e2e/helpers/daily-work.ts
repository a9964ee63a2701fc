/**
 * Helpers for the browser tests of the daily work (progress and evidence): reading the API as the signed-in person, making a PDF, and screenshots for the README.
 */
import fs from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import type { Locator, Page } from 'playwright-core';
import { repoRoot } from './server';

/** GET from the API with the page's session, as JSON. */
export async function apiGet<T>(page: Page, url: string): Promise<T> {
  const response = await page.request.get(url);
  if (!response.ok()) throw new Error(`GET ${url} answered ${response.status()}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** A small real PDF, made here so the test needs no fixture. */
export function makePdf(lines: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', info: { Title: lines[0] ?? 'Evidence' } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    for (const line of lines) doc.text(line);
    doc.end();
  });
}

const screenshotDir = path.join(repoRoot, 'docs', 'screenshots');

/**
 * Saves a screenshot for the README (docs/screenshots/<name>) when asked — UPDATE_SCREENSHOTS=1, which
 * `npm run screenshots` sets — so ordinary runs and CI change nothing. The one way the browser tests take
 * the README's pictures: a page in full (focus taken off, unless `keepFocus`), or one element.
 */
export async function screenshot(
  target: Page | Locator,
  name: string,
  options: { keepFocus?: boolean } = {},
): Promise<void> {
  if (!process.env.UPDATE_SCREENSHOTS) return;
  fs.mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, name);
  if ('mouse' in target) {
    await target.mouse.move(0, 0);
    if (!options.keepFocus)
      await target.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await target.screenshot({ path: file, fullPage: true });
  } else {
    await target.page().mouse.move(0, 0);
    await target.screenshot({ path: file });
  }
}

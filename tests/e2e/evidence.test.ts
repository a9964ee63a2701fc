/**
 * Evidence in the browser: a lead uploads a PDF (with progress) and adds a link, marks the action complete
 * and withdraws the link; the chair reviews the queue, accepts the PDF and signs the action off, which turns
 * it Blue on the action and the plan. Files too large or of a type not allowed are refused with the
 * server's words in the error summary. axe finds nothing serious.
 */
import crypto from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ActionDetail, Evidence, MyActions } from '@ipt/shared/schemas';
import { browserSuite, describeViolations, seriousViolations, signInAndLand } from './helpers';
import { apiGet, makePdf, screenshot } from './helpers/daily-work';

const LEAD = 'head.of.first.response@example.org';
const CHAIR = 'chair@example.org';
const ADMIN = 'admin@example.org';
/** A small limit, so that a file over it is quick to make and to send. */
const UPLOAD_MAX_MB = 1;

const suite = browserSuite({ UPLOAD_MAX_MB: String(UPLOAD_MAX_MB) });
const { withPage } = suite;

/** A date a few days ago, in the three boxes. */
async function fillDate(page: Page, daysAgo = 3): Promise<void> {
  // The page's clock is the demo's (it starts on the demo's day), not this process's.
  const now = await page.evaluate(() => Date.now());
  const d = new Date(now - daysAgo * 86_400_000);
  await page.getByLabel('Day').fill(String(d.getUTCDate()));
  await page.getByLabel('Month').fill(String(d.getUTCMonth() + 1));
  await page.getByLabel('Year').fill(String(d.getUTCFullYear()));
}

async function actionIdOf(page: Page, ref: string): Promise<number> {
  const mine = await apiGet<MyActions>(page, '/api/me/actions');
  const action = mine.items.find((a) => a.ref === ref);
  if (!action) throw new Error(`the lead has no action ${ref}`);
  return action.id;
}

const banner = (page: Page) => page.locator('.govuk-notification-banner--success');
const card = (page: Page, title: string) =>
  page.locator(`article.app-evidence[data-evidence-title="${title}"]`);

const PDF_TITLE = 'Protocol agreed by the partnership executive';
const LINK_TITLE = 'Briefing slides for First Response teams';

describe('evidence from a lead to the board', () => {
  it('uploads a PDF and adds a link; the chair accepts the PDF and signs the action off: Blue', async () => {
    let actionId = 0;
    await withPage(async ({ page, context }) => {
      await signInAndLand(page, LEAD, '/my-actions');
      actionId = await actionIdOf(page, '1.1');
      await page.goto(`/actions/${actionId}`);
      await page.locator('#evidence').waitFor();
      await page.locator('#evidence').getByRole('link', { name: 'Add evidence' }).click();
      await page.getByRole('heading', { level: 1, name: 'Add evidence' }).waitFor();

      // A PDF of a few hundred KB, sent slowly enough to watch it go.
      const noise = Array.from({ length: 60 }, () => crypto.randomBytes(2400).toString('base64'));
      const pdf = await makePdf([PDF_TITLE, 'Minutes of the safeguarding partnership executive.', ...noise]);
      expect(pdf.length).toBeLessThan(UPLOAD_MAX_MB * 1024 * 1024);
      await page.getByLabel('A file').check();
      await page
        .locator('#file')
        .setInputFiles({ name: 'protocol-sign-off.pdf', mimeType: 'application/pdf', buffer: pdf });
      await page.getByLabel('Title').fill(PDF_TITLE);
      await page.getByLabel('Evidence of completion').check();
      await fillDate(page);
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput: Math.ceil(pdf.length / 3),
      });
      await page.getByRole('button', { name: 'Upload and add' }).click();
      const progress = page.locator('.app-upload-progress [role="status"]');
      await expect.poll(() => progress.textContent(), { timeout: 10_000 }).toMatch(/Uploading… [1-9]\d*%/);
      expect(await progress.getAttribute('aria-live')).toBe('polite');
      await page.waitForURL((url) => url.pathname === `/actions/${actionId}`, { timeout: 20_000 });
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput: -1,
      });
      expect(await banner(page).textContent()).toContain('Evidence added to action 1.1');
      const pdfCard = card(page, PDF_TITLE);
      await pdfCard.waitFor();
      expect(await pdfCard.locator('.app-evidence__state').textContent()).toContain('Awaiting review');
      const download = pdfCard.getByRole('link', { name: 'Download protocol-sign-off.pdf' });
      expect(await pdfCard.textContent()).toMatch(/\(PDF, \d+ KB\)/);
      const file = await page.request.get((await download.getAttribute('href')) ?? '');
      expect(file.status()).toBe(200);
      expect(file.headers()['content-type']).toBe('application/pdf');
      expect(file.headers()['content-disposition']).toMatch(/^attachment/);

      // A link, as evidence of impact.
      await page.locator('#evidence').getByRole('link', { name: 'Add evidence' }).click();
      await page.getByLabel('A link').check();
      await page.getByLabel('Web address').fill('https://intranet.example.org/first-response/briefing.pptx');
      await page.getByLabel('Title').fill(LINK_TITLE);
      await page.getByLabel('Evidence of impact').check();
      await fillDate(page, 1);
      await page.getByRole('button', { name: 'Add evidence' }).click();
      await page.waitForURL((url) => url.pathname === `/actions/${actionId}`);
      const linkCard = card(page, LINK_TITLE);
      await linkCard.waitFor();
      expect(
        await linkCard
          .getByRole('link', { name: 'https://intranet.example.org/first-response/briefing.pptx' })
          .count(),
      ).toBe(1);
      expect(await linkCard.textContent()).toContain('Evidence of impact');

      // Marked complete, with the reminder about evidence.
      await page.getByRole('link', { name: 'Mark complete' }).click();
      await page.getByRole('heading', { level: 1, name: 'Mark action 1.1 complete' }).waitFor();
      expect(await page.locator('.govuk-warning-text').textContent()).toContain(
        'accepted evidence of completion',
      );
      await page
        .getByLabel('What was delivered')
        .fill('Protocol agreed and launched; all First Response teams briefed.');
      await page.getByRole('button', { name: 'Mark complete' }).click();
      await page.waitForURL((url) => url.pathname === `/actions/${actionId}`);
      expect(await banner(page).textContent()).toContain('Action 1.1 marked complete');

      // The lead withdraws the link, with a reason: gone from the list, kept in the record.
      await linkCard.getByText('Withdraw this evidence').click();
      await linkCard.getByRole('button', { name: `Withdraw evidence “${LINK_TITLE}”` }).click();
      await page.locator('.govuk-error-summary').waitFor();
      expect(await page.locator('.govuk-error-summary').textContent()).toContain(
        'Enter why you are withdrawing the evidence',
      );
      await linkCard
        .getByLabel('Why are you withdrawing it?')
        .fill('Wrong deck: the final one goes up next week.');
      await linkCard.getByRole('button', { name: `Withdraw evidence “${LINK_TITLE}”` }).click();
      // The banner of the step before stays until the withdrawal is answered.
      await banner(page).filter({ hasText: 'Evidence withdrawn' }).waitFor();
      await expect.poll(() => linkCard.count()).toBe(0);
    });

    await withPage(
      async ({ page }) => {
        const report: string[] = [];
        const check = async (name: string) => {
          const violations = await seriousViolations(page);
          if (violations.length > 0) report.push(`${name}:\n${describeViolations(violations)}`);
        };
        await signInAndLand(page, CHAIR, '/overview');
        await page.getByRole('link', { name: /items? of evidence awaits? your review/ }).click();
        await page.getByRole('heading', { level: 1, name: 'Evidence to review' }).waitFor();
        const queued = card(page, PDF_TITLE);
        await queued.waitFor();
        expect(await queued.getByRole('link', { name: 'Action 1.1' }).count()).toBe(1);
        // Oldest first: the demo's PLO audit was added before today's PDF.
        const titles = await page
          .locator('article.app-evidence')
          .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-evidence-title')));
        expect(titles.at(-1)).toBe(PDF_TITLE);
        await check('evidence review queue');

        await queued.getByRole('link', { name: 'Action 1.1' }).click();
        await page.locator('#evidence').waitFor();
        const pdfCard = card(page, PDF_TITLE);
        await pdfCard.waitFor();
        await check('action page with evidence');
        await screenshot(page.locator('#evidence'), 'evidence.png');

        // Sign-off waits for accepted evidence of completion.
        expect(await page.locator('#sign-off .govuk-warning-text').textContent()).toContain(
          'No evidence of completion has been accepted yet',
        );
        await pdfCard.getByRole('button', { name: `Accept evidence: ${PDF_TITLE}` }).click();
        await expect.poll(() => banner(page).textContent()).toContain(`Evidence accepted: “${PDF_TITLE}”`);
        await expect.poll(() => pdfCard.locator('.app-evidence__state').textContent()).toContain('Accepted');

        await page.getByRole('button', { name: 'Sign off action 1.1' }).click();
        await banner(page).filter({ hasText: 'Action 1.1 signed off' }).waitFor();
        const rag = page.locator('main .app-tag-row .app-rag-tag').first();
        await expect.poll(() => rag.textContent()).toBe('Blue');
        await check('action page after sign-off');
        const detail = await apiGet<ActionDetail>(page, `/api/actions/${actionId}`);
        expect(detail.assessment.rag).toBe('blue');
        expect(detail.signedOffBy?.name).toBe('Dr Margaret Ellis');

        await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Plan' }).click();
        const row = page.locator('tr[data-action-ref="1.1"]');
        await row.waitFor();
        expect(await row.locator('.app-rag-tag').textContent()).toBe('Blue');
        expect(await row.textContent()).toContain('Evidence: 1 accepted');
        expect(report, report.join('\n\n')).toEqual([]);
      },
      { bypassCSP: true },
    );

    // An administrator still sees the withdrawn link, marked so, with its reason.
    await withPage(async ({ page }) => {
      await signInAndLand(page, ADMIN, '/overview');
      await page.goto(`/actions/${actionId}`);
      const withdrawn = card(page, LINK_TITLE);
      await withdrawn.waitFor();
      expect(await withdrawn.locator('.app-evidence__state').textContent()).toContain('Withdrawn');
      expect(await withdrawn.textContent()).toContain('Wrong deck: the final one goes up next week.');
      const items = (await apiGet<{ items: Evidence[] }>(page, `/api/actions/${actionId}/evidence`)).items;
      expect(items.find((e) => e.title === LINK_TITLE)?.withdrawnAt).toBeTruthy();
    });
  });
});

describe('files that are refused', () => {
  it('says in the error summary when a file is of a type not allowed or too large', async () => {
    await withPage(
      async ({ page }) => {
        await signInAndLand(page, LEAD, '/my-actions');
        const actionId = await actionIdOf(page, '1.2');
        const addPage = `/actions/${actionId}/evidence/add`;
        await page.goto(addPage);
        await page.getByRole('heading', { level: 1, name: 'Add evidence' }).waitFor();
        const fill = async (name: string, buffer: Buffer) => {
          await page.locator('#file').setInputFiles({ name, mimeType: 'application/pdf', buffer });
          await page.getByLabel('Title').fill('MASH performance report');
          await page.getByLabel('Evidence of impact').check();
          await fillDate(page);
        };
        const summary = page.locator('.govuk-error-summary');

        // A program renamed .pdf: the server checks the content and says what it found.
        const exe = Buffer.concat([
          Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'),
          crypto.randomBytes(4000),
        ]);
        await fill('minutes.pdf', exe);
        await page.getByRole('button', { name: 'Upload and add' }).click();
        await summary.waitFor();
        const typeMessage = (await summary.locator('a[href="#file"]').textContent())?.trim() ?? '';
        expect(typeMessage).toMatch(/not a type we accept|cannot tell what kind of file/);
        expect(typeMessage).toMatch(/Upload a PDF, Word, Excel/);
        expect(await page.locator('#file-error').textContent()).toContain(typeMessage);
        expect(await page.title()).toBe('Error: Add evidence to action 1.2 – Improvement Plan Tracker');
        const violations = await seriousViolations(page);
        expect(violations, describeViolations(violations)).toEqual([]);
        await screenshot(page, 'evidence-errors.png');

        // Too large: said before sending a byte, in the server's words.
        const posts: string[] = [];
        page.on('request', (r) => {
          if (r.method() === 'POST') posts.push(r.url());
        });
        const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), crypto.randomBytes(1.5 * 1024 * 1024)]);
        await fill('big-report.pdf', big);
        await page.getByRole('button', { name: 'Upload and add' }).click();
        await expect
          .poll(() => summary.locator('a[href="#file"]').textContent())
          .toBe(
            `The file is larger than ${UPLOAD_MAX_MB} MB. Make it smaller (for example, save it as PDF) or split it.`,
          );
        expect(posts).toEqual([]);

        // And if the page thinks the limit is higher, the server's 413 arrives through the upload just the same.
        await page.route('**/api/app-info', async (route) => {
          const response = await route.fetch();
          const info = (await response.json()) as Record<string, unknown>;
          await route.fulfill({ response, json: { ...info, uploadMaxBytes: 25 * 1024 * 1024 } });
        });
        await page.goto(addPage);
        await page.getByRole('heading', { level: 1, name: 'Add evidence' }).waitFor();
        await fill('big-report.pdf', big);
        await page.getByRole('button', { name: 'Upload and add' }).click();
        await expect
          .poll(() => summary.locator('a[href="#file"]').textContent(), { timeout: 15_000 })
          .toBe(
            `The file is larger than ${UPLOAD_MAX_MB} MB. Make it smaller (for example, save it as PDF) or split it.`,
          );
        expect(posts.filter((u) => u.endsWith('/evidence/files'))).toHaveLength(1);
        const items = (await apiGet<{ items: Evidence[] }>(page, `/api/actions/${actionId}/evidence`)).items;
        expect(items.map((e) => e.title)).not.toContain('MASH performance report');
      },
      { bypassCSP: true, expectedErrors: /status of 41[35]/ },
    );
  });
});

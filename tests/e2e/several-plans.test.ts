/**
 * Several plans side by side: a second live plan beside the demo plan, with a lead in both. The lead's
 * My actions groups their actions by plan, each with its own papers deadline; the chair chooses the plan the
 * overview, meetings, RAG history and export show, and the choice is remembered; closing one plan leaves the
 * other untouched, and the closed one stays readable.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatDate } from '@ipt/shared';
import type { Meeting, MyActions, Plan, User } from '@ipt/shared/schemas';
import { browserSuite, describeViolations, repoRoot, seriousViolations, signInAndLand } from './helpers';
import { apiGet } from './helpers/daily-work';

const suite = browserSuite();
const { withPage } = suite;

const LEAD = 'head.of.first.response@example.org';
const SECOND = 'SEND Written Statement of Action';

async function send<T>(page: Page, method: 'post' | 'patch', url: string, body: unknown, ifMatch?: string) {
  const me = await apiGet<{ csrfToken: string }>(page, '/api/auth/me');
  const headers: Record<string, string> = { 'x-csrf-token': me.csrfToken };
  if (ifMatch) headers['if-match'] = ifMatch;
  const res = await page.request[method](url, { data: body, headers });
  if (!res.ok()) throw new Error(`${method} ${url} answered ${res.status()}: ${await res.text()}`);
  return (await res.json()) as T;
}

async function expectAxeClean(page: Page, where: string): Promise<void> {
  const violations = await seriousViolations(page);
  expect(violations, `${where}:\n${describeViolations(violations)}`).toEqual([]);
}

/** Full-page screenshots to look at, only when asked (SETUP_SHOTS=1). */
async function look(page: Page, name: string): Promise<void> {
  if (!process.env.SETUP_SHOTS) return;
  const dir = path.join(repoRoot, '.tmp', 'shots');
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

const caption = (page: Page) => page.locator('main .govuk-caption-l').first().textContent();

/** The second plan, live, with one action led by the demo lead and a meeting ahead. */
async function secondPlan(page: Page): Promise<{ plan: Plan; meeting: Meeting }> {
  const users = await apiGet<{ items: User[] }>(page, `/api/users?q=${encodeURIComponent(LEAD)}`);
  const leadId = users.items[0]?.leadId;
  if (!leadId) throw new Error('the demo lead has no lead record');
  const plan = await send<Plan>(page, 'post', '/api/plans', { title: SECOND, phase: '2026 to 2028' });
  const source = await send<{ id: number }>(page, 'post', '/api/sources', {
    kind: 'send_inspection',
    title: 'Area SEND inspection',
    issuedOn: '2026-05-11',
    planIds: [plan.id],
  });
  const rec = await send<{ id: number }>(page, 'post', '/api/recommendations', {
    sourceId: source.id,
    number: '1',
    text: 'Improve the timeliness of EHC plans',
  });
  const themes = await send<{ id: number }[]>(page, 'post', `/api/plans/${plan.id}/themes`, {
    title: 'Assessment',
  });
  const withArea = await send<{ areas: { id: number }[] }[]>(
    page,
    'post',
    `/api/themes/${themes[0]?.id}/areas`,
    { title: 'EHC needs assessments' },
  );
  await send(page, 'post', `/api/plans/${plan.id}/actions`, {
    ref: 'S1',
    areaId: withArea[0]?.areas[0]?.id,
    objective: 'EHC plans are issued within 20 weeks',
    leadIds: [leadId],
    timeframe: 'Jun 2027',
    recommendations: [{ recommendationId: rec.id, coverage: 'full' }],
  });
  const meeting = await send<Meeting>(page, 'post', `/api/plans/${plan.id}/meetings`, {
    meetingDate: '2027-03-10',
    title: 'SEND partnership board',
  });
  const current = await apiGet<Plan>(page, `/api/plans/${plan.id}`);
  const live = await send<Plan>(
    page,
    'patch',
    `/api/plans/${plan.id}`,
    { status: 'active' },
    `"plan${plan.id}-v${current.version}"`,
  );
  return { plan: live, meeting };
}

describe('several live plans', () => {
  it('groups a lead’s actions by plan with each deadline, lets the chair choose the plan, and closes one alone', async () => {
    const { plan, meeting, demoPlan } = await withPage(async ({ page }) => {
      await signInAndLand(page, 'admin@example.org', '/overview');
      const demo = (await apiGet<{ items: Plan[] }>(page, '/api/plans')).items[0];
      if (!demo) throw new Error('no demo plan');
      const made = await secondPlan(page);
      // Making the second plan live hid nothing: both are live.
      const plans = (await apiGet<{ items: Plan[] }>(page, '/api/plans')).items;
      expect(plans.map((p) => [p.id, p.status])).toEqual([
        [demo.id, 'active'],
        [made.plan.id, 'active'],
      ]);
      return { ...made, demoPlan: demo };
    });

    // The lead: My actions, by plan, each with its own papers deadline.
    await withPage(
      async ({ page }) => {
        await signInAndLand(page, LEAD, '/my-actions');
        const mine = await apiGet<MyActions>(page, '/api/me/actions');
        const groups = page.locator('.app-my-plan');
        await expect.poll(() => groups.count()).toBe(2);
        const second = page.locator(`.app-my-plan[data-plan-id="${plan.id}"]`);
        const secondText = (await second.textContent()) ?? '';
        expect(secondText).toContain(`${SECOND} (2026 to 2028)`);
        expect(secondText).toContain(`on ${formatDate(meeting.meetingDate)}`);
        expect(secondText).toContain(formatDate(meeting.papersCutoff));
        expect(await second.locator('.app-my-action').count()).toBe(1);
        expect(await second.locator('.app-my-action').textContent()).toContain('Action S1');
        const first = page.locator(`.app-my-plan[data-plan-id="${demoPlan.id}"]`);
        const demoGroup = mine.plans.find((g) => g.plan.id === demoPlan.id);
        expect(await first.locator('.app-my-action').count()).toBe(demoGroup?.actionIds.length);
        expect(await first.textContent()).toContain(formatDate(demoGroup?.nextMeeting?.papersCutoff ?? ''));
        // Every card names its plan.
        expect(await second.locator('.app-my-action__plan').textContent()).toContain(SECOND);
        await expectAxeClean(page, 'my actions, two plans');
        await look(page, '10-my-actions-two-plans');
      },
      { bypassCSP: true },
    );

    // The chair chooses the second plan; the overview, meetings, history and export show it, and the
    // choice is remembered.
    await withPage(
      async ({ page }) => {
        await signInAndLand(page, 'chair@example.org', '/overview');
        expect(await caption(page)).toContain(demoPlan.title);
        const switcher = page.getByLabel('Plan', { exact: true });
        expect(await switcher.locator('option').allTextContents()).toEqual([
          expect.stringContaining(demoPlan.title),
          `${SECOND} (2026 to 2028) – Live`,
        ]);
        await expectAxeClean(page, 'overview with the plan switcher');
        await look(page, '11-overview-switcher');
        await switcher.selectOption(String(plan.id));
        await page.getByRole('button', { name: 'Show plan' }).click();
        // The overview is drawn again for the chosen plan once its themes and overview are read.
        await page.locator('main .govuk-caption-l', { hasText: SECOND }).waitFor();
        expect(await caption(page)).toContain(SECOND);

        const nav = page.getByRole('navigation', { name: 'Menu' });
        await nav.getByRole('link', { name: 'Meetings' }).click();
        await page.getByRole('heading', { level: 1, name: 'Board meetings' }).waitFor();
        expect(await caption(page)).toContain(SECOND);
        const rows = page.locator('tr[data-meeting-id]');
        expect(await rows.count()).toBe(1);
        expect(await rows.first().textContent()).toContain('SEND partnership board');

        await nav.getByRole('link', { name: 'RAG history' }).click();
        await page.getByRole('heading', { level: 1, name: 'RAG history' }).waitFor();
        expect(await caption(page)).toContain(SECOND);

        await nav.getByRole('link', { name: 'Export' }).click();
        await page.getByRole('heading', { level: 1, name: 'Export a progress summary' }).waitFor();
        expect(await caption(page)).toContain(SECOND);
        const csv = page.getByRole('link', { name: /CSV/ }).first();
        expect(await csv.getAttribute('href')).toContain(`/api/plans/${plan.id}/export`);
      },
      { bypassCSP: true },
    );

    // Remembered for the chair, in a new browser context.
    await withPage(async ({ page }) => {
      await signInAndLand(page, 'chair@example.org', '/overview');
      await expect.poll(() => caption(page)).toContain(SECOND);
    });

    // Closing the second plan leaves the first untouched; the closed one stays readable with its meetings.
    await withPage(async ({ page }) => {
      await signInAndLand(page, 'admin@example.org', '/overview');
      const current = await apiGet<Plan>(page, `/api/plans/${plan.id}`);
      await page.goto(`/admin/plans/${plan.id}`);
      await page.getByRole('button', { name: 'Close the plan' }).click();
      await page.getByRole('button', { name: 'Yes, close the plan' }).click();
      await page.locator('.govuk-notification-banner--success', { hasText: 'is closed' }).waitFor();
      expect((await apiGet<Plan>(page, `/api/plans/${plan.id}`)).status).toBe('closed');
      const first = await apiGet<Plan>(page, `/api/plans/${demoPlan.id}`);
      expect(first).toMatchObject({
        status: 'active',
        version: demoPlan.version,
        updatedAt: demoPlan.updatedAt,
      });
      expect(current.version).toBeLessThan((await apiGet<Plan>(page, `/api/plans/${plan.id}`)).version);
    });

    await withPage(async ({ page }) => {
      await signInAndLand(page, LEAD, '/my-actions');
      await expect.poll(() => page.locator('.app-my-plan').count()).toBe(1);
      expect(await page.locator('.app-my-plan').getAttribute('data-plan-id')).toBe(String(demoPlan.id));
    });

    await withPage(async ({ page }) => {
      await signInAndLand(page, 'chair@example.org', '/overview');
      await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Meetings' }).click();
      await page.getByRole('heading', { level: 1, name: 'Board meetings' }).waitFor();
      expect(await caption(page)).toContain(SECOND);
      expect(await page.locator('tr[data-meeting-id]').first().textContent()).toContain(
        'SEND partnership board',
      );
      expect(await page.getByLabel('Plan', { exact: true }).locator('option').allTextContents()).toContain(
        `${SECOND} (2026 to 2028) – Closed`,
      );
    });
  });
});

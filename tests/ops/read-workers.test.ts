/**
 * Read workers (server/src/lib/read-workers.ts) in the built server: a scheduled meeting's page computed on a
 * worker's own connection is the page the request's thread computes, and every read sees each write the
 * server acknowledged before it was sent, with readers and writers at once. (From source, as in the API
 * tests, the page is computed in the request's thread by the same function.)
 */
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { MeetingView } from '@ipt/shared/schemas';
import { signIn, start, tempDir, type Running } from './helpers.js';

const dirs: string[] = [];
function dir(): string {
  const d = tempDir('ipt-read-workers-');
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

async function stop(server: Running): Promise<void> {
  server.child.kill('SIGTERM');
  const { code } = await server.exited;
  expect(code, server.output()).toBe(0);
}

/** The demo plan's meeting not yet locked. */
async function scheduledMeeting(base: string, cookie: string): Promise<{ id: number; papersCutoff: string }> {
  const res = await fetch(`${base}/api/plans/1/meetings`, { headers: { cookie } });
  const { items } = (await res.json()) as { items: { id: number; status: string; papersCutoff: string }[] };
  const meeting = items.find((m) => m.status === 'scheduled');
  if (!meeting) throw new Error('the demo plan has no scheduled meeting');
  return meeting;
}

async function page(base: string, cookie: string, id: number): Promise<{ status: number; text: string }> {
  const res = await fetch(`${base}/api/meetings/${id}`, { headers: { cookie } });
  return { status: res.status, text: await res.text() };
}

const workersReady = /"msg":"2 read workers ready"/;
const workerTrouble = /read worker (failed|stopped)/;

describe('read workers', () => {
  it('give the page of a meeting past its cut-off byte for byte as the request’s thread does', async () => {
    // The demo plan is seeded as of 23 November 2026; read on 20 December, after its scheduled meeting's
    // cut-off (15 December), that meeting's page is as of the cut-off, whenever it is read.
    const data = dir();
    const seeding = await start(data, { DEMO_CLOCK_START: '2026-11-23T12:00:00.000Z' });
    const meeting = await scheduledMeeting(
      seeding.base,
      (await signIn(seeding.base, 'chair@example.org')).cookie,
    );
    await stop(seeding);
    expect(meeting.papersCutoff < '2026-12-20').toBe(true);

    const env = { DEMO_CLOCK_START: '2026-12-20T12:00:00.000Z', LOG_LEVEL: 'info' };
    const withWorkers = await start(data, { ...env, READ_WORKERS: '2' });
    const chair = await signIn(withWorkers.base, 'chair@example.org');
    const fromWorkers = await page(withWorkers.base, chair.cookie, meeting.id);
    const again = await Promise.all(
      Array.from({ length: 8 }, () => page(withWorkers.base, chair.cookie, meeting.id)),
    );
    await stop(withWorkers);
    expect(withWorkers.output()).toMatch(workersReady);
    expect(withWorkers.output()).not.toMatch(workerTrouble);

    const inThread = await start(data, { ...env, READ_WORKERS: '0' });
    const chairAgain = await signIn(inThread.base, 'chair@example.org');
    const fromThread = await page(inThread.base, chairAgain.cookie, meeting.id);
    await stop(inThread);
    expect(inThread.output()).not.toMatch(/read workers ready/);

    expect(fromWorkers.status).toBe(200);
    const view = JSON.parse(fromWorkers.text) as MeetingView;
    expect(view.frozen).toBe(false);
    expect(view.asOf).toBe(meeting.papersCutoff);
    expect(view.actions.length).toBeGreaterThan(10);
    expect(fromThread).toEqual(fromWorkers);
    for (const read of again) expect(read).toEqual(fromWorkers);
  });

  it('show every update acknowledged before the read, with readers and writers at once', async () => {
    // The demo clock before the cut-off: the page is as of now, so each new update is on it at once.
    const data = dir();
    const server = await start(data, {
      DEMO_CLOCK_START: '2026-11-23T12:00:00.000Z',
      LOG_LEVEL: 'info',
      READ_WORKERS: '2',
    });
    try {
      const chair = await signIn(server.base, 'chair@example.org');
      const admin = await signIn(server.base, 'admin@example.org');
      const meeting = await scheduledMeeting(server.base, chair.cookie);
      const first = JSON.parse((await page(server.base, chair.cookie, meeting.id)).text) as MeetingView;
      const actionIds = first.actions.filter((a) => a.status !== 'complete').map((a) => a.actionId);
      expect(actionIds.length).toBeGreaterThan(4);

      // Readers keep both workers busy while the writes go on.
      let reading = true;
      let reads = 0;
      const readers = Array.from({ length: 4 }, async () => {
        while (reading) {
          const r = await page(server.base, chair.cookie, meeting.id);
          expect(r.status).toBe(200);
          reads++;
        }
      });

      const headers = {
        cookie: admin.cookie,
        'x-csrf-token': admin.csrf,
        'content-type': 'application/json',
      };
      for (let n = 0; n < 20; n++) {
        const actionId = actionIds[n % actionIds.length] as number;
        const etag = (await fetch(`${server.base}/api/actions/${actionId}`, { headers })).headers.get('etag');
        const commentary = `Read after write ${n}: the page shows this at once.`;
        const posted = await fetch(`${server.base}/api/actions/${actionId}/updates`, {
          method: 'POST',
          headers: { ...headers, 'if-match': etag ?? '' },
          body: JSON.stringify({ status: 'at_risk', reportedRag: 'amber', commentary }),
        });
        expect(posted.status, await posted.text()).toBe(201);
        // Read from more than one worker: each must see the update just acknowledged.
        const reads2 = await Promise.all([1, 2, 3].map(() => page(server.base, chair.cookie, meeting.id)));
        for (const r of reads2) {
          const row = (JSON.parse(r.text) as MeetingView).actions.find((a) => a.actionId === actionId);
          expect(row?.latestCommentary?.text).toBe(commentary);
          expect(row?.status).toBe('at_risk');
        }
      }
      reading = false;
      await Promise.all(readers);
      expect(reads).toBeGreaterThan(0);
    } finally {
      await stop(server);
    }
    expect(server.output()).toMatch(workersReady);
    expect(server.output()).not.toMatch(workerTrouble);
  });
});

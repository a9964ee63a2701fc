/**
 * Read workers: threads that compute a scheduled meeting's page, the board's heaviest read, each on a
 * read-only connection of its own to the same SQLite file (WAL lets readers run beside the writer). The
 * request's thread checks access and finds the meeting, a worker rates every action as of the cut-off and
 * writes the page, and the request's thread sends it. Nothing is kept between requests: every page is
 * computed afresh from what is committed, so a reader sees every write acknowledged before the request was
 * sent (the request's thread commits each write before it answers). See docs/decisions/read-workers.md.
 *
 * Only the built server starts them (the thread's module is JavaScript in server/dist); from source, as in
 * the unit and API tests, and with READ_WORKERS=0 or an in-memory database, the page is computed in the
 * request's thread by the same function (services/meetings.ts, scheduledText()).
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FastifyBaseLogger } from 'fastify';
import type { MeetingView } from '@ipt/shared/schemas';
import type { AppConfig } from '../config.js';
import type { JsonText } from './json-text.js';

/** What the request's thread asks of a worker, and what the worker answers. */
export interface ReadRequest {
  id: number;
  meetingId: number;
  /** The request's "now" (ISO instant): a worker has no clock of its own, so a demo clock holds there too. */
  now: string;
}
export type ReadAnswer = { id: number; text: string | null } | { id: number; error: string };
/** What a worker says once its connection is open and it can take requests. */
export interface ReadReady {
  ready: true;
}

export interface ReadWorkers {
  /**
   * The page of a scheduled meeting as of `now`, computed on a worker; null when the meeting was locked
   * meanwhile, or the worker failed (logged): then the caller answers in its own thread.
   */
  scheduledMeeting(meetingId: number, now: Date): Promise<JsonText<MeetingView> | null>;
  close(): Promise<void>;
}

interface Slot {
  worker: Worker;
  pending: Map<number, (text: string | null) => void>;
}

const THREAD_MODULE = new URL('../read-worker.js', import.meta.url);
const MAX_LOST = 5;

/** The workers READ_WORKERS asks for, or null where the page is computed in the request's thread. */
export function startReadWorkers(config: AppConfig, log: FastifyBaseLogger): ReadWorkers | null {
  if (config.readWorkers === 0 || config.databaseFile === ':memory:') return null;
  if (!fs.existsSync(fileURLToPath(THREAD_MODULE))) {
    log.debug('read workers: not built (running from source); scheduled meetings are computed in-thread');
    return null;
  }
  let next = 0;
  let closing = false;
  /** Workers that stopped on their own; after MAX_LOST, pages are computed in the request's thread. */
  let lostCount = 0;
  let readyCount = 0;
  const data = { file: config.databaseFile, config };

  function spawn(): Slot {
    const slot: Slot = { worker: new Worker(THREAD_MODULE, { workerData: data }), pending: new Map() };
    slot.worker.on('message', (answer: ReadAnswer | ReadReady) => {
      if ('ready' in answer) {
        if (++readyCount === config.readWorkers) log.info(`${readyCount} read workers ready`);
        return;
      }
      const settle = slot.pending.get(answer.id);
      slot.pending.delete(answer.id);
      if ('error' in answer) {
        log.error({ err: answer.error }, 'a read worker failed on a meeting page; answered in-thread');
        settle?.(null);
      } else settle?.(answer.text);
    });
    let gone = false;
    const lost = (why: string) => {
      // 'error' is followed by 'exit': one replacement.
      if (gone) return;
      gone = true;
      for (const settle of slot.pending.values()) settle(null);
      slot.pending.clear();
      if (closing) return;
      const i = slots.indexOf(slot);
      if (++lostCount > MAX_LOST) {
        log.error(`read worker stopped (${why}); no more are started: pages are computed in-thread`);
        if (i >= 0) slots.splice(i, 1);
        return;
      }
      log.error(`read worker stopped (${why}); starting another`);
      if (i >= 0) slots[i] = spawn();
    };
    slot.worker.on('error', (err) => lost(err.message));
    slot.worker.on('exit', (code) => lost(`exit code ${code}`));
    // Never what keeps the process alive: close() ends them, and an exit without it takes them along.
    slot.worker.unref();
    return slot;
  }
  const slots = Array.from({ length: config.readWorkers }, spawn);

  return {
    scheduledMeeting(meetingId, now) {
      if (closing || slots.length === 0) return Promise.resolve(null);
      // The worker with the fewest pages in hand (ties in turn).
      const start = next++ % slots.length;
      let slot = slots[start] as Slot;
      for (let k = 1; k < slots.length; k++) {
        const other = slots[(start + k) % slots.length] as Slot;
        if (other.pending.size < slot.pending.size) slot = other;
      }
      const id = next;
      return new Promise<JsonText<MeetingView> | null>((resolve) => {
        slot.pending.set(id, resolve);
        slot.worker.postMessage({ id, meetingId, now: now.toISOString() } satisfies ReadRequest);
      });
    },
    async close() {
      closing = true;
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}

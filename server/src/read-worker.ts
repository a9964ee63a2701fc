/**
 * A read worker's thread (lib/read-workers.ts): a read-only connection to the database and the meeting
 * service over it, answering "the page of scheduled meeting N as of now" with its JSON text. Each page is
 * read in one transaction, so its rows, evidence and counts come from one committed state.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type { AppConfig } from './config.js';
import * as schema from './db/schema.js';
import type { ReadAnswer, ReadReady, ReadRequest } from './lib/read-workers.js';
import { createRepositories } from './repositories/index.js';
import { createMeetingService } from './services/meetings.js';

const { file, config } = workerData as { file: string; config: AppConfig };
const sqlite = new Database(file, { readonly: true, fileMustExist: true });
sqlite.pragma('busy_timeout = 5000');
const db = drizzle({ client: sqlite, schema });
let now = new Date();
const meetings = createMeetingService({
  db,
  sqlite,
  config,
  clock: () => now,
  repos: createRepositories(db),
});
const page = sqlite.transaction((meetingId: number) => meetings.scheduledText(meetingId));

parentPort?.on('message', (request: ReadRequest) => {
  now = new Date(request.now);
  let answer: ReadAnswer;
  try {
    answer = { id: request.id, text: page.deferred(request.meetingId) };
  } catch (err) {
    answer = { id: request.id, error: err instanceof Error ? err.message : String(err) };
  }
  parentPort?.postMessage(answer);
});
parentPort?.postMessage({ ready: true } satisfies ReadReady);

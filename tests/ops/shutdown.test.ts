/**
 * SIGTERM under load: the server stops accepting, closes its keep-alive connections, lets the requests in
 * flight finish (or cuts them, saying so), checkpoints the WAL and exits 0 within a few seconds — ten times.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openReadOnly, start, tempDir, writeUpdates } from './helpers.js';

const RUNS = 10;
const dataDir = tempDir();
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('SIGTERM under load', () => {
  it(`exits 0 within 5 seconds with the WAL checkpointed, ${RUNS} times, keeping every acknowledged update`, async () => {
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const server = await start(dataDir, { LOG_LEVEL: 'info' });
      const writer = await writeUpdates(server.base, `term r${run}`, 6);
      // Readers on keep-alive connections as well as the writers.
      let reading = true;
      const readers = Array.from({ length: 4 }, async () => {
        while (reading) {
          try {
            await (await fetch(`${server.base}/api/app-info`)).arrayBuffer();
          } catch {
            return;
          }
        }
      });
      while (writer.acknowledged.length < 3) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, Math.random() * 500));
      const sent = Date.now();
      server.child.kill('SIGTERM');
      const { code } = await server.exited;
      times.push(Date.now() - sent);
      reading = false;
      await Promise.all(readers);
      await writer.stop();
      expect(code, server.output()).toBe(0);
      expect(Date.now() - sent).toBeLessThan(5000);
      expect(server.output()).toMatch(/SIGTERM received; closing/);
      expect(server.output()).toMatch(/the database is checkpointed and closed/);
      const wal = path.join(dataDir, 'tracker.db-wal');
      expect(fs.existsSync(wal) ? fs.statSync(wal).size : 0).toBe(0);
      const db = openReadOnly(dataDir);
      try {
        const find = db.prepare('SELECT count(*) AS n FROM action_updates WHERE commentary = ?');
        expect(writer.acknowledged.filter((c) => (find.get(c) as { n: number }).n !== 1)).toEqual([]);
      } finally {
        db.close();
      }
    }
    console.log(`SIGTERM test: ${RUNS} runs, exit 0 each, in ${times.join(', ')} ms`);
  });
});

/**
 * SIGTERM under load: the server stops accepting, closes its keep-alive connections, lets the requests in
 * flight finish (or cuts them, saying so), checkpoints the WAL and exits 0 within a few seconds — ten times.
 */
import fs from 'node:fs';
import net from 'node:net';
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

  it('cuts short a request that does not finish within the grace period, logs it, and still exits 0', async () => {
    const server = await start(dataDir, { LOG_LEVEL: 'info' });
    // A sign-in whose body never arrives: in flight until the server gives up on it.
    const { port } = new URL(server.base);
    const socket = net.connect(Number(port), '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    socket.on('error', () => {});
    socket.write(
      'POST /api/auth/sign-in HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{"email":',
    );
    await new Promise((r) => setTimeout(r, 300));
    const sent = Date.now();
    server.child.kill('SIGTERM');
    const { code } = await server.exited;
    const took = Date.now() - sent;
    socket.destroy();
    expect(code, server.output()).toBe(0);
    expect(took).toBeGreaterThanOrEqual(2900);
    expect(took).toBeLessThan(6000);
    expect(server.output()).toMatch(/closing \(1 request\(s\) in flight\)/);
    expect(server.output()).toMatch(
      /"method":"POST","url":"\/api\/auth\/sign-in".*Shutdown: cut short a request that had not finished/,
    );
    expect(server.output()).toMatch(/the database is checkpointed and closed/);
  });
});

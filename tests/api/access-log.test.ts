import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/src/app.js';
import { testConfig } from '../../server/src/config.js';
import { seedDemo } from '../../server/src/setup/seed.js';
import { DEFAULT_NOW, DEMO_PASSWORD } from '../helpers/app.js';

const lines: Record<string, unknown>[] = [];
const raw: string[] = [];
const stream = new Writable({
  write(chunk: Buffer, _enc, done) {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      raw.push(line);
      lines.push(JSON.parse(line) as Record<string, unknown>);
    }
    done();
  },
});

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ipt-log-'));
let app: Awaited<ReturnType<typeof buildApp>>;
beforeAll(async () => {
  app = await buildApp({
    config: testConfig({ dataDir, logLevel: 'info' }),
    clock: () => new Date(DEFAULT_NOW),
    logger: { level: 'info', stream },
  });
  await seedDemo(app.services, { password: DEMO_PASSWORD, now: new Date(DEFAULT_NOW) });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the access log', () => {
  it('writes one info line per request: method, route, status, time, user id — no tokens or bodies', async () => {
    const agent = supertest.agent(app.server);
    const signIn = await agent
      .post('/api/auth/sign-in')
      .send({ email: 'chair@example.org', password: DEMO_PASSWORD });
    expect(signIn.status).toBe(200);
    const csrf = signIn.body.csrfToken as string;
    const userId = signIn.body.user.id as number;
    expect((await agent.get('/api/actions/1')).status).toBe(200);
    expect((await agent.get('/api/actions/999999')).status).toBe(404);

    const requests = lines.filter((l) => l.msg === 'request');
    expect(requests).toHaveLength(3);
    for (const l of requests) {
      expect(l.level).toBe(30); // info
      expect(typeof l.ms).toBe('number');
    }
    expect(requests[0]).toMatchObject({ method: 'POST', route: '/api/auth/sign-in', status: 200 });
    expect(requests[1]).toMatchObject({ method: 'GET', route: '/api/actions/:id', status: 200, userId });
    expect(requests[2]).toMatchObject({ method: 'GET', route: '/api/actions/:id', status: 404, userId });

    const all = raw.join('\n');
    expect(all).not.toContain(DEMO_PASSWORD);
    expect(all).not.toContain(csrf);
    const cookie = String(signIn.headers['set-cookie']).split(';')[0]!.split('=')[1]!;
    expect(all).not.toContain(cookie);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, signIn, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ demo: true });
});
afterAll(async () => {
  await t.close();
});

describe('route schemas compiled on first use', () => {
  it('leaves the validators and serializers uncompiled at start, and every one of them compiles', async () => {
    const before = t.app.schemaCompilers.pending();
    // Dozens of routes, each with params, query, body and several response schemas.
    expect(before).toBeGreaterThan(100);
    expect(t.app.schemaCompilers.compileAll()).toBe(before);
    expect(t.app.schemaCompilers.pending()).toBe(0);
  });

  it('the warm-up after listening compiles the rest, a few at a time', async () => {
    const fresh = await buildTestApp();
    try {
      const before = fresh.app.schemaCompilers.pending();
      expect(before).toBeGreaterThan(0);
      expect(await fresh.app.schemaCompilers.warmUp()).toBe(before);
      expect(fresh.app.schemaCompilers.pending()).toBe(0);
    } finally {
      await fresh.close();
    }
  });

  it('still validates and serializes: a wrong type is refused with its field named, an answer keeps its shape', async () => {
    const fresh = await buildTestApp({ demo: true });
    try {
      const chair = await signIn(fresh.app, 'chair@example.org');
      const pending = fresh.app.schemaCompilers.pending();
      const bad = await chair.agent.get('/api/plans/not-a-number');
      expect(bad.status).toBe(400);
      expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.stringify(bad.body)).toMatch(/id/);
      const me = await chair.agent.get('/api/auth/me');
      expect(me.status).toBe(200);
      expect(me.body.user.email).toBe('chair@example.org');
      // Serialization drops what the response schema does not name: no password hash leaves the server.
      expect(JSON.stringify(me.body)).not.toMatch(/argon2|passwordHash/);
      expect(fresh.app.schemaCompilers.pending()).toBeLessThan(pending);
    } finally {
      await fresh.close();
    }
  });
});

import { Validator } from '@seriousme/openapi-schema-validator';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
let doc: {
  openapi: string;
  paths: Record<
    string,
    Record<string, { parameters?: unknown[]; requestBody?: unknown; responses?: Record<string, unknown> }>
  >;
};
beforeAll(async () => {
  t = await buildTestApp();
  doc = (await supertest(t.app.server).get('/openapi.json')).body;
});
afterAll(async () => {
  await t.close();
});

describe('OpenAPI', () => {
  it('/openapi.json is a valid OpenAPI 3.1 document', async () => {
    expect(doc.openapi).toBe('3.1.0');
    const validator = new Validator();
    const result = await validator.validate(doc as unknown as Parameters<Validator['validate']>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('every operation declares its responses with schemas, and its request where it takes one', () => {
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ path, method, op })),
    );
    expect(operations.length).toBeGreaterThan(30);
    for (const { path, method, op } of operations) {
      const responses = Object.entries(op.responses ?? {});
      expect(responses.length, `${method} ${path} responses`).toBeGreaterThan(0);
      for (const [code, response] of responses) {
        const content = (response as { content?: Record<string, { schema?: unknown }> }).content;
        if (code === '204' || code === '304') continue; // no body, by definition
        expect(content, `${method} ${path} ${code} content`).toBeDefined();
        for (const media of Object.values(content ?? {}))
          expect(media.schema, `${method} ${path} ${code}`).toBeDefined();
      }
      // Commands with nothing to say (sign out, lock a meeting, unlock an account) take no body; every other
      // change does.
      const bodyless = ['/api/auth/sign-out', '/api/meetings/{id}/lock', '/api/users/{id}/unlock'].includes(
        path,
      );
      const takesBody = ['post', 'put', 'patch'].includes(method) && !bodyless;
      if (bodyless) expect(op.requestBody, `${method} ${path} takes no body`).toBeUndefined();
      if (takesBody) expect(op.requestBody, `${method} ${path} requestBody`).toBeDefined();
      if (path.includes('{id}')) expect(op.parameters, `${method} ${path} parameters`).toBeDefined();
      if (method !== 'get' || path.startsWith('/api/')) {
        const problem = Object.entries(op.responses ?? {}).find(([c]) => c.startsWith('4'));
        expect(problem, `${method} ${path} declares a 4xx problem`).toBeDefined();
      }
    }
  });

  it('serves the docs page at /docs', async () => {
    const res = await supertest(t.app.server).get('/docs/').redirects(1);
    expect(res.status).toBe(200);
    expect(res.text).toContain('swagger');
  });
});

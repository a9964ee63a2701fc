import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';

// ajv-formats is CommonJS with a default export.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

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

/** JSON with its object keys sorted: two schemas are the same when their stable forms are. */
function stable(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

function operations() {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({ path, method, op })),
  );
}

describe('OpenAPI', () => {
  it('/openapi.json is a valid OpenAPI 3.1 document', async () => {
    expect(doc.openapi).toBe('3.1.0');
    const validator = new Validator();
    const result = await validator.validate(doc as unknown as Parameters<Validator['validate']>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('every operation declares its responses with schemas, and its request where it takes one', () => {
    const sharedResponses = (doc as unknown as { components: { responses: Record<string, unknown> } })
      .components.responses;
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ path, method, op })),
    );
    expect(operations.length).toBeGreaterThan(30);
    for (const { path, method, op } of operations) {
      const responses = Object.entries(op.responses ?? {});
      expect(responses.length, `${method} ${path} responses`).toBeGreaterThan(0);
      for (const [code, declared] of responses) {
        const ref = (declared as { $ref?: string }).$ref;
        const response = ref ? sharedResponses[ref.split('/').at(-1)!] : declared;
        expect(response, `${method} ${path} ${code} ${ref}`).toBeDefined();
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

  it('names each shared schema once under components and never repeats one inline', () => {
    const components = (doc as unknown as { components: { schemas: Record<string, unknown> } }).components
      .schemas;
    expect(Object.keys(components)).toEqual(
      expect.arrayContaining(['ActionDetail', 'ActionPage', 'MeetingView', 'Problem', 'AuditPage']),
    );
    const canonical = new Map(Object.entries(components).map(([name, s]) => [stable(s), name]));
    const duplicates: string[] = [];
    const walk = (node: unknown, where: string, root: boolean): void => {
      if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${where}/${i}`, false));
      if (!node || typeof node !== 'object') return;
      const name = root ? undefined : canonical.get(stable(node));
      if (name) duplicates.push(`${where} repeats ${name}`);
      for (const [k, v] of Object.entries(node)) if (k !== 'example') walk(v, `${where}/${k}`, false);
    };
    walk(doc.paths, '#/paths', false);
    for (const [name, s] of Object.entries(components)) walk(s, `#/components/schemas/${name}`, true);
    expect(duplicates).toEqual([]);
    // Every reference resolves.
    const refs = JSON.stringify(doc).match(/"\$ref":"#\/components\/schemas\/[^"]+"/g) ?? [];
    for (const ref of new Set(refs))
      expect(components, ref).toHaveProperty([ref.split('/').at(-1)!.slice(0, -1)]);
  });

  it('answers every list in the one envelope, { items, total }', () => {
    const schemas = (doc as unknown as { components: { schemas: Record<string, { properties?: object }> } })
      .components.schemas;
    for (const { path, method, op } of operations()) {
      if (method !== 'get') continue;
      const ok = op.responses?.['200'] as
        { content?: Record<string, { schema: { type?: string } }> } | undefined;
      const schema = ok?.content?.['application/json']?.schema as
        { type?: string; $ref?: string } | undefined;
      expect(schema?.type, `GET ${path} answers a bare array`).not.toBe('array');
      const name = schema?.$ref?.split('/').at(-1) ?? '';
      if (/(List|Page|Queue)$/.test(name))
        expect(Object.keys(schemas[name]?.properties ?? {})).toEqual(
          expect.arrayContaining(['items', 'total']),
        );
    }
    const audit = doc.paths['/api/audit']!.get!.responses!['200'] as {
      content: Record<string, { schema: { $ref: string } }>;
    };
    expect(audit.content['application/json']!.schema.$ref).toBe('#/components/schemas/AuditPage');
  });

  it('gives every operation a unique operationId', () => {
    const ids = operations().map(({ op }) => (op as { operationId?: string }).operationId);
    expect(ids.every((id) => typeof id === 'string' && /^[a-z][A-Za-z]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(
      expect.arrayContaining(['getAction', 'listPlanActions', 'createActionUpdate', 'getMeeting']),
    );
  });

  it('requires If-Match, in the one ETag format, wherever 428 answers; declares ETag and Retry-After', () => {
    for (const { path, method, op } of operations()) {
      const o = op as {
        parameters?: { in: string; name: string; required?: boolean; description?: string }[];
      };
      const ifMatch = o.parameters?.find((p) => p.in === 'header' && p.name === 'if-match');
      if (op.responses?.['428']) {
        expect(ifMatch?.required, `${method} ${path}`).toBe(true);
        expect(ifMatch?.description, `${method} ${path}`).toContain('"<kind><id>-v<version>"');
        const ok = (op.responses['200'] ?? op.responses['201']) as {
          headers?: Record<string, unknown>;
          content?: Record<string, { schema?: { type?: string } }>;
        };
        // A change answered with the record carries its new ETag; one answered with a list (an order of
        // themes or recommendations) names no one record's version, and says none.
        if (ok.content?.['application/json']?.schema?.type === 'array')
          expect(ok.headers?.ETag, `${method} ${path} ETag`).toBeUndefined();
        else expect(ok.headers, `${method} ${path} ETag`).toHaveProperty('ETag');
      }
    }
    expect(
      (doc.paths['/api/plans/{id}/theme-order']!.put!.responses!['200'] as { headers?: object }).headers ??
        {},
    ).not.toHaveProperty('ETag');
    const getAction = doc.paths['/api/actions/{id}']!.get!.responses as Record<string, { headers?: object }>;
    expect(getAction['200']!.headers).toHaveProperty('ETag');
    const components = doc as unknown as {
      components: { responses: Record<string, { headers?: object }>; headers: Record<string, unknown> };
    };
    expect(components.components.responses.Problem503!.headers).toHaveProperty('Retry-After');
    expect(components.components.headers).toHaveProperty('ETag');
    for (const path of ['/api/plans', '/api/sources', '/api/recommendations', '/api/users', '/api/leads']) {
      const createdOk = doc.paths[path]!.post!.responses!['201'] as { headers?: object };
      expect(createdOk.headers, `POST ${path} Location`).toHaveProperty('Location');
    }
  });

  it('declares each export format by its real media type, as an attachment', () => {
    const ok = doc.paths['/api/plans/{id}/export']!.get!.responses!['200'] as {
      headers: Record<string, unknown>;
      content: Record<string, unknown>;
    };
    expect(Object.keys(ok.content).sort()).toEqual([
      'application/json',
      'application/pdf',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'text/csv',
    ]);
    expect(ok.headers).toHaveProperty('Content-Disposition');
  });

  it('gives the main operations examples that their own schemas accept', () => {
    const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
    ajv.addSchema({ $id: 'openapi', components: (doc as unknown as { components: object }).components });
    const ref = (schema: { $ref?: string }) => ({ $ref: `openapi${schema.$ref ?? ''}` });
    const wanted = ['listPlanActions', 'getAction', 'createActionUpdate', 'getMeeting', 'exportPlan'];
    const seen: string[] = [];
    for (const { op } of operations()) {
      const o = op as {
        operationId: string;
        requestBody?: { content: Record<string, { schema: { $ref?: string }; example?: unknown }> };
        responses: Record<
          string,
          { content?: Record<string, { schema: { $ref?: string }; example?: unknown }> }
        >;
      };
      const media = [
        o.requestBody?.content['application/json'],
        (o.responses['200'] ?? o.responses['201'])?.content?.['application/json'],
      ];
      for (const m of media) {
        if (m?.example === undefined) continue;
        seen.push(o.operationId);
        const validate = ajv.compile(ref(m.schema));
        expect(validate(m.example), `${o.operationId}: ${JSON.stringify(validate.errors)}`).toBe(true);
      }
    }
    expect([...new Set(seen)].sort()).toEqual(wanted.sort());
  });

  it('serves the docs page at /docs', async () => {
    const res = await supertest(t.app.server).get('/docs/').redirects(1);
    expect(res.status).toBe(200);
    expect(res.text).toContain('swagger');
  });
});

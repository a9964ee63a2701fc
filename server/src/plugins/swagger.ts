/** OpenAPI 3.1 from the routes' own schemas, at /openapi.json, with a docs page at /docs. */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi, { type FastifySwaggerUiOptions } from '@fastify/swagger-ui';
import { Type } from '@sinclair/typebox';
import * as sharedSchemas from '@ipt/shared/schemas';
import { SESSION_COOKIE } from './auth.js';
import { describeOperations } from './openapi-operations.js';
import { namedSchemas, referenceNamedSchemas } from './openapi-refs.js';

/** The schemas with an `$id`: each is one entry of `components.schemas`. */
const NAMED = namedSchemas([sharedSchemas]);

/**
 * "Try it out" signed in: before each request that changes something, asks the API for this session's CSRF
 * token and sends it as X-CSRF-Token (unless the person typed one). Runs in the browser: swagger-ui-dist is
 * given this function's source, so it must stand alone.
 */
type Interceptor = NonNullable<NonNullable<FastifySwaggerUiOptions['uiConfig']>['requestInterceptor']>;
const sendCsrfToken: Interceptor = function (request) {
  const method = String(request.method ?? 'GET').toUpperCase();
  const headers = (request.headers ?? {}) as Record<string, string>;
  request.headers = headers;
  if (!['POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) return request;
  if (headers['X-CSRF-Token'] || headers['x-csrf-token']) return request;
  // eslint-disable-next-line no-restricted-globals -- runs in the swagger-ui page, which has no client/src/api
  return fetch('/api/auth/me', { credentials: 'same-origin', headers: { accept: 'application/json' } })
    .then((res) => (res.ok ? (res.json() as Promise<{ csrfToken?: string }>) : null))
    .then((session) => {
      if (session?.csrfToken) headers['X-CSRF-Token'] = session.csrfToken;
      return request;
    })
    .catch(() => request);
};

export default fp(
  async function swaggerPlugin(app: FastifyInstance) {
    await app.register(fastifySwagger, {
      // A schema with an `$id` (shared/src/schemas) is emitted once, under that name, and referenced.
      refResolver: {
        buildLocalReference: (json, _baseUri, _fragment, i) =>
          typeof json.$id === 'string' ? json.$id : `def-${i}`,
      },
      openapi: {
        openapi: '3.1.0',
        info: {
          title: 'Improvement Plan Tracker API',
          version: '1.0.0',
          description:
            "Runs a council's children's services improvement plan after an Ofsted inspection: recommendations, " +
            'actions, progress updates, RAG per improvement-board meeting, evidence and progress summaries.\n\n' +
            'Sign in with `POST /api/auth/sign-in`; the session is a cookie. Every request that changes something ' +
            'sends the `csrfToken` of `GET /api/auth/me` as the `X-CSRF-Token` header. Every change to a versioned ' +
            'record (action, plan, theme, area, source, recommendation, meeting, evidence review) sends its ' +
            '`ETag` as `If-Match`: 428 without it, 412 if it is stale. Ids are plain digits; text is ' +
            'well-formed Unicode and not only spaces. Errors are `application/problem+json` (RFC 9457).',
        },
        tags: [
          { name: 'auth', description: 'Sign in, sign out, who am I' },
          { name: 'users', description: 'Accounts and the leads of actions' },
          { name: 'plans', description: 'Improvement plans, their themes and areas' },
          { name: 'sources', description: 'Inspection reports, directions and their recommendations' },
          { name: 'actions', description: 'The actions of a plan' },
          { name: 'progress', description: 'Updates, timeframe changes, sign-off and the chair’s lists' },
          {
            name: 'meetings',
            description: 'Board meetings: RAG as of each papers cut-off, frozen when locked',
          },
          {
            name: 'board record',
            description:
              'The board’s record of a meeting: narrative, risk register, decisions, board actions, matters arising',
          },
          { name: 'evidence', description: 'What proves an action is done, and that it made a difference' },
          { name: 'exports', description: 'Progress summaries for the Department: DOCX, PDF, XLSX, CSV' },
          {
            name: 'indicators',
            description:
              'Performance indicators: targets, comparators, values, the scorecard frozen at each meeting',
          },
          {
            name: 'imports',
            description:
              'A council’s plan from CSV, Excel or Word; recommendations from the letter; roll-over',
          },
          { name: 'audit', description: 'Who changed what' },
          { name: 'health', description: 'Liveness' },
        ],
        components: {
          securitySchemes: {
            session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
            csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
          },
        },
      },
      transformObject: (documentObject) =>
        describeOperations(
          referenceNamedSchemas((documentObject as { openapiObject: object }).openapiObject, NAMED),
        ),
      transform: ({ schema, url, route }) => {
        const config = route.config as { access?: unknown; multipartBody?: object } | undefined;
        const access = config?.access;
        if (schema && config?.multipartBody) schema = { ...schema, body: config.multipartBody };
        if (!schema || access === 'public' || access === undefined) return { schema, url };
        const unsafe = ['POST', 'PUT', 'PATCH', 'DELETE'].includes(String(route.method));
        return {
          schema: { ...schema, security: [unsafe ? { session: [], csrf: [] } : { session: [] }] },
          url,
        };
      },
    });
    await app.register(fastifySwaggerUi, {
      routePrefix: '/docs',
      staticCSP: true,
      uiConfig: { docExpansion: 'list', deepLinking: true, requestInterceptor: sendCsrfToken },
    });

    app.get(
      '/openapi.json',
      {
        config: { access: 'public' },
        schema: { hide: true, response: { 200: Type.Object({}, { additionalProperties: true }) } },
      },
      async () => app.swagger(),
    );
  },
  { name: 'swagger' },
);

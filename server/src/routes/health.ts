import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { Problem } from '@ipt/shared/schemas';

/** How long a storage fault met by a request keeps /healthz failing after the last one. */
const FAULT_WINDOW_MS = 60_000;

const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/healthz',
    {
      config: { access: 'public' },
      schema: {
        tags: ['health'],
        summary:
          'Answers 200 only when the database answers, its folders can be written and have free space, and no write has met a storage fault in the last minute',
        response: {
          200: Type.Object({ status: Type.Literal('ok'), database: Type.Literal('ok') }),
          503: {
            description: 'Something the service needs is failing; `errors` lists each',
            content: { 'application/problem+json': { schema: Problem } },
          },
        },
      },
    },
    async (request, reply) => {
      const { failing, databaseError } = app.services.health.check();
      if (databaseError)
        request.log.error({ err: databaseError }, 'health check: the database does not answer');
      const fault = app.storageFaults.recent(FAULT_WINDOW_MS);
      if (fault)
        failing.push({
          path: 'storage',
          message: `A write failed with ${fault.code} at ${fault.at.toISOString()}.`,
        });
      if (failing.length === 0) return { status: 'ok' as const, database: 'ok' as const };
      request.log.error({ failing }, 'health check failed');
      return reply
        .code(503)
        .header('content-type', 'application/problem+json; charset=utf-8')
        .send({
          type: 'urn:ipt:problem:unavailable',
          title: 'The service is not healthy',
          status: 503,
          detail: failing.map((f) => f.message).join(' '),
          errors: failing,
        });
    },
  );
};

export default healthRoutes;

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { Problem } from '@ipt/shared/schemas';

const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/healthz',
    {
      config: { access: 'public' },
      schema: {
        tags: ['health'],
        summary: 'Answers 200 only when the database answers',
        response: {
          200: Type.Object({ status: Type.Literal('ok'), database: Type.Literal('ok') }),
          503: {
            description: 'The database does not answer',
            content: { 'application/problem+json': { schema: Problem } },
          },
        },
      },
    },
    async (request, reply) => {
      try {
        const row = app.sqlite.prepare('SELECT 1 AS ok').get() as { ok: number } | undefined;
        if (row?.ok !== 1) throw new Error('unexpected answer');
        return { status: 'ok' as const, database: 'ok' as const };
      } catch (err) {
        request.log.error({ err }, 'health check failed');
        return reply.code(503).header('content-type', 'application/problem+json; charset=utf-8').send({
          type: 'urn:ipt:problem:unavailable',
          title: 'Database unavailable',
          status: 503,
          detail: 'The database does not answer.',
        });
      }
    },
  );
};

export default healthRoutes;

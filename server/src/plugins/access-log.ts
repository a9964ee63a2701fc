/**
 * The access log: one line per request at `info` — method, route (the pattern, not the address, so no ids
 * or query values), status, time taken and the signed-in user's id. Never headers, cookies, tokens or bodies.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export default fp(
  async function accessLogPlugin(app: FastifyInstance) {
    app.addHook('onResponse', (request, reply, done) => {
      request.log.info(
        {
          method: request.method,
          route: request.routeOptions.url ?? 'unmatched',
          status: reply.statusCode,
          ms: Math.round(reply.elapsedTime * 10) / 10,
          userId: request.actor?.id ?? null,
        },
        'request',
      );
      done();
    });
  },
  { name: 'access-log', dependencies: ['auth'] },
);

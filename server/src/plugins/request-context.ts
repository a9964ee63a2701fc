/** Runs each request inside its origin (address, user agent) so every audit row it writes carries them. */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { requestOrigins } from '../lib/request-context.js';

export default fp(
  async function requestContextPlugin(app: FastifyInstance) {
    app.addHook('onRequest', (request, _reply, done) => {
      const ua = request.headers['user-agent'];
      requestOrigins.run(
        { address: request.ip ?? null, userAgent: typeof ua === 'string' ? ua.slice(0, 300) : null },
        done,
      );
    });
  },
  { name: 'request-context' },
);

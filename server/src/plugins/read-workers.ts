import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { startReadWorkers, type ReadWorkers } from '../lib/read-workers.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Threads computing scheduled meetings' pages; null where they are computed in the request's thread. */
    readWorkers: ReadWorkers | null;
  }
}

export default fp(
  async function readWorkersPlugin(app: FastifyInstance) {
    const workers = startReadWorkers(app.config, app.log);
    app.decorate('readWorkers', workers);
    // Ended before the server stops taking requests and the database is checkpointed and closed (a page
    // asked of them after that is computed in the request's thread).
    app.addHook('preClose', async () => workers?.close());
  },
  { name: 'read-workers', dependencies: ['services'] },
);

/**
 * Answers the busiest reads again without recomputing them, when nothing they depend on can have changed:
 * the same address, read by the same role and lead, in the same second (RAGs are rated "now", so a due date
 * or a papers cut-off passing is seen within a second), with no write committed since. Any write — an update,
 * a decision, an archive, a lock — starts a new generation, so a change is always seen by the next read.
 *
 * Routes opt in with `config: { readCache: true }`; only 200 answers of signed-in GETs are kept. A request
 * with `Cache-Control: no-cache` is always computed afresh (and its answer kept for the next reader).
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { writeGeneration } from '../db/client.js';
import { Lru } from '../lib/lru.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    readCache?: boolean;
  }
  interface FastifyRequest {
    readCacheKey: string | null;
  }
}

interface Kept {
  body: string;
  etag: string | undefined;
}

export default fp(
  async function readCachePlugin(app: FastifyInstance) {
    const kept = new Lru<string, Kept>(500);
    app.decorateRequest('readCacheKey', null);

    app.addHook('preHandler', async (request, reply) => {
      if (!request.routeOptions.config.readCache || request.method !== 'GET' || !request.actor)
        return undefined;
      const second = Math.floor(app.clock().getTime() / 1000);
      const { role, leadId } = request.actor;
      const key = `${writeGeneration(app.sqlite)}|${second}|${role}|${leadId ?? ''}|${request.url}`;
      const fresh = /\bno-cache\b/i.test(String(request.headers['cache-control'] ?? ''));
      const hit = fresh ? undefined : kept.get(key);
      if (!hit) {
        request.readCacheKey = key;
        return undefined;
      }
      if (hit.etag) reply.header('etag', hit.etag);
      return reply.header('content-type', 'application/json; charset=utf-8').send(hit.body);
    });

    app.addHook('onSend', async (request, reply, payload) => {
      if (request.readCacheKey && reply.statusCode === 200 && typeof payload === 'string') {
        const etag = reply.getHeader('etag');
        kept.set(request.readCacheKey, { body: payload, etag: typeof etag === 'string' ? etag : undefined });
      }
      return payload;
    });
  },
  { name: 'read-cache', dependencies: ['auth', 'services'] },
);

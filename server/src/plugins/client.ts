/**
 * Serves the built client from the same process. Hashed assets are cached for a year; index.html never is,
 * and any GET for a page route the API does not know (a deep link, a reload) gets index.html.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';

export default fp<{ dir: string }>(
  async function clientPlugin(app: FastifyInstance, opts) {
    const index = path.join(opts.dir, 'index.html');
    if (!fs.existsSync(index)) {
      app.log.warn(`No built client at ${opts.dir}; run "npm run build". Serving the API only.`);
      return;
    }
    await app.register(fastifyStatic, {
      root: opts.dir,
      wildcard: false,
      index: false,
      // @fastify/static 10 passes the fastify reply here (9 passed the raw response).
      setHeaders(reply, filePath) {
        if (filePath.includes(`${path.sep}assets${path.sep}`)) {
          void reply.header('cache-control', 'public, max-age=31536000, immutable');
        } else {
          void reply.header('cache-control', 'no-cache');
        }
      },
    });
    app.decorate('notFoundFallback', (request, reply) => {
      const url = request.url.split('?')[0] ?? '/';
      const isPage =
        (request.method === 'GET' || request.method === 'HEAD') &&
        !url.startsWith('/api') &&
        !url.startsWith('/docs') &&
        !url.startsWith('/assets/') &&
        !path.extname(url);
      if (!isPage) return undefined;
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    });
  },
  { name: 'client' },
);

/**
 * Security headers for every response: a strict CSP for the client, no framing, no sniffing; and nothing the
 * API answers (signed-in data, problems included) is kept by a browser or proxy cache.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import fastifyHelmet from '@fastify/helmet';

export default fp(
  async function securityPlugin(app: FastifyInstance) {
    await app.register(fastifyHelmet, {
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          'style-src': ["'self'"],
          'img-src': ["'self'", 'data:'],
          'font-src': ["'self'"],
          'connect-src': ["'self'"],
          'object-src': ["'none'"],
          'base-uri': ["'none'"],
          'form-action': ["'self'"],
          'frame-ancestors': ["'none'"],
        },
      },
      crossOriginEmbedderPolicy: false,
      // HSTS only makes sense over HTTPS, which a reverse proxy provides; it sets its own.
      strictTransportSecurity: false,
    });
    app.addHook('onSend', (request, reply, _payload, done) => {
      if (request.url.startsWith('/api') && !reply.hasHeader('cache-control'))
        reply.header('cache-control', 'no-store');
      done();
    });
  },
  { name: 'security' },
);

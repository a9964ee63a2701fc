/**
 * Security headers for every response: a strict CSP for the client, no framing, no sniffing; and nothing the
 * API answers (signed-in data, problems included) is kept by a browser or proxy cache.
 *
 * The headers are the same on every response, so they are written out once here and set by one callback hook
 * — not built by a middleware on each request (helmet parsed its CSP directives and ran a function per header
 * every time). A route that needs its own (an evidence file's sandbox CSP, its own Cache-Control) sets it
 * later and replaces these.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join(';');

/** Sent with every response. No Strict-Transport-Security: HTTPS is the reverse proxy's, and it sets its own. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy': CSP,
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
});

/** The API's answers also say `no-store`, unless the route sets a Cache-Control of its own. */
export const API_HEADERS = Object.freeze({ ...SECURITY_HEADERS, 'cache-control': 'no-store' });

export default fp(
  async function securityPlugin(app: FastifyInstance) {
    app.addHook('onRequest', (request, reply, done) => {
      reply.headers(request.url.startsWith('/api') ? API_HEADERS : SECURITY_HEADERS);
      done();
    });
  },
  { name: 'security' },
);

/**
 * Sign-in sessions, the access rule every route declares, and CSRF protection — one mechanism for all.
 *
 * Each route says who may call it in `config.access`: 'public', 'signed-in', or a list of roles. A route
 * under /api without a rule (or without response schemas) stops the app from starting. The check runs in
 * onRequest, before the body is read. Requests that change something must carry the session's CSRF token
 * in `X-CSRF-Token`; public ones (sign-in) must come from our own origin when the browser says where from.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import fastifyCookie from '@fastify/cookie';
import { ROLE_HOLDERS, ROLE_LABELS, type Role } from '@ipt/shared';
import { problem } from '../lib/problems.js';
import type { Actor } from '../lib/types.js';
import type { ResolvedSession } from '../services/auth.js';

export type AccessRule = 'public' | 'signed-in' | readonly Role[];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: AccessRule;
    /** Open to a person who signed in with a one-time password and has not yet changed it. */
    beforePasswordChange?: boolean;
    /** For the OpenAPI document only: the fields of a multipart/form-data request. */
    multipartBody?: unknown;
  }
  interface FastifyRequest {
    actor: Actor | null;
    session: ResolvedSession | null;
  }
}

export const SESSION_COOKIE = 'ipt_session';
export const CSRF_HEADER = 'x-csrf-token';
export const SESSION_EXPIRES_HEADER = 'x-session-expires';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The signed-in actor of a route that requires one (the access rule has already run). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw problem.unauthorised();
  return request.actor;
}

function sameOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (!origin) return true; // not a browser cross-site request: browsers send Origin on cross-site POSTs
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}

function describe(roles: readonly Role[]): string {
  const names = roles.map((r) => ROLE_HOLDERS[r]);
  return names.length <= 1 ? (names[0] ?? 'nobody') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

export default fp(
  async function authPlugin(app: FastifyInstance) {
    await app.register(fastifyCookie);
    app.decorateRequest('actor', null);
    app.decorateRequest('session', null);

    app.addHook('onRoute', (route) => {
      const url = route.url;
      if (!url.startsWith('/api') && url !== '/healthz') return;
      const access = (route.config as { access?: AccessRule } | undefined)?.access;
      if (access === undefined)
        throw new Error(`${String(route.method)} ${url} declares no access rule (config.access)`);
      if (!route.schema?.response)
        throw new Error(`${String(route.method)} ${url} declares no response schema`);
    });

    // The per-request hook takes a callback rather than return a promise: a promise and a turn of the
    // microtask queue less on every request (a throw is still answered as the error it is).
    app.addHook('onRequest', (request, reply, done) => {
      admit(request, reply);
      done();
    });

    /** Resolves the session and applies the route's access rule; throws the problem when refused. */
    function admit(request: FastifyRequest, reply: FastifyReply): void {
      const rule = request.routeOptions.config.access;
      if (rule === undefined) return;
      const token = request.cookies[SESSION_COOKIE];
      if (token) {
        const session = app.services.auth.resolve(token);
        if (session) {
          request.session = session;
          request.actor = session.actor;
          // Tells the client when the session now ends, so it can warn before the idle limit: on every
          // answer to a signed-in request, refusals included.
          reply.header(SESSION_EXPIRES_HEADER, session.expiresAt);
        }
      }
      const unsafe = UNSAFE.has(request.method);
      if (rule === 'public') {
        if (unsafe && !sameOrigin(request))
          throw problem.forbidden('This request came from another site and was refused.');
        return;
      }
      if (!request.session || !request.actor) throw problem.unauthorised();
      if (Array.isArray(rule) && !rule.includes(request.actor.role)) {
        throw problem.forbidden(
          `Your role (${ROLE_LABELS[request.actor.role]}) cannot do this; it is for ${describe(rule as readonly Role[])}.`,
        );
      }
      if (unsafe) {
        const sent = request.headers[CSRF_HEADER];
        if (!app.services.auth.checkCsrf(request.session, typeof sent === 'string' ? sent : undefined)) {
          throw problem.forbidden(
            `The ${sent ? 'X-CSRF-Token header does not match your session' : 'X-CSRF-Token header is missing'}. Send the csrfToken from GET /api/auth/me.`,
          );
        }
      }
      if (request.session.mustChangePassword && !request.routeOptions.config.beforePasswordChange) {
        throw problem.passwordChangeRequired();
      }
    }
  },
  { name: 'auth', dependencies: ['services'] },
);

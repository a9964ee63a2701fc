import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ChangePasswordBody, Session, SignInBody } from '@ipt/shared/schemas';
import { problem } from '../lib/problems.js';
import { SESSION_COOKIE } from '../plugins/auth.js';
import { NoContent, problems } from './http.js';

const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const signInLimit = app.config.signInRateLimit;

  app.post(
    '/sign-in',
    {
      config: {
        access: 'public',
        rateLimit: {
          max: signInLimit.max,
          timeWindow: signInLimit.windowSeconds * 1000,
          hook: 'preHandler',
          keyGenerator: (req) => {
            const email = (req.body as { email?: unknown } | undefined)?.email;
            return `${req.ip}|${typeof email === 'string' ? email.trim().toLowerCase() : ''}`;
          },
          errorResponseBuilder: (_req, ctx) =>
            problem.tooManyRequests(
              `Too many sign-in attempts. Wait ${Math.ceil(ctx.ttl / 1000)} seconds and try again.`,
              Math.ceil(ctx.ttl / 1000),
            ),
        },
      },
      schema: {
        operationId: 'signIn',
        tags: ['auth'],
        summary: 'Sign in with email and password',
        description: 'Sets the session cookie (HttpOnly, SameSite=Lax; Secure over HTTPS).',
        body: SignInBody,
        response: { 200: Session, ...problems(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      const ua = request.headers['user-agent'];
      const { token, session } = await app.services.auth.signIn(request.body.email, request.body.password, {
        address: request.ip ?? null,
        userAgent: typeof ua === 'string' ? ua.slice(0, 300) : null,
      });
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: request.protocol === 'https',
        expires: new Date(Date.now() + app.config.sessionMaxHours * 3_600_000),
      });
      return session;
    },
  );

  app.post(
    '/sign-out',
    {
      config: { access: 'signed-in', beforePasswordChange: true },
      schema: {
        operationId: 'signOut',
        tags: ['auth'],
        summary: 'Sign out: ends this session',
        response: { 204: NoContent, ...problems(401, 403) },
      },
    },
    async (request, reply) => {
      if (request.session) app.services.auth.signOut(request.session);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/me',
    {
      config: { access: 'signed-in', beforePasswordChange: true },
      schema: {
        operationId: 'getSession',
        tags: ['auth'],
        summary: 'The signed-in user and the CSRF token for this session',
        response: { 200: Session, ...problems(401) },
      },
    },
    async (request) => {
      if (!request.session) throw problem.unauthorised();
      return app.services.auth.sessionOf(request.session);
    },
  );

  app.post(
    '/password',
    {
      config: {
        access: 'signed-in',
        beforePasswordChange: true,
        rateLimit: {
          max: signInLimit.max,
          timeWindow: signInLimit.windowSeconds * 1000,
          hook: 'preHandler',
          keyGenerator: (req) => `password|${req.actor?.id ?? req.ip}`,
          errorResponseBuilder: (_req, ctx) =>
            problem.tooManyRequests(
              `Too many attempts. Wait ${Math.ceil(ctx.ttl / 1000)} seconds and try again.`,
              Math.ceil(ctx.ttl / 1000),
            ),
        },
      },
      schema: {
        operationId: 'changePassword',
        tags: ['auth'],
        summary: 'Change your own password',
        description:
          'Your current password, then a new one: at least 12 characters, not one of the most common passwords. ' +
          'Your other sessions end; this one goes on. Answers the session as it now is.',
        body: ChangePasswordBody,
        response: { 200: Session, ...problems(400, 401, 403, 412, 429) },
      },
    },
    async (request) => {
      if (!request.session || !request.actor) throw problem.unauthorised();
      await app.services.users.changeOwnPassword(request.actor, request.session.idHash, request.body);
      return app.services.auth.sessionOf({ ...request.session, mustChangePassword: false });
    },
  );
};

export default authRoutes;

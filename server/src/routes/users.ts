import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  AccountSignInThrottle,
  ClearSignInThrottleQuery,
  CreateLeadBody,
  CreateUserBody,
  IdParams,
  Lead,
  Page,
  SignInThrottleEntry,
  ThrottleCleared,
  UpdateUserBody,
  User,
  UserListQuery,
} from '@ipt/shared/schemas';
import { actorOf } from '../plugins/auth.js';
import { problems, READ_PROBLEMS, WRITE_PROBLEMS } from './http.js';

const userRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const users = app.services.users;

  app.get(
    '/users',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['users'],
        summary: 'Accounts',
        querystring: UserListQuery,
        response: { 200: Page(User, 'UserPage'), ...problems(...READ_PROBLEMS) },
      },
    },
    async (request) => users.list(request.query),
  );

  app.post(
    '/users',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['users'],
        summary: 'Open an account',
        body: CreateUserBody,
        response: { 201: User, ...problems(...WRITE_PROBLEMS) },
      },
    },
    async (request, reply) => reply.code(201).send(await users.create(actorOf(request), request.body)),
  );

  app.get(
    '/users/:id',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['users'],
        summary: 'One account',
        params: IdParams,
        response: { 200: User, ...problems(...READ_PROBLEMS) },
      },
    },
    async (request) => users.get(request.params.id),
  );

  app.patch(
    '/users/:id',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['users'],
        summary: 'Change an account: name, role, close it (active: false), reset its password',
        description: 'Closing an account, changing its role or resetting its password ends its sessions.',
        params: IdParams,
        body: UpdateUserBody,
        response: { 200: User, ...problems(...WRITE_PROBLEMS) },
      },
    },
    async (request) => users.update(actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/users/:id/sign-in-throttle',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['users'],
        summary: 'What slows sign-in to an account: wrong passwords counted against it, by address',
        params: IdParams,
        response: { 200: AccountSignInThrottle, ...problems(...READ_PROBLEMS) },
      },
    },
    async (request) => app.services.auth.throttleOf(request.params.id),
  );

  app.delete(
    '/users/:id/sign-in-throttle',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['users'],
        summary: 'Forget the wrong passwords counted against an account, from every address (audited)',
        params: IdParams,
        response: { 200: ThrottleCleared, ...problems(...WRITE_PROBLEMS) },
      },
    },
    async (request) => app.services.auth.clearThrottle(actorOf(request), { userId: request.params.id }),
  );

  app.get(
    '/sign-in-throttles',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['users'],
        summary: 'Every address and account that wrong passwords are currently counted against',
        response: { 200: Type.Array(SignInThrottleEntry), ...problems(401, 403) },
      },
    },
    async () => app.services.auth.throttled(),
  );

  app.delete(
    '/sign-in-throttles',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['users'],
        summary: 'Forget the wrong passwords counted against a source address (audited)',
        querystring: ClearSignInThrottleQuery,
        response: { 200: ThrottleCleared, ...problems(...WRITE_PROBLEMS) },
      },
    },
    async (request) => app.services.auth.clearThrottle(actorOf(request), { address: request.query.address }),
  );

  app.get(
    '/leads',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['users'],
        summary: 'Who can lead actions: officers, teams and partner agencies',
        response: { 200: Type.Array(Lead), ...problems(401) },
      },
    },
    async () => users.leads(),
  );

  app.post(
    '/leads',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['users'],
        summary: 'Add a lead (an officer with an account, or a team or partner without one)',
        body: CreateLeadBody,
        response: { 201: Lead, ...problems(...WRITE_PROBLEMS) },
      },
    },
    async (request, reply) => reply.code(201).send(users.createLead(actorOf(request), request.body)),
  );
};

export default userRoutes;

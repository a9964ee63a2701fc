import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AccountSignInThrottle,
  ClearSignInThrottleQuery,
  CreateLeadBody,
  CreateUserBody,
  IdParams,
  Lead,
  LeadList,
  LeadListQuery,
  ReasonBody,
  ResetPasswordBody,
  SignInThrottleList,
  ThrottleCleared,
  UpdateLeadBody,
  UpdateUserBody,
  User,
  UserListQuery,
  UserPage,
  UserWithPassword,
} from '@ipt/shared/schemas';
import { actorOf } from '../plugins/auth.js';
import {
  created,
  listOf,
  problems,
  READ_PROBLEMS,
  requireIfMatch,
  sendCreated,
  sendVersioned,
  setEtag,
  versionedChange,
  versionedRead,
  WRITE_PROBLEMS,
} from './http.js';

const IF_MATCH = 'Send the ETag of the account as If-Match: 428 without it, 412 if someone changed it since.';
const LEAD_IF_MATCH =
  'Send the ETag of the lead as If-Match: 428 without it, 412 if someone changed it since.';

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
        response: { 200: UserPage, ...problems(...READ_PROBLEMS) },
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
        summary: 'Open an account with a one-time password',
        description:
          'Type the one-time password, or leave it out and the answer carries one made for you (shown this once). ' +
          'The person must choose their own password at first sign-in.',
        body: CreateUserBody,
        response: { 201: created(UserWithPassword), ...problems(...WRITE_PROBLEMS) },
      },
    },
    async (request, reply) => {
      const user = await users.create(actorOf(request), request.body);
      setEtag(reply, 'user', user.id, user.version);
      return sendCreated(reply, user, `/api/users/${user.id}`);
    },
  );

  app.get(
    '/users/:id',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['users'],
        summary: 'One account',
        description: 'The ETag header names this version; send it as If-Match to change the account.',
        params: IdParams,
        ...versionedRead(User),
      },
    },
    async (request, reply) => {
      const user = users.get(request.params.id);
      return sendVersioned(reply, 'user', user);
    },
  );

  app.patch(
    '/users/:id',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['users'],
        summary: 'Change an account: name, job title, role, the lead it holds; deactivate or reactivate it',
        description: `Deactivating an account or changing its role ends its sessions. ${IF_MATCH}`,
        params: IdParams,
        body: UpdateUserBody,
        ...versionedChange(User),
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const version = requireIfMatch(request, 'user', id);
      const user = users.update(actorOf(request), id, version, request.body);
      return sendVersioned(reply, 'user', user);
    },
  );

  app.post(
    '/users/:id/reset-password',
    {
      config: { access: ['admin'] },
      schema: {
        operationId: 'resetUserPassword',
        tags: ['users'],
        summary: 'Reset a password: a new one-time password, the lock lifted, its sessions ended',
        description: `Type the one-time password, or send {} and the answer carries one made for you (shown this once). ${IF_MATCH}`,
        params: IdParams,
        body: ResetPasswordBody,
        ...versionedChange(UserWithPassword),
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const version = requireIfMatch(request, 'user', id);
      const user = await users.resetPassword(actorOf(request), id, version, request.body);
      return sendVersioned(reply, 'user', user);
    },
  );

  app.post(
    '/users/:id/unlock',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['users'],
        summary: 'Clear the wrong passwords counted against an account (lifts its sign-in delay)',
        description: IF_MATCH,
        params: IdParams,
        ...versionedChange(User),
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const version = requireIfMatch(request, 'user', id);
      const user = users.unlock(actorOf(request), id, version);
      return sendVersioned(reply, 'user', user);
    },
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
        response: { 200: SignInThrottleList, ...problems(401, 403) },
      },
    },
    async () => listOf(app.services.auth.throttled()),
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
        querystring: LeadListQuery,
        response: { 200: LeadList, ...problems(400, 401) },
      },
    },
    async (request) => listOf(users.leads(request.query)),
  );

  app.get(
    '/leads/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['users'],
        summary: 'One lead',
        description: 'The ETag header names this version; send it as If-Match to change the lead.',
        params: IdParams,
        ...versionedRead(Lead),
      },
    },
    async (request, reply) => {
      const lead = users.getLead(request.params.id);
      return sendVersioned(reply, 'lead', lead);
    },
  );

  app.post(
    '/leads',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['users'],
        summary: 'Add a lead (an officer with an account, or a team or partner without one)',
        body: CreateLeadBody,
        response: { 201: created(Lead), ...problems(...WRITE_PROBLEMS) },
      },
    },
    async (request, reply) => {
      const lead = users.createLead(actorOf(request), request.body);
      setEtag(reply, 'lead', lead.id, lead.version);
      return sendCreated(reply, lead, `/api/leads/${lead.id}`);
    },
  );

  app.patch(
    '/leads/:id',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['users'],
        summary: 'Rename a lead, or change its kind',
        description: LEAD_IF_MATCH,
        params: IdParams,
        body: UpdateLeadBody,
        ...versionedChange(Lead),
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const version = requireIfMatch(request, 'lead', id);
      const lead = users.updateLead(actorOf(request), id, version, request.body);
      return sendVersioned(reply, 'lead', lead);
    },
  );

  app.post(
    '/leads/:id/archive',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['users'],
        summary: 'Archive a lead that leads no live action (nothing is deleted)',
        description: LEAD_IF_MATCH,
        params: IdParams,
        body: ReasonBody,
        ...versionedChange(Lead),
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const version = requireIfMatch(request, 'lead', id);
      const lead = users.archiveLead(actorOf(request), id, version, request.body.reason);
      return sendVersioned(reply, 'lead', lead);
    },
  );
};

export default userRoutes;

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  ActionDetail,
  ActionUpdate,
  ChairOverview,
  CreateDueDateChangeBody,
  CreateUpdateBody,
  DecisionBody,
  Id,
  IdParams,
  MyActions,
  OverviewQuery,
  SignOffBody,
} from '@ipt/shared/schemas';
import { actorOf } from '../plugins/auth.js';
import {
  IfMatchHeaders,
  problems,
  READ_PROBLEMS,
  requireIfMatch,
  setEtag,
  VERSIONED_WRITE_PROBLEMS,
} from './http.js';

const ChangeParams = Type.Object({ id: Id, changeId: Id }, { additionalProperties: false });

const progressRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { progress, overview, actions } = app.services;

  app.post(
    '/actions/:id/updates',
    {
      config: { access: ['admin', 'chair', 'lead'] },
      schema: {
        tags: ['progress'],
        summary: 'Record progress: status, the lead’s RAG, commentary (append-only)',
        description:
          'Leads update only the actions they lead. A correction is a new update naming `correctsUpdateId`. ' +
          'An administrator or the chair may record it on behalf of one of the action’s leads (`onBehalfOfLeadId`). ' +
          'Send the action’s ETag as If-Match: 428 without it, 412 if someone changed the action since.',
        params: IdParams,
        headers: IfMatchHeaders,
        body: CreateUpdateBody,
        response: { 201: ActionDetail, ...problems(...VERSIONED_WRITE_PROBLEMS) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const action = progress.postUpdate(
        actorOf(request),
        id,
        requireIfMatch(request, 'action', id),
        request.body,
      );
      setEtag(reply, 'action', action.id, action.version);
      return reply.code(201).send(action);
    },
  );

  app.get(
    '/actions/:id/updates',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['progress'],
        summary: 'The update history of an action, newest first',
        params: IdParams,
        response: { 200: Type.Array(ActionUpdate), ...problems(...READ_PROBLEMS) },
      },
    },
    async (request) => actions.get(actorOf(request), request.params.id).updates,
  );

  app.post(
    '/actions/:id/due-date-changes',
    {
      config: { access: ['admin', 'chair', 'lead'] },
      schema: {
        tags: ['progress'],
        summary: 'Ask for a new due date, with a reason (the chair decides)',
        params: IdParams,
        headers: IfMatchHeaders,
        body: CreateDueDateChangeBody,
        response: { 201: ActionDetail, ...problems(...VERSIONED_WRITE_PROBLEMS) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const action = progress.requestDueDateChange(
        actorOf(request),
        id,
        requireIfMatch(request, 'action', id),
        request.body,
      );
      setEtag(reply, 'action', action.id, action.version);
      return reply.code(201).send(action);
    },
  );

  app.post(
    '/actions/:id/due-date-changes/:changeId/decision',
    {
      config: { access: ['admin', 'chair'] },
      schema: {
        tags: ['progress'],
        summary: 'Approve or reject a timeframe change (a rejection needs a comment)',
        description: 'Approval moves the due date; the original due date is kept for ever.',
        params: ChangeParams,
        headers: IfMatchHeaders,
        body: DecisionBody,
        response: { 200: ActionDetail, ...problems(...VERSIONED_WRITE_PROBLEMS) },
      },
    },
    async (request, reply) => {
      const { id, changeId } = request.params;
      const action = progress.decideDueDateChange(
        actorOf(request),
        id,
        changeId,
        requireIfMatch(request, 'action', id),
        request.body,
      );
      setEtag(reply, 'action', action.id, action.version);
      return action;
    },
  );

  app.post(
    '/actions/:id/sign-off',
    {
      config: { access: ['admin', 'chair'] },
      schema: {
        tags: ['progress'],
        summary: 'Sign off a completed action (→ Blue) or send it back with a reason',
        description: 'Sign-off needs at least one accepted item of completion evidence.',
        params: IdParams,
        headers: IfMatchHeaders,
        body: SignOffBody,
        response: { 200: ActionDetail, ...problems(...VERSIONED_WRITE_PROBLEMS) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const action = progress.signOff(
        actorOf(request),
        id,
        requireIfMatch(request, 'action', id),
        request.body,
      );
      setEtag(reply, 'action', action.id, action.version);
      return action;
    },
  );

  app.get(
    '/me/actions',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['progress'],
        summary:
          'The signed-in lead’s actions: those needing an update before the next papers deadline first',
        response: { 200: MyActions, ...problems(401) },
      },
    },
    async (request) => overview.mine(actorOf(request)),
  );

  app.get(
    '/plans/:id/overview',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['progress'],
        summary:
          'The chair’s overview: counts by RAG; overdue, worsened, no update, awaiting sign-off, timeframe requests',
        params: IdParams,
        querystring: OverviewQuery,
        response: { 200: ChairOverview, ...problems(...READ_PROBLEMS) },
      },
    },
    async (request) => overview.chair(actorOf(request), request.params.id, request.query),
  );
};

export default progressRoutes;

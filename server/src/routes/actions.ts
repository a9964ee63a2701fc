import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ActionDetail, IdParams, ReasonBody, UpdateActionBody } from '@ipt/shared/schemas';
import { actorOf } from '../plugins/auth.js';
import {
  IfMatchHeaders,
  problems,
  READ_PROBLEMS,
  requireIfMatch,
  setEtag,
  VERSIONED_WRITE_PROBLEMS,
} from './http.js';

const actionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const actions = app.services.actions;

  app.get(
    '/actions/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['actions'],
        summary:
          'One action: its fields, RAG now, recommendations, update history, timeframe history, sign-off',
        description: 'The ETag header names this version; send it as If-Match to change the action.',
        params: IdParams,
        response: { 200: ActionDetail, ...problems(...READ_PROBLEMS) },
      },
    },
    async (request, reply) => {
      const action = actions.get(actorOf(request), request.params.id);
      setEtag(reply, 'action', action.id, action.version);
      return action;
    },
  );

  app.patch(
    '/actions/:id',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['actions'],
        summary: 'Change an action’s wording, area, leads, start date or recommendations',
        params: IdParams,
        headers: IfMatchHeaders,
        body: UpdateActionBody,
        response: { 200: ActionDetail, ...problems(...VERSIONED_WRITE_PROBLEMS) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const action = actions.update(
        actorOf(request),
        id,
        requireIfMatch(request, 'action', id),
        request.body,
      );
      setEtag(reply, 'action', action.id, action.version);
      return action;
    },
  );

  app.post(
    '/actions/:id/archive',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['actions'],
        summary: 'Archive an action with a reason (it stays in the record and in past meetings)',
        params: IdParams,
        headers: IfMatchHeaders,
        body: ReasonBody,
        response: { 200: ActionDetail, ...problems(...VERSIONED_WRITE_PROBLEMS) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const action = actions.archive(
        actorOf(request),
        id,
        requireIfMatch(request, 'action', id),
        request.body.reason,
      );
      setEtag(reply, 'action', action.id, action.version);
      return action;
    },
  );
};

export default actionRoutes;

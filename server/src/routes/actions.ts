import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ActionDetail, IdParams, ReasonBody, UpdateActionBody } from '@ipt/shared/schemas';
import { actorOf } from '../plugins/auth.js';
import { actionChange, requireIfMatch, sendAction, sendActionPage, versionedRead } from './http.js';

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
        ...versionedRead(ActionDetail),
      },
    },
    async (request, reply) => sendActionPage(reply, actions.page(actorOf(request), request.params.id)),
  );

  app.patch(
    '/actions/:id',
    {
      config: { access: ['admin'] },
      schema: actionChange({
        tags: ['actions'],
        summary: 'Change an action’s wording, area, leads, start date or recommendations',
        body: UpdateActionBody,
      }),
    },
    async (request, reply) => {
      const { id } = request.params;
      const version = requireIfMatch(request, 'action', id);
      return sendAction(reply, actions.update(actorOf(request), id, version, request.body));
    },
  );

  app.post(
    '/actions/:id/archive',
    {
      config: { access: ['admin'] },
      schema: actionChange({
        tags: ['actions'],
        summary: 'Archive an action with a reason (it stays in the record and in past meetings)',
        body: ReasonBody,
      }),
    },
    async (request, reply) => {
      const { id } = request.params;
      const version = requireIfMatch(request, 'action', id);
      return sendAction(reply, actions.archive(actorOf(request), id, version, request.body.reason));
    },
  );
};

export default actionRoutes;

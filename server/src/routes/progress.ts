import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  ActionUpdateList,
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
import { sendJsonText } from '../lib/json-text.js';
import { actorOf } from '../plugins/auth.js';
import { actionChange, listOf, problems, READ_PROBLEMS, requireIfMatch, sendAction } from './http.js';

const ChangeParams = Type.Object({ id: Id, changeId: Id }, { additionalProperties: false });

const progressRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { progress, overview, actions } = app.services;

  app.post(
    '/actions/:id/updates',
    {
      config: { access: ['admin', 'chair', 'lead'] },
      schema: actionChange({
        tags: ['progress'],
        summary: 'Record progress: status, the lead’s RAG, commentary (append-only)',
        description:
          'Leads update only the actions they lead. A correction is a new update naming `correctsUpdateId`. ' +
          'An administrator or the chair may record it on behalf of one of the action’s leads (`onBehalfOfLeadId`). ' +
          'Send the action’s ETag as If-Match: 428 without it, 412 if someone changed the action since.',
        body: CreateUpdateBody,
        created: true,
      }),
    },
    async (request, reply) => {
      const { id } = request.params;
      const version = requireIfMatch(request, 'action', id);
      return sendAction(reply, progress.postUpdate(actorOf(request), id, version, request.body), 201);
    },
  );

  app.get(
    '/actions/:id/updates',
    {
      config: { access: 'signed-in' },
      schema: {
        operationId: 'listActionUpdates',
        tags: ['progress'],
        summary: 'The update history of an action, newest first',
        params: IdParams,
        response: { 200: ActionUpdateList, ...problems(...READ_PROBLEMS) },
      },
    },
    async (request) => listOf(actions.get(actorOf(request), request.params.id).updates),
  );

  app.post(
    '/actions/:id/due-date-changes',
    {
      config: { access: ['admin', 'chair', 'lead'] },
      schema: actionChange({
        operationId: 'requestDueDateChange',
        tags: ['progress'],
        summary: 'Ask for a new due date, with a reason (the chair decides)',
        body: CreateDueDateChangeBody,
        created: true,
      }),
    },
    async (request, reply) => {
      const { id } = request.params;
      const version = requireIfMatch(request, 'action', id);
      return sendAction(
        reply,
        progress.requestDueDateChange(actorOf(request), id, version, request.body),
        201,
      );
    },
  );

  app.post(
    '/actions/:id/due-date-changes/:changeId/decision',
    {
      config: { access: ['admin', 'chair'] },
      schema: actionChange({
        operationId: 'decideDueDateChange',
        tags: ['progress'],
        summary: 'Approve or reject a timeframe change (a rejection needs a comment)',
        description: 'Approval moves the due date; the original due date is kept for ever.',
        params: ChangeParams,
        body: DecisionBody,
      }),
    },
    async (request, reply) => {
      const { id, changeId } = request.params;
      const version = requireIfMatch(request, 'action', id);
      return sendAction(
        reply,
        progress.decideDueDateChange(actorOf(request), id, changeId, version, request.body),
      );
    },
  );

  app.post(
    '/actions/:id/sign-off',
    {
      config: { access: ['admin', 'chair'] },
      schema: actionChange({
        tags: ['progress'],
        summary: 'Sign off a completed action (→ Blue) or send it back with a reason',
        description: 'Sign-off needs at least one accepted item of completion evidence.',
        body: SignOffBody,
      }),
    },
    async (request, reply) => {
      const { id } = request.params;
      const version = requireIfMatch(request, 'action', id);
      return sendAction(reply, progress.signOff(actorOf(request), id, version, request.body));
    },
  );

  app.get(
    '/me/actions',
    {
      config: { access: 'signed-in' },
      schema: {
        operationId: 'listMyActions',
        tags: ['progress'],
        summary:
          'The signed-in lead’s actions: those needing an update before the next papers deadline first',
        response: { 200: MyActions, ...problems(401) },
      },
    },
    // Sent as SQLite wrote its rows (tests/api/list-answers.test.ts validates it against MyActions).
    async (request, reply) => sendJsonText(reply, overview.mine(actorOf(request))),
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

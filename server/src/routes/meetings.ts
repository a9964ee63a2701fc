import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  AgreedRagBody,
  CreateMeetingBody,
  Id,
  IdParams,
  Meeting,
  MeetingComparison,
  MeetingList,
  MeetingView,
  RagHistory,
  RecommendationRollupList,
  UpdateMeetingBody,
} from '@ipt/shared/schemas';
import { sendJsonText } from '../lib/json-text.js';
import { actorOf } from '../plugins/auth.js';
import {
  created,
  ifNoneMatch,
  listOf,
  problems,
  READ_PROBLEMS,
  requireIfMatch,
  sendCreated,
  sendVersioned,
  versionedChange,
  WRITE_PROBLEMS,
} from './http.js';

const meetingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const meetings = app.services.meetings;

  /**
   * A meeting's answer: with read workers (lib/read-workers.ts), a scheduled meeting's page is computed on
   * one of them; when the meeting was locked meanwhile or the worker failed, it is answered here.
   */
  async function answerOf(id: number) {
    const { readWorkers } = app;
    if (readWorkers) {
      const first = meetings.answer(id, { scheduledElsewhere: true });
      if (!('scheduled' in first)) return first;
      const text = await readWorkers.scheduledMeeting(id, app.clock());
      if (text) return { text };
    }
    return meetings.answer(id);
  }

  app.get(
    '/plans/:id/meetings',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['meetings'],
        summary: 'The board meetings of a plan, in time order',
        params: IdParams,
        response: { 200: MeetingList, ...problems(...READ_PROBLEMS) },
      },
    },
    async (request) => listOf(meetings.list(request.params.id)),
  );

  app.post(
    '/plans/:id/meetings',
    {
      config: { access: ['admin', 'chair'] },
      schema: {
        tags: ['meetings'],
        summary: 'Schedule a board meeting',
        params: IdParams,
        body: CreateMeetingBody,
        response: { 201: created(Meeting), ...problems(...WRITE_PROBLEMS) },
      },
    },
    async (request, reply) => {
      const meeting = meetings.schedule(actorOf(request), request.params.id, request.body);
      return sendCreated(reply, meeting, `/api/meetings/${meeting.id}`);
    },
  );

  app.patch(
    '/meetings/:id',
    {
      config: { access: ['admin', 'chair'] },
      schema: {
        tags: ['meetings'],
        summary: 'Move or rename a scheduled meeting (a locked one never changes)',
        params: IdParams,
        body: UpdateMeetingBody,
        ...versionedChange(Meeting),
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const meeting = meetings.update(
        actorOf(request),
        id,
        requireIfMatch(request, 'meeting', id),
        request.body,
      );
      return sendVersioned(reply, 'meeting', meeting);
    },
  );

  app.get(
    '/meetings/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['meetings'],
        summary:
          'A meeting: every action’s RAG as of its papers cut-off, movement since the previous meeting',
        description:
          'A locked meeting answers exactly what it recorded (frozen: true); a scheduled one is computed now.',
        params: IdParams,
        response: {
          200: MeetingView,
          304: Type.Null({ description: 'A locked meeting, unchanged since the ETag sent in If-None-Match' }),
          ...problems(...READ_PROBLEMS),
        },
      },
    },
    async (request, reply) => {
      // A locked meeting's view is its frozen snapshot (and the agreed RAGs recorded since): it has an ETag,
      // and a reader who has it already gets 304 without it being read again. A scheduled meeting has none.
      // Stored as it was sent when the meeting was locked, it is sent as stored while its ETag is unchanged.
      // A scheduled meeting: computed afresh, written as JSON text by SQLite (guarded against the schema by
      // tests/api/meeting-view-text.test.ts).
      const answer = await answerOf(request.params.id);
      if ('text' in answer) return sendJsonText(reply, answer.text);
      const { frozen } = answer;
      reply.header('etag', frozen.tag);
      if (ifNoneMatch(request, frozen.tag)) return reply.code(304).send(null);
      if (frozen.body !== null) return sendJsonText(reply, frozen.body);
      return meetings.view(request.params.id);
    },
  );

  app.post(
    '/meetings/:id/lock',
    {
      config: { access: ['admin', 'chair'] },
      schema: {
        tags: ['meetings'],
        summary: 'Lock a meeting after it is held: freezes what every action reported',
        params: IdParams,
        response: { 200: MeetingView, ...problems(...WRITE_PROBLEMS) },
      },
    },
    async (request) => meetings.lock(actorOf(request), request.params.id),
  );

  app.post(
    '/meetings/:id/actions/:actionId/agreed-rag',
    {
      config: { access: ['admin', 'chair'] },
      schema: {
        operationId: 'setAgreedRag',
        tags: ['meetings'],
        summary: 'Record the RAG the board agreed for an action at this meeting, with the reason',
        params: Type.Object({ id: Id, actionId: Id }, { additionalProperties: false }),
        body: AgreedRagBody,
        response: { 200: MeetingView, ...problems(...WRITE_PROBLEMS) },
      },
    },
    async (request) =>
      meetings.recordAgreedRag(actorOf(request), request.params.id, request.params.actionId, request.body),
  );

  app.get(
    '/meetings/:id/compare/:otherId',
    {
      config: { access: 'signed-in' },
      schema: {
        operationId: 'compareMeetings',
        tags: ['meetings'],
        summary: 'Compare two meetings of a plan: each action’s RAG at both, and the movement',
        params: Type.Object({ id: Id, otherId: Id }, { additionalProperties: false }),
        response: { 200: MeetingComparison, ...problems(...READ_PROBLEMS, 422) },
      },
    },
    async (request) => meetings.compare(request.params.id, request.params.otherId),
  );

  app.get(
    '/plans/:id/recommendation-rollup',
    {
      config: { access: 'signed-in' },
      schema: {
        operationId: 'getRecommendationRollup',
        tags: ['meetings'],
        summary: 'Progress against each recommendation, as of a meeting (or now)',
        params: IdParams,
        querystring: Type.Object({ meeting: Type.Optional(Id) }, { additionalProperties: false }),
        response: { 200: RecommendationRollupList, ...problems(...READ_PROBLEMS) },
      },
    },
    async (request) => listOf(meetings.rollup(request.params.id, request.query.meeting)),
  );

  app.get(
    '/plans/:id/rag-history',
    {
      config: { access: 'signed-in' },
      schema: {
        operationId: 'getRagHistory',
        tags: ['meetings'],
        summary: 'The RAG history grid: actions down, meetings across',
        params: IdParams,
        response: { 200: RagHistory, ...problems(...READ_PROBLEMS) },
      },
    },
    // Sent as written (tests/api/rag-history.test.ts validates answers against RagHistory).
    async (request, reply) => sendJsonText(reply, meetings.historyText(request.params.id)),
  );
};

export default meetingRoutes;

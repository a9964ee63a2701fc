import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  CreateRecommendationBody,
  CreateSourceBody,
  IdParams,
  Id,
  SourcePage,
  RecommendationPage,
  ReasonBody,
  Recommendation,
  RecommendationListQuery,
  RecommendationOrderBody,
  Source,
  SourceListQuery,
  UpdateRecommendationBody,
  UpdateSourceBody,
} from '@ipt/shared/schemas';
import { actorOf } from '../plugins/auth.js';
import {
  created,
  ifMatchRequired,
  problems,
  READ_PROBLEMS,
  requireIfMatch,
  sendCreated,
  sendVersioned,
  versionedChange,
  versionedRead,
  WRITE_PROBLEMS,
} from './http.js';

const sourceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const sources = app.services.sources;

  app.get(
    '/sources',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['sources'],
        summary: 'Inspection reports, visits and directions that plans answer',
        querystring: SourceListQuery,
        response: { 200: SourcePage, ...problems(...READ_PROBLEMS) },
      },
    },
    async (request) => sources.list(actorOf(request), request.query),
  );

  app.post(
    '/sources',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['sources'],
        summary: 'Add a source',
        body: CreateSourceBody,
        response: { 201: created(Source), ...problems(...WRITE_PROBLEMS) },
      },
    },
    async (request, reply) => {
      const source = sources.create(actorOf(request), request.body);
      return sendCreated(reply, source, `/api/sources/${source.id}`);
    },
  );

  app.get(
    '/sources/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['sources'],
        summary: 'One source',
        params: IdParams,
        ...versionedRead(Source),
      },
    },
    async (request, reply) => {
      const source = sources.read(actorOf(request), request.params.id);
      return sendVersioned(reply, 'source', source);
    },
  );

  app.patch(
    '/sources/:id',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['sources'],
        summary: 'Change a source',
        params: IdParams,
        body: UpdateSourceBody,
        ...versionedChange(Source),
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      return sendVersioned(
        reply,
        'source',
        sources.update(actorOf(request), id, requireIfMatch(request, 'source', id), request.body),
      );
    },
  );

  app.post(
    '/sources/:id/archive',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['sources'],
        summary: 'Archive a source (nothing is deleted)',
        params: IdParams,
        body: ReasonBody,
        ...versionedChange(Source),
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      return sendVersioned(
        reply,
        'source',
        sources.archive(actorOf(request), id, requireIfMatch(request, 'source', id), request.body.reason),
      );
    },
  );

  app.get(
    '/recommendations',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['sources'],
        summary: 'Recommendations, each with the live actions that answer it and their RAG now',
        querystring: RecommendationListQuery,
        response: { 200: RecommendationPage, ...problems(...READ_PROBLEMS) },
      },
    },
    async (request) => sources.recommendations(actorOf(request), request.query),
  );

  app.post(
    '/recommendations',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['sources'],
        summary: 'Add a recommendation to a source',
        body: CreateRecommendationBody,
        response: { 201: created(Recommendation), ...problems(...WRITE_PROBLEMS) },
      },
    },
    async (request, reply) => {
      const recommendation = sources.createRecommendation(actorOf(request), request.body);
      return sendCreated(reply, recommendation, `/api/recommendations/${recommendation.id}`);
    },
  );

  app.get(
    '/recommendations/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['sources'],
        summary: 'One recommendation with the actions that answer it',
        params: IdParams,
        querystring: Type.Object({ planId: Type.Optional(Id) }, { additionalProperties: false }),
        ...versionedRead(Recommendation),
      },
    },
    async (request, reply) => {
      const rec = sources.recommendation(actorOf(request), request.params.id, request.query.planId);
      return sendVersioned(reply, 'recommendation', rec);
    },
  );

  app.patch(
    '/recommendations/:id',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['sources'],
        summary: 'Change a recommendation',
        params: IdParams,
        body: UpdateRecommendationBody,
        ...versionedChange(Recommendation),
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      return sendVersioned(
        reply,
        'recommendation',
        sources.updateRecommendation(
          actorOf(request),
          id,
          requireIfMatch(request, 'recommendation', id),
          request.body,
        ),
      );
    },
  );

  app.put(
    '/sources/:id/recommendation-order',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['sources'],
        summary:
          'Put a source’s recommendations in a new order (every live one once); If-Match is the source’s ETag',
        params: IdParams,
        body: RecommendationOrderBody,
        ...ifMatchRequired(Type.Array(Recommendation)),
      },
    },
    async (request) => {
      const { id } = request.params;
      return sources.orderRecommendations(
        actorOf(request),
        id,
        requireIfMatch(request, 'source', id),
        request.body,
      );
    },
  );

  app.post(
    '/recommendations/:id/archive',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['sources'],
        summary: 'Archive a recommendation (nothing is deleted)',
        params: IdParams,
        body: ReasonBody,
        ...versionedChange(Recommendation),
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      return sendVersioned(
        reply,
        'recommendation',
        sources.archiveRecommendation(
          actorOf(request),
          id,
          requireIfMatch(request, 'recommendation', id),
          request.body.reason,
        ),
      );
    },
  );
};

export default sourceRoutes;

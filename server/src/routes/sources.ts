import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  CreateRecommendationBody,
  CreateSourceBody,
  IdParams,
  Id,
  Page,
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
  IfMatchHeaders,
  requireIfMatch,
  problems,
  READ_PROBLEMS,
  setEtag,
  VERSIONED_WRITE_PROBLEMS,
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
        response: { 200: Page(Source, 'SourcePage'), ...problems(...READ_PROBLEMS) },
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
        response: { 201: Source, ...problems(...WRITE_PROBLEMS) },
      },
    },
    async (request, reply) => reply.code(201).send(sources.create(actorOf(request), request.body)),
  );

  app.get(
    '/sources/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['sources'],
        summary: 'One source',
        params: IdParams,
        response: { 200: Source, ...problems(...READ_PROBLEMS) },
      },
    },
    async (request, reply) => {
      const source = sources.read(actorOf(request), request.params.id);
      setEtag(reply, 'source', source.id, source.version);
      return source;
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
        headers: IfMatchHeaders,
        body: UpdateSourceBody,
        response: { 200: Source, ...problems(...VERSIONED_WRITE_PROBLEMS) },
      },
    },
    async (request) => {
      const { id } = request.params;
      return sources.update(actorOf(request), id, requireIfMatch(request, 'source', id), request.body);
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
        headers: IfMatchHeaders,
        body: ReasonBody,
        response: { 200: Source, ...problems(...VERSIONED_WRITE_PROBLEMS) },
      },
    },
    async (request) => {
      const { id } = request.params;
      return sources.archive(
        actorOf(request),
        id,
        requireIfMatch(request, 'source', id),
        request.body.reason,
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
        response: { 200: Page(Recommendation, 'RecommendationPage'), ...problems(...READ_PROBLEMS) },
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
        response: { 201: Recommendation, ...problems(...WRITE_PROBLEMS) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(sources.createRecommendation(actorOf(request), request.body)),
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
        response: { 200: Recommendation, ...problems(...READ_PROBLEMS) },
      },
    },
    async (request, reply) => {
      const rec = sources.recommendation(actorOf(request), request.params.id, request.query.planId);
      setEtag(reply, 'recommendation', rec.id, rec.version);
      return rec;
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
        headers: IfMatchHeaders,
        body: UpdateRecommendationBody,
        response: { 200: Recommendation, ...problems(...VERSIONED_WRITE_PROBLEMS) },
      },
    },
    async (request) => {
      const { id } = request.params;
      return sources.updateRecommendation(
        actorOf(request),
        id,
        requireIfMatch(request, 'recommendation', id),
        request.body,
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
        headers: IfMatchHeaders,
        body: RecommendationOrderBody,
        response: { 200: Type.Array(Recommendation), ...problems(...VERSIONED_WRITE_PROBLEMS) },
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
        headers: IfMatchHeaders,
        body: ReasonBody,
        response: { 200: Recommendation, ...problems(...VERSIONED_WRITE_PROBLEMS) },
      },
    },
    async (request) => {
      const { id } = request.params;
      return sources.archiveRecommendation(
        actorOf(request),
        id,
        requireIfMatch(request, 'recommendation', id),
        request.body.reason,
      );
    },
  );
};

export default sourceRoutes;

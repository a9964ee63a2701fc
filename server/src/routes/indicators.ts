import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ComparatorBody,
  CreateIndicatorBody,
  IdParams,
  ImportReturnBody,
  ImportReturnResult,
  Indicator,
  IndicatorList,
  IndicatorListQuery,
  LinkedIndicatorList,
  ReasonBody,
  RecordValueBody,
  RecordValuesBody,
  RecordValuesResult,
  Scorecard,
  TargetBody,
  UpdateIndicatorBody,
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

const TAGS = ['indicators'];

const indicatorRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const indicators = app.services.indicators;

  app.get(
    '/plans/:id/indicators',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: TAGS,
        summary: "A plan's performance indicators, with targets, comparators, links and every value recorded",
        params: IdParams,
        querystring: IndicatorListQuery,
        response: { 200: IndicatorList, ...problems(...READ_PROBLEMS) },
      },
    },
    async (request) => listOf(indicators.list(request.params.id, request.query)),
  );

  app.post(
    '/plans/:id/indicators',
    {
      config: { access: ['admin'] },
      schema: {
        tags: TAGS,
        summary: 'Add a performance indicator to a plan',
        params: IdParams,
        body: CreateIndicatorBody,
        response: { 201: created(Indicator), ...problems(...WRITE_PROBLEMS) },
      },
    },
    async (request, reply) => {
      const ind = indicators.create(actorOf(request), request.params.id, request.body);
      setEtag(reply, 'indicator', ind.id, ind.version);
      return sendCreated(reply, ind, `/api/indicators/${ind.id}`);
    },
  );

  app.get(
    '/plans/:id/scorecard',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: TAGS,
        summary: "The plan's scorecard now: each indicator's latest value, target, RAG and movement",
        description:
          'Movement is measured since the latest meeting whose papers cut-off has passed (as it reported) and since the baseline (the first period on record).',
        params: IdParams,
        response: { 200: Scorecard, ...problems(...READ_PROBLEMS) },
      },
    },
    async (request) => indicators.scorecard(request.params.id),
  );

  app.post(
    '/plans/:id/indicators/values',
    {
      config: { access: ['admin'] },
      schema: {
        operationId: 'recordIndicatorValues',
        tags: TAGS,
        summary: "Record a period's values for several indicators (all or none)",
        params: IdParams,
        body: RecordValuesBody,
        response: { 201: RecordValuesResult, ...problems(...WRITE_PROBLEMS) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(indicators.recordValues(actorOf(request), request.params.id, request.body)),
  );

  app.post(
    '/plans/:id/indicators/import',
    {
      config: { access: ['admin'] },
      bodyLimit: 8 * 1024 * 1024,
      schema: {
        operationId: 'importIndicatorValues',
        tags: TAGS,
        summary: 'Import a performance return (CSV or .xlsx), or preview it with dryRun',
        description:
          'One row per indicator per period (columns Indicator, Period, Value, optionally Status and Note), or one row per indicator with the periods across the columns. Every problem is named by row and column; with any problem nothing is written.',
        params: IdParams,
        body: ImportReturnBody,
        response: { 200: ImportReturnResult, ...problems(...WRITE_PROBLEMS) },
      },
    },
    async (request) => indicators.importReturn(actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/indicators/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: TAGS,
        summary: 'One indicator with its targets, comparators, links and every value recorded',
        params: IdParams,
        ...versionedRead(Indicator),
      },
    },
    async (request, reply) => {
      const ind = indicators.get(request.params.id);
      return sendVersioned(reply, 'indicator', ind);
    },
  );

  app.patch(
    '/indicators/:id',
    {
      config: { access: ['admin'] },
      schema: {
        tags: TAGS,
        summary: 'Change an indicator (send its ETag as If-Match)',
        params: IdParams,
        body: UpdateIndicatorBody,
        ...versionedChange(Indicator),
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const ind = indicators.update(
        actorOf(request),
        id,
        requireIfMatch(request, 'indicator', id),
        request.body,
      );
      return sendVersioned(reply, 'indicator', ind);
    },
  );

  app.post(
    '/indicators/:id/archive',
    {
      config: { access: ['admin'] },
      schema: {
        tags: TAGS,
        summary: 'Archive an indicator (nothing is deleted; locked meetings keep it)',
        params: IdParams,
        body: ReasonBody,
        ...versionedChange(Indicator),
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const ind = indicators.archive(
        actorOf(request),
        id,
        requireIfMatch(request, 'indicator', id),
        request.body.reason,
      );
      return sendVersioned(reply, 'indicator', ind);
    },
  );

  app.post(
    '/indicators/:id/targets',
    {
      config: { access: ['admin'] },
      schema: {
        tags: TAGS,
        summary: 'Set a target from a date (earlier targets are kept and apply to earlier periods)',
        params: IdParams,
        body: TargetBody,
        response: { 201: Indicator, ...problems(...WRITE_PROBLEMS) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(indicators.addTarget(actorOf(request), request.params.id, request.body)),
  );

  app.post(
    '/indicators/:id/comparators',
    {
      config: { access: ['admin'] },
      schema: {
        tags: TAGS,
        summary: 'Record a published comparator (statistical neighbours, region, England) with its period',
        params: IdParams,
        body: ComparatorBody,
        response: { 201: Indicator, ...problems(...WRITE_PROBLEMS) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(indicators.addComparator(actorOf(request), request.params.id, request.body)),
  );

  app.post(
    '/indicators/:id/values',
    {
      config: { access: ['admin'] },
      schema: {
        operationId: 'recordIndicatorValue',
        tags: TAGS,
        summary: 'Record a value for a period; a later value for the same period corrects it (both are kept)',
        params: IdParams,
        body: RecordValueBody,
        response: { 201: Indicator, ...problems(...WRITE_PROBLEMS) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(indicators.recordValue(actorOf(request), request.params.id, request.body)),
  );

  app.get(
    '/meetings/:id/scorecard',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: TAGS,
        summary: "A meeting's scorecard: frozen at lock, otherwise as of its papers cut-off",
        params: IdParams,
        response: { 200: Scorecard, ...problems(...READ_PROBLEMS) },
      },
    },
    async (request) => indicators.meetingScorecard(request.params.id),
  );

  app.get(
    '/recommendations/:id/indicators',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: TAGS,
        summary: 'The indicators linked to a recommendation: its impact evidence',
        params: IdParams,
        response: { 200: LinkedIndicatorList, ...problems(...READ_PROBLEMS) },
      },
    },
    async (request) => listOf(indicators.forRecommendation(actorOf(request), request.params.id)),
  );
};

export default indicatorRoutes;

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import {
  ActionDetail,
  ActionListQuery,
  ActionPage,
  AreaOrderBody,
  CreateActionBody,
  CreatePlanBody,
  CreateThemeBody,
  IdParams,
  Plan,
  PlanListQuery,
  PlanPage,
  PlanPreference,
  ReasonBody,
  Theme,
  ThemeList,
  ThemeOrderBody,
  TimeframeCheck,
  TimeframeCheckQuery,
  UpdatePlanBody,
  UpdateThemeBody,
} from '@ipt/shared/schemas';
import { sendJsonText } from '../lib/json-text.js';
import { actorOf } from '../plugins/auth.js';
import {
  created,
  ifMatchRequired,
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

const planRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const plans = app.services.plans;

  app.get(
    '/plans',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['plans'],
        summary: 'Improvement plans (drafts are seen by administrators only)',
        querystring: PlanListQuery,
        response: { 200: PlanPage, ...problems(...READ_PROBLEMS) },
      },
    },
    async (request) => plans.list(actorOf(request), request.query),
  );

  app.get(
    '/me/plan',
    {
      config: { access: 'signed-in' },
      schema: {
        operationId: 'getMyPlan',
        tags: ['plans'],
        summary: 'The plan the signed-in person last chose with the plan switcher (null: none yet)',
        response: { 200: PlanPreference, ...problems(401) },
      },
    },
    async (request) => plans.preference(actorOf(request)),
  );

  app.put(
    '/me/plan',
    {
      config: { access: 'signed-in' },
      schema: {
        operationId: 'setMyPlan',
        tags: ['plans'],
        summary: 'Remember the plan the signed-in person chose with the plan switcher',
        body: PlanPreference,
        response: { 200: PlanPreference, ...problems(...WRITE_PROBLEMS) },
      },
    },
    async (request) => plans.setPreference(actorOf(request), request.body.planId),
  );

  app.get(
    '/timeframes/check',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['plans'],
        summary:
          'What the timeframe parser reads from a timeframe as a plan writes it (for forms, as people type)',
        querystring: TimeframeCheckQuery,
        response: { 200: TimeframeCheck, ...problems(...READ_PROBLEMS) },
      },
    },
    async (request) => plans.checkTimeframe(request.query.text, request.query.planId),
  );

  app.post(
    '/plans',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['plans'],
        summary: 'Start a plan',
        body: CreatePlanBody,
        response: { 201: created(Plan), ...problems(...WRITE_PROBLEMS) },
      },
    },
    async (request, reply) => {
      const plan = plans.create(actorOf(request), request.body);
      setEtag(reply, 'plan', plan.id, plan.version);
      return sendCreated(reply, plan, `/api/plans/${plan.id}`);
    },
  );

  app.get(
    '/plans/:id',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['plans'],
        summary: 'One plan',
        params: IdParams,
        ...versionedRead(Plan),
      },
    },
    async (request, reply) => {
      const plan = plans.get(actorOf(request), request.params.id);
      return sendVersioned(reply, 'plan', plan);
    },
  );

  app.patch(
    '/plans/:id',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['plans'],
        summary: 'Change a plan',
        params: IdParams,
        body: UpdatePlanBody,
        ...versionedChange(Plan),
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const plan = plans.update(actorOf(request), id, requireIfMatch(request, 'plan', id), request.body);
      return sendVersioned(reply, 'plan', plan);
    },
  );

  app.post(
    '/plans/:id/archive',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['plans'],
        summary: 'Archive a plan (nothing is deleted)',
        params: IdParams,
        body: ReasonBody,
        ...versionedChange(Plan),
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      return sendVersioned(
        reply,
        'plan',
        plans.archive(actorOf(request), id, requireIfMatch(request, 'plan', id), request.body.reason),
      );
    },
  );

  app.get(
    '/plans/:id/themes',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['plans'],
        summary: 'The themes of a plan and the areas inside each, in the council’s order',
        params: IdParams,
        response: { 200: ThemeList, ...problems(...READ_PROBLEMS) },
      },
    },
    async (request) => listOf(plans.themes(actorOf(request), request.params.id)),
  );

  app.put(
    '/plans/:id/theme-order',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['plans'],
        summary: 'Put the plan’s themes in a new order (every live theme once); If-Match is the plan’s ETag',
        params: IdParams,
        body: ThemeOrderBody,
        ...ifMatchRequired(Type.Array(Theme)),
      },
    },
    async (request) => {
      const { id } = request.params;
      return plans.orderThemes(actorOf(request), id, requireIfMatch(request, 'plan', id), request.body);
    },
  );

  app.put(
    '/themes/:id/area-order',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['plans'],
        summary: 'Put a theme’s areas in a new order (every live area once); If-Match is the theme’s ETag',
        params: IdParams,
        body: AreaOrderBody,
        ...ifMatchRequired(Type.Array(Theme)),
      },
    },
    async (request) => {
      const { id } = request.params;
      return plans.orderAreas(actorOf(request), id, requireIfMatch(request, 'theme', id), request.body);
    },
  );

  app.post(
    '/plans/:id/themes',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['plans'],
        summary: 'Add a theme; answers with all the plan’s themes',
        params: IdParams,
        body: CreateThemeBody,
        response: { 201: Type.Array(Theme), ...problems(...WRITE_PROBLEMS) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(plans.createTheme(actorOf(request), request.params.id, request.body)),
  );

  app.patch(
    '/themes/:id',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['plans'],
        summary: 'Rename or move a theme',
        params: IdParams,
        body: UpdateThemeBody,
        ...ifMatchRequired(Type.Array(Theme)),
      },
    },
    async (request) => {
      const { id } = request.params;
      return plans.updateTheme(actorOf(request), id, requireIfMatch(request, 'theme', id), request.body);
    },
  );

  app.post(
    '/themes/:id/areas',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['plans'],
        summary: 'Add an area to a theme; answers with all the plan’s themes',
        params: IdParams,
        body: CreateThemeBody,
        response: { 201: Type.Array(Theme), ...problems(...WRITE_PROBLEMS) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(plans.createArea(actorOf(request), request.params.id, request.body)),
  );

  app.patch(
    '/areas/:id',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['plans'],
        summary: 'Rename or move an area',
        params: IdParams,
        body: UpdateThemeBody,
        ...ifMatchRequired(Type.Array(Theme)),
      },
    },
    async (request) => {
      const { id } = request.params;
      return plans.updateArea(actorOf(request), id, requireIfMatch(request, 'area', id), request.body);
    },
  );

  for (const [kind, path] of [
    ['theme', '/themes/:id/archive'],
    ['area', '/areas/:id/archive'],
  ] as const) {
    app.post(
      path,
      {
        config: { access: ['admin'] },
        schema: {
          tags: ['plans'],
          summary: `Archive ${kind === 'theme' ? 'a theme' : 'an area'} that has no live actions (nothing is deleted)`,
          params: IdParams,
          body: ReasonBody,
          ...ifMatchRequired(Type.Array(Theme)),
        },
      },
      async (request) => {
        const { id } = request.params;
        const archive = kind === 'theme' ? plans.archiveTheme : plans.archiveArea;
        return archive(actorOf(request), id, requireIfMatch(request, kind, id), request.body.reason);
      },
    );
  }

  app.get(
    '/plans/:id/actions',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['actions'],
        summary: 'The actions of a plan with their RAG now, filtered and paged',
        params: IdParams,
        querystring: ActionListQuery,
        response: { 200: ActionPage, ...problems(...READ_PROBLEMS) },
      },
    },
    // Sent as SQLite wrote it (tests/api/list-answers.test.ts validates every kind of answer against ActionPage).
    async (request, reply) =>
      sendJsonText(reply, app.services.actions.list(actorOf(request), request.params.id, request.query)),
  );

  app.post(
    '/plans/:id/actions',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['actions'],
        summary: 'Add an action to a plan',
        params: IdParams,
        body: CreateActionBody,
        response: { 201: created(ActionDetail), ...problems(...WRITE_PROBLEMS) },
      },
    },
    async (request, reply) => {
      const action = app.services.actions.create(actorOf(request), request.params.id, request.body);
      setEtag(reply, 'action', action.id, action.version);
      return sendCreated(reply, action, `/api/actions/${action.id}`);
    },
  );
};

export default planRoutes;

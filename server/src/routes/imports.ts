/**
 * Bringing a council's plan in: import from CSV, Excel or Word (preview, then commit), recommendations
 * from the inspection letter, and roll-over to the next phase. Administrators only.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  IdParams,
  IMPORT_MAX_BYTES,
  ImportCommitBody,
  ImportPreview,
  ImportRequest,
  ImportResult,
  RecommendationsImportBody,
  RecommendationsImportResult,
  RecommendationsPreview,
  RecommendationsPreviewBody,
  RollOverBody,
  RollOverResult,
} from '@ipt/shared/schemas';
import { actorOf } from '../plugins/auth.js';
import { problems, WRITE_PROBLEMS } from './http.js';

/** A base64 file of IMPORT_MAX_BYTES in a JSON body, with room for the mapping. */
const BODY_LIMIT = Math.ceil((IMPORT_MAX_BYTES * 4) / 3) + 256 * 1024;

const importRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const imports = app.services.imports;

  app.post(
    '/plans/:id/imports',
    {
      bodyLimit: BODY_LIMIT,
      config: { access: ['admin'] },
      schema: {
        operationId: 'previewPlanImport',
        tags: ['imports'],
        summary: 'Preview an import of a plan from .csv, .xlsx or .docx (a dry run: nothing is written)',
        description:
          'Answers with what would be created, changed and left alone, the actions the plan has that the file does not, ' +
          'every problem with its row and column, and a previewToken. Send the same body with the token to …/imports/commit.',
        params: IdParams,
        body: ImportRequest,
        response: { 200: ImportPreview, ...problems(...WRITE_PROBLEMS) },
      },
    },
    async (request) => imports.preview(actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/plans/:id/imports/commit',
    {
      bodyLimit: BODY_LIMIT,
      config: { access: ['admin'] },
      schema: {
        operationId: 'commitPlanImport',
        tags: ['imports'],
        summary: 'Import what was previewed, in one transaction or not at all',
        description:
          '422 lists every problem (nothing is written); 409 when the plan or the file changed since the preview.',
        params: IdParams,
        body: ImportCommitBody,
        response: { 201: ImportResult, ...problems(...WRITE_PROBLEMS) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await imports.commit(actorOf(request), request.params.id, request.body)),
  );

  app.post(
    '/sources/:id/recommendations/preview',
    {
      bodyLimit: BODY_LIMIT,
      config: { access: ['admin'] },
      schema: {
        operationId: 'previewRecommendationsImport',
        tags: ['imports'],
        summary:
          'Read recommendations from the pasted "What needs to improve" list, or a sheet (nothing is written)',
        description:
          'One recommendation per numbered or bulleted item, each marked create, update or unchanged against the source.',
        params: IdParams,
        body: RecommendationsPreviewBody,
        response: { 200: RecommendationsPreview, ...problems(...WRITE_PROBLEMS) },
      },
    },
    async (request) => imports.previewRecommendations(request.params.id, request.body),
  );

  app.post(
    '/sources/:id/recommendations/import',
    {
      config: { access: ['admin'] },
      schema: {
        operationId: 'importRecommendations',
        tags: ['imports'],
        summary: 'Save the (edited) recommendations of a preview: new numbers added, changed texts updated',
        params: IdParams,
        body: RecommendationsImportBody,
        response: { 201: RecommendationsImportResult, ...problems(...WRITE_PROBLEMS) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(imports.importRecommendations(actorOf(request), request.params.id, request.body)),
  );

  app.post(
    '/plans/:id/roll-over',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['imports'],
        summary: 'Start the next phase: open actions carried over, linked to their origin; this plan closes',
        params: IdParams,
        body: RollOverBody,
        response: { 201: RollOverResult, ...problems(...WRITE_PROBLEMS, 412) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(imports.rollOver(actorOf(request), request.params.id, request.body)),
  );
};

export default importRoutes;

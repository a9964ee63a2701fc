import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ExportQuery, IdParams, ProgressSummary } from '@ipt/shared/schemas';
import { buildExport, buildPerformanceCsvExport, CONTENT_TYPES } from '../exports/index.js';
import { exportFileName } from '../exports/format.js';
import { problem } from '../lib/problems.js';
import { actorOf } from '../plugins/auth.js';
import { contentDisposition } from './evidence.js';
import { ATTACHMENT_HEADER, problems, READ_PROBLEMS } from './http.js';

const exportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/plans/:id/export',
    {
      config: { access: ['admin', 'chair', 'adviser', 'viewer'] },
      schema: {
        tags: ['exports'],
        summary:
          'A progress summary for the Department, as of a meeting (or now): preview as JSON, or a DOCX, PDF, XLSX or CSV file',
        description:
          'As of a locked meeting it is exactly what the meeting recorded. Filters narrow it to a theme, a lead or a recommendation. ' +
          'Files come as attachments named <council>-<plan>-progress-summary-<meeting date>[-filtered][-PROVISIONAL-not-yet-locked].<format>. ' +
          'A CSV holds one table: the actions, or with table=performance the indicators (named …-performance-….csv).',
        params: IdParams,
        querystring: ExportQuery,
        response: {
          200: {
            description: 'The summary (format=json) or the file (format=docx, pdf, xlsx or csv)',
            headers: { 'Content-Disposition': ATTACHMENT_HEADER },
            content: {
              'application/json': { schema: ProgressSummary },
              ...Object.fromEntries(
                Object.values(CONTENT_TYPES).map((type) => [
                  type.split(';')[0],
                  { schema: Type.String({ format: 'binary' }) },
                ]),
              ),
            },
          },
          ...problems(...READ_PROBLEMS),
        },
      },
    },
    async (request, reply) => {
      const { format = 'json', table, ...filters } = request.query;
      if (table !== undefined && format !== 'csv')
        throw problem.badRequest(
          `table chooses the table of a CSV: leave it out for ${format}, which carries every section.`,
          [{ path: 'querystring.table', message: 'Only with format=csv.' }],
        );
      const summary = app.services.exports.summary(actorOf(request), request.params.id, filters);
      if (format === 'json')
        return reply.header('content-type', 'application/json; charset=utf-8').send(summary);
      const started = performance.now();
      const performanceCsv = table === 'performance';
      const file = performanceCsv
        ? await buildPerformanceCsvExport(summary)
        : await buildExport(format, summary);
      request.log.info(
        { format, ms: Math.round(performance.now() - started), bytes: file.body.length },
        'export built',
      );
      return reply
        .header('content-type', CONTENT_TYPES[format])
        .header(
          'content-disposition',
          contentDisposition(exportFileName(summary, format, performanceCsv ? 'performance' : undefined)),
        )
        .header('cache-control', 'private, no-store')
        .send(file.body as unknown as string);
    },
  );
};

export default exportRoutes;

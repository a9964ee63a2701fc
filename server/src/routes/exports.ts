import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { ExportQuery, IdParams, ProgressSummary } from '@ipt/shared/schemas';
import { buildExport, buildPerformanceCsvExport, CONTENT_TYPES } from '../exports/index.js';
import { problem } from '../lib/problems.js';
import { actorOf } from '../plugins/auth.js';
import { contentDisposition } from './evidence.js';
import { problems, READ_PROBLEMS } from './http.js';

export function exportFileName(
  planTitle: string,
  date: string,
  ext: string,
  what = 'progress-summary',
): string {
  const slug = planTitle
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${slug || 'plan'}-${what}-${date}.${ext}`;
}

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
          'Files come as attachments named <plan>-progress-summary-<meeting date>.<format>. A CSV holds one table: ' +
          'the actions, or with table=performance the indicators (named <plan>-performance-<meeting date>.csv).',
        params: IdParams,
        querystring: ExportQuery,
        response: {
          200: {
            description: 'The summary (format=json) or the file',
            content: {
              'application/json': { schema: ProgressSummary },
              'application/octet-stream': { schema: Type.String({ format: 'binary' }) },
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
      const date = summary.meeting?.meetingDate ?? summary.producedAt.slice(0, 10);
      request.log.info(
        { format, ms: Math.round(performance.now() - started), bytes: file.body.length },
        'export built',
      );
      return reply
        .header('content-type', CONTENT_TYPES[format])
        .header(
          'content-disposition',
          contentDisposition(
            exportFileName(summary.plan.title, date, format, performanceCsv ? 'performance' : undefined),
          ),
        )
        .header('cache-control', 'private, no-store')
        .send(file.body as unknown as string);
    },
  );
};

export default exportRoutes;

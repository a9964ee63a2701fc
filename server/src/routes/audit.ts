import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { AuditPage, Id, PageQuery } from '@ipt/shared/schemas';
import { problems, READ_PROBLEMS } from './http.js';

const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/audit',
    {
      config: { access: ['admin'] },
      schema: {
        operationId: 'listAudit',
        tags: ['audit'],
        summary: 'The audit log, newest first, a page at a time',
        querystring: Type.Object(
          {
            entityType: Type.Optional(Type.String({ maxLength: 50 })),
            entityId: Type.Optional(Id),
            userId: Type.Optional(Id),
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: { 200: AuditPage, ...problems(...READ_PROBLEMS) },
      },
    },
    async (request) => app.services.audit.list(request.query),
  );
};

export default auditRoutes;

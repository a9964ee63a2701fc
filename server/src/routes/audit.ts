import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { Id, IsoDateTime, Nullable, PageQuery } from '@ipt/shared/schemas';
import { problems, READ_PROBLEMS } from './http.js';

const AuditEntry = Type.Object(
  {
    id: Id,
    at: IsoDateTime,
    userId: Nullable(Id),
    userName: Nullable(Type.String()),
    event: Type.String(),
    entityType: Type.String(),
    entityId: Nullable(Type.Integer()),
    before: Nullable(Type.String({ description: 'JSON of the record before' })),
    after: Nullable(Type.String({ description: 'JSON of the record after' })),
    address: Nullable(Type.String({ description: 'The client address of the request (null: the system)' })),
    userAgent: Nullable(Type.String()),
  },
  { title: 'AuditEntry' },
);

const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/audit',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['audit'],
        summary: 'The audit log, newest first',
        querystring: Type.Object(
          {
            entityType: Type.Optional(Type.String({ maxLength: 50 })),
            entityId: Type.Optional(Id),
            userId: Type.Optional(Id),
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: { 200: Type.Array(AuditEntry), ...problems(...READ_PROBLEMS) },
      },
    },
    async (request) => app.services.audit.list(request.query),
  );
};

export default auditRoutes;

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AppInfo } from '@ipt/shared/schemas';
import { problems } from './http.js';

const appInfoRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/app-info',
    {
      config: { access: 'public' },
      schema: {
        tags: ['health'],
        summary:
          'The council and service names for the header, the RAG thresholds in force, and whether this is a demo',
        response: { 200: AppInfo, ...problems(400) },
      },
    },
    async () => ({
      councilName: app.config.councilName,
      serviceName: 'Improvement Plan Tracker',
      dueSoonDays: app.config.rag.dueSoonDays,
      staleDays: app.config.rag.staleDays,
      papersCutoffDays: app.config.papersCutoffDays,
      uploadMaxBytes: app.config.uploadMaxBytes,
      demo: app.config.demo,
    }),
  );
};

export default appInfoRoutes;

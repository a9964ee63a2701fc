import type { FastifyPluginAsync } from 'fastify';
import actionRoutes from './actions.js';
import appInfoRoutes from './app-info.js';
import auditRoutes from './audit.js';
import authRoutes from './auth.js';
import evidenceRoutes from './evidence.js';
import exportRoutes from './exports.js';
import importRoutes from './imports.js';
import meetingRoutes from './meetings.js';
import planRoutes from './plans.js';
import progressRoutes from './progress.js';
import sourceRoutes from './sources.js';
import userRoutes from './users.js';

/** Every resource of the API, under /api. */
const apiRoutes: FastifyPluginAsync = async (app) => {
  await app.register(appInfoRoutes);
  await app.register(authRoutes, { prefix: '/auth' });
  await app.register(userRoutes);
  await app.register(planRoutes);
  await app.register(sourceRoutes);
  await app.register(actionRoutes);
  await app.register(progressRoutes);
  await app.register(meetingRoutes);
  await app.register(evidenceRoutes);
  await app.register(exportRoutes);
  await app.register(importRoutes);
  await app.register(auditRoutes);
};

export default apiRoutes;

import type { FastifyPluginAsync } from 'fastify';
import actionRoutes from './actions.js';
import appInfoRoutes from './app-info.js';
import auditRoutes from './audit.js';
import authRoutes from './auth.js';
import boardRecordRoutes from './board-record.js';
import evidenceRoutes from './evidence.js';
import exportRoutes from './exports.js';
import indicatorRoutes from './indicators.js';
import importRoutes from './imports.js';
import meetingRoutes from './meetings.js';
import planRoutes from './plans.js';
import progressRoutes from './progress.js';
import sourceRoutes from './sources.js';
import userRoutes from './users.js';
import { canSeePlan } from '../domain/access.js';
import { problem } from '../lib/problems.js';

/** Every resource of the API, under /api. */
const apiRoutes: FastifyPluginAsync = async (app) => {
  // A draft plan is the programme office's work in progress: everything under /plans/:id answers 404 to
  // anyone but an administrator until the plan is made live.
  app.addHook('preHandler', async (request) => {
    if (!request.routeOptions.url?.startsWith('/api/plans/:id/') || !request.actor) return;
    const id = Number((request.params as { id?: unknown }).id);
    const plan = Number.isInteger(id) ? app.services.plans.find(id) : undefined;
    if (plan && !canSeePlan(request.actor, plan)) throw problem.notFound(`Plan ${id}`);
  });
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
  await app.register(indicatorRoutes);
  await app.register(boardRecordRoutes);
};

export default apiRoutes;

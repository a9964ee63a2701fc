import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
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
import type { PlanOwnedRecord } from '../services/plans.js';

/** Routes whose :id names a record of one plan, and what kind of record it is. */
const OWNED: [string, PlanOwnedRecord][] = [
  ['/api/plans/:id', 'plan'],
  ['/api/actions/:id', 'action'],
  ['/api/evidence/:id', 'evidence'],
  ['/api/meetings/:id', 'meeting'],
  ['/api/indicators/:id', 'indicator'],
];
const NOUNS: Record<PlanOwnedRecord, string> = {
  plan: 'Plan',
  action: 'Action',
  evidence: 'Evidence',
  meeting: 'Meeting',
  indicator: 'Indicator',
};

/** Every resource of the API, under /api. */
const apiRoutes: FastifyPluginAsync = async (app) => {
  // A draft plan is the programme office's work in progress: everything of it — under /plans/:id, its
  // actions, evidence, meetings and indicators by their own ids, any list asked for with ?planId, and the
  // recommendations of a source only drafts answer — answers 404 to anyone but an administrator, as if it
  // did not exist, until the plan is made live.
  // A callback hook (no promise per request); a throw is answered as the problem it is.
  app.addHook('preHandler', (request, _reply, done) => {
    hideDrafts(request);
    done();
  });
  function hideDrafts(request: FastifyRequest): void {
    const actor = request.actor;
    const url = request.routeOptions.url;
    if (!actor || actor.role === 'admin' || !url) return;
    const params = request.params as Record<string, unknown>;
    const refuse = (kind: PlanOwnedRecord, value: unknown) => {
      const id = Number(value);
      const plan = Number.isInteger(id) ? app.services.plans.planOf(kind, id) : undefined;
      if (plan && !canSeePlan(actor, plan)) throw problem.notFound(`${NOUNS[kind]} ${id}`);
    };
    const owner = OWNED.find(([prefix]) => url === prefix || url.startsWith(`${prefix}/`));
    if (owner) refuse(owner[1], params.id);
    if (url.startsWith('/api/meetings/:id/compare/:otherId')) refuse('meeting', params.otherId);
    const planId = (request.query as { planId?: unknown } | undefined)?.planId;
    if (planId !== undefined) refuse('plan', planId);
    if (
      url.startsWith('/api/recommendations/:id/') &&
      !app.services.sources.mayReadRecommendation(actor, Number(params.id))
    )
      throw problem.notFound(`Recommendation ${String(params.id)}`);
  }
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

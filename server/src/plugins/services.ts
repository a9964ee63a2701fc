import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { AppConfig } from '../config.js';
import type { Clock } from '../lib/types.js';
import { createServices, type Services } from '../services/index.js';

declare module 'fastify' {
  interface FastifyInstance {
    services: Services;
    config: AppConfig;
    clock: Clock;
  }
}

export default fp<{ config: AppConfig; clock: Clock }>(
  async function servicesPlugin(app: FastifyInstance, opts) {
    app.decorate('config', opts.config);
    app.decorate('clock', opts.clock);
    const services = createServices({
      db: app.db,
      sqlite: app.sqlite,
      config: opts.config,
      clock: opts.clock,
    });
    const backfilled = services.actions.backfillLiveRag();
    if (backfilled > 0) app.log.info({ actions: backfilled }, 'live RAG written for existing actions');
    const listParts = services.actions.backfillListParts();
    if (listParts > 0)
      app.log.info({ actions: listParts }, 'list leads and evidence counts written for existing actions');
    const ragsKept = services.meetings.backfillSnapshotRags();
    if (ragsKept > 0) app.log.info({ meetings: ragsKept }, 'compact RAGs written for locked meetings');
    app.decorate('services', services);
  },
  { name: 'services', dependencies: ['db'] },
);

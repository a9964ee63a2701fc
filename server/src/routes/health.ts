import fs from 'node:fs';
import path from 'node:path';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { Problem } from '@ipt/shared/schemas';
import { unwritableFolders } from '../db/data-folder.js';

/** How long a storage fault met by a request keeps /healthz failing after the last one. */
const FAULT_WINDOW_MS = 60_000;

const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/healthz',
    {
      config: { access: 'public' },
      schema: {
        tags: ['health'],
        summary:
          'Answers 200 only when the database answers, its folders can be written and have free space, and no write has met a storage fault in the last minute',
        response: {
          200: Type.Object({ status: Type.Literal('ok'), database: Type.Literal('ok') }),
          503: {
            description: 'Something the service needs is failing; `errors` lists each',
            content: { 'application/problem+json': { schema: Problem } },
          },
        },
      },
    },
    async (request, reply) => {
      const failing: { path: string; message: string }[] = [];
      try {
        const row = app.sqlite.prepare('SELECT 1 AS ok').get() as { ok: number } | undefined;
        if (row?.ok !== 1) throw new Error('unexpected answer');
      } catch (err) {
        request.log.error({ err }, 'health check: the database does not answer');
        failing.push({ path: 'database', message: 'The database does not answer.' });
      }
      const { config } = app;
      for (const dir of unwritableFolders(config))
        failing.push({ path: 'folder', message: `${dir} cannot be written.` });
      for (const dir of new Set([path.dirname(config.databaseFile), path.join(config.dataDir, 'evidence')])) {
        try {
          const s = fs.statfsSync(dir);
          const free = s.bavail * s.bsize;
          if (free < config.minFreeBytes)
            failing.push({
              path: 'disk',
              message: `${dir} has ${Math.floor(free / 1048576)} MB free, less than MIN_FREE_MB (${Math.floor(config.minFreeBytes / 1048576)} MB).`,
            });
        } catch (err) {
          failing.push({ path: 'disk', message: `${dir}: ${(err as Error).message}` });
        }
      }
      const fault = app.storageFaults.recent(FAULT_WINDOW_MS);
      if (fault)
        failing.push({
          path: 'storage',
          message: `A write failed with ${fault.code} at ${fault.at.toISOString()}.`,
        });
      if (failing.length === 0) return { status: 'ok' as const, database: 'ok' as const };
      request.log.error({ failing }, 'health check failed');
      return reply
        .code(503)
        .header('content-type', 'application/problem+json; charset=utf-8')
        .send({
          type: 'urn:ipt:problem:unavailable',
          title: 'The service is not healthy',
          status: 503,
          detail: failing.map((f) => f.message).join(' '),
          errors: failing,
        });
    },
  );
};

export default healthRoutes;

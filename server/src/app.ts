/**
 * buildApp: the one way the application is put together, used by the process (server.ts), the tests and the
 * benchmarks alike. It does not listen; the caller decides.
 */
import path from 'node:path';
import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import fastifyRateLimit from '@fastify/rate-limit';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Ajv, type Options as AjvOptions } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { AppConfig } from './config.js';
import { withInputRules } from './lib/input-rules.js';
import { lazyCompilers, type LazyCompilers } from './lib/lazy-compilers.js';
import { systemClock, type Clock } from './lib/types.js';
import accessLogPlugin from './plugins/access-log.js';
import authPlugin from './plugins/auth.js';
import clientPlugin from './plugins/client.js';
import dbPlugin from './plugins/db.js';
import errorsPlugin, { clientErrorHandler, frameworkErrorHandler } from './plugins/errors.js';
import requestContextPlugin from './plugins/request-context.js';
import securityPlugin from './plugins/security.js';
import servicesPlugin from './plugins/services.js';
import readWorkersPlugin from './plugins/read-workers.js';
import swaggerPlugin from './plugins/swagger.js';
import apiRoutes from './routes/index.js';
import healthRoutes from './routes/health.js';

// ajv-formats is CommonJS with a default export.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

declare module 'fastify' {
  interface FastifyInstance {
    /** The routes' validators and serializers, compiled on first use; `warmUp()` after listening. */
    schemaCompilers: LazyCompilers;
  }
}

export interface BuildAppOptions {
  config: AppConfig;
  clock?: Clock;
  logger?: FastifyServerOptions['logger'];
}

/**
 * Bodies are validated exactly: no type coercion (a number where a string belongs is an error, not a guess)
 * and unknown fields refused, not silently dropped. Query strings and path parameters arrive as text, so
 * they are coerced to the declared types.
 */
function validators() {
  const common: AjvOptions = { allErrors: true, useDefaults: true, removeAdditional: false, strict: false };
  const body = addFormats(new Ajv({ ...common, coerceTypes: false }));
  const text = addFormats(new Ajv({ ...common, coerceTypes: 'array' }));
  return ({ schema, httpPart }: { schema: object; httpPart?: string }) =>
    (httpPart === 'body' ? body : text).compile(schema);
}

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { config } = options;
  const compilers = lazyCompilers();
  const app = Fastify({
    logger: options.logger ?? { level: config.logLevel },
    // A hop count trusts that many proxies nearest the server (fastify's types omit the number form).
    trustProxy:
      typeof config.trustProxy === 'number'
        ? (_address: string, hop: number) => hop < (config.trustProxy as number)
        : config.trustProxy,
    bodyLimit: 1024 * 1024,
    clientErrorHandler,
    frameworkErrors: frameworkErrorHandler,
    // Requests are logged by the access log plugin, one line each, without fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    schemaController: { compilersFactory: { buildSerializer: compilers.buildSerializer } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setValidatorCompiler(compilers.validator(withInputRules(validators())));
  app.decorate('schemaCompilers', compilers);

  await app.register(errorsPlugin);
  await app.register(requestContextPlugin);
  await app.register(dbPlugin, {
    file: config.databaseFile,
    backupsDir: path.join(config.dataDir, 'backups'),
  });
  await app.register(servicesPlugin, { config, clock: options.clock ?? systemClock(config) });
  await app.register(readWorkersPlugin);
  await app.register(securityPlugin);
  await app.register(fastifyRateLimit, { global: false });
  await app.services.evidence.store.init();
  await app.register(authPlugin);
  await app.register(accessLogPlugin);
  await app.register(swaggerPlugin);
  await app.register(healthRoutes);
  await app.register(apiRoutes, { prefix: '/api' });
  if (config.clientDir) await app.register(clientPlugin, { dir: config.clientDir });

  return app;
}

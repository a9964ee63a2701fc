/**
 * SIGTERM/SIGINT: stop accepting, close idle keep-alive connections (and each busy one as soon as its answer
 * is sent), give requests in flight a moment to finish, then cut off what is left — logging each request cut
 * short — and close the app, whose last hook checkpoints the WAL and closes SQLite.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';

export interface ShutdownOptions {
  /** How long requests in flight may take to finish before their connections are closed. */
  graceMs?: number;
  /** If closing has not finished by then, exit 1 regardless. */
  hardMs?: number;
  /** Runs after the app has closed (release the data folder lock). */
  after?: () => void;
}

/** Call before the app is ready (it adds hooks); returns the function the signal handlers call. */
export function gracefulShutdown(app: FastifyInstance, options: ShutdownOptions = {}) {
  const graceMs = options.graceMs ?? 3000;
  const hardMs = options.hardMs ?? 8000;
  const inFlight = new Map<FastifyRequest, number>();
  let closing = false;

  // Callback hooks, not async ones: no promise made on every request.
  app.addHook('onRequest', (request, _reply, done) => {
    inFlight.set(request, Date.now());
    done();
  });
  app.addHook('onResponse', (request, _reply, done) => {
    inFlight.delete(request);
    done();
  });
  app.addHook('onRequestAbort', (request, done) => {
    inFlight.delete(request);
    done();
  });
  app.addHook('onSend', (_request, reply, _payload, done) => {
    // A busy keep-alive connection closes once this answer is sent, rather than idle on until it times out.
    if (closing) reply.header('connection', 'close');
    done();
  });

  return async function shutdown(signal: string): Promise<never> {
    if (closing) return new Promise<never>(() => {});
    closing = true;
    const started = Date.now();
    app.log.info(`${signal} received; closing (${inFlight.size} request(s) in flight).`);
    const hard = setTimeout(() => {
      app.log.error(`Shutdown did not finish within ${hardMs} ms; exiting without it.`);
      process.exit(1);
    }, hardMs);
    hard.unref();
    const server = app.server;
    // Idle keep-alive sockets: close them now and as they become idle.
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    const cut = setTimeout(() => {
      for (const [request, since] of inFlight)
        app.log.warn(
          { method: request.method, url: request.url, ms: Date.now() - since },
          'Shutdown: cut short a request that had not finished',
        );
      server.closeAllConnections();
    }, graceMs);
    try {
      await app.close();
      clearInterval(sweep);
      clearTimeout(cut);
      options.after?.();
      app.log.info(`Closed in ${Date.now() - started} ms; the database is checkpointed and closed.`);
      process.exit(0);
    } catch (err) {
      app.log.error({ err }, 'Shutdown failed');
      process.exit(1);
    }
  };
}

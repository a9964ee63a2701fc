/**
 * Opens the database once per app (never a module-level singleton), applies the committed migrations, and
 * closes it when the app closes.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { openDatabase, type Db, type Sqlite } from '../db/client.js';
import { runMigrations } from '../db/migrate.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    sqlite: Sqlite;
  }
}

export interface DbPluginOptions {
  file: string;
}

export default fp<DbPluginOptions>(
  async function dbPlugin(app: FastifyInstance, opts) {
    const { db, sqlite } = openDatabase(opts.file);
    try {
      runMigrations(db);
    } catch (err) {
      sqlite.close();
      throw err;
    }
    app.decorate('db', db);
    app.decorate('sqlite', sqlite);
    app.addHook('onClose', async () => {
      sqlite.close();
    });
  },
  { name: 'db' },
);

/**
 * Opens the database once per app (never a module-level singleton) after the start-up checks (db/guard.ts),
 * applies the committed migrations (backing the database up first when it already holds a schema), and
 * checkpoints and closes it when the app closes.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { openDatabase, type Db, type Sqlite } from '../db/client.js';
import { migrateWithBackup } from '../db/migrate.js';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    sqlite: Sqlite;
  }
}

export interface DbPluginOptions {
  file: string;
  /** Where the automatic backup before migrations goes. */
  backupsDir: string;
}

export default fp<DbPluginOptions>(
  async function dbPlugin(app: FastifyInstance, opts) {
    const { db, sqlite } = openDatabase(opts.file);
    try {
      const backup = await migrateWithBackup(db, opts.backupsDir);
      if (backup) app.log.info(`Backed the database up to ${backup} before applying the pending migrations.`);
    } catch (err) {
      sqlite.close();
      throw err;
    }
    app.decorate('db', db);
    app.decorate('sqlite', sqlite);
    app.addHook('onClose', async () => {
      try {
        // Fold the WAL into the database file, so a copy of the file alone is complete once we stop.
        sqlite.pragma('wal_checkpoint(TRUNCATE)');
      } catch (err) {
        app.log.error({ err }, 'The WAL checkpoint at shutdown failed');
      }
      sqlite.close();
    });
  },
  { name: 'db' },
);

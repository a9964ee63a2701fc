import type { AppConfig } from '../config.js';
import type { Db, Sqlite } from '../db/client.js';
import type { Clock } from '../lib/types.js';
import type { Repositories } from '../repositories/index.js';

/** What every service is built from: one database, the configuration, the clock, the repositories. */
export interface ServiceDeps {
  db: Db;
  sqlite: Sqlite;
  config: AppConfig;
  clock: Clock;
  repos: Repositories;
}

/**
 * Applies the committed drizzle-kit migrations, in drizzle's own journal table (`__drizzle_migrations`), with
 * what drizzle's migrator lacks for a database that holds real data:
 *
 * - foreign keys are off while the migrations run (a migration that rebuilds a referenced table would
 *   otherwise fail, or cascade, on a populated database) and `PRAGMA foreign_key_check` must come back empty
 *   before the one transaction commits;
 * - a database written by a newer version (a migration this build does not know) is refused;
 * - `user_version` holds the number of migrations applied and `application_id` marks the file as ours;
 * - the caller can take a backup between "there are pending migrations" and applying them.
 */
import { fileURLToPath } from 'node:url';
import { readMigrationFiles, type MigrationMeta } from 'drizzle-orm/migrator';
import type { Db, Sqlite } from './client.js';
import { APPLICATION_ID, StartupRefusal } from './guard.js';

/** The committed drizzle-kit output at the top of the repository. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations', import.meta.url));
const TABLE = '__drizzle_migrations';

export interface MigrationPlan {
  /** Migrations already applied to this database. */
  applied: number;
  pending: MigrationMeta[];
  known: MigrationMeta[];
}

function sqliteOf(db: Db): Sqlite {
  return (db as unknown as { $client: Sqlite }).$client;
}

function fileOf(sqlite: Sqlite): string {
  return sqlite.name;
}

/** What would be applied; refuses a database that a newer version has migrated. */
export function planMigrations(db: Db, migrationsFolder = MIGRATIONS_DIR): MigrationPlan {
  const sqlite = sqliteOf(db);
  const known = readMigrationFiles({ migrationsFolder });
  const hasTable = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(TABLE);
  const rows = hasTable
    ? (sqlite.prepare(`SELECT hash, created_at FROM "${TABLE}" ORDER BY created_at`).all() as {
        hash: string;
        created_at: number | string;
      }[])
    : [];
  const last = rows.at(-1);
  const lastMillis = last ? Number(last.created_at) : -Infinity;
  const newestKnown = known.at(-1)?.folderMillis ?? -Infinity;
  const userVersion = Number(sqlite.pragma('user_version', { simple: true }));
  if (lastMillis > newestKnown || userVersion > known.length) {
    throw new StartupRefusal(
      'newer',
      fileOf(sqlite),
      `the database was upgraded by a newer version of this application (schema ${Math.max(userVersion, rows.length)}; this version knows ${known.length}). It was not changed.`,
      'Run the newer version again, or restore the backup taken before that upgrade (DATA_DIR/backups/before-migration-…) with npm run restore.',
    );
  }
  const pending = known.filter((m) => m.folderMillis > lastMillis);
  return { applied: known.length - pending.length, pending, known };
}

/** Applies the pending migrations in one transaction, with foreign keys off and checked before commit. */
export function applyMigrations(db: Db, plan: MigrationPlan): void {
  const sqlite = sqliteOf(db);
  const fkWasOn = Number(sqlite.pragma('foreign_keys', { simple: true })) === 1;
  sqlite.exec(
    `CREATE TABLE IF NOT EXISTS "${TABLE}" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)`,
  );
  if (plan.pending.length === 0) {
    stamp(sqlite, plan.known.length);
    return;
  }
  // PRAGMA foreign_keys is a no-op inside a transaction: it must be set before BEGIN.
  sqlite.pragma('foreign_keys = OFF');
  try {
    sqlite
      .transaction(() => {
        const record = sqlite.prepare(`INSERT INTO "${TABLE}" ("hash", "created_at") VALUES (?, ?)`);
        for (const migration of plan.pending) {
          for (const statement of migration.sql) if (statement.trim()) sqlite.exec(statement);
          record.run(migration.hash, migration.folderMillis);
        }
        const broken = sqlite.pragma('foreign_key_check') as {
          table: string;
          rowid: number;
          parent: string;
        }[];
        if (broken.length > 0) {
          const sample = broken
            .slice(0, 5)
            .map((b) => `${b.table} row ${b.rowid} → ${b.parent}`)
            .join('; ');
          throw new StartupRefusal(
            'migration',
            fileOf(sqlite),
            `the migrations would leave ${broken.length} row(s) pointing at rows that do not exist (${sample}); nothing was changed.`,
            'Run the previous version again and report this to the developers with the log; the backup taken before the migration is in DATA_DIR/backups.',
          );
        }
        stamp(sqlite, plan.known.length);
      })
      .immediate();
  } finally {
    if (fkWasOn) sqlite.pragma('foreign_keys = ON');
  }
}

function stamp(sqlite: Sqlite, version: number): void {
  if (Number(sqlite.pragma('application_id', { simple: true })) !== APPLICATION_ID)
    sqlite.pragma(`application_id = ${APPLICATION_ID}`);
  if (Number(sqlite.pragma('user_version', { simple: true })) !== version)
    sqlite.pragma(`user_version = ${version}`);
}

export function runMigrations(db: Db, migrationsFolder = MIGRATIONS_DIR): void {
  applyMigrations(db, planMigrations(db, migrationsFolder));
}

/**
 * Start-up's way: when a database that already has a schema has migrations pending, back it up first
 * (`backupsDir/before-migration-<n>-<time>`), then apply them. Returns the backup folder, if one was made.
 */
export async function migrateWithBackup(
  db: Db,
  backupsDir: string,
  migrationsFolder = MIGRATIONS_DIR,
): Promise<string | null> {
  const plan = planMigrations(db, migrationsFolder);
  let folder: string | null = null;
  if (plan.applied > 0 && plan.pending.length > 0) {
    const { backupBeforeMigration } = await import('../ops/backup.js');
    folder = await backupBeforeMigration(sqliteOf(db), backupsDir, plan.applied);
  }
  applyMigrations(db, plan);
  return folder;
}

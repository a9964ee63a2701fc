/**
 * Operator commands, configured by the same environment as the server (DATA_DIR, DATABASE_FILE):
 *
 *   npm run backup -- <folder>          while the service runs or not
 *   npm run restore -- <folder>         with the service stopped (refused while it holds the data folder)
 *   npm run retire-demo-accounts        with the service stopped: deactivate the demo's accounts
 *
 * Exit codes: 0 done; 2 usage; 3 the backup or restore failed (the message says why); the start-up
 * refusals' codes (10–18, see the README) when the data folder or database is refused.
 */
import path from 'node:path';
import { buildApp } from '../app.js';
import { ConfigError, loadConfig } from '../config.js';
import { lockDataFolder, prepareDataFolders } from '../db/data-folder.js';
import { retireDemoAccounts } from '../setup/demo-accounts.js';
import { StartupRefusal } from '../db/guard.js';
import { backupDataFolder, BackupError, restoreDataFolder, type VerifiedBackup } from './backup.js';

function summary(v: VerifiedBackup): string {
  const r = v.rows;
  return `${r.actions ?? 0} actions, ${r.action_updates ?? 0} updates, ${r.audit_log ?? 0} audit rows, ${v.evidenceFiles} evidence files (schema ${v.manifest.schemaVersion})`;
}

async function main(argv: string[]): Promise<number> {
  const [command, target] = argv;
  const config = loadConfig({
    ...process.env,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    CLIENT_DIR: 'none',
  });
  process.umask(0o077);
  switch (command) {
    case 'backup': {
      if (!target) return usage('npm run backup -- <new or empty folder>');
      const folder = path.resolve(target);
      const v = await backupDataFolder(config, folder);
      console.log(`Backed up ${config.databaseFile} and its evidence to ${folder}: ${summary(v)}. Verified.`);
      return 0;
    }
    case 'restore': {
      if (!target) return usage('npm run restore -- <backup folder>');
      const folder = path.resolve(target);
      const v = restoreDataFolder(config, folder);
      console.log(`Restored ${folder} into ${config.databaseFile}: ${summary(v)}. integrity_check ok.`);
      if (v.keptAs) console.log(`The database it replaced is kept as ${v.keptAs} (with its -wal and -shm).`);
      return 0;
    }
    case 'retire-demo-accounts': {
      prepareDataFolders(config);
      const lock = lockDataFolder(config.dataDir);
      try {
        // A one-off command reads no meeting pages: no read workers.
        const app = await buildApp({ config: { ...config, readWorkers: 0 }, logger: false });
        try {
          const retired = retireDemoAccounts(app.services, new Date());
          console.log(
            retired.length === 0
              ? 'There are no active demo accounts.'
              : `Deactivated ${retired.length} demo account(s) and ended their sessions: ${retired.join(', ')}.\n` +
                  'Start with DEMO=false and ADMIN_EMAIL, ADMIN_NAME, ADMIN_PASSWORD to create the first real administrator.',
          );
        } finally {
          await app.close();
        }
      } finally {
        lock.release();
      }
      return 0;
    }
    default:
      return usage('backup <folder> | restore <folder> | retire-demo-accounts');
  }
}

function usage(text: string): number {
  console.error(`Usage: ${text}`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof StartupRefusal) {
      console.error(err.report());
      process.exit(err.exitCode);
    }
    if (err instanceof ConfigError) {
      console.error(`Configuration error — ${err.message}`);
      process.exit(78);
    }
    if (err instanceof BackupError) {
      console.error(`Failed: ${err.message}`);
      process.exit(3);
    }
    console.error(err);
    process.exit(1);
  },
);

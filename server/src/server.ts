/**
 * The process: read configuration, check and lock the data folder, build the app (which checks, opens and
 * migrates the database), refuse a production start on the demo's accounts, load the demo plan into an empty
 * database when DEMO is on, listen, and close cleanly on SIGINT/SIGTERM. A refusal prints what is wrong, the
 * path and the fix, and exits with its own code (db/guard.ts, listed in the README).
 */
import { buildApp } from './app.js';
import { ConfigError, DEFAULT_DEMO_PASSWORD, loadConfig, type AppConfig } from './config.js';
import { bootstrapAdmin } from './setup/bootstrap.js';
import { lockDataFolder, prepareDataFolders } from './db/data-folder.js';
import { activeDemoAccounts } from './setup/demo-accounts.js';
import { StartupRefusal } from './db/guard.js';
import { gracefulShutdown } from './lib/shutdown.js';

async function main(): Promise<void> {
  const started = process.hrtime.bigint();
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`Configuration error — ${err.message}`);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }

  // Everything this process creates (folders, the database, its -wal and -shm, evidence) is owner-only.
  process.umask(0o077);
  prepareDataFolders(config);
  const lock = lockDataFolder(config.dataDir);
  const app = await buildApp({ config });

  if (!config.demo) {
    const demo = activeDemoAccounts(app.services);
    if (demo.length > 0) {
      await app.close();
      throw new StartupRefusal(
        'demoAccounts',
        config.databaseFile,
        `DEMO=false, but the database holds ${demo.length} demo account(s) (${demo.slice(0, 3).join(', ')}${demo.length > 3 ? ', …' : ''}) that sign in with the published demo password.`,
        'To start clean, point DATA_DIR at a new folder (or move this one aside) and start with DEMO=false and ADMIN_EMAIL, ADMIN_NAME, ADMIN_PASSWORD. To keep the data, run `npm run retire-demo-accounts` (deactivates them and ends their sessions), then start with DEMO=false and ADMIN_* set.',
      );
    }
  }

  let demoAccounts: { email: string; role: string; name: string }[] = [];
  let needsAdmin = false;
  if (!config.demo) {
    const result = await bootstrapAdmin(app.services, config, app.clock());
    if (result === 'created') app.log.info(`Created the first administrator, ${config.firstAdmin?.email}.`);
    needsAdmin = result === 'needed';
  }
  if (config.demoClockStart) {
    app.log.warn(
      `Demo clock: the server's time started at ${config.demoClockStart.toISOString()} (DEMO_CLOCK_START).`,
    );
  }
  if (config.demo) {
    const { seedDemo } = await import('./setup/seed.js');
    const result = await seedDemo(app.services, { password: config.demoPassword, now: app.clock() });
    demoAccounts = result.accounts;
    if (result.seeded)
      app.log.info(`Loaded the demo plan: ${result.actions} actions, ${result.meetings} meetings.`);
  }

  const shutdown = gracefulShutdown(app, { after: () => lock.release() });
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  // Compile the routes' validators and serializers not yet used, between requests; a schema that cannot
  // compile is a bug that must not wait for the request that needs it.
  app.schemaCompilers.warmUp().catch((err: unknown) => {
    app.log.fatal({ err }, 'A route schema does not compile');
    process.exit(70); // EX_SOFTWARE
  });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const ms = Number(process.hrtime.bigint() - started) / 1e6;

  const lines = [
    '',
    `Improvement Plan Tracker is running: http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/`,
    `API docs: http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/docs   (started in ${ms.toFixed(0)} ms)`,
    `Data: ${config.databaseFile}`,
  ];
  if (demoAccounts.length > 0) {
    lines.push(
      '',
      `Demo accounts (password: ${config.demoPassword === DEFAULT_DEMO_PASSWORD ? config.demoPassword : 'the DEMO_PASSWORD you set'}):`,
    );
    for (const a of demoAccounts) lines.push(`  ${a.role.padEnd(8)} ${a.email.padEnd(52)} ${a.name}`);
  }
  if (needsAdmin) {
    lines.push(
      '',
      'There are no accounts yet. Restart with ADMIN_EMAIL, ADMIN_NAME and ADMIN_PASSWORD (12 characters or more)',
      'set to create the first administrator, or with DEMO=true to load the demo plan.',
    );
  }
  console.log(lines.join('\n') + '\n');
}

main().catch((err: unknown) => {
  if (err instanceof StartupRefusal) {
    console.error(err.report());
    process.exit(err.exitCode);
  }
  console.error(err);
  process.exit(1);
});

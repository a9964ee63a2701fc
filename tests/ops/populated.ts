/**
 * Two populated databases for the migration tests: the demo, and the benchmark's generated plan set (2,000
 * actions, 40,000 updates, 5,000 evidence, 50 leads; fewer locked meetings than the bench, for time).
 */
import path from 'node:path';
import { buildApp } from '../../server/src/app.js';
import { testConfig } from '../../server/src/config.js';
import { seedDemo } from '../../server/src/setup/seed.js';
import { generate } from '../perf/generate.js';

export async function populatedDatabases(root: string): Promise<{ demoFile: string; benchFile: string }> {
  const demoDir = path.join(root, 'demo');
  const app = await buildApp({ config: testConfig({ dataDir: demoDir }), logger: false });
  await seedDemo(app.services, { password: 'demo-password-x', now: new Date('2026-11-23T12:00:00Z') });
  await app.close();
  const benchDir = path.join(root, 'bench');
  await generate(benchDir, {
    plans: 10,
    actionsPerPlan: 200,
    updates: 40_000,
    meetingsPerPlan: 2,
    evidence: 5_000,
    leads: 50,
    password: 'bench-password-x',
  });
  return { demoFile: path.join(demoDir, 'tracker.db'), benchFile: path.join(benchDir, 'tracker.db') };
}

import { defineConfig } from 'vitest/config';
import { alias } from './vitest.config.js';

/**
 * Operations tests: the built server as its own process — start-up refusals and their exit codes, SIGKILL
 * under concurrent writes, SIGTERM under load, backup under write load then restore. The server is built
 * (`tsc -b server`) by the global setup. One file at a time: each drives real processes on a small machine.
 */
export default defineConfig({
  resolve: { alias },
  test: {
    name: 'ops',
    include: ['tests/ops/**/*.test.ts'],
    globalSetup: ['tests/ops/build.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});

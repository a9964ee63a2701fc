import { defineConfig } from 'vitest/config';
import { alias } from './vitest.config.js';

/**
 * Browser tests: Chromium (playwright-core) against the built app, started as its own process.
 * Build first (`npm run build`). One file at a time: each starts a server and a browser.
 */
export default defineConfig({
  // The same source aliases as the unit and API tests.
  resolve: { alias },
  test: {
    name: 'e2e',
    // The tests take the README's screenshots as they pass the pages, only when asked
    // (UPDATE_SCREENSHOTS=1, which npm run screenshots sets): see tests/e2e/helpers/daily-work.ts.
    include: ['tests/e2e/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
  },
});

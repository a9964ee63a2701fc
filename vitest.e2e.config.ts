import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const r = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * Browser tests: Chromium (playwright-core) against the built app, started as its own process.
 * Build first (`npm run build`). One file at a time: each starts a server and a browser.
 */
export default defineConfig({
  resolve: {
    // The same source aliases as vitest.config.ts.
    alias: [
      { find: /^@ipt\/shared\/schemas$/, replacement: r('./shared/src/schemas/index.ts') },
      { find: /^@ipt\/shared$/, replacement: r('./shared/src/index.ts') },
      { find: /^@\//, replacement: r('./client/src/') + '/' },
    ],
  },
  test: {
    name: 'e2e',
    include: ['tests/e2e/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
  },
});

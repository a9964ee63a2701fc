import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vitest/config';

const r = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/** Source aliases: tests run the TypeScript directly, with no build step. */
export const alias = [
  { find: /^@ipt\/shared\/schemas$/, replacement: r('./shared/src/schemas/index.ts') },
  { find: /^@ipt\/shared$/, replacement: r('./shared/src/index.ts') },
  { find: /^@\//, replacement: r('./client/src/') + '/' },
];

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'server',
          include: ['tests/unit/**/*.test.ts', 'tests/api/**/*.test.ts'],
          exclude: ['tests/unit/client/**'],
          environment: 'node',
          pool: 'forks',
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
      {
        plugins: [vue()],
        resolve: { alias },
        test: {
          name: 'client',
          include: ['tests/unit/client/**/*.test.ts'],
          environment: 'happy-dom',
        },
      },
    ],
  },
});

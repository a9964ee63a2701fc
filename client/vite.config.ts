import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { NodePackageImporter } from 'sass';
import { defineConfig } from 'vite';

const r = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * govuk-frontend keeps an Internet Explorer hack (`@media screen and (min-width: 0\0)`) that the CSS
 * minifier rightly refuses. No browser we support reads it, so it is dropped.
 */
const dropIeHacks = {
  postcssPlugin: 'drop-ie-hacks',
  AtRule: {
    media(rule: { params: string; remove: () => void }) {
      if (/min-width:\s*0[^\d.a-z)]/i.test(rule.params)) rule.remove();
    },
  },
};

/** The API server the dev server forwards to (`npm run dev:server` listens on 3000). */
const apiTarget = process.env.API_TARGET ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: r('.'),
  // Absolute asset URLs: a deep link such as /actions/12 must still load /assets/… on reload.
  base: '/',
  plugins: [vue()],
  resolve: {
    alias: [
      { find: /^@ipt\/shared\/schemas$/, replacement: r('../shared/src/schemas/index.ts') },
      { find: /^@ipt\/shared$/, replacement: r('../shared/src/index.ts') },
      { find: /^@\//, replacement: r('./src/') },
    ],
  },
  css: {
    postcss: { plugins: [dropIeHacks] },
    preprocessorOptions: {
      scss: {
        // Resolves `pkg:govuk-frontend/…` through the package's `sass` export condition.
        importers: [new NodePackageImporter()],
        // govuk-frontend's own Sass still uses a few deprecated features; its warnings are not ours.
        quietDeps: true,
      },
    },
  },
  build: {
    outDir: r('./dist'),
    emptyOutDir: true,
    sourcemap: true,
    // The server's CSP forbids inline scripts and styles: keep every asset a file.
    assetsInlineLimit: 0,
  },
  server: {
    port: 5173,
    proxy: {
      '/api': apiTarget,
      '/docs': apiTarget,
      '/openapi.json': apiTarget,
      '/healthz': apiTarget,
    },
  },
});

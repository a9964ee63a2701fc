import { defineConfig } from 'vitest/config';
import { alias } from './vitest.config.js';

/**
 * System tests: checks that need the Debian tools CI installs (poppler-utils, LibreOffice), such as
 * pdfinfo reading the exported PDF's tags and LibreOffice opening the DOCX and XLSX. One file at a time:
 * LibreOffice takes a while to start, and two at once on a small machine only slow each other down.
 */
export default defineConfig({
  // The same source aliases as the unit and API tests.
  resolve: { alias },
  test: {
    name: 'system',
    include: ['tests/system/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});

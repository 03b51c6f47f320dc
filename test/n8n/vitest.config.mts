import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The real-n8n end-to-end suite: `npm run test:e2e`. Separate from the unit run (long timeouts, one file at a time:
// each file boots its own n8n, and two n8n processes on a 2-core machine only slow each other down).
// globalSetup installs n8n into the cache (minutes, once per machine), builds and packs the package once.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export default defineConfig({
  root,
  resolve: {
    alias: {
      '@trending/core': resolve(root, 'packages/core/src/index.ts'),
      '@trending/simulator': resolve(root, 'packages/simulator/src/index.ts'),
    },
  },
  test: {
    globals: true,
    include: ['test/n8n/**/*.e2e.test.ts'],
    globalSetup: ['test/n8n/global-setup.ts'],
    env: { TRENDING_N8N_E2E: '1' },
    fileParallelism: false,
    pool: 'forks',
    testTimeout: 240_000,
    hookTimeout: 300_000,
    teardownTimeout: 60_000,
    reporters: ['default'],
  },
});

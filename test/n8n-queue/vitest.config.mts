import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// n8n in queue mode (Postgres + Redis + main + 2 workers + webhook processor), on loopback: `npm run test:queue`.
// globalSetup installs the prerequisites (apt) and n8n when missing and packs the package once; the test file starts,
// and stops by PID, every service. Tests inside the file run in order and share one setup.
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
    include: ['test/n8n-queue/**/*.e2e.test.ts'],
    globalSetup: ['test/n8n-queue/global-setup.ts'],
    env: { TRENDING_N8N_E2E: '1' },
    fileParallelism: false,
    pool: 'forks',
    testTimeout: 300_000,
    hookTimeout: 900_000,
    teardownTimeout: 120_000,
    reporters: ['default'],
  },
});

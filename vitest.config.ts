import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

// Tests import workspace packages from source, so a test run never depends on a stale build.
export default defineConfig({
  resolve: {
    alias: {
      '@trending/core': resolve(__dirname, 'packages/core/src/index.ts'),
      '@trending/simulator': resolve(__dirname, 'packages/simulator/src/index.ts'),
    },
  },
  test: {
    globals: true,
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    // Real-program suites (a real n8n, the Zapier CLI) have their own configs and scripts.
    exclude: ['**/node_modules/**', '**/dist/**', '**/*.e2e.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

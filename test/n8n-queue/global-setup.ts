/**
 * Once per queue-mode run: the prerequisites (Postgres and Redis from apt when missing, timed), the cached n8n install
 * (installed when missing) and the packed package, handed to the test file through `inject()`. The services
 * themselves are started by the test file, which owns (and stops) every process it starts.
 */
import { rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import {
  buildAndPack,
  ensureN8n,
  type N8nInstall,
  type PackedPackage,
  readPackedTarball,
  scratchDir,
} from '../n8n/harness';
import { ensurePostgres, ensureRedis } from './services';

declare module 'vitest' {
  export interface ProvidedContext {
    n8n: N8nInstall;
    pkg: PackedPackage;
    prereq: { postgresBin: string; redisBin: string; postgresInstallMs: number; redisInstallMs: number };
    setupTimings: Record<string, number>;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const t0 = Date.now();
  // apt first: a missing prerequisite fails in seconds with a clear message, before minutes of n8n install.
  const pg = await ensurePostgres();
  const redis = await ensureRedis();
  const t1 = Date.now();
  const n8n = await ensureN8n();
  const t2 = Date.now();
  const given = process.env.TRENDING_E2E_TARBALL;
  const packDir = given ? null : scratchDir('queue-pack');
  const pkg = given ? readPackedTarball(given) : await buildAndPack(packDir!);
  const t3 = Date.now();
  const setupTimings = { prerequisitesMs: t1 - t0, n8nMs: t2 - t1, packMs: t3 - t2 };
  process.stderr.write(
    `[queue] postgres ${pg.installMs ? `installed in ${(pg.installMs / 1000).toFixed(1)} s` : 'present'} (${pg.path}), ` +
      `redis ${redis.installMs ? `installed in ${(redis.installMs / 1000).toFixed(1)} s` : 'present'} (${redis.path}); ` +
      `n8n ${n8n.reused ? 'reused' : 'installed'} in ${((t2 - t1) / 1000).toFixed(1)} s; ` +
      `package built and packed in ${((t3 - t2) / 1000).toFixed(1)} s\n`,
  );
  project.provide('n8n', n8n);
  project.provide('pkg', pkg);
  project.provide('prereq', {
    postgresBin: pg.path,
    redisBin: redis.path,
    postgresInstallMs: pg.installMs,
    redisInstallMs: redis.installMs,
  });
  project.provide('setupTimings', setupTimings);
  return () => {
    if (packDir && !process.env.TRENDING_E2E_KEEP) rmSync(packDir, { recursive: true, force: true });
  };
}

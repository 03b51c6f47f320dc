/**
 * Once per e2e run: the cached n8n install (installed here when missing) and the packed package, handed to the test
 * files through `inject('n8n')` / `inject('pkg')`.
 */
import { rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { buildAndPack, ensureN8n, type N8nInstall, type PackedPackage, readPackedTarball, scratchDir } from './harness';

declare module 'vitest' {
  export interface ProvidedContext {
    n8n: N8nInstall;
    pkg: PackedPackage;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const t0 = Date.now();
  const n8n = await ensureN8n();
  const t1 = Date.now();
  // TRENDING_E2E_TARBALL=<file.tgz> tests a given tarball (e.g. the one about to be published) instead of building.
  const given = process.env.TRENDING_E2E_TARBALL;
  const packDir = given ? null : scratchDir('pack');
  const pkg = given ? readPackedTarball(given) : await buildAndPack(packDir!);
  const t2 = Date.now();
  process.stderr.write(
    `[e2e] n8n ${n8n.reused ? 'reused from' : 'installed into'} ${n8n.cacheDir} in ${((t1 - t0) / 1000).toFixed(1)} s; ` +
      `package built and packed in ${((t2 - t1) / 1000).toFixed(1)} s (${pkg.files.length} files)\n`,
  );
  project.provide('n8n', n8n);
  project.provide('pkg', pkg);
  return () => {
    if (packDir && !process.env.TRENDING_E2E_KEEP) rmSync(packDir, { recursive: true, force: true });
  };
}

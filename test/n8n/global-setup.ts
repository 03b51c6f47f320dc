/**
 * Once per e2e run: the cached n8n install (installed here when missing) and the packed package, handed to the test
 * files through `inject('n8n')` / `inject('pkg')`.
 */
import type { TestProject } from 'vitest/node';
import { buildAndPack, ensureN8n, type N8nInstall, type PackedPackage, scratchDir } from './harness';

declare module 'vitest' {
  export interface ProvidedContext {
    n8n: N8nInstall;
    pkg: PackedPackage;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const t0 = Date.now();
  const n8n = await ensureN8n();
  const t1 = Date.now();
  const pkg = await buildAndPack(scratchDir('pack'));
  const t2 = Date.now();
  process.stderr.write(
    `[e2e] n8n ${n8n.reused ? 'reused from' : 'installed into'} ${n8n.cacheDir} in ${((t1 - t0) / 1000).toFixed(1)} s; ` +
      `package built and packed in ${((t2 - t1) / 1000).toFixed(1)} s (${pkg.files.length} files)\n`,
  );
  project.provide('n8n', n8n);
  project.provide('pkg', pkg);
}

// The workspace bins (`trending`, `trending-sim`) are committed shims, because npm links a workspace's bin only when
// the file exists at install time and dist/ appears only after the build. On a fresh clone (npm install only) the
// shim builds the workspace once, its output on stderr so that machine-readable stdout stays clean, then runs dist.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export async function runBuiltBin(binDir, name, what) {
  const entry = join(binDir, '../dist/bin.js');
  if (!existsSync(entry)) {
    console.error(`${name}: ${what} is not built yet; building the workspace once (npm run build)...`);
    const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 2, 2] });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  await import(pathToFileURL(entry).href);
}

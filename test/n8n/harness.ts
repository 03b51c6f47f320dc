/**
 * Drives a REAL n8n (the cached install from ./install.mjs) the way a user's instance would run this package:
 * the packed package unpacked into a fresh N8N_USER_FOLDER as a community install, credentials and workflows imported
 * through n8n's own CLI, workflows run with `n8n execute` or served by `n8n start` on loopback.
 *
 * Every process started here is tracked and killed (with its process group) on stop, on test failure and at exit.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// plain ESM, shared with the `n8n:install` script (types in install.d.mts)
import { findNode24 } from './install.mjs';

export { ensureN8n, findNode24, N8N_VERSION } from './install.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(here, '..', '..');
export const PACKAGE_NAME = 'n8n-nodes-trending';
/**
 * Scratch space for user folders and tarballs, OUTSIDE the repository: a package under the repo could resolve
 * `n8n-workflow` from the repo's own node_modules, which a user's n8n does not have. TRENDING_E2E_WORK moves it;
 * TRENDING_E2E_KEEP=1 keeps the user folders of a run for inspection.
 */
export const WORK_ROOT = process.env.TRENDING_E2E_WORK || join(tmpdir(), 'trending-n8n-e2e');

/** Obvious test values, never real secrets. */
export const TEST_ENCRYPTION_KEY = 'e2e-test-encryption-key-not-a-secret';
export const OWNER = {
  email: 'owner@e2e.test',
  firstName: 'E2E',
  lastName: 'Owner',
  password: 'E2e-test-password-1',
};

export interface N8nInstall {
  cacheDir: string;
  n8nBin: string;
  nodeBin: string;
  reused: boolean;
  timings: Record<string, number>;
}

// ---------------------------------------------------------------------------------------------------------------
// processes

const live = new Set<ChildProcess>();

function killTree(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal); // detached: the child leads its own group (n8n forks a task runner)
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

/** Sends SIGTERM to the group, SIGKILL after `graceMs`; resolves when the process has exited. */
export async function stopProcess(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    live.delete(child);
    return;
  }
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  killTree(child, 'SIGTERM');
  const timer = setTimeout(() => killTree(child, 'SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
  // the group may still hold a runner that ignored SIGTERM
  killTree(child, 'SIGKILL');
  live.delete(child);
}

process.once('exit', () => {
  for (const c of live) killTree(c, 'SIGKILL');
});

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs a command to completion (killing its group on timeout) and collects its output. */
export function runCommand(
  cmd: string,
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; input?: string } = {},
): Promise<RunResult> {
  const t0 = Date.now();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, {
      cwd: opts.cwd ?? REPO_ROOT,
      env: opts.env ?? process.env,
      detached: true,
      stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    live.add(child);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    if (opts.input !== undefined) child.stdin!.end(opts.input);
    let timedOut = false;
    let killTimer: NodeJS.Timeout | undefined;
    // SIGTERM first: a child that started its own detached n8n (the demo) cleans it up on SIGTERM; a SIGKILL straight
    // away would orphan that n8n with its port.
    const timer = setTimeout(() => {
      timedOut = true;
      killTree(child, 'SIGTERM');
      killTimer = setTimeout(() => killTree(child, 'SIGKILL'), 15_000);
    }, opts.timeoutMs ?? 120_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      live.delete(child);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      clearTimeout(killTimer);
      live.delete(child);
      const ms = Date.now() - t0;
      if (timedOut) {
        reject(
          new Error(
            `${cmd} ${args.join(' ')} timed out after ${ms} ms\n--- stdout\n${tail(stdout)}\n--- stderr\n${tail(stderr)}`,
          ),
        );
      } else resolvePromise({ code, signal, stdout, stderr, ms });
    });
  });
}

function tail(s: string, n = 4000): string {
  return s.length > n ? `…${s.slice(-n)}` : s;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolvePromise(addr.port) : reject(new Error('no port'))));
    });
  });
}

export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined | null | false>,
  { timeoutMs = 30_000, intervalMs = 250 } = {},
): Promise<T> {
  const t0 = Date.now();
  let lastError: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined && v !== null && v !== false) return v;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() - t0 > timeoutMs) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `: ${String(lastError)}` : ''}`,
      );
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// the package, built and packed like a release

export interface PackedPackage {
  tarball: string;
  /** Paths inside the tarball, without the leading `package/`. */
  files: string[];
  manifest: Record<string, unknown> & {
    name: string;
    version: string;
    n8n?: { nodes?: string[]; credentials?: string[]; n8nNodesApiVersion?: number };
  };
}

/**
 * Problems that would make the tarball a bad community package; [] when it is fine. Mirrors n8n 2.41's installer
 * (community-packages.service downloadPackage): it strips devDependencies, peerDependencies and optionalDependencies
 * from the unpacked package.json and `npm install`s what remains, so `dependencies` (and bundled ones) would land in
 * the user's instance; the community scanner forbids non-empty `dependencies` too.
 */
export function packageProblems(pkg: PackedPackage): string[] {
  const problems: string[] = [];
  const m = pkg.manifest;
  if (m.name !== PACKAGE_NAME) problems.push(`name is ${String(m.name)}, expected ${PACKAGE_NAME}`);
  if (!Array.isArray(m.keywords) || !m.keywords.includes('n8n-community-node-package')) {
    problems.push('keywords lack n8n-community-node-package');
  }
  const deps = m.dependencies as Record<string, string> | undefined;
  if (deps && Object.keys(deps).length > 0) problems.push(`runtime dependencies: ${Object.keys(deps).join(', ')}`);
  for (const k of ['bundleDependencies', 'bundledDependencies']) {
    const v = m[k];
    const names = Array.isArray(v) ? v : Object.keys((v ?? {}) as object);
    if (names.length) problems.push(`${k}: ${names.join(', ')}`);
  }
  const nm = pkg.files.filter((f) => f.split('/').includes('node_modules'));
  if (nm.length) problems.push(`node_modules in tarball: ${nm.slice(0, 5).join(', ')}`);
  if (!m.n8n) problems.push('no `n8n` field in package.json');
  else {
    const listed = [...(m.n8n.nodes ?? []), ...(m.n8n.credentials ?? [])];
    if (!(m.n8n.nodes ?? []).length) problems.push('n8n.nodes is empty');
    for (const f of listed)
      if (!pkg.files.includes(f.replace(/^\.\//, ''))) problems.push(`n8n lists ${f}, not in tarball`);
  }
  return problems;
}

/** Builds the root package (its `build:n8n` script) and packs it for publishing into `outDir`. */
export async function buildAndPack(outDir: string, { build = true } = {}): Promise<PackedPackage> {
  const node24 = findNode24();
  const env = { ...process.env, PATH: `${dirname(node24)}${delimiter}${process.env.PATH ?? ''}` };
  const rootPkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>;
  };
  if (build) {
    const script = rootPkg.scripts?.['build:n8n'] ? 'build:n8n' : null;
    if (!script) throw new Error('the root package.json has no `build:n8n` script yet (the n8n nodes are not built)');
    const r = await runCommand('npm', ['run', script], { env, timeoutMs: 600_000 });
    if (r.code !== 0) throw new Error(`npm run ${script} failed (${r.code}):\n${tail(r.stdout)}\n${tail(r.stderr)}`);
  }
  // The same tarball `npm run pack:n8n` makes for publishing: a manifest without the monorepo's dev-only fields.
  const r = await runCommand('node', [join(REPO_ROOT, 'scripts/n8n-package.mjs'), 'pack', outDir], {
    env,
    timeoutMs: 300_000,
  });
  if (r.code !== 0) throw new Error(`packing the n8n package failed (${r.code}):\n${tail(r.stderr)}`);
  return readPackedTarball(r.stdout.trim().split('\n').pop()!);
}

/** File list and manifest of a packed tarball (entries under `package/`). */
export function readPackedTarball(tarball: string): PackedPackage {
  const list = spawnSync('tar', ['-tzf', tarball], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (list.status !== 0) throw new Error(`cannot read ${tarball}: ${list.stderr}`);
  const files = list.stdout
    .split('\n')
    .filter((l) => l && !l.endsWith('/'))
    .map((l) => l.replace(/^package\//, ''));
  const manifest = JSON.parse(
    spawnSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8', maxBuffer: 1 << 24 }).stdout,
  ) as PackedPackage['manifest'];
  return { tarball: resolve(tarball), files, manifest };
}

// ---------------------------------------------------------------------------------------------------------------
// workflow fixtures

export const WORKFLOWS_DIR = join(here, 'workflows');

/** Reads test/n8n/workflows/<name>.json, replacing `{{KEY}}` placeholders in every string; all must be given. */
export function loadFixture<T = unknown>(name: string, vars: Record<string, string | number> = {}): T {
  const raw = readFileSync(join(WORKFLOWS_DIR, name.endsWith('.json') ? name : `${name}.json`), 'utf8');
  const value = JSON.parse(raw, (_k, v: unknown) =>
    typeof v === 'string' ? v.replace(/\{\{([A-Z0-9_]+)\}\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m)) : v,
  ) as T;
  const left = JSON.stringify(value).match(/\{\{[A-Z0-9_]+\}\}/g);
  if (left) throw new Error(`fixture ${name}: unreplaced placeholders ${[...new Set(left)].join(', ')}`);
  return value;
}

export function loadWorkflow(name: string, vars: Record<string, string | number> = {}): WorkflowJson {
  return loadFixture<WorkflowJson>(name, vars);
}

export interface WorkflowJson {
  id: string;
  name: string;
  nodes: Array<
    { name: string; type: string; parameters: Record<string, unknown>; webhookId?: string } & Record<string, unknown>
  >;
  connections: Record<string, unknown>;
  [k: string]: unknown;
}

export interface CredentialJson {
  id: string;
  name: string;
  type: string;
  data: Record<string, unknown>;
}

// ---------------------------------------------------------------------------------------------------------------
// run output of `n8n execute --rawOutput`

export interface ExecutionItem {
  json: Record<string, unknown>;
  binary?: Record<
    string,
    { data?: string; id?: string; mimeType?: string; fileName?: string; fileSize?: string; [k: string]: unknown }
  >;
  pairedItem?: unknown;
}

export interface ExecuteOutput {
  /** The parsed run (n8n's IRun). */
  run: {
    status?: string;
    finished?: boolean;
    data: { resultData: { runData: Record<string, NodeRun[]>; error?: unknown; lastNodeExecuted?: string } };
  };
  code: number | null;
  signal: NodeJS.Signals | null;
  /** True when n8n crashed at exit (the documented exit-139 segfault) after printing a complete result. */
  crashedAfterResult: boolean;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface NodeRun {
  data?: { main?: Array<ExecutionItem[] | null> };
  error?: { message?: string; description?: string; [k: string]: unknown };
  executionStatus?: string;
}

/** The run JSON starts at a line that is exactly `{` and ends at a line that is exactly `}`. */
export function parseRawOutput(stdout: string): ExecuteOutput['run'] | null {
  const lines = stdout.split(/\r?\n/);
  const start = lines.indexOf('{');
  if (start < 0) return null;
  for (let end = lines.length - 1; end > start; end--) {
    if (lines[end] !== '}') continue;
    try {
      return JSON.parse(lines.slice(start, end + 1).join('\n')) as ExecuteOutput['run'];
    } catch {
      // a `}` inside a log line after the JSON; try an earlier one
    }
  }
  return null;
}

/** Output items of one node (first run, first output unless told). */
export function nodeItems(out: ExecuteOutput['run'], nodeName: string, output = 0, runIndex = 0): ExecutionItem[] {
  const runs = out.data.resultData.runData[nodeName];
  if (!runs) {
    throw new Error(`node "${nodeName}" did not run; ran: ${Object.keys(out.data.resultData.runData).join(', ')}`);
  }
  const run = runs[runIndex];
  if (run?.error) throw new Error(`node "${nodeName}" failed: ${run.error.message} ${run.error.description ?? ''}`);
  return run?.data?.main?.[output] ?? [];
}

// ---------------------------------------------------------------------------------------------------------------
// an n8n instance: a fresh user folder with the package installed like a community package

export interface InstanceOptions {
  install: N8nInstall;
  pkg: PackedPackage;
  /** Label for the scratch folder. */
  name: string;
  /** Extra environment for every n8n process of this instance. */
  env?: Record<string, string>;
  /** The owner `loginOwner()` sets up (default: OWNER, the e2e test owner). */
  owner?: typeof OWNER;
  /** Port for `n8n start` (default: a free one). */
  port?: number;
}

export class N8nInstance {
  readonly userFolder: string;
  readonly port: number;
  readonly baseUrl: string;
  private server: ChildProcess | null = null;
  private serverLog = '';
  private cookie = '';
  private apiKey = '';
  private readonly browserId = `e2e-${randomBytes(6).toString('hex')}`;
  private readonly opts: InstanceOptions;

  private constructor(opts: InstanceOptions, userFolder: string, port: number) {
    this.opts = opts;
    this.userFolder = userFolder;
    this.port = port;
    this.baseUrl = `http://127.0.0.1:${port}`;
  }

  /** A fresh user folder with the packed package unpacked at .n8n/nodes/node_modules/<name>. */
  static async create(opts: InstanceOptions): Promise<N8nInstance> {
    mkdirSync(WORK_ROOT, { recursive: true });
    const userFolder = mkdtempSync(join(WORK_ROOT, `${opts.name}-`));
    const nodesDir = join(userFolder, '.n8n', 'nodes');
    const dest = join(nodesDir, 'node_modules', PACKAGE_NAME);
    mkdirSync(dest, { recursive: true });
    const untar = spawnSync('tar', ['-xzf', opts.pkg.tarball, '-C', dest, '--strip-components=1'], {
      encoding: 'utf8',
    });
    if (untar.status !== 0) throw new Error(`untar failed: ${untar.stderr}`);
    // As n8n's installer does: drop dev/peer/optional dependencies from the installed manifest. (It then runs
    // `npm install` for `dependencies`, which packageProblems() requires to be empty, so there is nothing to install.)
    const manifestPath = join(dest, 'package.json');
    const {
      devDependencies: _dev,
      peerDependencies: _peer,
      optionalDependencies: _optional,
      ...installed
    } = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, unknown>;
    writeFileSync(manifestPath, JSON.stringify(installed, null, 2));
    // What `npm install <pkg>` in ~/.n8n/nodes leaves behind: a manifest naming the package.
    writeFileSync(
      join(nodesDir, 'package.json'),
      JSON.stringify(
        { name: 'installed-nodes', private: true, dependencies: { [PACKAGE_NAME]: opts.pkg.manifest.version } },
        null,
        2,
      ),
    );
    return new N8nInstance(opts, userFolder, opts.port ?? (await freePort()));
  }

  env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    const base: NodeJS.ProcessEnv = {};
    // Only what n8n needs from the outside: no npm_* of the test runner, no stray N8N_* of the developer's shell.
    for (const k of ['HOME', 'LANG', 'TMPDIR', 'TZ', 'USER', 'SHELL']) if (process.env[k]) base[k] = process.env[k];
    return {
      ...base,
      PATH: `${dirname(this.opts.install.nodeBin)}${delimiter}${process.env.PATH ?? ''}`,
      N8N_USER_FOLDER: this.userFolder,
      N8N_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
      N8N_LISTEN_ADDRESS: '127.0.0.1',
      N8N_HOST: '127.0.0.1',
      N8N_PORT: String(this.port),
      N8N_PROTOCOL: 'http',
      WEBHOOK_URL: `${this.baseUrl}/`,
      N8N_EDITOR_BASE_URL: `${this.baseUrl}/`,
      DB_TYPE: 'sqlite',
      N8N_DIAGNOSTICS_ENABLED: 'false',
      N8N_PERSONALIZATION_ENABLED: 'false',
      N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
      N8N_TEMPLATES_ENABLED: 'false',
      N8N_HIRING_BANNER_ENABLED: 'false',
      N8N_SECURE_COOKIE: 'false',
      N8N_EXPRESSION_ENGINE: 'legacy',
      N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
      N8N_PUBLIC_API_SWAGGERUI_DISABLED: 'true',
      N8N_LOG_LEVEL: 'info',
      N8N_LOG_OUTPUT: 'console',
      NODE_ENV: 'production',
      ...this.opts.env,
      ...extra,
    };
  }

  /** Runs `n8n <args>` to completion. */
  async cli(args: string[], { timeoutMs = 180_000, env = {} as Record<string, string> } = {}): Promise<RunResult> {
    const { nodeBin, n8nBin } = this.opts.install;
    // Every n8n process runs a task broker, on 5679 unless told: give each its own so a CLI run beside `n8n start`
    // (or another test run) does not collide.
    const brokerPort = String(await freePort());
    return runCommand(nodeBin, [n8nBin, ...args], {
      cwd: this.userFolder,
      env: this.env({ N8N_RUNNERS_BROKER_PORT: brokerPort, ...env }),
      timeoutMs,
    });
  }

  /** n8n's import commands log an error and still exit 0, so success is read from the log too. */
  private async cliOk(args: string[], what: string, success?: RegExp): Promise<RunResult> {
    const r = await this.cli(args);
    const out = `${r.stdout}\n${r.stderr}`;
    if (
      r.code !== 0 ||
      (success && !success.test(out)) ||
      /An error occurred|Error updating database|Skipped workflow/.test(out)
    ) {
      throw new Error(`n8n ${what} failed (exit ${r.code ?? r.signal}):\n${tail(r.stdout)}\n${tail(r.stderr)}`);
    }
    return r;
  }

  /** `n8n import:credentials`: plain `data` objects are encrypted by n8n with this instance's key. */
  async importCredentials(creds: CredentialJson[]): Promise<void> {
    const file = join(this.userFolder, `credentials-${randomBytes(4).toString('hex')}.json`);
    writeFileSync(file, JSON.stringify(creds, null, 2));
    try {
      await this.cliOk(
        ['import:credentials', `--input=${file}`],
        'import:credentials',
        /Successfully imported \d+ credential/,
      );
    } finally {
      rmSync(file, { force: true }); // it holds the (test) secrets in clear
    }
  }

  async importWorkflow(wf: WorkflowJson): Promise<string> {
    const file = join(this.userFolder, `workflow-${wf.id}.json`);
    writeFileSync(file, JSON.stringify(wf, null, 2));
    await this.cliOk(
      ['import:workflow', `--input=${file}`],
      `import:workflow ${wf.name}`,
      /Successfully imported 1 workflow/,
    );
    return wf.id;
  }

  /** Publishes (activates) a workflow; n8n must be stopped. */
  async publishWorkflow(id: string): Promise<void> {
    await this.cliOk(['publish:workflow', `--id=${id}`], `publish:workflow ${id}`, /Changes will not take effect/);
  }

  /**
   * `n8n execute --id=<id> --rawOutput`. A run that printed a complete result counts even when n8n then crashed at
   * exit (the documented exit-139 segfault); anything else without a result is an error.
   */
  async execute(id: string, { timeoutMs = 240_000 } = {}): Promise<ExecuteOutput> {
    const r = await this.cli(['execute', `--id=${id}`, '--rawOutput'], { timeoutMs });
    const run = parseRawOutput(r.stdout);
    if (!run) {
      throw new Error(
        `n8n execute --id=${id} printed no run (exit ${r.code ?? r.signal}):\n--- stdout\n${tail(r.stdout)}\n--- stderr\n${tail(r.stderr)}`,
      );
    }
    const crashedAfterResult = r.code !== 0 && (r.code === 139 || r.signal === 'SIGSEGV');
    return { run, code: r.code, signal: r.signal, crashedAfterResult, stdout: r.stdout, stderr: r.stderr, ms: r.ms };
  }

  // --- n8n start --------------------------------------------------------------------------------------------

  get log(): string {
    return this.serverLog;
  }

  async start({ timeoutMs = 120_000 } = {}): Promise<void> {
    if (this.server) throw new Error('already started');
    const { nodeBin, n8nBin } = this.opts.install;
    const child = spawn(nodeBin, [n8nBin, 'start'], {
      cwd: this.userFolder,
      env: this.env({ N8N_RUNNERS_BROKER_PORT: String(await freePort()) }),
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    live.add(child);
    this.server = child;
    this.serverLog = '';
    const keep = (d: Buffer) => {
      this.serverLog = (this.serverLog + d.toString()).slice(-200_000);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    try {
      await waitFor(
        'n8n /healthz/readiness',
        async () => {
          if (child.exitCode !== null || child.signalCode !== null) {
            throw new Error(`n8n start exited (${child.exitCode ?? child.signalCode}):\n${tail(this.serverLog)}`);
          }
          const res = await fetch(`${this.baseUrl}/healthz/readiness`);
          return res.ok;
        },
        { timeoutMs, intervalMs: 500 },
      );
    } catch (e) {
      await this.stop();
      throw new Error(`${(e as Error).message}\n--- n8n log\n${tail(this.serverLog)}`);
    }
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    this.cookie = '';
    if (s) await stopProcess(s);
  }

  get owner(): typeof OWNER {
    return this.opts.owner ?? OWNER;
  }

  /** Creates the owner (first start only) and logs in; then `rest()` works. */
  async loginOwner(): Promise<void> {
    const owner = this.owner;
    const setup = await fetch(`${this.baseUrl}/rest/owner/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'browser-id': this.browserId },
      body: JSON.stringify(owner),
    });
    let res = setup;
    if (!setup.ok) {
      res = await fetch(`${this.baseUrl}/rest/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'browser-id': this.browserId },
        body: JSON.stringify({ emailOrLdapLoginId: owner.email, email: owner.email, password: owner.password }),
      });
    }
    if (!res.ok) throw new Error(`owner setup/login failed: ${res.status} ${await res.text()}`);
    const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]);
    this.cookie = cookies.join('; ');
    if (!this.cookie) throw new Error('owner login set no cookie');
  }

  /** Internal REST API (cookie auth). */
  async rest<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    if (!this.cookie) await this.loginOwner();
    const res = await fetch(`${this.baseUrl}/rest${path}`, {
      method,
      headers: {
        cookie: this.cookie,
        'browser-id': this.browserId,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} /rest${path}: ${res.status} ${text}`);
    const parsed = text ? (JSON.parse(text) as { data?: T }) : {};
    return (parsed && typeof parsed === 'object' && 'data' in parsed ? parsed.data : parsed) as T;
  }

  /** Public API (X-N8N-API-KEY); creates a key through the owner session the first time. */
  async api<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    if (!this.apiKey) {
      const key = await this.rest<{ rawApiKey?: string; apiKey?: string }>('POST', '/api-keys', {
        label: 'e2e',
        expiresAt: null,
        scopes: ['workflow:read', 'workflow:list', 'execution:read', 'execution:list'],
      });
      this.apiKey = key.rawApiKey ?? key.apiKey ?? '';
      if (!this.apiKey) throw new Error(`no api key in ${JSON.stringify(Object.keys(key))}`);
    }
    const res = await fetch(`${this.baseUrl}/api/v1${path}`, {
      method,
      headers: {
        'x-n8n-api-key': this.apiKey,
        accept: 'application/json',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} /api/v1${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : {}) as T;
  }

  /** Executions of a workflow, newest first (public API). */
  async executions(workflowId: string, { includeData = false } = {}): Promise<PublicExecution[]> {
    const r = await this.api<{ data: PublicExecution[] }>(
      'GET',
      `/executions?workflowId=${encodeURIComponent(workflowId)}&includeData=${includeData}&limit=250`,
    );
    return r.data;
  }

  async execution(id: string | number, { includeData = true } = {}): Promise<PublicExecution> {
    return this.api<PublicExecution>('GET', `/executions/${id}?includeData=${includeData}`);
  }

  /** Stops n8n and removes the user folder unless TRENDING_E2E_KEEP is set (or `keep`). */
  async dispose({ keep = !!process.env.TRENDING_E2E_KEEP } = {}): Promise<void> {
    await this.stop();
    if (!keep) rmSync(this.userFolder, { recursive: true, force: true });
  }

  /** Reads a binary's bytes, whether n8n kept it inline (base64) or in its binary-data store. */
  binaryBytes(bin: { data?: string; id?: string }): Buffer {
    if (bin.id) {
      const [mode, rest] = bin.id.split(/:(.*)/s) as [string, string];
      if (!mode.startsWith('filesystem')) throw new Error(`binary mode ${mode} not supported by the harness`);
      // n8n 2.x keeps binary data under .n8n/storage (1.x: .n8n/binaryData)
      const roots = ['storage', 'binaryData'].map((d) => join(this.userFolder, '.n8n', d));
      for (const root of roots) {
        const p = join(root, rest);
        if (existsSync(p)) return readFileSync(p);
      }
      throw new Error(`binary ${bin.id} not found under ${roots.join(' or ')}`);
    }
    if (bin.data && bin.data !== 'filesystem' && bin.data !== 'filesystem-v2') return Buffer.from(bin.data, 'base64');
    throw new Error(`binary has neither data nor id: ${JSON.stringify(bin).slice(0, 300)}`);
  }
}

export interface PublicExecution {
  id: string | number;
  finished: boolean;
  mode: string;
  status: string;
  workflowId: string;
  startedAt: string;
  stoppedAt?: string | null;
  waitTill?: string | null;
  data?: ExecuteOutput['run']['data'] & Record<string, unknown>;
}

/** MP4 files start with a box whose type (bytes 4..8) is `ftyp`. */
export function isMp4(bytes: Uint8Array): boolean {
  return bytes.length > 8 && Buffer.from(bytes.subarray(4, 8)).toString('latin1') === 'ftyp';
}

export function scratchDir(label: string): string {
  mkdirSync(WORK_ROOT, { recursive: true });
  return mkdtempSync(join(WORK_ROOT, `${label}-`));
}

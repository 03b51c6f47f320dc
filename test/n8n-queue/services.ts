/**
 * The services of an n8n queue-mode setup, each started on loopback, waited for, and stopped by PID:
 *
 * - Postgres (Debian's `postgresql`, installed with apt when missing): a throwaway cluster in a temp dir, trust auth on
 *   127.0.0.1, run as the `postgres` OS user when we are root (Postgres refuses to run as root).
 * - Redis (Debian's `redis-server`, installed with apt when missing): `--save '' --appendonly no`.
 * - n8n 2.41.1 in queue mode (`QueueCluster`): one main (`n8n start`), N workers (`n8n worker`), one webhook processor
 *   (`n8n webhook`) on its own port, all sharing one user folder (the packed package installed there as a community
 *   package), one encryption key, one Postgres database and one Redis.
 *
 * Plain TypeScript that Node 24 can run with type stripping (the bench imports it): runtime imports carry `.ts`.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import {
  freePort,
  type N8nInstall,
  N8nInstance,
  type PackedPackage,
  type PublicExecution,
  runCommand,
  waitFor,
} from '../n8n/harness.ts';

// ---------------------------------------------------------------------------------------------------------------
// processes of this file (killed at exit, whatever happens)

const live = new Set<ChildProcess>();

function killAll(): void {
  for (const c of live) {
    try {
      if (c.pid !== undefined && c.exitCode === null && c.signalCode === null) process.kill(-c.pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
}
process.once('exit', killAll);
// A test runner or bench stopped with a signal: exit, so every 'exit' handler (this one, the harness's) kills its
// processes too.
for (const [signal, code] of [
  ['SIGINT', 130],
  ['SIGTERM', 143],
  ['SIGHUP', 129],
] as const) {
  process.once(signal, () => process.exit(code));
}

export interface Proc {
  name: string;
  child: ChildProcess;
  /** The last 400 kB of its stdout and stderr. */
  log: () => string;
  exited: Promise<void>;
}

function startProc(
  name: string,
  cmd: string,
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; uid?: number; gid?: number } = {},
): Proc {
  const child = spawn(cmd, args, {
    cwd: opts.cwd,
    env: opts.env ?? process.env,
    detached: true, // its own process group: a stop reaches its children (n8n's task runner) too
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(opts.uid === undefined ? {} : { uid: opts.uid, gid: opts.gid }),
  });
  live.add(child);
  let log = '';
  const keep = (d: Buffer) => {
    log = (log + d.toString()).slice(-400_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.once('exit', () => live.delete(child));
  child.once('error', (e) => {
    log += `\n[spawn error] ${String(e)}`;
  });
  return { name, child, log: () => log, exited };
}

function alive(p: Proc): boolean {
  return p.child.exitCode === null && p.child.signalCode === null;
}

/** Kills a process's whole group with `signal` (SIGKILL: no grace, as a crashed machine would). */
export function signalProc(p: Proc, signal: NodeJS.Signals): void {
  if (!alive(p) || p.child.pid === undefined) return;
  try {
    process.kill(-p.child.pid, signal);
  } catch {
    try {
      p.child.kill(signal);
    } catch {
      // gone
    }
  }
}

/** SIGTERM (or `signal`) to the group, SIGKILL after `graceMs`; resolves when it has exited. */
export async function stopProc(
  p: Proc,
  { graceMs = 10_000, signal = 'SIGTERM' as NodeJS.Signals } = {},
): Promise<void> {
  if (alive(p)) {
    signalProc(p, signal);
    const timer = setTimeout(() => signalProc(p, 'SIGKILL'), graceMs);
    await p.exited;
    clearTimeout(timer);
  }
  signalProc(p, 'SIGKILL'); // a child of the group that ignored the signal
  live.delete(p.child);
}

const tail = (s: string, n = 3000) => (s.length > n ? `…${s.slice(-n)}` : s);

// ---------------------------------------------------------------------------------------------------------------
// prerequisites from apt

export interface Prerequisite {
  path: string;
  /** ms spent in apt-get, 0 when it was already there. */
  installMs: number;
}

let aptUpdated = false;

/**
 * Finds a binary with `find`; when it is missing, installs the apt packages (as root, on a Debian-like machine) and
 * looks again. Anything else is a clear error, never a hang (apt gets 15 minutes).
 */
export async function ensureAptBinary(
  label: string,
  find: () => string | null,
  packages: string[],
): Promise<Prerequisite> {
  const found = find();
  if (found) return { path: found, installMs: 0 };
  const how = `apt-get update && apt-get install -y ${packages.join(' ')}`;
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { encoding: 'utf8' }).status === 0;
  if (!isRoot || !hasApt) {
    throw new Error(
      `${label} is needed for the queue-mode suite and was not found; ${
        hasApt ? 'not root, so it cannot be installed here' : 'this machine has no apt-get'
      }. Install it (${how}) and run again.`,
    );
  }
  const t0 = Date.now();
  process.stderr.write(`[queue] ${label} missing: ${how}\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) {
    const u = await runCommand('apt-get', ['update'], { env, timeoutMs: 600_000 });
    if (u.code !== 0) throw new Error(`apt-get update failed (${u.code}):\n${tail(u.stderr)}`);
    aptUpdated = true;
  }
  const r = await runCommand('apt-get', ['install', '-y', '--no-install-recommends', ...packages], {
    env,
    timeoutMs: 900_000,
  });
  if (r.code !== 0) throw new Error(`${how} failed (${r.code}):\n${tail(r.stdout)}\n${tail(r.stderr)}`);
  const after = find();
  if (!after) throw new Error(`${label}: installed ${packages.join(' ')} but still cannot find it`);
  const installMs = Date.now() - t0;
  process.stderr.write(`[queue] installed ${packages.join(' ')} in ${(installMs / 1000).toFixed(1)} s\n`);
  return { path: after, installMs };
}

/** The newest /usr/lib/postgresql/<v>/bin holding initdb, pg_ctl and postgres. */
export function findPostgresBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a));
  for (const v of versions) {
    const bin = join(root, v, 'bin');
    if (['initdb', 'pg_ctl', 'postgres'].every((b) => existsSync(join(bin, b)))) return bin;
  }
  return null;
}

export function findRedisServer(): string | null {
  const r = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  return existsSync('/usr/bin/redis-server') ? '/usr/bin/redis-server' : null;
}

export const ensurePostgres = () => ensureAptBinary('Postgres (initdb/pg_ctl)', findPostgresBin, ['postgresql']);
export const ensureRedis = () => ensureAptBinary('redis-server', findRedisServer, ['redis-server']);

// ---------------------------------------------------------------------------------------------------------------
// Postgres

export interface PostgresHandle {
  port: number;
  dir: string;
  proc: Proc;
  startMs: number;
  /** Creates a database (for one n8n setup) and returns its name. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

function osUser(name: string): { uid: number; gid: number } | null {
  const u = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  const g = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  if (u.status !== 0 || g.status !== 0) return null;
  return { uid: Number(u.stdout.trim()), gid: Number(g.stdout.trim()) };
}

export async function startPostgres({ bin }: { bin?: string } = {}): Promise<PostgresHandle> {
  const t0 = Date.now();
  const pgBin = bin ?? (await ensurePostgres()).path;
  // Postgres refuses to run as root: as root, the cluster belongs to the `postgres` user (Debian's package makes it).
  const runAs = process.getuid?.() === 0 ? osUser('postgres') : null;
  if (process.getuid?.() === 0 && !runAs) throw new Error('running as root and there is no `postgres` OS user');
  const dir = mkdtempSync(join(tmpdir(), 'trending-queue-pg-'));
  if (runAs) chownSync(dir, runAs.uid, runAs.gid);
  const data = join(dir, 'data');
  const ids = runAs ?? {};
  const init = spawnSync(
    join(pgBin, 'initdb'),
    ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'],
    { cwd: dir, encoding: 'utf8', timeout: 120_000, ...ids },
  );
  if (init.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`initdb failed (${init.status ?? init.signal}):\n${tail(init.stdout)}\n${tail(init.stderr)}`);
  }
  const port = await freePort();
  const proc = startProc(
    'postgres',
    join(pgBin, 'postgres'),
    [
      '-D',
      data,
      '-p',
      String(port),
      '-k',
      dir,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'max_connections=200',
    ],
    { cwd: dir, ...ids },
  );
  const psql = (sql: string) =>
    spawnSync(join(pgBin, 'psql'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-At', '-c', sql], {
      encoding: 'utf8',
      timeout: 30_000,
    });
  const psqlBin = existsSync(join(pgBin, 'psql')) ? join(pgBin, 'psql') : null;
  const stop = async () => {
    // SIGINT: Postgres's "fast" shutdown; then the temp dir goes.
    await stopProc(proc, { signal: 'SIGINT', graceMs: 10_000 });
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(
      'postgres to accept connections',
      async () => {
        if (!alive(proc)) throw new Error(`postgres exited:\n${tail(proc.log())}`);
        if (psqlBin) return psql('select 1').stdout.trim() === '1';
        return tcpOpen(port);
      },
      { timeoutMs: 60_000, intervalMs: 200 },
    );
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    port,
    dir,
    proc,
    startMs: Date.now() - t0,
    async createDatabase(name: string) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`);
      if (!psqlBin) throw new Error('psql not found beside initdb');
      const r = psql(`CREATE DATABASE ${name}`);
      if (r.status !== 0) throw new Error(`CREATE DATABASE ${name} failed: ${r.stderr}`);
      return name;
    },
    stop,
  };
}

function tcpOpen(port: number): Promise<boolean> {
  return new Promise((r) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      r(true);
    });
    s.once('error', () => r(false));
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Redis

export interface RedisHandle {
  port: number;
  proc: Proc;
  startMs: number;
  stop(): Promise<void>;
}

function redisPing(port: number): Promise<boolean> {
  return new Promise((r) => {
    const s = connect(port, '127.0.0.1');
    let got = '';
    s.setTimeout(2000, () => {
      s.destroy();
      r(false);
    });
    s.once('connect', () => s.write('PING\r\n'));
    s.on('data', (d) => {
      got += d.toString();
      if (got.includes('\r\n')) {
        s.destroy();
        r(got.startsWith('+PONG'));
      }
    });
    s.once('error', () => r(false));
  });
}

export async function startRedis({ bin }: { bin?: string } = {}): Promise<RedisHandle> {
  const t0 = Date.now();
  const redisBin = bin ?? (await ensureRedis()).path;
  const dir = mkdtempSync(join(tmpdir(), 'trending-queue-redis-'));
  const port = await freePort();
  const proc = startProc(
    'redis',
    redisBin,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--daemonize',
      'no',
      '--dir',
      dir,
    ],
    { cwd: dir },
  );
  const stop = async () => {
    await stopProc(proc, { graceMs: 5_000 });
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(
      'redis PONG',
      async () => {
        if (!alive(proc)) throw new Error(`redis-server exited:\n${tail(proc.log())}`);
        return redisPing(port);
      },
      { timeoutMs: 30_000, intervalMs: 100 },
    );
  } catch (e) {
    await stop();
    throw e;
  }
  return { port, proc, startMs: Date.now() - t0, stop };
}

// ---------------------------------------------------------------------------------------------------------------
// n8n in queue mode

export interface QueueClusterOptions {
  install: N8nInstall;
  pkg: PackedPackage;
  name: string;
  postgres: PostgresHandle;
  redis: RedisHandle;
  /** Database for this setup (created here). */
  database: string;
  workers: number;
  /** `n8n worker --concurrency`. */
  concurrency?: number;
  env?: Record<string, string>;
}

export interface ClusterTimings {
  mainMs: number;
  othersMs: number;
  totalMs: number;
}

/** What each worker's log says it ran: `Worker started execution <id> (job <job>)`. */
export interface WorkerJob {
  worker: string;
  executionId: string;
  jobId: string;
}

export class QueueCluster {
  readonly n8n: N8nInstance;
  readonly webhookPort: number;
  readonly webhookUrl: string;
  readonly workers: Proc[] = [];
  webhook: Proc | null = null;
  timings: ClusterTimings = { mainMs: 0, othersMs: 0, totalMs: 0 };
  private readonly opts: QueueClusterOptions;
  /** Logs of workers that were stopped or killed (a restarted worker gets a new Proc). */
  private readonly pastLogs: Array<{ name: string; log: string }> = [];

  private constructor(opts: QueueClusterOptions, n8n: N8nInstance, webhookPort: number) {
    this.opts = opts;
    this.n8n = n8n;
    this.webhookPort = webhookPort;
    this.webhookUrl = `http://127.0.0.1:${webhookPort}`;
  }

  /** The environment every process of the setup shares (n8n's queue-mode docs). */
  static queueEnv(o: {
    postgres: PostgresHandle;
    redis: RedisHandle;
    database: string;
    webhookUrl: string;
  }): Record<string, string> {
    return {
      EXECUTIONS_MODE: 'queue',
      DB_TYPE: 'postgresdb',
      DB_POSTGRESDB_HOST: '127.0.0.1',
      DB_POSTGRESDB_PORT: String(o.postgres.port),
      DB_POSTGRESDB_DATABASE: o.database,
      DB_POSTGRESDB_USER: 'postgres',
      DB_POSTGRESDB_PASSWORD: '',
      QUEUE_BULL_REDIS_HOST: '127.0.0.1',
      QUEUE_BULL_REDIS_PORT: String(o.redis.port),
      // n8n 2.41 (n8n-core binary-data.config): modes default|filesystem|s3|azure|database; queue mode defaults to
      // `database` (filesystem is per machine, so a worker's file would be invisible to the others). Said explicitly.
      N8N_DEFAULT_BINARY_DATA_MODE: 'database',
      // Manual runs ("Execute workflow") go to the workers too, as they will always do in n8n 3.
      OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
      WEBHOOK_URL: `${o.webhookUrl}/`,
      N8N_PROXY_HOPS: '0',
    };
  }

  static async start(opts: QueueClusterOptions): Promise<QueueCluster> {
    const t0 = Date.now();
    await opts.postgres.createDatabase(opts.database);
    const webhookPort = await freePort();
    const env = {
      ...QueueCluster.queueEnv({ ...opts, webhookUrl: `http://127.0.0.1:${webhookPort}` }),
      ...opts.env,
    };
    const n8n = await N8nInstance.create({ install: opts.install, pkg: opts.pkg, name: opts.name, env });
    const cluster = new QueueCluster(opts, n8n, webhookPort);
    try {
      // The main first: it runs the database migrations the others expect.
      await n8n.start({ timeoutMs: 180_000 });
      const t1 = Date.now();
      cluster.timings.mainMs = t1 - t0;
      await Promise.all([
        ...Array.from({ length: opts.workers }, (_, i) => cluster.startWorker(i)),
        cluster.startWebhook(),
      ]);
      cluster.timings.othersMs = Date.now() - t1;
      cluster.timings.totalMs = Date.now() - t0;
    } catch (e) {
      await cluster.stop({ keep: true });
      throw e;
    }
    return cluster;
  }

  private async spawnN8n(name: string, args: string[], extra: Record<string, string>): Promise<Proc> {
    const { nodeBin, n8nBin } = this.opts.install;
    return startProc(name, nodeBin, [n8nBin, ...args], {
      cwd: this.n8n.userFolder,
      env: this.n8n.env({ N8N_RUNNERS_BROKER_PORT: String(await freePort()), ...extra }),
    });
  }

  private async waitReady(p: Proc, url: string, timeoutMs = 180_000): Promise<void> {
    await waitFor(
      `${p.name} ${url}`,
      async () => {
        if (!alive(p))
          throw new Error(`${p.name} exited (${p.child.exitCode ?? p.child.signalCode}):\n${tail(p.log())}`);
        return (await fetch(url)).ok;
      },
      { timeoutMs, intervalMs: 500 },
    ).catch((e: Error) => {
      throw new Error(`${e.message}\n--- ${p.name} log\n${tail(p.log())}`);
    });
  }

  /** Starts (or restarts) worker `index` and waits for its health endpoint. */
  async startWorker(index: number): Promise<Proc> {
    const old = this.workers[index];
    if (old && alive(old)) throw new Error(`worker-${index + 1} is running`);
    if (old) this.pastLogs.push({ name: old.name, log: old.log() });
    const healthPort = await freePort();
    const p = await this.spawnN8n(`worker-${index + 1}`, ['worker', `--concurrency=${this.opts.concurrency ?? 5}`], {
      QUEUE_HEALTH_CHECK_ACTIVE: 'true',
      QUEUE_HEALTH_CHECK_PORT: String(healthPort),
      N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
    });
    this.workers[index] = p;
    await this.waitReady(p, `http://127.0.0.1:${healthPort}/healthz/readiness`);
    // Ready for HTTP is not yet listening to the queue: wait for the banner.
    await waitFor(`${p.name} banner`, async () => /n8n worker is now ready/.test(p.log()), { timeoutMs: 60_000 });
    return p;
  }

  /** Stops worker `index` gracefully (SIGTERM: it finishes or hands back its jobs); `startWorker` brings it back. */
  async stopWorker(index: number): Promise<void> {
    const p = this.workers[index];
    if (p) await stopProc(p, { graceMs: 30_000 });
  }

  private async startWebhook(): Promise<void> {
    const p = await this.spawnN8n('webhook', ['webhook'], { N8N_PORT: String(this.webhookPort) });
    this.webhook = p;
    await this.waitReady(p, `${this.webhookUrl}/healthz/readiness`);
  }

  /** Every job the workers logged (current and past worker processes). */
  workerJobs(): WorkerJob[] {
    const logs = [...this.pastLogs, ...this.workers.filter(Boolean).map((w) => ({ name: w.name, log: w.log() }))];
    const jobs: WorkerJob[] = [];
    for (const { name, log } of logs) {
      for (const m of log.matchAll(/Worker started execution (\d+) \(job (\d+)\)/g)) {
        jobs.push({ worker: name, executionId: m[1]!, jobId: m[2]! });
      }
    }
    return jobs;
  }

  /** The workers whose logs show they ran (part of) this execution. */
  workersOf(executionId: string | number): string[] {
    return [
      ...new Set(
        this.workerJobs()
          .filter((j) => j.executionId === String(executionId))
          .map((j) => j.worker),
      ),
    ];
  }

  allLogs(): string {
    const parts = [
      `--- main\n${tail(this.n8n.log, 20_000)}`,
      ...this.pastLogs.map((l) => `--- ${l.name} (stopped)\n${tail(l.log, 20_000)}`),
      ...this.workers.map((w) => `--- ${w.name}\n${tail(w.log(), 20_000)}`),
      ...(this.webhook ? [`--- webhook\n${tail(this.webhook.log(), 20_000)}`] : []),
    ];
    return parts.join('\n');
  }

  /** Stops the webhook processor and workers, then the main; removes the user folder unless kept. */
  async stop({ keep = !!process.env.TRENDING_E2E_KEEP } = {}): Promise<void> {
    await Promise.all([...this.workers, this.webhook].filter((p): p is Proc => !!p).map((p) => stopProc(p)));
    await this.n8n.dispose({ keep });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// n8n REST bits the harness does not have

const sessions = new WeakMap<N8nInstance, Promise<string>>();

/** The owner's session cookie for raw requests (one login per instance: n8n rate-limits /rest/login). */
function sessionCookie(n8n: N8nInstance, browserId: string): Promise<string> {
  let cookie = sessions.get(n8n);
  if (!cookie) {
    const owner = n8n.owner;
    cookie = fetch(`${n8n.baseUrl}/rest/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'browser-id': browserId },
      body: JSON.stringify({ emailOrLdapLoginId: owner.email, email: owner.email, password: owner.password }),
    }).then(async (login) => {
      if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
      return login.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .join('; ');
    });
    sessions.set(n8n, cookie);
    cookie.catch(() => sessions.delete(n8n));
  }
  return cookie;
}

/** GET /rest<path> as the owner (the harness keeps its own cookie private), raw bytes. */
export async function restBytes(n8n: N8nInstance, path: string): Promise<{ status: number; bytes: Buffer }> {
  const browserId = 'queue-raw-client';
  const cookie = await sessionCookie(n8n, browserId);
  const res = await fetch(`${n8n.baseUrl}/rest${path}`, { headers: { cookie, 'browser-id': browserId } });
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
}

/** A binary's bytes as the main process serves them to the editor (GET /rest/binary-data). */
export async function binaryFromMain(n8n: N8nInstance, binaryId: string): Promise<Buffer> {
  const r = await restBytes(n8n, `/binary-data?id=${encodeURIComponent(binaryId)}&action=download`);
  if (r.status !== 200) throw new Error(`GET /rest/binary-data ${binaryId}: ${r.status} ${r.bytes.toString()}`);
  return r.bytes;
}

export const UNFINISHED = new Set(['new', 'running', 'waiting']);

/** Every execution of a workflow, newest first (public API, all pages). */
export async function allExecutions(n8n: N8nInstance, workflowId: string): Promise<PublicExecution[]> {
  const out: PublicExecution[] = [];
  let cursor: string | undefined;
  for (;;) {
    const r = await n8n.api<{ data: PublicExecution[]; nextCursor?: string | null }>(
      'GET',
      `/executions?workflowId=${encodeURIComponent(workflowId)}&limit=250${cursor ? `&cursor=${cursor}` : ''}`,
    );
    out.push(...r.data);
    if (!r.nextCursor) return out;
    cursor = r.nextCursor;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// the simulator's inspection API (GET /_sim/...), over HTTP like any client

export interface SimVideo {
  video_id: number;
  template: string;
  account_id: number;
  source: string;
  idempotency_key: string | null;
  status: string;
  charged_credits: number;
  webhook: { url: string; events: string[] | null; secret_set: boolean } | null;
}

export interface SimLedgerEntry {
  account_id: number;
  video_id?: number | null;
  kind?: string;
  type?: string;
  credits?: number;
  amount?: number;
  [k: string]: unknown;
}

export interface SimStateJson {
  accounts: Array<{ id: number; balance: number; held_credits: number; ledger: SimLedgerEntry[] }>;
  videos: SimVideo[];
  deliveries: Array<{ id: string; event: string; video_id: number; url: string; status: string; attempts: unknown[] }>;
}

export interface SimRequest {
  request_id: string;
  at: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  status: number | null;
  error_code: string | null;
  chaos: string | null;
}

export async function simState(simUrl: string): Promise<SimStateJson> {
  const r = await fetch(`${simUrl}/_sim/state`);
  if (!r.ok) throw new Error(`GET /_sim/state: ${r.status}`);
  return (await r.json()) as SimStateJson;
}

export async function simRequests(simUrl: string): Promise<SimRequest[]> {
  const r = await fetch(`${simUrl}/_sim/requests`);
  if (!r.ok) throw new Error(`GET /_sim/requests: ${r.status}`);
  return ((await r.json()) as { requests: SimRequest[] }).requests;
}

export async function simConfigure(simUrl: string, patch: Record<string, unknown>): Promise<void> {
  const r = await fetch(`${simUrl}/_sim/config`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(patch),
  });
  if (!r.ok) throw new Error(`POST /_sim/config: ${r.status} ${await r.text()}`);
}

/**
 * Collects every logged request while a run goes on (the simulator keeps its last 2,000): polls /_sim/requests and
 * keeps entries by request_id. `stop()` returns them all.
 */
export function collectRequests(simUrl: string, everyMs = 1000): { stop(): Promise<SimRequest[]> } {
  const seen = new Map<string, SimRequest>();
  const baseline = simRequests(simUrl).then((all) => new Set(all.map((r) => r.request_id)));
  const poll = async () => {
    const skip = await baseline;
    for (const r of await simRequests(simUrl)) if (!skip.has(r.request_id)) seen.set(r.request_id, r);
  };
  // One poll at a time: each tick chains after the previous one.
  let chain: Promise<void> = baseline.then(() => undefined);
  const timer = setInterval(() => {
    chain = chain.then(poll).catch(() => undefined);
  }, everyMs);
  return {
    async stop() {
      clearInterval(timer);
      await chain;
      await poll();
      return [...seen.values()];
    },
  };
}

export const isCreate = (r: SimRequest) => r.method === 'POST' && /^\/api\/v1\/\w+\/videos$/.test(r.path);
export const isStatusRead = (r: SimRequest) => r.method === 'GET' && /^\/api\/v1\/\w+\/videos\/\d+$/.test(r.path);

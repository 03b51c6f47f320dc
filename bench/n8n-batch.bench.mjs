// The Trending node at batch scale, in a real n8n 2.41.1 with the package installed as published (the packed
// tarball unpacked as a community install), against the local simulator. One run measures, side by side:
//
//  A. Bulk create: ROWS Rants items (preview only, no waiting) through the Trending node and through n8n's own
//     HTTP Request node (POST /api/v1/rants/videos, Bearer header, an Idempotency-Key expression per item): with n8n's
//     defaults, with Retry On Fail (n8n's defaults: 3 tries, 1000 ms apart) and with n8n's Batching option paced at the
//     limit (items per second = limit / 60). Two conditions:
//       A1  every API call takes 250 ms (simulator chaos latency) and the limit (600/min) is not binding.
//           Ideal = rows / (600/min) = 20 s for 200 rows (the issue's figure; the bucket is NOT drained, so a client
//           can beat it: 200 rows fit in the 600-request burst).
//       A2  a binding limit: 120/min, no added latency. The bucket starts full (burst 120) and is NOT drained, so
//           ideal = (rows - burst) / rate = (200 - 120) / 2 per s = 40 s.
//     Reported: wall time (webhook POST that starts the execution to n8n's stoppedAt), ratio to the ideal, n8n's
//     execution status, failures (rows without a video), duplicates (rows with more than one video; credit holds per
//     row), 429 answers, create POSTs sent. Simulator defaults (documented answers, no Retry-After) and, as a second
//     row, `retryAfterHeader: true`.
//  B. The 50-video wait: B_ITEMS Rants previews created in one execution (same template and settings, so they end
//     together; the simulator's speed makes one take about 45 s of wall time), Wait via webhook (n8n start, WEBHOOK_URL
//     on loopback) and Wait via polling. Reported: wall time from the start to the execution's end against the last
//     video's end (the simulator's finishedAt, converted to the wall clock), ratio and overshoot; status reads per video
//     (GET /api/v1/rants/videos/{id} in the simulator's request log: max, mean, total); 429 answers; webhook deliveries:
//     each attempt's answer status and latency (the simulator's delivery log).
//
// Build first, then run with the repository's Node 24:
//   npm run build && npm run build:n8n
//   node_modules/.bin/node bench/n8n-batch.bench.mjs [--runs N] [--only A1,A2,B] [--quick] [--ref HEAD] [--json FILE]
// Run `... --help` for every option. Prints one JSON line per case, then a table (median over runs when --runs > 1).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import process from 'node:process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, URL } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureN8n, loadHarness } from '../scripts/demo/n8n.mjs';
import simulator from '../packages/simulator/dist/index.js';

/* global fetch */

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const USAGE = `Usage: node_modules/.bin/node bench/n8n-batch.bench.mjs [options]

The Trending node at batch scale, in a real n8n ${'2.41.1'} (cached install; installed once if missing) with the
package installed from its packed tarball, against the local simulator:
  A1  bulk create, rows x Rants preview, no waiting: 250 ms per API call, 600/min (ideal = rows / 10 per s)
  A2  the same at a binding 120/min, bucket full (ideal = (rows - 120) / 2 per s)
      clients: Trending node | HTTP Request (n8n defaults) | HTTP Request + Retry On Fail | HTTP Request + Batching
      simulator: defaults (no Retry-After) and retryAfterHeader: true
  B   50 videos ending together, Wait via webhook and Wait via polling: execution end vs the last video's end,
      status reads per video, 429s, webhook delivery answers and latency

Build first: npm run build && npm run build:n8n

Options:
  --runs N          repeat the whole matrix N times (default 1); the table shows medians and ranges
  --only LIST       comma-separated groups to run: A1, A2, B (default all)
  --quick           skip the rows that cannot differ from their default-simulator row (about 2.5 min less):
                    A1 under Retry-After (a 600-token bucket never answers 429 to 200 rows) and HTTP Batching
                    under Retry-After (paced at the limit, it gets no 429)
  --rows N          rows in A (default 200)
  --b-items N       videos in B (default 50, the node's Wait via webhook maximum)
  --b-speed X       simulator speed in B (default 1.5: a Rants preview's 66 API seconds take 44 s)
  --a2-latency MS   added latency per API call in A2 (default 0)
  --ref REF         build and pack the package of git commit REF (e.g. HEAD) in a scratch copy, instead of packing
                    the working tree's dist/ (exact figures for one commit while others edit the tree)
  --tarball FILE    install this tarball instead of packing the built dist (env TRENDING_BENCH_TARBALL)
  --json FILE       also write every result (per-delivery details included) as JSON
  --keep            keep the n8n user folder (under $TMPDIR/trending-n8n-bench)
  -h, --help        this text
`;

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '1' },
    only: { type: 'string', default: 'A1,A2,B' },
    quick: { type: 'boolean', default: false },
    ref: { type: 'string' },
    rows: { type: 'string', default: '200' },
    'b-items': { type: 'string', default: '50' },
    'b-speed': { type: 'string', default: '1.5' },
    'a2-latency': { type: 'string', default: '0' },
    tarball: { type: 'string' },
    json: { type: 'string' },
    keep: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}

const RUNS = Math.max(1, Number(args.runs));
const GROUPS = new Set(args.only.split(',').map((s) => s.trim().toUpperCase()));
const ROWS = Number(args.rows);
const B_ITEMS = Number(args['b-items']);
const B_SPEED = Number(args['b-speed']);
const A2_LATENCY = Number(args['a2-latency']);
const TARBALL = args.tarball ?? process.env.TRENDING_BENCH_TARBALL;

const CONDITIONS = [
  {
    id: 'A1',
    label: '250 ms/call, 600/min',
    rate: 600,
    latencyMs: 250,
    idealSeconds: ROWS / (600 / 60),
    ideal: `rows / rate = ${ROWS} / 10 per s (bucket not drained)`,
  },
  {
    id: 'A2',
    label: `120/min binding${A2_LATENCY ? `, ${A2_LATENCY} ms/call` : ''}`,
    rate: 120,
    latencyMs: A2_LATENCY,
    idealSeconds: Math.max(0, ROWS - 120) / (120 / 60),
    ideal: `(rows - burst) / rate = (${ROWS} - 120) / 2 per s (bucket full, not drained)`,
  },
];
const SIM_MODES = [
  { id: 'default', label: 'sim defaults', config: { retryAfterHeader: false } },
  { id: 'retry-after', label: 'Retry-After on', config: { retryAfterHeader: true } },
];
const CLIENTS = ['trending', 'http-default', 'http-retry', 'http-batching'];
const CLIENT_LABELS = {
  trending: 'Trending node',
  'http-default': 'HTTP Request (defaults)',
  'http-retry': 'HTTP Request + Retry On Fail',
  'http-batching': 'HTTP Request + Batching',
};

/** Every client x simulator mode x condition; --quick skips the rows that cannot differ (see USAGE). */
function caseMatrix() {
  const cases = [];
  for (const condition of CONDITIONS) {
    if (!GROUPS.has(condition.id)) continue;
    for (const mode of SIM_MODES) {
      // The bucket starts with `rate` tokens: no 429 can happen when the rows fit in it.
      if (args.quick && mode.id === 'retry-after' && condition.rate >= ROWS) continue;
      for (const client of CLIENTS) {
        if (args.quick && mode.id === 'retry-after' && client === 'http-batching') continue;
        cases.push({ condition, mode, client });
      }
    }
  }
  return cases;
}

// ---------------------------------------------------------------------------------------------------------------
// small helpers

const round = (n, d = 1) => (n === null || n === undefined || Number.isNaN(n) ? null : Number(n.toFixed(d)));
const median = (xs) => {
  const s = xs.filter((x) => typeof x === 'number').sort((a, b) => a - b);
  if (!s.length) return null;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : null;
};
const countBy = (xs, key) => xs.reduce((acc, x) => ((acc[key(x)] = (acc[key(x)] ?? 0) + 1), acc), {});
const log = (line) => process.stderr.write(`${line}\n`);

function gitInfo(ref) {
  const git = (...a) => spawnSync('git', a, { cwd: ROOT, encoding: 'utf8' }).stdout.trim();
  if (ref) {
    const commit = git('log', '--oneline', '-1', ref);
    if (!commit) throw new Error(`no git commit ${ref}`);
    return { commit, commit_date: git('log', '-1', '--format=%cI', ref), dirty_sources: 0, dist_built: null };
  }
  const dirty = git('status', '--porcelain', '--', 'nodes', 'credentials', 'triggers', 'packages/core');
  let distBuilt = null;
  try {
    distBuilt = statSync(join(ROOT, 'dist/nodes/Trending/Trending.node.js')).mtime.toISOString();
  } catch {
    // not built
  }
  return {
    commit: git('log', '--oneline', '-1'),
    commit_date: git('log', '-1', '--format=%cI'),
    dirty_sources: dirty ? dirty.split('\n').length : 0,
    dist_built: distBuilt,
  };
}

/** `--ref`: the commit's tree in a scratch folder (the repository's node_modules linked in), built and packed. */
function packRef(ref) {
  const dir = mkdtempSync(join(process.env.TRENDING_E2E_WORK, 'ref-'));
  const env = { ...process.env, PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ''}` };
  const step = (cmd, a, opts = {}) => {
    const r = spawnSync(cmd, a, { cwd: dir, env, encoding: 'utf8', maxBuffer: 1 << 26, ...opts });
    if (r.status !== 0) throw new Error(`${cmd} ${a.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
    return r.stdout;
  };
  const tar = spawnSync('sh', ['-c', `git -C "${ROOT}" archive "${ref}" | tar -x -C "${dir}"`], { encoding: 'utf8' });
  if (tar.status !== 0) throw new Error(`git archive ${ref} failed: ${tar.stderr}`);
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  step(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.n8n.json']);
  step(process.execPath, ['scripts/n8n-package.mjs', 'assets']);
  const out = step(process.execPath, ['scripts/n8n-package.mjs', 'pack', join(dir, 'out')]);
  return { dir, tarball: out.trim().split('\n').pop() };
}

// ---------------------------------------------------------------------------------------------------------------
// workflows: Webhook trigger (rows and a tag in the body) -> Code "Rows" (one item per row) -> the client under test

const UNFINISHED = new Set(['new', 'running', 'waiting', 'unknown']);

function rowsCode() {
  return [
    'const rows = Number($json.body.rows);',
    'const tag = String($json.body.tag);',
    'return Array.from({ length: rows }, (_, i) => ({',
    '  json: { row: i + 1, prompt: `Bench ${tag} row ${i + 1}: my neighbour mows his lawn at six every Sunday.` },',
    '}));',
  ].join('\n');
}

let workflowCount = 0;
const uuid = (n) => `b3c0e5a1-0000-4000-8000-${String(n).padStart(12, '0')}`;

function workflowJson(key, target, credential) {
  const path = `bench-batch-${key}`;
  const n = ++workflowCount;
  const webhookId = uuid(n * 2);
  if (target.webhookId) target = { ...target, webhookId: uuid(n * 2 + 1) };
  const nodes = [
    {
      id: `${key}-start`,
      name: 'Start',
      type: 'n8n-nodes-base.webhook',
      typeVersion: 2,
      position: [0, 0],
      webhookId,
      parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
    },
    {
      id: `${key}-rows`,
      name: 'Rows',
      type: 'n8n-nodes-base.code',
      typeVersion: 2,
      position: [220, 0],
      parameters: { jsCode: rowsCode() },
    },
    { id: `${key}-target`, name: 'Target', position: [440, 0], ...target },
  ];
  if (target.type.startsWith('n8n-nodes-trending.')) {
    nodes[2].credentials = { trendingApi: { id: credential.id, name: credential.name } };
  }
  return {
    name: `bench: ${key}`,
    nodes,
    connections: {
      Start: { main: [[{ node: 'Rows', type: 'main', index: 0 }]] },
      Rows: { main: [[{ node: 'Target', type: 'main', index: 0 }]] },
    },
    settings: { executionOrder: 'v1' },
    path,
  };
}

function trendingTarget(waitMode) {
  return {
    type: 'n8n-nodes-trending.trending',
    typeVersion: 1,
    ...(waitMode === 'webhook' ? { webhookId: 'set per workflow' } : {}),
    parameters: {
      resource: 'rants',
      operation: 'create',
      prompt: '={{ $json.prompt }}',
      previewOnly: true,
      waitMode,
      options: { waitTimeout: 10 },
    },
  };
}

function httpTarget(simUrl, apiKey, { retry = false, batch = null } = {}) {
  return {
    type: 'n8n-nodes-base.httpRequest',
    typeVersion: 4.2,
    ...(retry ? { retryOnFail: true } : {}),
    parameters: {
      method: 'POST',
      url: `${simUrl}/api/v1/rants/videos`,
      sendHeaders: true,
      headerParameters: {
        parameters: [
          { name: 'Authorization', value: `Bearer ${apiKey}` },
          { name: 'Idempotency-Key', value: "={{ 'bench-' + $execution.id + '-row-' + $json.row }}" },
        ],
      },
      sendBody: true,
      specifyBody: 'json',
      jsonBody: '={{ JSON.stringify({ prompt: $json.prompt, preview_only: true }) }}',
      options: batch ? { batching: { batch } } : {},
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// the simulator, with every logged request kept (its own log keeps the last 2,000)

async function startSim() {
  const sim = await simulator.startSimulator({ port: 0 });
  const captured = [];
  const requestLog = sim.sim.requestLog;
  const start = requestLog.start.bind(requestLog);
  requestLog.start = (...a) => {
    const entry = start(...a);
    captured.push(entry); // the same object the server fills in (status, duration) when it answers
    return entry;
  };
  return {
    sim,
    captured,
    /** Back to startup state, then the case's settings; a clean capture. */
    prepare(config) {
      sim.reset();
      sim.configure(config);
      sim.updateAccount({ api_key: sim.keys.pro, credits: 100_000_000 });
      captured.length = 0;
    },
    /** Wall-clock ms of an API-clock instant (constant speed since prepare). */
    wallOf(apiMs) {
      const wallNow = Date.now();
      return wallNow - (sim.sim.apiNow() - apiMs) / sim.sim.config.speed;
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// n8n

async function startN8n(modules, pkg) {
  const { harness, examples } = modules;
  const install = await ensureN8n(modules, log);
  const n8n = await harness.N8nInstance.create({
    install,
    pkg,
    name: 'batch',
    env: { N8N_LOG_LEVEL: 'warn', N8N_PAYLOAD_SIZE_MAX: '64' },
  });
  await n8n.start({ timeoutMs: 180_000 });
  await n8n.loginOwner();
  return { n8n, examples, install };
}

async function createCredential(n8n, simUrl, apiKey) {
  const created = await n8n.rest('POST', '/credentials', {
    name: 'Trending API (bench)',
    type: 'trendingApi',
    data: { apiKey, baseUrl: simUrl },
  });
  return { id: created.id, name: 'Trending API (bench)' };
}

async function installWorkflow(n8n, examples, wf) {
  const { path, ...body } = wf;
  const { id } = await examples.importWorkflow(n8n, body);
  await examples.publishWorkflow(n8n, id);
  return { id, path };
}

/**
 * Starts the workflow through its webhook and waits for its execution to end. Wall time is from just before the POST
 * to n8n's stoppedAt (same machine clock); `parkedAt` is when the execution was first seen waiting.
 */
async function runOnce(n8n, wf, body, timeoutMs) {
  const before = new Set((await n8n.executions(wf.id)).map((e) => String(e.id)));
  const t0 = Date.now();
  const res = await fetch(`${n8n.baseUrl}/webhook/${wf.path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`webhook ${wf.path} answered ${res.status}: ${await res.text()}`);
  let exec;
  let parkedAt = null;
  let timedOut = false;
  for (;;) {
    const mine = (await n8n.executions(wf.id)).find((e) => !before.has(String(e.id)));
    if (mine?.status === 'waiting' && parkedAt === null) parkedAt = Date.now();
    if (mine && !UNFINISHED.has(mine.status)) {
      exec = mine;
      break;
    }
    if (Date.now() - t0 > timeoutMs) {
      timedOut = true;
      if (mine) {
        await n8n.rest('POST', `/executions/${mine.id}/stop`).catch(() => undefined);
        exec = mine;
      }
      break;
    }
    await sleep(400);
  }
  const seenEnd = Date.now();
  const full = exec ? await n8n.execution(exec.id) : null;
  const stoppedAt = full?.stoppedAt ? Date.parse(full.stoppedAt) : seenEnd;
  return { t0, stoppedAt, parkedAt, timedOut, exec: full };
}

function executionError(exec) {
  if (!exec) return null;
  const runData = exec.data?.resultData?.runData ?? {};
  for (const [node, runs] of Object.entries(runData)) {
    for (const r of runs) if (r.error) return `${node}: ${r.error.message ?? ''}`.slice(0, 120);
  }
  const top = exec.data?.resultData?.error;
  return top?.message ? String(top.message).slice(0, 120) : null;
}

// ---------------------------------------------------------------------------------------------------------------
// what the simulator saw

function rowOf(video) {
  const m = /row (\d+):/.exec(String(video.request?.prompt ?? ''));
  return m ? Number(m[1]) : null;
}

function videosOf(sim, tag) {
  return [...sim.sim.videos.values()].filter((v) => String(v.request?.prompt ?? '').includes(`Bench ${tag} `));
}

function requestStats(captured) {
  const api = captured.filter((e) => e.path.startsWith('/api/'));
  const creates = api.filter((e) => e.method === 'POST' && /^\/api\/v1\/rants\/videos(\?|$)/.test(e.path));
  const reads = api.filter((e) => e.method === 'GET' && /^\/api\/v1\/rants\/videos\/\d+/.test(e.path));
  return {
    api_requests: api.length,
    creates_sent: creates.length,
    create_answers: countBy(creates, (e) => String(e.status)),
    answers_429: api.filter((e) => e.status === 429).length,
    reads,
  };
}

function bulkMetrics(ctx, tag, rows) {
  const videos = videosOf(ctx.sim, tag);
  const byRow = new Map();
  for (const v of videos) byRow.set(rowOf(v), [...(byRow.get(rowOf(v)) ?? []), v]);
  const ids = new Set(videos.map((v) => v.id));
  const holds = ctx.sim.sim.ledger.entries.filter((e) => e.kind === 'hold' && ids.has(e.video_id));
  const holdsByVideo = countBy(holds, (e) => e.video_id);
  const holdsPerRow = [...byRow.values()].map((vs) => vs.reduce((n, v) => n + (holdsByVideo[v.id] ?? 0), 0));
  let missing = 0;
  for (let r = 1; r <= rows; r++) if (!byRow.has(r)) missing++;
  return {
    videos: videos.length,
    rows_without_video: missing,
    rows_with_duplicates: [...byRow.values()].filter((vs) => vs.length > 1).length,
    max_holds_per_row: holdsPerRow.length ? Math.max(...holdsPerRow) : 0,
    credits_held_per_video: holds.length ? holds[0].credits : null,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// A: bulk create

async function runBulk(ctx, wfs, { condition, mode, client }, runIndex) {
  const tag = `${condition.id}-${mode.id}-${client}-r${runIndex}`;
  ctx.prepare({
    rateLimitPerMinute: condition.rate,
    chaos: condition.latencyMs > 0 ? { latencyMs: condition.latencyMs } : null,
    ...mode.config,
  });
  const wf = wfs[client === 'http-batching' ? `http-batching-${condition.id}` : client];
  const timeoutMs = Math.max(180_000, condition.idealSeconds * 6000);
  const run = await runOnce(ctx.n8n, wf, { rows: ROWS, tag }, timeoutMs);
  const wallSeconds = (run.stoppedAt - run.t0) / 1000;
  const stats = requestStats(ctx.captured);
  return {
    bench: 'n8n-batch',
    group: 'A',
    condition: condition.id,
    condition_label: condition.label,
    sim: mode.id,
    client,
    run: runIndex,
    rows: ROWS,
    ideal_seconds: condition.idealSeconds,
    wall_seconds: round(wallSeconds, 2),
    ratio_to_ideal: condition.idealSeconds > 0 ? round(wallSeconds / condition.idealSeconds, 2) : null,
    execution_status: run.timedOut ? `timeout (${timeoutMs / 1000} s)` : (run.exec?.status ?? 'not found'),
    execution_error: executionError(run.exec),
    ...bulkMetrics(ctx, tag, ROWS),
    creates_sent: stats.creates_sent,
    create_answers: stats.create_answers,
    answers_429: stats.answers_429,
    api_requests: stats.api_requests,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// B: the 50-video wait

async function runWait(ctx, wfs, waitMode, runIndex) {
  const tag = `B-${waitMode}-r${runIndex}`;
  ctx.prepare({ speed: B_SPEED, chaos: null, retryAfterHeader: false });
  const run = await runOnce(ctx.n8n, wfs[`wait-${waitMode}`], { rows: B_ITEMS, tag }, 300_000);
  const videos = videosOf(ctx.sim, tag);
  const ends = videos.map((v) => v.runs[0]?.finishedAt).filter((t) => typeof t === 'number');
  const starts = videos.map((v) => v.createdAt);
  const lastEndWall = ends.length === videos.length && ends.length ? ctx.wallOf(Math.max(...ends)) : null;
  const firstEndWall = ends.length ? ctx.wallOf(Math.min(...ends)) : null;
  const stats = requestStats(ctx.captured);
  const readsPerVideo = new Map(videos.map((v) => [v.id, 0]));
  for (const r of stats.reads) {
    const id = Number(/\/videos\/(\d+)/.exec(r.path)[1]);
    readsPerVideo.set(id, (readsPerVideo.get(id) ?? 0) + 1);
  }
  const perVideo = [...readsPerVideo.values()];
  const ids = new Set(videos.map((v) => v.id));
  const deliveries = ctx.sim
    .state()
    .deliveries.filter((d) => ids.has(d.video_id))
    .map((d) => ({
      video_id: d.video_id,
      event: d.event,
      status: d.status,
      attempts: d.attempts.map((a) => ({ status: a.status_code, error: a.error, ms: a.duration_ms })),
    }));
  const attempts = deliveries.flatMap((d) => d.attempts);
  const latencies = attempts.map((a) => a.ms);
  const endToEnd = (run.stoppedAt - run.t0) / 1000;
  const videoSpan = lastEndWall === null ? null : (lastEndWall - run.t0) / 1000;
  return {
    bench: 'n8n-batch',
    group: 'B',
    wait: waitMode,
    run: runIndex,
    items: B_ITEMS,
    speed: B_SPEED,
    videos: videos.length,
    videos_completed: videos.filter((v) => v.runs[0]?.status === 'completed').length,
    execution_status: run.timedOut ? 'timeout (300 s)' : (run.exec?.status ?? 'not found'),
    execution_error: executionError(run.exec),
    created_over_seconds: starts.length ? round((ctx.wallOf(Math.max(...starts)) - run.t0) / 1000, 2) : null,
    parked_after_seconds: run.parkedAt === null ? null : round((run.parkedAt - run.t0) / 1000, 1),
    first_video_end_seconds: firstEndWall === null ? null : round((firstEndWall - run.t0) / 1000, 2),
    last_video_end_seconds: round(videoSpan, 2),
    execution_end_seconds: round(endToEnd, 2),
    ratio_to_last_video_end: videoSpan ? round(endToEnd / videoSpan, 3) : null,
    overshoot_seconds: videoSpan === null ? null : round(endToEnd - videoSpan, 2),
    status_reads_total: stats.reads.length,
    status_reads_per_video_max: perVideo.length ? Math.max(...perVideo) : 0,
    status_reads_per_video_mean: perVideo.length ? round(stats.reads.length / perVideo.length, 2) : 0,
    answers_429: stats.answers_429,
    api_requests: stats.api_requests,
    deliveries: deliveries.length,
    delivery_attempts: attempts.length,
    delivery_answers: countBy(attempts, (a) => String(a.status ?? a.error)),
    delivery_ms_min: latencies.length ? Math.min(...latencies) : null,
    delivery_ms_p50: quantile(latencies, 0.5),
    delivery_ms_max: latencies.length ? Math.max(...latencies) : null,
    delivery_log: deliveries,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// the table

function cell(results, key, digits = 1) {
  const xs = results.map((r) => r[key]).filter((x) => typeof x === 'number');
  if (!xs.length) return '-';
  const m = round(median(xs), digits);
  if (xs.length === 1) return String(m);
  return `${m} (${round(Math.min(...xs), digits)}-${round(Math.max(...xs), digits)})`;
}

function textCell(results, key) {
  const vals = [...new Set(results.map((r) => (typeof r[key] === 'object' ? JSON.stringify(r[key]) : r[key])))];
  return vals.join(' / ');
}

function tables(results) {
  const lines = [];
  const bulk = results.filter((r) => r.group === 'A');
  if (bulk.length) {
    lines.push(
      `| Case | Simulator | Client | Wall s | x ideal | Execution | Rows failed | Dup rows | Max holds/row | 429 | Create POSTs |`,
      '|---|---|---|---|---|---|---|---|---|---|---|',
    );
    const keys = [...new Set(bulk.map((r) => `${r.condition}|${r.sim}|${r.client}`))];
    for (const k of keys) {
      const rs = bulk.filter((r) => `${r.condition}|${r.sim}|${r.client}` === k);
      const r0 = rs[0];
      lines.push(
        `| ${r0.condition} ${r0.condition_label}, ideal ${r0.ideal_seconds} s | ${r0.sim} | ${CLIENT_LABELS[r0.client]} | ` +
          `${cell(rs, 'wall_seconds')} | ${cell(rs, 'ratio_to_ideal', 2)} | ${textCell(rs, 'execution_status')} | ` +
          `${cell(rs, 'rows_without_video', 0)} | ${cell(rs, 'rows_with_duplicates', 0)} | ` +
          `${cell(rs, 'max_holds_per_row', 0)} | ${cell(rs, 'answers_429', 0)} | ${cell(rs, 'creates_sent', 0)} |`,
      );
    }
  }
  const wait = results.filter((r) => r.group === 'B');
  if (wait.length) {
    if (lines.length) lines.push('');
    lines.push(
      '| B: one execution waits | Last video ends s | Execution ends s | x last end | Overshoot s | Reads/video max | Reads/video mean | 429 | Deliveries: answers | Delivery answer ms min / p50 / max | Execution |',
      '|---|---|---|---|---|---|---|---|---|---|---|',
    );
    for (const mode of ['webhook', 'polling']) {
      const rs = wait.filter((r) => r.wait === mode);
      if (!rs.length) continue;
      const deliveries =
        mode === 'webhook'
          ? `${textCell(rs, 'deliveries')} (${textCell(rs, 'delivery_answers')})`
          : `${textCell(rs, 'deliveries')}`;
      lines.push(
        `| Wait via ${mode} (${rs[0].items} x Rants preview, speed ${rs[0].speed}) | ${cell(rs, 'last_video_end_seconds')} | ` +
          `${cell(rs, 'execution_end_seconds')} | ${cell(rs, 'ratio_to_last_video_end', 2)} | ${cell(rs, 'overshoot_seconds')} | ` +
          `${cell(rs, 'status_reads_per_video_max', 0)} | ${cell(rs, 'status_reads_per_video_mean', 2)} | ` +
          `${cell(rs, 'answers_429', 0)} | ${deliveries} | ${cell(rs, 'delivery_ms_min', 0)} / ${cell(rs, 'delivery_ms_p50', 0)} / ${cell(rs, 'delivery_ms_max', 0)} | ` +
          `${textCell(rs, 'execution_status')} |`,
      );
    }
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------------------------
// main

async function main() {
  if (Number(process.versions.node.split('.')[0]) < 24) {
    throw new Error(
      `needs Node 24 (this is ${process.version}): run it as node_modules/.bin/node bench/n8n-batch.bench.mjs`,
    );
  }
  process.env.TRENDING_E2E_WORK ??= join(tmpdir(), 'trending-n8n-bench');
  const modules = await loadHarness(ROOT);
  const { harness } = modules;
  const git = gitInfo(args.ref);
  const t0 = Date.now();
  log(`n8n-batch: ${git.commit}${git.dirty_sources ? ` (+${git.dirty_sources} uncommitted source files)` : ''}`);

  let pkg;
  let refBuild = null;
  if (TARBALL) pkg = harness.readPackedTarball(resolve(TARBALL));
  else if (args.ref) {
    refBuild = packRef(args.ref);
    pkg = harness.readPackedTarball(refBuild.tarball);
  } else {
    const out = join(process.env.TRENDING_E2E_WORK, 'package');
    mkdirSync(out, { recursive: true });
    pkg = await harness.buildAndPack(out, { build: false });
  }
  const problems = harness.packageProblems(pkg);
  if (problems.length) throw new Error(`the tarball is not a valid community package: ${problems.join('; ')}`);
  const from = TARBALL ? '' : args.ref ? ` (built from ${args.ref})` : ` (packed from dist/ built ${git.dist_built})`;
  log(`package: ${pkg.tarball}${from}`);

  const simCtx = await startSim();
  const cleanups = [() => simCtx.sim.close()];
  if (refBuild && !args.keep) cleanups.unshift(() => rmSync(refBuild.dir, { recursive: true, force: true }));
  const onSignal = async () => {
    for (const c of cleanups.reverse()) await Promise.resolve(c()).catch(() => undefined);
    process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const results = [];
  try {
    const { n8n, examples, install } = await startN8n(modules, pkg);
    cleanups.push(() => n8n.dispose({ keep: args.keep }));
    log(`n8n ${install.cacheDir} on ${n8n.baseUrl}, simulator on ${simCtx.sim.url} (${Date.now() - t0} ms setup)`);
    const credential = await createCredential(n8n, simCtx.sim.url, simCtx.sim.keys.pro);
    const apiKey = simCtx.sim.keys.pro;
    const defs = {
      trending: trendingTarget('none'),
      'http-default': httpTarget(simCtx.sim.url, apiKey),
      'http-retry': httpTarget(simCtx.sim.url, apiKey, { retry: true }),
      'wait-webhook': trendingTarget('webhook'),
      'wait-polling': trendingTarget('polling'),
    };
    // Batching paced at the documented per-minute limit: limit / 60 items every 1000 ms.
    for (const c of CONDITIONS) {
      defs[`http-batching-${c.id}`] = httpTarget(simCtx.sim.url, apiKey, {
        batch: { batchSize: c.rate / 60, batchInterval: 1000 },
      });
    }
    const wfs = {};
    for (const [key, target] of Object.entries(defs)) {
      wfs[key] = await installWorkflow(n8n, examples, workflowJson(key, target, credential));
    }
    const ctx = { ...simCtx, n8n };
    const cases = caseMatrix();
    for (let runIndex = 1; runIndex <= RUNS; runIndex++) {
      for (const c of cases) {
        log(`run ${runIndex}/${RUNS}: A ${c.condition.id} ${c.mode.id} ${c.client} ...`);
        const result = await runBulk(ctx, wfs, c, runIndex);
        results.push(result);
        console.log(JSON.stringify(result));
      }
      if (GROUPS.has('B')) {
        for (const mode of ['webhook', 'polling']) {
          log(`run ${runIndex}/${RUNS}: B wait via ${mode} ...`);
          const result = await runWait(ctx, wfs, mode, runIndex);
          results.push(result);
          const { delivery_log: _log, ...line } = result;
          console.log(JSON.stringify(line));
        }
      }
    }
  } finally {
    for (const c of cleanups.reverse()) await Promise.resolve(c()).catch(() => undefined);
  }

  const meta = {
    commit: git.commit,
    commit_date: git.commit_date,
    uncommitted_source_files: git.dirty_sources,
    package_from: TARBALL ? `tarball ${TARBALL}` : args.ref ? `git ${args.ref}` : `dist/ built ${git.dist_built}`,
    date: new Date().toISOString(),
    node: process.version,
    cpu: `${cpus()[0]?.model ?? 'unknown'} x${cpus().length}`,
    load_average: loadavg().map((l) => round(l, 2)),
    runs: RUNS,
    total_seconds: round((Date.now() - t0) / 1000, 0),
  };
  if (args.json) writeFileSync(args.json, JSON.stringify({ meta, results }, null, 2));
  console.log('');
  console.log(tables(results));
  console.log('');
  console.log(
    `n8n 2.41.1, ${meta.commit}${meta.uncommitted_source_files ? ` +${meta.uncommitted_source_files} uncommitted` : ''}, ` +
      `node ${meta.node}, ${meta.cpu}, load ${meta.load_average.join(' ')}, ${meta.date}, ${meta.total_seconds} s`,
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

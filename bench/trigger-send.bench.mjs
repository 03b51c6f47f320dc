// Rows per second through `trending trigger send` (signed triggers) against the simulator's per-trigger rate limit,
// as a ratio to that limit (goal >= 0.9: the sender should use the limit it is given, not waste it on 429 pauses).
// Build first:  npx tsc -p packages/core/tsconfig.build.json && npx tsc -p packages/simulator/tsconfig.build.json \
//   && npx tsc -p packages/cli/tsconfig.build.json     then:  node bench/trigger-send.bench.mjs
// Env: BENCH_RATE (requests/s, default 20), BENCH_SECONDS (steady-state seconds per case, default 15),
// BENCH_CONCURRENCY (default 8). Prints one JSON line per case, then one human line.
//
// The simulator's bucket holds a full minute of requests (burst = limit per minute), which would flatter any sender,
// so each case first drains it with signed requests that fail validation (they cost a token but create nothing) and
// then measures the CLI against the refill rate alone.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, URL } from 'node:url';
import axios from 'axios';
import core from '../packages/core/dist/index.js';
import simulator from '../packages/simulator/dist/index.js';

const { buildSignedTriggerRequest } = core;
const { startSimulator } = simulator;
const RATE = Number(process.env.BENCH_RATE ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const ROWS = Math.round(RATE * SECONDS);
const BIN = fileURLToPath(new URL('../packages/cli/dist/bin.js', import.meta.url));

const CASES = [
  { name: 'retry-after', description: 'as fast as Retry-After allows (the default)', flags: [] },
  { name: 'paced', description: `--rate ${RATE} (pacing to the known limit)`, flags: ['--rate', String(RATE)] },
];

async function drain(handle, trigger) {
  let drained = 0;
  for (;;) {
    const statuses = await Promise.all(
      Array.from({ length: 16 }, async () => {
        const req = buildSignedTriggerRequest({
          baseUrl: handle.url,
          triggerId: trigger.trigger_id,
          secret: trigger.secret,
          body: {},
          idempotencyKey: `bench-drain-${drained++}`,
          nowMs: Date.now(),
        });
        const res = await axios.post(req.url, req.body, { headers: req.headers, validateStatus: () => true });
        return res.status;
      }),
    );
    if (statuses.includes(429)) return drained;
  }
}

function runCli(args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function runCase(spec, dir) {
  const handle = await startSimulator({ port: 0, speed: 100, rateLimitPerMinute: RATE * 60 });
  try {
    handle.updateAccount({ api_key: handle.keys.pro, credits: 100_000_000 });
    const trigger = handle.createTrigger();
    const rows = join(dir, `${spec.name}.csv`);
    const lines = ['template,prompt'];
    for (let i = 1; i <= ROWS; i++) lines.push(`rants,Benchmark rant number ${i} about slow queues`);
    writeFileSync(rows, `${lines.join('\n')}\n`);

    const drained = await drain(handle, trigger);
    const started = performance.now();
    const result = await runCli(
      ['trigger', 'send', '--rows', rows, '--concurrency', String(CONCURRENCY), '--json', ...spec.flags],
      {
        TRENDING_BASE_URL: handle.url,
        TRENDING_TRIGGER_ID: trigger.trigger_id,
        TRENDING_TRIGGER_SECRET: trigger.secret,
      },
    );
    const wallSeconds = (performance.now() - started) / 1000;
    if (result.code !== 0) throw new Error(`trigger send exited ${result.code}: ${result.stderr}`);
    const summary = JSON.parse(result.stdout);
    const videos = handle.state().videos.length;
    if (summary.sent !== ROWS || videos !== ROWS)
      throw new Error(`expected ${ROWS} videos, got sent=${summary.sent} videos=${videos}`);
    const rowsPerSecond = summary.sent / summary.elapsed_seconds;
    return {
      bench: 'trigger-send',
      case: spec.name,
      description: spec.description,
      rate_limit_per_second: RATE,
      rows: ROWS,
      concurrency: CONCURRENCY,
      drained_tokens: drained,
      elapsed_seconds: summary.elapsed_seconds,
      rows_per_second: Math.round(rowsPerSecond * 100) / 100,
      ratio_to_limit: Math.round((rowsPerSecond / RATE) * 1000) / 1000,
      wall_seconds_with_startup: Math.round(wallSeconds * 100) / 100,
      ratio_with_startup: Math.round((ROWS / wallSeconds / RATE) * 1000) / 1000,
      throttled_responses: summary.throttled,
      paused_seconds: summary.paused_seconds,
    };
  } finally {
    await handle.close();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'trending-bench-'));
const results = [];
try {
  for (const spec of CASES) {
    const result = await runCase(spec, dir);
    results.push(result);
    console.log(JSON.stringify(result));
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(
  `trigger send at ${RATE} req/s, ${ROWS} rows, concurrency ${CONCURRENCY}: ` +
    results
      .map(
        (r) => `${r.case} ${r.rows_per_second} rows/s = ${r.ratio_to_limit} x limit (${r.throttled_responses} x 429)`,
      )
      .join('; ') +
    ` | node ${process.version}, ${cpu} x${cpus().length}, ${new Date().toISOString()}`,
);

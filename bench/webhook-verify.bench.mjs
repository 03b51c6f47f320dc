// Webhook verifications per second through the built core (1 KB payload): one secret, and a two-secret rotation in
// which the first secret fails. Build first: `npx tsc -p packages/core/tsconfig.build.json`.
// Usage: node bench/webhook-verify.bench.mjs [path/to/core/dist/index.js]
import { Buffer } from 'node:buffer';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const corePath = resolve(process.argv[2] ?? resolve(here, '../packages/core/dist/index.js'));
const { default: core } = await import(pathToFileURL(corePath).href);
const { verifyWebhook, signWebhookDelivery } = core;

const ROUNDS = 7;
const ROUND_MS = 400;
const NOW_MS = 1769483565_000;
const SECRET = 'whsec_bench_current_0123456789abcdef';
const OLD_SECRET = 'whsec_bench_previous_0123456789abcde';

function payloadOf(bytes) {
  const base = {
    event: 'trending.story.v001.completed',
    pipeline_run_id: '6fba1c20-6d1c-4bb2-9a91-2c9f7fcb2d7c',
    video_id: 12345,
    template: 'story',
    template_version: 'v001',
    status: 'completed',
    preview_only: false,
    render_url: 'https://trending.com/studio/renders/123/download?signature=abcdef0123456789',
    occurred_at: '2026-01-27T03:12:45Z',
    error: null,
    agent_status_message: '',
  };
  const fill = bytes - Buffer.byteLength(JSON.stringify(base));
  return JSON.stringify({ ...base, agent_status_message: 'x'.repeat(fill) });
}

const rawBody = payloadOf(1024);
const headers = {
  'x-trending-delivery': 'dlv_bench',
  'x-trending-event': 'trending.story.v001.completed',
  ...signWebhookDelivery(SECRET, NOW_MS, rawBody),
};

const cases = [
  { name: 'single secret', secrets: SECRET, secretIndex: 0 },
  { name: 'rotation, first secret fails', secrets: [OLD_SECRET, SECRET], secretIndex: 1 },
];

function measure(options) {
  let ops = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < ROUND_MS) {
    for (let i = 0; i < 200; i++) verifyWebhook(options);
    ops += 200;
    elapsed = performance.now() - started;
  }
  return (ops / elapsed) * 1000;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const results = cases.map(({ name, secrets, secretIndex }) => {
  const options = { rawBody, headers, secrets, nowMs: NOW_MS };
  const check = verifyWebhook(options);
  if (check.scheme !== 'v1' || check.secretIndex !== secretIndex) throw new Error(`${name}: unexpected result`);
  measure(options); // warm-up
  const rounds = Array.from({ length: ROUNDS }, () => measure(options));
  const opsPerSec = Math.round(median(rounds));
  return {
    name,
    opsPerSec,
    microsPerOp: Number((1e6 / opsPerSec).toFixed(2)),
    rounds: rounds.map(Math.round),
  };
});

const report = {
  benchmark: 'webhook-verify',
  date: new Date().toISOString(),
  node: process.version,
  cpu: cpus()[0]?.model ?? 'unknown',
  payloadBytes: Buffer.byteLength(rawBody),
  roundMs: ROUND_MS,
  statistic: `median of ${ROUNDS} rounds`,
  results,
};

console.log(JSON.stringify(report, null, 2));
for (const r of results) {
  console.log(
    `${r.name}: ${r.opsPerSec.toLocaleString('en-US')} verifications/s (${r.microsPerOp} µs each, ${report.payloadBytes} B payload, node ${report.node}, ${report.cpu})`,
  );
}

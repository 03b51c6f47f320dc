// Poll GETs per second that the built simulator sustains, with N concurrent keep-alive clients (default 1, 16, 64)
// for BENCH_SECONDS each (default 5). The simulator runs in its own process (as `trending-sim` would), so the clients
// here do not share its event loop. The polled video is a Story still running (speed 1), the most detailed answer.
// Build first:  npx tsc -p packages/core/tsconfig.build.json && npx tsc -p packages/simulator/tsconfig.build.json
// then:         node_modules/.bin/node bench/simulator-poll.bench.mjs
// Env: BENCH_SECONDS, BENCH_CLIENTS (comma list). Prints one JSON line per case, then one human line.
/* global fetch -- Node's built-in client, the same one the faces' tests use */
import { spawn } from 'node:child_process';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { URL } from 'node:url';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CLIENTS = (process.env.BENCH_CLIENTS ?? '1,16,64').split(',').map(Number);
const BIN = new URL('../packages/simulator/dist/bin.js', import.meta.url).pathname;
const KEY = 'sk_test_pro';

function startSimulatorProcess() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, '--port', '0', '--speed', '1', '--rate-limit', '0'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve({ url: m[1], child });
    });
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`simulator exited ${code}`)));
  });
}

function percentile(sorted, p) {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function runCase(url, pollUrl, clients) {
  const deadline = performance.now() + SECONDS * 1000;
  const latencies = [];
  let errors = 0;
  let nonOk = 0;
  const worker = async () => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      try {
        const res = await fetch(pollUrl, { headers: { authorization: `Bearer ${KEY}` } });
        await res.arrayBuffer();
        if (res.status !== 200) nonOk++;
        latencies.push(performance.now() - t0);
      } catch {
        errors++;
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: clients }, worker));
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    bench: 'simulator-poll',
    clients,
    seconds: Math.round(elapsed * 100) / 100,
    requests: latencies.length,
    requests_per_second: Math.round(latencies.length / elapsed),
    p50_ms: Math.round(percentile(latencies, 50) * 100) / 100,
    p99_ms: Math.round(percentile(latencies, 99) * 100) / 100,
    non_200: nonOk,
    errors,
  };
}

const { url, child } = await startSimulatorProcess();
try {
  const created = await fetch(`${url}/api/v1/story/videos`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${KEY}`,
      'idempotency-key': `bench-${Date.now()}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ prompt: 'A short scary story about a hotel keycard.' }),
  });
  const video = await created.json();
  if (created.status !== 202) throw new Error(`create answered ${created.status}: ${JSON.stringify(video)}`);
  const pollUrl = `${url}${video.poll_url}`;
  const results = [];
  for (const clients of CLIENTS) {
    const result = await runCase(url, pollUrl, clients);
    results.push(result);
    console.log(JSON.stringify(result));
  }
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  console.log(
    `simulator poll GETs, ${SECONDS}s per case: ` +
      results
        .map(
          (r) =>
            `${r.clients} client${r.clients === 1 ? '' : 's'} ${r.requests_per_second} req/s (p50 ${r.p50_ms} ms, p99 ${r.p99_ms} ms)`,
        )
        .join('; ') +
      ` | node ${process.version}, ${cpu} x${cpus().length}, ${new Date().toISOString()}`,
  );
} finally {
  child.kill();
}

// `npm run demo`: a real end-to-end video job on this machine, no account or network needed. It starts the Trending
// API simulator in-process, a local webhook receiver, and runs the built `trending` command to create a Story video
// with a signed webhook, wait for it, and download the MP4 to out/. Then it says where the video went and which
// webhook arrived, and exits.
//
// The demo is a list of stages sharing one context; each may register a cleanup. A new face (n8n, Zapier) is one more
// stage that reads ctx.sim and adds its own lines to the report.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { setTimeout } from 'node:timers';
import { fileURLToPath, URL } from 'node:url';
import cli from '../packages/cli/dist/index.js';
import simulator from '../packages/simulator/dist/index.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = resolve(ROOT, 'out');
const CLI_BIN = resolve(ROOT, 'packages/cli/dist/bin.js');
/** API seconds per wall-clock second: a Story run of several API minutes takes seconds here. */
const DEMO_SPEED = 100;

const log = (line) => console.log(line);

/** Runs the built CLI as a user would; stdout is its --json result. */
function trending(args, env) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI_BIN, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolvePromise(JSON.parse(stdout));
      else reject(new Error(`trending ${args.slice(0, 2).join(' ')} exited ${code}: ${stdout}`));
    });
  });
}

const stages = [
  {
    title: 'Start the Trending API simulator',
    async run(ctx) {
      ctx.sim = await simulator.startSimulator({ port: 0, speed: DEMO_SPEED });
      ctx.cleanups.push(() => ctx.sim.close());
      ctx.env = { TRENDING_BASE_URL: ctx.sim.url, TRENDING_API_KEY: ctx.sim.keys.pro };
      return `listening on ${ctx.sim.url} at ${DEMO_SPEED}x speed`;
    },
  },
  {
    title: 'Start a local webhook receiver (verifies signatures, de-duplicates deliveries)',
    async run(ctx) {
      // A fresh secret per run, handed to the CLI through the environment: it is never printed or put on a command line.
      ctx.webhookSecret = randomBytes(24).toString('hex');
      ctx.events = [];
      let arrived;
      ctx.terminalEvent = new Promise((r) => (arrived = r));
      const listener = await cli.startWebhookListener({
        port: 0,
        secrets: [ctx.webhookSecret],
        onEvent: (event) => {
          ctx.events.push(event);
          if (/\.(completed|failed)$/.test(event.event)) arrived(event);
        },
        onRejected: (reason) => log(`  receiver rejected a delivery: ${reason}`),
      });
      ctx.cleanups.push(() => listener.close());
      ctx.webhookUrl = `${listener.url}trending`;
      return `receiving on ${ctx.webhookUrl}`;
    },
  },
  {
    title: 'Create a Story video with the trending CLI, wait for it and download the MP4',
    async run(ctx) {
      mkdirSync(OUT, { recursive: true });
      const file = resolve(OUT, 'story.mp4');
      const result = await trending(
        [
          'create',
          'story',
          '--prompt',
          'A night porter finds a hotel keycard that opens a room that does not exist.',
          '--set',
          'script.images_requested=10',
          '--webhook-url',
          ctx.webhookUrl,
          '--download',
          file,
          '--poll-interval',
          '1',
          '--json',
        ],
        { ...ctx.env, TRENDING_WEBHOOK_SECRET: ctx.webhookSecret },
      );
      ctx.video = result;
      return `video ${result.video_id} ${result.status} (Idempotency-Key ${result.idempotency_key})`;
    },
  },
  {
    title: 'Wait for the signed webhook',
    async run(ctx) {
      const timeout = new Promise((_, reject) =>
        setTimeout(() => reject(new Error('no webhook within 30 s')), 30_000).unref(),
      );
      ctx.webhook = await Promise.race([ctx.terminalEvent, timeout]);
      return `${ctx.webhook.event} (delivery ${ctx.webhook.delivery_id}, signature ${ctx.webhook.scheme} verified)`;
    },
  },
];

async function main() {
  const ctx = { cleanups: [] };
  log('Trending demo: one real video job against the local simulator\n');
  try {
    for (const [index, stage] of stages.entries()) {
      log(`${index + 1}. ${stage.title}`);
      log(`   ${await stage.run(ctx)}`);
    }
    const { file } = ctx.video;
    log('\nDone.');
    log(`  video:   ${ctx.video.template} ${ctx.video.video_id}, ${ctx.video.status}`);
    log(`  file:    ${relative(process.cwd(), file.path) || file.path} (${file.bytes} bytes)`);
    log(
      `  webhook: ${ctx.webhook.event} for video ${ctx.webhook.payload.video_id}, ${ctx.events.length} delivery(ies) received`,
    );
  } finally {
    for (const cleanup of ctx.cleanups.reverse()) await cleanup();
  }
}

main().catch((error) => {
  console.error(`demo failed: ${error.message}`);
  process.exitCode = 1;
});

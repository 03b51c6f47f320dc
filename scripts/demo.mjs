// `npm run demo`: this repository's n8n nodes in a real n8n, on this machine, with no account or network needed.
//
// It starts the Trending API simulator in-process, makes a first video with the `trending` command (signed webhook to
// a local receiver), then the main job: it ensures n8n 2.41.1 is installed in the cache (installing it once, with
// progress, when it is not), builds and packs the n8n package, starts `n8n start` on loopback with the package
// installed like a community node, credentials pointed at the simulator and the four example workflows of
// examples/n8n imported, runs "spreadsheet to videos" on examples/data/videos.csv, and prints where each MP4 went
// and how to open the n8n editor. It keeps n8n running until Ctrl-C; `--once` stops after printing.
//
//   node scripts/demo.mjs [--once]
//   TRENDING_DEMO_TARBALL=<file.tgz>   install that tarball instead of building and packing (the e2e test passes its own)
//   TRENDING_DEMO_N8N_PORT=<port>      n8n's port (default 5678, or any free port when 5678 is taken)
//
// The demo is a list of stages sharing one context; each may register a cleanup, run in reverse on exit or Ctrl-C.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import process from 'node:process';
import { setTimeout } from 'node:timers';
import { fileURLToPath, URL } from 'node:url';
import cli from '../packages/cli/dist/index.js';
import simulator from '../packages/simulator/dist/index.js';
import { choosePort, DEMO_OWNER, ensureN8n, loadHarness, packPackage, tildify } from './demo/n8n.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = resolve(ROOT, 'out', 'demo');
const VIDEOS = resolve(OUT, 'videos');
const FINISHED = resolve(OUT, 'finished');
const CSV = resolve(ROOT, 'examples', 'data', 'videos.csv');
const CLI_BIN = resolve(ROOT, 'packages/cli/dist/bin.js');
/** API seconds per wall-clock second: a Story run of several API minutes takes seconds here. */
const DEMO_SPEED = 100;
const ONCE = process.argv.includes('--once');

const log = (line) => console.log(line);
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const show = (path) => relative(process.cwd(), path) || path;
const bytes = (n) => `${n.toLocaleString('en-US')} bytes`;

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
      return `listening on ${ctx.sim.url} at ${DEMO_SPEED}x speed`;
    },
  },
  {
    title: 'A first video from the command line: trending create story, signed webhook to a local receiver',
    async run(ctx) {
      // A fresh secret per run, handed to the CLI through the environment: never printed or put on a command line.
      const secret = randomBytes(24).toString('hex');
      let arrived;
      const terminal = new Promise((r) => (arrived = r));
      const listener = await cli.startWebhookListener({
        port: 0,
        secrets: [secret],
        onEvent: (event) => {
          if (/\.(completed|failed)$/.test(event.event)) arrived(event);
        },
        onRejected: (reason) => log(`   receiver rejected a delivery: ${reason}`),
      });
      ctx.cleanups.push(() => listener.close());
      mkdirSync(OUT, { recursive: true });
      const video = await trending(
        [
          'create',
          'story',
          '--prompt',
          'A night porter finds a hotel keycard that opens a room that does not exist.',
          '--set',
          'script.images_requested=10',
          '--webhook-url',
          `${listener.url}trending`,
          '--download',
          resolve(OUT, 'cli-story.mp4'),
          '--poll-interval',
          '1',
          '--json',
        ],
        { TRENDING_BASE_URL: ctx.sim.url, TRENDING_API_KEY: ctx.sim.keys.pro, TRENDING_WEBHOOK_SECRET: secret },
      );
      const timeout = new Promise((_, reject) =>
        setTimeout(() => reject(new Error('no webhook within 30 s')), 30_000).unref(),
      );
      const webhook = await Promise.race([terminal, timeout]);
      return (
        `video ${video.video_id} ${video.status} -> ${show(video.file.path)} (${bytes(video.file.bytes)}); ` +
        `webhook ${webhook.event} verified (${webhook.scheme})`
      );
    },
  },
  {
    title: 'n8n 2.41.1, cached outside the repository',
    async run(ctx) {
      ctx.modules = await loadHarness(ROOT);
      const t0 = Date.now();
      ctx.install = await ensureN8n(ctx.modules, log);
      return ctx.install.reused
        ? `reusing ${tildify(ctx.install.cacheDir)}`
        : `installed into ${tildify(ctx.install.cacheDir)} in ${seconds(Date.now() - t0)}`;
    },
  },
  {
    title: 'Build and pack n8n-nodes-trending (the tarball a user installs)',
    async run(ctx) {
      ctx.pkg = await packPackage(ctx.modules, resolve(OUT, 'package'));
      return `${show(ctx.pkg.tarball)} (${ctx.pkg.files.length} files)`;
    },
  },
  {
    title: 'Start n8n with the package installed as a community node and the example workflows imported',
    async run(ctx) {
      const { harness, examples } = ctx.modules;
      // n8n 2.x reads and writes files only under N8N_RESTRICT_FILE_ACCESS_TO: the sample CSV and the demo's output.
      rmSync(VIDEOS, { recursive: true, force: true });
      mkdirSync(VIDEOS, { recursive: true });
      mkdirSync(FINISHED, { recursive: true });
      const n8n = await harness.N8nInstance.create({
        install: ctx.install,
        pkg: ctx.pkg,
        name: 'demo',
        owner: DEMO_OWNER,
        port: await choosePort(harness),
        env: {
          N8N_ENCRYPTION_KEY: randomBytes(24).toString('hex'),
          N8N_RESTRICT_FILE_ACCESS_TO: [resolve(ROOT, 'examples', 'data'), OUT].join(';'),
          N8N_LOG_LEVEL: 'warn',
        },
      });
      ctx.cleanups.push(() => n8n.dispose({ keep: false }));
      ctx.n8n = n8n;
      const t0 = Date.now();
      await n8n.start({ timeoutMs: 180_000 });
      const startMs = Date.now() - t0;
      await n8n.loginOwner();
      await examples.createCredentials(n8n, {
        baseUrl: ctx.sim.url,
        apiKey: ctx.sim.keys.pro,
        signingSecret: randomBytes(24).toString('hex'),
        triggerId: ctx.sim.trigger.id,
        triggerSecret: ctx.sim.trigger.secret,
      });
      ctx.workflows = {};
      for (const name of examples.EXAMPLES) {
        const wf = examples.pointFilesAt(examples.loadExample(name), OUT, { csv_path: CSV, output_folder: VIDEOS });
        ctx.workflows[name] = await examples.importWorkflow(n8n, wf);
      }
      for (const name of ['form-to-video', 'trending-trigger']) {
        await examples.publishWorkflow(n8n, ctx.workflows[name].id);
      }
      return (
        `${n8n.baseUrl} ready in ${seconds(startMs)}; credentials point at the simulator; ` +
        `${examples.EXAMPLES.length} example workflows imported, 2 published`
      );
    },
  },
  {
    title: `Run "spreadsheet to videos" on ${show(CSV)}`,
    async run(ctx) {
      const { examples } = ctx.modules;
      const t0 = Date.now();
      const id = ctx.workflows['spreadsheet-to-videos'].id;
      const executionId = await examples.runManually(ctx.n8n, id, 'Run');
      const exec = await examples.waitForExecution(ctx.n8n, executionId, { timeoutMs: 300_000 });
      const errors = examples.executionErrors(exec);
      if (exec.status !== 'success' || errors.length > 0) {
        throw new Error(
          `the spreadsheet workflow ended ${exec.status}: ${errors.join('; ') || 'no node error recorded'}`,
        );
      }
      ctx.written = examples.allRunItems(exec, 'Write MP4').map((item) => ({
        path: String(item.json.fileName),
        template: String(item.json.template),
        videoId: item.json.video_id,
        bytes: statSync(String(item.json.fileName)).size,
      }));
      ctx.written.sort((a, b) => a.path.localeCompare(b.path));
      const videos = ctx.sim.state().videos.filter((v) => v.webhook?.url.includes(`/webhook-waiting/${executionId}`));
      return `execution ${executionId} succeeded in ${seconds(Date.now() - t0)}: ${videos.length} videos, waited via webhook, downloaded`;
    },
  },
];

async function main() {
  const ctx = { cleanups: [] };
  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    for (const fn of ctx.cleanups.reverse()) {
      try {
        await fn();
      } catch (error) {
        console.error(`cleanup: ${error.message}`);
      }
    }
  };
  // Ctrl-C at any point stops n8n (its own process group) and the simulator before exiting; a second one forces it.
  let stopRequested;
  const stopped = new Promise((r) => (stopRequested = r));
  let running = false;
  const onSignal = (signal) => {
    if (running) return stopRequested(signal);
    if (cleaned) process.exit(130);
    log('\nInterrupted: stopping n8n and the simulator...');
    cleanup().finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const t0 = Date.now();
  log('Trending demo: the n8n nodes in a real n8n, against a local Trending API simulator\n');
  try {
    for (const [index, stage] of stages.entries()) {
      log(`${index + 1}. ${stage.title}`);
      log(`   ${await stage.run(ctx)}`);
    }
    const { n8n } = ctx;
    const { examples } = ctx.modules;
    log(`\nDone in ${seconds(Date.now() - t0)}. The spreadsheet's videos:`);
    const width = Math.max(...ctx.written.map((w) => show(w.path).length));
    for (const w of ctx.written) {
      log(`  ${show(w.path).padEnd(width)}  ${bytes(w.bytes).padStart(14)}  ${w.template} video ${w.videoId}`);
    }
    log(`\nOpen the n8n editor: ${n8n.baseUrl}/home/workflows`);
    log(`  log in as ${DEMO_OWNER.email} / ${DEMO_OWNER.password} (local demo values)`);
    const triggerNode = ctx.workflows['trending-trigger'].workflow.nodes.find((n) => n.name === 'Trending Trigger');
    const notes = {
      'spreadsheet-to-videos': 'ran above; run it again: no new video (each row is its idempotency key)',
      'form-to-video': `published: ${n8n.baseUrl}/form/${examples.FORM_PATH}`,
      'trending-trigger': `published: ${n8n.baseUrl}/webhook/${triggerNode.webhookId}/trending`,
      'signed-trigger': 'run it: a video started without any API key',
    };
    const nameWidth = Math.max(...examples.EXAMPLES.map((name) => ctx.workflows[name].workflow.name.length));
    for (const name of examples.EXAMPLES) {
      log(`  ${ctx.workflows[name].workflow.name.padEnd(nameWidth)}  ${notes[name]}`);
    }
    log(`  n8n reads and writes files only in ${show(resolve(ROOT, 'examples', 'data'))} and ${show(OUT)}`);
    if (ONCE) return;
    log('\nn8n and the simulator keep running: press Ctrl-C to stop them.');
    running = true;
    const signal = await stopped;
    log(`\n${signal}: stopping n8n and the simulator...`);
  } finally {
    await cleanup();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(`demo failed: ${error.message}`);
    process.exit(1);
  },
);

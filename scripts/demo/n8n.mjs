// The demo's n8n: the cached n8n install, this package packed like a release, a fresh n8n user folder with it
// installed the way a community install leaves it, and `n8n start` on loopback with the example workflows imported
// and credentials pointed at the simulator.
//
// It drives n8n with the same code the real-n8n e2e suite proves (test/n8n/harness.ts and test/n8n/examples.ts,
// loaded through Node 24's type stripping), so the demo does what the tests check.
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { pathToFileURL } from 'node:url';

/** Local demo values, printed for the user: this n8n runs on loopback for the length of the demo. */
export const DEMO_OWNER = {
  email: 'demo@example.com',
  firstName: 'Trending',
  lastName: 'Demo',
  password: 'Trending-demo-1',
};

const PREFERRED_PORT = 5678;

/**
 * Loads the e2e harness modules. Node 24 runs the TypeScript by stripping types; the repository's package.json has no
 * "type" field, so Node warns that it re-parses them as ES modules: that one warning is silenced, nothing else.
 */
export async function loadHarness(root) {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 24) {
    throw new Error(
      `the demo needs Node 24 (this is ${process.version}); run it with \`npm run demo\`, which puts the repository's Node 24 first on PATH`,
    );
  }
  const emitWarning = process.emitWarning;
  process.emitWarning = function (warning, ...rest) {
    const code = typeof rest[0] === 'object' ? rest[0]?.code : rest[1];
    if (code === 'MODULE_TYPELESS_PACKAGE_JSON') return;
    return emitWarning.call(this, warning, ...rest);
  };
  // User folders of the demo live apart from the test suite's (outside the repository, see harness.ts WORK_ROOT).
  process.env.TRENDING_E2E_WORK ??= join(tmpdir(), 'trending-n8n-demo');
  const harness = await import(pathToFileURL(join(root, 'test/n8n/harness.ts')).href);
  const examples = await import(pathToFileURL(join(root, 'test/n8n/examples.ts')).href);
  const install = await import(pathToFileURL(join(root, 'test/n8n/install.mjs')).href);
  return { harness, examples, install };
}

export function tildify(path) {
  const home = homedir();
  return path.startsWith(`${home}/`) ? `~${path.slice(home.length)}` : path;
}

async function portIsFree(port) {
  return new Promise((resolvePromise) => {
    const srv = createServer();
    srv.once('error', () => resolvePromise(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolvePromise(true)));
  });
}

/** 5678 (n8n's usual port) when it is free, any free port otherwise. */
export async function choosePort(harness) {
  const wanted = Number(process.env.TRENDING_DEMO_N8N_PORT || PREFERRED_PORT);
  return (await portIsFree(wanted)) ? wanted : harness.freePort();
}

/** The cached n8n, saying so when it has to be installed first (minutes, once per machine). */
export async function ensureN8n({ install }, log) {
  const cacheDir = install.defaultCacheDir();
  if (!install.installedN8n(cacheDir)) {
    log(
      `   installing n8n ${install.N8N_VERSION} once into ${tildify(cacheDir)} (about 3-5 minutes; later runs reuse it)`,
    );
    log('   progress below comes from npm install and the sqlite3 build');
  }
  const installed = await install.ensureN8n({ cacheDir });
  return installed;
}

/** The tarball to install: TRENDING_DEMO_TARBALL when given (the e2e suite passes its own), else build and pack. */
export async function packPackage({ harness }, outDir) {
  const given = process.env.TRENDING_DEMO_TARBALL;
  if (given) {
    if (!existsSync(given)) throw new Error(`TRENDING_DEMO_TARBALL=${given} does not exist`);
    return harness.readPackedTarball(given);
  }
  return harness.buildAndPack(outDir);
}

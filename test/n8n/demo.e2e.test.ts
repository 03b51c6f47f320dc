/**
 * The README's first command, minus the build: `node scripts/demo.mjs --once` starts the simulator and a real n8n
 * with this package and the examples, runs the spreadsheet workflow and prints where each MP4 went. It installs the
 * tarball this suite packed (TRENDING_DEMO_TARBALL) instead of packing its own.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { inject } from 'vitest';
import { describeE2e } from './context';
import { parseCsv, SAMPLE_CSV } from './examples';
import { findNode24, freePort, isMp4, REPO_ROOT, runCommand } from './harness';

describeE2e('npm run demo (scripts/demo.mjs --once)', () => {
  beforeAll(async () => {
    // The demo imports the simulator and the CLI from their dist/ (`npm run demo` and `npm test` build them first).
    const built = ['packages/simulator/dist/index.js', 'packages/cli/dist/index.js'].every((f) =>
      existsSync(join(REPO_ROOT, f)),
    );
    if (!built) {
      const r = await runCommand('npm', ['run', 'build'], { timeoutMs: 600_000 });
      if (r.code !== 0) throw new Error(`npm run build failed:\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}`);
    }
  });

  it('prints the MP4 of every row, written to disk, and the n8n editor to open; then stops n8n', async () => {
    const node24 = findNode24();
    const port = await freePort();
    const r = await runCommand(node24, [join(REPO_ROOT, 'scripts/demo.mjs'), '--once'], {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        PATH: `${dirname(node24)}:${process.env.PATH ?? ''}`,
        TRENDING_DEMO_TARBALL: inject('pkg').tarball,
        TRENDING_DEMO_N8N_PORT: String(port),
      },
      timeoutMs: 210_000, // under vitest's 240 s, so a hang fails with the demo's output
    });
    const out = r.stdout;
    expect(r.code, `${out}\n${r.stderr}`).toBe(0);

    // One line per CSV row: its file (relative to the repository), its size, its template and video.
    const rows = parseCsv(readFileSync(SAMPLE_CSV, 'utf8'));
    const printed = [...out.matchAll(/^\s+(\S+\.mp4)\s+([\d,]+) bytes\s+(\w+) video (\d+)$/gm)].map((m) => ({
      path: resolve(REPO_ROOT, m[1]!),
      bytes: Number(m[2]!.replace(/,/g, '')),
      template: m[3],
    }));
    expect(printed.map((p) => p.path).sort()).toEqual(
      rows.map((row) => resolve(REPO_ROOT, 'out/demo/videos', `${row.row_id}-${row.template}.mp4`)).sort(),
    );
    for (const p of printed) {
      expect(existsSync(p.path), p.path).toBe(true);
      expect(statSync(p.path).size).toBe(p.bytes);
      expect(isMp4(readFileSync(p.path)), p.path).toBe(true);
    }
    // The CLI's video, then the editor to open with the owner's login.
    expect(out).toMatch(/video \d+ completed -> out\/demo\/cli-story\.mp4/);
    expect(out).toContain(`Open the n8n editor: http://127.0.0.1:${port}/home/workflows`);
    expect(out).toMatch(/log in as \S+@\S+ \/ \S+/);
    expect(out).toContain(`http://127.0.0.1:${port}/form/trending-story`);

    // --once stopped n8n on its way out.
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });
});

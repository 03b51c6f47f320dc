/**
 * `trending sim ...`: the local simulator, exactly as `npx trending-sim ...` (its own flags and --help pass through),
 * so one installed command is enough to try everything offline.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type Command } from 'commander';
import { ReportedFailure } from '../errors';

function simulatorBin(): string {
  const manifest = require.resolve('@trending/simulator/package.json');
  const { bin } = JSON.parse(readFileSync(manifest, 'utf8')) as { bin: Record<string, string> };
  return join(dirname(manifest), bin['trending-sim'] ?? 'dist/bin.js');
}

export function registerSim(program: Command): void {
  program
    .command('sim')
    .description('start the local Trending API simulator (same as npx trending-sim; try trending sim --help)')
    .argument('[args...]', 'passed to trending-sim')
    .allowUnknownOption()
    .allowExcessArguments()
    .helpOption(false)
    .action(async (args: string[]) => {
      const child = spawn(process.execPath, [simulatorBin(), ...args], { stdio: 'inherit' });
      // The terminal sends Ctrl-C to both processes; this one only waits for the simulator to finish shutting down.
      const ignore = () => {};
      process.on('SIGINT', ignore);
      process.on('SIGTERM', () => child.kill('SIGTERM'));
      const code = await new Promise<number>((resolve) =>
        child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))),
      );
      process.off('SIGINT', ignore);
      if (code !== 0) throw new ReportedFailure(code);
    });
}

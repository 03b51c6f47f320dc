#!/usr/bin/env node
/** `trending-sim`: runs the simulator in the foreground until interrupted. */
import { HELP, banner, parseCli } from './cli';
import { startSimulator } from './server';

async function main(): Promise<void> {
  const options = parseCli(process.argv.slice(2));
  if (options === 'help') {
    process.stdout.write(HELP);
    return;
  }
  const sim = await startSimulator(options);
  process.stdout.write(banner(sim.url, sim.sim.config));
  const stop = () => {
    void sim.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((e: unknown) => {
  process.stderr.write(`trending-sim: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});

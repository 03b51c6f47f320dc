/**
 * The `trending` command: commander wiring, global flags, and the one place where an outcome becomes an exit code
 * (0 ok, 1 API or validation error, 2 usage error, 3 the awaited run was aborted).
 */
import { Command, CommanderError, Option } from 'commander';
import { DEFAULT_BASE_URL } from '@trending/core';
import { registerCreate } from './commands/create';
import { registerLifecycle } from './commands/lifecycle';
import { registerLookups } from './commands/lookups';
import { registerPreflight } from './commands/preflight';
import { registerSign } from './commands/sign';
import { registerSim } from './commands/sim';
import { registerTrigger } from './commands/trigger';
import { registerWebhook } from './commands/webhook';
import { EXIT_ABORTED, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, ReportedFailure, RunAborted, UsageError } from './errors';
import { Output } from './output';

export const VERSION = '0.1.0';

export function buildProgram(out: Output): Command {
  const program = new Command('trending')
    .description('Create Trending.com videos from the command line, spreadsheets and forms; sign and verify webhooks.')
    .version(VERSION)
    .addOption(new Option('--api-key <key>', 'Trending API key').env('TRENDING_API_KEY'))
    .addOption(
      new Option('--base-url <url>', `API base URL (default ${DEFAULT_BASE_URL}; the simulator prints its own)`).env(
        'TRENDING_BASE_URL',
      ),
    )
    .option('--json', 'machine output: one JSON document (or JSON lines) on stdout')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride()
    .configureOutput({
      writeErr: (text) => process.stderr.write(out.scrub(text)),
      writeOut: (text) => process.stdout.write(out.scrub(text)),
    });
  // --json is known only once parsing reaches the command that runs.
  program.hook('preAction', (_program, action) => {
    out.json = Boolean(action.optsWithGlobals<{ json?: boolean }>().json);
  });
  registerCreate(program, out);
  registerLifecycle(program, out);
  registerPreflight(program, out);
  registerLookups(program, out);
  registerTrigger(program, out);
  registerSign(program, out);
  registerWebhook(program, out);
  registerSim(program);
  // Subcommands inherit exitOverride and output only when created after it, so apply to every level explicitly.
  const apply = (command: Command) => {
    command.exitOverride().configureOutput(program.configureOutput());
    command.commands.forEach(apply);
  };
  program.commands.forEach(apply);
  return program;
}

export async function run(argv: readonly string[]): Promise<number> {
  const out = new Output({ json: argv.includes('--json') });
  try {
    await buildProgram(out).parseAsync([...argv], { from: 'user' });
    return EXIT_OK;
  } catch (error) {
    return exitCodeOf(error, out);
  }
}

function exitCodeOf(error: unknown, out: Output): number {
  if (error instanceof CommanderError) {
    // Help and --version end in a CommanderError too, with exit code 0; the message was already on stderr.
    if (error.exitCode === 0) return EXIT_OK;
    if (out.json) out.error(new UsageError(error.message.replace(/^error: /, '')));
    return EXIT_USAGE;
  }
  if (error instanceof ReportedFailure) return error.exitCode;
  out.error(error);
  if (error instanceof RunAborted) return EXIT_ABORTED;
  // Everything else (TrendingError from the API or local validation, an unreadable download) is a failure, not misuse.
  return error instanceof UsageError ? EXIT_USAGE : EXIT_FAILURE;
}

/**
 * The exit-code contract: 0 done, 1 the API or validation said no (or some rows failed), 2 the command line itself is
 * wrong, 3 the run being waited for was aborted (cancelled, not broken: a script may not want to retry it). Scripts
 * branch on these, so every failure path ends in one of them.
 */
import { TrendingError } from '@trending/core';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
export const EXIT_ABORTED = 3;

/** The command line cannot be carried out as written (missing or contradictory flags, unreadable input). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A failure already reported to the user (a rejected webhook, failed rows): only the exit code is left to set. */
export class ReportedFailure extends Error {
  override readonly name = 'ReportedFailure';

  constructor(readonly exitCode: number = EXIT_FAILURE) {
    super('failure already reported');
  }
}

/** The run a command waited for was aborted: an API error like any other, with its own exit code. */
export class RunAborted extends TrendingError {}

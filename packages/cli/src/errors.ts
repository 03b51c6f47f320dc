/**
 * The exit-code contract: 0 done, 1 the API or validation said no (or some rows failed), 2 the command line itself is
 * wrong, 3 the run being waited for was aborted (cancelled, not broken: a script may not want to retry it). Scripts
 * branch on these, so every failure path ends in one of them. Also how an error reads on stderr (errorLines).
 */
import { TrendingError, classifyError, fieldLine, type FieldError } from '@trending/core';
import { NAMED_FLAGS } from './body-flags';

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

/** A refused field as the command line names it: its flag when it has one, else the path --set and --body use. */
export function settingName(field: FieldError): string {
  const flag = NAMED_FLAGS[field.path];
  if (flag !== undefined) return flag;
  return field.label === undefined ? field.path : `${field.path} (${field.label})`;
}

/**
 * A TrendingError as stderr shows it, from core's classification: the code and message, a line per refused field (an
 * API 422's by flag or path, core's own already in the command line's words), the hint and the request ID. A wait
 * that ran out names the commands that pick the video up again instead of an endpoint.
 */
export function errorLines(error: TrendingError, nameOf: (field: FieldError) => string = settingName): string[] {
  const classified = classifyError(error);
  const message = error.message;
  let hint = error.hint;
  const fields: string[] = [];
  if (classified.kind === 'validation') {
    if (classified.sent) fields.push(...classified.fields.map((field) => fieldLine(field, nameOf(field))));
    // Core's own refusal lists its violations in the message; one per line below once there are several.
    else if (classified.fields.length > 1) fields.push(...classified.fields.map((field) => field.message));
  } else if (classified.kind === 'wait_timeout' && classified.videoId !== undefined) {
    // Core's message states the facts (progress, seconds waited); the command names how to pick the video up.
    const video = `${classified.template ?? '<template>'} ${classified.videoId}`;
    hint = `It keeps rendering: \`trending wait ${video}\` waits again, \`trending status ${video}\` shows where it is.`;
  }
  const lines = [`error: ${error.code}: ${message}`, ...fields.map((line) => `  - ${line}`)];
  if (hint) lines.push(`hint: ${hint}`);
  if (error.requestId) lines.push(`request_id: ${error.requestId}`);
  return lines;
}

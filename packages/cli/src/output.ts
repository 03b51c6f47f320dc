/**
 * Everything the command writes goes through here, so two rules hold everywhere: a known secret never reaches the
 * terminal or a pipe, and --json mode writes exactly one JSON document (or JSON lines for streaming commands) on
 * stdout while human text goes to stderr.
 *
 * Secrets are kept out by building output without them (API answers are picked field by field, request bodies are
 * printed without webhook.secret). Replacing text afterwards is only a safety net, and only for secrets long enough
 * that no ordinary text contains them: scrubbing a secret `a` or `trending` would turn `sha256=...` or
 * `trending.story.v001.completed` into nonsense, so those are never scrubbed (and, by construction, never printed).
 */
import type { Writable } from 'node:stream';
import { TrendingError, redact, safeToScrub } from '@trending/core';
import { ReportedFailure, UsageError, errorLines } from './errors';

export interface OutputOptions {
  json: boolean;
  stdout?: Writable & { isTTY?: boolean };
  stderr?: Writable & { isTTY?: boolean };
}

export class Output {
  json: boolean;
  readonly #stdout: Writable & { isTTY?: boolean };
  readonly #stderr: Writable & { isTTY?: boolean };
  readonly #secrets = new Set<string>();

  constructor(options: OutputOptions) {
    this.json = options.json;
    this.#stdout = options.stdout ?? process.stdout;
    this.#stderr = options.stderr ?? process.stderr;
  }

  /** Registers values that must never be printed (API key, trigger and webhook secrets). */
  addSecrets(...secrets: (string | undefined)[]): void {
    for (const secret of secrets) if (secret) this.#secrets.add(secret);
  }

  scrub(text: string): string {
    return redact(text, [...this.#secrets].filter(safeToScrub));
  }

  /** Progress bars and spinners only make sense for a person watching a terminal. */
  get interactive(): boolean {
    return !this.json && this.#stderr.isTTY === true;
  }

  get progressStream(): Writable {
    return this.#stderr;
  }

  /** The command's result for a person: stdout in human mode, nothing in --json mode (use `data`). */
  result(text: string): void {
    if (!this.json) this.#stdout.write(`${this.scrub(text)}\n`);
  }

  /** The command's result for a machine: one JSON document on stdout in --json mode. */
  data(value: unknown): void {
    if (this.json) this.#stdout.write(`${this.scrub(JSON.stringify(value, null, 2))}\n`);
  }

  /** One JSON line on stdout, for streams of records (webhook events, trigger rows) in either mode. */
  jsonLine(value: unknown): void {
    this.#stdout.write(`${this.scrub(JSON.stringify(value))}\n`);
  }

  /** Notes and progress for a person: stderr, so a pipe on stdout still gets only results. */
  info(text: string): void {
    if (!this.json) this.#stderr.write(`${this.scrub(text)}\n`);
  }

  /** A failure explained to a person, in either mode (stdout still carries the JSON in --json mode). */
  notice(text: string): void {
    this.#stderr.write(`${this.scrub(text)}\n`);
  }

  warn(text: string): void {
    this.#stderr.write(`${this.scrub(`warning: ${text}`)}\n`);
  }

  /** Reports an error the way its kind deserves; the exit code is the caller's. */
  error(error: unknown): void {
    if (error instanceof ReportedFailure) return;
    if (error instanceof TrendingError) {
      if (this.json) {
        this.#stdout.write(`${this.scrub(JSON.stringify({ error: error.toJSON() }, null, 2))}\n`);
        return;
      }
      const lines = errorLines(error);
      this.#stderr.write(`${this.scrub(lines.join('\n'))}\n`);
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    if (this.json) {
      const code = error instanceof UsageError ? 'usage_error' : 'error';
      this.#stdout.write(`${this.scrub(JSON.stringify({ error: { code, message } }, null, 2))}\n`);
    } else {
      this.#stderr.write(`${this.scrub(`error: ${message}`)}\n`);
    }
  }
}

/** A plain aligned table: good in a terminal and still readable in a CI log. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

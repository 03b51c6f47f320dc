/**
 * The record of a `trending trigger send` run, one JSON line per row outcome, appended as each row finishes (a
 * synchronous append, so a killed run loses at most the rows in flight, which their Idempotency-Keys cover anyway).
 * A re-run skips every key already accepted and retries the rest. It holds no secret: row numbers, keys, video ids,
 * statuses and error codes only.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';

export type RowStatus = 'accepted' | 'failed' | 'invalid';

export interface JournalEntry {
  row: number;
  line: number;
  key?: string;
  status: RowStatus;
  video_id?: number;
  template?: string;
  error_code?: string;
  error?: string;
  at: string;
}

export class Journal {
  readonly #accepted = new Map<string, JournalEntry>();
  /** The last line was cut short (a kill mid-append): the next entry must start on a line of its own. */
  #needsNewline = false;

  private constructor(
    readonly path: string | undefined,
    private readonly scrub: (text: string) => string,
  ) {}

  /**
   * `undefined` path: a run without a journal (stdin input without --journal). `scrub` redacts known secrets from
   * error messages, which can quote what the API was sent.
   */
  static open(path: string | undefined, scrub: (text: string) => string = (text) => text): Journal {
    const journal = new Journal(path, scrub);
    if (path === undefined || !existsSync(path)) return journal;
    const content = readFileSync(path, 'utf8');
    journal.#needsNewline = content !== '' && !content.endsWith('\n');
    content.split('\n').forEach((text) => {
      if (text.trim() === '') return;
      try {
        const entry = JSON.parse(text) as JournalEntry;
        if (entry.status === 'accepted' && entry.key) journal.#accepted.set(entry.key, entry);
      } catch {
        // A line cut short by a kill mid-write: that row was not recorded, so it is simply sent again.
      }
    });
    return journal;
  }

  accepted(key: string): JournalEntry | undefined {
    return this.#accepted.get(key);
  }

  get acceptedCount(): number {
    return this.#accepted.size;
  }

  record(entry: Omit<JournalEntry, 'at'>): void {
    const full: JournalEntry = { ...entry, at: new Date().toISOString() };
    if (full.status === 'accepted' && full.key) this.#accepted.set(full.key, full);
    if (this.path === undefined) return;
    mkdirSync(dirname(this.path), { recursive: true });
    appendFileSync(this.path, `${this.#needsNewline ? '\n' : ''}${this.scrub(JSON.stringify(full))}\n`);
    this.#needsNewline = false;
  }
}

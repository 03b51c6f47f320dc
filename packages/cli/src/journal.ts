/**
 * The record of a `trending trigger send` run, one JSON line per row outcome, appended as each row finishes (a
 * synchronous append, so a killed run loses at most the rows in flight, which their Idempotency-Keys cover anyway).
 * A re-run skips every key already accepted through the same target and retries the rest. It holds no secret: row
 * numbers, keys, targets (a trigger id, or a fingerprint of the API key), video ids, statuses, error codes and
 * messages (field names and rules from core's checks; API errors, which core's client clears of the secrets it sent).
 * It is written as is: a text replacement here would corrupt entries wherever a short secret happens to occur.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';

export type RowStatus = 'accepted' | 'failed' | 'invalid';

export interface JournalEntry {
  row: number;
  line: number;
  key?: string;
  /**
   * Where the row went (see trigger-sender's targetName). Keys are shared by every target of an account, so an entry
   * only stands for its own target: a trigger of another account must still get the row.
   */
  target?: string;
  status: RowStatus;
  video_id?: number;
  template?: string;
  error_code?: string;
  error?: string;
  at: string;
}

export class Journal {
  /** key -> target -> the entry that accepted it. */
  readonly #accepted = new Map<string, Map<string, JournalEntry>>();
  /** Accepted entries read from the file, i.e. from runs before this one. */
  readonly #earlier: JournalEntry[] = [];
  /** The last line was cut short (a kill mid-append): the next entry must start on a line of its own. */
  #needsNewline = false;

  private constructor(readonly path: string | undefined) {}

  /** `undefined` path: a run without a journal (stdin input without --journal). */
  static open(path: string | undefined): Journal {
    const journal = new Journal(path);
    if (path === undefined || !existsSync(path)) return journal;
    const content = readFileSync(path, 'utf8');
    journal.#needsNewline = content !== '' && !content.endsWith('\n');
    content.split('\n').forEach((text) => {
      if (text.trim() === '') return;
      try {
        const entry = JSON.parse(text) as JournalEntry;
        journal.#remember(entry);
        if (entry.status === 'accepted' && entry.key && entry.video_id !== undefined) journal.#earlier.push(entry);
      } catch {
        // A line cut short by a kill mid-write: that row was not recorded, so it is simply sent again.
      }
    });
    return journal;
  }

  /**
   * The entry that accepted this key through this target. An entry without a target (or another target's) does not
   * count: sending the row again costs nothing when it is the same account (the API answers with the video it has)
   * and makes the row's video when it is another. `target` undefined (a --dry-run without credentials) matches any.
   */
  accepted(key: string, target: string | undefined): JournalEntry | undefined {
    const byTarget = this.#accepted.get(key);
    if (!byTarget) return undefined;
    return target === undefined ? byTarget.values().next().value : byTarget.get(target);
  }

  /**
   * The entry of an earlier run that accepted this key as this very video (through any target): proof that the API
   * answered with a video made before this run. The API does not say whether an answer is a replay, so nothing else
   * is.
   */
  earlierVideo(key: string, videoId: number | undefined): JournalEntry | undefined {
    return this.#earlier.find((e) => e.key === key && e.video_id === videoId);
  }

  #remember(entry: JournalEntry): void {
    if (entry.status !== 'accepted' || !entry.key || typeof entry.target !== 'string') return;
    let byTarget = this.#accepted.get(entry.key);
    if (!byTarget) this.#accepted.set(entry.key, (byTarget = new Map()));
    byTarget.set(entry.target, entry);
  }

  record(entry: Omit<JournalEntry, 'at'>): void {
    const full: JournalEntry = { ...entry, at: new Date().toISOString() };
    this.#remember(full);
    if (this.path === undefined) return;
    mkdirSync(dirname(this.path), { recursive: true });
    appendFileSync(this.path, `${this.#needsNewline ? '\n' : ''}${JSON.stringify(full)}\n`);
    this.#needsNewline = false;
  }
}

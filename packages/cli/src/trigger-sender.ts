/**
 * Sends prepared rows through signed triggers (or the API-key trigger) with N workers. Each row keeps the
 * Idempotency-Key derived from it; core signs every attempt afresh (new timestamp and nonce, over the exact bytes
 * sent). Rows the journal says were accepted through the same target, and repeats of a row earlier in the same file,
 * are skipped.
 */
import {
  TrendingError,
  flattenBody,
  requestIdentity,
  type CreateVideoResponse,
  type TrendingClient,
  type TriggerVideoBody,
} from '@trending/core';
import type { Journal, RowStatus } from './journal';
import type { PreparedRow } from './rows/prepare';
import type { UnreadableRow } from './rows/read';
import { guardSpend } from './spend';

/** How long a run may go without a single accepted row before rate-limited rows count as failed. */
const STALL_LIMIT_MS = 5 * 60_000;

export type SendTarget =
  | { kind: 'signed'; triggerId: string; secret: string }
  /** `account`: a fingerprint of the API key (never the key), so that journals tell two accounts' keys apart. */
  | { kind: 'apiKey'; account?: string };

/** How the journal names a target: `trigger:<id>`, or `apikey:<fingerprint>`. Never a secret. */
export function targetName(target: SendTarget): string {
  return target.kind === 'signed' ? `trigger:${target.triggerId}` : `apikey:${target.account ?? ''}`;
}

export type OutcomeStatus = 'accepted' | 'failed' | 'invalid' | 'skipped' | 'not_sent';

export interface RowOutcome {
  row?: number;
  line: number;
  key?: string;
  template?: string;
  status: OutcomeStatus;
  video_id?: number;
  /**
   * The video was made before this run: the journal has an earlier run accepting this key as this same video (through
   * another target of the account). Without such proof nothing is claimed: the API does not say when it answers with
   * a video it already had.
   */
  replayed?: true;
  /** The journal entry that proves it: where and when the earlier run sent the row. */
  earlier?: { target?: string; at: string };
  error_code?: string;
  /** Why a row failed, was skipped or was not sent. */
  reason?: string;
}

export interface SendOptions {
  client: TrendingClient;
  target: SendTarget;
  journal: Journal;
  concurrency: number;
  /** Send at most this many rows in this run; the rest stay for the next run. */
  limit?: number;
  /** Stops handing out rows (the ones in flight finish and are journaled). */
  signal?: AbortSignal;
  /** Quote each row first (needs the API key) and fail it, unsent, when estimated above this. */
  maxCredits?: number;
  onOutcome?: (outcome: RowOutcome) => void;
}

/** What names a row in an outcome. */
function rowRef(row: PreparedRow): Pick<RowOutcome, 'row' | 'line' | 'key' | 'template'> {
  return { row: row.row, line: row.line, key: row.key, template: row.template };
}

/** What would be sent and what would be skipped, without sending: the plan `--dry-run` prints and a run carries out. */
export function planRows(
  rows: readonly PreparedRow[],
  journal: Journal,
  /** targetName of where the rows go; undefined (a --dry-run without credentials) skips what any target accepted. */
  target: string | undefined,
): { toSend: PreparedRow[]; outcomes: RowOutcome[] } {
  const toSend: PreparedRow[] = [];
  const outcomes: RowOutcome[] = [];
  const firstRowOfKey = new Map<string, PreparedRow>();
  for (const row of rows) {
    const base = rowRef(row);
    if (row.violations.length > 0 || !row.key || !row.body) {
      const reason = row.violations.map((v) => v.message).join('; ');
      outcomes.push({ ...base, status: 'invalid', error_code: 'validation_failed', reason });
      continue;
    }
    const first = firstRowOfKey.get(row.key);
    if (first && first.id !== undefined && !sameContent(first, row)) {
      // An id key stands for one video: this row would silently get the first row's video (now or from the journal).
      outcomes.push({ ...base, status: 'invalid', error_code: 'duplicate_id', reason: duplicateIdReason(first, row) });
      continue;
    }
    if (!first) firstRowOfKey.set(row.key, row);
    const done = journal.accepted(row.key, target);
    if (done) {
      outcomes.push({
        ...base,
        status: 'skipped',
        video_id: done.video_id,
        reason: `already accepted as video ${done.video_id} (journal)`,
      });
      continue;
    }
    if (first) {
      // Same key, same video: sending it again would only return the first row's video.
      outcomes.push({ ...base, status: 'skipped', reason: `same content as line ${first.line}` });
      continue;
    }
    toSend.push(row);
  }
  return { toSend, outcomes };
}

/** The same video asked for: what the request-derived keys compare (core's requestIdentity, secret left out). */
function sameContent(a: PreparedRow, b: PreparedRow): boolean {
  return requestIdentity(a.body ?? {}) === requestIdentity(b.body ?? {});
}

/** Names both lines and shows where they differ, field by field (never the webhook secret, which no row shows). */
function duplicateIdReason(first: PreparedRow, row: PreparedRow): string {
  const a = flattenBody(withoutSecret(first.body));
  const b = flattenBody(withoutSecret(row.body));
  const differences = [...new Set([...Object.keys(a), ...Object.keys(b)])]
    .filter((path) => JSON.stringify(a[path]) !== JSON.stringify(b[path]))
    .map((path) => `${path}: line ${first.line} ${shown(a[path])}, line ${row.line} ${shown(b[path])}`);
  return `id ${JSON.stringify(row.id)} is also line ${first.line}'s, with different content (${differences.join('; ')}): one id makes one video, so this row was not made; give it its own id`;
}

function withoutSecret(body: TriggerVideoBody | undefined): Record<string, unknown> {
  if (!body) return {};
  const webhook = body.webhook as Record<string, unknown> | undefined;
  if (!webhook || !('secret' in webhook)) return { ...body };
  const { secret: _secret, ...rest } = webhook;
  return { ...body, webhook: rest };
}

function shown(value: unknown): string {
  if (value === undefined) return '(not set)';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

export function unreadableOutcomes(unreadable: readonly UnreadableRow[]): RowOutcome[] {
  return unreadable.map((u) => ({ line: u.line, status: 'invalid', error_code: 'unreadable_row', reason: u.message }));
}

export async function sendRows(rows: readonly PreparedRow[], options: SendOptions): Promise<RowOutcome[]> {
  const { journal, onOutcome } = options;
  const target = targetName(options.target);
  const { toSend, outcomes } = planRows(rows, journal, target);
  const record = (outcome: RowOutcome, status: RowStatus) =>
    journal.record({
      row: outcome.row ?? 0,
      line: outcome.line,
      key: outcome.key,
      target,
      template: outcome.template,
      status,
      video_id: outcome.video_id,
      error_code: outcome.error_code,
      error: outcome.reason,
    });
  for (const outcome of outcomes) {
    if (outcome.status === 'invalid') record(outcome, 'invalid');
    onOutcome?.(outcome);
  }
  const limit = Math.min(toSend.length, options.limit ?? Infinity);
  const queue = toSend.slice(0, limit) as (PreparedRow & { key: string; body: TriggerVideoBody })[];
  let lastProgress = Date.now();
  const worker = async () => {
    // Checked before taking a row: a row taken off the queue after the abort would be neither sent nor reported.
    while (!options.signal?.aborted) {
      const row = queue.shift();
      if (!row) break;
      const outcome = await sendOne(row, options);
      // A 429 means the API did nothing with the row: it goes to the back of the queue, as long as the storm still
      // lets some rows through. Only a run that makes no progress at all gives up on it.
      if (
        outcome.error_code === 'rate_limited' &&
        Date.now() - lastProgress < STALL_LIMIT_MS &&
        !options.signal?.aborted
      ) {
        queue.push(row);
        continue;
      }
      if (outcome.status === 'accepted') lastProgress = Date.now();
      record(outcome, outcome.status === 'accepted' ? 'accepted' : 'failed');
      outcomes.push(outcome);
      onOutcome?.(outcome);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, limit)) }, worker));
  const unsent = [...queue, ...toSend.slice(limit)].sort((a, b) => a.line - b.line);
  for (const row of unsent) {
    const reason = options.signal?.aborted ? 'interrupted before it was sent' : 'over --limit: left for the next run';
    const outcome: RowOutcome = { ...rowRef(row), status: 'not_sent', reason };
    outcomes.push(outcome);
    onOutcome?.(outcome);
  }
  return outcomes.sort((a, b) => a.line - b.line);
}

async function sendOne(
  row: PreparedRow & { key: string; body: TriggerVideoBody },
  options: SendOptions,
): Promise<RowOutcome> {
  const base = rowRef(row);
  try {
    if (options.maxCredits !== undefined && row.template) {
      const { video_type: _template, ...request } = row.body;
      await guardSpend(options.client, row.template, request, options.maxCredits);
    }
    const created: CreateVideoResponse =
      options.target.kind === 'signed'
        ? await options.client.sendSignedTrigger({ ...options.target, body: row.body, idempotencyKey: row.key })
        : await options.client.triggerVideo(row.body, { idempotencyKey: row.key });
    const earlier = options.journal.earlierVideo(row.key, created.video_id);
    const replayed = earlier ? { replayed: true as const, earlier: { target: earlier.target, at: earlier.at } } : {};
    return { ...base, status: 'accepted', video_id: created.video_id, ...replayed };
  } catch (error) {
    if (error instanceof TrendingError) {
      return { ...base, status: 'failed', error_code: error.code, reason: error.message };
    }
    return { ...base, status: 'failed', error_code: 'error', reason: (error as Error).message };
  }
}

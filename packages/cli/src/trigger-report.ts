/**
 * What `trending trigger send` shows: a progress bar on a terminal (a line per row otherwise), the summary table of
 * sent / skipped / failed / not sent rows with each failure's line and reason, and the --dry-run plan.
 */
import { SingleBar } from 'cli-progress';
import { EXIT_FAILURE, ReportedFailure } from './errors';
import type { Journal } from './journal';
import { formatTable, type Output } from './output';
import type { RateGate, TriggerVideoBody } from '@trending/core';
import type { PreparedRow } from './rows/prepare';
import type { UnreadableRow } from './rows/read';
import { planRows, unreadableOutcomes, type RowOutcome } from './trigger-sender';

/** How core's redact marks a removed secret, so a hidden one reads the same wherever it is. */
const REDACTED = '[REDACTED]';

export function rowProgress(out: Output, total: number, limit: number | undefined) {
  if (out.interactive && total > 1) {
    const bar = new SingleBar({
      stream: out.progressStream,
      format: 'rows [{bar}] {value}/{total} | {eta_formatted} left',
      hideCursor: true,
    });
    bar.start(Math.min(total, limit ?? total), 0);
    return {
      report: (o: RowOutcome) => (o.status === 'accepted' || o.status === 'failed' ? bar.increment() : undefined),
      stop: () => bar.stop(),
    };
  }
  // Without a terminal, one line per row is the progress, and a log to read afterwards.
  return { report: (o: RowOutcome) => out.result(describeRow(o)), stop: () => {} };
}

function describeRow(o: RowOutcome): string {
  const where = o.line > 0 ? `line ${o.line}` : 'video';
  switch (o.status) {
    case 'accepted':
      return `${where}: accepted, video ${o.video_id} (key ${o.key}${o.earlier ? `; made earlier: the journal has it sent through ${o.earlier.target ?? 'another target'} at ${o.earlier.at}` : ''})`;
    case 'skipped':
      return `${where}: skipped, ${o.reason}`;
    case 'not_sent':
      return `${where}: not sent, ${o.reason}`;
    default:
      return `${where}: ${o.status}, ${o.error_code}: ${o.reason}`;
  }
}

export interface SummaryContext {
  journal?: string;
  elapsedSeconds: number;
  gate: RateGate;
  single: boolean;
}

export function summarise(out: Output, outcomes: RowOutcome[], ctx: SummaryContext): void {
  const of = (status: RowOutcome['status']) => outcomes.filter((o) => o.status === status);
  const sent = of('accepted');
  const failed = [...of('failed'), ...of('invalid')].sort((a, b) => a.line - b.line);
  const counts = {
    sent: sent.length,
    skipped: of('skipped').length,
    failed: failed.length,
    not_sent: of('not_sent').length,
  };
  const replayed = sent.filter((o) => o.replayed).length;
  const rowsPerSecond = ctx.elapsedSeconds > 0 ? sent.length / ctx.elapsedSeconds : 0;
  out.data({
    ...counts,
    elapsed_seconds: round(ctx.elapsedSeconds),
    rows_per_second: round(rowsPerSecond),
    replayed,
    throttled: ctx.gate.stats.throttled,
    paused_seconds: round(ctx.gate.stats.pausedMs / 1000),
    journal: ctx.journal ?? null,
    rows: outcomes,
  });
  if (out.json) return;
  if (ctx.single && sent[0]) {
    out.result(`video_id: ${sent[0].video_id}`);
    out.result(`idempotency_key: ${sent[0].key}`);
  }
  const reasons = (list: RowOutcome[]) => [...new Set(list.map((o) => o.error_code ?? o.reason ?? ''))].join(', ');
  out.result('');
  out.result(
    formatTable(
      ['result', 'rows', 'details'],
      [
        ['sent', String(counts.sent), `${round(rowsPerSecond)} rows/s over ${round(ctx.elapsedSeconds)} s`],
        [
          'skipped',
          String(counts.skipped),
          counts.skipped ? 'already accepted through this target (journal) or repeated rows' : '',
        ],
        ['failed', String(counts.failed), reasons(failed)],
        ['not sent', String(counts.not_sent), counts.not_sent ? 'left for the next run' : ''],
      ],
    ),
  );
  for (const o of failed) out.result(`  line ${o.line}: ${o.error_code}: ${o.reason}`);
  if (replayed > 0) {
    out.result(
      `${replayed} sent row(s) got back a video made earlier: the journal has an earlier run sending them, as the same video, through another trigger or API key of the same account`,
    );
  }
  if (ctx.gate.stats.throttled > 0) {
    out.result(
      `rate limited ${ctx.gate.stats.throttled} time(s); all workers paused ${round(ctx.gate.stats.pausedMs / 1000)} s in total`,
    );
  }
  if (ctx.journal) out.result(`journal: ${ctx.journal}`);
}

export function dryRun(
  out: Output,
  prepared: PreparedRow[],
  unreadableRows: UnreadableRow[],
  journal: Journal,
  target: string | undefined,
): void {
  const { toSend, outcomes } = planRows(prepared, journal, target);
  const problems = [...unreadableOutcomes(unreadableRows), ...outcomes].sort((a, b) => a.line - b.line);
  const wouldSend = toSend.map((row) => ({
    row: row.row,
    line: row.line,
    template: row.template,
    idempotency_key: row.key,
    // What the trigger body will be (core adds the key for senders that cannot set headers), its webhook secret shown
    // as set but not printed: built that way, since a short secret cannot be scrubbed afterwards without corrupting.
    body: { ...withSecretHidden(row.body), idempotency_key: row.key },
  }));
  out.data({ would_send: wouldSend, not_sending: problems });
  for (const item of wouldSend) {
    out.result(
      `${item.line > 0 ? `line ${item.line}` : 'video'}: would send ${item.template}, key ${item.idempotency_key}: ${JSON.stringify(item.body)}`,
    );
  }
  for (const o of problems) out.result(describeRow(o));
  out.result(
    `dry run: ${wouldSend.length} to send, ${problems.filter((o) => o.status === 'skipped').length} skipped, ${problems.filter((o) => o.status === 'invalid').length} invalid; nothing was sent`,
  );
  if (problems.some((o) => o.status === 'invalid')) throw new ReportedFailure(EXIT_FAILURE);
}

function withSecretHidden(body: TriggerVideoBody | undefined): Record<string, unknown> {
  const webhook = body?.webhook as Record<string, unknown> | undefined;
  if (!body || !webhook || webhook.secret === undefined) return { ...body };
  return { ...body, webhook: { ...webhook, secret: REDACTED } };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/**
 * `trending trigger send`: one video from flags, or one per row of a CSV / JSON Lines file, through a signed trigger
 * (no API key shared) or the API-key trigger. Re-running the same file never creates a duplicate: every row's
 * Idempotency-Key is derived from the row, and the journal lets a re-run skip what was already accepted.
 */
import { createHash } from 'node:crypto';
import { Option, type Command } from 'commander';
import { isDevHost, RateGate } from '@trending/core';
import { addBodyOptions, flagEntries, flagName, readBodyFile, type BodyFlags } from '../body';
import { baseUrlOf, clientFor } from '../context';
import { EXIT_FAILURE, ReportedFailure, UsageError } from '../errors';
import { Journal } from '../journal';
import type { Output } from '../output';
import { takeSecret } from '../secrets';
import { addMaxCreditsOption, parseMaxCredits } from '../spend';
import { keyOrigin, type RowKeyScope } from '../idempotency';
import { normaliseHeader, parseMaps, planColumns, type ColumnPlan } from '../rows/columns';
import { prepareRow, type PreparedRow } from '../rows/prepare';
import { readRows, type RawRow, type UnreadableRow } from '../rows/read';
import { createTransport } from '../transport';
import { dryRun, rowProgress, summarise } from '../trigger-report';
import {
  planRows,
  sendRows,
  targetName,
  unreadableOutcomes,
  type RowOutcome,
  type SendTarget,
} from '../trigger-sender';

interface TriggerFlags extends BodyFlags {
  triggerId?: string;
  triggerSecret?: string;
  template?: string;
  rows?: string;
  format?: string;
  map?: string[];
  idColumn?: string;
  keyPrefix?: string;
  journal?: string;
  concurrency: string;
  rate?: string;
  limit?: string;
  dryRun?: boolean;
  idempotencyKey?: string;
  maxCredits?: string;
}

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** A row still refused after these attempts goes to the back of the queue (see trigger-sender), so a few suffice. */
const TRIGGER_RETRY = { maxAttempts: 6, maxRetryAfterMs: 120_000 };

export function registerTrigger(program: Command, out: Output): void {
  const trigger = program.command('trigger').description('start videos through the trigger endpoints');
  const send = trigger
    .command('send')
    .description(
      'start one video from flags, or one per row of --rows (CSV or JSON Lines), through a signed trigger or an API key',
    )
    .addOption(
      new Option('--trigger-id <id>', 'signed trigger id (from /dashboard/developer/triggers)').env(
        'TRENDING_TRIGGER_ID',
      ),
    )
    .addOption(new Option('--trigger-secret <secret>', 'signed trigger secret').env('TRENDING_TRIGGER_SECRET'))
    .option('--template <template>', 'template (video_type) for rows without a template column, or for the one video')
    .option('--rows <file>', 'CSV or JSON Lines file, one video per row; - reads stdin')
    .addOption(
      new Option('--format <format>', 'format of --rows (default: from the extension, or sniffed)').choices([
        'csv',
        'jsonl',
      ]),
    )
    .option(
      '--map <column=path>',
      'send a column as this field, e.g. "Video idea=prompt"; column= ignores it (repeatable)',
      collect,
    )
    .option(
      '--id-column <column>',
      "derive each row's Idempotency-Key from this column (with the row's template and the column's name) instead of the row's content",
    )
    .option(
      '--key-prefix <text>',
      'scope the derived Idempotency-Keys, e.g. by campaign: rows with the same ids or content under another prefix are new videos',
    )
    .option('--journal <file>', 'journal of row outcomes (default: <rows>.journal.jsonl beside the input)')
    .option('--concurrency <n>', 'rows in flight at once', '4')
    .option(
      '--rate <per_second>',
      'pace requests to at most this many per second (default: as fast as Retry-After allows)',
    )
    .option('--limit <n>', 'send at most n rows this run; the journal lets the next run carry on')
    .option('--dry-run', 'validate every row and print what would be sent, without sending')
    .option('--idempotency-key <key>', 'Idempotency-Key for the one video sent from flags (default: derived from it)');
  addMaxCreditsOption(
    send,
    'quote each row first (cost estimate, needs the API key) and send none estimated above this many credits',
  );
  addBodyOptions(send);
  send.addHelpText(
    'after',
    [
      '',
      "Idempotency-Keys: each row keeps the key derived from its content, or from --id-column with the row's template",
      "and the column's name, so running the same file again never makes a duplicate. Every derived key is scoped to",
      'the API (the base URL, however its scheme and host are capitalised) and to --key-prefix, not to the trigger:',
      'the API de-duplicates per account, so the same file sent with the API key and then through a signed trigger of',
      'the same account gets the same videos back. The journal records the trigger (or API key) each row went through',
      'and skips only rows accepted through the same one. Ids are only unique within a spreadsheet:',
      'give two spreadsheets with the same template, id column and ids their own --key-prefix, and use the same prefix',
      'when you run one again.',
    ].join('\n'),
  );
  send.action((flags: TriggerFlags, cmd: Command) => runSend(cmd, out, flags));
}

function positiveInt(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`${flag} expects a positive whole number, got ${JSON.stringify(value)}`);
  return n;
}

function positiveNumber(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new UsageError(`${flag} expects a positive number, got ${JSON.stringify(value)}`);
  return n;
}

/**
 * What every derived key of this run is scoped to: the API and --key-prefix, never the target (see RowKeyScope), so
 * --dry-run shows the keys a real run with the same settings uses, without credentials.
 */
function keyScopeOf(command: Command, flags: TriggerFlags): RowKeyScope {
  if (flags.keyPrefix !== undefined && flags.keyPrefix.trim() === '') throw new UsageError('--key-prefix is empty');
  if (flags.keyPrefix !== undefined && flags.idempotencyKey !== undefined) {
    throw new UsageError('--key-prefix scopes derived keys; --idempotency-key replaces the key: pass one of them');
  }
  return {
    origin: keyOrigin(baseUrlOf(command)),
    prefix: flags.keyPrefix,
    idColumn: flags.idColumn === undefined ? undefined : normaliseHeader(flags.idColumn),
  };
}

/**
 * Tells two API keys apart in a journal without recording either: 12 hex characters of a SHA-256 of the key (keys are
 * long random strings, so this reveals nothing usable).
 */
function apiKeyFingerprint(apiKey: string): string {
  return createHash('sha256').update(`trending-cli.journal-target:${apiKey}`).digest('hex').slice(0, 12);
}

/** Where a --dry-run would send, for the journal: undefined without credentials (then any target's entry counts). */
function dryRunTarget(flags: TriggerFlags, apiKey: string | undefined): string | undefined {
  if (flags.triggerId) return targetName({ kind: 'signed', triggerId: flags.triggerId, secret: '' });
  return apiKey ? targetName({ kind: 'apiKey', account: apiKeyFingerprint(apiKey) }) : undefined;
}

function targetOf(flags: TriggerFlags, apiKey: string | undefined): SendTarget {
  if (flags.triggerId || flags.triggerSecret) {
    if (!flags.triggerId || !flags.triggerSecret) {
      throw new UsageError(
        'a signed trigger needs both --trigger-id and --trigger-secret (or TRENDING_TRIGGER_ID/_SECRET)',
      );
    }
    return { kind: 'signed', triggerId: flags.triggerId, secret: flags.triggerSecret };
  }
  if (apiKey) return { kind: 'apiKey', account: apiKeyFingerprint(apiKey) };
  throw new UsageError(
    'no credentials: pass --trigger-id and --trigger-secret (recommended) or an API key (--api-key / TRENDING_API_KEY)',
  );
}

interface Input {
  rows: RawRow[];
  unreadable: UnreadableRow[];
  plan: ColumnPlan;
  journalPath?: string;
}

async function readInput(flags: TriggerFlags, out: Output): Promise<Input> {
  if (!flags.rows) {
    if (flags.map || flags.idColumn || flags.journal || flags.limit) {
      throw new UsageError('--map, --id-column, --journal and --limit apply to --rows');
    }
    // One video from the flags alone: a row without cells.
    return { rows: [{ row: 1, line: 0, cells: {} }], unreadable: [], plan: { paths: new Map(), ignored: [] } };
  }
  if (flags.idempotencyKey)
    throw new UsageError('--idempotency-key is for one video; rows derive their own (see --id-column)');
  const file = await readRows(flags.rows, flags.format);
  const plan = planColumns(file.columns, parseMaps(flags.map ?? []), flags.idColumn);
  for (const column of plan.ignored) {
    out.warn(
      `column ${JSON.stringify(column)} matches no field and is not sent (map it with --map "${column}=path", or --map "${column}=" to silence this)`,
    );
  }
  const journalPath = flags.journal ?? (flags.rows === '-' ? undefined : `${flags.rows}.journal.jsonl`);
  if (journalPath === undefined && !flags.dryRun) {
    out.warn(
      'rows from stdin have no journal unless you pass --journal; a re-run is still safe (same Idempotency-Keys) but resends every row',
    );
  }
  return { rows: file.rows, unreadable: file.unreadable, plan, journalPath };
}

async function runSend(command: Command, out: Output, flags: TriggerFlags): Promise<void> {
  takeSecret(out, '--trigger-secret (TRENDING_TRIGGER_SECRET)', flags.triggerSecret);
  takeSecret(out, '--webhook-secret (TRENDING_WEBHOOK_SECRET)', flags.webhookSecret);
  const concurrency = positiveInt(flags.concurrency, '--concurrency') ?? 4;
  const limit = positiveInt(flags.limit, '--limit');
  const rate = positiveNumber(flags.rate, '--rate');
  const maxCredits = parseMaxCredits(flags.maxCredits);
  const apiKey = command.optsWithGlobals<{ apiKey?: string }>().apiKey || undefined;
  if (maxCredits !== undefined && !apiKey) {
    throw new UsageError(
      '--max-credits needs an API key (--api-key or TRENDING_API_KEY): rows are quoted with the cost estimate, which only takes an API key, even when they are sent through a signed trigger',
    );
  }
  const input = await readInput(flags, out);
  const keyScope = keyScopeOf(command, flags);
  const bodyDefaults = flags.body ? await readBodyFile(flags.body) : {};
  const flagged = flagEntries(flags);
  const defaults = { ...bodyDefaults, ...flagged } as Record<string, string>;
  const defaultNames = new Map(Object.keys(bodyDefaults).map((path) => [path, `--body ${path}`]));
  for (const path of Object.keys(flagged)) defaultNames.set(path, flagName(path));
  const prepared: PreparedRow[] = input.rows.map((raw) =>
    prepareRow(raw, {
      plan: input.plan,
      defaults,
      defaultNames,
      bodyPaths: new Set(Object.keys(bodyDefaults)),
      devHost: isDevHost(baseUrlOf(command)),
      template: flags.template,
      idColumn: flags.idColumn,
      webhookSecret: flags.webhookSecret,
      keyScope,
    }),
  );
  if (!flags.rows && flags.idempotencyKey && prepared[0]) prepared[0].key = flags.idempotencyKey;
  // A row can carry its own webhook secret; it is as secret as the one from the flags.
  for (const row of prepared) out.addSecrets(webhookSecretOf(row));
  const journal = Journal.open(input.journalPath);

  if (flags.dryRun) {
    const target = dryRunTarget(flags, apiKey);
    warnRows(out, planRows(prepared, journal, target).toSend);
    return dryRun(out, prepared, input.unreadable, journal, target);
  }

  const gate = new RateGate(createTransport(), rate);
  const client = clientFor(command, out, {
    needsApiKey: false,
    retry: TRIGGER_RETRY,
    transport: gate.wrap(createTransport()),
  });
  const target = targetOf(flags, apiKey);
  const planned = planRows(prepared, journal, targetName(target)).toSend;
  warnRows(out, planned);

  const controller = new AbortController();
  const onInterrupt = () => {
    out.warn('interrupted: finishing the rows in flight, then stopping (run the same command again to carry on)');
    controller.abort();
  };
  process.once('SIGINT', onInterrupt);
  const started = Date.now();
  const progress = rowProgress(out, planned.length, limit);
  const unreadable = unreadableOutcomes(input.unreadable);
  for (const outcome of unreadable) progress.report(outcome);
  let outcomes: RowOutcome[];
  try {
    outcomes = await sendRows(prepared, {
      client,
      target,
      journal,
      concurrency,
      limit,
      signal: controller.signal,
      maxCredits,
      onOutcome: (outcome) => progress.report(outcome),
    });
  } finally {
    progress.stop();
    process.off('SIGINT', onInterrupt);
  }
  outcomes = [...unreadable, ...outcomes].sort((a, b) => a.line - b.line);
  const elapsedSeconds = (Date.now() - started) / 1000;
  summarise(out, outcomes, { journal: input.journalPath, elapsedSeconds, gate, single: !flags.rows });
  if (outcomes.some((o) => o.status === 'failed' || o.status === 'invalid')) throw new ReportedFailure(EXIT_FAILURE);
}

/** Lines named in full in a warning that many rows share; the rest are counted. */
const NAMED_LINES = 5;

/**
 * Core's warnings for the rows about to be sent (a skipped row was sent before and warned about then), each once
 * with the lines it concerns: a --body typo or a column's mistake repeats on every row.
 */
function warnRows(out: Output, rows: readonly PreparedRow[]): void {
  const lines = new Map<string, number[]>();
  for (const row of rows)
    for (const warning of row.warnings) lines.set(warning, [...(lines.get(warning) ?? []), row.line]);
  for (const [warning, at] of lines) {
    const numbered = at.filter((line) => line > 0);
    if (numbered.length === 0) out.warn(warning);
    else if (numbered.length === 1) out.warn(`line ${numbered[0]}: ${warning}`);
    else {
      const more = numbered.length - NAMED_LINES;
      out.warn(`lines ${numbered.slice(0, NAMED_LINES).join(', ')}${more > 0 ? ` and ${more} more` : ''}: ${warning}`);
    }
  }
}

function webhookSecretOf(row: PreparedRow): string | undefined {
  const secret = (row.body?.webhook as { secret?: unknown } | undefined)?.secret;
  return typeof secret === 'string' ? secret : undefined;
}

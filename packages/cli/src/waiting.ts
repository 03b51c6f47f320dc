/**
 * --wait and --download, shared by create, wait and render: poll to the end under a deadline (Ctrl-C stops waiting,
 * not the run), then save the MP4 from a fresh render_url.
 */
import { Option, type Command } from 'commander';
import {
  isTrendingError,
  statusOutput,
  waitForCompletion,
  type OutputJson,
  type TemplateId,
  type TrendingClient,
  type VideoStatus,
} from '@trending/core';
import { downloadFile, type DownloadedFile } from './download';
import { RunAborted, UsageError } from './errors';
import type { Output } from './output';
import { videoProgress } from './progress';

export interface WaitFlags {
  wait?: boolean;
  timeout: string;
  pollInterval?: string;
  download?: string;
}

export function addWaitOptions(command: Command, withWaitFlag = true): Command {
  if (withWaitFlag) command.option('--wait', 'wait until the video completes or fails');
  return command
    .option('--timeout <seconds>', 'give up waiting after this long (the run keeps going)', '1800')
    .addOption(
      new Option(
        '--poll-interval <seconds>',
        'poll at this fixed interval instead of following the ETA within the 5-15 s the API asks for (lower only against the simulator)',
      ),
    )
    .option('--download <file>', 'save the finished MP4 there (implies --wait)');
}

export function wantsWait(flags: WaitFlags): boolean {
  return Boolean(flags.wait || flags.download);
}

function seconds(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new UsageError(`${flag} expects a positive number of seconds, got ${JSON.stringify(value)}`);
  return n * 1000;
}

/** Validates the numbers before anything is sent, so a typo never leaves a video created but unwatched. */
export function checkWaitFlags(flags: WaitFlags): void {
  seconds(flags.timeout, '--timeout');
  if (flags.pollInterval !== undefined) seconds(flags.pollInterval, '--poll-interval');
}

/**
 * The reference documents the statuses queued, running, completed and failed: an abort ends a run `failed` with
 * pipeline_error.code `aborted`. A status `aborted` is read the same way, in case the API ever says so directly.
 */
function wasAborted(status: VideoStatus): boolean {
  return status.status === 'aborted' || (status.status === 'failed' && status.pipeline_error?.code === 'aborted');
}

function runAborted(template: TemplateId, videoId: number | string, status: VideoStatus): RunAborted {
  const reason = status.pipeline_error?.message;
  const error = new RunAborted({
    code: 'aborted',
    message: `Video ${videoId} (${template}) was aborted before it completed${reason ? `: ${reason}` : '.'}`,
    details: { video_id: videoId, template, status: status.status, pipeline_error: status.pipeline_error ?? null },
    requestId: status.request_id,
    hint: 'The run was cancelled (trending abort, the dashboard or another tool) and will not finish. To start over, create it again with a new --idempotency-key: the same key returns this aborted run.',
    retryable: false,
  });
  // The status it was read from makes core classify it as an aborted run, not a cancelled wait.
  error.lastStatus = status;
  return error;
}

export interface WaitOutcome {
  status: VideoStatus;
  file?: DownloadedFile;
}

export async function waitAndDownload(
  client: TrendingClient,
  out: Output,
  template: TemplateId,
  videoId: number | string,
  flags: WaitFlags,
): Promise<WaitOutcome> {
  const controller = new AbortController();
  const onInterrupt = () => controller.abort();
  process.once('SIGINT', onInterrupt);
  const progress = videoProgress(out, videoId);
  try {
    const fixedMs = flags.pollInterval === undefined ? undefined : seconds(flags.pollInterval, '--poll-interval');
    const status = await waitForCompletion(client, template, videoId, {
      timeoutMs: seconds(flags.timeout, '--timeout'),
      signal: controller.signal,
      minDelayMs: fixedMs,
      maxDelayMs: fixedMs,
      onPoll: (s) => progress.update(s),
    }).catch((error: unknown) => {
      const last = isTrendingError(error) ? error.lastStatus : undefined;
      if (last && wasAborted(last)) throw runAborted(template, videoId, last);
      throw error;
    });
    progress.update(status);
    progress.stop();
    if (!flags.download) return { status };
    const url = await client.freshRenderUrl(template, videoId, { signal: controller.signal });
    const file = await downloadFile(url, flags.download, {
      signal: controller.signal,
      what: `${template} video ${videoId}`,
    });
    return { status, file };
  } finally {
    progress.stop();
    process.off('SIGINT', onInterrupt);
  }
}

/** Waits (and downloads), prints the outcome, and returns its fields for the JSON result. */
export async function waitAndReport(
  client: TrendingClient,
  out: Output,
  template: TemplateId,
  videoId: number | string,
  flags: WaitFlags,
): Promise<{ status: string; final: OutputJson; file?: DownloadedFile }> {
  const outcome = await waitAndDownload(client, out, template, videoId, flags).catch((error: unknown) => {
    if (error instanceof RunAborted) out.result('status: aborted');
    throw error;
  });
  out.result(`status: ${outcome.status.status}`);
  if (outcome.file) out.result(`file: ${outcome.file.path} (${outcome.file.bytes} bytes)`);
  return { status: outcome.status.status, final: statusOutput(outcome.status), file: outcome.file };
}

/**
 * How create and render end: with --wait or --download, wait and add the outcome to `result`; otherwise print the
 * status the API answered. Then the JSON document.
 */
export async function finishStarted(
  client: TrendingClient,
  out: Output,
  started: { template: TemplateId; videoId: number | string; status: string },
  flags: WaitFlags,
  result: Record<string, unknown>,
): Promise<void> {
  if (wantsWait(flags))
    Object.assign(result, await waitAndReport(client, out, started.template, started.videoId, flags));
  else out.result(`status: ${started.status}`);
  out.data(result);
}

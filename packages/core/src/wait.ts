/**
 * Polling a run to its end without a timer of its own: the ETA-aware delay is a pure function, and the loop runs on
 * the host's clock and sleep, under a deadline and the host's cancel signal.
 */
import type { TemplateId } from './catalogue/types';
import { abortedError, sleepUnlessAborted } from './abort';
import type { CallOptions, VideoStatus } from './client/types';
import { runProgress } from './error-kinds';
import { TrendingError, pipelineError } from './errors';
import type { Transport } from './transport';

/** The reference: "Poll every 5 to 15 seconds". */
export const MIN_POLL_DELAY_MS = 5_000;
export const MAX_POLL_DELAY_MS = 15_000;

/**
 * The soonest meaningful ETA, clamped to [minMs, maxMs]. step_eta_seconds (and its legacy alias eta_seconds) says when
 * the current step ends, which is the next time a poll can show something new; pipeline_eta_seconds is when the whole
 * run ends, never sooner. Taking the smallest non-negative value therefore polls when the next change is due, and the
 * clamp keeps a stale or missing ETA from polling faster or slower than documented. No ETA at all polls at minMs.
 */
export function nextPollDelayMs(status: Partial<VideoStatus>, opts: { minMs?: number; maxMs?: number } = {}): number {
  const minMs = opts.minMs ?? MIN_POLL_DELAY_MS;
  const maxMs = Math.max(minMs, opts.maxMs ?? MAX_POLL_DELAY_MS);
  const etas = [status.step_eta_seconds, status.eta_seconds, status.pipeline_eta_seconds].filter(
    (eta): eta is number => typeof eta === 'number' && Number.isFinite(eta) && eta >= 0,
  );
  if (etas.length === 0) return minMs;
  return Math.min(maxMs, Math.max(minMs, Math.min(...etas) * 1000));
}

const TERMINAL = new Set(['completed', 'failed', 'aborted']);

export function isTerminalStatus(status: string | Partial<Pick<VideoStatus, 'status'>> | undefined): boolean {
  const value = typeof status === 'string' ? status : status?.status;
  return value !== undefined && TERMINAL.has(value);
}

export type WaitClock = Pick<Transport, 'now' | 'sleep'>;

/** A TrendingClient, or anything else that can poll and owns a clock. */
export interface StatusPoller {
  getVideo(template: TemplateId, videoId: number | string, options?: CallOptions): Promise<VideoStatus>;
  readonly transport: WaitClock;
}

export type StatusGetter = (
  template: TemplateId,
  videoId: number | string,
  options?: CallOptions,
) => Promise<VideoStatus>;

export interface WaitOptions {
  /** Give up (wait_timeout) after this long; the run itself keeps going. */
  timeoutMs: number;
  signal?: AbortSignal;
  /** After each poll that is not final; `nextDelayMs` is how long the wait sleeps next. */
  onPoll?: (status: VideoStatus, nextDelayMs: number) => void | Promise<void>;
  /** Default 5000; lower only against a simulator. */
  minDelayMs?: number;
  /** Default 15000. */
  maxDelayMs?: number;
}

/**
 * Polls until the run completes (returns its status), fails (throws pipelineError), is aborted (throws `aborted`) or
 * the deadline passes (throws `wait_timeout`). A cancelled `signal` throws `aborted` too. Every TrendingError it
 * throws carries the last status it read (`lastStatus`, undefined when no read succeeded).
 */
export function waitForCompletion(
  source: StatusPoller,
  template: TemplateId,
  videoId: number | string,
  options: WaitOptions,
): Promise<VideoStatus>;
export function waitForCompletion(
  source: StatusGetter,
  template: TemplateId,
  videoId: number | string,
  options: WaitOptions & { clock: WaitClock },
): Promise<VideoStatus>;
export async function waitForCompletion(
  source: StatusPoller | StatusGetter,
  template: TemplateId,
  videoId: number | string,
  options: WaitOptions & { clock?: WaitClock },
): Promise<VideoStatus> {
  const clock = typeof source === 'function' ? options.clock : source.transport;
  if (!clock) throw new TypeError('waitForCompletion with a status getter needs options.clock');
  const poll: StatusGetter = typeof source === 'function' ? source : (t, id, o) => source.getVideo(t, id, o);
  const { signal, timeoutMs } = options;
  const started = clock.now();
  const deadline = started + timeoutMs;
  const cancelled = () =>
    abortedError(
      `Stopped waiting for video ${videoId}: the wait was cancelled (the run itself continues).`,
      { video_id: videoId, template },
      'Only the wait stopped: poll the video again later, or set webhook.url to be told when it ends.',
    );

  let last: VideoStatus | undefined;
  const pollToEnd = async (): Promise<VideoStatus> => {
    for (;;) {
      if (signal?.aborted) throw cancelled();
      const status = (last = await poll(template, videoId, { signal }));
      if (status.status === 'completed') return status;
      if (status.status === 'failed') throw pipelineError({ ...status, video_id: status.video_id ?? videoId });
      if (status.status === 'aborted') {
        throw abortedError(`Video ${videoId} was aborted before it completed.`, { video_id: videoId, template });
      }
      const remaining = deadline - clock.now();
      if (remaining <= 0) throw waitTimeout(template, videoId, status, clock.now() - started);
      const delay = nextPollDelayMs(status, { minMs: options.minDelayMs, maxMs: options.maxDelayMs });
      await options.onPoll?.(status, Math.min(delay, remaining));
      // The last sleep ends at the deadline, so the final poll happens exactly when time runs out.
      await sleepUnlessAborted(clock, Math.min(delay, remaining), signal, cancelled);
    }
  };
  try {
    return await pollToEnd();
  } catch (error) {
    if (error instanceof TrendingError) error.lastStatus ??= last;
    throw error;
  }
}

function waitTimeout(
  template: TemplateId,
  videoId: number | string,
  status: VideoStatus,
  waitedMs: number,
): TrendingError {
  const waitedSeconds = Math.round(waitedMs / 1000);
  return new TrendingError({
    code: 'wait_timeout',
    // The facts only: each face says in its own words how to pick the video up again.
    message: `Video ${videoId} is still ${runProgress(status)} after ${waitedSeconds} s.`,
    details: {
      video_id: videoId,
      template,
      status: status.status,
      progress_percent: status.progress_percent,
      waited_seconds: waitedSeconds,
    },
  });
}

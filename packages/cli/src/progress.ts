/**
 * Feedback while a video renders: a cli-progress bar on a terminal, one line per step change in a log, and nothing
 * in --json mode (stdout belongs to the result there).
 */
import { SingleBar } from 'cli-progress';
import type { VideoStatus } from '@trending/core';
import type { Output } from './output';

export interface ProgressReporter {
  update(status: VideoStatus): void;
  stop(): void;
}

export function videoProgress(out: Output, videoId: number | string): ProgressReporter {
  if (out.interactive) {
    const bar = new SingleBar({
      stream: out.progressStream,
      format: `video ${videoId} [{bar}] {percentage}% | {step}`,
      hideCursor: true,
      clearOnComplete: false,
    });
    bar.start(100, 0, { step: 'queued' });
    return {
      update: (status) => bar.update(status.progress_percent ?? 0, { step: stepOf(status) }),
      stop: () => bar.stop(),
    };
  }
  let last = '';
  return {
    update(status) {
      const line = `video ${videoId}: ${status.status}, ${stepOf(status)}${percent(status)}`;
      if (line !== last) out.info(line);
      last = line;
    },
    stop() {},
  };
}

function stepOf(status: VideoStatus): string {
  return status.step_label ?? status.current_step ?? status.status;
}

function percent(status: VideoStatus): string {
  return typeof status.progress_percent === 'number' ? ` (${status.progress_percent}%)` : '';
}

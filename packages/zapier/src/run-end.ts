/**
 * An aborted run, in both spellings it may take. The reference documents only the statuses queued, running, completed
 * and failed and only the end events `*.completed` and `*.failed`, so an abort may well show as `failed` with the
 * error code `aborted` (and send a `*.failed` event); a status `aborted` is accepted too, in case the API says so.
 * Either way the step fails saying the run was aborted, not with a generic pipeline failure.
 */
import { TrendingError, type StatusGetter, type VideoStatus } from '@trending/core';

export function isAbortedRun(status: Pick<VideoStatus, 'status' | 'pipeline_error'>): boolean {
  return status.status === 'aborted' || (status.status === 'failed' && status.pipeline_error?.code === 'aborted');
}

/** Returns the status, or throws the step's failure when it is an aborted run. */
export function unlessAborted(status: VideoStatus): VideoStatus {
  if (!isAbortedRun(status)) return status;
  const error = new TrendingError({
    code: 'aborted',
    message: `Video ${status.video_id} was aborted before it completed, so there is no video to output.`,
    details: { video_id: status.video_id, status: status.status, pipeline_error: status.pipeline_error ?? null },
    requestId: status.request_id,
    retryable: false,
  });
  // The status it was read from makes core classify it as an aborted run, not a cancelled wait.
  error.lastStatus = status;
  throw error;
}

/** A status getter that fails on an aborted run, for core's waitForCompletion. */
export function failingOnAbort(read: StatusGetter): StatusGetter {
  return async (template, videoId, options) => unlessAborted(await read(template, videoId, options));
}

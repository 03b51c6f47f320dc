/** Run statuses: the reference documents four, so an aborted run reports one of them. */
import type { Stated } from './rule';

export const RUN_STATUSES: Stated<readonly string[]> = {
  value: ['queued', 'running', 'completed', 'failed'],
  reference: 'status (example: queued, running, completed, failed)',
};

/** Abort is documented only as "cancel an active run"; the run ends as the failure the reference can express. */
export const ABORTED_RUN: Stated<{ status: 'failed'; event: 'failed'; code: string }> = {
  value: { status: 'failed', event: 'failed', code: 'aborted' },
  reference: 'POST /api/v1/{video_type}/videos/{video_id}/abort — cancel an active run',
};

/**
 * Wait via webhook: which created videos will call this execution back, so it can park for them instead of polling.
 *
 * The reference promises no `webhook` in a create answer, and an idempotent replay returns "the existing run", whose
 * webhook is whatever its first request set. So:
 * - an automatic Idempotency Key includes the execution ID: the video is this execution's own (a fresh create, or its
 *   Retry on Fail) and its webhook is the one just sent, echoed or not;
 * - a custom key may have been used before (another execution, or Wait via Polling): an echoed webhook URL decides
 *   (the same URL, as a URL, calls this execution; another is an earlier video); with no echo there is no way to tell,
 *   and parking for a video that calls elsewhere would sit until the timeout and continue with unchanged input, so
 *   the safe path is taken: that video is waited for by polling.
 */
import { sameUrl, type CreateVideoResponse } from '../core';

/**
 * Where a created video's deliveries go (`sentUrl`: the resume URL its request carried):
 * - `here`: this execution's own video; park for it, no status read (a delivery that comes before the execution is
 *   parked is refused by n8n and retried by Trending);
 * - `hereIfRunning`: a custom key's video that calls this execution, but may be one an earlier run of this node in
 *   the same execution already waited for (Loop Over Items with the same key), whose delivery is spent: one status
 *   read decides (still running: park; ended: take its status);
 * - `elsewhere`: wait by polling.
 */
export type Destination = 'here' | 'hereIfRunning' | 'elsewhere';

export function destinationOf(
  sentUrl: string | undefined,
  answer: CreateVideoResponse,
  customKey: boolean,
): Destination {
  if (sentUrl === undefined) return 'elsewhere';
  if (!customKey) return 'here';
  const echoed = answer.webhook?.url;
  return typeof echoed === 'string' && echoed !== '' && sameUrl(echoed, sentUrl) ? 'hereIfRunning' : 'elsewhere';
}

/**
 * Wait via webhook: which created videos will call this execution back, so it can park for them instead of polling.
 *
 * The reference promises no `webhook` in a create answer, and an idempotent replay returns "the existing run", whose
 * webhook is whatever its first request set. So:
 * - an automatic Idempotency Key includes the execution ID: the video is this execution's own (a fresh create, or its
 *   Retry on Fail) and its webhook is the one just sent, echoed or not. Not in a Retry of a failed execution: its
 *   automatic keys are the first execution's (see idempotency.ts), so the videos that execution created call it;
 * - a custom key (or a Retry's automatic key) may have been used before (another execution, or Wait via Polling): an
 *   echoed webhook URL decides (the same URL, as a URL, calls this execution; another is an earlier video: a replay
 *   returns "the existing run", with the webhook its first request set); with no echo there is no way to tell, and
 *   parking for a video that calls elsewhere would sit until the timeout and continue with unchanged input, so the
 *   safe path is taken: that video is waited for by polling.
 * A video that calls this execution can still have had its delivery spent: a resume call acknowledges only while the
 * execution is parked, so only by an earlier parked run of this node in this execution (Loop Over Items with the same
 * key). On the node's first run there is none.
 */
import { sameUrl, type CreateVideoResponse } from '../core';

/**
 * Where a created video's deliveries go (`sentUrl`: the resume URL its request carried):
 * - `here`: this execution's video, whose delivery no earlier run can have spent; park for it, no status read (a
 *   delivery that comes before the execution is parked is refused by n8n and retried by Trending);
 * - `hereIfRunning`: a video that calls this execution on a later run of this node under a key not scoped to this
 *   execution, which may be one an earlier run already waited for: a status read decides (see create.wait.ts);
 * - `elsewhere`: wait by polling.
 */
export type Destination = 'here' | 'hereIfRunning' | 'elsewhere';

export function destinationOf(
  sentUrl: string | undefined,
  answer: CreateVideoResponse,
  key: { executionsOwn: boolean; firstRun: boolean },
): Destination {
  if (sentUrl === undefined) return 'elsewhere';
  if (key.executionsOwn) return 'here';
  const echoed = answer.webhook?.url;
  if (typeof echoed !== 'string' || echoed === '' || !sameUrl(echoed, sentUrl)) return 'elsewhere';
  return key.firstRun ? 'here' : 'hereIfRunning';
}

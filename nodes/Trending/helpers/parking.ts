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
import type { CreateVideoResponse } from '../core';

function decoded(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/**
 * A URL in a form where spellings of the same address are equal: scheme and host case and a default port (by the URL
 * parser), percent-encoding (each path segment and query parameter decoded), query parameter order, a trailing slash.
 * The fragment is never sent, so it is left out.
 */
export function normalisedUrl(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return undefined;
  }
  const segments = url.pathname.replace(/\/+$/, '').split('/').map(decoded);
  const query = [...url.searchParams].sort(([a, x], [b, y]) =>
    a === b ? (x < y ? -1 : x > y ? 1 : 0) : a < b ? -1 : 1,
  );
  return JSON.stringify([url.protocol, url.hostname, url.port, segments, query]);
}

export function sameUrl(a: string, b: string): boolean {
  const left = normalisedUrl(a);
  return left !== undefined && left === normalisedUrl(b);
}

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

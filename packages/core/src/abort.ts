/**
 * Cancellation, once for every wait core does: a request's retry back-off (client/http.ts) and polling for a video
 * (wait.ts) sleep through the host's Transport and end with an `aborted` TrendingError when the caller's signal fires.
 */
import { TrendingError } from './errors';
import type { Transport } from './transport';

export function abortedError(message: string, details?: unknown, hint?: string): TrendingError {
  return new TrendingError({ code: 'aborted', message, details, hint });
}

function requestCancelled(): TrendingError {
  return abortedError(
    'The request was cancelled before it completed.',
    undefined,
    'The caller cancelled it; send it again (with the same Idempotency-Key, if it has one) to finish it.',
  );
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw requestCancelled();
}

export async function sleepUnlessAborted(
  transport: Pick<Transport, 'sleep'>,
  ms: number,
  signal: AbortSignal | undefined,
  onAbort: () => TrendingError = requestCancelled,
): Promise<void> {
  try {
    await transport.sleep(ms, signal);
  } catch (error) {
    if (signal?.aborted) throw onAbort();
    throw error;
  }
  if (signal?.aborted) throw onAbort();
}

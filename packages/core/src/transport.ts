/**
 * What a host hands to core. Core has no I/O of its own: n8n, Zapier, the CLI and tests each provide one.
 * Core must not touch timers, `process` or the network directly (it is compiled into the n8n package).
 */

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface HttpRequest {
  method: HttpMethod;
  /** Absolute URL. */
  url: string;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** Exact bytes or text to send; JSON bodies are serialised by core so signatures cover what is sent. */
  body?: string | Uint8Array;
  /** Per-attempt timeout in milliseconds. */
  timeoutMs?: number;
}

export interface HttpResponse {
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** Raw response text (core parses JSON itself). */
  body: string;
}

export interface Transport {
  /**
   * Performs one HTTP exchange. Resolves for every HTTP status (including 4xx/5xx); rejects only when no response
   * arrived (network error, timeout), which core treats as retryable.
   */
  request(req: HttpRequest): Promise<HttpResponse>;
  /** Waits `ms` milliseconds; rejects if `signal` aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Milliseconds since the epoch. */
  now(): number;
  /** Uniform in [0, 1): used for retry jitter only. */
  random(): number;
}

/**
 * Outbound webhook deliveries: at-least-once, retried on the reference's schedule (on the API clock, so `speed`
 * scales it), stopped by any 2xx. A delivery keeps its id and body bytes across retries; each attempt is signed anew
 * with the wall clock, because the receiver checks the timestamp against its own clock. Sending never blocks the API.
 */
import { randomUUID } from 'node:crypto';
import { iso } from './clock';
import { webhookSignatureHeaders } from './signing';

/** Seconds after attempt N (1-based) before attempt N+1: 10s, 30s, 2m, 10m, 30m, 1h, 2h, 4h, then 4h. */
export const RETRY_SCHEDULE_SECONDS = [10, 30, 120, 600, 1800, 3600, 7200, 14_400, 14_400] as const;
export const MAX_ATTEMPTS = 10;
export const USER_AGENT = 'Trending-Webhooks/1.0';

export interface Attempt {
  attempt: number;
  at: string;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
  /** A deliberate repeat of an already-acknowledged delivery (`duplicateDeliveries`). */
  duplicate: boolean;
}

export interface Delivery {
  id: string;
  event: string;
  videoId: number | null;
  url: string;
  secret: string | null;
  body: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: Attempt[];
  nextAttemptAt: number | null;
  inFlight: boolean;
  duplicateSent: boolean;
}

export interface DispatcherClock {
  apiNow(): number;
  duplicates(): boolean;
  timeoutMs(): number;
}

export class Dispatcher {
  readonly deliveries: Delivery[] = [];
  private readonly pending = new Set<Delivery>();
  private readonly controller = new AbortController();

  constructor(private readonly clock: DispatcherClock) {}

  enqueue(
    url: string,
    secret: string | null,
    event: string,
    videoId: number | null,
    payload: object,
    at: number,
  ): Delivery {
    const delivery: Delivery = {
      id: `dlv_${randomUUID()}`,
      event,
      videoId,
      url,
      secret,
      body: JSON.stringify(payload),
      status: 'pending',
      attempts: [],
      nextAttemptAt: at,
      inFlight: false,
      duplicateSent: false,
    };
    this.deliveries.push(delivery);
    this.pending.add(delivery);
    return delivery;
  }

  /**
   * Starts every attempt that is due; the attempts themselves run in the background. A video's events make their
   * first attempt one at a time, in the order they happened, so a receiver sees `completed` after the `progress` that
   * led to it; retries never wait, so one failing delivery cannot hold back the rest.
   */
  tick(): void {
    const now = this.clock.apiNow();
    const busy = new Set<string>();
    for (const d of this.pending) {
      const lane = `${d.videoId}|${d.url}`;
      const first = d.attempts.length === 0;
      if (first && busy.has(lane)) continue;
      if (first) busy.add(lane);
      if (!d.inFlight && d.nextAttemptAt !== null && d.nextAttemptAt <= now) void this.attempt(d, false);
    }
  }

  close(): void {
    this.controller.abort();
    this.pending.clear();
  }

  private async attempt(d: Delivery, duplicate: boolean): Promise<void> {
    d.inFlight = true;
    const started = Date.now();
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': USER_AGENT,
      'x-trending-delivery': d.id,
      'x-trending-event': d.event,
      ...(d.secret ? webhookSignatureHeaders(d.secret, started, d.body) : {}),
    };
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(d.url, {
        method: 'POST',
        headers,
        body: d.body,
        redirect: 'manual',
        signal: AbortSignal.any([this.controller.signal, AbortSignal.timeout(this.clock.timeoutMs())]),
      });
      statusCode = res.status;
      await res.arrayBuffer().catch(() => undefined);
    } catch (e) {
      error = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    }
    if (this.controller.signal.aborted) return;
    d.inFlight = false;
    d.attempts.push({
      attempt: d.attempts.length + 1,
      at: iso(this.clock.apiNow()),
      status_code: statusCode,
      error,
      duration_ms: Date.now() - started,
      duplicate,
    });
    if (duplicate) return;
    this.settle(d, statusCode);
    // The next event of the same video may be waiting for this first attempt.
    this.tick();
  }

  private settle(d: Delivery, statusCode: number | null): void {
    if (statusCode !== null && statusCode >= 200 && statusCode < 300) {
      d.status = 'delivered';
      d.nextAttemptAt = null;
      this.pending.delete(d);
      if (this.clock.duplicates() && !d.duplicateSent) {
        d.duplicateSent = true;
        void this.attempt(d, true);
      }
      return;
    }
    const made = d.attempts.filter((a) => !a.duplicate).length;
    const delay = RETRY_SCHEDULE_SECONDS[made - 1];
    if (made >= MAX_ATTEMPTS || delay === undefined) {
      d.status = 'failed';
      d.nextAttemptAt = null;
      this.pending.delete(d);
      return;
    }
    d.nextAttemptAt = this.clock.apiNow() + delay * 1000;
  }
}

/**
 * One gate in front of every worker's requests. The API's rate limit is per API key / per trigger, so when one
 * request is told 429 (or 503) with Retry-After, every other worker would be told the same: the gate pauses them all
 * until then instead of letting each find out with a wasted request of its own. Optionally it also paces requests to
 * a steady rate (--rate) so a known limit is never hit at all.
 */
import { parseRetryAfterMs, type Transport } from '@trending/core';

/** When a 429 carries no usable Retry-After. */
const DEFAULT_PAUSE_MS = 1_000;

export interface GateStats {
  /** Responses that paused the gate. */
  throttled: number;
  /** Wall time during which the gate was closed. */
  pausedMs: number;
}

export class RateGate {
  readonly stats: GateStats = { throttled: 0, pausedMs: 0 };
  #resumeAt = 0;
  #nextSlot = 0;

  /** `perSecond` 0 (default) sends as fast as the workers go and relies on Retry-After alone. */
  constructor(
    private readonly clock: Pick<Transport, 'now' | 'sleep'>,
    private readonly perSecond = 0,
  ) {}

  /** Resolves when a request may go: after its pacing slot and after any shared pause. */
  async acquire(): Promise<void> {
    if (this.perSecond > 0) {
      const now = this.clock.now();
      // Slots are handed out in call order, so workers queue fairly instead of racing for the same instant.
      const slot = Math.max(now, this.#nextSlot);
      this.#nextSlot = slot + 1000 / this.perSecond;
      if (slot > now) await this.clock.sleep(slot - now);
    }
    for (let wait = this.#resumeAt - this.clock.now(); wait > 0; wait = this.#resumeAt - this.clock.now()) {
      await this.clock.sleep(wait);
    }
  }

  /** Closes the gate for everyone until `ms` from now (never shortens a pause already in force). */
  pause(ms: number): void {
    const now = this.clock.now();
    const until = now + ms;
    if (until <= this.#resumeAt) return;
    this.stats.pausedMs += until - Math.max(now, this.#resumeAt);
    this.#resumeAt = until;
  }

  /** The transport every worker shares: waits at the gate, and closes it on a throttling answer. */
  wrap(transport: Transport): Transport {
    return {
      ...transport,
      request: async (req) => {
        await this.acquire();
        const res = await transport.request(req);
        if (res.status === 429 || (res.status === 503 && res.headers['retry-after'] !== undefined)) {
          this.stats.throttled++;
          this.pause(parseRetryAfterMs(res.headers['retry-after'], this.clock.now()) ?? DEFAULT_PAUSE_MS);
        }
        return res;
      },
    };
  }
}

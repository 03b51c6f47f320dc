/**
 * One gate in front of every worker's requests. The API's rate limit is per API key / per trigger, so when one
 * request is told 429 (or 503 with Retry-After), every other worker would be told the same: the gate pauses them all
 * until then instead of letting each find out with a wasted request of its own. After a pause it lets one request
 * through, and one more at a time with each success (slow start), so a bucket that refilled only a little is not hit
 * by the whole pool at once. Optionally it also paces requests to a steady rate so a known limit is never
 * hit at all.
 */
import { createHash } from 'node:crypto';
import { parseRetryAfterMs } from './errors';
import type { Transport } from './transport';

/** When a 429 carries no usable Retry-After. */
const DEFAULT_PAUSE_MS = 1_000;
/** Past this many requests in flight the slow start is over and the gate is fully open again. */
const OPEN_WINDOW = 64;

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
  #inFlight = 0;
  #window = Infinity;
  #waiting: (() => void)[] = [];

  /** `perSecond` 0 (default) sends as fast as the workers go and relies on Retry-After alone. */
  constructor(
    private readonly clock: Pick<Transport, 'now' | 'sleep'>,
    private readonly perSecond = 0,
  ) {}

  /** Resolves when a request may go: after its pacing slot, any shared pause, and within the slow-start window. */
  async acquire(): Promise<void> {
    if (this.perSecond > 0) {
      const now = this.clock.now();
      // Slots are handed out in call order, so workers queue fairly instead of racing for the same instant.
      const slot = Math.max(now, this.#nextSlot);
      this.#nextSlot = slot + 1000 / this.perSecond;
      if (slot > now) await this.clock.sleep(slot - now);
    }
    for (;;) {
      const wait = this.#resumeAt - this.clock.now();
      if (wait > 0) await this.clock.sleep(wait);
      else if (this.#inFlight < this.#window) break;
      else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    }
    this.#inFlight++;
  }

  /** Ends a request started with acquire(); `retryAfterMs` set means the API throttled it. */
  release(throttled: boolean, retryAfterMs?: number): void {
    this.#inFlight--;
    if (throttled) {
      this.stats.throttled++;
      this.#window = 1;
      this.pause(retryAfterMs ?? DEFAULT_PAUSE_MS);
    } else if (this.#window !== Infinity) {
      this.#window = this.#window + 1 >= OPEN_WINDOW ? Infinity : this.#window + 1;
    }
    for (const wake of this.#waiting.splice(0)) wake();
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
        let throttled = false;
        let retryAfterMs: number | undefined;
        try {
          const res = await transport.request(req);
          throttled = res.status === 429 || (res.status === 503 && res.headers['retry-after'] !== undefined);
          if (throttled) retryAfterMs = parseRetryAfterMs(res.headers['retry-after'], this.clock.now());
          return res;
        } finally {
          this.release(throttled, retryAfterMs);
        }
      },
    };
  }
}

/** Gates kept for a long-running host; past this many keys the least recently used one is dropped. */
const MAX_SHARED_GATES = 256;
const sharedGates = new Map<string, RateGate>();

/**
 * The one gate of this process for an API key on a base URL. The API limits per key, so every run in the process
 * that uses the key (a host's concurrent executions, say) must hear of a 429 and pause together; a gate per run lets
 * each overrun the others. The map holds a hash of the key, never the key.
 */
export function sharedRateGate(baseUrl: string, apiKey: string, clock: Pick<Transport, 'now' | 'sleep'>): RateGate {
  const id = createHash('sha256').update(`${baseUrl}\n${apiKey}`).digest('hex');
  const gate = sharedGates.get(id) ?? new RateGate(clock);
  sharedGates.delete(id);
  sharedGates.set(id, gate);
  for (const oldest of sharedGates.keys()) {
    if (sharedGates.size <= MAX_SHARED_GATES) break;
    sharedGates.delete(oldest);
  }
  return gate;
}

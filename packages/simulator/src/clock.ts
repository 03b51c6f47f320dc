/**
 * The simulated "API clock". Pipelines, retries, upload processing and render-URL expiry run on it; `speed` makes one
 * wall-clock second worth `speed` API seconds, and `advance` jumps it forward for tests. Signatures (inbound and
 * outbound) stay on the wall clock, because the other side checks them against its own clock.
 */
/**
 * The API clock never passes 9999-12-31T23:59:59Z: every date derived from it (an expiry, a retry, an ETA) stays a
 * valid ISO date, whatever the speed and however far it is advanced.
 */
export const MAX_API_TIME_MS = Date.UTC(9999, 11, 31, 23, 59, 59);

export class SimClock {
  private realAnchor: number;
  private apiAnchor: number;

  constructor(
    private speedFactor: number,
    private readonly realNow: () => number = Date.now,
  ) {
    this.realAnchor = realNow();
    this.apiAnchor = this.realAnchor;
  }

  /** API time in epoch milliseconds. */
  now(): number {
    return Math.min(
      MAX_API_TIME_MS,
      Math.floor(this.apiAnchor + (this.realNow() - this.realAnchor) * this.speedFactor),
    );
  }

  get speed(): number {
    return this.speedFactor;
  }

  setSpeed(speed: number): void {
    this.rebase();
    this.speedFactor = speed;
  }

  advance(seconds: number): void {
    this.rebase();
    this.apiAnchor += seconds * 1000;
  }

  private rebase(): void {
    const api = this.now();
    this.realAnchor = this.realNow();
    this.apiAnchor = api;
  }
}

export function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

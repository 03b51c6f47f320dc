/**
 * The simulated "API clock". Pipelines, retries, upload processing and render-URL expiry run on it; `speed` makes one
 * wall-clock second worth `speed` API seconds, and `advance` jumps it forward for tests. Signatures (inbound and
 * outbound) stay on the wall clock, because the other side checks them against its own clock.
 */
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
    return Math.floor(this.apiAnchor + (this.realNow() - this.realAnchor) * this.speedFactor);
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

/**
 * Per API key / per signed trigger token buckets on the wall clock: N requests per minute with a burst of N. The
 * wall clock, not the API clock, because it limits how fast real clients send, whatever the simulation speed.
 */

interface Bucket {
  tokens: number;
  at: number;
}

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  retryAfterSeconds: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  take(key: string, perMinute: number, now = Date.now()): RateDecision {
    if (perMinute <= 0) return { allowed: true, limit: 0, remaining: 0, retryAfterSeconds: 0 };
    const perMs = perMinute / 60_000;
    const bucket = this.buckets.get(key) ?? { tokens: perMinute, at: now };
    bucket.tokens = Math.min(perMinute, bucket.tokens + (now - bucket.at) * perMs);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, limit: perMinute, remaining: Math.floor(bucket.tokens), retryAfterSeconds: 0 };
    }
    return {
      allowed: false,
      limit: perMinute,
      remaining: 0,
      retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000)),
    };
  }

  clear(): void {
    this.buckets.clear();
  }
}

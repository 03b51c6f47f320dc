/**
 * Fault injection for API routes (never /_sim): failures answered before processing, latency, connections dropped
 * after processing, and slow bodies. Every request draws the same number of values from one seeded stream, so a
 * given --seed and request order replays the same faults.
 */
import type { ChaosConfig } from './config';
import { SeededRandom } from './random';

export interface ChaosDecision {
  latencyMs: number;
  errorStatus: 500 | 503 | null;
  drop: boolean;
  slowBody: boolean;
}

export class Chaos {
  private random: SeededRandom;

  constructor(private readonly seed: number) {
    this.random = new SeededRandom(seed);
  }

  reset(): void {
    this.random = new SeededRandom(this.seed);
  }

  decide(config: ChaosConfig): ChaosDecision {
    const [a, b, c, d, e] = [0, 0, 0, 0, 0].map(() => this.random.next()) as [number, number, number, number, number];
    const latency = Array.isArray(config.latencyMs)
      ? config.latencyMs[0] + a * (config.latencyMs[1] - config.latencyMs[0])
      : config.latencyMs;
    return {
      latencyMs: Math.round(latency),
      errorStatus: b < config.errorRate ? (c < 0.5 ? 500 : 503) : null,
      drop: d < config.dropRate,
      slowBody: e < config.slowBodyRate,
    };
  }
}

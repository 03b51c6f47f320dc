/**
 * Everything a caller can tune, from code (`startSimulator(options)`), the command line, or `POST /_sim/config`.
 * The answer conveniences the reference does not document are all off by default (see the README, "Assumptions and
 * conveniences beyond the reference").
 */
import { DEFAULT_WEBHOOK_DEV_HOSTS } from './rules/webhook';

export interface ChaosConfig {
  /** Share (0..1) of API requests answered 500 or 503 before they are processed (no side effects). */
  errorRate: number;
  /** Added latency per API request in wall-clock ms: a fixed number or a [min, max] range. */
  latencyMs: number | [number, number];
  /**
   * Share (0..1) of API requests whose connection is destroyed after they were processed and before the answer is
   * written: the side effect happened but the client sees a socket error (the case idempotency keys exist for).
   */
  dropRate: number;
  /** Share (0..1) of API responses whose body trickles out in small chunks over `slowBodyMs`. */
  slowBodyRate: number;
  slowBodyMs: number;
}

export type MaintenanceMode = 'off' | 'final_render_only' | 'all';

export interface FailNext {
  code: string;
  /** Step name; defaults to the step the code belongs to (see README). */
  step?: string;
  /** Only the next run of this template; any template when omitted. */
  template?: string;
}

export interface SimConfig {
  /** API seconds per wall-clock second. */
  speed: number;
  /** Requests per minute per API key or signed trigger (token bucket, burst = the same number); 0 disables. */
  rateLimitPerMinute: number;
  chaos: ChaosConfig;
  maintenance: MaintenanceMode;
  /** Send every successfully delivered webhook a second time, with the same X-Trending-Delivery. */
  duplicateDeliveries: boolean;
  /** Lifetime of a signed render URL, in API seconds. */
  renderUrlTtlSeconds: number;
  /** Floor on that lifetime in wall-clock seconds, so fast speeds do not expire a URL between a poll and its download. */
  renderUrlMinRealSeconds: number;
  /** Per-attempt timeout of an outbound webhook delivery, wall-clock ms. */
  webhookTimeoutMs: number;
  /** Make the next created run fail (consumed by that run). */
  failNext: FailNext | null;
  /** Hosts webhooks may reach over http or https on any port (the reference's "configured Studio dev host"). */
  webhookDevHosts: string[];
  /** Convenience: `Idempotent-Replayed: true` on answers replayed for a reused Idempotency-Key. */
  replayHeader: boolean;
  /** Convenience: `X-RateLimit-Limit` / `X-RateLimit-Remaining` on rate-limited routes. */
  rateLimitHeaders: boolean;
  /** Convenience: `Retry-After` on 429 rate_limited and 503 service_unavailable. */
  retryAfterHeader: boolean;
  /** Convenience: the answer's request_id also as an `X-Request-Id` header. */
  requestIdHeader: boolean;
  /** Convenience: undocumented answer fields (create's template/preview_only/control_urls/estimate, etc.). */
  answerExtras: boolean;
}

export interface SimulatorOptions extends Partial<Omit<SimConfig, 'chaos'>> {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1: the simulator is for loopback. */
  host?: string;
  /** Seeds chaos decisions so a run replays identically. Default 1. */
  seed?: number;
  chaos?: Partial<ChaosConfig>;
  /** Default storage quota of every account, bytes. */
  storageQuotaBytes?: number;
  /** HMAC key for render URLs; random per process when omitted. */
  renderSigningKey?: string;
}

export const DEFAULT_PORT = 4010;
export const DEFAULT_SPEED = 100;
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 600;
export const DEFAULT_STORAGE_QUOTA_BYTES = 5 * 1024 ** 3;

export const NO_CHAOS: ChaosConfig = { errorRate: 0, latencyMs: 0, dropRate: 0, slowBodyRate: 0, slowBodyMs: 1000 };

/**
 * A refused config value. A TypeError (what code callers of `configure` have always caught), naming the field
 * (`speed`, `chaos.errorRate`) so the control API can answer 422 with the field in `error.details`.
 */
export class ConfigError extends TypeError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** Bounds that keep every derived time a valid date and every timer within what setTimeout can hold. */
export const CONFIG_LIMITS = {
  /** API seconds per wall-clock second: at this speed a wall-clock hour is still only 114 API years. */
  maxSpeed: 1_000_000,
  maxRateLimitPerMinute: 1_000_000_000,
  /** One year. */
  maxRenderUrlSeconds: 31_536_000,
  /** The longest delay a Node timer holds (about 24.8 days). */
  maxTimerMs: 2_147_483_647,
  /** Chaos latency and slow-body duration: one minute. */
  maxChaosMs: 60_000,
} as const;

const CONFIG_KEYS: readonly (keyof SimConfig)[] = [
  'speed',
  'rateLimitPerMinute',
  'chaos',
  'maintenance',
  'duplicateDeliveries',
  'renderUrlTtlSeconds',
  'renderUrlMinRealSeconds',
  'webhookTimeoutMs',
  'failNext',
  'webhookDevHosts',
  'replayHeader',
  'rateLimitHeaders',
  'retryAfterHeader',
  'requestIdHeader',
  'answerExtras',
];

/** The startup config; options from code are held to the same rules as POST /_sim/config (a ConfigError if not). */
export function initialConfig(options: SimulatorOptions): SimConfig {
  const given: Record<string, unknown> = {};
  for (const key of CONFIG_KEYS) if (options[key] !== undefined) given[key] = options[key];
  return mergeConfig(defaultConfig(options), given);
}

function defaultConfig(options: SimulatorOptions): SimConfig {
  return {
    speed: options.speed ?? DEFAULT_SPEED,
    rateLimitPerMinute: options.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT_PER_MINUTE,
    chaos: { ...NO_CHAOS },
    maintenance: options.maintenance ?? 'off',
    duplicateDeliveries: options.duplicateDeliveries ?? false,
    renderUrlTtlSeconds: options.renderUrlTtlSeconds ?? 600,
    renderUrlMinRealSeconds: options.renderUrlMinRealSeconds ?? 30,
    webhookTimeoutMs: options.webhookTimeoutMs ?? 10_000,
    failNext: null,
    webhookDevHosts: [...DEFAULT_WEBHOOK_DEV_HOSTS],
    replayHeader: options.replayHeader ?? false,
    rateLimitHeaders: options.rateLimitHeaders ?? false,
    retryAfterHeader: options.retryAfterHeader ?? false,
    requestIdHeader: options.requestIdHeader ?? false,
    answerExtras: options.answerExtras ?? false,
  };
}

/** Applies a partial update (from code or the admin API), rejecting values that would wedge the simulator. */
export function mergeConfig(current: SimConfig, patch: Record<string, unknown>): SimConfig {
  const next: SimConfig = { ...current, chaos: { ...current.chaos } };
  for (const [key, value] of Object.entries(patch)) {
    switch (key) {
      case 'speed':
        next.speed = positive(key, value, CONFIG_LIMITS.maxSpeed);
        break;
      case 'rateLimitPerMinute':
        // Between 0 and 1 the bucket (capped at the limit) never holds a whole token: every request would be 429.
        if (typeof value === 'number' && value > 0 && value < 1) {
          throw new ConfigError(key, `${key} must be 0 (no limit) or at least 1`);
        }
        next.rateLimitPerMinute = nonNegative(key, value, CONFIG_LIMITS.maxRateLimitPerMinute);
        break;
      case 'renderUrlTtlSeconds':
      case 'renderUrlMinRealSeconds':
        next[key] = nonNegative(key, value, CONFIG_LIMITS.maxRenderUrlSeconds);
        break;
      case 'webhookTimeoutMs':
        next[key] = nonNegative(key, value, CONFIG_LIMITS.maxTimerMs);
        break;
      case 'maintenance':
        if (value === false || value === null) next.maintenance = 'off';
        else if (value === true) next.maintenance = 'final_render_only';
        else if (value === 'off' || value === 'final_render_only' || value === 'all') next.maintenance = value;
        else throw new ConfigError(key, 'maintenance must be off, final_render_only, all, true or false');
        break;
      case 'duplicateDeliveries':
      case 'replayHeader':
      case 'rateLimitHeaders':
      case 'retryAfterHeader':
      case 'requestIdHeader':
      case 'answerExtras':
        if (typeof value !== 'boolean') throw new ConfigError(key, `${key} must be a boolean`);
        next[key] = value;
        break;
      case 'webhookDevHosts':
        if (!Array.isArray(value) || !value.every((h) => typeof h === 'string')) {
          throw new ConfigError(key, 'webhookDevHosts must be an array of host names or addresses');
        }
        next.webhookDevHosts = [...value];
        break;
      case 'failNext':
        next.failNext = parseFailNext(value);
        break;
      case 'chaos':
        next.chaos = mergeChaos(next.chaos, value);
        break;
      default:
        throw new ConfigError(key, `unknown config key ${JSON.stringify(key)}`);
    }
  }
  return next;
}

function mergeChaos(current: ChaosConfig, value: unknown): ChaosConfig {
  if (value === null || value === false) return { ...NO_CHAOS };
  if (typeof value !== 'object' || Array.isArray(value)) throw new ConfigError('chaos', 'chaos must be an object');
  const next = { ...current };
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const field = `chaos.${key}`;
    switch (key) {
      case 'errorRate':
      case 'dropRate':
      case 'slowBodyRate':
        next[key] = rate(field, v);
        break;
      case 'slowBodyMs':
        next.slowBodyMs = nonNegative(field, v, CONFIG_LIMITS.maxChaosMs);
        break;
      case 'latencyMs':
        next.latencyMs = latency(field, v);
        break;
      default:
        throw new ConfigError(field, `unknown chaos key ${JSON.stringify(key)}`);
    }
  }
  return next;
}

function parseFailNext(value: unknown): FailNext | null {
  if (value === null || value === undefined || value === false) return null;
  if (typeof value === 'string' && value !== '') return { code: value };
  const v = value as Record<string, unknown>;
  if (typeof v !== 'object' || Array.isArray(v) || typeof v.code !== 'string' || v.code === '') {
    throw new ConfigError('failNext', 'failNext must be null, a code, or { code, step?, template? }');
  }
  return {
    code: v.code,
    ...(typeof v.step === 'string' ? { step: v.step } : {}),
    ...(typeof v.template === 'string' ? { template: v.template } : {}),
  };
}

/** `error=0.1,latency=20-80,drop=0.05,slow=0.1,slowms=2000`: the --chaos syntax of the command line. */
export function parseChaosFlag(flag: string): Partial<ChaosConfig> {
  const chaos: Partial<ChaosConfig> = {};
  for (const part of flag.split(',').filter(Boolean)) {
    const [name, raw = ''] = part.split('=');
    switch (name) {
      case 'error':
        chaos.errorRate = rate(name, Number(raw));
        break;
      case 'drop':
        chaos.dropRate = rate(name, Number(raw));
        break;
      case 'slow':
        chaos.slowBodyRate = rate(name, Number(raw));
        break;
      case 'slowms':
        chaos.slowBodyMs = nonNegative(name, Number(raw), CONFIG_LIMITS.maxChaosMs);
        break;
      case 'latency': {
        const [lo, hi] = raw.split('-').map(Number);
        chaos.latencyMs = latency(name, hi === undefined ? lo : [lo, hi]);
        break;
      }
      default:
        throw new ConfigError(
          'chaos',
          `unknown --chaos part ${JSON.stringify(part)} (error, latency, drop, slow, slowms)`,
        );
    }
  }
  return chaos;
}

function rate(name: string, v: unknown): number {
  if (typeof v !== 'number' || !(v >= 0 && v <= 1)) throw new ConfigError(name, `${name} must be a number from 0 to 1`);
  return v;
}

function nonNegative(name: string, v: unknown, max: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > max) {
    throw new ConfigError(name, `${name} must be a number from 0 to ${max}`);
  }
  return v;
}

function positive(name: string, v: unknown, max: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0 || v > max) {
    throw new ConfigError(name, `${name} must be a number above 0 and at most ${max}`);
  }
  return v;
}

/** A fixed latency or a [min, max] range, each 0..60000 ms, min <= max. */
function latency(name: string, v: unknown): number | [number, number] {
  if (!Array.isArray(v)) return nonNegative(name, v, CONFIG_LIMITS.maxChaosMs);
  if (v.length !== 2) throw new ConfigError(name, `${name} must be a number of ms or a [min, max] pair`);
  const lo = nonNegative(name, v[0], CONFIG_LIMITS.maxChaosMs);
  const hi = nonNegative(name, v[1], CONFIG_LIMITS.maxChaosMs);
  if (lo > hi) throw new ConfigError(name, `${name} must be [min, max] with min <= max`);
  return [lo, hi];
}

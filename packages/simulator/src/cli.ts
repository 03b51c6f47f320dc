/** The `trending-sim` command line: flags to options, and the startup banner (testable without a process). */
import { parseArgs } from 'node:util';
import { DEFAULT_API_KEYS, DEFAULT_TRIGGER } from './accounts';
import {
  DEFAULT_PORT,
  DEFAULT_RATE_LIMIT_PER_MINUTE,
  DEFAULT_SPEED,
  parseChaosFlag,
  type SimConfig,
  type SimulatorOptions,
} from './config';

export const HELP = `trending-sim: a local Trending.com Video Creation API on loopback

Options:
  --port N          port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)
  --host H          address to bind (default 127.0.0.1)
  --speed X         API seconds per wall-clock second (default ${DEFAULT_SPEED})
  --seed S          seed for chaos decisions (default 1)
  --rate-limit N    requests per minute per API key / trigger (default ${DEFAULT_RATE_LIMIT_PER_MINUTE}; 0 = off)
  --chaos SPEC      e.g. error=0.1,latency=20-80,drop=0.05,slow=0.1,slowms=2000
  --maintenance     start with final renders paused (503, preview-only still works)
  --duplicates      deliver every webhook twice (same X-Trending-Delivery)
  --webhook-dev-hosts LIST  hosts webhooks may reach over http, any port (default 127.0.0.1,localhost,::1; '' = none)
  Conveniences beyond the reference (off by default):
  --replay-header   Idempotent-Replayed: true on replayed answers
  --rate-limit-headers  X-RateLimit-Limit / X-RateLimit-Remaining
  --retry-after     Retry-After on 429 and 503
  --request-id-header   X-Request-Id beside the body's request_id
  --answer-extras   undocumented answer fields (create's template, control_urls, estimate, ...)
  -h, --help        show this help
`;

function number(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n < 0) throw new TypeError(`--${name} must be a number >= 0`);
  return n;
}

/** `help` when -h/--help was given; throws TypeError for bad flags. */
export function parseCli(argv: string[]): SimulatorOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      speed: { type: 'string' },
      seed: { type: 'string' },
      'rate-limit': { type: 'string' },
      chaos: { type: 'string' },
      maintenance: { type: 'boolean' },
      duplicates: { type: 'boolean' },
      'webhook-dev-hosts': { type: 'string' },
      'replay-header': { type: 'boolean' },
      'rate-limit-headers': { type: 'boolean' },
      'retry-after': { type: 'boolean' },
      'request-id-header': { type: 'boolean' },
      'answer-extras': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  const speed = number('speed', values.speed);
  if (speed === 0) throw new TypeError('--speed must be greater than 0');
  return {
    port: number('port', values.port) ?? DEFAULT_PORT,
    ...(values.host ? { host: values.host } : {}),
    ...(speed !== undefined ? { speed } : {}),
    ...(values.seed !== undefined ? { seed: number('seed', values.seed) } : {}),
    ...(values['rate-limit'] !== undefined ? { rateLimitPerMinute: number('rate-limit', values['rate-limit']) } : {}),
    ...(values.chaos ? { chaos: parseChaosFlag(values.chaos) } : {}),
    ...(values.maintenance ? { maintenance: 'final_render_only' as const } : {}),
    ...(values.duplicates ? { duplicateDeliveries: true } : {}),
    ...(values['webhook-dev-hosts'] !== undefined
      ? {
          webhookDevHosts: values['webhook-dev-hosts']
            .split(',')
            .map((h) => h.trim())
            .filter(Boolean),
        }
      : {}),
    ...(values['replay-header'] ? { replayHeader: true } : {}),
    ...(values['rate-limit-headers'] ? { rateLimitHeaders: true } : {}),
    ...(values['retry-after'] ? { retryAfterHeader: true } : {}),
    ...(values['request-id-header'] ? { requestIdHeader: true } : {}),
    ...(values['answer-extras'] ? { answerExtras: true } : {}),
  };
}

export function banner(url: string, config: SimConfig): string {
  return [
    `Trending API simulator listening on ${url}`,
    `  speed ${config.speed}x, rate limit ${config.rateLimitPerMinute || 'off'}${config.rateLimitPerMinute ? '/min per key' : ''}, inspection at ${url}/_sim/state`,
    '  Test API keys (fake, local only):',
    `    ${DEFAULT_API_KEYS.pro}        pro: API + MCP, all templates, 10,000 credits`,
    `    ${DEFAULT_API_KEYS.starter}    starter: no API access, rants only, 50 credits`,
    `    ${DEFAULT_API_KEYS.poor}       creator: API, all templates, 20 credits`,
    `    ${DEFAULT_API_KEYS.storyOnly}  story plan: API, story only, 1,000 credits`,
    `  Signed trigger: id ${DEFAULT_TRIGGER.id}, secret ${DEFAULT_TRIGGER.secret} (pro account)`,
    '',
  ].join('\n');
}

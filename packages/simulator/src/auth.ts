/**
 * Who is calling: API keys (Bearer, X-Trending-Api-Key, X-Api-Key, and body api_key on triggers/videos only), signed
 * triggers (HMAC over `{timestamp}.{raw body}`, 300 s window on the wall clock, optional nonce, optional CIDRs), the
 * plan gates, and per-key / per-trigger rate limits.
 */
import { BlockList, isIPv4, isIPv6 } from 'node:net';
import { MCP_CLIENT_HEADER, MCP_CLIENT_VALUE, UPGRADE_URL, type Account, type Trigger } from './accounts';
import { ApiError } from './errors';
import { header, type Ctx } from './http';
import { NONCE_REPLAY, SIGNATURE_WINDOW_SECONDS } from './rules/triggers';
import { sameSignature, signatureV1 } from './signing';

/** Nonces are remembered a little longer than the timestamp window, after which the timestamp check refuses replays. */
const NONCE_TTL_MS = 2 * SIGNATURE_WINDOW_SECONDS.value * 1000;

export function headerApiKey(ctx: Ctx): string | undefined {
  const authorization = header(ctx, 'authorization');
  if (authorization !== undefined) {
    const m = /^Bearer\s+(.*)$/i.exec(authorization.trim());
    const key = m?.[1]?.trim();
    if (key) return key;
  }
  return header(ctx, 'x-trending-api-key')?.trim() || header(ctx, 'x-api-key')?.trim() || undefined;
}

export function accountForKey(ctx: Ctx, key: string | undefined): Account {
  if (key === undefined || key === '') {
    throw new ApiError(
      401,
      'missing_api_key',
      'Send your API key as Authorization: Bearer YOUR_API_KEY (or X-Trending-Api-Key / X-Api-Key).',
    );
  }
  const account = ctx.sim.accountByKey(key);
  if (!account)
    throw new ApiError(
      401,
      'invalid_api_key',
      'The API key is wrong or revoked. Create a new one at /dashboard/developer/api-keys.',
    );
  return account;
}

export function isMcpRequest(ctx: Ctx): boolean {
  return header(ctx, MCP_CLIENT_HEADER)?.trim().toLowerCase() === MCP_CLIENT_VALUE;
}

/** The two plan gates every API route applies (readiness reports them instead). */
export function enforcePlan(ctx: Ctx, account: Account): void {
  if (!account.apiAccess) {
    throw new ApiError(403, 'membership_api_required', 'Your current plan does not include API access.', {
      plan_code: account.planCode,
      upgrade_url: UPGRADE_URL,
    });
  }
  if (ctx.isMcp && !account.mcpAccess) {
    throw new ApiError(403, 'membership_mcp_required', 'MCP-identified requests need an MCP-enabled plan.', {
      plan_code: account.planCode,
      upgrade_url: UPGRADE_URL,
    });
  }
}

export function enforceRateLimit(ctx: Ctx, bucket: string): Record<string, string> {
  const decision = ctx.sim.rateLimiter.take(bucket, ctx.sim.config.rateLimitPerMinute);
  if (decision.limit === 0) return {};
  const headers = { 'x-ratelimit-limit': String(decision.limit), 'x-ratelimit-remaining': String(decision.remaining) };
  if (!decision.allowed) {
    throw new ApiError(
      429,
      'rate_limited',
      `Too many requests; retry after ${decision.retryAfterSeconds} seconds.`,
      { retry_after_seconds: decision.retryAfterSeconds, limit_per_minute: decision.limit },
      { ...headers, 'retry-after': String(decision.retryAfterSeconds) },
    );
  }
  return headers;
}

function invalidSignature(message: string, reason: string): ApiError {
  return new ApiError(401, 'invalid_signature', message, { reason });
}

export function verifySignedTrigger(ctx: Ctx): Trigger {
  const id = header(ctx, 'x-trending-trigger')?.trim();
  const timestamp = header(ctx, 'x-trending-timestamp')?.trim() ?? '';
  const signature = header(ctx, 'x-trending-signature-v1')?.trim() ?? '';
  if (!id || !timestamp || !signature) {
    throw invalidSignature(
      'Signed triggers need X-Trending-Trigger, X-Trending-Timestamp and X-Trending-Signature-V1 headers.',
      'missing_headers',
    );
  }
  const trigger = ctx.sim.triggers.get(id);
  if (!trigger) throw invalidSignature('Unknown trigger or wrong signature.', 'unknown_trigger');
  const ts = /^[0-9]{1,12}$/.test(timestamp) ? Number(timestamp) : NaN;
  const nowMs = Date.now();
  if (!Number.isFinite(ts) || Math.abs(nowMs / 1000 - ts) > SIGNATURE_WINDOW_SECONDS.value) {
    throw invalidSignature(
      'X-Trending-Timestamp must be Unix seconds within 5 minutes of the current time; check the sender clock.',
      'timestamp_outside_window',
    );
  }
  if (!sameSignature(signatureV1(trigger.secret, timestamp, ctx.body), signature)) {
    throw invalidSignature(
      'The signature does not match. Compute HMAC-SHA256 over "{timestamp}.{raw body}" with the trigger secret, on the exact bytes sent.',
      'signature_mismatch',
    );
  }
  if (!addressAllowed(trigger.allowedCidrs, ctx.req.socket.remoteAddress ?? '')) {
    throw new ApiError(403, 'ip_not_allowed', 'This trigger only accepts requests from its allowed IP ranges.', {
      trigger_id: trigger.id,
    });
  }
  const nonce = header(ctx, 'x-trending-nonce')?.trim();
  if (nonce) {
    for (const [n, seenAt] of trigger.nonces) if (nowMs - seenAt > NONCE_TTL_MS) trigger.nonces.delete(n);
    if (trigger.nonces.has(nonce)) {
      throw new ApiError(
        401,
        NONCE_REPLAY.value,
        'This X-Trending-Nonce was already used; send a fresh nonce with every request.',
      );
    }
    trigger.nonces.set(nonce, nowMs);
  }
  return trigger;
}

export function parseCidrs(cidrs: unknown): string[] {
  if (cidrs === undefined || cidrs === null) return [];
  if (!Array.isArray(cidrs)) throw new TypeError('allowed_cidrs must be an array of CIDR strings');
  for (const c of cidrs) toBlockList([c]);
  return cidrs as string[];
}

function toBlockList(cidrs: readonly unknown[]): BlockList {
  const list = new BlockList();
  for (const c of cidrs) {
    const [net = '', bits] = typeof c === 'string' ? c.split('/') : [];
    const family = isIPv4(net) ? 'ipv4' : isIPv6(net) ? 'ipv6' : null;
    const prefix = bits === undefined ? (family === 'ipv4' ? 32 : 128) : Number(bits);
    if (!family || !Number.isInteger(prefix) || prefix < 0 || prefix > (family === 'ipv4' ? 32 : 128)) {
      throw new TypeError(`invalid CIDR ${JSON.stringify(c)}`);
    }
    list.addSubnet(net, prefix, family);
  }
  return list;
}

function addressAllowed(cidrs: string[], remote: string): boolean {
  if (cidrs.length === 0) return true;
  const address = remote.startsWith('::ffff:') && isIPv4(remote.slice(7)) ? remote.slice(7) : remote;
  const family = isIPv4(address) ? 'ipv4' : 'ipv6';
  return toBlockList(cidrs).check(address, family);
}

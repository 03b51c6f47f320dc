/**
 * The inspection and control API under /_sim (no auth, no chaos, not in the request log): state, received requests,
 * reset, config, clock advance, triggers and accounts. The same operations are on the code handle.
 */
import { randomBytes } from 'node:crypto';
import type { Account } from '../accounts';
import { parseCidrs } from '../auth';
import { ConfigError } from '../config';
import { ApiError, fieldError } from '../errors';
import { jsonBody, ok, type Ctx, type Reply } from '../http';
import type { Route } from '../router';
import { TEMPLATE_IDS, isTemplateId, type TemplateId } from '../rules/templates';
import type { Sim } from '../sim';

export interface TriggerInput {
  trigger_id?: string;
  secret?: string;
  /** Owner; defaults to the pro account. */
  api_key?: string;
  allowed_cidrs?: string[];
}

export interface AccountInput {
  api_key: string;
  name?: string;
  plan_code?: string;
  plan_label?: string;
  api_access?: boolean;
  mcp_access?: boolean;
  allowed_templates?: string[];
  /** Sets the ledger balance. */
  credits?: number;
  storage_quota_bytes?: number;
  storage_used_bytes?: number;
}

/** A refused control-API value: 422 validation_failed with the field in `error.details`, like the API's own. */
function bad(field: string, message: string): ApiError {
  return fieldError(field, message);
}

function onlyKeys(input: object, allowed: readonly string[]): void {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw bad('body', 'Send a JSON object.');
  for (const key of Object.keys(input)) {
    if (!allowed.includes(key)) throw bad(key, `unknown key ${JSON.stringify(key)} (known: ${allowed.join(', ')})`);
  }
}

function optionalString(input: Record<string, unknown>, key: string): void {
  const v = input[key];
  if (v !== undefined && (typeof v !== 'string' || v === '')) throw bad(key, `${key} must be a non-empty string`);
}

function optionalBoolean(input: Record<string, unknown>, key: string): void {
  const v = input[key];
  if (v !== undefined && typeof v !== 'boolean') throw bad(key, `${key} must be true or false`);
}

function optionalCount(input: Record<string, unknown>, key: string): void {
  const v = input[key];
  if (v !== undefined && (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0)) {
    throw bad(key, `${key} must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}`);
  }
}

const TRIGGER_KEYS = ['trigger_id', 'secret', 'api_key', 'allowed_cidrs'] as const;
const ACCOUNT_KEYS = [
  'api_key',
  'name',
  'plan_code',
  'plan_label',
  'api_access',
  'mcp_access',
  'allowed_templates',
  'credits',
  'storage_quota_bytes',
  'storage_used_bytes',
] as const;

export function createTrigger(sim: Sim, input: TriggerInput): Record<string, unknown> {
  onlyKeys(input, TRIGGER_KEYS);
  const fields = input as Record<string, unknown>;
  for (const key of ['trigger_id', 'secret', 'api_key']) optionalString(fields, key);
  const owner = sim.accountByKey(input.api_key ?? 'sk_test_pro');
  if (!owner) throw bad('api_key', 'api_key does not name an account');
  let cidrs: string[];
  try {
    cidrs = parseCidrs(input.allowed_cidrs);
  } catch (e) {
    throw bad('allowed_cidrs', (e as Error).message);
  }
  const id = input.trigger_id ?? `trg_${randomBytes(6).toString('hex')}`;
  const secret = input.secret ?? `whsec_${randomBytes(24).toString('hex')}`;
  sim.triggers.set(id, { id, secret, accountId: owner.id, allowedCidrs: cidrs, nonces: new Map() });
  return { trigger_id: id, secret, account_id: owner.id, allowed_cidrs: cidrs };
}

export function upsertAccount(sim: Sim, input: AccountInput): Record<string, unknown> {
  onlyKeys(input, ACCOUNT_KEYS);
  if (typeof input.api_key !== 'string' || input.api_key === '') throw bad('api_key', 'api_key is required');
  const fields = input as unknown as Record<string, unknown>;
  for (const key of ['name', 'plan_code', 'plan_label']) optionalString(fields, key);
  for (const key of ['api_access', 'mcp_access']) optionalBoolean(fields, key);
  for (const key of ['credits', 'storage_quota_bytes', 'storage_used_bytes']) optionalCount(fields, key);
  let account = sim.accountByKey(input.api_key);
  if (!account) {
    account = {
      id: Math.max(...sim.accounts.map((a) => a.id)) + 1,
      name: input.name ?? 'Test account',
      apiKey: input.api_key,
      planCode: 'pro',
      planLabel: 'Pro',
      apiAccess: true,
      mcpAccess: true,
      allowedTemplates: [...TEMPLATE_IDS],
      balance: 0,
      storageQuotaBytes: sim.accounts[0]?.storageQuotaBytes ?? 0,
      storageUsedBytes: 0,
    };
    sim.accounts.push(account);
  }
  const templates = input.allowed_templates;
  if (templates !== undefined && (!Array.isArray(templates) || !templates.every(isTemplateId))) {
    throw bad('allowed_templates', `allowed_templates must list templates from: ${TEMPLATE_IDS.join(', ')}`);
  }
  const a: Account = account;
  if (input.name !== undefined) a.name = input.name;
  if (input.plan_code !== undefined) a.planCode = input.plan_code;
  if (input.plan_label !== undefined) a.planLabel = input.plan_label;
  if (input.api_access !== undefined) a.apiAccess = input.api_access;
  if (input.mcp_access !== undefined) a.mcpAccess = input.mcp_access;
  if (templates !== undefined) a.allowedTemplates = templates as TemplateId[];
  if (input.credits !== undefined) a.balance = input.credits;
  if (input.storage_quota_bytes !== undefined) a.storageQuotaBytes = input.storage_quota_bytes;
  if (input.storage_used_bytes !== undefined) a.storageUsedBytes = input.storage_used_bytes;
  return sim.accountView(a);
}

function configError(e: unknown): never {
  if (e instanceof ConfigError) throw bad(e.field, e.message);
  throw e;
}

function configure(ctx: Ctx): Reply {
  try {
    return ok({ config: ctx.sim.configure(jsonBody(ctx)) });
  } catch (e) {
    configError(e);
  }
}

function advance(ctx: Ctx): Reply {
  const body = jsonBody(ctx);
  onlyKeys(body, ['seconds']);
  try {
    ctx.sim.advance(body.seconds as number);
  } catch (e) {
    configError(e);
  }
  return ok({ now: new Date(ctx.sim.apiNow()).toISOString() });
}

function requests(ctx: Ctx): Reply {
  const raw = ctx.url.searchParams.get('limit') ?? '0';
  if (!/^[0-9]{1,9}$/.test(raw)) throw bad('limit', 'limit must be a whole number (0 = all)');
  const limit = Number(raw);
  const all = ctx.sim.requestLog.list();
  return ok({ requests: limit > 0 ? all.slice(-limit) : all });
}

export const adminRoutes: readonly Route[] = [
  { method: 'GET', path: '/_sim/state', auth: 'none', body: 'none', handler: (ctx) => ok(ctx.sim.snapshot()) },
  { method: 'GET', path: '/_sim/requests', auth: 'none', body: 'none', handler: requests },
  {
    method: 'POST',
    path: '/_sim/reset',
    auth: 'none',
    body: 'json',
    handler: (ctx) => {
      ctx.sim.reset();
      return ok({ reset: true });
    },
  },
  { method: 'GET', path: '/_sim/config', auth: 'none', body: 'none', handler: (ctx) => ok({ config: ctx.sim.config }) },
  { method: 'POST', path: '/_sim/config', auth: 'none', body: 'json', handler: configure },
  { method: 'POST', path: '/_sim/advance', auth: 'none', body: 'json', handler: advance },
  {
    method: 'POST',
    path: '/_sim/triggers',
    auth: 'none',
    body: 'json',
    handler: (ctx) => ok(createTrigger(ctx.sim, jsonBody(ctx) as TriggerInput), 201),
  },
  {
    method: 'POST',
    path: '/_sim/accounts',
    auth: 'none',
    body: 'json',
    handler: (ctx) => ok({ account: upsertAccount(ctx.sim, jsonBody(ctx) as unknown as AccountInput) }),
  },
];

/**
 * The simulator's accounts, keys and signed triggers. Every value here is an obviously fake test value, printed at
 * startup and documented in the README, so tests and demos can rely on them.
 */
import { TEMPLATE_IDS, type TemplateId } from './rules/templates';

export interface Account {
  id: number;
  name: string;
  apiKey: string;
  planCode: string;
  planLabel: string;
  apiAccess: boolean;
  mcpAccess: boolean;
  allowedTemplates: TemplateId[];
  /** Credits on the ledger; what can be spent is this minus active holds. */
  balance: number;
  storageQuotaBytes: number;
  storageUsedBytes: number;
}

export interface Trigger {
  id: string;
  secret: string;
  accountId: number;
  /** Empty: any source address. */
  allowedCidrs: string[];
  /** Nonce -> wall-clock ms first seen; replays inside the window are refused. */
  nonces: Map<string, number>;
}

export const DEFAULT_API_KEYS = {
  pro: 'sk_test_pro',
  starter: 'sk_test_starter',
  poor: 'sk_test_poor',
  storyOnly: 'sk_test_storyonly',
} as const;

export const DEFAULT_TRIGGER = { id: 'trg_test', secret: 'whsec_trigger_test' } as const;

/** Header that marks a request as coming from an MCP client (gated by the plan's mcp_access). */
export const MCP_CLIENT_HEADER = 'x-trending-client';
export const MCP_CLIENT_VALUE = 'mcp';

export const UPGRADE_URL = 'https://trending.com/pricing';

export function defaultAccounts(storageQuotaBytes: number): Account[] {
  const all = [...TEMPLATE_IDS];
  const base = { storageQuotaBytes, storageUsedBytes: 0 };
  return [
    {
      id: 1,
      name: 'Pro test account',
      apiKey: DEFAULT_API_KEYS.pro,
      planCode: 'pro',
      planLabel: 'Pro',
      apiAccess: true,
      mcpAccess: true,
      allowedTemplates: all,
      balance: 10_000,
      ...base,
    },
    {
      id: 2,
      name: 'Starter test account',
      apiKey: DEFAULT_API_KEYS.starter,
      planCode: 'starter',
      planLabel: 'Starter',
      apiAccess: false,
      mcpAccess: false,
      allowedTemplates: ['rants'],
      balance: 50,
      ...base,
    },
    {
      id: 3,
      name: 'Low-credit test account',
      apiKey: DEFAULT_API_KEYS.poor,
      planCode: 'creator',
      planLabel: 'Creator',
      apiAccess: true,
      mcpAccess: false,
      allowedTemplates: all,
      balance: 20,
      ...base,
    },
    {
      id: 4,
      name: 'Story-only test account',
      apiKey: DEFAULT_API_KEYS.storyOnly,
      planCode: 'story',
      planLabel: 'Story',
      apiAccess: true,
      mcpAccess: false,
      allowedTemplates: ['story'],
      balance: 1_000,
      ...base,
    },
  ];
}

export function defaultTriggers(): Trigger[] {
  return [{ ...DEFAULT_TRIGGER, accountId: 1, allowedCidrs: [], nonces: new Map() }];
}

/** Only the last characters: enough to tell keys apart in inspection output without printing a credential. */
export function keyHint(key: string): string {
  return `…${key.slice(-4)}`;
}

/**
 * Bodies for POST /api/v1/cost-estimate and POST /api/v1/account/readiness built from a create body, and a fail-fast
 * reading of the readiness answer, so a face can stop before create with a plain reason.
 */
import type { TemplateId } from './catalogue/types';

export interface PreflightRequest {
  template: TemplateId;
  request: Record<string, unknown>;
}

/**
 * `name` and `webhook` do not change the price or the account's readiness; dropping them also keeps webhook.secret
 * (and a trigger body's api_key) out of requests that have no use for them.
 */
const NOT_FOR_PREFLIGHT = new Set(['name', 'webhook', 'api_key', 'idempotency_key', 'video_type']);

function preflightRequest(template: TemplateId, createBody: Readonly<Record<string, unknown>>): PreflightRequest {
  const request: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(createBody)) {
    if (!NOT_FOR_PREFLIGHT.has(key)) request[key] = value;
  }
  return { template, request };
}

export function buildCostEstimateRequest(
  template: TemplateId,
  createBody: Readonly<Record<string, unknown>>,
): PreflightRequest {
  return preflightRequest(template, createBody);
}

export function buildReadinessRequest(
  template: TemplateId,
  createBody: Readonly<Record<string, unknown>>,
): PreflightRequest {
  return preflightRequest(template, createBody);
}

/** POST /api/v1/account/readiness response; every member optional so a partial answer never throws. */
export interface ReadinessResponse {
  account?: {
    plan_code?: string;
    plan_label?: string;
    api_access?: boolean;
    mcp_access?: boolean;
    available_credits?: number;
    allowed_templates?: readonly string[];
  };
  template_readiness?: {
    template?: string;
    template_access?: boolean;
    required_credits?: number;
    available_credits?: number;
    credits_needed?: number;
    ready_to_create?: boolean;
  };
}

export type ReadinessBlocker = 'membership_api_required' | 'membership_template_required' | 'insufficient_credits';

export interface ReadinessShortfall {
  ready: boolean;
  /** The most fundamental blocker: plan access before template access before credits. */
  reason?: ReadinessBlocker;
  /** Every blocker found, in that order, in plain words. */
  message?: string;
  creditsNeeded?: number;
}

export function readinessShortfall(response: ReadinessResponse): ReadinessShortfall {
  const account = response.account ?? {};
  const readiness = response.template_readiness ?? {};
  const plan = account.plan_label ?? account.plan_code;
  const planText = plan === undefined ? 'the current plan' : `the ${plan} plan`;
  const blockers: { reason: ReadinessBlocker; text: string }[] = [];

  if (account.api_access === false) {
    blockers.push({ reason: 'membership_api_required', text: `${planText} does not include API access` });
  }
  if (readiness.template_access === false) {
    const template = readiness.template ?? 'this';
    const allowed = account.allowed_templates?.length ? ` (it allows: ${account.allowed_templates.join(', ')})` : '';
    blockers.push({
      reason: 'membership_template_required',
      text: `${planText} does not include the ${template} template${allowed}`,
    });
  }
  const required = readiness.required_credits;
  const available = readiness.available_credits ?? account.available_credits;
  const shortBy =
    readiness.credits_needed ??
    (required !== undefined && available !== undefined ? Math.max(0, required - available) : undefined);
  if (shortBy !== undefined && shortBy > 0) {
    const text =
      required !== undefined && available !== undefined
        ? `needs ${required} credits, ${available} available: ${shortBy} short`
        : `needs ${shortBy} more credits`;
    blockers.push({ reason: 'insufficient_credits', text });
  }

  const first = blockers[0];
  if (first === undefined) {
    return readiness.ready_to_create === false
      ? { ready: false, message: 'the account is not ready to create this video (the API gave no reason)' }
      : { ready: true };
  }
  return {
    ready: false,
    reason: first.reason,
    message: blockers.map((b) => b.text).join('; '),
    ...(shortBy !== undefined && shortBy > 0 ? { creditsNeeded: shortBy } : {}),
  };
}

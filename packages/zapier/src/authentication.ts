/**
 * Custom auth with a Trending API key. The connection test proves the key and the plan's API access (the readiness
 * endpoint answers both), and the connection is labelled by plan, never by anything derived from the key.
 */
import { readinessShortfall } from '@trending/core';
import type { Authentication, Bundle, HttpRequestOptions, ZObject } from 'zapier-platform-core';
import { guard } from './errors';
import { apiBaseUrl, clientFor } from './transport';

interface AccountSummary {
  plan_label: string | null;
  plan_code: string | null;
  available_credits: number | null;
  allowed_templates: string[];
}

async function testAuth(z: ZObject, bundle: Bundle): Promise<AccountSummary> {
  // Any template works for the question "may this key use the API": the account block answers it.
  const answer = await clientFor(z, bundle).checkReadiness('story', { preview_only: true });
  if (answer.account?.api_access === false) {
    const { message } = readinessShortfall({ account: answer.account });
    throw new z.errors.Error(
      `This API key works, but ${message ?? 'the plan does not include API access'}. Upgrade your Trending plan to use it from Zapier.`,
      'membership_api_required',
      403,
    );
  }
  return {
    plan_label: answer.account?.plan_label ?? null,
    plan_code: answer.account?.plan_code ?? null,
    available_credits: answer.account?.available_credits ?? null,
    allowed_templates: [...(answer.account?.allowed_templates ?? [])],
  };
}

/**
 * Shown next to the connection in Zapier. The readiness answer is all the API documents about an account (plan, access
 * flags, credits, allowed templates): no name, email or ID. So the label is the plan, the one stable fact there, and
 * never anything derived from the key; two connections on the same plan need Zapier's own rename to tell apart.
 */
async function connectionLabel(_z: ZObject, bundle: Bundle): Promise<string> {
  const account = bundle.inputData as Partial<AccountSummary>;
  const plan = account.plan_label ?? account.plan_code;
  return plan ? `Trending (${plan} plan)` : 'Trending';
}

export const authentication: Authentication = {
  type: 'custom',
  fields: [
    {
      key: 'api_key',
      label: 'API Key',
      type: 'password',
      required: true,
      helpText:
        'Create a key at [Developer > API keys](https://trending.com/dashboard/developer/api-keys) in your Trending dashboard (it is shown once). ' +
        'Your plan must include API access. Anyone with the key can spend your credits: revoke it there if it leaks.',
    },
  ],
  test: guard(testAuth),
  connectionLabel,
};

/**
 * Adds the API key to requests for Trending's API and only to those: the signed render URLs (also on Trending's host,
 * outside /api/) and file URLs from Zapier must never receive it. Core's client sets the same header on its requests;
 * this keeps any other request to the API authenticated and strips the key from anything else.
 */
export function addApiKey(request: HttpRequestOptions & { url: string }, _z: ZObject, bundle: Bundle) {
  const headers = { ...(request.headers ?? {}) };
  for (const name of Object.keys(headers)) if (name.toLowerCase() === 'authorization') delete headers[name];
  const key = bundle.authData?.api_key;
  if (key && isApiUrl(request.url)) headers.authorization = `Bearer ${key}`;
  return { ...request, headers };
}

function isApiUrl(url: string): boolean {
  try {
    return url.startsWith(`${apiBaseUrl()}/api/`);
  } catch {
    // An unusable TRENDING_API_BASE_URL fails the request itself with a clear message; here it only means "not the API".
    return false;
  }
}

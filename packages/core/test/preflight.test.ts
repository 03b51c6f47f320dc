import { describe, expect, it } from 'vitest';
import { buildCostEstimateRequest, buildReadinessRequest, readinessShortfall } from '../src/preflight';

const createBody = {
  name: 'Keycard',
  prompt: 'A short scary story about a hotel keycard.',
  preview_only: false,
  script: { images_requested: 12 },
  webhook: { url: 'https://example.com/webhooks/trending', secret: 'whsec_123' },
};

describe('preflight request bodies', () => {
  it('wraps the create body for cost estimates, without name and webhook', () => {
    expect(buildCostEstimateRequest('story', createBody)).toEqual({
      template: 'story',
      request: {
        prompt: 'A short scary story about a hotel keycard.',
        preview_only: false,
        script: { images_requested: 12 },
      },
    });
  });

  it('builds the same shape for readiness', () => {
    expect(buildReadinessRequest('rants', { preview_only: true, prompt: 'A rant about fake friends.' })).toEqual({
      template: 'rants',
      request: { preview_only: true, prompt: 'A rant about fake friends.' },
    });
  });

  it("keeps a trigger body's api_key and idempotency key out, and leaves the input untouched", () => {
    const trigger = { ...createBody, api_key: 'sk_live', idempotency_key: 'k1', video_type: 'story' };
    const { request } = buildReadinessRequest('story', trigger);
    expect(Object.keys(request).sort()).toEqual(['preview_only', 'prompt', 'script']);
    expect(JSON.stringify(request)).not.toMatch(/sk_live|whsec_123/);
    expect(trigger.webhook.secret).toBe('whsec_123');
  });
});

describe('readinessShortfall', () => {
  const referenceExample = {
    account: {
      plan_code: 'starter',
      plan_label: 'Starter',
      api_access: false,
      mcp_access: false,
      available_credits: 50,
      allowed_templates: ['rants'],
    },
    template_readiness: {
      template: 'rants',
      template_access: true,
      required_credits: 54,
      available_credits: 50,
      credits_needed: 4,
      ready_to_create: false,
    },
  };
  const withApi = { ...referenceExample, account: { ...referenceExample.account, api_access: true } };

  it("reads the reference's example: no API access first, then the credit shortfall", () => {
    expect(readinessShortfall(referenceExample)).toEqual({
      ready: false,
      reason: 'membership_api_required',
      message: 'the Starter plan does not include API access; needs 54 credits, 50 available: 4 short',
      creditsNeeded: 4,
    });
  });

  it('reports a credit shortfall on its own', () => {
    expect(readinessShortfall(withApi)).toEqual({
      ready: false,
      reason: 'insufficient_credits',
      message: 'needs 54 credits, 50 available: 4 short',
      creditsNeeded: 4,
    });
  });

  it('works out the shortfall when credits_needed is missing', () => {
    const { credits_needed: _omit, ...readiness } = withApi.template_readiness;
    expect(readinessShortfall({ ...withApi, template_readiness: readiness }).creditsNeeded).toBe(4);
  });

  it('names the allowed templates when the template is not in the plan', () => {
    const result = readinessShortfall({
      account: { ...withApi.account, available_credits: 500 },
      template_readiness: {
        template: 'story',
        template_access: false,
        required_credits: 183,
        credits_needed: 0,
        ready_to_create: false,
      },
    });
    expect(result).toEqual({
      ready: false,
      reason: 'membership_template_required',
      message: 'the Starter plan does not include the story template (it allows: rants)',
    });
  });

  it('is ready when nothing blocks', () => {
    expect(
      readinessShortfall({
        account: { api_access: true, available_credits: 500 },
        template_readiness: {
          template: 'rants',
          template_access: true,
          required_credits: 54,
          credits_needed: 0,
          ready_to_create: true,
        },
      }),
    ).toEqual({ ready: true });
  });

  it('is not ready when the API says so without a reason', () => {
    const result = readinessShortfall({
      account: { api_access: true },
      template_readiness: { ready_to_create: false },
    });
    expect(result.ready).toBe(false);
    expect(result.reason).toBeUndefined();
    expect(result.message).toMatch(/not ready/);
  });

  it('survives an empty response', () => {
    expect(readinessShortfall({})).toEqual({ ready: true });
  });
});

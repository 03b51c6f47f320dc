/**
 * What Create asks Trending before creating, only when the user turned it on: readiness (Check Credits First) and the
 * cost estimate (Max Credits). Either stops the item with nothing created.
 */
import {
  guardCreateSpend,
  readinessShortfall,
  TrendingError,
  type CreateVideoBody,
  type SpendQuote,
  type TemplateId,
  type TrendingClient,
} from '../../core';

export async function checkReadinessFirst(
  client: TrendingClient,
  template: TemplateId,
  body: CreateVideoBody,
  signal?: AbortSignal,
): Promise<void> {
  const readiness = await client.checkReadiness(template, body, { signal });
  const shortfall = readinessShortfall(readiness);
  if (shortfall.ready) return;
  throw new TrendingError({
    code: shortfall.reason ?? 'not_ready',
    message: `Trending cannot create this ${template} video right now: ${shortfall.message ?? 'not ready'}.`,
    hint:
      shortfall.reason === 'insufficient_credits'
        ? `Add at least ${shortfall.creditsNeeded ?? 'the missing'} credits at https://trending.com/dashboard/billing, or lower the cost (fewer slides, Preview Only).`
        : 'Check your plan at https://trending.com/dashboard (POST /api/v1/account/readiness shows what is missing).',
    details: { ...readiness, credits_needed: shortfall.creditsNeeded },
    requestId: readiness.request_id,
  });
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** Max Credits: quote the create and refuse above it (core's guardCreateSpend); undefined when no limit is set. */
export async function guardMaxCredits(
  client: TrendingClient,
  template: TemplateId,
  body: CreateVideoBody,
  maxCredits: unknown,
): Promise<SpendQuote | undefined> {
  if (isBlank(maxCredits)) return undefined;
  // An expression may hand over text ("250"); anything else that is not a number is refused by core, naming the option.
  const limit = typeof maxCredits === 'string' ? Number(maxCredits.trim()) : maxCredits;
  return await guardCreateSpend(client, template, body, limit as number);
}

/**
 * The spend guard: before anything that charges credits, quote it and refuse above the caller's maximum, so an
 * automation running unattended over thousands of rows cannot turn a mistake into a bill. Nothing is sent to the
 * charging endpoint when the quote is over the maximum or cannot be read.
 */
import type { TemplateId } from './catalogue/types';
import type { CostEstimate, CreateVideoBody, JsonObject } from './client/types';
import { TrendingError } from './errors';

/** "Current pricing is a fixed 10 credits per derived second." */
const SLIDE_ANIMATION_CREDITS_PER_SECOND = 10;

export interface SpendQuote {
  credits: number;
  maxCredits: number;
}

function overLimit(what: string, quote: SpendQuote, details: unknown): TrendingError {
  return new TrendingError({
    code: 'spend_limit_exceeded',
    message: `${what} is estimated at ${quote.credits} credits, above the maximum of ${quote.maxCredits}: nothing was sent.`,
    details,
    hint: 'Raise Max Credits if this spend is intended, or ask for less (fewer slides, preview only).',
    retryable: false,
  });
}

function checkMaxCredits(maxCredits: unknown): number {
  if (typeof maxCredits === 'number' && Number.isFinite(maxCredits) && maxCredits >= 0) return maxCredits;
  throw new TrendingError({
    code: 'validation_failed',
    message: 'Max Credits must be a number of credits, 0 or more.',
    details: { violations: [{ path: 'maxCredits', rule: 'type', message: 'Max Credits must be 0 or more' }] },
    retryable: false,
  });
}

interface EstimateSource {
  estimateCost(template: TemplateId, body: CreateVideoBody): Promise<CostEstimate>;
}

/** Quotes a create (POST /api/v1/cost-estimate) and throws `spend_limit_exceeded` above `maxCredits`. */
export async function guardCreateSpend(
  client: EstimateSource,
  template: TemplateId,
  body: CreateVideoBody,
  maxCredits: number,
): Promise<SpendQuote> {
  const max = checkMaxCredits(maxCredits);
  const { estimate } = await client.estimateCost(template, body);
  const total = estimate?.total_credits;
  if (typeof total !== 'number' || !Number.isFinite(total)) {
    throw new TrendingError({
      code: 'invalid_response',
      message: 'The cost estimate has no estimate.total_credits, so Max Credits cannot be checked: nothing was sent.',
      retryable: true,
    });
  }
  const quote = { credits: total, maxCredits: max };
  if (total > max) throw overLimit(`This ${template} video`, quote, { estimate, max_credits: max });
  return quote;
}

function numberOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** The slides of a slide-animations answer: the reference names the content, not the key that holds it. */
function slidesOf(list: JsonObject): JsonObject[] {
  for (const key of ['slides', 'slide_animations', 'animations', 'items', 'data']) {
    const value = list[key];
    if (Array.isArray(value)) return value.filter((s): s is JsonObject => typeof s === 'object' && s !== null);
  }
  return [];
}

/**
 * One slide's credit estimate from GET .../slide-animations ("review per-slide costs/status"): a credits field when
 * the answer has one, else its derived seconds at the documented 10 credits per second. Undefined when neither is there.
 */
export function slideAnimationCredits(list: JsonObject, slideIndex: number): number | undefined {
  const slide = slidesOf(list).find((s) => s.slide_index === slideIndex || s.index === slideIndex);
  if (slide === undefined) return undefined;
  for (const key of ['estimated_credits', 'credits', 'estimate_credits', 'cost_credits']) {
    const credits = numberOf(slide[key]);
    if (credits !== undefined) return credits;
  }
  const seconds = numberOf(slide.duration_seconds) ?? numberOf(slide.seconds);
  return seconds === undefined ? undefined : seconds * SLIDE_ANIMATION_CREDITS_PER_SECOND;
}

/** "Always show the per-slide credit estimate and require explicit user approval": the approval is `maxCredits`. */
export function guardSlideAnimationSpend(list: JsonObject, slideIndex: number, maxCredits: number): SpendQuote {
  const max = checkMaxCredits(maxCredits);
  const credits = slideAnimationCredits(list, slideIndex);
  if (credits === undefined) {
    throw new TrendingError({
      code: 'invalid_response',
      message: `The slide animations list shows no credit estimate for slide ${slideIndex}, so Max Credits cannot be checked: nothing was sent.`,
      hint: 'Check the slide index against List Slide Animations.',
      retryable: false,
    });
  }
  const quote = { credits, maxCredits: max };
  if (credits > max)
    throw overLimit(`Animating slide ${slideIndex}`, quote, { slide_index: slideIndex, max_credits: max });
  return quote;
}

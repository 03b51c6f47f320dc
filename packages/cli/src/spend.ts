/**
 * --max-credits: core's spend guard in the command line's words. The quote comes from the cost-estimate endpoint,
 * which needs the API key; nothing that charges is sent when the quote is over the maximum or cannot be read.
 */
import { Option, type Command } from 'commander';
import {
  TrendingError,
  guardCreateSpend,
  isTrendingError,
  type CreateVideoBody,
  type TemplateId,
  type TrendingClient,
} from '@trending/core';
import { UsageError } from './errors';

export function addMaxCreditsOption(command: Command, description: string): Command {
  return command.addOption(new Option('--max-credits <credits>', description));
}

export function parseMaxCredits(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const credits = Number(value);
  if (value.trim() === '' || !Number.isFinite(credits) || credits < 0) {
    throw new UsageError(`--max-credits expects a number of credits, 0 or more, got ${JSON.stringify(value)}`);
  }
  return credits;
}

/** Quotes the request; above `maxCredits` throws spend_limit_exceeded with the estimate. Returns the estimate. */
export async function guardSpend(
  client: TrendingClient,
  template: TemplateId,
  body: CreateVideoBody,
  maxCredits: number,
): Promise<number> {
  try {
    return (await guardCreateSpend(client, template, body, maxCredits)).credits;
  } catch (error) {
    if (!isTrendingError(error) || error.code !== 'spend_limit_exceeded') throw error;
    // Core's hint names the n8n/Zapier setting; here it is a flag.
    throw new TrendingError({
      code: error.code,
      message: error.message,
      details: error.details,
      hint: 'Raise --max-credits if this spend is intended, or ask for less (fewer slides, --preview).',
      retryable: false,
    });
  }
}

/**
 * Max Credits: the spend guard of a Create step. When set, core's guardCreateSpend quotes the request (the cost
 * estimate endpoint) and refuses above the maximum before the create is sent, so a Zap running unattended over many
 * rows cannot turn a mistake (100 slides instead of 10) into a bill.
 */
import {
  classifyError,
  getTemplate,
  guardCreateSpend,
  isTrendingError,
  type CreateVideoBody,
  type TemplateId,
  type TrendingClient,
} from '@trending/core';
import type { PlainInputField, ZObject } from 'zapier-platform-core';
import { readInput } from './fields';

const KEY = 'max_credits';
const LABEL = 'Max Credits';

export const MAX_CREDITS_FIELD: PlainInputField = {
  key: KEY,
  label: LABEL,
  type: 'integer',
  required: false,
  helpText:
    'A spending limit for this step. When set, the step first asks Trending what this video would cost and, if the estimate is above this many credits, stops with the estimate in the message and creates nothing. ' +
    'Leave empty for no limit. The estimate is Trending’s quote; the final charge may differ slightly.',
};

/** The Max Credits input, or undefined when empty; a value that is not 0 or more joins `problems`. */
export function readMaxCredits(inputData: Readonly<Record<string, unknown>>, problems: string[]): number | undefined {
  if (inputData[KEY] === '') return undefined;
  const value = readInput(inputData, KEY, LABEL, 'integer', problems);
  if (typeof value !== 'number') return undefined;
  if (value >= 0) return value;
  problems.push(`${LABEL} (${KEY}) must be 0 or more, got ${value}`);
  return undefined;
}

/** Quotes the request and throws, with the estimate, when it is above Max Credits; nothing is sent then. */
export async function guardSpend(
  z: ZObject,
  client: TrendingClient,
  template: TemplateId,
  body: CreateVideoBody,
  maxCredits: number | undefined,
): Promise<void> {
  if (maxCredits === undefined) return;
  try {
    await guardCreateSpend(client, template, body, maxCredits);
  } catch (error) {
    if (!isTrendingError(error) || error.code !== 'spend_limit_exceeded') throw error;
    const classified = classifyError(error);
    const credits = classified.kind === 'spend_limit' ? classified.estimatedCredits : undefined;
    throw new z.errors.Error(
      `Trending estimates this ${getTemplate(template).label} video at ${credits} credits, above ${LABEL} (${maxCredits}), so it was not created. ` +
        `Raise ${LABEL} if this spend is intended, or ask for less (fewer slides, Preview Only).`,
      error.code,
    );
  }
}

/** Webhook event names, the default (terminal) events, and allowlists with `*` wildcards. */
import type { Stated } from './rule';

export const EVENT_NAME: Stated<string> = {
  value: 'trending.{video_type}.v001.',
  reference: 'trending.{video_type}.v001.completed',
};

/** Delivered when webhook.events is omitted: exactly the run's completed and failed events. */
export const DEFAULT_EVENT_SUFFIXES: Stated<readonly string[]> = {
  value: ['completed', 'failed'],
  reference: 'If omitted, we only deliver terminal events (*.completed and *.failed).',
};

export const WILDCARDS: Stated<string> = {
  value: '*',
  reference: 'webhook.events — optional allowlist (supports * wildcards).',
};

export function eventName(template: string, suffix: string): string {
  return EVENT_NAME.value.replace('{video_type}', template) + suffix;
}

export function defaultEvents(template: string): string[] {
  return DEFAULT_EVENT_SUFFIXES.value.map((suffix) => eventName(template, suffix));
}

/**
 * `*` stands for any run of characters, dots included: the reference's `trending.story.v001.*` admits the Story
 * slide-animation and render events, whose names have more than one segment after v001.
 */
function matches(pattern: string, name: string): boolean {
  const source = pattern
    .split(WILDCARDS.value)
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`).test(name);
}

/** An omitted (null) allowlist is the default terminal pair of the event's own video type. */
export function eventAllowed(name: string, template: string, allowlist: readonly string[] | null): boolean {
  return (allowlist ?? defaultEvents(template)).some((pattern) => matches(pattern, name));
}

/**
 * Outbound webhook event names (`trending.{template}.v001.{suffix}`) and the allowlist patterns of `webhook.events`.
 *
 * Pattern rule: `*` matches any run of characters, dots included; everything else is literal, case-sensitive, and the
 * whole name must match. Because the literal tail must end the name, `trending.*.v001.completed` still does not match
 * `trending.story.v001.render.completed` (that name ends in `.render.completed`), which keeps the reference's default
 * ("terminal events only") apart from the opt-in `render.*` events. A pattern such as `*.completed`, on the other hand,
 * does take in `render.completed`, `slide_animation.completed` and `outro_image.completed`.
 */
import type { TemplateId } from './catalogue/types';

const EVENT_VERSION = 'v001';

/** What the API delivers when `webhook.events` is omitted: each run's completed and failed events. */
export const DEFAULT_EVENT_PATTERNS = ['trending.*.v001.completed', 'trending.*.v001.failed'] as const;

/** Every suffix the reference documents, for any template. */
export const EVENT_SUFFIXES = [
  'queued',
  'started',
  'progress',
  'completed',
  'failed',
  'render.started',
  'render.completed',
  'render.failed',
  'slide_animation.queued',
  'slide_animation.in_progress',
  'slide_animation.deleted',
  'slide_animation.completed',
  'slide_animation.failed',
  'outro_image.queued',
  'outro_image.completed',
  'outro_image.failed',
  'script.generated',
  'script.updated',
] as const;

/** Sub-lifecycles that only one template has, keyed by the suffix's first segment. */
const SUB_LIFECYCLE_TEMPLATE: Readonly<Record<string, TemplateId>> = {
  slide_animation: 'story',
  outro_image: 'story',
  script: 'list',
};

const EVENT_NAME = /^trending\.([a-z0-9_]+)\.(v[0-9]+)\.([a-z0-9_]+(?:\.[a-z0-9_]+)*)$/;

export function eventName(template: string, suffix: string): string {
  return `trending.${template}.${EVENT_VERSION}.${suffix}`;
}

/** Structural parse: unknown templates and suffixes are accepted so that new API events still parse. */
export function parseEventName(name: string): { template: string; version: string; suffix: string } | undefined {
  const match = EVENT_NAME.exec(name);
  if (!match) return undefined;
  const [, template = '', version = '', suffix = ''] = match;
  return { template, version, suffix };
}

export function templateEvents(template: TemplateId): string[] {
  return EVENT_SUFFIXES.filter(
    (suffix) => (SUB_LIFECYCLE_TEMPLATE[suffix.split('.')[0] ?? ''] ?? template) === template,
  ).map((suffix) => eventName(template, suffix));
}

/** The events that end a run of this template: what a waiting execution or callback subscribes to. */
export function runEndEvents(template: string): string[] {
  return [eventName(template, 'completed'), eventName(template, 'failed')];
}

export function matchesEventPattern(pattern: string, eventName: string): boolean {
  // Backtracks to the last `*` only, so it is O(pattern × name) at worst; no RegExp to escape or to blow up.
  let p = 0;
  let s = 0;
  let star = -1;
  let resume = 0;
  while (s < eventName.length) {
    if (pattern[p] === '*') {
      star = p++;
      resume = s;
    } else if (p < pattern.length && pattern[p] === eventName[s]) {
      p++;
      s++;
    } else if (star >= 0) {
      p = star + 1;
      s = ++resume;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}

/** An omitted or empty allowlist means the API's default (terminal run events only). */
export function isEventAllowed(eventName: string, allowlist?: readonly string[]): boolean {
  const patterns = allowlist && allowlist.length > 0 ? allowlist : DEFAULT_EVENT_PATTERNS;
  return patterns.some((pattern) => matchesEventPattern(pattern, eventName));
}

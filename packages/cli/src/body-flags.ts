/**
 * The named flags of a request body, each setting one catalogue path: the one table that the options, the parsing of
 * flags into paths and every message naming a flag read. `--set path=value` reaches every other field.
 */
export interface BodyFlags {
  body?: string;
  set?: string[];
  prompt?: string;
  name?: string;
  preview?: boolean;
  webhookUrl?: string;
  webhookSecret?: string;
  events?: string;
}

export interface NamedFlag {
  /** Commander's syntax: the flag and its argument. */
  syntax: string;
  /** Where commander puts the value. */
  option: keyof BodyFlags;
  path: string;
  help: string;
  env?: string;
}

export const NAMED_BODY_FLAGS: readonly NamedFlag[] = [
  { syntax: '--prompt <text>', option: 'prompt', path: 'prompt', help: 'the video idea' },
  { syntax: '--name <name>', option: 'name', path: 'name', help: 'name of the video in your library' },
  { syntax: '--preview', option: 'preview', path: 'preview_only', help: 'stop before the final render' },
  {
    syntax: '--webhook-url <url>',
    option: 'webhookUrl',
    path: 'webhook.url',
    help: 'URL that receives signed webhooks for this video',
  },
  {
    syntax: '--webhook-secret <secret>',
    option: 'webhookSecret',
    path: 'webhook.secret',
    help: 'secret that signs those webhooks',
    env: 'TRENDING_WEBHOOK_SECRET',
  },
  {
    syntax: '--events <list>',
    option: 'events',
    path: 'webhook.events',
    help: 'comma-separated webhook event allowlist, * wildcards',
  },
];

/** `--webhook-url` for `webhook.url`: the flag alone, without its argument. */
export function flagOf(named: NamedFlag): string {
  return named.syntax.split(' ')[0]!;
}

/** The paths a named flag sets, so help and messages can point at the flag instead. */
export const NAMED_FLAGS: Readonly<Record<string, string>> = Object.fromEntries(
  NAMED_BODY_FLAGS.map((named) => [named.path, flagOf(named)]),
);

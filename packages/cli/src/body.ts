/**
 * Request bodies from the command line: `--body file.json|-` as the base, then `--set path=value`, then the named
 * flags. Text becomes typed values through core's coerceFieldValue, so "12", "yes" and "a,b" mean what they mean in
 * n8n and Zapier too.
 */
import { type Command, Option } from 'commander';
import {
  TEMPLATE_IDS,
  bodyFromEntries,
  coerceFieldValue,
  findField,
  flattenBody,
  validationError,
  type FieldSpec,
  type TemplateId,
  type Violation,
} from '@trending/core';
import { describeFrom, type Describe } from './checks';
import { UsageError } from './errors';
import { NAMED_BODY_FLAGS, NAMED_FLAGS, type BodyFlags } from './body-flags';
import { readJsonObject } from './input';

export type { BodyFlags } from './body-flags';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function addBodyOptions(command: Command): Command {
  command
    .option(
      '--set <path=value>',
      'any catalogue field by its path, e.g. script.images_requested=12 (repeatable)',
      collect,
    )
    .option('--body <file>', 'a JSON request body to start from (- reads stdin); flags override its fields');
  for (const named of NAMED_BODY_FLAGS) {
    const option = new Option(
      named.syntax,
      `${named.help} (${named.path}${named.syntax.includes('<') ? '' : '=true'})`,
    );
    command.addOption(named.env ? option.env(named.env) : option);
  }
  return command;
}

/** Flags as flat `path -> text`, before any template is known (trigger rows pick their template per row). */
export function flagEntries(flags: BodyFlags): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const pair of flags.set ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--set expects path=value, got ${JSON.stringify(pair)}`);
    entries[pair.slice(0, eq).trim()] = pair.slice(eq + 1);
  }
  for (const named of NAMED_BODY_FLAGS) {
    // The secret joins the body only with a webhook URL (withWebhookSecret), so it is not an entry of its own.
    if (named.path === 'webhook.secret') continue;
    const value = flags[named.option];
    if (value === true) entries[named.path] = 'true';
    else if (typeof value === 'string') entries[named.path] = value;
  }
  return entries;
}

/**
 * Adds the webhook secret (often from TRENDING_WEBHOOK_SECRET) to flat entries that set up a webhook and carry no
 * secret of their own: a secret without a webhook URL means nothing, and a row's own secret wins.
 */
export function withWebhookSecret(flat: Record<string, unknown>, secret: string | undefined): Record<string, unknown> {
  const url = flat['webhook.url'];
  if (!secret || url === undefined || url === '' || (flat['webhook.secret'] ?? '') !== '') return flat;
  return { ...flat, 'webhook.secret': secret };
}

/**
 * The field a path names for this template, else the same path of another template: the API accepts another
 * template's option (core warns that it may be ignored), and its type says how to read the text.
 */
function fieldFor(template: TemplateId, path: string): FieldSpec | undefined {
  return findField(template, path) ?? TEMPLATE_IDS.map((other) => findField(other, path)).find(Boolean);
}

/**
 * Typed values for one template. Text goes through coerceFieldValue; values that are already typed (from a JSON body
 * or a JSONL row) are left for validation. A path no template has cannot be typed and is reported, never silently
 * dropped, unless it is in `asIs` (already typed, from a --body file).
 */
export function coerceEntries(
  template: TemplateId,
  entries: Readonly<Record<string, unknown>>,
  describe: (path: string) => string = (path) => path,
  asIs: ReadonlySet<string> = new Set(),
): { values: Record<string, unknown>; violations: Violation[] } {
  const values: Record<string, unknown> = {};
  const violations: Violation[] = [];
  for (const [path, raw] of Object.entries(entries)) {
    const field = fieldFor(template, path);
    if (!field && asIs.has(path)) {
      // Typed JSON from a --body file: sent as given (the reference forbids no extra field); core warns about it.
      values[path] = raw;
      continue;
    }
    if (!field) {
      violations.push({
        path,
        rule: 'unknownForTemplate',
        message: `${describe(path)} is not a field of ${template} or any other template (see trending create ${template} --help)`,
      });
      continue;
    }
    if (typeof raw !== 'string') {
      values[path] = raw;
      continue;
    }
    try {
      values[path] = coerceFieldValue(field, raw);
    } catch (error) {
      violations.push({ path, rule: 'type', message: `${describe(path)}: ${(error as Error).message}` });
    }
  }
  return { values, violations };
}

/** How a flag names the path it sets: the named flag, else `--set path`. */
export function flagName(path: string): string {
  return NAMED_FLAGS[path] ?? `--set ${path}`;
}

/**
 * A --body file, flattened into paths. A top-level key no template documents is not refused (the reference forbids
 * no extra field): core's check warns about it, naming the nearest documented one.
 */
export async function readBodyFile(file: string): Promise<Record<string, unknown>> {
  return flattenBody(await readJsonObject(file, '--body'));
}

/**
 * The create body for `create`, `estimate` and `readiness`, and how each of its paths was set (for messages): unknown
 * paths are usage errors, bad values validation.
 */
export async function createInput(
  template: TemplateId,
  flags: BodyFlags,
): Promise<{ body: Record<string, unknown>; describe: Describe }> {
  const base = flags.body ? await readBodyFile(flags.body) : {};
  const entries = flagEntries(flags);
  const { values, violations } = coerceEntries(template, entries, (path) => `--set ${path}`);
  const unknown = violations.filter((v) => v.rule === 'unknownForTemplate');
  if (unknown.length > 0) throw new UsageError(unknown.map((v) => v.message).join('\n'));
  if (violations.length > 0) throw validationError(violations);
  const flat = withWebhookSecret({ ...base, ...values }, flags.webhookSecret);
  const named = new Map<string, string>(Object.keys(base).map((path) => [path, `--body ${path}`]));
  for (const path of Object.keys(entries)) named.set(path, flagName(path));
  // Added by withWebhookSecret, from the flag or TRENDING_WEBHOOK_SECRET.
  if (flat['webhook.secret'] !== undefined && !named.has('webhook.secret'))
    named.set('webhook.secret', '--webhook-secret');
  return { body: bodyFromEntries(flat), describe: describeFrom(named) };
}

export async function bodyFromFlags(template: TemplateId, flags: BodyFlags): Promise<Record<string, unknown>> {
  return (await createInput(template, flags)).body;
}

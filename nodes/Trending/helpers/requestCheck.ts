/**
 * Core's check of a create or trigger body (client.checkCreate / checkTrigger) in the node's words: refusals stop the
 * item before anything is sent, warnings (accepted by the API, probably a mistake) become execution hints and the
 * item's `request_warnings`. Core writes both with JSON paths; the node names fields by the parameter display names,
 * which are the catalogue's labels.
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import {
  TEMPLATE_IDS,
  getTemplate,
  TrendingError,
  urlWithoutQuery,
  type CreateCheck,
  type TemplateId,
  type Violation,
} from '../core';

const ADDITIONAL_BODY = 'Additional Body (JSON)';

/** The label of a create-body path: this template's field (or alias) first, then any template's; undefined if none. */
function labelOf(template: TemplateId, path: string): string | undefined {
  for (const id of [template, ...TEMPLATE_IDS.filter((other) => other !== template)]) {
    const field = getTemplate(id).fields.find((f) => f.path === path || f.aliases?.includes(path));
    if (field) return field.label;
  }
  return undefined;
}

/**
 * Core's message with every path named by its label. Core's messages start with the offending path and name other
 * fields by dotted or snake_case paths, so only those are replaced: a plain word such as "name" stays a word.
 */
function withLabels(template: TemplateId, violation: Violation): string {
  let text = violation.message;
  const lead = violation.path === '' ? undefined : labelOf(template, violation.path);
  if (lead !== undefined && text.startsWith(`${violation.path} `)) text = lead + text.slice(violation.path.length);
  return text.replace(
    /(?<![\w.])[a-z][a-z0-9]*(?:[._][a-z0-9]+)+(?![\w.])/g,
    (path) => labelOf(template, path) ?? path,
  );
}

function templateLabels(text: string): string {
  return text.replace(
    new RegExp(`(?<![\\w.])(${TEMPLATE_IDS.join('|')})(?![\\w.])`, 'g'),
    (id) => getTemplate(id).label,
  );
}

/** One warning as a plain sentence for n8n users. */
export function warningText(template: TemplateId, warning: Violation): string {
  const text = withLabels(template, warning);
  if (warning.rule === 'unknownForTemplate') {
    // Only Additional Body (JSON) can set another template's field: name the key the user typed there as well.
    const label = labelOf(template, warning.path);
    const key = `"${warning.path}" in ${ADDITIONAL_BODY}`;
    const named = label === undefined ? key : `${label} (${key})`;
    return named + templateLabels(text.slice((label ?? warning.path).length));
  }
  if (warning.rule === 'longPrompt') return templateLabels(text);
  if (warning.rule === 'undocumented') {
    // Only Additional Body (JSON) can add a key no template documents: name it there, as the user typed it.
    const guess = warning.suggestion ? ` (did you mean "${warning.suggestion}"?)` : '';
    return `"${warning.path}" in ${ADDITIONAL_BODY} is not a field any template documents${guess}; it is sent as is and the API may ignore it`;
  }
  return text;
}

interface BodyCheckContext {
  template: TemplateId;
  /** Wait via webhook: webhook.url is this execution's resume URL, not a parameter the user typed. */
  waitViaWebhook?: boolean;
}

const WEBHOOK_URL = 'webhook.url';

/** What to do about a refused webhook URL, by where it came from. */
function webhookUrlText(context: BodyCheckContext, violation: Violation, url: unknown): string {
  // Core ends some problems with its own advice; the node gives advice in n8n's terms instead.
  const problem = violation.message
    .slice(WEBHOOK_URL.length)
    .trim()
    .replace(/;\s*use a public https:\/\/ address$/, '');
  if (context.waitViaWebhook) {
    // The origin only: the resume URL's query carries n8n's resume token, a credential for this execution.
    const origin = typeof url === 'string' ? safeOrigin(url) : undefined;
    return `Trending would refuse this execution's resume URL${origin ? ` (${origin})` : ''} as the video's webhook (it ${problem}). Set WEBHOOK_URL to a public HTTPS address, or choose Wait via Polling.`;
  }
  return `${labelOf(context.template, WEBHOOK_URL) ?? 'Webhook URL'} ${problem}. Use a public HTTPS address (for a Trending Trigger of this n8n, set WEBHOOK_URL to a public HTTPS address so its Production URL is public).`;
}

function safeOrigin(url: string): string | undefined {
  try {
    return new URL(urlWithoutQuery(url)).origin;
  } catch {
    return undefined;
  }
}

/** The refusal of a body core would not send, every problem on its own line, named as the node names it. */
export function refusal(context: BodyCheckContext, violations: readonly Violation[], body: unknown): TrendingError {
  const url = (body as { webhook?: { url?: unknown } } | undefined)?.webhook?.url;
  const lines = violations.map((v) =>
    v.path === WEBHOOK_URL && v.rule === 'format' ? webhookUrlText(context, v, url) : withLabels(context.template, v),
  );
  return new TrendingError({
    code: 'validation_failed',
    message: `The request is invalid:${lines.length > 1 ? '\n' : ' '}${lines.join('\n')}`,
    details: { violations },
    hint: 'Nothing was sent to Trending. Fix the parameters named above and run the node again.',
    retryable: false,
  });
}

/** Throws the refusal when core would not send the body; otherwise returns its warnings in the node's words. */
export function acceptOrRefuse(context: BodyCheckContext, check: CreateCheck, body: unknown): string[] {
  if (check.violations.length > 0) throw refusal(context, check.violations, body);
  return [...new Set(check.warnings.map((warning) => warningText(context.template, warning)))];
}

/**
 * Warnings as execution hints (shown with the output), each once, naming the items (1-based, as n8n shows them) when
 * the run has several. `warnings` is indexed by item; an operation that runs item by item passes one item's.
 */
export function addWarningHints(
  ctx: IExecuteFunctions,
  warnings: ReadonlyArray<readonly string[] | undefined>,
  itemCount = warnings.length,
): void {
  const items = new Map<string, number[]>();
  warnings.forEach((list, itemIndex) => {
    for (const message of list ?? []) items.set(message, [...(items.get(message) ?? []), itemIndex + 1]);
  });
  if (items.size === 0) return;
  const several = itemCount > 1;
  ctx.addExecutionHints(
    ...[...items].map(([message, numbers]) => ({
      message: several ? `${message} (item${numbers.length > 1 ? 's' : ''} ${numbers.join(', ')})` : message,
      type: 'warning' as const,
      location: 'outputPane' as const,
    })),
  );
}

/**
 * What the node puts in its output items from API answers.
 */
import type { IDataObject } from 'n8n-workflow';

/** A URL without its query string and fragment (n8n's resume URL carries the resume token as `?signature=`). */
export function withoutQuery(url: string): string {
  const cut = url.search(/[?#]/);
  return cut === -1 ? url : url.slice(0, cut);
}

/**
 * The JSON with `webhook.url` stripped of its query string: Wait via webhook gives Trending this execution's resume
 * URL, whose `?signature=` token must not end up in node output (it is kept in execution data, shown in the editor and
 * passed to later nodes). Returns a copy; the input is not changed.
 */
export function redactWebhookUrl<T extends object>(json: T): T {
  const webhook = (json as { webhook?: unknown }).webhook;
  if (!webhook || typeof webhook !== 'object' || Array.isArray(webhook)) return json;
  const url = (webhook as { url?: unknown }).url;
  if (typeof url !== 'string') return json;
  return { ...json, webhook: { ...(webhook as IDataObject), url: withoutQuery(url) } };
}

/**
 * What the two receivers of Trending deliveries share (the Trending node's resume call and the Trending Trigger): the
 * raw request bytes the signature covers, answering with a JSON status, and the non-secret headers an output item
 * carries.
 */
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

type WebhookRequest = ReturnType<IWebhookFunctions['getRequestObject']>;

/** The headers of a delivery that are worth keeping in an item: never a signature (it is useless, and noise). */
const FORWARDED_DELIVERY_HEADERS = [
  'content-type',
  'user-agent',
  'x-trending-delivery',
  'x-trending-event',
  'x-trending-timestamp',
] as const;

/** The exact bytes n8n received (the signature is over them, not over a re-serialised body). */
export async function rawBodyOf(req: WebhookRequest): Promise<Buffer | undefined> {
  if (!req.rawBody && typeof req.readRawBody === 'function') await req.readRawBody();
  return req.rawBody;
}

/** Answers the request now; the caller decides whether an execution starts (or resumes) with workflowData. */
export function answer(ctx: IWebhookFunctions, status: number, body: IDataObject): IWebhookResponseData {
  ctx.getResponseObject().status(status).json(body);
  return { noWebhookResponse: true };
}

export const EMPTY_BODY_ANSWER = {
  error: 'empty_body',
  message: 'Expected a Trending webhook delivery (JSON body).',
} as const;

export function forwardedHeaders(req: WebhookRequest): IDataObject {
  const headers: IDataObject = {};
  for (const name of FORWARDED_DELIVERY_HEADERS) {
    const value = req.headers[name];
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/** A Buffer as the byte view core's checkWebhook takes, without copying. */
export function bytesOf(raw: Buffer): Uint8Array {
  return new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
}

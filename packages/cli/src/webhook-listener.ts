/**
 * A local receiver for Trending's outbound webhooks: verifies each delivery with core's checkWebhook over the raw
 * bytes, answers 401 (with the reason) to a bad signature, drops repeats of an X-Trending-Delivery it has seen
 * (delivery is at-least-once) and can forward verified deliveries untouched. Used by `trending webhook listen` and the
 * demo.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkWebhook, type WebhookPayload, type WebhookRejectReason } from '@trending/core';
import { createAxiosInstance } from './transport';

export interface ReceivedEvent {
  delivery_id?: string;
  event: string;
  scheme: 'v1' | 'legacy';
  received_at: string;
  payload: WebhookPayload;
}

export interface WebhookListenerOptions {
  port: number;
  host?: string;
  secrets: readonly string[];
  allowLegacy?: boolean;
  /** Verified deliveries are POSTed on here, raw body and Trending headers as received. */
  forwardUrl?: string;
  onEvent: (event: ReceivedEvent) => void;
  onRejected?: (reason: WebhookRejectReason | 'body_too_large', message: string) => void;
  onForwardError?: (message: string) => void;
}

export interface WebhookListener {
  url: string;
  close(): Promise<void>;
}

/** Generous next to the API's 3 MB request cap; a webhook payload is a few hundred bytes. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;
/** Enough to cover the API's retry schedule many times over without growing forever. */
const REMEMBERED_DELIVERIES = 10_000;
const FORWARDED_HEADERS = [
  'content-type',
  'user-agent',
  'x-trending-delivery',
  'x-trending-event',
  'x-trending-timestamp',
  'x-trending-signature-v1',
  'x-trending-signature',
];

export async function startWebhookListener(options: WebhookListenerOptions): Promise<WebhookListener> {
  const seen = new Set<string>();
  const forwarding = new Set<Promise<void>>();
  const http = createAxiosInstance();

  const remember = (id: string) => {
    seen.add(id);
    // A Set iterates in insertion order, so the first entry is the oldest.
    if (seen.size > REMEMBERED_DELIVERIES) seen.delete(seen.values().next().value as string);
  };

  const forward = (req: IncomingMessage, raw: Buffer) => {
    if (!options.forwardUrl) return;
    const headers: Record<string, string> = {};
    for (const name of FORWARDED_HEADERS) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const job = http
      .post(options.forwardUrl, raw, { headers, maxRedirects: 0 })
      .then((res) => {
        if (res.status < 200 || res.status >= 300)
          options.onForwardError?.(`forward to ${options.forwardUrl} answered HTTP ${res.status}`);
      })
      .catch((error: Error) => options.onForwardError?.(`forward to ${options.forwardUrl} failed: ${error.message}`))
      .finally(() => forwarding.delete(job));
    forwarding.add(job);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST') return reply(res, 405, { error: 'method_not_allowed' });
    const raw = await readBody(req);
    if (raw === undefined) {
      options.onRejected?.('body_too_large', `body over ${MAX_BODY_BYTES} bytes`);
      return reply(res, 413, { error: 'body_too_large' });
    }
    const check = checkWebhook({
      rawBody: raw,
      headers: req.headers,
      secrets: options.secrets,
      nowMs: Date.now(),
      allowLegacy: options.allowLegacy,
    });
    if (!check.ok) {
      options.onRejected?.(check.reason, check.message);
      return reply(res, 401, { error: check.reason, message: check.message });
    }
    const { deliveryId, eventName, scheme, payload } = check.verified;
    // Only after the signature holds: an unsigned request must not be able to poison the de-duplication memory.
    if (deliveryId !== undefined && seen.has(deliveryId)) return reply(res, 200, { ok: true, duplicate: true });
    if (deliveryId !== undefined) remember(deliveryId);
    reply(res, 200, { ok: true });
    options.onEvent({
      delivery_id: deliveryId,
      event: eventName,
      scheme,
      received_at: new Date().toISOString(),
      payload,
    });
    forward(req, raw);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: Error) => {
      if (!res.headersSent) reply(res, 500, { error: 'internal_error', message: error.message });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  return {
    url: `http://${host}:${address.port}/`,
    async close() {
      await Promise.all(forwarding);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

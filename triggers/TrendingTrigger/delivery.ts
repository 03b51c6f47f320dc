/**
 * One inbound Trending delivery: verify, filter, de-duplicate, shape, and optionally enrich with the final status
 * and the MP4.
 *
 * - Verification uses core's checkWebhook over the RAW body bytes n8n read for the request (req.rawBody), with the
 *   current and previous signing secrets (rotation overlap) and a 300 s window. Failing requests get 401 and start
 *   no execution.
 * - De-duplication keeps the last delivery IDs in two places. The workflow's static data (bounded) catches Trending's
 *   retries, seconds to hours apart, across restarts and processes; but n8n loads it afresh for every request and
 *   saves it only after the webhook has run, so copies arriving at the same instant all see it empty. The process's
 *   own memory (bounded, checked and set in one synchronous step) lets exactly one of those through in one n8n
 *   process; copies that reach two webhook processes at the same instant can still both pass (docs/n8n.md).
 */
import type { IDataObject, INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import {
  checkWebhook,
  DEFAULT_EVENT_PATTERNS,
  deliveryOutput,
  isEventAllowed,
  type TemplateId,
} from '../../nodes/Trending/core';
import { downloadRender } from '../../nodes/Trending/helpers/download';
import { errorJson } from '../../nodes/Trending/helpers/errors';
import { statusJson } from '../../nodes/Trending/helpers/output';
import {
  answer,
  bytesOf,
  EMPTY_BODY_ANSWER,
  forwardedHeaders,
  rawBodyOf,
} from '../../nodes/Trending/helpers/webhookRequest';
import { apiClient } from '../../nodes/Trending/transport';

export const DEDUPE_LIMIT = 500;

/** What Trending delivers when a request names no events, as the Events parameter writes it. */
export const DEFAULT_EVENTS = DEFAULT_EVENT_PATTERNS.join(', ');

function parsePatterns(value: unknown): string[] {
  const text = Array.isArray(value) ? value.join(',') : String(value ?? '');
  return text
    .split(/[\s,]+/)
    .map((pattern) => pattern.trim())
    .filter(Boolean);
}

/** Delivery IDs this process has let through, per trigger node (newest last, bounded like the static data). */
const passedHere = new Map<string, string[]>();
const MAX_TRIGGERS_REMEMBERED = 1000;

/** Remembers a delivery id in this process; false when this process let it through before. */
function firstInProcess(scope: string, deliveryId: string): boolean {
  const seen = passedHere.get(scope) ?? [];
  if (seen.includes(deliveryId)) return false;
  passedHere.delete(scope);
  passedHere.set(scope, [...seen, deliveryId].slice(-DEDUPE_LIMIT));
  for (const oldest of passedHere.keys()) {
    if (passedHere.size <= MAX_TRIGGERS_REMEMBERED) break;
    passedHere.delete(oldest);
  }
  return true;
}

/** Remembers a delivery id; false when it was seen before. */
export function rememberDelivery(staticData: IDataObject, deliveryId: string, nowMs: number): boolean {
  const seen = Array.isArray(staticData.trendingDeliveries)
    ? (staticData.trendingDeliveries as Array<[string, number]>)
    : [];
  if (seen.some(([id]) => id === deliveryId)) return false;
  seen.push([deliveryId, Math.floor(nowMs / 1000)]);
  staticData.trendingDeliveries = seen.slice(-DEDUPE_LIMIT);
  return true;
}

export async function receiveDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
  const req = this.getRequestObject();
  const rawBody = await rawBodyOf(req);
  if (!rawBody || rawBody.length === 0) return answer(this, 400, { ...EMPTY_BODY_ANSWER });

  const signing = await this.getCredentials<{ secret?: string; previousSecret?: string }>('trendingWebhookSigningApi');
  const check = checkWebhook({
    rawBody: bytesOf(rawBody),
    headers: req.headers,
    secrets: [String(signing.secret ?? ''), String(signing.previousSecret ?? '')],
    nowMs: Date.now(),
  });
  if (!check.ok) return answer(this, 401, { error: check.reason, message: check.message });
  const { payload, eventName, deliveryId, timestamp, scheme, secretIndex } = check.verified;

  const patterns = parsePatterns(this.getNodeParameter('events', DEFAULT_EVENTS));
  if (!isEventAllowed(eventName, patterns)) {
    return answer(this, 200, {
      received: true,
      ignored: 'event not selected in the Trending Trigger',
      event: eventName,
    });
  }

  const options = this.getNodeParameter('options', {}) as IDataObject;
  if (options.dedupe !== false && deliveryId) {
    const scope = `${this.getWorkflow().id ?? ''}:${this.getNode().id}`;
    const inStaticData = !rememberDelivery(this.getWorkflowStaticData('node'), deliveryId, Date.now());
    if (inStaticData || !firstInProcess(scope, deliveryId)) {
      return answer(this, 200, { received: true, duplicate: true, delivery_id: deliveryId });
    }
  }

  // Trending wants a fast 2xx; enrichment below must not delay it, and must not throw after it.
  answer(this, 200, { received: true });

  const headers = forwardedHeaders(req);
  // The documented payload fields only: a sender repeating secrets in the body must not get them into n8n's database.
  const shown = deliveryOutput(payload) as IDataObject;
  const json: IDataObject = {
    event: eventName,
    video_id: shown.video_id ?? null,
    template: shown.template ?? null,
    status: shown.status ?? null,
    render_url: shown.render_url ?? null,
    error: shown.error ?? null,
    preview_only: shown.preview_only ?? null,
    pipeline_run_id: shown.pipeline_run_id ?? null,
    occurred_at: shown.occurred_at ?? null,
    delivery_id: deliveryId ?? null,
    signed_at: timestamp ?? null,
    signature_scheme: scheme,
    signed_with_previous_secret: secretIndex > 0,
    headers,
    payload: shown,
  };
  const item: INodeExecutionData = { json };

  if (this.getNodeParameter('fetchFinalStatus', false) as boolean) {
    const template = String(payload.template ?? '') as TemplateId;
    try {
      const client = await apiClient(this);
      const status = await client.getVideo(template, payload.video_id);
      json.final_status = statusJson(template, status);
      if ((this.getNodeParameter('download', false) as boolean) && status.status === 'completed') {
        const property = (this.getNodeParameter('binaryPropertyName', 'data') as string) || 'data';
        item.binary = { [property]: await downloadRender(this, client, template, payload.video_id) };
      }
    } catch (error) {
      json.fetch_error = errorJson(error);
    }
  }
  return { noWebhookResponse: true, workflowData: [[item]] };
}

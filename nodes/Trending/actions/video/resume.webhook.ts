/**
 * The resume call of "Wait via webhook": Trending POSTs a video's completed/failed event to this execution's resume
 * URL. n8n routes it here (the node's restart webhook) BEFORE resuming anything; the execution resumes only if this
 * returns workflowData.
 *
 * 1. The X-Trending-Signature-V1 signature over the raw body is verified with the secret derived for this execution
 *    (see helpers/waitWebhook.ts). Anything else gets 401 and the execution stays parked. A genuine delivery for a
 *    video this node does not wait for (an earlier node's, arriving late) is acknowledged and changes nothing.
 * 2. A genuine delivery for one of this node's videos is answered 200 at once (Trending wants a fast 2xx, and a late
 *    answer makes it deliver again): its signed body says the video ended, which the process's ledger records with
 *    what it says (helpers/resumeLedger.ts); with Download on, the MP4 is fetched then, while its render URL is fresh.
 *    Nothing after the answer may throw: the execution would stay parked with no delivery left to wake it, so late
 *    problems are reported in the items.
 * 3. The delivery after which every video is known to have ended does the final work, once.
 * 4. Otherwise one handler per wait (node run, execution) in this process sweeps: while deliveries keep reaching this process it reads nothing (each
 *    video's own delivery will come); after QUIET_MS without one, it reads the videos not known to have ended, least
 *    recently read first, until one is still running, whose delivery will come and start the next sweep. That covers
 *    what deliveries cannot: a process that restarted, a webhook process that gets only some deliveries, and a custom
 *    Idempotency Key's earlier video whose delivery an earlier run already spent.
 * The final work: each item from its delivery (Output After Waiting via Webhook: Delivered Fields) or from its status
 * (Full Status: a terminal status read moments ago is reused, else one read), the MP4s fetched on delivery (the rest,
 * a few at a time), one output item per input item.
 */
import type {
  IBinaryData,
  IDataObject,
  INodeExecutionData,
  IWebhookFunctions,
  IWebhookResponseData,
} from 'n8n-workflow';

import { sleep } from 'n8n-workflow';

import {
  checkWebhook,
  deliveredFacts,
  isTerminalStatus,
  pipelineError,
  statusFromDelivery,
  type TemplateId,
  TrendingError,
  type TrendingClient,
  type VideoStatus,
  type WebhookPayload,
} from '../../core';
import { downloadRender } from '../../helpers/download';
import { errorJson } from '../../helpers/errors';
import { statusJson } from '../../helpers/output';
import { settleInPool } from '../../helpers/pool';
import { ledgerFor, unknownVideos, type Ledger } from '../../helpers/resumeLedger';
import { readJobs, waitWebhookSecret, type WaitJobs } from '../../helpers/waitWebhook';
import { answer, bytesOf, EMPTY_BODY_ANSWER, rawBodyOf } from '../../helpers/webhookRequest';
import { apiClient, getApiCredentials } from '../../transport';
import { waitTimeoutMs, type WebhookOutput } from './common';

/** Status requests and downloads in flight at once, once every video has ended. */
export const RESUME_CONCURRENCY = 4;

/**
 * A terminal status read this recently is fresh enough for the output and its render URL: an ended run does not
 * change, and a render URL refused by the time of the download is read again (downloadRender). Under a binding rate
 * limit the reads of a large batch take minutes, so a shorter window would read every video twice.
 */
const REUSE_STATUS_MS = 10 * 60_000;

/**
 * How long a sweep waits without a delivery at this process before it reads. Trending's first retry of a refused
 * delivery comes after 10 s; a batch's deliveries come as its videos end, seconds to minutes apart.
 */
export const QUIET_MS = 20_000;
/** A check whose read failed doubles the wait before the next, up to this. */
const MAX_QUIET_MS = 10 * 60_000;

/**
 * Records a verified delivery and wakes the sweep, which then waits for quiet again. With Download on, a completed
 * video's MP4 is fetched now, as the reference advises ("download the file promptly"): its render URL is short-lived,
 * and the rest of the batch may take longer than that. Returns that download, if this delivery started one.
 */
function hear(
  ledger: Ledger,
  payload: WebhookPayload,
  videoId: number,
  fetchMp4: ((delivered: VideoStatus) => Promise<IBinaryData | undefined>) | undefined,
): Promise<IBinaryData | undefined> | undefined {
  ledger.heard++;
  ledger.wake?.();
  if (!isTerminalStatus(payload.status)) return undefined;
  const known = ledger.ended.get(videoId);
  const delivered = statusFromDelivery(payload);
  const mp4 =
    known?.mp4 ??
    (fetchMp4 && delivered?.status === 'completed' && !ledger.finishing ? fetchMp4(delivered) : undefined);
  ledger.ended.set(videoId, { ...known, delivered, mp4, atMs: known?.atMs ?? Date.now() });
  return mp4 === known?.mp4 ? undefined : mp4;
}

/** Waits ms, or less if a delivery comes. */
async function quiet(ledger: Ledger, ms: number): Promise<void> {
  const controller = new AbortController();
  ledger.wake = () => controller.abort();
  await sleep(ms, controller.signal).catch(() => undefined);
  ledger.wake = undefined;
}

/**
 * Reads the videos this process does not know to have ended, one at a time, until one is still running (reading
 * ahead would be wasted: that one's delivery will come). `running`, `ended` (all of them), or `failed` (a read failed).
 */
async function check(
  client: TrendingClient,
  jobs: WaitJobs,
  ledger: Ledger,
  videoIds: number[],
): Promise<'running' | 'ended' | 'failed'> {
  try {
    for (const videoId of unknownVideos(ledger, videoIds)) {
      // A delivery that came meanwhile may have completed the set: its handler finishes, and the sweep stops.
      if (ledger.finishing) break;
      if (ledger.ended.has(videoId)) continue;
      const status = await client.getVideo(jobs.template, videoId);
      // Its delivery may have come while the read was under way: then the read is out of date, not a video to wait for.
      if (ledger.ended.has(videoId)) continue;
      if (!isTerminalStatus(status)) {
        ledger.readRunningAt.set(videoId, Date.now());
        return 'running';
      }
      ledger.ended.set(videoId, { ...ledger.ended.get(videoId), status, atMs: Date.now() });
    }
    return 'ended';
  } catch {
    return 'failed';
  }
}

/**
 * Step 4 of the header. True when this handler is to do the final work. It gives up after `lifetimeMs` (the Wait
 * Timeout, from the first delivery): by then n8n has continued the execution without it, and a sweep that resumed it
 * afterwards would run the rest of the workflow again.
 */
async function sweep(
  client: TrendingClient,
  jobs: WaitJobs,
  ledger: Ledger,
  videoIds: number[],
  lifetimeMs: number,
): Promise<boolean> {
  let quietMs = QUIET_MS;
  const untilMs = Date.now() + lifetimeMs;
  while (Date.now() < untilMs) {
    const heard = ledger.heard;
    await quiet(ledger, quietMs);
    if (ledger.finishing) return false;
    if (ledger.heard !== heard) {
      quietMs = QUIET_MS;
      continue;
    }
    const found = await check(client, jobs, ledger, videoIds);
    if (ledger.finishing || found === 'running') return false;
    if (found === 'ended') {
      ledger.finishing = true;
      return true;
    }
    quietMs = Math.min(2 * quietMs, MAX_QUIET_MS);
  }
  return false;
}

/** Core's hint for an error code, when it has one of its own (not the generic fallback). */
function hintForCode(code: string): string | undefined {
  const hint = new TrendingError({ code, message: code }).hint;
  return hint === new TrendingError({ code: '', message: '' }).hint ? undefined : hint;
}

/**
 * An item that failed before the execution was parked. Its error was output by that run, which the resume output
 * replaces, so this item must stand on its own: the error code kept in the job list (none from older versions), and
 * core's hint for it.
 */
function failedBeforeWaitingItem(itemIndex: number, code: string | undefined): INodeExecutionData {
  const error: IDataObject = code
    ? {
        code,
        message: `This item failed before the execution was parked, with error code ${code}. Its full error was not kept across the wait: run the item again to see it.`,
      }
    : {
        code: 'create_failed',
        message:
          'This item failed before the execution was parked. Its error was not kept across the wait: run the item again to see it.',
      };
  const hint = code ? hintForCode(code) : undefined;
  if (hint) error.hint = hint;
  return { json: { error }, pairedItem: { item: itemIndex } };
}

/**
 * The status an ended video's item is built from. Full Status: a terminal status read moments ago, else a fresh read.
 * Delivered Fields: what its delivery said, or a status this process read anyway cut to the same fields; a read only
 * for a video neither delivered here nor read (a process that restarted while finishing).
 */
async function finalStatus(
  client: TrendingClient,
  jobs: WaitJobs,
  ledger: Ledger,
  videoId: number,
  output: WebhookOutput,
): Promise<VideoStatus> {
  const known = ledger.ended.get(videoId);
  if (output === 'delivery') {
    if (known?.delivered) return known.delivered;
    return deliveredFacts(known?.status ?? (await client.getVideo(jobs.template, videoId)));
  }
  if (known?.status && Date.now() - known.atMs < REUSE_STATUS_MS) return known.status;
  return await client.getVideo(jobs.template, videoId);
}

/**
 * n8n 2.41 resumes a waiting execution with empty run data when its resume call throws (webhook-helpers.js), which
 * breaks every later node that reads an earlier one, so nothing may escape: an unexpected error keeps the execution
 * parked and answers 500 if nothing was answered yet, so Trending delivers again.
 */
export async function resumeWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
  try {
    return await handleDelivery.call(this);
  } catch {
    if (!this.getResponseObject().headersSent) {
      answer(this, 500, {
        error: 'resume_failed',
        message: 'The Trending node could not handle this delivery; the execution stays parked.',
      });
    }
    return { noWebhookResponse: true };
  }
}

async function handleDelivery(this: IWebhookFunctions): Promise<IWebhookResponseData> {
  const req = this.getRequestObject();
  const rawBody = await rawBodyOf(req);
  if (!rawBody || rawBody.length === 0) return answer(this, 400, { ...EMPTY_BODY_ANSWER });
  const node = this.getNode();
  const { apiKey } = await getApiCredentials(this);
  const executionId = this.getExecutionId();
  const verified = checkWebhook({
    rawBody: bytesOf(rawBody),
    headers: req.headers,
    secrets: waitWebhookSecret(apiKey, executionId),
    nowMs: Date.now(),
  });
  if (!verified.ok) return answer(this, 401, { error: verified.reason, message: verified.message });

  const { payload } = verified.verified;
  const deliveredId = Number(payload.video_id);
  const recorded = readJobs(this.customData, node.id);
  if (recorded && !recorded.videoIds.includes(deliveredId)) {
    // Genuine, but for a video another node of this execution already finished waiting for: a 2xx ends Trending's
    // retries of it, and this node keeps waiting for its own videos.
    return answer(this, 200, { received: true, resumed: false, ignored: 'not a video this node waits for' });
  }
  const jobs = recorded ?? { template: payload.template as TemplateId, videoIds: [deliveredId] };
  const videoIds = jobs.videoIds.filter((id): id is number => id !== null);
  const client = await apiClient(this, undefined, { gated: true });
  // Read without an item index, so for item 0 (IWebhookFunctions has no item index): Create applies item 0's Download
  // and Binary Property to every item it parks for, so both sides agree.
  const download = this.getNodeParameter('download', false) as boolean;
  const property = (this.getNodeParameter('binaryPropertyName', 'data') as string) || 'data';
  const output = this.getNodeParameter('options.webhookOutput', 'status') as WebhookOutput;
  // A fallback is required: n8n throws for an absent parameter without one, and a resume call that throws makes n8n
  // resume the execution with no run data.
  const lifetimeMs = waitTimeoutMs(this.getNodeParameter('options.waitTimeout', null));
  const fetchMp4 = async (delivered: VideoStatus) =>
    await downloadRender(this, client, jobs.template, deliveredId, delivered).catch(() => undefined);

  // From here to the claim below nothing awaits: of simultaneous deliveries at most one finishes and one sweeps.
  const ledger = ledgerFor(executionId, node.id, jobs.videoIds, Date.now());
  const mp4 = hear(ledger, payload, deliveredId, download ? fetchMp4 : undefined);
  answer(this, 200, { received: true });
  // A call that does not finish still holds until its own download is stored, so none outlives its call.
  const done = async (): Promise<IWebhookResponseData> => {
    await mp4;
    return { noWebhookResponse: true };
  };
  if (ledger.finishing) return await done();
  if (unknownVideos(ledger, videoIds).length === 0) {
    ledger.finishing = true;
  } else {
    if (ledger.sweeping) return await done();
    ledger.sweeping = true;
    const finish = await sweep(client, jobs, ledger, videoIds, lifetimeMs).finally(() => {
      ledger.sweeping = false;
    });
    if (!finish) return await done();
  }

  const results = await settleInPool(jobs.videoIds, RESUME_CONCURRENCY, async (videoId, itemIndex) => {
    if (videoId === null) return failedBeforeWaitingItem(itemIndex, jobs.errorCodes?.[itemIndex]);
    const status = await finalStatus(client, jobs, ledger, videoId, output);
    const json = statusJson(jobs.template, status);
    const item: INodeExecutionData = { json, pairedItem: { item: itemIndex } };
    if (status.status === 'failed' || status.status === 'aborted') {
      json.error = errorJson(pipelineError(status));
    } else if (download) {
      try {
        const early = await ledger.ended.get(videoId)?.mp4;
        item.binary = { [property]: early ?? (await downloadRender(this, client, jobs.template, videoId, status)) };
      } catch (error) {
        json.download_error = errorJson(error);
      }
    }
    return item;
  });
  const items = results.map((result, itemIndex) =>
    result.status === 'fulfilled'
      ? result.value
      : { json: { error: errorJson(result.reason) }, pairedItem: { item: itemIndex } },
  );
  return { noWebhookResponse: true, workflowData: [items] };
}

/**
 * The resume call of "Wait via webhook": Trending POSTs a video's completed/failed event to this execution's resume
 * URL. n8n routes it here (the node's restart webhook) BEFORE resuming anything; the execution resumes only if this
 * returns workflowData.
 *
 * 1. The X-Trending-Signature-V1 signature over the raw body is verified with the secret derived for this execution
 *    (see helpers/waitWebhook.ts). Anything else gets 401 and the execution stays parked. A genuine delivery for a
 *    video this node does not wait for (an earlier node's, arriving late) is acknowledged and changes nothing.
 * 2. A genuine delivery for one of this node's videos is answered 200 at once (Trending wants a fast 2xx, and a late
 *    answer makes it deliver again): its signed body says the video ended, which the process's ledger records
 *    (helpers/resumeLedger.ts). Nothing after the answer may throw: the execution would stay parked with no delivery
 *    left to wake it, so late problems are reported in the items.
 * 3. Then the videos not known to have ended are read, least recently read first, until one is still running: that
 *    video's own delivery will come and check again. One check runs at a time per execution; deliveries arriving
 *    meanwhile wait for it rather than reading the same videos again.
 * 4. The delivery that finds every video ended does the final work, once: each video's status (a terminal status read
 *    moments ago is reused), the MP4s if asked, a few at a time, one output item per input item.
 */
import type { IDataObject, INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import {
  checkWebhook,
  isTerminalStatus,
  pipelineError,
  type TemplateId,
  TrendingError,
  type TrendingClient,
} from '../../core';
import { downloadRender } from '../../helpers/download';
import { errorJson } from '../../helpers/errors';
import { statusJson } from '../../helpers/output';
import { settleInPool } from '../../helpers/pool';
import { ledgerFor, unknownVideos, type Ledger } from '../../helpers/resumeLedger';
import { readJobs, waitWebhookSecret, type WaitJobs } from '../../helpers/waitWebhook';
import { answer, bytesOf, EMPTY_BODY_ANSWER, rawBodyOf } from '../../helpers/webhookRequest';
import { apiClient, getApiCredentials } from '../../transport';

/** Status requests and downloads in flight at once, once every video has ended. */
export const RESUME_CONCURRENCY = 4;

/**
 * A terminal status read this recently is fresh enough for the output and its render URL: an ended run does not
 * change, and a render URL refused by the time of the download is read again (downloadRender). Under a binding rate
 * limit the checks of a large batch take minutes, so a shorter window would read every video twice.
 */
const REUSE_STATUS_MS = 10 * 60_000;

/**
 * Reads the videos this process does not know to have ended, until one is still running. Statuses are read one at a
 * time: the check stops at the first running video, so reading ahead would be wasted.
 */
async function check(client: TrendingClient, jobs: WaitJobs, ledger: Ledger, videoIds: number[]): Promise<void> {
  for (const videoId of unknownVideos(ledger, videoIds)) {
    if (ledger.ended.has(videoId)) continue;
    const status = await client.getVideo(jobs.template, videoId);
    const atMs = Date.now();
    if (!isTerminalStatus(status)) {
      ledger.readRunningAt.set(videoId, atMs);
      return;
    }
    ledger.ended.set(videoId, { status, atMs });
  }
}

/** Runs a check unless one is under way, in which case it waits for that one. Errors are kept for the next delivery. */
async function checkOnce(client: TrendingClient, jobs: WaitJobs, ledger: Ledger, videoIds: number[]): Promise<void> {
  if (ledger.checking) return await ledger.checking;
  ledger.checking = check(client, jobs, ledger, videoIds)
    .catch(() => undefined)
    .finally(() => {
      ledger.checking = undefined;
    });
  await ledger.checking;
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

/** The final status of a video that has ended: the ledger's when it was read moments ago, else a fresh read. */
async function finalStatus(client: TrendingClient, jobs: WaitJobs, ledger: Ledger, videoId: number) {
  const known = ledger.ended.get(videoId);
  if (known?.status && Date.now() - known.atMs < REUSE_STATUS_MS) return known.status;
  return await client.getVideo(jobs.template, videoId);
}

export async function resumeWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
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
  const ledger = ledgerFor(executionId, node.id, Date.now());
  if (isTerminalStatus(payload.status) && !ledger.ended.has(deliveredId)) {
    ledger.ended.set(deliveredId, { status: null, atMs: Date.now() });
  }
  answer(this, 200, { received: true });
  if (ledger.finishing) return { noWebhookResponse: true };

  const client = await apiClient(this, undefined, { gated: true });
  await checkOnce(client, jobs, ledger, videoIds);
  if (ledger.finishing || unknownVideos(ledger, videoIds).length > 0) return { noWebhookResponse: true };
  ledger.finishing = true;

  // Read without an item index, so for item 0 (IWebhookFunctions has no item index): Create applies item 0's Download
  // and Binary Property to every item it parks for, so both sides agree.
  const download = this.getNodeParameter('download', false) as boolean;
  const property = (this.getNodeParameter('binaryPropertyName', 'data') as string) || 'data';
  const results = await settleInPool(jobs.videoIds, RESUME_CONCURRENCY, async (videoId, itemIndex) => {
    if (videoId === null) return failedBeforeWaitingItem(itemIndex, jobs.errorCodes?.[itemIndex]);
    const status = await finalStatus(client, jobs, ledger, videoId);
    const json = statusJson(jobs.template, status);
    const item: INodeExecutionData = { json, pairedItem: { item: itemIndex } };
    if (status.status === 'failed' || status.status === 'aborted') {
      json.error = errorJson(pipelineError(status));
    } else if (download) {
      try {
        item.binary = { [property]: await downloadRender(this, client, jobs.template, videoId, status) };
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

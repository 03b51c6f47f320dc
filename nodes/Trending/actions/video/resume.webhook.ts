/**
 * The resume call of "Wait via webhook": Trending POSTs a video's completed/failed event to this execution's resume
 * URL. n8n routes it here (the node's restart webhook) BEFORE resuming anything; the execution resumes only if this
 * returns workflowData.
 *
 * 1. The X-Trending-Signature-V1 signature over the raw body is verified with the secret derived for this execution
 *    (see helpers/waitWebhook.ts). Anything else gets 401 and the execution stays parked. A genuine delivery for a
 *    video this node does not wait for (an earlier node's, arriving late) is acknowledged and changes nothing.
 * 2. The videos of the run are read from the execution's custom data and their statuses fetched, last item first
 *    (items are created in order, so the last is the likeliest to be still running), and the check stops at the first
 *    video still running: the call is acknowledged (200) and the execution keeps waiting for the next delivery. Only
 *    the delivery that finds every video ended fetches them all, a few at a time.
 * 3. When all have ended, the call is answered at once (Trending wants a fast 2xx), then the final statuses (and
 *    MP4s, if asked, a few at a time) become the node's output, one item per input item. Nothing may throw after the
 *    answer: the execution would stay parked with no delivery left to wake it, so late problems are reported in the
 *    items.
 */
import type { IDataObject, INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import {
  checkWebhook,
  isTerminalStatus,
  pipelineError,
  type TemplateId,
  TrendingError,
  type TrendingClient,
  type VideoStatus,
} from '../../core';
import { downloadRender } from '../../helpers/download';
import { errorJson } from '../../helpers/errors';
import { redactWebhookUrl } from '../../helpers/output';
import { settleInPool } from '../../helpers/pool';
import { readJobs, waitWebhookSecret, type WaitJobs } from '../../helpers/waitWebhook';
import { answer, bytesOf, EMPTY_BODY_ANSWER, rawBodyOf } from '../../helpers/webhookRequest';
import { apiClient, getApiCredentials } from '../../transport';

/** Status requests and downloads in flight at once, once every video has ended. */
export const RESUME_CONCURRENCY = 4;

type Check = { ended: true; statuses: Map<number, VideoStatus> } | { ended: false; waitingFor: number };

/**
 * The current status of every video, or the first one (from the end) that is still running. The first request is
 * alone, so that a delivery that does not end the wait costs one request in the usual case.
 */
async function checkAll(client: TrendingClient, jobs: WaitJobs): Promise<Check> {
  const order = jobs.videoIds.filter((id): id is number => id !== null).reverse();
  const statuses = new Map<number, VideoStatus>();
  const [last, ...rest] = order;
  if (last === undefined) return { ended: true, statuses };
  const first = await client.getVideo(jobs.template, last);
  if (!isTerminalStatus(first)) return { ended: false, waitingFor: last };
  statuses.set(last, first);
  let waitingFor: number | undefined;
  const results = await settleInPool(rest, RESUME_CONCURRENCY, async (videoId) => {
    // Once one video is known to be running, the others need not be asked.
    if (waitingFor !== undefined) return;
    const status = await client.getVideo(jobs.template, videoId);
    if (isTerminalStatus(status)) statuses.set(videoId, status);
    else waitingFor ??= videoId;
  });
  if (waitingFor !== undefined) return { ended: false, waitingFor };
  const failure = results.find((result) => result.status === 'rejected');
  if (failure) throw failure.reason;
  return { ended: true, statuses };
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
export function failedBeforeWaitingItem(itemIndex: number, code: string | undefined): INodeExecutionData {
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

export async function resumeWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
  const req = this.getRequestObject();
  const rawBody = await rawBodyOf(req);
  if (!rawBody || rawBody.length === 0) return answer(this, 400, { ...EMPTY_BODY_ANSWER });
  const node = this.getNode();
  const { apiKey } = await getApiCredentials(this);
  const check = checkWebhook({
    rawBody: bytesOf(rawBody),
    headers: req.headers,
    secrets: waitWebhookSecret(apiKey, this.getExecutionId()),
    nowMs: Date.now(),
  });
  if (!check.ok) return answer(this, 401, { error: check.reason, message: check.message });

  const { payload } = check.verified;
  const recorded = readJobs(this.customData, node.id);
  if (recorded && !recorded.videoIds.includes(Number(payload.video_id))) {
    // Genuine, but for a video another node of this execution already finished waiting for: a 2xx ends Trending's
    // retries of it, and this node keeps waiting for its own videos.
    return answer(this, 200, { received: true, resumed: false, ignored: 'not a video this node waits for' });
  }
  const jobs = recorded ?? { template: payload.template as TemplateId, videoIds: [Number(payload.video_id)] };
  const client = await apiClient(this);

  let current: Check;
  try {
    current = await checkAll(client, jobs);
  } catch (error) {
    // Not answered yet: a non-2xx makes Trending deliver again later.
    const { code, message } = errorJson(error);
    return answer(this, 503, { error: code as string, message: message as string });
  }
  if (!current.ended) return answer(this, 200, { received: true, resumed: false, waiting_for: current.waitingFor });

  answer(this, 200, { received: true, resumed: true });

  // Read without an item index, so for item 0 (IWebhookFunctions has no item index): Create applies item 0's Download
  // and Binary Property to every item it parks for, so both sides agree.
  const download = this.getNodeParameter('download', false) as boolean;
  const property = (this.getNodeParameter('binaryPropertyName', 'data') as string) || 'data';
  const results = await settleInPool(jobs.videoIds, RESUME_CONCURRENCY, async (videoId, itemIndex) => {
    const status = videoId === null ? undefined : current.statuses.get(videoId);
    if (!status) return failedBeforeWaitingItem(itemIndex, jobs.errorCodes?.[itemIndex]);
    const json: IDataObject = redactWebhookUrl({ template: jobs.template, ...status }) as IDataObject;
    const item: INodeExecutionData = { json, pairedItem: { item: itemIndex } };
    if (status.status === 'failed' || status.status === 'aborted') {
      json.error = errorJson(pipelineError(status));
    } else if (download) {
      try {
        item.binary = { [property]: await downloadRender(this, client, jobs.template, status.video_id) };
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

/**
 * The resume call of "Wait via webhook": Trending POSTs a video's completed/failed event to this execution's resume
 * URL. n8n routes it here (the node's restart webhook) BEFORE resuming anything; the execution resumes only if this
 * returns workflowData.
 *
 * 1. The X-Trending-Signature-V1 signature over the raw body is verified with the secret derived for this execution
 *    (see helpers/waitWebhook.ts). Anything else gets 401 and the execution stays parked.
 * 2. The videos of the run are read from the execution's custom data and their statuses fetched: while any is still
 *    running the call is acknowledged (200) and the execution keeps waiting for the next delivery.
 * 3. When all have ended, the call is answered at once (Trending wants a fast 2xx), then the final statuses (and
 *    MP4s, if asked) become the node's output, one item per input item. Nothing may throw after the answer: the
 *    execution would stay parked with no delivery left to wake it, so late problems are reported in the items.
 */
import type { IDataObject, INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import { checkWebhook, isTerminalStatus, pipelineError, type TemplateId, type VideoStatus } from '../../core';
import { downloadRender } from '../../helpers/common';
import { errorJson } from '../../helpers/errors';
import { decodeJobs, jobsKey, waitSecret } from '../../helpers/waitWebhook';
import { apiClient, getApiCredentials } from '../../transport';

type RawRequest = ReturnType<IWebhookFunctions['getRequestObject']>;

async function rawBodyOf(req: RawRequest): Promise<Buffer | undefined> {
  if (!req.rawBody && typeof req.readRawBody === 'function') await req.readRawBody();
  return req.rawBody;
}

function answer(ctx: IWebhookFunctions, status: number, body: IDataObject): IWebhookResponseData {
  ctx.getResponseObject().status(status).json(body);
  return { noWebhookResponse: true };
}

export async function resumeWebhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
  const req = this.getRequestObject();
  const rawBody = await rawBodyOf(req);
  if (!rawBody || rawBody.length === 0) {
    return answer(this, 400, { error: 'empty_body', message: 'Expected a Trending webhook delivery (JSON body).' });
  }
  const node = this.getNode();
  const { apiKey } = await getApiCredentials(this);
  const check = checkWebhook({
    rawBody: new Uint8Array(rawBody.buffer, rawBody.byteOffset, rawBody.byteLength),
    headers: req.headers,
    secrets: waitSecret(apiKey, this.getExecutionId(), node.id),
    nowMs: Date.now(),
  });
  if (!check.ok) return answer(this, 401, { error: check.reason, message: check.message });

  const { payload } = check.verified;
  const jobs = decodeJobs(this.customData.get(jobsKey(node.id))) ?? {
    template: payload.template as TemplateId,
    videoIds: [Number(payload.video_id)],
  };
  const client = await apiClient(this);

  const statuses: Array<VideoStatus | undefined> = [];
  try {
    for (const videoId of jobs.videoIds) {
      if (videoId === null) {
        statuses.push(undefined);
        continue;
      }
      const status = await client.getVideo(jobs.template, videoId);
      if (!isTerminalStatus(status)) {
        return answer(this, 200, { received: true, resumed: false, waiting_for: videoId });
      }
      statuses.push(status);
    }
  } catch (error) {
    // Not answered yet: a non-2xx makes Trending deliver again later.
    const { code, message } = errorJson(error);
    return answer(this, 503, { error: code as string, message: message as string });
  }

  answer(this, 200, { received: true, resumed: true });

  const download = this.getNodeParameter('download', false) as boolean;
  const property = (this.getNodeParameter('binaryPropertyName', 'data') as string) || 'data';
  const items: INodeExecutionData[] = [];
  for (let itemIndex = 0; itemIndex < jobs.videoIds.length; itemIndex++) {
    const status = statuses[itemIndex];
    if (!status) {
      items.push({
        json: {
          error: {
            code: 'create_failed',
            message:
              'This item failed before a video existed (see the error this node reported for it before waiting).',
          },
        },
        pairedItem: { item: itemIndex },
      });
      continue;
    }
    const json: IDataObject = { template: jobs.template, ...status } as IDataObject;
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
    items.push(item);
  }
  return { noWebhookResponse: true, workflowData: [items] };
}

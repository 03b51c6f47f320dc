/**
 * Create a video of the resource's template. Runs for all items at once so that waiting can overlap: every item's
 * video is created first, then the node waits for all of them (polling, in parallel), or parks the execution once for
 * all of them (webhook).
 */
import type { IBinaryKeyData, IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
  bodyFromEntries,
  eventName,
  getTemplate,
  isTerminalStatus,
  readinessShortfall,
  TrendingError,
  type CreateVideoResponse,
  type TemplateId,
  type TrendingClient,
  type VideoStatus,
} from '../../core';
import { deepMerge, downloadRender, idempotencyKeyFor, jsonObjectParameter } from '../../helpers/common';
import { errorJson, toNodeError } from '../../helpers/errors';
import { allTemplates, readTemplateEntries, templateFieldProperties, webhookProperties } from '../../helpers/fields';
import { settleInPool } from '../../helpers/pool';
import { encodeJobs, jobsKey, WAIT_WEBHOOK_MAX_ITEMS, waitSecret } from '../../helpers/waitWebhook';
import { apiClient, getApiCredentials } from '../../transport';
import { optionsProperty, readVideoOptions, waitAndDownloadProperties, type VideoOptions } from './common';

export const description: INodeProperties[] = [
  ...allTemplates().flatMap((template) => [
    ...templateFieldProperties(template, ['create']),
    ...webhookProperties(template),
  ]),
  ...waitAndDownloadProperties('create'),
  optionsProperty('create'),
];

const POLL_CONCURRENCY = 4;

interface Created {
  itemIndex: number;
  options: VideoOptions;
  response: CreateVideoResponse;
  idempotencyKey: string;
}

type ItemOutput = INodeExecutionData[];

function resumeUrlOf(ctx: IExecuteFunctions, itemIndex: number): string {
  const value = ctx.evaluateExpression('{{ $execution.resumeUrl }}', itemIndex);
  if (typeof value !== 'string' || !/^https?:\/\//.test(value)) {
    throw new NodeOperationError(ctx.getNode(), 'This execution has no resume URL to give Trending', {
      itemIndex,
      description: 'Wait via webhook needs a saved execution. Use Wait via Polling here instead.',
    });
  }
  return value;
}

async function createBody(
  ctx: IExecuteFunctions,
  itemIndex: number,
  template: TemplateId,
  options: VideoOptions,
  apiKey: string,
): Promise<Record<string, unknown>> {
  const spec = getTemplate(template);
  let body = bodyFromEntries(readTemplateEntries(ctx, itemIndex, spec));
  body = deepMerge(body, jsonObjectParameter(ctx, 'options.additionalBody', 'Additional Body (JSON)', itemIndex));
  const sendWebhook = ctx.getNodeParameter('sendWebhook', itemIndex, false) as boolean;
  if (options.waitMode === 'webhook') {
    if (sendWebhook) {
      throw new NodeOperationError(ctx.getNode(), 'Send Webhook and Wait via Webhook cannot be combined', {
        itemIndex,
        description:
          'A video has one webhook: waiting via webhook points it at this execution. Use Wait via Polling to also send events to your own URL.',
      });
    }
    body.webhook = {
      url: resumeUrlOf(ctx, itemIndex),
      secret: waitSecret(apiKey, ctx.getExecutionId(), ctx.getNode().id),
      events: [eventName(template, 'completed'), eventName(template, 'failed')],
    };
  } else if (sendWebhook) {
    const signing = await ctx.getCredentials<{ secret?: string }>('trendingWebhookSigningApi', itemIndex);
    const events = ctx.getNodeParameter('webhookEvents', itemIndex, []) as string[];
    body.webhook = {
      url: String(ctx.getNodeParameter('webhookUrl', itemIndex, '')).trim(),
      secret: String(signing.secret ?? ''),
      ...(events.length > 0 ? { events } : {}),
    };
  }
  return body;
}

async function preflight(
  client: TrendingClient,
  template: TemplateId,
  body: Record<string, unknown>,
  signal?: AbortSignal,
) {
  const readiness = await client.checkReadiness(template, body, { signal });
  const shortfall = readinessShortfall(readiness);
  if (shortfall.ready) return;
  throw new TrendingError({
    code: shortfall.reason ?? 'not_ready',
    message: `Trending cannot create this ${template} video right now: ${shortfall.message ?? 'not ready'}.`,
    hint:
      shortfall.reason === 'insufficient_credits'
        ? `Add at least ${shortfall.creditsNeeded ?? 'the missing'} credits at https://trending.com/dashboard/billing, or lower the cost (fewer slides, Preview Only).`
        : 'Check your plan at https://trending.com/dashboard (POST /api/v1/account/readiness shows what is missing).',
    details: { ...readiness, credits_needed: shortfall.creditsNeeded },
    requestId: readiness.request_id,
  });
}

function finalItem(
  template: TemplateId,
  itemIndex: number,
  status: VideoStatus,
  binary?: { property: string; data: INodeExecutionData['binary'] },
): INodeExecutionData {
  const item: INodeExecutionData = { json: { template, ...status } as IDataObject, pairedItem: { item: itemIndex } };
  if (binary?.data) item.binary = binary.data;
  return item;
}

async function finishOne(
  ctx: IExecuteFunctions,
  client: TrendingClient,
  template: TemplateId,
  job: Created,
  status: VideoStatus,
): Promise<INodeExecutionData> {
  if (!job.options.download) return finalItem(template, job.itemIndex, status);
  const data = await downloadRender(ctx, client, template, status.video_id ?? job.response.video_id);
  const binary: IBinaryKeyData = { [job.options.binaryPropertyName]: data };
  return finalItem(template, job.itemIndex, status, { property: job.options.binaryPropertyName, data: binary });
}

export async function executeCreate(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
  const items = this.getInputData();
  const node = this.getNode();
  const template = this.getNodeParameter('resource', 0) as TemplateId;
  const waitMode = this.getNodeParameter('waitMode', 0, 'none') as VideoOptions['waitMode'];
  const signal = this.getExecutionCancelSignal();
  if (waitMode === 'webhook' && items.length > WAIT_WEBHOOK_MAX_ITEMS) {
    throw new NodeOperationError(node, `Wait via Webhook follows at most ${WAIT_WEBHOOK_MAX_ITEMS} videos per run`, {
      description: `This run has ${items.length} items. Nothing was created. Use Loop Over Items with a batch size of ${WAIT_WEBHOOK_MAX_ITEMS} or less, or Wait via Polling.`,
    });
  }
  const client = await apiClient(this);
  const { apiKey } = await getApiCredentials(this);

  const outputs: Array<ItemOutput | undefined> = new Array(items.length);
  const created: Created[] = [];
  const fail = (error: unknown, itemIndex: number) => {
    if (!this.continueOnFail()) throw toNodeError(node, error, itemIndex);
    outputs[itemIndex] = [{ json: { error: errorJson(error) }, pairedItem: { item: itemIndex } }];
  };

  for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
    try {
      const options = readVideoOptions(this, itemIndex);
      const body = await createBody(this, itemIndex, template, options, apiKey);
      if (options.checkCredits) await preflight(client, template, body, signal);
      const idempotencyKey = idempotencyKeyFor(this, itemIndex, 'create', options.idempotencyKey);
      const response = await client.createVideo(template, body, { idempotencyKey, signal });
      created.push({ itemIndex, options, response, idempotencyKey });
    } catch (error) {
      fail(error, itemIndex);
    }
  }

  const acceptedItem = (job: Created): INodeExecutionData => ({
    json: { template, ...job.response, idempotency_key: job.idempotencyKey } as IDataObject,
    pairedItem: { item: job.itemIndex },
  });

  if (waitMode === 'none' || created.length === 0) {
    for (const job of created) outputs[job.itemIndex] = [acceptedItem(job)];
    return [outputs.flatMap((output) => output ?? [])];
  }

  if (waitMode === 'webhook') {
    // A fast run may already be over; only park for videos that are still going.
    const current = await settleInPool(created, POLL_CONCURRENCY, async (job) =>
      client.getVideo(template, job.response.video_id, { signal }),
    );
    const allEnded = current.every((result) => result.status === 'fulfilled' && isTerminalStatus(result.value));
    if (!allEnded) {
      const videoIds: Array<number | null> = items.map(() => null);
      for (const job of created) videoIds[job.itemIndex] = job.response.video_id;
      const key = jobsKey(node.id);
      const value = encodeJobs({ template, videoIds });
      this.customData.set(key, value);
      if (this.customData.get(key) === value) {
        const timeoutMs = Math.max(...created.map((job) => job.options.waitTimeoutMs));
        await this.putExecutionToWait(new Date(Date.now() + timeoutMs));
        for (const job of created) outputs[job.itemIndex] = [acceptedItem(job)];
        return [outputs.flatMap((output) => output ?? [])];
      }
      // The execution's custom data is full (10 keys): wait here by polling rather than lose track of the videos.
      this.logger.warn('Trending: could not record the videos to wait for; waiting via polling instead');
    }
  }

  const finished = await settleInPool(created, POLL_CONCURRENCY, async (job) => {
    const status = await client.waitForCompletion(template, job.response.video_id, {
      timeoutMs: job.options.waitTimeoutMs,
      signal,
    });
    return await finishOne(this, client, template, job, status);
  });
  finished.forEach((result, index) => {
    const job = created[index] as Created;
    if (result.status === 'fulfilled') outputs[job.itemIndex] = [result.value];
    else fail(result.reason, job.itemIndex);
  });
  return [outputs.flatMap((output) => output ?? [])];
}

/**
 * Create a video of the resource's template. Runs for all items at once: the items' videos are created a few at a time
 * (Concurrent Creates) through one rate gate, then the node waits for all of them (polling, in parallel), or parks the
 * execution once for all of them (webhook).
 */
import type { IBinaryKeyData, IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
  bodyFromEntries,
  getTemplate,
  waitForCompletion,
  isTerminalStatus,
  runEndEvents,
  type CreateVideoResponse,
  type StatusPoller,
  type TemplateId,
  type TrendingClient,
  type VideoStatus,
} from '../../core';
import { deepMerge, jsonObjectParameter } from '../../helpers/parameters';
import { downloadRender } from '../../helpers/download';
import { idempotencyKeyFor, isCustomKey } from '../../helpers/idempotency';
import { errorJson, toNodeError } from '../../helpers/errors';
import { acceptedJson, statusJson } from '../../helpers/output';
import { allTemplates, readTemplateEntries, templateFieldProperties, webhookProperties } from '../../helpers/fields';
import { destinationOf, type Destination } from '../../helpers/parking';
import { settleInPool } from '../../helpers/pool';
import { acceptOrRefuse, addWarningHints } from '../../helpers/requestCheck';
import {
  CUSTOM_DATA_MAX_KEYS,
  CUSTOM_DATA_VALUE_LENGTH,
  resumeUrlWithSuffix,
  storeJobs,
  waitCapacity,
  waitWebhookSecret,
} from '../../helpers/waitWebhook';
import { apiClient, getApiCredentials } from '../../transport';
import {
  optionsProperty,
  readCreateConcurrency,
  readDownloadOptions,
  readVideoOptions,
  waitAndDownloadProperties,
  type VideoOptions,
} from './common';
import { checkReadinessFirst, guardMaxCredits } from './preflight';
import type { OperationOption } from '../shared';

export function option(label: string): OperationOption {
  return {
    name: 'Create',
    value: 'create',
    description: `Start a ${label} video from a prompt and options; optionally wait until it is rendered and download the MP4`,
    action: `Create a ${label.toLowerCase()} video`,
  };
}

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
  /** Wait via webhook: whether the video calls this execution back (see helpers/parking.ts). */
  destination: Destination;
  /** Core's warnings about the request, in the node's words (`request_warnings`). */
  warnings: string[];
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
  // The restart webhook's path suffix routes Trending's deliveries to this node only (see RESUME_WEBHOOK_PATH).
  return resumeUrlWithSuffix(value);
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
      secret: waitWebhookSecret(apiKey, ctx.getExecutionId()),
      events: runEndEvents(template),
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

/** An output item's JSON: the answer's picked fields with `request_warnings` when core had any (an empty list is left out). */
function itemJson(picked: IDataObject, job: Created, extra: IDataObject = {}): IDataObject {
  const warnings = job.warnings.length > 0 ? { request_warnings: job.warnings } : {};
  return { ...picked, ...extra, ...warnings };
}

function finalItem(
  template: TemplateId,
  job: Created,
  status: VideoStatus,
  binary?: { property: string; data: INodeExecutionData['binary'] },
): INodeExecutionData {
  const item: INodeExecutionData = {
    json: itemJson(statusJson(template, status), job),
    pairedItem: { item: job.itemIndex },
  };
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
  if (!job.options.download) return finalItem(template, job, status);
  const data = await downloadRender(ctx, client, template, status.video_id ?? job.response.video_id);
  const binary: IBinaryKeyData = { [job.options.binaryPropertyName]: data };
  return finalItem(template, job, status, { property: job.options.binaryPropertyName, data: binary });
}

export async function executeCreate(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
  const items = this.getInputData();
  const node = this.getNode();
  const template = this.getNodeParameter('resource', 0) as TemplateId;
  const waitMode = this.getNodeParameter('waitMode', 0, 'none') as VideoOptions['waitMode'];
  const signal = this.getExecutionCancelSignal();
  if (waitMode === 'webhook') {
    const capacity = waitCapacity(this.customData, node.id);
    if (items.length > capacity) {
      throw new NodeOperationError(
        node,
        `Wait via webhook can hold at most ${capacity} items per run: split the batch (Loop Over Items) or use Wait via polling`,
        {
          description: `This run has ${items.length} items. Nothing was created. The videos to wait for are kept in the execution's custom data, which n8n limits to ${CUSTOM_DATA_MAX_KEYS} keys of ${CUSTOM_DATA_VALUE_LENGTH} characters; other nodes of this execution may use some of them.`,
        },
      );
    }
  }
  const client = await apiClient(this, undefined, { gated: true });
  const { apiKey } = await getApiCredentials(this);

  const outputs: Array<ItemOutput | undefined> = new Array(items.length);
  const created: Created[] = [];
  // The error code of each item that failed (Continue On Fail): Wait via webhook keeps it across the park, since
  // the resume call's output replaces this run's.
  const errorCodes: Array<string | undefined> = items.map(() => undefined);
  const fail = (error: unknown, itemIndex: number) => {
    if (!this.continueOnFail()) throw toNodeError(node, error, itemIndex);
    const json = errorJson(error);
    errorCodes[itemIndex] = typeof json.code === 'string' ? json.code : undefined;
    outputs[itemIndex] = [{ json: { error: json }, pairedItem: { item: itemIndex } }];
  };
  const output = () => [outputs.flatMap((item) => item ?? [])];
  const itemWarnings: Array<string[] | undefined> = items.map(() => undefined);

  const createOne = async (itemIndex: number): Promise<Created> => {
    // One wait mode per node run (item 0's). Wait via webhook also downloads as item 0 says, because the resume
    // call reads Download and Binary Property without an item index (n8n resolves them for item 0).
    const options: VideoOptions = {
      ...readVideoOptions(this, itemIndex, waitMode),
      ...(waitMode === 'webhook' ? readDownloadOptions(this, 0, waitMode) : {}),
    };
    const body = await createBody(this, itemIndex, template, options, apiKey);
    const check = client.checkCreate(template, body);
    const warnings = acceptOrRefuse({ template, waitViaWebhook: waitMode === 'webhook' }, check, body);
    itemWarnings[itemIndex] = warnings;
    if (options.checkCredits) await checkReadinessFirst(client, template, body, signal);
    await guardMaxCredits(client, template, body, options.maxCredits);
    const idempotencyKey = idempotencyKeyFor(this, itemIndex, `create:${template}`, options.idempotencyKey);
    const response = await client.createVideo(template, body, { idempotencyKey, signal });
    const sentUrl = waitMode === 'webhook' ? (body.webhook as { url?: string } | undefined)?.url : undefined;
    const destination = destinationOf(sentUrl, response, isCustomKey(options.idempotencyKey));
    return { itemIndex, options, response, idempotencyKey, destination, warnings };
  };
  // Without Continue On Fail the run stops at a failed item: no item not yet started is created after it, and the
  // error reported is the first failed item's in item order, as when items were created one after another.
  let stopped = false;
  const attempts = await settleInPool(
    items.map((_, itemIndex) => itemIndex),
    readCreateConcurrency(this),
    async (itemIndex): Promise<{ job: Created } | { error: unknown } | undefined> => {
      if (stopped) return undefined;
      try {
        return { job: await createOne(itemIndex) };
      } catch (error) {
        if (!this.continueOnFail()) stopped = true;
        return { error };
      }
    },
  );
  attempts.forEach((attempt, itemIndex) => {
    const outcome = attempt.status === 'fulfilled' ? attempt.value : { error: attempt.reason };
    if (outcome && 'error' in outcome) fail(outcome.error, itemIndex);
    else if (outcome) created.push(outcome.job);
  });
  addWarningHints(this, itemWarnings);

  const acceptedItem = (job: Created): INodeExecutionData => ({
    json: itemJson(acceptedJson(template, job.response), job, { idempotency_key: job.idempotencyKey }),
    pairedItem: { item: job.itemIndex },
  });

  if (waitMode === 'none' || created.length === 0) {
    for (const job of created) outputs[job.itemIndex] = [acceptedItem(job)];
    return output();
  }

  const pollAll = async (jobs: Created[]) => {
    const finished = await settleInPool(jobs, POLL_CONCURRENCY, async (job) => {
      const status = await client.waitForCompletion(template, job.response.video_id, {
        timeoutMs: job.options.waitTimeoutMs,
        signal,
      });
      return await finishOne(this, client, template, job, status);
    });
    finished.forEach((result, index) => {
      const job = jobs[index] as Created;
      if (result.status === 'fulfilled') outputs[job.itemIndex] = [result.value];
      else fail(result.reason, job.itemIndex);
    });
  };

  if (waitMode !== 'webhook') {
    await pollAll(created);
    return output();
  }

  // Videos that call elsewhere (a custom key's earlier video) are waited for here, by polling; a custom key's video
  // that calls here is read once, since an earlier run of this node may already have spent its delivery.
  const elsewhere = created.filter((job) => job.destination === 'elsewhere');
  const lastSeen = new Map<number, VideoStatus>();
  const watcher: StatusPoller = {
    transport: client.transport,
    async getVideo(videoTemplate, videoId, options) {
      const status = await client.getVideo(videoTemplate, videoId, options);
      lastSeen.set(Number(videoId), status);
      return status;
    },
  };
  const waited = await settleInPool(elsewhere, POLL_CONCURRENCY, async (job) => {
    const timeoutMs = job.options.waitTimeoutMs;
    return await waitForCompletion(watcher, template, job.response.video_id, { timeoutMs, signal });
  });
  const ended = new Set<Created>();
  waited.forEach((result, index) => {
    const job = elsewhere[index] as Created;
    if (result.status === 'fulfilled') ended.add(job);
    else fail(result.reason, job.itemIndex);
  });
  const recheck = created.filter((job) => job.destination === 'hereIfRunning');
  await settleInPool(recheck, POLL_CONCURRENCY, (job) => watcher.getVideo(template, job.response.video_id, { signal }));
  for (const job of recheck) if (isTerminalStatus(lastSeen.get(job.response.video_id))) ended.add(job);
  const parkFor = created.filter((job) => job.destination !== 'elsewhere' && !ended.has(job));

  if (parkFor.length === 0) {
    await pollAll([...ended]);
    return output();
  }
  const videoIds: Array<number | null> = items.map(() => null);
  for (const job of created) {
    // A video polled above that has not ended (its wait timed out, with Continue On Fail) is not waited for again.
    const seen = lastSeen.get(job.response.video_id);
    if (parkFor.includes(job) || (seen && isTerminalStatus(seen))) videoIds[job.itemIndex] = job.response.video_id;
  }
  const failedCodes = videoIds.map((id, itemIndex) => (id === null ? errorCodes[itemIndex] : undefined));
  if (!storeJobs(this.customData, node.id, { template, videoIds, errorCodes: failedCodes })) {
    throw new NodeOperationError(node, 'Wait via webhook could not record the videos to wait for', {
      description: `The execution's custom data did not keep the list (n8n allows ${CUSTOM_DATA_MAX_KEYS} keys of ${CUSTOM_DATA_VALUE_LENGTH} characters). Videos ${created.map((job) => job.response.video_id).join(', ')} keep rendering; use Wait via polling, or a smaller batch.`,
    });
  }
  const timeoutMs = Math.max(...created.map((job) => job.options.waitTimeoutMs));
  await this.putExecutionToWait(new Date(Date.now() + timeoutMs));
  for (const job of created) outputs[job.itemIndex] = [acceptedItem(job)];
  return output();
}

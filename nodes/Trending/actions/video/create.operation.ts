/**
 * Create a video of the resource's template: the creating part. Runs for all items at once: the items' videos are
 * created a few at a time (Concurrent Creates) through one rate gate, then create.wait.ts waits for all of them
 * (polling, in parallel) or parks the execution once for all of them (webhook), and create.finish.ts makes the items.
 */
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { bodyFromEntries, getTemplate, runEndEvents, type TemplateId } from '../../core';
import { deepMerge, jsonObjectParameter } from '../../helpers/parameters';
import { automaticKeysAreOwn, idempotencyKeyFor, isCustomKey, isFirstRun } from '../../helpers/idempotency';
import { allTemplates } from '../../helpers/fields';
import { readTemplateEntries } from '../../helpers/templateEntries';
import { templateFieldProperties, webhookProperties } from '../../helpers/templateProperties';
import { destinationOf } from '../../helpers/parking';
import { settleInPool } from '../../helpers/pool';
import { acceptOrRefuse, addWarningHints } from '../../helpers/requestCheck';
import {
  CUSTOM_DATA_MAX_KEYS,
  CUSTOM_DATA_VALUE_LENGTH,
  resumeUrlWithSuffix,
  waitCapacity,
  waitWebhookSecret,
} from '../../helpers/waitWebhook';
import { apiClient, getApiCredentials } from '../../transport';
import type { OperationOption } from '../shared';
import {
  optionsProperty,
  readCreateConcurrency,
  readDownloadOptions,
  readVideoOptions,
  waitAndDownloadProperties,
  type VideoOptions,
} from './common';
import { acceptedItem, CreateOutput, type Created } from './create.finish';
import { pollAll, waitViaWebhook } from './create.wait';
import { checkReadinessFirst, guardMaxCredits } from './preflight';

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

  const output = new CreateOutput(this, items.length);
  const created: Created[] = [];
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
    const destination = destinationOf(sentUrl, response, {
      executionsOwn: !isCustomKey(options.idempotencyKey) && automaticKeysAreOwn(this),
      firstRun: isFirstRun(this, itemIndex),
    });
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
    if (outcome && 'error' in outcome) output.fail(outcome.error, itemIndex);
    else if (outcome) created.push(outcome.job);
  });
  addWarningHints(this, itemWarnings);

  if (waitMode === 'none' || created.length === 0) {
    for (const job of created) output.set(job.itemIndex, acceptedItem(template, job));
  } else {
    const wait = { ctx: this, client, template, output, signal };
    if (waitMode === 'webhook') await waitViaWebhook(wait, created, items.length);
    else await pollAll(wait, created);
  }
  return output.result();
}

/**
 * The create/render controls shared by all seven template resources: waiting, downloading, preflight, idempotency.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { TEMPLATE_RESOURCES, binaryPropertyProperty, idempotencyKeyOption } from '../shared';

export type WaitMode = 'none' | 'webhook' | 'polling';

const DEFAULT_WAIT_TIMEOUT_MINUTES = 30;

/**
 * Creates in flight at once in one node run. Eight keep a run at the rate limit when each call takes a few hundred
 * milliseconds; all of them pass one gate, so a 429 pauses every one of them (see apiClient's `gated`).
 */
export const DEFAULT_CREATE_CONCURRENCY = 8;
const MAX_CREATE_CONCURRENCY = 32;

function waitModeProperty(operation: string, modes: WaitMode[]): INodeProperties {
  const all = [
    {
      name: 'Off',
      value: 'none',
      description: 'Return as soon as Trending has accepted the job (the video keeps rendering in the background)',
    },
    {
      name: 'Via Webhook (Recommended)',
      value: 'webhook',
      description:
        'Pause this execution without holding a worker; Trending calls the execution back when the video has ended. Needs n8n to be reachable from Trending (public HTTPS WEBHOOK_URL).',
    },
    {
      name: 'Via Polling',
      value: 'polling',
      description: 'Check the status every 5 to 15 seconds (using the ETA Trending reports) until the video has ended',
    },
  ];
  return {
    displayName: 'Wait for Completion',
    name: 'waitMode',
    type: 'options',
    noDataExpression: true,
    default: 'none',
    options: all.filter((option) => modes.includes(option.value as WaitMode)),
    description: 'Whether to wait until the video has finished rendering before continuing',
    displayOptions: { show: { resource: TEMPLATE_RESOURCES, operation: [operation] } },
  };
}

export function waitAndDownloadProperties(operation: 'create' | 'render'): INodeProperties[] {
  const modes: WaitMode[] = operation === 'create' ? ['none', 'webhook', 'polling'] : ['none', 'polling'];
  const waiting = { resource: TEMPLATE_RESOURCES, operation: [operation], waitMode: modes.filter((m) => m !== 'none') };
  return [
    waitModeProperty(operation, modes),
    {
      displayName: 'Download Video',
      name: 'download',
      type: 'boolean',
      default: false,
      description:
        'Whether to download the finished MP4 into a binary field (fetched from a fresh, short-lived render URL, streamed, without sending your API key)',
      displayOptions: { show: waiting },
    },
    binaryPropertyProperty({ ...waiting, download: [true] }),
  ];
}

export function optionsProperty(operation: 'create' | 'render'): INodeProperties {
  const options: INodeProperties[] = [
    idempotencyKeyOption,
    {
      displayName: 'Wait Timeout (Minutes)',
      name: 'waitTimeout',
      type: 'number',
      typeOptions: { minValue: 1, maxValue: 1440, numberPrecision: 0 },
      default: DEFAULT_WAIT_TIMEOUT_MINUTES,
      description:
        'How long to wait for completion. Polling ends with an error naming the video ID; a webhook wait continues with the input items unchanged, as n8n does for every timed-out waiting node.',
    },
  ];
  if (operation === 'create') {
    options.push(
      {
        displayName: 'Check Credits First',
        name: 'checkCredits',
        type: 'boolean',
        default: false,
        description:
          'Whether to ask Trending first whether the account can create this video (plan, template access, credits) and stop with the shortfall instead of creating',
      },
      {
        displayName: 'Concurrent Creates',
        name: 'concurrency',
        type: 'number',
        typeOptions: { minValue: 1, maxValue: MAX_CREATE_CONCURRENCY, numberPrecision: 0 },
        default: DEFAULT_CREATE_CONCURRENCY,
        description:
          "How many of this run's videos are created at the same time (item order and pairing are kept). When Trending answers 429, all of them pause together and speed up again gradually.",
      },
      {
        displayName: 'Output After Waiting via Webhook',
        name: 'webhookOutput',
        type: 'options',
        default: 'status',
        options: [
          {
            name: 'Full Status (One More Request per Video)',
            value: 'status',
            description:
              "Each item holds the video's whole status (dashboard URL, assets, timing, retention...), read once more after it has ended",
          },
          {
            name: 'Delivered Fields (No Extra Request)',
            value: 'delivery',
            description:
              "Each item holds what Trending's signed delivery says (video ID, status, render URL, error), under the same names as the full status: large batches keep the rate limit for creating",
          },
        ],
        description:
          "What each item holds once its video has ended, when waiting via webhook (item 0's choice applies)",
        displayOptions: { show: { '/waitMode': ['webhook'] } },
      },
      {
        displayName: 'Max Credits',
        name: 'maxCredits',
        type: 'number',
        typeOptions: { minValue: 0 },
        default: 0,
        description:
          "The most credits this video may cost. Trending's cost estimate is read first; above it the item stops with the estimate and nothing is created. Leave the option out for no limit.",
      },
      {
        displayName: 'Additional Body (JSON)',
        name: 'additionalBody',
        type: 'json',
        default: '{}',
        description:
          'Extra create-request fields as JSON, merged over the fields above (it wins on conflicts) and then validated like them. For fields this node does not show yet.',
      },
    );
  }
  return {
    displayName: 'Options',
    name: 'options',
    type: 'collection',
    placeholder: 'Add Option',
    default: {},
    displayOptions: { show: { resource: TEMPLATE_RESOURCES, operation: [operation] } },
    options: options.sort((a, b) => a.displayName.localeCompare(b.displayName)),
  };
}

/** What Wait via webhook outputs for an ended video (see resume.webhook.ts). */
export type WebhookOutput = 'status' | 'delivery';

export interface VideoOptions {
  waitMode: WaitMode;
  download: boolean;
  binaryPropertyName: string;
  waitTimeoutMs: number;
  checkCredits: boolean;
  idempotencyKey: unknown;
  /** Create's Max Credits as given (a number, or an expression's text); blank or absent: no spend guard. */
  maxCredits: unknown;
}

/** Wait Timeout (Minutes) as given (absent or not a number: the default), in milliseconds. */
export function waitTimeoutMs(minutesOption: unknown): number {
  const minutes = Number(minutesOption ?? DEFAULT_WAIT_TIMEOUT_MINUTES);
  return Math.max(1, Number.isFinite(minutes) ? minutes : DEFAULT_WAIT_TIMEOUT_MINUTES) * 60_000;
}

/** Concurrent Creates as item 0 sets it: one run creates at one concurrency. */
export function readCreateConcurrency(ctx: IExecuteFunctions): number {
  const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
  const value = Number(options.concurrency ?? DEFAULT_CREATE_CONCURRENCY);
  if (!Number.isFinite(value)) return DEFAULT_CREATE_CONCURRENCY;
  return Math.min(MAX_CREATE_CONCURRENCY, Math.max(1, Math.floor(value)));
}

/** Whether to download, and into which binary field, as set for one item under the given wait mode. */
export function readDownloadOptions(
  ctx: IExecuteFunctions,
  itemIndex: number,
  waitMode: WaitMode,
): Pick<VideoOptions, 'download' | 'binaryPropertyName'> {
  const download = waitMode !== 'none' && (ctx.getNodeParameter('download', itemIndex, false) as boolean);
  return {
    download,
    binaryPropertyName: download ? String(ctx.getNodeParameter('binaryPropertyName', itemIndex, 'data')) : 'data',
  };
}

/**
 * One item's options. `waitMode` overrides the item's own Wait setting: Create waits one way per node run (item 0's),
 * so an expression that differs per item cannot mix webhook and polling in one run.
 */
export function readVideoOptions(ctx: IExecuteFunctions, itemIndex: number, waitMode?: WaitMode): VideoOptions {
  const mode = waitMode ?? (ctx.getNodeParameter('waitMode', itemIndex, 'none') as WaitMode);
  const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
  return {
    waitMode: mode,
    ...readDownloadOptions(ctx, itemIndex, mode),
    waitTimeoutMs: waitTimeoutMs(options.waitTimeout),
    checkCredits: options.checkCredits === true,
    idempotencyKey: options.idempotencyKey,
    maxCredits: options.maxCredits,
  };
}

/**
 * Start a video through a signed trigger: no API key anywhere, each attempt signed afresh by core (timestamp, new
 * nonce, HMAC over the exact bytes sent) with the same Idempotency-Key.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { TemplateId, TriggerVideoBody } from '../../core';
import { deepMerge, idempotencyKeyFor, jsonObjectParameter } from '../../helpers/common';
import { allTemplates } from '../../helpers/fields';
import { signedTriggerClient } from '../../transport';

const show = { resource: ['signedTrigger'], operation: ['startVideo'] };

export const description: INodeProperties[] = [
  {
    displayName: 'Video Type',
    name: 'videoType',
    type: 'options',
    default: 'story',
    options: allTemplates()
      .map((template) => ({ name: template.label, value: template.id, description: template.description }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    description: 'Which template the trigger starts',
    displayOptions: { show },
  },
  {
    displayName: 'Prompt',
    name: 'triggerPrompt',
    type: 'string',
    typeOptions: { rows: 3 },
    default: '',
    description: 'The idea of the video. Leave empty to let Trending pick one.',
    displayOptions: { show },
  },
  {
    displayName: 'Preview Only',
    name: 'triggerPreviewOnly',
    type: 'boolean',
    default: false,
    description: 'Whether to stop before the final render (no 30-credit render; render it later)',
    displayOptions: { show },
  },
  {
    displayName: 'Options',
    name: 'triggerOptions',
    type: 'collection',
    placeholder: 'Add Option',
    default: {},
    displayOptions: { show },
    options: [
      {
        displayName: 'Additional Body (JSON)',
        name: 'additionalBody',
        type: 'json',
        default: '{}',
        description:
          "Any other fields of the chosen template's create request, as JSON (name, script, music, webhook, ...). Validated before sending.",
      },
      {
        displayName: 'Idempotency Key',
        name: 'idempotencyKey',
        type: 'string',
        default: '',
        description:
          'Leave empty for an automatic key (the same across Retry on Fail). Set an expression such as a row ID to never start a second video for the same row.',
      },
    ],
  },
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
  const videoType = this.getNodeParameter('videoType', itemIndex) as TemplateId;
  const options = this.getNodeParameter('triggerOptions', itemIndex, {}) as IDataObject;
  const prompt = String(this.getNodeParameter('triggerPrompt', itemIndex, '') ?? '');
  let body: Record<string, unknown> = {
    ...(prompt.trim() !== '' ? { prompt } : {}),
    preview_only: this.getNodeParameter('triggerPreviewOnly', itemIndex, false) as boolean,
  };
  body = deepMerge(
    body,
    jsonObjectParameter(this, 'triggerOptions.additionalBody', 'Additional Body (JSON)', itemIndex),
  );
  const idempotencyKey = idempotencyKeyFor(this, itemIndex, 'trigger', options.idempotencyKey);
  const { client, triggerId, secret } = await signedTriggerClient(this, itemIndex);
  const response = await client.sendSignedTrigger(
    { triggerId, secret, body: { ...body, video_type: videoType } as TriggerVideoBody, idempotencyKey },
    { signal: this.getExecutionCancelSignal() },
  );
  return [
    {
      json: { template: videoType, ...response, idempotency_key: idempotencyKey } as IDataObject,
      pairedItem: { item: itemIndex },
    },
  ];
}

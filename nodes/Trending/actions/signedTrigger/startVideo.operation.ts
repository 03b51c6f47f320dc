/**
 * Start a video through a signed trigger: no API key anywhere, each attempt signed afresh by core (timestamp, new
 * nonce, HMAC over the exact bytes sent) with the same Idempotency-Key.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { bodyFromEntries, getTemplate, type TemplateId, type TriggerVideoBody } from '../../core';
import { deepMerge, jsonObjectParameter } from '../../helpers/parameters';
import { idempotencyKeyFor } from '../../helpers/idempotency';
import { acceptedJson } from '../../helpers/output';
import { acceptOrRefuse, addWarningHints } from '../../helpers/requestCheck';
import { commonFieldProperties, readCommonEntries } from '../../helpers/commonFields';
import { templateOptions } from '../../helpers/fields';
import { signedTriggerClient } from '../../transport';
import { idempotencyKeyOption, type OperationOption } from '../shared';

const show = { resource: ['signedTrigger'], operation: ['startVideo'] };
const PREFIX = 'trigger';

export const option: OperationOption = {
  name: 'Start Video',
  value: 'startVideo',
  description: 'Start any template through a signed trigger, without an API key',
  action: 'Start a video with a signed trigger',
};

export const description: INodeProperties[] = [
  {
    displayName: 'Video Type',
    name: 'videoType',
    type: 'options',
    default: 'story',
    options: templateOptions(),
    description: 'Which template the trigger starts',
    displayOptions: { show },
  },
  // Prompt, Name and Preview Only of the chosen template, from core's catalogue (as on Create).
  ...commonFieldProperties(PREFIX, 'videoType', show),
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
          "Any other fields of the chosen template's create request, as JSON (script, music, webhook, ...). Validated before sending.",
      },
      idempotencyKeyOption,
    ],
  },
];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<INodeExecutionData[]> {
  const videoType = this.getNodeParameter('videoType', itemIndex) as TemplateId;
  const options = this.getNodeParameter('triggerOptions', itemIndex, {}) as IDataObject;
  let body = bodyFromEntries(readCommonEntries(this, itemIndex, getTemplate(videoType), PREFIX));
  body = deepMerge(
    body,
    jsonObjectParameter(this, 'triggerOptions.additionalBody', 'Additional Body (JSON)', itemIndex),
  );
  const idempotencyKey = idempotencyKeyFor(this, itemIndex, `trigger:${videoType}`, options.idempotencyKey);
  const { client, triggerId, secret } = await signedTriggerClient(this, itemIndex);
  const triggerBody = { ...body, video_type: videoType } as TriggerVideoBody;
  const warnings = acceptOrRefuse({ template: videoType }, client.checkTrigger(triggerBody), triggerBody);
  const byItem: string[][] = [];
  byItem[itemIndex] = warnings;
  addWarningHints(this, byItem, this.getInputData().length);
  const response = await client.sendSignedTrigger(
    { triggerId, secret, body: triggerBody, idempotencyKey },
    { signal: this.getExecutionCancelSignal() },
  );
  const json = { ...acceptedJson(videoType, response), idempotency_key: idempotencyKey };
  return [
    {
      json: warnings.length > 0 ? { ...json, request_warnings: warnings } : json,
    },
  ];
}

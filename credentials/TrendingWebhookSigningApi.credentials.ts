import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

/**
 * The shared secret that signs Trending's outbound webhooks (X-Trending-Signature-V1). The Trending node sends the
 * current secret as webhook.secret; the Trending Trigger accepts the current and, during a rotation, the previous one.
 * A shared secret cannot be proven remotely, so the nodes test it locally (testedBy).
 */
export class TrendingWebhookSigningApi implements ICredentialType {
  name = 'trendingWebhookSigningApi';

  displayName = 'Trending Webhook Signing API';

  icon: Icon = { light: 'file:../nodes/Trending/trending.svg', dark: 'file:../nodes/Trending/trending.dark.svg' };

  documentationUrl = 'https://trending.com/docs/api/video-creation-api';

  properties: INodeProperties[] = [
    {
      displayName: 'Signing Secret',
      name: 'secret',
      type: 'string',
      typeOptions: { password: true },
      required: true,
      default: '',
      description:
        'The secret Trending signs deliveries with (the webhook.secret of the create request). Use a long random value.',
    },
    {
      displayName: 'Previous Signing Secret',
      name: 'previousSecret',
      type: 'string',
      typeOptions: { password: true },
      default: '',
      description:
        'While rotating: the old secret, still accepted so deliveries signed before the switch are not dropped. Clear it once the overlap is over.',
    },
  ];
}

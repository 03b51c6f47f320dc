import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

import { DEFAULT_BASE_URL } from '../nodes/Trending/core';

/**
 * A signed trigger (created at /dashboard/developer/triggers): starts videos through POST /api/v1/triggers/webhook with
 * an HMAC signature instead of an API key, for teams that must not share the key. Requests are signed per call by the
 * node (timestamp, fresh nonce, HMAC over the exact body), so there is no static header to inject. Nothing can
 * prove the secret without starting a video, so the nodes test it locally (testedBy) and the first Start Video call
 * proves it for real.
 */
export class TrendingSignedTriggerApi implements ICredentialType {
  name = 'trendingSignedTriggerApi';

  displayName = 'Trending Signed Trigger API';

  icon: Icon = { light: 'file:../nodes/Trending/trending.svg', dark: 'file:../nodes/Trending/trending.dark.svg' };

  documentationUrl = 'https://trending.com/docs/api/video-creation-api';

  properties: INodeProperties[] = [
    {
      displayName: 'Trigger ID',
      name: 'triggerId',
      type: 'string',
      required: true,
      default: '',
      placeholder: 'trg_...',
      description: 'The trigger_id of a signed trigger from https://trending.com/dashboard/developer/triggers',
    },
    {
      displayName: 'Trigger Secret',
      name: 'secret',
      type: 'string',
      typeOptions: { password: true },
      required: true,
      default: '',
      description: 'The secret shown with the trigger; it signs every request and never leaves n8n',
    },
    {
      displayName: 'Base URL',
      name: 'baseUrl',
      type: 'string',
      default: DEFAULT_BASE_URL,
      description: 'Leave as https://trending.com, or point it at a local Trending simulator',
    },
  ];
}

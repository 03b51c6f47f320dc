import type {
  IAuthenticateGeneric,
  ICredentialTestRequest,
  ICredentialType,
  Icon,
  INodeProperties,
} from 'n8n-workflow';

import { DEFAULT_BASE_URL } from '../nodes/Trending/core';

/**
 * The Trending API key. n8n injects it as `Authorization: Bearer` through `authenticate`, so node code never places it
 * in a request itself. The base URL points the nodes at the local Trending simulator for offline development.
 */
export class TrendingApi implements ICredentialType {
  name = 'trendingApi';

  displayName = 'Trending API';

  icon: Icon = { light: 'file:../nodes/Trending/trending.svg', dark: 'file:../nodes/Trending/trending.dark.svg' };

  documentationUrl = 'https://trending.com/docs/api/video-creation-api';

  properties: INodeProperties[] = [
    {
      displayName: 'API Key',
      name: 'apiKey',
      type: 'string',
      typeOptions: { password: true },
      required: true,
      default: '',
      description:
        'Create one at https://trending.com/dashboard/developer/api-keys (shown once). Anyone holding it can spend your credits.',
    },
    {
      displayName: 'Base URL',
      name: 'baseUrl',
      type: 'string',
      default: DEFAULT_BASE_URL,
      description:
        'Leave as https://trending.com. Point it at a local Trending simulator (for example http://127.0.0.1:4010) to build workflows offline.',
    },
  ];

  authenticate: IAuthenticateGeneric = {
    type: 'generic',
    properties: {
      headers: {
        Authorization: '=Bearer {{$credentials.apiKey}}',
      },
    },
  };

  // Readiness needs a valid key and API access, costs nothing and creates nothing.
  test: ICredentialTestRequest = {
    request: {
      // Blank means production, as in the nodes (core's normalizeBaseUrl); a trailing slash is dropped.
      baseURL: `={{ ($credentials.baseUrl || "").trim().replace(/\\/+$/, "") || "${DEFAULT_BASE_URL}" }}`,
      url: '/api/v1/account/readiness',
      method: 'POST',
      body: { template: 'story', request: { preview_only: true } },
    },
  };
}

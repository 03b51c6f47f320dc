import nock from 'nock';
import type { Bundle, HttpRequestOptions, ZObject } from 'zapier-platform-core';
import { addApiKey } from '../src/authentication';
import {
  API,
  API_KEY,
  AUTH,
  App,
  api,
  apiError,
  appTester,
  failure,
  strictNock,
  withApiBaseUrl,
} from './support/harness';

type Fn = Parameters<typeof appTester>[0];
const test = App.authentication!.test as Fn;
const connectionLabel = App.authentication!.connectionLabel as Fn;

const READY = {
  request_id: 'req_ready_1',
  account: {
    plan_code: 'pro',
    plan_label: 'Pro',
    api_access: true,
    available_credits: 900,
    allowed_templates: ['story', 'list'],
  },
  template_readiness: { template: 'story', template_access: true, ready_to_create: true },
};

describe('authentication', () => {
  strictNock();

  it('the test proves the key with POST /api/v1/account/readiness, sending it as a Bearer token', async () => {
    api()
      .post('/api/v1/account/readiness', { template: 'story', request: { preview_only: true } })
      .matchHeader('authorization', `Bearer ${API_KEY}`)
      .reply(200, READY);
    const account = await appTester(test, { authData: AUTH });
    expect(account).toEqual({
      plan_label: 'Pro',
      plan_code: 'pro',
      available_credits: 900,
      allowed_templates: ['story', 'list'],
    });
  });

  it('uses https://trending.com unless TRENDING_API_BASE_URL says otherwise', async () => {
    nock('https://trending.com').post('/api/v1/account/readiness').reply(200, READY);
    await withApiBaseUrl(undefined, () =>
      expect(appTester(test, { authData: { api_key: API_KEY } })).resolves.toMatchObject({ plan_label: 'Pro' }),
    );
  });

  it('the connection form asks for the API key only', () => {
    expect(App.authentication!.fields!.map((field) => (field as { key: string }).key)).toEqual(['api_key']);
  });

  it('a wrong key fails the test as expired auth, with where to get a new one, and never echoes the key', async () => {
    api()
      .post('/api/v1/account/readiness')
      .reply(401, apiError('invalid_api_key', `The API key ${API_KEY} is not valid.`));
    const error = await failure(appTester(test, { authData: AUTH }));
    expect(error.name).toBe('ExpiredAuthError');
    expect(error.message).toContain('https://trending.com/dashboard/developer/api-keys');
    expect(error.message).toContain('req_err_1');
    expect(error.message).not.toContain(API_KEY);
  });

  it('a plan without API access fails the test with the plan named', async () => {
    api()
      .post('/api/v1/account/readiness')
      .reply(200, { ...READY, account: { ...READY.account, plan_label: 'Starter', api_access: false } });
    const error = await failure(appTester(test, { authData: AUTH }));
    expect(error.message).toContain('the Starter plan does not include API access');
    expect(error.code).toBe('membership_api_required');
  });

  it('a 403 membership_api_required halts with core hint', async () => {
    api()
      .post('/api/v1/account/readiness')
      .reply(403, apiError('membership_api_required', 'Your plan does not include API access.'));
    const error = await failure(appTester(test, { authData: AUTH }));
    expect(error.name).toBe('HaltedError');
    expect(error.message).toContain(
      'Your Trending plan does not include API access: upgrade it. The Check Readiness search shows what is missing.',
    );
  });

  it('a TRENDING_API_BASE_URL that is not http(s) is refused before any request', async () => {
    const error = await withApiBaseUrl('ftp://example.com', () => failure(appTester(test, { authData: AUTH })));
    expect(error.message).toContain('TRENDING_API_BASE_URL must start with https://');
  });

  it('the connection label shows the plan, never the key', async () => {
    const label = await appTester(connectionLabel, {
      authData: AUTH,
      inputData: { plan_label: 'Pro', plan_code: 'pro' },
    });
    expect(label).toBe('Trending (Pro plan)');
    expect(await appTester(connectionLabel, { authData: AUTH, inputData: {} })).toBe('Trending');
  });
});

describe('beforeRequest: the API key goes to the API only', () => {
  const bundle = { authData: AUTH } as unknown as Bundle;
  const z = {} as ZObject;
  const headersFor = (url: string, headers: Record<string, string> = {}) =>
    addApiKey({ url, headers } as HttpRequestOptions & { url: string }, z, bundle).headers;

  it('adds Bearer to requests under the API base /api/', () => {
    expect(headersFor(`${API}/api/v1/voice-actors`)).toEqual({ authorization: `Bearer ${API_KEY}` });
  });

  it('never to a signed render URL on the same host, nor to other hosts, and strips one set by mistake', () => {
    expect(headersFor(`${API}/studio/renders/77/download?signature=x`)).toEqual({});
    expect(headersFor('https://zapier.com/engine/hydrate/1/abc/', { Authorization: `Bearer ${API_KEY}` })).toEqual({});
    expect(headersFor('https://api.trending.test.evil.example/api/v1/x')).toEqual({});
  });
});

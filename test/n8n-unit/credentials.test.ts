/**
 * Credentials: the API credential's `test` request proves a key against the simulator; the two local tests catch
 * what can be caught without side effects.
 */
import type { SimulatorHandle } from '@trending/simulator';
import type { ICredentialTestFunctions } from 'n8n-workflow';

import { TrendingApi } from '../../credentials/TrendingApi.credentials';
import { TrendingSignedTriggerApi } from '../../credentials/TrendingSignedTriggerApi.credentials';
import { TrendingWebhookSigningApi } from '../../credentials/TrendingWebhookSigningApi.credentials';
import { trendingSignedTriggerTest, trendingWebhookSigningTest } from '../../nodes/Trending/methods/credentialTest';
import { Trending } from '../../nodes/Trending/Trending.node';
import { resolveCredentialExpression } from './context';
import { startSim } from './harness';

let sim: SimulatorHandle;
beforeAll(async () => {
  sim = await startSim();
});
afterAll(() => sim.close());

const node = new Trending();

function testBaseUrl(baseUrl: unknown): unknown {
  const request = new TrendingApi().test.request;
  return resolveCredentialExpression(node, String(request.baseURL), { apiKey: 'sk_test_pro', baseUrl } as never);
}

/** What n8n does with a declarative credential test: resolve the request, apply `authenticate`, expect a 2xx. */
async function runDeclarativeTest(apiKey: string): Promise<number> {
  const credential = new TrendingApi();
  const request = credential.test.request;
  const baseUrl = testBaseUrl(`${sim.url}/`);
  expect(baseUrl).toBe(sim.url);
  const headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };
  expect(credential.authenticate.properties.headers).toEqual({ Authorization: '=Bearer {{$credentials.apiKey}}' });
  const res = await fetch(`${String(baseUrl)}${request.url}`, {
    method: request.method,
    headers,
    body: JSON.stringify(request.body),
  });
  return res.status;
}

const testContext = {} as ICredentialTestFunctions;

describe('credentials', () => {
  it('Trending API: the test request proves a valid key and refuses a wrong one', async () => {
    expect(await runDeclarativeTest('sk_test_pro')).toBe(200);
    expect(await runDeclarativeTest('sk_test_wrong')).toBe(401);
  });

  it('Trending API: the test request resolves a blank or missing base URL to production, as the nodes do', () => {
    for (const blank of ['', '   ', undefined, null]) expect(testBaseUrl(blank)).toBe('https://trending.com');
    expect(testBaseUrl(' http://127.0.0.1:4010// ')).toBe('http://127.0.0.1:4010');
  });

  it('Trending API: key is a password field; the base URL defaults to production and can point at the simulator', () => {
    const credential = new TrendingApi();
    expect(credential.name).toBe('trendingApi');
    expect(credential.properties.find((p) => p.name === 'apiKey')?.typeOptions?.password).toBe(true);
    expect(credential.properties.find((p) => p.name === 'baseUrl')?.default).toBe('https://trending.com');
  });

  it('Signed trigger and webhook signing: secrets are password fields', () => {
    expect(new TrendingSignedTriggerApi().properties.find((p) => p.name === 'secret')?.typeOptions?.password).toBe(
      true,
    );
    const signing = new TrendingWebhookSigningApi();
    expect(signing.properties.filter((p) => p.typeOptions?.password).map((p) => p.name)).toEqual([
      'secret',
      'previousSecret',
    ]);
  });

  it('local tests catch empty or weak values', async () => {
    const data = (values: Record<string, string>) => ({ id: '1', name: 'x', type: 't', data: values });
    expect(
      (await trendingSignedTriggerTest.call(testContext, data({ triggerId: 'trg_test', secret: 's3cret' }))).status,
    ).toBe('OK');
    expect((await trendingSignedTriggerTest.call(testContext, data({ triggerId: '', secret: 's' }))).status).toBe(
      'Error',
    );
    expect((await trendingWebhookSigningTest.call(testContext, data({ secret: 'short' }))).status).toBe('Error');
    const same = data({ secret: 'whsec_0123456789abcdef', previousSecret: 'whsec_0123456789abcdef' });
    expect((await trendingWebhookSigningTest.call(testContext, same)).status).toBe('Error');
    expect(
      (await trendingWebhookSigningTest.call(testContext, data({ secret: 'whsec_0123456789abcdef' }))).status,
    ).toBe('OK');
  });

  it("signed trigger: the base URL is checked by core's rule (blank is production, only http(s) URLs)", async () => {
    const data = (baseUrl: string) => ({
      id: '1',
      name: 'x',
      type: 't',
      data: { triggerId: 'trg_test', secret: 's3cret', baseUrl },
    });
    expect((await trendingSignedTriggerTest.call(testContext, data(''))).status).toBe('OK');
    expect((await trendingSignedTriggerTest.call(testContext, data('http://127.0.0.1:4010/'))).status).toBe('OK');
    expect((await trendingSignedTriggerTest.call(testContext, data('ftp://trending.com'))).status).toBe('Error');
    expect((await trendingSignedTriggerTest.call(testContext, data('trending.com'))).status).toBe('Error');
  });
});

import { DEFAULT_PORT, type SimulatorHandle } from '@trending/simulator';
import { banner, parseCli } from '../src/cli';
import {
  call,
  create,
  simulatorSuite,
  startFast,
  startReceiver,
  uniqueKey,
  waitFor,
  waitForTerminal,
  type Json,
} from './helpers';

async function admin(
  sim: SimulatorHandle,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: Json }> {
  const res = await fetch(sim.url + path, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: res.status, json: await res.json() };
}

describe('inspection and control API', () => {
  const { sim } = simulatorSuite();

  it('GET /_sim/state shows accounts with credits, videos with idempotency keys, deliveries, and no secrets', async () => {
    const receiver = await startReceiver();
    try {
      const key = uniqueKey('state');
      const created = await call(sim, 'POST', '/api/v1/ranking/videos', {
        body: { webhook: { url: receiver.url, secret: 'whsec_do_not_leak' } },
        idempotencyKey: key,
      });
      await waitForTerminal(sim, 'ranking', created.json.video_id);
      await waitFor(
        () => ((sim.state().deliveries as Json[])[0]?.status === 'delivered' ? true : undefined),
        5_000,
        'the delivery',
      );
      const { status, json } = await admin(sim, 'GET', '/_sim/state');
      expect(status).toBe(200);
      expect(json.accounts[0]).toMatchObject({
        id: 1,
        api_key_hint: '…_pro',
        balance: 10_000 - 33,
        held_credits: 0,
        available_credits: 10_000 - 33,
      });
      expect(json.accounts[0].ledger.map((e: Json) => e.kind)).toContain('capture');
      expect(json.videos[0]).toMatchObject({
        video_id: created.json.video_id,
        idempotency_key: key,
        status: 'completed',
        charged_credits: 33,
        webhook: { secret_set: true },
      });
      expect(json.deliveries[0]).toMatchObject({
        event: 'trending.ranking.v001.completed',
        status: 'delivered',
        attempts: [expect.objectContaining({ status_code: 200 })],
      });
      const text = JSON.stringify(json);
      for (const secret of ['whsec_do_not_leak', 'sk_test_pro', 'whsec_trigger_test'])
        expect(text).not.toContain(secret);
      expect(sim.state()).toMatchObject({ videos: [expect.objectContaining({ video_id: created.json.video_id })] });
    } finally {
      await receiver.close();
    }
  });

  it('GET /_sim/requests lists API requests with credentials redacted, and skips /_sim itself', async () => {
    await call(sim, 'GET', '/api/v1/voice-actors', { headers: { 'x-trending-client': 'mcp' } });
    await call(sim, 'GET', '/api/v1/voice-actors', { key: null, headers: { 'x-api-key': 'sk_test_poor' } });
    await call(sim, 'GET', '/api/v1/voice-actors?api_key=sk_test_pro', { key: null });
    const { json } = await admin(sim, 'GET', '/_sim/requests');
    expect(json.requests).toHaveLength(3);
    expect(json.requests[0]).toMatchObject({
      method: 'GET',
      path: '/api/v1/voice-actors',
      status: 200,
      account_id: 1,
      request_id: expect.stringMatching(/^req_/),
      headers: { authorization: '[REDACTED]', 'x-trending-client': 'mcp' },
    });
    expect(json.requests[1].headers['x-api-key']).toBe('[REDACTED]');
    expect(json.requests[2]).toMatchObject({ status: 401, error_code: 'missing_api_key' });
    expect(JSON.stringify(json)).not.toContain('sk_test_');
    expect((await admin(sim, 'GET', '/_sim/requests?limit=1')).json.requests).toHaveLength(1);
    expect(sim.requests()).toHaveLength(3);
  });

  it('POST /_sim/reset restores credits, config and clears videos', async () => {
    await create(sim, 'ranking', { preview_only: true });
    await admin(sim, 'POST', '/_sim/config', { maintenance: true });
    expect((await admin(sim, 'POST', '/_sim/reset')).json.reset).toBe(true);
    const state = (await admin(sim, 'GET', '/_sim/state')).json;
    expect(state.videos).toEqual([]);
    expect(state.config.maintenance).toBe('off');
    expect(state.accounts[0].available_credits).toBe(10_000);
  });

  it('POST /_sim/config validates and applies speed, rate limit, maintenance, duplicates and chaos', async () => {
    const ok = await admin(sim, 'POST', '/_sim/config', {
      speed: 50,
      rateLimitPerMinute: 10,
      duplicateDeliveries: true,
      chaos: { latencyMs: [1, 2] },
    });
    expect(ok.json.config).toMatchObject({
      speed: 50,
      rateLimitPerMinute: 10,
      duplicateDeliveries: true,
      chaos: { latencyMs: [1, 2], errorRate: 0 },
    });
    expect((await admin(sim, 'GET', '/_sim/config')).json.config.speed).toBe(50);
    for (const [bad, field] of [
      [{ speed: 0 }, 'speed'],
      [{ chaos: { errorRate: 2 } }, 'chaos.errorRate'],
      [{ bogus: 1 }, 'bogus'],
      [{ maintenance: 'sometimes' }, 'maintenance'],
    ] as const) {
      const res = await admin(sim, 'POST', '/_sim/config', bad);
      expect(res.status).toBe(422);
      expect(res.json.error.code).toBe('validation_failed');
      expect(Object.keys(res.json.error.details)).toEqual([field]);
    }
  });

  it('POST /_sim/advance moves the API clock; POST /_sim/accounts creates and edits accounts', async () => {
    const before = Date.parse((await admin(sim, 'GET', '/_sim/state')).json.now);
    const { json } = await admin(sim, 'POST', '/_sim/advance', { seconds: 3600 });
    expect(Date.parse(json.now) - before).toBeGreaterThanOrEqual(3_600_000);
    const created = await admin(sim, 'POST', '/_sim/accounts', {
      api_key: 'sk_test_new',
      credits: 77,
      allowed_templates: ['list'],
    });
    expect(created.json.account).toMatchObject({
      id: 5,
      balance: 77,
      allowed_templates: ['list'],
      api_key_hint: '…_new',
    });
    expect((await call(sim, 'GET', '/api/v1/voice-actors', { key: 'sk_test_new' })).status).toBe(200);
    const templates = await admin(sim, 'POST', '/_sim/accounts', {
      api_key: 'sk_test_new',
      allowed_templates: ['nope'],
    });
    expect([templates.status, Object.keys(templates.json.error.details)]).toEqual([422, ['allowed_templates']]);
    const cidrs = await admin(sim, 'POST', '/_sim/triggers', { allowed_cidrs: ['not-a-cidr'] });
    expect([cidrs.status, Object.keys(cidrs.json.error.details)]).toEqual([422, ['allowed_cidrs']]);
  });
});

describe('chaos (API routes only, seeded)', () => {
  it('errorRate answers 500/503 before processing, never on /_sim', async () => {
    const sim = await startFast({ chaos: { errorRate: 1 } });
    try {
      const res = await call(sim, 'POST', '/api/v1/ranking/videos', { body: {}, idempotencyKey: uniqueKey() });
      expect([500, 503]).toContain(res.status);
      expect(res.json.error.code).toMatch(/^(internal_error|service_unavailable)$/);
      expect(res.json.error.details.chaos).toBe(true);
      expect((sim.state().videos as Json[]).length).toBe(0);
      expect((await admin(sim, 'GET', '/_sim/state')).status).toBe(200);
      expect(sim.requests()[0]?.chaos).toMatch(/error 50[03]/);
    } finally {
      await sim.close();
    }
  });

  it('dropRate destroys the connection after the request was processed (the idempotency case)', async () => {
    const sim = await startFast({ chaos: { dropRate: 1 } });
    try {
      const key = uniqueKey('drop');
      await expect(
        fetch(`${sim.url}/api/v1/ranking/videos`, {
          method: 'POST',
          headers: { authorization: 'Bearer sk_test_pro', 'idempotency-key': key },
          body: '{}',
        }),
      ).rejects.toThrow();
      expect((sim.state().videos as Json[]).length).toBe(1);
      sim.configure({ chaos: null });
      const retry = await call(sim, 'POST', '/api/v1/ranking/videos', { body: {}, idempotencyKey: key });
      expect(retry.status).toBe(202);
      expect((sim.state().videos as Json[]).length).toBe(1);
    } finally {
      await sim.close();
    }
  });

  it('latency and slow bodies delay answers without corrupting them', async () => {
    const sim = await startFast({ chaos: { latencyMs: 60, slowBodyRate: 1, slowBodyMs: 100 } });
    try {
      const started = Date.now();
      const res = await call(sim, 'GET', '/api/v1/voice-actors');
      expect(res.status).toBe(200);
      expect(res.json.voice_actors.length).toBeGreaterThan(0);
      expect(Date.now() - started).toBeGreaterThanOrEqual(150);
      expect(sim.requests()[0]?.chaos).toBe('latency 60ms, slow body');
    } finally {
      await sim.close();
    }
  });

  it('the same seed replays the same faults', async () => {
    const pattern = async (seed: number) => {
      const sim = await startFast({ seed, chaos: { errorRate: 0.5 } });
      try {
        const statuses: number[] = [];
        for (let i = 0; i < 20; i++) statuses.push((await call(sim, 'GET', '/api/v1/voice-actors')).status);
        return statuses.join(',');
      } finally {
        await sim.close();
      }
    };
    const a = await pattern(42);
    expect(await pattern(42)).toBe(a);
    expect(a).toMatch(/200/);
    expect(a).toMatch(/50[03]/);
    expect(await pattern(7)).not.toBe(a);
  });
});

describe('command line', () => {
  it('parses the convenience and dev-host flags (all conveniences off without them)', () => {
    expect(
      parseCli([
        '--replay-header',
        '--rate-limit-headers',
        '--retry-after',
        '--request-id-header',
        '--answer-extras',
        '--webhook-dev-hosts',
        'studio.test, 127.0.0.1',
      ]),
    ).toEqual({
      port: DEFAULT_PORT,
      replayHeader: true,
      rateLimitHeaders: true,
      retryAfterHeader: true,
      requestIdHeader: true,
      answerExtras: true,
      webhookDevHosts: ['studio.test', '127.0.0.1'],
    });
    expect(parseCli(['--webhook-dev-hosts', ''])).toEqual({ port: DEFAULT_PORT, webhookDevHosts: [] });
  });

  it('parses flags into options with a fixed default port', () => {
    expect(parseCli([])).toEqual({ port: DEFAULT_PORT });
    expect(
      parseCli([
        '--port',
        '0',
        '--speed',
        '250',
        '--seed',
        '9',
        '--rate-limit',
        '0',
        '--chaos',
        'error=0.1,latency=5-10,drop=0.01',
        '--maintenance',
        '--duplicates',
      ]),
    ).toEqual({
      port: 0,
      speed: 250,
      seed: 9,
      rateLimitPerMinute: 0,
      chaos: { errorRate: 0.1, latencyMs: [5, 10], dropRate: 0.01 },
      maintenance: 'final_render_only',
      duplicateDeliveries: true,
    });
    expect(parseCli(['-h'])).toBe('help');
    expect(() => parseCli(['--speed', '0'])).toThrow(TypeError);
    expect(() => parseCli(['--chaos', 'meteor=1'])).toThrow(TypeError);
    expect(() => parseCli(['--bogus'])).toThrow();
  });

  it('prints the base URL, the test keys and the trigger', async () => {
    const sim = await startFast();
    try {
      const text = banner(sim.url, sim.sim.config);
      expect(text).toContain(sim.url);
      for (const k of [
        'sk_test_pro',
        'sk_test_starter',
        'sk_test_poor',
        'sk_test_storyonly',
        'trg_test',
        'whsec_trigger_test',
      ])
        expect(text).toContain(k);
    } finally {
      await sim.close();
    }
  });
});

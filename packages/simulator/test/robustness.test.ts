/**
 * Regression tests for what the hardening issue and the fuzz run (fuzz.test.ts) found, one per bug. Each of these
 * used to crash the process, wedge it, log an unexpected error, or answer something other than the API's envelope.
 */
import { readFileSync } from 'node:fs';
import { SAMPLE_MP4_PATH, startSimulator, type SimulatorHandle } from '@trending/simulator';
import { call, type Json } from './helpers';
import { head, raw } from './rawhttp';

const MP4 = readFileSync(SAMPLE_MP4_PATH);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const AUTH: [string, string] = ['Authorization', 'Bearer sk_test_pro'];

function form(boundary: string, fileName: string, content: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
}

function bodyOf(text: string): Json {
  return JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4));
}

async function admin(sim: SimulatorHandle, path: string, body: unknown): Promise<{ status: number; json: Json }> {
  const res = await fetch(sim.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

describe('robustness regressions', () => {
  let sim: SimulatorHandle;
  const escaped: unknown[] = [];
  const onEscape = (e: unknown): void => {
    escaped.push(e);
  };
  let consoleError: ReturnType<typeof vi.spyOn>;
  beforeAll(async () => {
    sim = await startSimulator({ speed: 0.001, rateLimitPerMinute: 0 });
    process.on('uncaughtException', onEscape);
    process.on('warning', onEscape);
  });
  beforeEach(() => {
    consoleError = vi.spyOn(console, 'error');
  });
  afterEach(() => {
    expect(consoleError).not.toHaveBeenCalled();
    consoleError.mockRestore();
    expect(escaped).toEqual([]);
    sim.reset();
  });
  afterAll(async () => {
    process.off('uncaughtException', onEscape);
    process.off('warning', onEscape);
    await sim.close();
  });

  it.each([
    ['/api/v1/library/videos', 'clip.mp4', MP4],
    ['/api/v1/story/reference-images', 'ref.png', PNG],
  ])(
    'a multipart body that ends before its closing boundary (%s) is 422 on file, not an uncaught busboy error',
    async (path, fileName, content) => {
      const full = form('cut', fileName, content);
      const cut = full.subarray(0, full.length - 20);
      const answer = await raw(sim.port, [
        head('POST', path, [
          AUTH,
          ['Content-Type', 'multipart/form-data; boundary=cut'],
          ['Content-Length', String(cut.length)],
        ]),
        cut,
      ]);
      expect(answer.statuses).toEqual([422]);
      expect(bodyOf(answer.text).error).toMatchObject({
        code: 'validation_failed',
        details: { file: ['The multipart body ends before its closing boundary.'] },
      });
      expect((await call(sim, 'GET', '/api/v1/library/folders')).status).toBe(200);
    },
  );

  it('an upload whose client disconnects mid-body settles (logged client_disconnected) instead of hanging', async () => {
    const full = form('gone', 'clip.mp4', Buffer.concat([MP4, Buffer.alloc(100_000)]));
    await raw(sim.port, [
      head('POST', '/api/v1/library/videos', [
        AUTH,
        ['Content-Type', 'multipart/form-data; boundary=gone'],
        ['Content-Length', String(full.length)],
      ]),
      full.subarray(0, 50_000),
      { wait: 20 },
      'destroy',
    ]);
    await expect
      .poll(() => sim.requests().map((r) => [r.path, r.status, r.error_code]))
      .toEqual([['/api/v1/library/videos', null, 'client_disconnected']]);
  });

  it('a JSON body whose client disconnects mid-body is not logged as an unexpected error', async () => {
    const body = JSON.stringify({ prompt: 'x'.repeat(10_000) });
    await raw(sim.port, [
      head('POST', '/api/v1/rants/videos', [
        AUTH,
        ['Content-Type', 'application/json'],
        ['Content-Length', String(body.length)],
      ]),
      body.slice(0, 100),
      { wait: 20 },
      'destroy',
    ]);
    await expect.poll(() => sim.requests().map((r) => r.error_code)).toEqual(['client_disconnected']);
    // (afterEach: console.error was not called)
  });

  it('a JSON body above 64 MB gets its 413 after being drained, not a reset connection', async () => {
    const res = await fetch(`${sim.url}/api/v1/cost-estimate`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk_test_pro', 'content-type': 'application/json' },
      body: Buffer.alloc(65 * 1024 * 1024, 0x20),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as Json).error.code).toBe('request_too_large');
  });

  it('POST /_sim/advance {"seconds":1e308} is 422 on seconds, and every later request still works', async () => {
    for (const seconds of [1e308, 1e16, -1, '5', null]) {
      const res = await admin(sim, '/_sim/advance', { seconds });
      expect([res.status, res.json.error.code, Object.keys(res.json.error.details)]).toEqual([
        422,
        'validation_failed',
        ['seconds'],
      ]);
    }
    expect(() => sim.advance(1e308)).toThrow(TypeError);
    expect((await admin(sim, '/_sim/advance', { seconds: 1, extra: 1 })).json.error.details).toHaveProperty('extra');
    expect((await call(sim, 'GET', '/api/v1/voice-actors')).status).toBe(200);
    expect((await fetch(`${sim.url}/_sim/state`)).status).toBe(200);
  });

  it('the API clock stops at year 9999: a jump to just below it still leaves every answer a valid date', async () => {
    const room = (Date.UTC(9999, 11, 31, 23, 59, 59) - Date.parse((sim.state() as Json).now)) / 1000;
    expect((await admin(sim, '/_sim/advance', { seconds: room + 3600 })).status).toBe(422);
    expect((await admin(sim, '/_sim/advance', { seconds: room - 10 })).status).toBe(200);
    await sim.configure({ speed: 1_000_000 });
    await new Promise((r) => setTimeout(r, 50));
    const created = await call(sim, 'POST', '/api/v1/rants/videos', {
      body: { prompt: 'A rant at the end of time.' },
      idempotencyKey: 'end-of-time',
    });
    expect(created.status).toBe(202);
    expect((await call(sim, 'GET', `/api/v1/rants/videos/${created.json.video_id}`)).status).toBe(200);
    expect((await fetch(`${sim.url}/_sim/state`)).status).toBe(200);
  });

  it.each([
    [{ speed: 1e308 }, 'speed'],
    [{ speed: -1 }, 'speed'],
    [{ speed: '100' }, 'speed'],
    [{ rateLimitPerMinute: 0.5 }, 'rateLimitPerMinute'],
    [{ webhookTimeoutMs: 2 ** 31 }, 'webhookTimeoutMs'],
    [{ renderUrlTtlSeconds: 1e308 }, 'renderUrlTtlSeconds'],
    [{ chaos: { latencyMs: 1e12 } }, 'chaos.latencyMs'],
    [{ chaos: { latencyMs: [50, 10] } }, 'chaos.latencyMs'],
    [{ chaos: { slowBodyMs: 1e12 } }, 'chaos.slowBodyMs'],
    [{ chaos: { errorRate: 1.5 } }, 'chaos.errorRate'],
    [{ chaos: [] }, 'chaos'],
    [{ failNext: '' }, 'failNext'],
    [{ whatever: true }, 'whatever'],
  ])('POST /_sim/config %j is refused with 422 naming %s, and the config is unchanged', async (patch, field) => {
    const before = (await fetch(`${sim.url}/_sim/config`).then((r) => r.json())) as Json;
    const res = await admin(sim, '/_sim/config', patch);
    expect([res.status, Object.keys(res.json.error.details)]).toEqual([422, [field]]);
    expect(await fetch(`${sim.url}/_sim/config`).then((r) => r.json())).toMatchObject({ config: before.config });
  });

  it('startSimulator options are held to the same rules as /_sim/config', async () => {
    await expect(startSimulator({ speed: Number.POSITIVE_INFINITY })).rejects.toThrow(/speed/);
    await expect(startSimulator({ chaos: { errorRate: 2 } })).rejects.toThrow(/errorRate/);
  });

  it.each([
    ['/_sim/accounts', { api_key: 'sk_test_pro', credits: 'lots' }, 'credits'],
    ['/_sim/accounts', { api_key: 'sk_test_pro', storage_quota_bytes: -1 }, 'storage_quota_bytes'],
    ['/_sim/accounts', { api_key: 'sk_test_pro', api_access: 'yes' }, 'api_access'],
    ['/_sim/accounts', { api_key: 'sk_test_pro', bogus: 1 }, 'bogus'],
    ['/_sim/accounts', { api_key: 5 }, 'api_key'],
    ['/_sim/triggers', { secret: 5 }, 'secret'],
    ['/_sim/triggers', { trigger_id: '' }, 'trigger_id'],
    ['/_sim/triggers', { api_key: 'sk_nobody' }, 'api_key'],
  ])('POST %s %j is refused with 422 naming %s (no broken account or trigger)', async (path, body, field) => {
    const res = await admin(sim, path, body);
    expect([res.status, Object.keys(res.json.error.details)]).toEqual([422, [field]]);
    expect((await call(sim, 'GET', '/api/v1/voice-actors')).status).toBe(200);
  });

  it('GET /_sim/requests?limit=abc is 422 on limit', async () => {
    const res = await fetch(`${sim.url}/_sim/requests?limit=abc`);
    expect(res.status).toBe(422);
    expect(((await res.json()) as Json).error.details).toHaveProperty('limit');
  });

  it('an absolute-form request target with a broken host is 400 bad_request, not a destroyed connection', async () => {
    const answer = await raw(sim.port, [head('GET', 'http://[/api/v1/voice-actors', [['Connection', 'close']])]);
    expect(answer.statuses).toEqual([400]);
    expect(bodyOf(answer.text)).toMatchObject({ request_id: expect.any(String), error: { code: 'bad_request' } });
  });

  it('a url / source_url whose percent-escape does not decode is accepted, not a 500 URIError', async () => {
    const clip = await call(sim, 'POST', '/api/v1/library/video-urls', {
      body: { url: 'https://cdn.example.com/%E0%A4%A.mp4' },
    });
    expect(clip.status).toBe(202);
    expect(clip.json.asset.name).toBe('%E0%A4%A.mp4');
    const image = await call(sim, 'POST', '/api/v1/story/reference-images', {
      body: { source_url: 'https://cdn.example.com/%E0%A4%A.png' },
    });
    expect(image.status).toBe(201);
  });

  it.each([
    ['bad chunked encoding', 'Transfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n', 400, 'bad_request'],
    ['a negative Content-Length', 'Content-Length: -1\r\n\r\n', 400, 'bad_request'],
    ['headers above 16 KB', `X-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431, 'request_header_fields_too_large'],
  ])('%s is answered with the JSON error envelope (%i %s)', async (_what, rest, status, code) => {
    const answer = await raw(sim.port, [
      `POST /api/v1/cost-estimate HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer sk_test_pro\r\n${rest}`,
      'end',
    ]);
    expect(answer.statuses).toEqual([status]);
    expect(bodyOf(answer.text)).toMatchObject({ request_id: expect.any(String), error: { code } });
  });
});

import {
  call,
  referenceSignature,
  signedTrigger,
  simulatorSuite,
  uniqueKey,
  waitForTerminal,
  type Json,
} from './helpers';

async function send(
  url: string,
  headers: Record<string, string>,
  body: string,
): Promise<{ status: number; json: Json }> {
  const res = await fetch(url, { method: 'POST', headers, body });
  return { status: res.status, json: await res.json() };
}

describe('triggers', () => {
  const { sim } = simulatorSuite();

  function signed(
    body: Record<string, unknown>,
    overrides: Partial<{ triggerId: string; secret: string; nonce: string; nowMs: number }> = {},
  ) {
    return signedTrigger(sim.url, {
      triggerId: overrides.triggerId ?? 'trg_test',
      secret: overrides.secret ?? 'whsec_trigger_test',
      body,
      idempotencyKey: uniqueKey('trg'),
      nowMs: overrides.nowMs ?? Date.now(),
      ...(overrides.nonce ? { nonce: overrides.nonce } : {}),
    });
  }

  describe('POST /api/v1/triggers/videos (API key)', () => {
    it('accepts the key in the body, with idempotency_key in the body too', async () => {
      const body = {
        api_key: 'sk_test_pro',
        video_type: 'rants',
        idempotency_key: uniqueKey(),
        preview_only: true,
        prompt: 'A rant about fake friends.',
      };
      const first = await call(sim, 'POST', '/api/v1/triggers/videos', { key: null, body });
      expect(first.status).toBe(202);
      expect(first.json).toMatchObject({
        status: 'queued',
        poll_url: `/api/v1/rants/videos/${first.json.video_id}`,
        webhook: { enabled: false },
      });
      const replay = await call(sim, 'POST', '/api/v1/triggers/videos', { key: null, body });
      expect(replay.json.video_id).toBe(first.json.video_id);
      expect((sim.state().videos as Json[])[0]).toMatchObject({
        source: 'trigger_api_key',
        idempotency_key: body.idempotency_key,
      });
      expect((await waitForTerminal(sim, 'rants', first.json.video_id)).status).toBe('completed');
    });

    it('accepts header keys (Bearer, X-Trending-Api-Key) and the Idempotency-Key header', async () => {
      const viaBearer = await call(sim, 'POST', '/api/v1/triggers/videos', {
        body: { video_type: 'ranking' },
        idempotencyKey: uniqueKey(),
      });
      expect(viaBearer.status).toBe(202);
      const viaHeader = await call(sim, 'POST', '/api/v1/triggers/videos', {
        key: null,
        headers: { 'x-trending-api-key': 'sk_test_pro' },
        body: { video_type: 'ranking' },
        idempotencyKey: uniqueKey(),
      });
      expect(viaHeader.status).toBe(202);
    });

    it('401 without any key, 422 idempotency_required without a key, 422 validation_failed for a bad video_type', async () => {
      expect(
        (await call(sim, 'POST', '/api/v1/triggers/videos', { key: null, body: { video_type: 'story' } })).json.error
          .code,
      ).toBe('missing_api_key');
      const noIdem = await call(sim, 'POST', '/api/v1/triggers/videos', { body: { video_type: 'story' } });
      expect(noIdem.status).toBe(422);
      expect(noIdem.json.error.code).toBe('idempotency_required');
      const badType = await call(sim, 'POST', '/api/v1/triggers/videos', {
        body: { video_type: 'shorts' },
        idempotencyKey: uniqueKey(),
      });
      expect(badType.status).toBe(422);
      expect(badType.json.error).toMatchObject({
        code: 'validation_failed',
        details: { video_type: expect.any(Array) },
      });
    });
  });

  describe('POST /api/v1/triggers/webhook (signed)', () => {
    it('starts a video on the trigger owner account, with the same answer as create', async () => {
      const req = signed({
        video_type: 'story',
        preview_only: true,
        script: { images_requested: 2 },
        prompt: 'A short scary story.',
      });
      const res = await send(req.url, req.headers, req.body);
      expect(res.status).toBe(202);
      expect(res.json).toMatchObject({
        video_id: expect.any(Number),
        pipeline_run_id: expect.any(String),
        status: 'queued',
      });
      expect((sim.state().videos as Json[])[0]).toMatchObject({ account_id: 1, source: 'trigger_signed' });
      const log = sim.requests().at(-1);
      expect(log?.headers['x-trending-signature-v1']).toBe('[REDACTED]');
      expect(log?.trigger_id).toBe('trg_test');
    });

    it('401 invalid_signature for a wrong secret, changed bytes, missing headers, or an old timestamp', async () => {
      const wrongSecret = signed({ video_type: 'rants' }, { secret: 'whsec_wrong' });
      expect((await send(wrongSecret.url, wrongSecret.headers, wrongSecret.body)).json.error).toMatchObject({
        code: 'invalid_signature',
        details: { reason: 'signature_mismatch' },
      });
      const tampered = signed({ video_type: 'rants' });
      const changed = await send(tampered.url, tampered.headers, tampered.body.replace('rants', 'story'));
      expect(changed.status).toBe(401);
      expect(changed.json.error.code).toBe('invalid_signature');
      const missing = await send(`${sim.url}/api/v1/triggers/webhook`, { 'content-type': 'application/json' }, '{}');
      expect(missing.json.error).toMatchObject({ code: 'invalid_signature', details: { reason: 'missing_headers' } });
      const old = signed({ video_type: 'rants' }, { nowMs: Date.now() - 301_000 });
      const stale = await send(old.url, old.headers, old.body);
      expect(stale.status).toBe(401);
      expect(stale.json.error.details.reason).toBe('timestamp_outside_window');
      const unknown = signed({ video_type: 'rants' }, { triggerId: 'trg_nope' });
      expect((await send(unknown.url, unknown.headers, unknown.body)).json.error.code).toBe('invalid_signature');
    });

    it('verifies the raw bytes exactly as sent (whitespace included)', async () => {
      const body = '{ "video_type" : "ranking",\n  "idempotency_key": "ws-1" }';
      const ts = String(Math.floor(Date.now() / 1000));
      const res = await send(
        `${sim.url}/api/v1/triggers/webhook`,
        {
          'content-type': 'application/json',
          'x-trending-trigger': 'trg_test',
          'x-trending-timestamp': ts,
          'x-trending-signature-v1': referenceSignature('whsec_trigger_test', ts, body),
        },
        body,
      );
      expect(res.status).toBe(202);
    });

    it('401 nonce_reused when a nonce is replayed', async () => {
      const first = signed({ video_type: 'ranking' }, { nonce: 'nonce-1' });
      expect((await send(first.url, first.headers, first.body)).status).toBe(202);
      const replay = await send(first.url, first.headers, first.body);
      expect(replay.status).toBe(401);
      expect(replay.json.error.code).toBe('nonce_reused');
    });

    it('403 ip_not_allowed outside the trigger CIDRs; allowed inside them', async () => {
      const outside = sim.createTrigger({
        trigger_id: 'trg_office',
        secret: 'whsec_office',
        allowed_cidrs: ['10.0.0.0/8'],
      });
      const req = signed({ video_type: 'ranking' }, { triggerId: outside.trigger_id, secret: outside.secret });
      const res = await send(req.url, req.headers, req.body);
      expect(res.status).toBe(403);
      expect(res.json.error.code).toBe('ip_not_allowed');
      const admin = await fetch(`${sim.url}/_sim/triggers`, {
        method: 'POST',
        body: JSON.stringify({ api_key: 'sk_test_storyonly', allowed_cidrs: ['127.0.0.0/8', '::1/128'] }),
      });
      const inside = (await admin.json()) as Json;
      expect(admin.status).toBe(201);
      expect(inside).toMatchObject({
        trigger_id: expect.stringMatching(/^trg_/),
        secret: expect.stringMatching(/^whsec_/),
        account_id: 4,
      });
      const ok = signed(
        { video_type: 'story', preview_only: true, script: { images_requested: 2 } },
        { triggerId: inside.trigger_id, secret: inside.secret },
      );
      expect((await send(ok.url, ok.headers, ok.body)).status).toBe(202);
    });

    it('applies plan gates and idempotency to the owner account', async () => {
      const storyOnly = sim.createTrigger({ api_key: 'sk_test_storyonly' });
      const req = signed({ video_type: 'rants' }, { triggerId: storyOnly.trigger_id, secret: storyOnly.secret });
      expect((await send(req.url, req.headers, req.body)).json.error.code).toBe('membership_template_required');
      const first = signed({ video_type: 'ranking', idempotency_key: 'same' });
      const firstJson = (await send(first.url, { ...first.headers, 'idempotency-key': 'same' }, first.body)).json;
      const second = signed({ video_type: 'ranking', idempotency_key: 'same' });
      const secondJson = (await send(second.url, { ...second.headers, 'idempotency-key': 'same' }, second.body)).json;
      expect(secondJson.video_id).toBe(firstJson.video_id);
    });

    it('429 rate_limited per trigger', async () => {
      sim.configure({ rateLimitPerMinute: 2, retryAfterHeader: true });
      for (let i = 0; i < 2; i++) {
        const req = signed({ video_type: 'ranking', preview_only: true });
        expect((await send(req.url, req.headers, req.body)).status).toBe(202);
      }
      const req = signed({ video_type: 'ranking', preview_only: true });
      const res = await fetch(req.url, { method: 'POST', headers: req.headers, body: req.body });
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    });
  });
});
